"""Table tests of the bot's message formatting and button data (pure functions, no bot)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answering.answer import countdown
from bot.knowledge.schema import (
    Answer,
    Choice,
    Citation,
    DeadlineFact,
    DocumentMeta,
    Region,
    Unit,
)
from bot.telegram.callbacks import (
    MAX_CALLBACK_BYTES,
    Callback,
    CallbackStore,
    ShortKeys,
    answer_keyboard,
    parse_callback,
)
from bot.telegram.formatting import (
    escape,
    pack_lines,
    render_answer,
    render_deadlines,
    split_message,
    utf16_len,
)

# --- split_message ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("短消息", 10, ["短消息"]),
        ("", 10, []),
        ("\n\n", 10, []),
        ("aaaa\nbbbb\ncccc", 9, ["aaaa\nbbbb", "cccc"]),  # 4 + 1 + 4 = 9 fits exactly
        ("aaaa\nbbbb\ncccc", 8, ["aaaa", "bbbb", "cccc"]),
        ("aaaa\n\nbbbb", 5, ["aaaa", "bbbb"]),  # no message starts or ends with a blank line
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # a line longer than the limit is cut
        ("x &amp; y", 6, ["x ", "&amp; ", "y"]),  # never inside an HTML entity
        ("😀😀😀", 4, ["😀😀", "😀"]),  # emoji count as two UTF-16 units
    ],
)
def test_split_message_splits_at_line_boundaries_within_the_limit(
    text: str, limit: int, expected: list[str]
) -> None:
    assert split_message(text, limit) == expected


@pytest.mark.parametrize("size", [4_095, 4_096, 4_097, 10_000, 25_000])
def test_split_message_parts_never_exceed_telegrams_limit_and_keep_every_line(size: int) -> None:
    line = "质量月活动总结报送" * 9  # 81 characters
    text = "\n".join(line for _ in range(size // (len(line) + 1) + 1))[:size]
    parts = split_message(text)
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text.strip("\n")


def test_pack_lines_keeps_each_html_line_whole() -> None:
    lines = ["<b>标题</b>", "<i>" + "甲" * 10 + "</i>", "乙" * 5]
    assert pack_lines(lines, 20) == ["<b>标题</b>", "<i>" + "甲" * 10 + "</i>", "乙" * 5]


# --- render_answer ----------------------------------------------------------------------------


def _cite(quote: str = "原句", title: str = "关于开展活动的通知") -> Citation:
    return Citation(doc="d", title=title, section="一、活动主题 > (一)", quote=quote)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (Answer(found=True, answer="主题：A & B"), "<b>主题：A &amp; B</b>"),
        (Answer(found=True, answer="第一行\n<第二行>"), "<b>第一行</b>\n&lt;第二行&gt;"),
        (
            Answer(found=True, answer="主题：甲", citations=[_cite("甲乙")]),
            (
                "<b>主题：甲</b>\n\n📄 <b>出处</b>\n《关于开展活动的通知》\n"
                "<i>章节：一、活动主题 &gt; (一)</i>\n原文：“甲乙”"
            ),
        ),
        (  # the answer text already quotes its source: not repeated
            Answer(found=True, answer="主题：甲\n原文:“甲乙”", citations=[_cite("甲乙")]),
            "<b>主题：甲</b>\n原文:“甲乙”",
        ),
        (
            Answer(found=True, answer="两处", citations=[_cite("一"), _cite("二", "《第二份》")]),
            (
                "<b>两处</b>\n\n📄 <b>出处</b>\n1. 《关于开展活动的通知》\n"
                "<i>章节：一、活动主题 &gt; (一)</i>\n原文：“一”\n2. 《第二份》\n"
                "<i>章节：一、活动主题 &gt; (一)</i>\n原文：“二”"
            ),
        ),
    ],
)
def test_render_answer_bolds_the_fact_escapes_text_and_cites_sources(
    answer: Answer, expected: str
) -> None:
    assert render_answer(answer) == [expected]


def test_render_answer_cuts_an_over_long_first_line_without_breaking_tags() -> None:
    parts = render_answer(Answer(found=True, answer="<" * 3000), limit=4096)
    assert len(parts) == 3  # each "<" becomes "&lt;": 12,000 characters in pieces of 4,096
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    assert all(utf16_len(p) <= 4096 for p in parts)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a<b", "a&lt;b"), ("a&b", "a&amp;b"), ('"引号"', '"引号"'), ("x>y", "x&gt;y")],
)
def test_escape_makes_plain_text_safe_for_html_mode(text: str, escaped: str) -> None:
    assert escape(text) == escaped


# --- deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "today", "label"),
    [
        (date(2024, 10, 8), date(2024, 10, 9), "已截止"),
        (date(2024, 10, 8), date(2024, 10, 8), "今天截止"),
        (date(2024, 10, 8), date(2024, 10, 7), "还有1天"),
        (date(2024, 10, 8), date(2024, 9, 1), "还有37天"),
        (date(2025, 1, 1), date(2024, 12, 31), "还有1天"),
    ],
)
def test_countdown_counts_whole_days(deadline: date, today: date, label: str) -> None:
    assert countdown(deadline, today) == label


def _meta(doc: str, label: str) -> DocumentMeta:
    region = Region(name=label.split()[0], level="province")
    return DocumentMeta(
        doc=doc,
        source=f"{doc}.txt",
        title=f"{label}通知",
        sha256="0",
        units=[Unit(key="main", region=region, year=2024, label=label)],
    )


def _deadline(doc: str, when: str, what: str) -> DeadlineFact:
    return DeadlineFact(id=f"{doc}-d", doc=doc, section="三", quote="q", date=when, what=what)


def test_render_deadlines_lists_upcoming_soonest_first_then_past_latest_first() -> None:
    rows = [
        (_meta("a", "甲省 2024年"), _deadline("a", "2024-09-01", "过去的")),
        (_meta("b", "乙省 2024年"), _deadline("b", "2024-12-01", "较晚的")),
        (_meta("c", "丙省 2024年"), _deadline("c", "2024-10-15", "较早的")),
        (_meta("d", "丁省 2024年"), _deadline("d", "2024-08-01", "更早过去的")),
    ]
    text = render_deadlines(rows, date(2024, 10, 1))
    order = [text.index(w) for w in ("较早的", "较晚的", "过去的", "更早过去的")]
    assert order == sorted(order)
    assert "2024-10-15</b>（还有14天）" in text
    assert "2024-09-01</b>（已截止）" in text
    assert "甲省 2024年：过去的" in text


def test_render_deadlines_without_deadlines_says_so() -> None:
    assert "没有找到" in render_deadlines([], date(2024, 1, 1))


# --- callback data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "parsed"),
    [
        ("p:1a", Callback("pick", key="1a")),
        ("s:zz", Callback("source", key="zz")),
        ("c:k1", Callback("calendar", key="k1")),
        ("c:", None),
        ("f:42:+", Callback("feedback", question_id=42, vote=1)),
        ("f:42:-", Callback("feedback", question_id=42, vote=-1)),
        ("f:x:+", None),
        ("f:42:?", None),
        ("f:²:+", None),  # a Unicode digit is no row id
        ("f:" + "9" * 25 + ":+", None),  # nor a number SQLite cannot hold
        ("p:", None),
        ("", None),
        (None, None),
        ("something else", None),
    ],
)
def test_parse_callback_reads_only_the_bots_own_formats(
    data: str | None, parsed: Callback | None
) -> None:
    assert parse_callback(data) == parsed


def test_short_keys_forget_the_least_recently_used_beyond_capacity() -> None:
    keys: ShortKeys[str] = ShortKeys(capacity=2)
    a, b = keys.put("a", chat_id=1), keys.put("b", chat_id=1)
    assert keys.get(a, chat_id=1) == "a"  # a is now the most recently used
    keys.put("c", chat_id=1)
    assert keys.get(b, chat_id=1) is None and keys.get(a, chat_id=1) == "a" and len(keys) == 2


def test_short_keys_answer_only_the_chat_they_were_made_for() -> None:
    keys: ShortKeys[str] = ShortKeys()
    key = keys.put("a", chat_id=1)
    assert keys.get(key, chat_id=2) is None and keys.get(key, chat_id=1) == "a"


def test_short_keys_of_a_new_store_never_reuse_an_old_stores_keys() -> None:
    before_restart, after_restart = ShortKeys[str](), ShortKeys[str]()
    old = [before_restart.put(str(i), chat_id=1) for i in range(100)]
    new = [after_restart.put(str(i), chat_id=1) for i in range(100)]
    assert not set(old) & set(new)
    assert all(after_restart.get(k, chat_id=1) is None for k in old)


def test_answer_keyboard_has_choices_sources_and_feedback_within_64_bytes() -> None:
    long_label = (
        "广西壮族自治区某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某 2022年"
    )
    answer = Answer(
        found=True,
        answer="x",
        citations=[_cite("一"), _cite("二"), Citation(doc="e", title="t", section="s", quote="q")],
        choices=[Choice(doc="d" * 60, unit="u12", label=long_label), Choice(doc="e", label="乙")],
    )
    store = CallbackStore()
    markup = answer_keyboard(answer, "问题" * 100, 123456789, store, chat_id=7)
    rows = [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]
    assert len(rows) == 4  # two choices, one row of sources, one of feedback
    assert (
        rows[2][0][0] == "📖 原文 1" and len(rows[2]) == 2
    )  # same section cited twice: one button
    assert rows[3] == [("👍 有用", "f:123456789:+"), ("👎 没用", "f:123456789:-")]
    assert rows[0][0][0].endswith("…") and len(rows[0][0][0]) <= 40
    for row in rows:
        for _, data in row:
            assert len(str(data).encode()) <= MAX_CALLBACK_BYTES
    pick = store.picks.get(str(rows[0][0][1]).removeprefix("p:"), chat_id=7)
    assert pick is not None and pick.doc == "d" * 60 and pick.unit == "u12"
