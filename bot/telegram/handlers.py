"""Handlers for everyone: questions, /help, /sources, /deadlines and the answer buttons.

Why the group rules live here: with privacy mode on, Telegram already delivers only commands,
mentions and replies to the bot, but "stay silent unless addressed" must hold even when
privacy mode is off, so ``group_question`` decides from the message itself.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from datetime import date, datetime

from telegram import CallbackQuery, Chat, Message, MessageEntity, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.calendar_file import deadline_ics, deadline_summary
from bot.knowledge import Knowledge
from bot.knowledge.schema import Answer, DeadlineFact
from bot.telegram.callbacks import CalendarRef, answer_keyboard, parse_callback
from bot.telegram.context import BotServices, is_group, reply_html, services
from bot.telegram.formatting import (
    escape,
    example_questions,
    render_answer,
    render_deadlines,
    render_help,
    render_section,
    render_sources,
    split_message,
)

logger = logging.getLogger(__name__)

_LEADING_PUNCT = re.compile(r"^[\s,，:：;；、]+")


def group_question(message: Message, bot: User) -> str | None:
    """The question in a group message addressed to the bot, or None when it is not addressed.

    Addressed means: it @mentions the bot (by username or as a text mention), or it replies
    to one of the bot's own messages. The mention itself is removed from the question.
    """
    text = message.text or ""
    mentioned = False
    for entity, value in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    ).items():
        if entity.type == MessageEntity.MENTION and bot.username:
            is_bot = value.lower() == f"@{bot.username}".lower()
        else:
            is_bot = entity.user is not None and entity.user.id == bot.id
        if is_bot:
            mentioned = True
            text = text.replace(value, " ", 1)
    replied = message.reply_to_message
    to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
    )
    if not (mentioned or to_bot):
        return None
    return _LEADING_PUNCT.sub("", text).strip()


def command_argument(message: Message) -> str:
    """Everything after ``/command`` or ``/command@bot``, keeping the question's own spacing."""
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def cited_deadlines(knowledge: Knowledge, answer: Answer) -> list[CalendarRef]:
    """The dated deadline facts an answer cites (for its "加入日历" buttons)."""
    refs: list[CalendarRef] = []
    for cited in answer.citations:
        document = knowledge.documents.get(cited.doc)
        for fact in document.facts if document else []:
            if isinstance(fact, DeadlineFact) and fact.quote == cited.quote and _is_iso_date(fact.date):
                refs.append(CalendarRef(cited.doc, fact.id))
    return list(dict.fromkeys(refs))


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def find_deadline(knowledge: Knowledge, ref: CalendarRef) -> DeadlineFact | None:
    document = knowledge.documents.get(ref.doc)
    return next((f for f in document.facts if f.id == ref.fact_id and isinstance(f, DeadlineFact)),
                None) if document else None


async def answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    *,
    reply_to: Message,
    doc: str | None = None,
    unit: str | None = None,
) -> None:
    """Ask the engine, log the question, and reply with the answer and its buttons."""
    svc = services(context)
    chat = reply_to.chat
    started = time.perf_counter()
    answer = svc.engine.ask(question, str(chat.id), doc=doc, unit=unit)
    latency_ms = (time.perf_counter() - started) * 1000
    user = update.effective_user
    question_id = await asyncio.to_thread(  # off the event loop: other chats never wait for it
        svc.query_log.log_question,
        question=question,
        chat_type=chat.type,
        found=answer.found,
        latency_ms=latency_ms,
        chat_id=chat.id,
        user_id=user.id if user else None,
        choices=len(answer.choices),
        docs=[c.doc for c in answer.citations],
    )
    keyboard = answer_keyboard(answer, question, question_id, svc.callbacks, chat_id=chat.id,
                               deadlines=cited_deadlines(svc.engine.knowledge, answer))
    await reply_html(reply_to, render_answer(answer), keyboard=keyboard)


async def _ask_usage(message: Message, context: ContextTypes.DEFAULT_TYPE) -> None:
    examples = example_questions(services(context).engine.knowledge.metas(), count=1)
    example = examples[0] if examples else "质量月的活动主题是什么？"
    await reply_html(
        message,
        [f"请在命令后面写上问题，例如：\n<code>/ask {escape(example)}</code>"],
    )


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat: every text message is a question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await answer_question(update, context, message.text.strip(), reply_to=message)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group chat: answer mentions and replies to the bot; stay silent otherwise."""
    message = update.effective_message
    if message is None or not message.text:
        return
    question = group_question(message, context.bot.bot)
    if question is not None:
        await answer_or_show_usage(update, context, question, message)


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/ask 问题`` (and ``/ask@bot 问题``) in groups and private chats."""
    message = update.effective_message
    if message is None:
        return
    await answer_or_show_usage(update, context, command_argument(message), message)


async def answer_or_show_usage(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, message: Message
) -> None:
    """An empty question (a bare mention or /ask) gets an example instead of an answer."""
    if not question:
        await _ask_usage(message, context)
        return
    await answer_question(update, context, question, reply_to=message)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help: what is loaded and how to ask."""
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    user = update.effective_user
    text = render_help(
        svc.engine.knowledge.metas(),
        context.bot.username,
        is_admin=svc.settings.is_admin(user.id if user else None)
        and message.chat.type == Chat.PRIVATE,
    )
    await reply_html(message, split_message(text))


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: loaded notices by year and region."""
    message = update.effective_message
    if message is None:
        return
    text = render_sources(services(context).engine.knowledge.metas())
    await reply_html(message, split_message(text))


async def on_deadlines(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/deadlines: every deadline with 已截止 / 还有N天, counted in the configured zone."""
    message = update.effective_message
    if message is None:
        return
    svc = services(context)
    today = datetime.now(svc.settings.tz).date()
    text = render_deadlines(svc.engine.knowledge.deadlines(), today)
    await reply_html(message, split_message(text))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await reply_html(message, ["没有这个命令。直接发送问题即可，或发送 /help 查看用法。"])


async def on_private_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice… in a private chat: say what the bot can read."""
    message = update.effective_message
    if message is not None:
        await reply_html(
            message, ["请用文字提问，例如“质量月活动总结什么时候报送？”。发送 /help 查看用法。"]
        )


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons under answers: pick a notice, show the cited section, 👍/👎."""
    query = update.callback_query
    if query is None:
        return
    svc = services(context)
    parsed = parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if parsed is None:
        await query.answer("这个按钮已失效。")
        return
    if parsed.kind == "feedback":
        if query.message is None:
            await query.answer("这条记录已失效。")
            return
        try:
            recorded = await asyncio.to_thread(
                svc.query_log.record_feedback, parsed.question_id, query.from_user.id, parsed.vote,
                chat_id=query.message.chat.id,
            )
        except sqlite3.Error:
            await query.answer("暂时无法记录反馈，请稍后再试。")
            return
        await query.answer("感谢反馈！" if recorded else "这条记录已失效。")
        return
    if message is None:
        await query.answer("这条消息太旧了，请重新提问。", show_alert=True)
        return
    if parsed.kind == "pick":
        pick = svc.callbacks.picks.get(parsed.key, chat_id=message.chat.id)
        if pick is None:
            await query.answer("按钮已过期，请重新提问。", show_alert=True)
            return
        await query.answer(f"已选择：{pick.label}")
        target = message.reply_to_message or message
        await answer_question(
            update, context, pick.question, reply_to=target, doc=pick.doc, unit=pick.unit
        )
        return
    if parsed.kind == "calendar":
        await send_calendar(query, message, svc, parsed.key)
        return
    source = svc.callbacks.sources.get(parsed.key, chat_id=message.chat.id)
    if source is None:
        await query.answer("按钮已过期，请重新提问。", show_alert=True)
        return
    text = svc.engine.knowledge.section_text(source.doc, source.section)
    if text is None:
        await query.answer("原文已不在当前知识库中（通知可能已更新）。", show_alert=True)
        return
    await query.answer()
    await reply_html(message, render_section(source.title, source.section, text))


async def send_calendar(query: CallbackQuery, message: Message, svc: BotServices, key: str) -> None:
    """The "加入日历" button: the cited deadline as an .ics file, in the chat that asked."""
    ref = svc.callbacks.calendars.get(key, chat_id=message.chat.id)
    if ref is None:
        await query.answer("按钮已过期，请重新提问。", show_alert=True)
        return
    knowledge = svc.engine.knowledge
    fact = find_deadline(knowledge, ref)
    if fact is None:
        await query.answer("这个截止日期已不在当前知识库中（通知可能已更新）。", show_alert=True)
        return
    meta = knowledge.documents[ref.doc].meta
    place = next((u.label for u in meta.units if u.key == fact.unit), "")
    data = deadline_ics(fact, title=meta.title, place=place)
    await query.answer()
    await message.reply_document(document=data, filename=f"deadline-{fact.date}.ics",
                                 caption=f"📅 {deadline_summary(fact)}（{fact.date}）")


async def tell_user_something_went_wrong(update: object) -> None:
    """The error handler's reply: a Chinese apology where the user is waiting for an answer."""
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        try:
            await update.callback_query.answer("抱歉，出了点问题，请稍后再试。", show_alert=True)
        except TelegramError as exc:  # already answered, or too old to answer
            logger.debug("could not answer callback after error: %s", exc)
    message = update.effective_message
    if message is None or update.callback_query is not None:
        return
    if is_group(message.chat) and not _addressed_in_group(message, update):
        return
    try:
        await reply_html(
            message, ["抱歉，处理您的消息时出了点问题，请稍后再试。如果一直这样，请联系管理员。"]
        )
    except TelegramError as exc:
        logger.warning("could not tell the user about an error: %s", exc)


def _addressed_in_group(message: Message, update: Update) -> bool:
    """Whether a group message was meant for the bot (a command, a mention or a reply)."""
    if message.text and message.text.startswith("/"):
        return True
    bot = message.get_bot()
    try:
        return group_question(message, bot.bot) is not None
    except RuntimeError:  # bot not initialised: cannot tell, so stay silent
        return False
