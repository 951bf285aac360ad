"""Inline buttons under an answer and the short callback data that stands for them.

Why: Telegram allows only 64 bytes of ``callback_data`` per button, and a question plus a
notice id, or a section path, does not fit. Buttons therefore carry a short key into a small
in-memory map (least recently used entries are forgotten). Keys are random and bound to the
chat the button was sent to: after a restart an old button is unknown and says "已过期" (a
counter from 1 would hand it another chat's entry), and a button replayed in another chat
does nothing there. Feedback buttons carry the question's SQLite id, which survives restarts;
a vote counts only when pressed in the chat the question was asked in.

Callback data formats (all ASCII, well under 64 bytes):
    ``p:<key>``        pick a notice offered in ``Answer.choices``
    ``s:<key>``        show the cited section's text ("原文")
    ``c:<key>``        send a cited deadline as a calendar file ("加入日历")
    ``f:<id>:+`` / ``f:<id>:-``   👍 / 👎 for question ``id`` in the query log
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.knowledge.schema import Answer

T = TypeVar("T")

MAX_CALLBACK_BYTES = 64
MAX_SOURCE_BUTTONS = 3
MAX_CHOICE_BUTTONS = 8
_BUTTON_LABEL_CHARS = 40


@dataclass(frozen=True)
class Pick:
    """A notice the user can pick to narrow an ambiguous question down."""

    question: str
    doc: str
    unit: str
    label: str


@dataclass(frozen=True)
class SourceRef:
    """A cited section, for the "原文" button."""

    doc: str
    section: str
    title: str


@dataclass(frozen=True)
class CalendarRef:
    """A cited deadline, for the "加入日历" button."""

    doc: str
    fact_id: str


@dataclass(frozen=True)
class Callback:
    """Parsed callback data."""

    kind: str  # "pick", "source", "calendar" or "feedback"
    key: str = ""
    question_id: int = 0
    vote: int = 0


#: Random bytes per key: 8 bytes (11 URL-safe characters) cannot be guessed or collide.
KEY_BYTES = 8


class ShortKeys(Generic[T]):
    """Maps random short keys to values bound to one chat; forgets the least recently used
    beyond ``capacity``."""

    def __init__(self, capacity: int = 20_000) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, tuple[int, T]] = OrderedDict()

    def put(self, value: T, *, chat_id: int) -> str:
        key = secrets.token_urlsafe(KEY_BYTES)
        self._items[key] = (chat_id, value)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str, *, chat_id: int) -> T | None:
        """The value under ``key`` if it was put for this chat, else None."""
        item = self._items.get(key)
        if item is None or item[0] != chat_id:
            return None
        self._items.move_to_end(key)
        return item[1]

    def __len__(self) -> int:
        return len(self._items)


class CallbackStore:
    """The two short-key maps the buttons use, kept together in the application's services."""

    def __init__(self, capacity: int = 20_000) -> None:
        self.picks: ShortKeys[Pick] = ShortKeys(capacity)
        self.sources: ShortKeys[SourceRef] = ShortKeys(capacity)
        self.calendars: ShortKeys[CalendarRef] = ShortKeys(capacity)


def parse_callback(data: str | None) -> Callback | None:
    """Read callback data written by ``answer_keyboard``; None for anything else."""
    if not data:
        return None
    kind, _, rest = data.partition(":")
    if kind == "p" and rest:
        return Callback("pick", key=rest)
    if kind == "s" and rest:
        return Callback("source", key=rest)
    if kind == "c" and rest:
        return Callback("calendar", key=rest)
    if kind == "f":
        number, _, vote = rest.partition(":")
        # ASCII digits and a row id SQLite can hold: forged data ("²", 25 digits) is no callback
        if number.isascii() and number.isdigit() and len(number) <= MAX_QUESTION_ID_DIGITS \
                and vote in {"+", "-"}:
            return Callback("feedback", question_id=int(number), vote=1 if vote == "+" else -1)
    return None


def _label(text: str) -> str:
    return text if len(text) <= _BUTTON_LABEL_CHARS else text[: _BUTTON_LABEL_CHARS - 1] + "…"


def _button(text: str, data: str) -> InlineKeyboardButton:
    if len(data.encode()) > MAX_CALLBACK_BYTES:  # cannot happen with the formats above
        raise ValueError(f"callback data too long: {data!r}")
    return InlineKeyboardButton(_label(text), callback_data=data)


#: SQLite row ids are 64-bit signed integers: at most 18 digits are always safe.
MAX_QUESTION_ID_DIGITS = 18


def answer_keyboard(
    answer: Answer, question: str, question_id: int | None, store: CallbackStore, *, chat_id: int,
    deadlines: Sequence[CalendarRef] = (),
) -> InlineKeyboardMarkup:
    """Notice choices (one per row), "原文" buttons for the cited sections, then 👍 / 👎
    (only for a logged question: a vote needs its log line)."""
    rows: list[list[InlineKeyboardButton]] = []
    for choice in answer.choices[:MAX_CHOICE_BUTTONS]:
        key = store.picks.put(Pick(question, choice.doc, choice.unit, choice.label), chat_id=chat_id)
        rows.append([_button(choice.label, f"p:{key}")])
    cited = list(dict.fromkeys((c.doc, c.section, c.title) for c in answer.citations))
    cited = cited[:MAX_SOURCE_BUTTONS]
    if cited:
        source_row = []
        for number, (doc, section, title) in enumerate(cited, start=1):
            key = store.sources.put(SourceRef(doc, section, title), chat_id=chat_id)
            text = "📖 原文" if len(cited) == 1 else f"📖 原文 {number}"
            source_row.append(_button(text, f"s:{key}"))
        rows.append(source_row)
    shown = list(dict.fromkeys(deadlines))[:MAX_SOURCE_BUTTONS]
    if shown:
        calendar_row = []
        for number, ref in enumerate(shown, start=1):
            key = store.calendars.put(ref, chat_id=chat_id)
            text = "📅 加入日历" if len(shown) == 1 else f"📅 加入日历 {number}"
            calendar_row.append(_button(text, f"c:{key}"))
        rows.append(calendar_row)
    if question_id is not None:
        rows.append(
            [
                _button("👍 有用", f"f:{question_id}:+"),
                _button("👎 没用", f"f:{question_id}:-"),
            ]
        )
    return InlineKeyboardMarkup(rows)
