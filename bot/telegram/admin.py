"""Admin handlers: /reload, notice upload, /misses, /stats, /why.

Why the care: these change what every user is told. A reload or an upload either completes —
new knowledge built, written to the knowledge folder and swapped in — or changes nothing at
all, and the admin sees which. An upload is checked (type, size, readable) before a byte is
stored, and is ingested from a staging copy of the data folder, so a file that yields no notice
never lands in ``data/``. Ingest runs in a worker thread; a status message shows progress.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from types import TracebackType
from typing import Self

from telegram import Chat, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.ingest import (
    IngestReport,
    IngestResult,
    KnowledgeDiff,
    build_knowledge,
    diff_knowledge,
    doc_id_for,
    notice_files,
    write_knowledge,
)
from bot.ingest.pipeline import knowledge_after
from bot.ingest.readers import SUPPORTED_SUFFIXES, UnreadableNotice, read_notice_bytes
from bot.knowledge import Knowledge
from bot.knowledge.schema import KIND_LABELS, DocumentKnowledge
from bot.knowledge.store import open_knowledge
from bot.secrets import public_text
from bot.settings import Settings
from bot.telegram.context import EngineLike, reply_html, services
from bot.telegram.formatting import escape, render_misses, render_stats, split_message
from bot.telegram.handlers import command_argument
from bot.telegram.reminders import announce_new_notices

logger = logging.getLogger(__name__)

REFUSAL = "抱歉，这个功能只有管理员可以使用。如需更新通知，请联系机器人管理员。"
PRIVATE_ONLY = "请在与我的私聊中使用管理功能。"


Progress = Callable[[int, int, str], None]


class UploadRejected(Exception):
    """An uploaded file that is refused; the message is for the admin. Nothing was changed."""


@dataclass(frozen=True)
class Rebuilt:
    """The outcome of a successful reload or upload (already written and swapped in)."""

    knowledge: Knowledge
    diff: KnowledgeDiff
    report: IngestReport
    document: DocumentKnowledge | None = None  # the uploaded notice, for uploads


async def require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str) -> bool:
    """True for an admin in a private chat; otherwise reply politely (and log a refusal)."""
    svc = services(context)
    message = update.effective_message
    user = update.effective_user
    user_id = user.id if user else None
    if not svc.settings.is_admin(user_id):
        logger.warning("refused admin action %r for user %s", action, user_id)
        svc.query_log.log_denied(user_id, action)
        if message is not None:
            await reply_html(message, [REFUSAL])
        return False
    if message is not None and message.chat.type != Chat.PRIVATE:
        await reply_html(message, [PRIVATE_ONLY])
        return False
    return True


class ProgressMessage:
    """A status message edited from a worker thread's progress calls, at most once per interval.

    Progress arrives on the worker thread; it is handed to the event loop and a small task
    edits the message. The task is stopped before the final text is shown, so a late progress
    edit can never overwrite the result.
    """

    def __init__(self, message: Message, interval: float = 1.5) -> None:
        self._message = message
        self._interval = interval
        self._loop = asyncio.get_running_loop()
        self._latest = message.text_html if message.text else ""
        self._shown = self._latest
        self._task: asyncio.Task[None] | None = None

    def report(self, done: int, total: int, name: str) -> None:
        """The ``progress`` callback for ``build_knowledge`` (called on the worker thread)."""
        text = f"⏳ 正在导入 {done}/{total}：{escape(name)}"
        self._loop.call_soon_threadsafe(setattr, self, "_latest", text)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            if self._latest != self._shown:
                self._shown = self._latest
                try:
                    await self._message.edit_text(self._latest, parse_mode=ParseMode.HTML)
                except TelegramError as exc:  # e.g. "message is not modified"
                    logger.debug("progress edit failed: %s", exc)

    async def __aenter__(self) -> Self:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def finish(self, text: str) -> None:
        """Show the final text: the first part replaces the status, further parts follow."""
        parts = split_message(text)
        try:
            await self._message.edit_text(parts[0], parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            logger.warning("could not edit status message: %s", exc)
            await self._message.reply_text(parts[0], parse_mode=ParseMode.HTML)
        for part in parts[1:]:
            await self._message.reply_text(part, parse_mode=ParseMode.HTML)


# --- the work, on a worker thread ------------------------------------------------------------


def _build(
    settings: Settings, engine: EngineLike, data_dir: Path, progress: Progress | None
) -> tuple[IngestResult, Knowledge, KnowledgeDiff]:
    """Ingest ``data_dir``; the new knowledge as it will load (hand corrections applied) and
    its difference from what the engine has now. Changes nothing.

    Incremental: only the files changed since the knowledge folder was written are built, and
    the engine's unchanged documents are reused, so one upload into 10^4 notices takes seconds.
    """
    folder = settings.knowledge_dir
    result = build_knowledge(data_dir, limits=settings.read_limits, progress=progress, previous=folder)
    new = knowledge_after(result, engine.knowledge, folder)
    return result, new, diff_knowledge(engine.knowledge, new)


def rebuild(settings: Settings, engine: EngineLike, progress: Progress | None = None) -> Rebuilt:
    """Re-ingest the data folder, write the knowledge folder and swap; raises if anything fails."""
    result, new, diff = _build(settings, engine, settings.data_dir, progress)
    write_knowledge(result, settings.knowledge_dir)
    engine.swap(open_knowledge(settings.knowledge_dir))  # the compiled index just written
    return Rebuilt(new, diff, result.report)


def _unsafe_in_name(ch: str) -> bool:
    """Control, line-separator and bidi characters (U+202E makes "txt.exe" read "exe.txt")."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def check_upload(settings: Settings, name: str | None, size: int | None) -> str:
    """The file name to store an upload under, or ``UploadRejected`` (before downloading)."""
    if not name:
        raise UploadRejected("文件没有文件名，无法导入。")
    safe = PureWindowsPath(name).name.strip()  # drops any folder part, / and \ alike
    if not safe or safe.startswith(".") or any(_unsafe_in_name(ch) for ch in safe):
        raise UploadRejected("文件名不可用（含控制字符、换行或文字方向字符），请改名后再上传。")
    suffix = Path(safe).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(
            f"不支持的文件类型：{suffix or '（无扩展名）'}。"
            f"请发送 {' '.join(SUPPORTED_SUFFIXES)} 格式的通知。"
        )
    if size is not None and size > settings.max_upload_bytes:
        raise UploadRejected(
            f"文件太大：{size / 1024 / 1024:.1f} MB，上限为 "
            f"{settings.max_upload_bytes / 1024 / 1024:.1f} MB。"
        )
    check_no_clash(settings, safe)  # early, before downloading; again inside the ingest lock
    return safe


def check_no_clash(settings: Settings, name: str) -> None:
    """Refuse a file whose notice id another file in data/ already has.

    Run again in ``ingest_upload``, inside the ingest lock: two uploads sent at once must not
    both pass the check and then both report success.
    """
    doc = doc_id_for(Path(name))
    if settings.data_dir.is_dir():
        clash = [
            p.name
            for p in notice_files(settings.data_dir)
            if doc_id_for(p) == doc and p.name != name
        ]
        if clash:
            raise UploadRejected(
                f"数据目录中已有同一编号的通知文件：{'、'.join(clash)}。请改个文件名再上传。"
            )


def check_readable(settings: Settings, name: str, data: bytes) -> None:
    """Refuse a file the readers cannot turn into notice text (before anything is stored)."""
    try:  # also enforces the size limit, in case Telegram did not tell the size beforehand
        read_notice_bytes(name, data, limits=settings.read_limits)
    except UnreadableNotice as exc:
        raise UploadRejected(f"无法读取这个文件：{exc}") from exc


def ingest_upload(
    settings: Settings,
    engine: EngineLike,
    name: str,
    data: bytes,
    progress: Progress | None = None,
) -> Rebuilt:
    """Ingest the data folder plus the upload from a staging copy; commit only on success.

    Commit order: the file goes into ``data/`` (atomic rename), then the knowledge folder is
    written (atomic swap), then the engine swaps. If writing the knowledge fails, the data
    folder is put back as it was.
    """
    check_no_clash(settings, name)
    doc = doc_id_for(Path(name))
    with tempfile.TemporaryDirectory(prefix="campaignbot-upload-") as tmp:
        staging = Path(tmp) / "data"
        if settings.data_dir.is_dir():  # hard links: 10^4 notices are "copied" in a blink
            shutil.copytree(settings.data_dir, staging, copy_function=_link_or_copy)
        else:
            staging.mkdir()
        (staging / name).write_bytes(data)
        result, new, diff = _build(settings, engine, staging, progress)
    if doc not in result.doc_ids:
        why = next((why for skipped, why in result.report.skipped if skipped == name), "")
        raise UploadRejected(f"这个文件没有导入为通知。{why}".strip())

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    target = settings.data_dir / name
    previous = target.read_bytes() if target.exists() else None
    _atomic_write(target, data)
    try:
        write_knowledge(result, settings.knowledge_dir)
    except BaseException:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            _atomic_write(target, previous)
        raise
    engine.swap(open_knowledge(settings.knowledge_dir))  # the compiled index just written
    return Rebuilt(new, diff, result.report, new.documents.get(doc))


def _link_or_copy(source: str, target: str) -> None:
    """Stage a data file: a hard link is safe because data files are only ever replaced by
    rename (``_atomic_write``), never written in place; a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- summaries ------------------------------------------------------------------------------


def describe_document(doc: DocumentKnowledge) -> str:
    """What was extracted from one notice, for the admin who uploaded it (HTML)."""
    meta = doc.meta
    counts = Counter(f.kind for f in doc.facts)
    facts = "、".join(f"{KIND_LABELS.get(k, k)} {n}" for k, n in counts.most_common()) or "无"
    lines = [f"<b>《{escape(meta.title)}》</b>"]
    details = [meta.issuer, meta.issue_date, meta.doc_number]
    if any(details):
        lines.append(escape(" · ".join(d for d in details if d)))
    labels = "、".join(u.label for u in meta.units)
    if labels:
        lines.append(f"地区/年份：{escape(labels)}")
    lines.append(f"提取的事实：{len(doc.facts)} 条（{escape(facts)}）")
    lines.append(f"章节：{len(doc.sections)} 个")
    if doc.warnings:
        lines.append(f"提示：{len(doc.warnings)} 条（见下方导入报告）")
    return "\n".join(lines)


def _success_text(headline: str, rebuilt: Rebuilt) -> str:
    lines = [headline, f"现在共有 {len(rebuilt.knowledge.documents)} 份通知。"]
    if rebuilt.document is not None:
        lines += ["", describe_document(rebuilt.document)]
    lines += ["", "<b>变化</b>", escape(rebuilt.diff.summary())]
    lines += ["", "<b>导入报告</b>", escape(rebuilt.report.summary())]
    return "\n".join(lines)


def _failure_text(headline: str, exc: BaseException, settings: Settings) -> str:
    """The reason a change failed, for the admin: the file named, never a server path or secret."""
    reason = public_text(str(exc) or type(exc).__name__, settings.secrets)
    return f"{headline}\n原因：{escape(reason)}"


# --- handlers -------------------------------------------------------------------------------


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: re-ingest data/, write knowledge/, swap; the old knowledge stays on failure."""
    message = update.effective_message
    if message is None or not await require_admin(update, context, "reload"):
        return
    svc = services(context)
    rebuilt: Rebuilt | None = None
    async with svc.ingest_lock:
        status = await message.reply_text("⏳ 正在重新导入通知……")
        async with ProgressMessage(status) as progress:
            try:
                rebuilt = await asyncio.to_thread(
                    rebuild, svc.settings, svc.engine, progress.report
                )
            except Exception as exc:
                logger.exception("reload failed; keeping the current knowledge")
                text = _failure_text("❌ 重新导入失败，仍在使用原来的知识库。", exc, svc.settings)
            else:
                logger.info("reloaded: %s", rebuilt.diff.summary().replace("\n", "; "))
                text = _success_text("✅ 已重新导入。", rebuilt)
        await progress.finish(text)
    if rebuilt is not None and rebuilt.diff.added_docs:
        await announce_new_notices(context, rebuilt.diff.added_docs)


async def on_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document from an admin: check it, store it under data/, ingest and reload."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if not await require_admin(update, context, "upload"):
        return
    svc = services(context)
    document = message.document
    try:
        name = check_upload(svc.settings, document.file_name, document.file_size)
    except UploadRejected as exc:
        await reply_html(message, [escape(f"❌ {exc} 未做任何更改。")])
        return
    rebuilt: Rebuilt | None = None
    async with svc.ingest_lock:
        status = await message.reply_text(
            f"⏳ 正在检查文件 {escape(name)}……", parse_mode=ParseMode.HTML
        )
        async with ProgressMessage(status) as progress:
            try:
                file = await document.get_file()
                data = bytes(await file.download_as_bytearray())
                await asyncio.to_thread(check_readable, svc.settings, name, data)
                rebuilt = await asyncio.to_thread(
                    ingest_upload, svc.settings, svc.engine, name, data, progress.report
                )
            except UploadRejected as exc:
                text = _failure_text("❌ 文件未导入，未做任何更改。", exc, svc.settings)
            except Exception as exc:
                logger.exception("upload of %s failed; nothing changed", name)
                text = _failure_text("❌ 导入失败，未做任何更改。", exc, svc.settings)
            else:
                logger.info("uploaded %s: %s", name, rebuilt.diff.summary().replace("\n", "; "))
                text = _success_text(f"✅ 已导入 {escape(name)}。", rebuilt)
        await progress.finish(text)
    if rebuilt is not None and rebuilt.diff.added_docs:
        await announce_new_notices(context, rebuilt.diff.added_docs)


async def on_misses(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/misses: the latest questions nobody could answer — the next corrections to make."""
    message = update.effective_message
    if message is None or not await require_admin(update, context, "misses"):
        return
    svc = services(context)
    misses = await asyncio.to_thread(svc.query_log.recent_misses, 20)
    await reply_html(message, split_message(render_misses(misses, svc.settings.tz)))


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: questions, answer rate, latency and feedback."""
    message = update.effective_message
    if message is None or not await require_admin(update, context, "stats"):
        return
    svc = services(context)
    stats = await asyncio.to_thread(svc.query_log.stats)
    text = render_stats(stats, len(svc.engine.knowledge.documents))
    await reply_html(message, split_message(text))


async def on_why(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/why 问题: how the bot understood a question and why it answered it or not."""
    message = update.effective_message
    if message is None or not await require_admin(update, context, "why"):
        return
    question = command_argument(message)
    if not question:
        await reply_html(message, ["用法：<code>/why 问题</code>，例如 <code>/why 2024年四川质量月的主题是什么</code>"])
        return
    svc = services(context)
    text = await asyncio.to_thread(svc.engine.why, question)
    await reply_html(message, split_message(f"<b>/why</b> {escape(question)}\n<pre>{escape(text)}</pre>"))
