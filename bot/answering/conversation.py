"""Per-chat context, so that "联系人是谁?" → "电话呢?" → "那四川的呢?" work.

Context is keyed by chat, expires after a silence, and is bounded in size so a
bot in many groups does not grow without end.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from bot.answering.answer_types import OPEN_T, AnswerType

CONTEXT_TTL_SECONDS = 30 * 60
MAX_CHATS = 10_000


@dataclass
class ChatContext:
    units: list[tuple[str, str]] = field(default_factory=list)  # (doc, unit) last answered
    region_names: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    subject: str | None = None
    intents: set[str] = field(default_factory=set)
    answer_type: AnswerType = OPEN_T
    cue: str = ""
    measure: str = ""
    measure_noun: str = ""
    terms: list[str] = field(default_factory=list)  # the topic words of the question
    people: list[str] = field(default_factory=list)  # the names a person answer gave: "他" refers to them
    at: float = 0.0


class Conversations:
    def __init__(self, ttl: float = CONTEXT_TTL_SECONDS, max_chats: int = MAX_CHATS) -> None:
        self.ttl = ttl
        self.max_chats = max_chats
        self._chats: OrderedDict[str, ChatContext] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, chat: str | None, now: float | None = None) -> ChatContext | None:
        if chat is None:
            return None
        now = time.monotonic() if now is None else now
        with self._lock:
            ctx = self._chats.get(chat)
            if ctx is None:
                return None
            if now - ctx.at > self.ttl:
                del self._chats[chat]
                return None
            return ctx

    def drop(self, chat: str) -> None:
        with self._lock:
            self._chats.pop(chat, None)

    def put(self, chat: str | None, ctx: ChatContext, now: float | None = None) -> None:
        if chat is None:
            return
        ctx.at = time.monotonic() if now is None else now
        with self._lock:
            self._chats[chat] = ctx
            self._chats.move_to_end(chat)
            while len(self._chats) > self.max_chats:
                self._chats.popitem(last=False)
