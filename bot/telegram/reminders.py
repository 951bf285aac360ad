"""Deadline reminders in group chats: /remind, and the daily job that sends them.

Subscriptions and what was already sent live in SQLite (``bot/reminder_store.py``, in the
query log's file), so a restart neither loses a subscription nor repeats a reminder. Which deadlines are due is decided by the
pure ``bot.reminders``; this module only stores, asks Telegram and sends.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.regions import Region, regions
from bot.reminder_store import Subscription
from bot.reminders import REMINDER_STAGES, announcement_text, concerns, due_deadlines, reminder_text
from bot.telegram.context import is_group, reply_html, services
from bot.telegram.formatting import escape
from bot.telegram.handlers import command_argument

logger = logging.getLogger(__name__)

GROUP_ADMIN_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def _may_configure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A bot admin, or an administrator of the group."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return False
    if services(context).settings.is_admin(user.id):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.warning("could not check group admin status: %s", exc)
        return False
    return member.status in GROUP_ADMIN_STATUSES


def _describe(subscription: Subscription | None, at: str) -> str:
    if subscription is None:
        return "本群没有订阅截止日期提醒。发送 <code>/remind 四川 成都</code> 订阅这些地区的提醒。"
    what = "、".join(subscription.regions) if subscription.regions else "本群问过的通知"
    stages = "、".join("当天" if s == 0 else f"{s}天前" for s in REMINDER_STAGES)
    return f"本群已订阅截止日期提醒：{escape(what)}。\n每天 {at} 提醒在{stages}到期的报送事项。发送 <code>/remind off</code> 取消。"


async def on_remind(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remind [地区…|off] in a group: show, set or stop the group's deadline reminders.

    ``/remind`` alone shows the setting; from an admin in a group without one, it subscribes
    the group to the notices it has asked about.
    """
    message = update.effective_message
    if message is None:
        return
    if not is_group(message.chat):
        await reply_html(message, ["截止日期提醒用于群聊：请在群里发送 <code>/remind 地区</code>。"])
        return
    svc = services(context)
    argument = command_argument(message)
    store = svc.reminders
    at = svc.settings.remind_at
    current = store.subscription(message.chat.id)
    if not argument and (current is not None or not await _may_configure(update, context)):
        await reply_html(message, [_describe(current, at)])  # /remind alone shows the setting
        return
    if argument and not await _may_configure(update, context):
        await reply_html(message, ["只有群管理员或机器人管理员可以设置本群的提醒。"])
        return
    if argument.lower() in {"off", "stop", "关闭", "取消"}:
        removed = store.unsubscribe(message.chat.id)
        await reply_html(message, ["已取消本群的截止日期提醒。" if removed else "本群没有订阅提醒。"])
        return
    if not argument or argument in {"我们问过的", "auto"}:  # an admin's first /remind: what the group asked
        names: tuple[str, ...] = ()
    else:
        found = regions().find(argument, abbreviations=True)
        names = tuple(dict.fromkeys(m.region.name for m in found))
        if not names:
            await reply_html(message, [f"没有认出地区：{escape(argument)}。例如 <code>/remind 四川 成都</code>。"])
            return
    store.subscribe(message.chat.id, names)
    await reply_html(message, [_describe(store.subscription(message.chat.id), at)])


def subscribed_regions(subscription: Subscription) -> list[Region]:
    """The regions a subscription names (a name the dictionary no longer has is skipped)."""
    return [regions().by_name[n] for n in subscription.regions if n in regions().by_name]


async def send_due_reminders(context: ContextTypes.DEFAULT_TYPE) -> int:
    """The daily job: each subscribed group gets each due stage of each deadline once.

    Returns how many reminders were sent (for logs and tests).
    """
    svc = services(context)
    today = svc.clock().astimezone(svc.settings.tz).date()
    knowledge = svc.engine.knowledge
    sent = 0
    for subscription in svc.reminders.subscriptions():
        wanted = subscribed_regions(subscription)
        docs = () if subscription.regions else svc.query_log.docs_asked(subscription.chat_id)
        for due in due_deadlines(knowledge, today, regions=wanted, docs=docs):
            if not svc.reminders.claim(subscription.chat_id, due.fact.id, due.stage):
                continue
            try:
                await context.bot.send_message(subscription.chat_id, escape(reminder_text(due)))
            except TelegramError as exc:
                svc.reminders.release(subscription.chat_id, due.fact.id, due.stage)
                logger.warning("reminder to chat %s failed: %s", subscription.chat_id, exc)
                continue
            sent += 1
    return sent


async def announce_new_notices(context: ContextTypes.DEFAULT_TYPE, docs: list[str]) -> int:
    """After a reload or upload: tell each group subscribed to a new notice's region about it.

    A failed send is logged and skipped: the admin's change has already succeeded.
    """
    svc = services(context)
    knowledge = svc.engine.knowledge
    today = svc.clock().astimezone(svc.settings.tz).date()
    sent = 0
    for subscription in svc.reminders.subscriptions():
        wanted = subscribed_regions(subscription)
        for doc in docs:
            document = knowledge.documents.get(doc)
            if document is None or not concerns(document, wanted):
                continue
            try:
                await context.bot.send_message(subscription.chat_id, escape(announcement_text(document, today)))
            except TelegramError as exc:
                logger.warning("announcement to chat %s failed: %s", subscription.chat_id, exc)
                continue
            sent += 1
    return sent
