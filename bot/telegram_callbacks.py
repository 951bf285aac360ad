"""Inline buttons under an answer and the short callback data that stands for them.

Why: Telegram allows only 64 bytes of ``callback_data`` per button, and a question plus a
notice id, or a section path, does not fit. Buttons therefore carry a short key into a small
in-memory map (least recently used entries are forgotten; after a restart old buttons say
"已过期" instead of doing something wrong). Feedback buttons carry the question's SQLite id,
which survives restarts.

Callback data formats (all ASCII, well under 64 bytes):
    ``p:<key>``        pick a notice offered in ``Answer.choices``
    ``s:<key>``        show the cited section's text ("原文")
    ``f:<id>:+`` / ``f:<id>:-``   👍 / 👎 for question ``id`` in the query log
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.schema import Answer

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
class Callback:
    """Parsed callback data."""

    kind: str  # "pick", "source" or "feedback"
    key: str = ""
    question_id: int = 0
    vote: int = 0


class ShortKeys(Generic[T]):
    """Maps short base-36 keys to values; forgets the least recently used beyond ``capacity``."""

    def __init__(self, capacity: int = 20_000) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, T] = OrderedDict()
        self._counter = 0

    def put(self, value: T) -> str:
        self._counter += 1
        key = _base36(self._counter)
        self._items[key] = value
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def __len__(self) -> int:
        return len(self._items)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


class CallbackStore:
    """The two short-key maps the buttons use, kept together in the application's services."""

    def __init__(self, capacity: int = 20_000) -> None:
        self.picks: ShortKeys[Pick] = ShortKeys(capacity)
        self.sources: ShortKeys[SourceRef] = ShortKeys(capacity)


def parse_callback(data: str | None) -> Callback | None:
    """Read callback data written by ``answer_keyboard``; None for anything else."""
    if not data:
        return None
    kind, _, rest = data.partition(":")
    if kind == "p" and rest:
        return Callback("pick", key=rest)
    if kind == "s" and rest:
        return Callback("source", key=rest)
    if kind == "f":
        number, _, vote = rest.partition(":")
        if number.isdigit() and vote in {"+", "-"}:
            return Callback("feedback", question_id=int(number), vote=1 if vote == "+" else -1)
    return None


def _label(text: str) -> str:
    return text if len(text) <= _BUTTON_LABEL_CHARS else text[: _BUTTON_LABEL_CHARS - 1] + "…"


def _button(text: str, data: str) -> InlineKeyboardButton:
    if len(data.encode()) > MAX_CALLBACK_BYTES:  # cannot happen with the formats above
        raise ValueError(f"callback data too long: {data!r}")
    return InlineKeyboardButton(_label(text), callback_data=data)


def answer_keyboard(
    answer: Answer, question: str, question_id: int, store: CallbackStore
) -> InlineKeyboardMarkup:
    """Notice choices (one per row), "原文" buttons for the cited sections, then 👍 / 👎."""
    rows: list[list[InlineKeyboardButton]] = []
    for choice in answer.choices[:MAX_CHOICE_BUTTONS]:
        key = store.picks.put(Pick(question, choice.doc, choice.unit, choice.label))
        rows.append([_button(choice.label, f"p:{key}")])
    cited = list(dict.fromkeys((c.doc, c.section, c.title) for c in answer.citations))
    cited = cited[:MAX_SOURCE_BUTTONS]
    if cited:
        source_row = []
        for number, (doc, section, title) in enumerate(cited, start=1):
            key = store.sources.put(SourceRef(doc, section, title))
            text = "📖 原文" if len(cited) == 1 else f"📖 原文 {number}"
            source_row.append(_button(text, f"s:{key}"))
        rows.append(source_row)
    rows.append(
        [
            _button("👍 有用", f"f:{question_id}:+"),
            _button("👎 没用", f"f:{question_id}:-"),
        ]
    )
    return InlineKeyboardMarkup(rows)
