"""End-to-end tests of the Telegram bot, offline: real handlers, real engine, fake Bot API.

Every update goes through ``Application.process_update``; ``RecordingRequest`` answers the Bot
API calls and records them, so the assertions are on what the bot would have sent. Anything
that writes (reload, upload, the query log) works on ``tmp_path`` copies of data/ and
knowledge/. Cases that need a controlled answer inject a fake engine through
``build_application(engine=...)``.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from telegram import Update
from telegram.ext import Application, CallbackContext

from bot.answering.engine import Engine
from bot.ingest import IngestResult, build_knowledge, write_knowledge
from bot.knowledge import Knowledge
from bot.knowledge.index import INDEX_FILE
from bot.knowledge.schema import Answer, Citation
from bot.knowledge.store import load_knowledge
from bot.settings import Settings, load_settings
from bot.telegram.app import bot_services, build_application
from bot.telegram.formatting import MESSAGE_LIMIT, utf16_len
from bot.telegram.offline import (
    BOT_ID,
    BOT_USERNAME,
    TEST_TOKEN,
    ApiCall,
    RecordingRequest,
    Updates,
)
from bot.telegram.reminders import send_due_reminders
from tests.conftest import without_file_stats

REPO = Path(__file__).resolve().parent.parent
ADMIN = 111
USER = 222
GROUP = -100_123
OTHER_GROUP = -100_456

LANZHOU_NOTICE = """兰州市质量发展领导小组办公室关于开展2025年“质量月”活动的通知
各县区质量发展领导小组办公室，市直有关部门：
为深入实施质量强市战略，现就开展2025年全市“质量月”活动有关事项通知如下：
一、活动主题
提升质量水平 共建品质兰州
二、活动时间
2025年9月1日至9月30日。
三、有关要求
请各县区于2025年10月10日前将活动总结报送市质量发展领导小组办公室。
联系人：王明 联系电话：0931-8123456
兰州市质量发展领导小组办公室
2025年8月25日"""


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_knowledge_dir(tmp_path_factory: pytest.TempPathFactory, built: IngestResult) -> Path:
    """knowledge/ as ingest writes it from data/ with today's code (plus any corrections)."""
    out = tmp_path_factory.mktemp("seed") / "knowledge"
    if (REPO / "knowledge" / "corrections").is_dir():
        shutil.copytree(REPO / "knowledge" / "corrections", out / "corrections")
    write_knowledge(built, out)
    return out


@pytest.fixture(scope="module")
def knowledge(seed_knowledge_dir: Path) -> Knowledge:
    """What the bot loads at start-up from that folder (shared: Knowledge is immutable).

    Overrides conftest's in-memory ``knowledge`` here: the bot loads from a folder.
    """
    return load_knowledge(seed_knowledge_dir)


@pytest.fixture
def workspace(tmp_path: Path, seed_knowledge_dir: Path) -> Path:
    """Writable copies of data/ and knowledge/ for one test."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(seed_knowledge_dir, tmp_path / "knowledge")
    return tmp_path


@pytest.fixture
def settings(workspace: Path) -> Settings:
    return load_settings(
        _env_file=None,
        telegram_bot_token=TEST_TOKEN,
        admin_ids=str(ADMIN),
        knowledge_dir=workspace / "knowledge",
        data_dir=workspace / "data",
        db_path=workspace / "queries.sqlite3",
        max_upload_bytes=200_000,
    )


@dataclass
class Harness:
    """A built, initialised application with its fake Bot API and an update builder."""

    app: Application
    request: RecordingRequest
    updates: Updates = field(default_factory=Updates)

    async def send(self, payload: dict[str, Any]) -> list[ApiCall]:
        """Process one update; return the Bot API calls it caused."""
        before = len(self.request.calls)
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self.request.calls[before:]

    @property
    def engine(self) -> Any:
        return bot_services(self.app).engine

    def last_sent(self) -> dict[str, Any]:
        return self.request.sent[-1]


MakeHarness = Callable[..., Any]


@pytest.fixture
async def make_bot(settings: Settings, knowledge: Knowledge) -> AsyncIterator[MakeHarness]:
    """Build harnesses (default: the real engine on the repository's knowledge)."""
    started: list[Harness] = []

    async def make(engine: Any = None, **overrides: Any) -> Harness:
        request = RecordingRequest()
        config = settings.model_copy(update=overrides) if overrides else settings
        app = build_application(config, request=request, engine=engine or Engine(knowledge))
        await app.initialize()
        harness = Harness(app, request)
        started.append(harness)
        return harness

    yield make
    for harness in started:
        await harness.app.shutdown()
        bot_services(harness.app).query_log.close()
        bot_services(harness.app).reminders.close()


@pytest.fixture
async def bot(make_bot: MakeHarness) -> Harness:
    return await make_bot()


def sent_texts(calls: list[ApiCall]) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage"]


def button(call: ApiCall, text_part: str) -> str:
    """The callback data of the first button whose label contains ``text_part``."""
    for b in call.buttons:
        if text_part in b["text"]:
            return str(b["callback_data"])
    raise AssertionError(f"no button {text_part!r} in {[b['text'] for b in call.buttons]}")


class FakeEngine:
    """Answers with whatever ``reply`` returns (or raises); records (question, chat, doc, unit)."""

    def __init__(self, knowledge: Knowledge, reply: Callable[[str], Answer]) -> None:
        self.knowledge = knowledge
        self.reply = reply
        self.asked: list[tuple[str, str | None, str | None, str | None]] = []

    def ask(
        self,
        question: str,
        chat: str | None = None,
        *,
        doc: str | None = None,
        unit: str | None = None,
    ) -> Answer:
        self.asked.append((question, chat, doc, unit))
        return self.reply(question)

    def swap(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    def why(self, question: str) -> str:
        return f"fake engine: {question}"


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def folder_state(folder: Path) -> dict[str, bytes]:
    """The folder's files but the compiled index, and the manifest without its file stats (both
    record files' modification times)."""
    return without_file_stats({p.name: p.read_bytes() for p in sorted(folder.iterdir())
                               if p.is_file() and p.name != INDEX_FILE})


# --- import path ------------------------------------------------------------------------------


def test_build_application_is_importable_from_the_package() -> None:
    from bot import build_application as exported

    assert exported is build_application


# --- private chat -----------------------------------------------------------------------------


async def test_private_question_gets_a_cited_answer_with_source_and_feedback_buttons(
    bot: Harness,
) -> None:
    calls = await bot.send(bot.updates.private(USER, "2024年四川质量月的活动主题是什么?"))

    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert reply.chat_id == USER
    assert reply.params["parse_mode"] == "HTML"
    assert reply.reply_to is None  # private chats are not threaded
    assert reply.text.startswith("<b>")
    assert "加强质量支撑 共建质量强省" in reply.text
    assert "《" in reply.text and "原文" in reply.text  # cites notice title and quote
    labels = [b["text"] for b in reply.buttons]
    assert "📖 原文" in labels and "👍 有用" in labels and "👎 没用" in labels


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/start", "目前已导入 <b>5</b> 份通知"),
        ("/help", "可以这样问"),
        ("/sources", "已导入的通知（5 份）"),
        ("/deadlines", "已截止"),
        ("/nonsense", "没有这个命令"),
    ],
)
async def test_private_commands_reply_in_chinese(bot: Harness, command: str, expected: str) -> None:
    calls = await bot.send(bot.updates.private(USER, command))
    assert any(expected in text for text in sent_texts(calls))


async def test_private_sticker_gets_a_hint_to_ask_in_text(bot: Harness) -> None:
    payload = bot.updates.private(USER, "x")
    message = payload["message"]
    del message["text"]
    message["sticker"] = {
        "file_id": "s1",
        "file_unique_id": "us1",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    calls = await bot.send(payload)
    assert any("请用文字提问" in t for t in sent_texts(calls))


# --- groups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "大家好，今天开会",
        "2024年四川质量月的活动主题是什么?",  # a question, but not addressed to the bot
        "@somebody_else 四川质量月的主题",
        "/ask@other_bot 四川质量月的主题",
    ],
)
async def test_group_message_not_addressed_to_the_bot_gets_no_reply(
    bot: Harness, text: str
) -> None:
    calls = await bot.send(bot.updates.group(GROUP, USER, text))
    assert sent_texts(calls) == []


@pytest.mark.parametrize(
    "text",
    [
        f"@{BOT_USERNAME} 2024年四川质量月的活动主题是什么?",
        f"2024年四川质量月的活动主题是什么? @{BOT_USERNAME}",
        f"/ask@{BOT_USERNAME} 2024年四川质量月的活动主题是什么?",
        "/ask 2024年四川质量月的活动主题是什么?",
    ],
)
async def test_group_question_addressed_to_the_bot_is_answered_threaded(
    bot: Harness, text: str
) -> None:
    payload = bot.updates.group(GROUP, USER, text)
    calls = await bot.send(payload)
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert reply.chat_id == GROUP
    assert reply.reply_to == payload["message"]["message_id"]
    assert "加强质量支撑 共建质量强省" in reply.text


async def test_group_reply_to_the_bots_message_is_answered_threaded(bot: Harness) -> None:
    await bot.send(bot.updates.group(GROUP, USER, f"@{BOT_USERNAME} 天水质量月是什么主题?"))
    bot_message = bot.last_sent()
    payload = bot.updates.group(GROUP, USER, "联系人是谁?", reply_to=bot_message)
    calls = await bot.send(payload)
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert reply.reply_to == payload["message"]["message_id"]
    assert "天水" in reply.text


async def test_group_reply_to_someone_else_is_ignored(bot: Harness) -> None:
    other = bot.updates.group(GROUP, 333, "四川的主题是什么?")["message"]
    calls = await bot.send(bot.updates.group(GROUP, USER, "我也想知道", reply_to=other))
    assert sent_texts(calls) == []


async def test_group_follow_up_uses_the_groups_own_conversation(bot: Harness) -> None:
    await bot.send(bot.updates.group(GROUP, USER, f"@{BOT_USERNAME} 天水质量月是什么主题?"))
    calls = await bot.send(bot.updates.group(GROUP, 333, "/ask 那传真呢"))
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert "天水" in reply.text


async def test_follow_up_context_is_keyed_by_chat_id(
    make_bot: MakeHarness, knowledge: Knowledge
) -> None:
    fake = FakeEngine(knowledge, lambda q: Answer(found=True, answer=f"答：{q}"))
    bot = await make_bot(engine=fake)
    await bot.send(bot.updates.group(GROUP, USER, f"@{BOT_USERNAME} 问题一"))
    await bot.send(bot.updates.group(OTHER_GROUP, USER, "/ask 问题二"))
    await bot.send(bot.updates.private(USER, "问题三"))
    assert [(q, chat) for q, chat, _, _ in fake.asked] == [
        ("问题一", str(GROUP)),
        ("问题二", str(OTHER_GROUP)),
        ("问题三", str(USER)),
    ]


async def test_group_ask_without_a_question_explains_usage(bot: Harness) -> None:
    calls = await bot.send(bot.updates.group(GROUP, USER, f"/ask@{BOT_USERNAME}"))
    assert any("请在命令后面写上问题" in t for t in sent_texts(calls))


# --- buttons ----------------------------------------------------------------------------------


async def test_ambiguous_question_offers_notice_buttons_and_a_pick_answers_for_that_notice(
    bot: Harness,
) -> None:
    calls = await bot.send(bot.updates.private(USER, "2024年的质量月主题是什么?"))
    [reply] = [c for c in calls if c.method == "sendMessage"]
    data = button(reply, "四川")
    assert data.startswith("p:") and len(data.encode()) <= 64

    calls = await bot.send(bot.updates.callback(USER, bot.last_sent(), data))

    assert calls[0].method == "answerCallbackQuery"
    [picked] = [c for c in calls if c.method == "sendMessage"]
    assert "四川" in picked.text and "北京" not in picked.text


async def test_pick_button_passes_doc_and_unit_to_the_engine(
    make_bot: MakeHarness, knowledge: Knowledge
) -> None:
    from bot.knowledge.schema import Choice

    def reply(q: str) -> Answer:
        return Answer(
            found=False,
            answer="请选择通知",
            choices=[
                Choice(doc="doc-a", unit="u2", label="甲省 2024年"),
                Choice(doc="doc-b", unit="main", label="乙市 2024年"),
            ],
        )

    fake = FakeEngine(knowledge, reply)
    bot = await make_bot(engine=fake)
    await bot.send(bot.updates.group(GROUP, USER, "/ask 主题是什么"))
    data = button(bot.request.messages[-1], "乙市")
    await bot.send(bot.updates.callback(USER, bot.last_sent(), data))
    assert fake.asked[-1] == ("主题是什么", str(GROUP), "doc-b", "main")


async def test_source_button_shows_the_cited_section_text(
    bot: Harness, knowledge: Knowledge
) -> None:
    calls = await bot.send(bot.updates.private(USER, "2024年四川质量月的活动主题是什么?"))
    [reply] = [c for c in calls if c.method == "sendMessage"]
    data = button(reply, "原文")

    calls = await bot.send(bot.updates.callback(USER, bot.last_sent(), data))

    assert "answerCallbackQuery" in [c.method for c in calls]
    [shown] = [c for c in calls if c.method == "sendMessage"]
    sichuan = next(d for d in knowledge.documents.values() if "四川" in d.meta.title)
    assert sichuan.meta.title in shown.text
    assert "加强质量支撑 共建质量强省" in shown.text


@pytest.mark.parametrize(("label", "field_name"), [("👍", "thumbs_up"), ("👎", "thumbs_down")])
async def test_feedback_button_is_recorded_in_the_query_log(
    bot: Harness, label: str, field_name: str
) -> None:
    await bot.send(bot.updates.private(USER, "天水质量月活动时间是什么时候?"))
    data = button(bot.request.messages[-1], label)
    calls = await bot.send(bot.updates.callback(USER, bot.last_sent(), data))
    [ack] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert ack.params["text"] == "感谢反馈！"
    assert getattr(bot_services(bot.app).query_log.stats(), field_name) == 1


async def test_a_locked_query_log_costs_the_answer_only_its_feedback_buttons(
    bot: Harness, settings: Settings
) -> None:
    await bot.send(bot.updates.private(USER, "你好"))  # the log exists
    holder = sqlite3.connect(settings.db_path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        calls = await bot.send(bot.updates.private(USER, "天水质量月活动时间是什么时候?"))
    finally:
        holder.rollback()
        holder.close()
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert "出了点问题" not in reply.text and "天水" in reply.text
    assert not [b for b in reply.buttons if "有用" in b["text"]]
    assert [b for b in reply.buttons if "原文" in b["text"]]


async def test_old_button_after_a_restart_says_expired_never_another_chats_section(
    make_bot: MakeHarness,
) -> None:
    first = await make_bot()
    await first.send(first.updates.private(USER, "天水质量月活动时间是什么时候?"))
    old_message, old_data = first.last_sent(), button(first.request.messages[-1], "原文")
    restarted = await make_bot()  # a new application on the same state
    await restarted.send(restarted.updates.private(USER + 1, "北京质量月的主题是什么?"))
    calls = await restarted.send(restarted.updates.callback(USER, old_message, old_data))
    [ack] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "过期" in ack.params["text"]
    assert not [c for c in calls if c.method == "sendMessage"]


@pytest.mark.parametrize("label", ["原文", "有用"])
async def test_a_button_replayed_in_another_chat_does_nothing_there(bot: Harness, label: str) -> None:
    await bot.send(bot.updates.private(USER, "天水质量月活动时间是什么时候?"))
    data = button(bot.request.messages[-1], label)
    elsewhere = {**bot.last_sent(), "chat": {"id": -100777, "type": "group", "title": "别的群"}}
    calls = await bot.send(bot.updates.callback(USER + 5, elsewhere, data))
    assert not [c for c in calls if c.method == "sendMessage"]
    [ack] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "感谢" not in ack.params.get("text", "")
    assert bot_services(bot.app).query_log.stats().thumbs_up == 0


async def test_a_deadline_answer_has_a_calendar_button_that_sends_an_ics_of_that_day(bot: Harness) -> None:
    from icalendar import Calendar

    await bot.send(bot.updates.private(USER, "天水2016年质量月活动总结什么时候报送?"))
    data = button(bot.request.messages[-1], "加入日历")
    calls = await bot.send(bot.updates.callback(USER, bot.last_sent(), data))
    [upload] = [c for c in calls if c.method == "sendDocument"]
    name, content = upload.uploads["document"]
    assert name.endswith(".ics") and upload.chat_id == USER
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == "2016-09-25"
    assert "天水" in str(event["summary"])


async def test_an_answer_without_a_deadline_has_no_calendar_button(bot: Harness) -> None:
    await bot.send(bot.updates.private(USER, "天水2016年质量月的联系电话是多少?"))
    assert not [b for b in bot.request.messages[-1].buttons if "日历" in b["text"]]


async def test_expired_button_says_so_instead_of_failing(bot: Harness) -> None:
    message = {"message_id": 5, "date": 0, "chat": {"id": USER, "type": "private"}, "text": "旧"}
    calls = await bot.send(bot.updates.callback(USER, message, "s:zzzz"))
    [ack] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "过期" in ack.params["text"]


# --- formatting -------------------------------------------------------------------------------


async def test_long_answer_is_split_into_messages_within_the_limit_with_buttons_on_the_last(
    make_bot: MakeHarness, knowledge: Knowledge
) -> None:
    lines = [f"第{i:03d}行：" + "质量" * 47 for i in range(100)]  # 10,099 characters
    text = "\n".join(lines)
    assert len(text) >= 10_000
    cite = Citation(doc="d", title="某通知", section="一、活动主题", quote="不在正文中的原句")
    fake = FakeEngine(knowledge, lambda q: Answer(found=True, answer=text, citations=[cite]))
    bot = await make_bot(engine=fake)

    calls = await bot.send(bot.updates.private(USER, "长答案"))

    parts = [c for c in calls if c.method == "sendMessage"]
    assert len(parts) == 3
    assert all(utf16_len(p.text) <= MESSAGE_LIMIT for p in parts)
    assert [bool(p.buttons) for p in parts] == [False, False, True]
    body = "\n".join(p.text for p in parts)
    assert all(line in body for line in lines)  # no line was cut
    assert "不在正文中的原句" in parts[-1].text


async def test_html_special_characters_in_questions_and_answers_are_escaped(
    make_bot: MakeHarness, knowledge: Knowledge
) -> None:
    fake = FakeEngine(
        knowledge, lambda q: Answer(found=False, answer=f"没有找到：{q}\n<i>不是标签</i> & 其他")
    )
    bot = await make_bot(engine=fake)
    calls = await bot.send(bot.updates.private(USER, "a<b & c>d"))
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert reply.text == (
        "<b>没有找到：a&lt;b &amp; c&gt;d</b>\n&lt;i&gt;不是标签&lt;/i&gt; &amp; 其他"
    )


# --- errors -----------------------------------------------------------------------------------


def _boom(question: str) -> Answer:
    raise RuntimeError("engine exploded")


@pytest.mark.parametrize(
    ("chat", "text"),
    [
        (USER, "会出错的问题"),
        (GROUP, f"@{BOT_USERNAME} 会出错的问题"),
        (GROUP, "/ask 会出错的问题"),
    ],
)
async def test_exception_in_a_handler_is_logged_and_the_user_told_in_chinese(
    make_bot: MakeHarness,
    knowledge: Knowledge,
    caplog: pytest.LogCaptureFixture,
    chat: int,
    text: str,
) -> None:
    bot = await make_bot(engine=FakeEngine(knowledge, _boom))
    payload = bot.updates.message(chat, USER, text)
    calls = await bot.send(payload)
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert "出了点问题" in reply.text
    if chat == GROUP:
        assert reply.reply_to == payload["message"]["message_id"]
    assert "engine exploded" in caplog.text  # the traceback is logged


async def test_exception_on_an_unaddressed_group_message_stays_silent(
    make_bot: MakeHarness, knowledge: Knowledge
) -> None:
    bot = await make_bot(engine=FakeEngine(knowledge, _boom))
    calls = await bot.send(bot.updates.group(GROUP, USER, "闲聊"))
    assert sent_texts(calls) == []


# --- admin: reload ----------------------------------------------------------------------------


def _status_text(calls: list[ApiCall]) -> str:
    """The final text of the admin's status message (last edit, or the last message)."""
    edits = [c for c in calls if c.method == "editMessageText"]
    return edits[-1].text if edits else sent_texts(calls)[-1]


async def test_reload_by_admin_reingests_swaps_writes_and_reports_the_diff(
    bot: Harness, workspace: Path
) -> None:
    (workspace / "data" / "tianshui-2016-quality-month-notice.txt").unlink()
    before = bot.engine.knowledge

    calls = await bot.send(bot.updates.private(ADMIN, "/reload"))

    text = _status_text(calls)
    assert "已重新导入" in text
    assert "删除通知: tianshui-2016-quality-month-notice" in text
    assert bot.engine.knowledge is not before
    assert "tianshui-2016-quality-month-notice" not in bot.engine.knowledge.documents
    assert not (workspace / "knowledge" / "tianshui-2016-quality-month-notice.yaml").exists()
    answer = await bot.send(bot.updates.private(USER, "天水市2016年质量月活动主题"))
    assert "推进卓越天水建设" not in sent_texts(answer)[0]


async def test_reload_with_no_change_says_so(bot: Harness) -> None:
    calls = await bot.send(bot.updates.private(ADMIN, "/reload"))
    assert "没有变化" in _status_text(calls)


async def test_reload_by_non_admin_is_refused_logged_and_changes_nothing(
    bot: Harness, workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (workspace / "data" / "tianshui-2016-quality-month-notice.txt").unlink()
    before = bot.engine.knowledge
    on_disk = folder_state(workspace / "knowledge")

    calls = await bot.send(bot.updates.private(USER, "/reload"))

    assert any("只有管理员" in t for t in sent_texts(calls))
    assert bot.engine.knowledge is before
    assert folder_state(workspace / "knowledge") == on_disk
    assert bot_services(bot.app).query_log.stats().denied == 1
    assert "refused admin action" in caplog.text


async def test_reload_that_fails_keeps_the_old_knowledge_and_shows_the_error(
    bot: Harness, workspace: Path
) -> None:
    for path in (workspace / "data").iterdir():
        path.unlink()
    before = bot.engine.knowledge
    on_disk = folder_state(workspace / "knowledge")

    calls = await bot.send(bot.updates.private(ADMIN, "/reload"))

    text = _status_text(calls)
    assert "重新导入失败" in text and "原因" in text
    assert bot.engine.knowledge is before
    assert folder_state(workspace / "knowledge") == on_disk


async def test_admin_command_in_a_group_asks_for_a_private_chat(bot: Harness) -> None:
    before = bot.engine.knowledge
    calls = await bot.send(bot.updates.group(GROUP, ADMIN, f"/reload@{BOT_USERNAME}"))
    assert any("私聊" in t for t in sent_texts(calls))
    assert bot.engine.knowledge is before


# --- admin: upload ----------------------------------------------------------------------------


async def test_upload_of_a_valid_docx_is_stored_ingested_and_answerable(
    bot: Harness, workspace: Path
) -> None:
    data = docx_bytes(LANZHOU_NOTICE)
    bot.request.add_file("f-lanzhou", data)

    calls = await bot.send(bot.updates.document(ADMIN, "f-lanzhou", "lanzhou-2025.docx", len(data)))

    text = _status_text(calls)
    assert "已导入 lanzhou-2025.docx" in text
    assert "新增通知: lanzhou-2025" in text
    assert "提取的事实" in text
    assert (workspace / "data" / "lanzhou-2025.docx").read_bytes() == data
    assert (workspace / "knowledge" / "lanzhou-2025.yaml").exists()
    assert "lanzhou-2025" in bot.engine.knowledge.documents
    answer = await bot.send(bot.updates.private(USER, "兰州2025年质量月的活动主题是什么？"))
    assert "提升质量水平 共建品质兰州" in sent_texts(answer)[0]


async def test_upload_builds_only_the_new_notice_and_writes_what_a_full_ingest_writes(
    bot: Harness, workspace: Path
) -> None:
    # the folder was written with the default read limits; the bot's differ (smaller uploads), so
    # the first reload builds everything again and records the bot's limits
    await bot.send(bot.updates.private(ADMIN, "/reload"))
    before = bot.engine.knowledge
    data = docx_bytes(LANZHOU_NOTICE)
    bot.request.add_file("f-lanzhou", data)

    await bot.send(bot.updates.document(ADMIN, "f-lanzhou", "lanzhou-2025.docx", len(data)))

    after = bot.engine.knowledge
    assert set(after.documents) == set(before.documents) | {"lanzhou-2025"}
    # incremental: the unchanged notices were not rebuilt; the bot answers from the index just compiled
    assert all(after.documents[doc] == before.documents[doc] for doc in before.documents)
    scratch = workspace / "scratch"
    write_knowledge(build_knowledge(workspace / "data", limits=bot_services(bot.app).settings.read_limits), scratch)
    assert folder_state(workspace / "knowledge") == folder_state(scratch)


@pytest.mark.parametrize(
    ("file_name", "content", "declared_size", "reason"),
    [
        ("broken.docx", b"PK\x03\x04 this is not a real zip", None, "无法读取"),
        ("scan.pdf", b"just some bytes, not a PDF", None, "无法读取"),
        ("virus.exe", b"MZ\x90\x00", None, "不支持的文件类型"),
        ("huge.txt", "质量月".encode() * 10, 10_000_000, "文件太大"),
        ("notes.txt", b"only ascii, no notice here", None, "无法读取"),
        ("liar.txt", "质量月".encode() * 30_000, 100, "文件过大"),  # size declared too small
        ("tianshui-2016-quality-month-notice.docx", b"PK", None, "同一编号"),  # id taken
    ],
)
async def test_upload_of_a_bad_file_is_refused_and_changes_nothing(
    bot: Harness,
    workspace: Path,
    file_name: str,
    content: bytes,
    declared_size: int | None,
    reason: str,
) -> None:
    bot.request.add_file("f-bad", content)
    data_before = folder_state(workspace / "data")
    knowledge_before = folder_state(workspace / "knowledge")
    engine_knowledge = bot.engine.knowledge

    calls = await bot.send(
        bot.updates.document(ADMIN, "f-bad", file_name, declared_size or len(content))
    )

    text = _status_text(calls)
    assert reason in text and "未做任何更改" in text
    assert folder_state(workspace / "data") == data_before
    assert folder_state(workspace / "knowledge") == knowledge_before
    assert bot.engine.knowledge is engine_knowledge


async def test_two_uploads_of_the_same_notice_id_at_once_do_not_both_succeed(
    bot: Harness, workspace: Path
) -> None:
    data = docx_bytes(LANZHOU_NOTICE)
    bot.request.add_file("f-one", data)
    bot.request.add_file("f-two", data)
    await asyncio.gather(  # same id "lanzhou-2025": both pass the early check before either is stored
        bot.send(bot.updates.document(ADMIN, "f-one", "lanzhou-2025.docx", len(data))),
        bot.send(bot.updates.document(ADMIN, "f-two", "lanzhou 2025.docx", len(data))),
    )
    texts = [str(c.params.get("text", "")) for c in bot.request.calls if c.method == "editMessageText"]
    assert sum("✅ 已导入" in t for t in texts) == 1
    assert sum("同一编号" in t for t in texts) == 1
    assert len([p for p in (workspace / "data").iterdir() if p.name.startswith("lanzhou")]) == 1


async def test_upload_over_the_size_limit_is_refused_before_downloading(bot: Harness) -> None:
    bot.request.add_file("f-big", b"x")
    await bot.send(bot.updates.document(ADMIN, "f-big", "big.pdf", 10_000_000))
    assert bot.request.downloads == []
    assert bot.request.of("getFile") == []


async def test_upload_by_non_admin_is_refused_and_not_downloaded(
    bot: Harness, workspace: Path
) -> None:
    data = docx_bytes(LANZHOU_NOTICE)
    bot.request.add_file("f-x", data)
    calls = await bot.send(bot.updates.document(USER, "f-x", "lanzhou-2025.docx", len(data)))
    assert any("只有管理员" in t for t in sent_texts(calls))
    assert bot.request.downloads == []
    assert not (workspace / "data" / "lanzhou-2025.docx").exists()


# --- admin: misses and stats ------------------------------------------------------------------


async def test_misses_lists_unanswered_questions_and_stats_counts_them(bot: Harness) -> None:
    await bot.send(bot.updates.private(USER, "明天成都天气怎么样"))
    await bot.send(bot.updates.private(USER, "2024年四川质量月的活动主题是什么?"))

    misses = sent_texts(await bot.send(bot.updates.private(ADMIN, "/misses")))
    stats = sent_texts(await bot.send(bot.updates.private(ADMIN, "/stats")))

    assert "明天成都天气怎么样" in misses[0]
    assert "四川质量月的活动主题" not in misses[0]
    assert "问题总数：2" in stats[0] and "已回答：1" in stats[0]


@pytest.mark.parametrize(
    ("question", "decision", "candidate"),
    [
        ("天水2016年质量月的联系电话是多少", "决定:已回答", "覆盖"),
        ("天水2016年质量月的启动仪式在哪里举行", "决定:未找到", "覆盖"),
        ("上海2016年质量月的联系电话是多少", "决定:未找到", "范围:0份"),
    ],
)
async def test_why_shows_the_decision_the_understanding_and_the_candidates(
    bot: Harness, question: str, decision: str, candidate: str
) -> None:
    [text] = sent_texts(await bot.send(bot.updates.private(ADMIN, f"/why {question}")))
    assert decision in text and "理解:" in text and candidate in text and "门槛" in text


async def test_why_without_a_question_shows_how_to_use_it(bot: Harness) -> None:
    [text] = sent_texts(await bot.send(bot.updates.private(ADMIN, "/why")))
    assert "用法" in text


@pytest.mark.parametrize("command", ["/misses", "/stats", "/why 主题是什么"])
async def test_misses_and_stats_are_refused_to_non_admins(bot: Harness, command: str) -> None:
    calls = await bot.send(bot.updates.private(USER, command))
    assert any("只有管理员" in t for t in sent_texts(calls))


async def test_bot_identity_comes_from_get_me(bot: Harness) -> None:
    assert bot.app.bot.username == BOT_USERNAME
    assert bot.app.bot.id == BOT_ID


async def test_application_is_concurrent_rate_limited_and_html_by_default(bot: Harness) -> None:
    from telegram.ext import AIORateLimiter

    assert bot.app.concurrent_updates > 1
    assert isinstance(bot.app.bot.rate_limiter, AIORateLimiter)
    assert bot.app.bot.defaults is not None and bot.app.bot.defaults.parse_mode == "HTML"


async def test_start_up_publishes_the_command_menus_for_private_and_group_chats(
    bot: Harness,
) -> None:
    assert bot.app.post_init is not None
    await bot.app.post_init(bot.app)
    menus = bot.request.of("setMyCommands")
    assert [m.params["scope"]["type"] for m in menus] == ["all_private_chats", "all_group_chats"]
    assert "ask" in [c["command"] for c in menus[1].params["commands"]]


# --- deadline reminders -----------------------------------------------------------------------


def at_nine_in_china(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T01:00:00").replace(tzinfo=UTC)  # 09:00 in Asia/Shanghai


async def run_job(bot: Harness, day: str) -> list[str]:
    bot_services(bot.app).clock = lambda: at_nine_in_china(day)
    before = len(bot.request.calls)
    await send_due_reminders(CallbackContext(bot.app))
    return [c.text for c in bot.request.calls[before:] if c.method == "sendMessage" and c.chat_id == GROUP]


async def test_each_stage_reaches_a_subscribed_group_once_across_a_restart(make_bot: MakeHarness) -> None:
    bot = await make_bot()
    bot.request.chat_admins.add(USER)
    [reply] = sent_texts(await bot.send(bot.updates.group(GROUP, USER, "/remind 天水")))
    assert "已订阅" in reply and "天水市" in reply
    first = await run_job(bot, "2016-09-18")
    assert len(first) == 1 and "还有7天" in first[0] and "天水" in first[0]
    assert await run_job(bot, "2016-09-18") == []
    restarted = await make_bot()  # same database
    assert await run_job(restarted, "2016-09-19") == []  # the 7-day stage was sent before the restart
    [three] = await run_job(restarted, "2016-09-22")
    assert "还有3天" in three
    assert await run_job(restarted, "2016-09-26") == []  # past: nothing


async def test_an_unsubscribed_or_stopped_group_gets_nothing(bot: Harness) -> None:
    assert await run_job(bot, "2016-09-18") == []
    await bot.send(bot.updates.group(GROUP, ADMIN, "/remind 天水"))  # a bot admin may set it
    await bot.send(bot.updates.group(GROUP, ADMIN, "/remind off"))
    assert await run_job(bot, "2016-09-18") == []


async def test_remind_by_a_group_member_who_is_not_an_admin_is_refused(bot: Harness) -> None:
    [reply] = sent_texts(await bot.send(bot.updates.group(GROUP, USER, "/remind 天水")))
    assert "只有群管理员" in reply
    assert bot_services(bot.app).reminders.subscription(GROUP) is None


async def test_remind_alone_shows_the_setting_and_without_regions_follows_what_the_group_asked(
    bot: Harness,
) -> None:
    [shown] = sent_texts(await bot.send(bot.updates.group(GROUP, USER, "/remind")))
    assert "没有订阅" in shown
    await bot.send(bot.updates.group(GROUP, USER, "/ask 天水2016年质量月活动总结什么时候报送?"))
    [subscribed] = sent_texts(await bot.send(bot.updates.group(GROUP, ADMIN, "/remind")))
    assert "本群问过的通知" in subscribed
    [reminder] = await run_job(bot, "2016-09-24")
    assert "还有1天" in reminder
    [shown_again] = sent_texts(await bot.send(bot.updates.group(GROUP, ADMIN, "/remind")))
    assert "已订阅" in shown_again


async def test_a_new_notice_is_announced_only_to_groups_subscribed_to_its_region(bot: Harness) -> None:
    other_group = -100_456
    await bot.send(bot.updates.group(GROUP, ADMIN, "/remind 甘肃"))
    await bot.send(bot.updates.group(other_group, ADMIN, "/remind 四川"))
    data = docx_bytes(LANZHOU_NOTICE)
    bot.request.add_file("f-lanzhou", data)
    calls = await bot.send(bot.updates.document(ADMIN, "f-lanzhou", "lanzhou-2025.docx", len(data)))
    [announcement] = [c for c in calls if c.method == "sendMessage" and c.chat_id == GROUP]
    assert "📢 新通知" in announcement.text and "提升质量水平 共建品质兰州" in announcement.text
    assert "出处:" in announcement.text
    assert not [c for c in calls if c.method == "sendMessage" and c.chat_id == other_group]


async def test_a_reload_that_adds_nothing_announces_nothing(bot: Harness) -> None:
    await bot.send(bot.updates.group(GROUP, ADMIN, "/remind 甘肃"))
    calls = await bot.send(bot.updates.private(ADMIN, "/reload"))
    assert not [c for c in calls if c.method == "sendMessage" and c.chat_id == GROUP]
