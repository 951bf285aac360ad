"""Fault injections, end to end, against ``build_application`` and the CLI's knowledge swap.

Prints a table (probe, held/broke, what was measured). Each probe reproduces one break named in
issue 8 on a throw-away copy of the repository's data and knowledge; nothing in the repository
changes. Exit status 1 when any probe broke, so the table can be trusted at a glance.

    .venv/bin/python scripts/fault_probes.py
"""

from __future__ import annotations

import asyncio
import io
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from telegram import Update

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.ingest import build_knowledge, write_knowledge  # noqa: E402
from bot.knowledge.store import CORRECTIONS_DIR, load_knowledge  # noqa: E402
from bot.knowledge.swap import SWAP_STEPS, previous_path  # noqa: E402
from bot.secrets import public_text  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.app import bot_services, build_application  # noqa: E402
from bot.telegram.offline import RecordingRequest, Updates  # noqa: E402

TOKEN = "123456789:AAEfaultProbeToken-abcdefghijklmnop"
ADMIN = 42
BOMB_UNPACKED_BYTES = 1024**3  # the bomb: document.xml unpacks to 1 GB
BOMB_MAX_SECONDS = 2.0
BOMB_MAX_RSS_GROWTH_MB = 200
PDF_PAGES = 2000
LOCKED_LOG_SECONDS = 8.0  # how long another connection holds the query log's lock
ANSWER_MAX_SECONDS = 2.0  # an answer must not wait for the log
QUESTION = "天水市2016年质量月的主题是什么"  # answered by a seed notice, with a 原文 button

CHILD_SWAP = """
import os, signal, sys
from pathlib import Path
from bot.ingest import build_knowledge, write_knowledge
data, out, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
def checkpoint(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)
write_knowledge(build_knowledge(data), out, checkpoint=checkpoint)
"""

Result = tuple[bool, str]


def workspace() -> Path:
    root = Path(tempfile.mkdtemp(prefix="campaignbot-faults-"))
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "knowledge", root / "knowledge")
    return root


def settings_for(root: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        telegram_bot_token=TOKEN, admin_ids=str(ADMIN), knowledge_dir=root / "knowledge",
        data_dir=root / "data", db_path=root / "queries.sqlite3",
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bomb_docx() -> bytes:
    """A .docx whose document.xml unpacks to 1 GB of one repeated byte (about 1 MB packed)."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(BOMB_UNPACKED_BYTES // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def many_pages_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(PDF_PAGES):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


async def with_bot(root: Path, body: Callable[..., Awaitable[Result]]) -> Result:
    request = RecordingRequest()
    app = build_application(settings_for(root), request=request)
    await app.initialize()
    try:
        return await body(app, request)
    finally:
        await app.shutdown()
        bot_services(app).query_log.close()


async def send(app, payload) -> None:  # type: ignore[no-untyped-def]
    await app.process_update(Update.de_json(payload, app.bot))


async def upload(root: Path, name: str, data: bytes) -> Result:
    async def body(app, request) -> Result:  # type: ignore[no-untyped-def]
        updates = Updates()
        request.add_file("f1", data)
        before_rss, start = rss_mb(), time.perf_counter()
        await send(app, updates.document(ADMIN, "f1", name, len(data)))
        seconds, growth = time.perf_counter() - start, rss_mb() - before_rss
        replies = " / ".join(str(c.params.get("text", "")) for c in request.calls
                             if c.method in ("sendMessage", "editMessageText"))[-90:]
        stored = (root / "data" / name).exists()
        held = not stored and seconds < BOMB_MAX_SECONDS and growth < BOMB_MAX_RSS_GROWTH_MB
        return held, f"{seconds:.2f} s, +{growth:.0f} MB peak RSS, stored={stored}: {replies}"

    return await with_bot(root, body)


def probe_zip_bomb() -> Result:
    return asyncio.run(upload(workspace(), "bomb.docx", bomb_docx()))


def probe_many_pages_pdf() -> Result:
    return asyncio.run(upload(workspace(), "pages.pdf", many_pages_pdf()))


def corrected(root: Path) -> Path:
    folder = root / "knowledge"
    doc = sorted(p.stem for p in folder.glob("*.yaml"))[0]
    (folder / CORRECTIONS_DIR).mkdir(exist_ok=True)
    (folder / CORRECTIONS_DIR / "probe.yaml").write_text(
        f"doc: {doc}\nmeta:\n  title: 更正后的标题\n", encoding="utf-8")
    return folder


def probe_swap_kill(step: str) -> Result:
    root = workspace()
    folder = corrected(root)
    before = set(load_knowledge(folder).documents)
    child = subprocess.run([sys.executable, "-c", CHILD_SWAP, str(root / "data"), str(folder), step],
                           cwd=REPO, capture_output=True, text=True, timeout=300)
    if child.returncode != -signal.SIGKILL:
        return False, f"child was not killed at {step}: {child.stderr[-200:]}"
    knowledge = load_knowledge(folder)
    titles = {d.meta.title for d in knowledge.documents.values()}
    whole = set(knowledge.documents) == before and "更正后的标题" in titles
    write_knowledge(build_knowledge(root / "data"), folder)  # the next reload
    again = "更正后的标题" in {d.meta.title for d in load_knowledge(folder).documents.values()}
    left = sorted(p.name for p in root.iterdir() if p.name.startswith(".knowledge."))
    return whole and again and not left, (
        f"{len(knowledge.documents)} notices, corrections kept={whole}, next reload ok={again}, "
        f"leftovers={left}")


def probe_stale_previous_folder() -> Result:
    root = workspace()
    folder = corrected(root)
    previous_path(folder).mkdir()
    (previous_path(folder) / "x.yaml").write_text("stale", encoding="utf-8")
    try:
        for _ in range(2):
            write_knowledge(build_knowledge(root / "data"), folder)
    except OSError as exc:
        return False, f"reload failed: {exc}"
    return not previous_path(folder).exists(), "two reloads after a leftover previous folder"


def probe_token_forms() -> Result:
    encoded = TOKEN.replace(":", "%3A")
    text = f"GET https://api.telegram.org/file/bot{encoded}/documents/x.docx failed; token {TOKEN}"
    shown = public_text(text, [TOKEN])
    return TOKEN not in shown and encoded not in shown, shown[:80]


def probe_locked_log() -> Result:
    root = workspace()

    async def body(app, request) -> Result:  # type: ignore[no-untyped-def]
        await send(app, Updates().private(7, "你好"))  # creates the log's tables
        holder = sqlite3.connect(root / "queries.sqlite3", isolation_level=None, timeout=0)
        holder.execute("BEGIN EXCLUSIVE")
        release = asyncio.get_running_loop().call_later(LOCKED_LOG_SECONDS, holder.rollback)
        request.clear()
        start = time.perf_counter()
        await send(app, Updates().private(7, QUESTION))
        seconds = time.perf_counter() - start
        release.cancel()
        holder.rollback()
        holder.close()
        text = request.messages[-1].text if request.messages else ""
        held = seconds < ANSWER_MAX_SECONDS and "出了点问题" not in text and bool(text)
        return held, f"answer after {seconds:.2f} s with the log locked: {text[:40]!r}"

    return asyncio.run(with_bot(root, body))


def probe_button_after_restart() -> Result:
    root = workspace()
    pressed: dict[str, object] = {}

    async def ask_in_a(app, request) -> Result:  # type: ignore[no-untyped-def]
        await send(app, Updates().private(1, QUESTION))
        message = request.sent[-1]
        pressed["message"] = message
        pressed["data"] = [b["callback_data"] for row in message.get("reply_markup", {}).get(
            "inline_keyboard", []) for b in row if "原文" in b["text"]]
        return True, ""

    async def other_chat_asks_then_a_presses(app, request) -> Result:  # type: ignore[no-untyped-def]
        updates = Updates()
        await send(app, updates.private(2, "联系电话是多少"))
        request.clear()
        datas = pressed["data"]
        if not datas:
            return False, "no 原文 button on the answer"
        await send(app, updates.callback(1, pressed["message"], str(datas[0])))  # type: ignore[arg-type]
        alerts = [c.params.get("text", "") for c in request.of("answerCallbackQuery")]
        sent = [c for c in request.messages]
        expired = any("过期" in str(a) for a in alerts)
        wrong = any("联系" in c.text or "电话" in c.text for c in sent)
        return expired or not wrong, f"alerts={alerts}, messages={len(sent)}"

    asyncio.run(with_bot(root, ask_in_a))
    return asyncio.run(with_bot(root, other_chat_asks_then_a_presses))


def probe_button_replayed_elsewhere() -> Result:
    async def body(app, request) -> Result:  # type: ignore[no-untyped-def]
        updates = Updates()
        await send(app, updates.private(1, QUESTION))
        message = request.sent[-1]
        datas = [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
        elsewhere = {**message, "chat": {"id": -100777, "type": "group", "title": "别的群"}}
        request.clear()
        for data in datas:
            await send(app, updates.callback(9, elsewhere, data))
        acks = [str(c.params.get("text", "")) for c in request.of("answerCallbackQuery")]
        sent = len(request.messages)
        votes = bot_services(app).query_log.stats().thumbs_up + bot_services(app).query_log.stats().thumbs_down
        return sent == 0 and votes == 0, f"{len(datas)} buttons pressed in another chat: {sent} messages, {votes} votes, {acks}"

    return asyncio.run(with_bot(workspace(), body))


def probe_forged_feedback() -> Result:
    async def body(app, request) -> Result:  # type: ignore[no-untyped-def]
        updates = Updates()
        await send(app, updates.private(1, QUESTION))
        message = request.sent[-1]
        request.clear()
        for data in ("f:²:+", "f:" + "9" * 25 + ":+", "s:../../etc", "x" * 64):
            await send(app, updates.callback(1, message, data))
        acks = [str(c.params.get("text", "")) for c in request.of("answerCallbackQuery")]
        return len(acks) == 4 and not any("出了点问题" in a for a in acks), f"{acks}"

    return asyncio.run(with_bot(workspace(), body))


PROBES: list[tuple[str, Callable[[], Result]]] = [
    ("docx zip bomb (1 GB unpacked) refused fast and small", probe_zip_bomb),
    (f"{PDF_PAGES}-page PDF refused or capped fast", probe_many_pages_pdf),
    *[(f"swap killed at {step}", lambda step=step: probe_swap_kill(step)) for step in SWAP_STEPS],
    ("stale previous folder does not block reloads", probe_stale_previous_folder),
    ("token redacted in plain and percent-encoded form", probe_token_forms),
    (f"log locked {LOCKED_LOG_SECONDS:.0f} s delays no answer", probe_locked_log),
    ("old button after a restart: expired or its own job", probe_button_after_restart),
    ("buttons replayed in another chat do nothing there", probe_button_replayed_elsewhere),
    ("forged callback data: polite refusal, no exception", probe_forged_feedback),
]


def main() -> int:
    rows = []
    for name, probe in PROBES:
        try:
            held, detail = probe()
        except Exception as exc:  # a probe that crashes is a break, reported, not hidden
            held, detail = False, f"{type(exc).__name__}: {exc}"[:120]
        rows.append((name, "held" if held else "BROKE", detail))
        print(f"{name:<55} {rows[-1][1]:<6} {' '.join(detail.split())}", flush=True)
    broke = sum(r[1] == "BROKE" for r in rows)
    print(f"\n{len(rows) - broke}/{len(rows)} held")
    return 1 if broke else 0


if __name__ == "__main__":
    raise SystemExit(main())
