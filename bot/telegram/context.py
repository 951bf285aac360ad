"""What every Telegram handler shares: the engine, settings, query log and button keys.

Why one object in ``application.bot_data``: handlers are plain functions PTB calls with a
context; keeping their dependencies in one typed ``BotServices`` (instead of module globals)
lets tests build an application with a fake engine, and lets ``/reload`` swap knowledge in
one place. ``reply_html`` is the one way the bot speaks, so threading in groups, HTML mode
and buttons-on-the-last-part are decided once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from telegram import Chat, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.query_log import QueryLog
from bot.reminder_store import ReminderStore
from bot.settings import Settings
from bot.telegram.callbacks import CallbackStore

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.schema import Answer

SERVICES_KEY = "services"


class EngineLike(Protocol):
    """What the bot needs of ``bot.answering.engine.Engine`` (tests pass a fake with these members)."""

    @property
    def knowledge(self) -> Knowledge: ...

    def ask(
        self,
        question: str,
        chat: str | None = None,
        *,
        doc: str | None = None,
        unit: str | None = None,
    ) -> Answer: ...

    def swap(self, knowledge: Knowledge) -> None: ...

    def why(self, question: str) -> str: ...


@dataclass
class BotServices:
    """The bot's dependencies, stored in ``application.bot_data[SERVICES_KEY]``."""

    settings: Settings
    engine: EngineLike
    query_log: QueryLog
    reminders: ReminderStore
    callbacks: CallbackStore = field(default_factory=CallbackStore)
    # The current time, for the reminder job (tests pin it).
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # One ingest at a time: /reload and uploads both rebuild and swap the knowledge.
    ingest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    return context.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]


def is_group(chat: Chat) -> bool:
    return chat.type in {Chat.GROUP, Chat.SUPERGROUP}


async def reply_html(
    message: Message,
    parts: Sequence[str],
    *,
    keyboard: InlineKeyboardMarkup | None = None,
    thread: bool | None = None,
) -> Message | None:
    """Send ``parts`` (HTML, each within Telegram's limit) in reply to ``message``.

    In groups every part is threaded to ``message`` so the asker sees it is for them;
    ``thread`` overrides that. The keyboard goes on the last part. Returns the last message.
    """
    threaded = is_group(message.chat) if thread is None else thread
    last: Message | None = None
    for index, part in enumerate(parts):
        last = await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if index == len(parts) - 1 else None,
            reply_parameters=(
                ReplyParameters(message.message_id, allow_sending_without_reply=True)
                if threaded
                else None
            ),
            do_quote=False,
        )
    return last
