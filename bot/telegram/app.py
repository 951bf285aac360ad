"""The Telegram application: ``build_application`` wires handlers, ``run_bot`` runs it.

Why two functions: ``build_application`` makes a complete, configured
``telegram.ext.Application`` without touching the network, so tests and the load test drive
the real bot through ``process_update`` with a fake request object; ``run_bot`` adds what only
production needs — logging that never shows the token, and long polling or a webhook.

The seam for tests is small and explicit: ``build_application(settings, request=..., engine=...)``.
``engine`` is any object with ``ask``, ``knowledge`` and ``swap`` (see
``bot.telegram.context.EngineLike``); it is stored in ``application.bot_data["services"]``.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable
from datetime import time as dtime

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.knowledge import Knowledge
from bot.query_log import QueryLog
from bot.reminder_store import ReminderStore
from bot.secrets import redact
from bot.settings import Settings, SettingsError, load_settings
from bot.telegram.admin import on_misses, on_reload, on_stats, on_upload, on_why
from bot.telegram.context import SERVICES_KEY, BotServices, EngineLike
from bot.telegram.handlers import (
    on_ask,
    on_callback,
    on_deadlines,
    on_group_text,
    on_help,
    on_private_other,
    on_private_text,
    on_sources,
    on_unknown_command,
    tell_user_something_went_wrong,
)
from bot.telegram.reminders import on_remind, send_due_reminders

__all__ = ["build_application", "configure_logging", "load_startup_knowledge", "run_bot"]

logger = logging.getLogger(__name__)

# Only these update types are handled; edits of old messages are not re-answered.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]

PRIVATE_COMMANDS = [
    BotCommand("help", "使用说明和示例问题"),
    BotCommand("sources", "已导入的通知"),
    BotCommand("deadlines", "报送截止日期"),
]
GROUP_COMMANDS = [
    BotCommand("ask", "提问，例如 /ask 活动总结什么时候报送？"),
    *PRIVATE_COMMANDS,
]


def load_startup_knowledge(settings: Settings) -> Knowledge:
    """The knowledge folder's content; on a first start with an empty folder, built from data/.

    A knowledge folder that exists but does not load is an error (``KnowledgeError``), never
    silently rebuilt: it may hold hand corrections.
    """
    from bot.knowledge.store import open_knowledge
    from bot.knowledge.swap import recover

    folder = settings.knowledge_dir
    for action in recover(folder):  # before deciding the folder is missing: it may be set aside
        logger.warning("knowledge folder: %s", action)
    if not (folder.is_dir() and any(folder.glob("*.yaml"))):
        from bot.ingest import build_knowledge, write_knowledge

        logger.info("knowledge folder %s is empty: building it from %s", folder, settings.data_dir)
        result = build_knowledge(settings.data_dir, limits=settings.read_limits)
        write_knowledge(result, folder)
        logger.info("built knowledge:\n%s", result.report.summary())
    return open_knowledge(folder)


def build_application(
    settings: Settings | None = None,
    *,
    request: BaseRequest | None = None,
    engine: EngineLike | None = None,
) -> Application:
    """The configured bot application (handlers, error handler, rate limiter, services).

    ``request`` is used for every Bot API call, getUpdates included, so a fake request makes
    the bot run offline. ``engine`` replaces the engine built from the knowledge folder
    (tests inject controlled answers this way). Nothing here touches the network.
    """
    settings = settings or load_settings()
    if engine is None:
        from bot.answering.engine import Engine

        engine = Engine(load_startup_knowledge(settings), timezone=settings.tz)
        engine.freeze()
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=settings.tz,
            )
        )
        .concurrent_updates(True)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data[SERVICES_KEY] = BotServices(
        settings=settings, engine=engine,
        query_log=QueryLog(settings.db_path, keep_days=settings.log_keep_days),
        reminders=ReminderStore(settings.db_path),
    )
    _add_handlers(application)
    if application.job_queue is not None:  # started with the application, daily in the configured zone
        hour, minute = (int(part) for part in settings.remind_at.split(":"))
        application.job_queue.run_daily(
            send_due_reminders, time=dtime(hour, minute, tzinfo=settings.tz), name="deadline-reminders"
        )
    return application


def _add_handlers(app: Application) -> None:
    new = filters.UpdateType.MESSAGE  # not edited messages, not channel posts
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    app.add_handlers(
        [
            CommandHandler(["start", "help"], on_help, filters=new),
            CommandHandler("sources", on_sources, filters=new),
            CommandHandler("deadlines", on_deadlines, filters=new),
            CommandHandler("ask", on_ask, filters=new),
            CommandHandler("reload", on_reload, filters=new),
            CommandHandler("misses", on_misses, filters=new),
            CommandHandler("stats", on_stats, filters=new),
            CommandHandler("why", on_why, filters=new),
            CommandHandler("remind", on_remind, filters=new),
            MessageHandler(new & private & filters.Document.ALL, on_upload),
            MessageHandler(new & private & filters.TEXT & ~filters.COMMAND, on_private_text),
            MessageHandler(new & groups & filters.TEXT & ~filters.COMMAND, on_group_text),
            MessageHandler(new & private & filters.COMMAND, on_unknown_command),
            MessageHandler(new & private & ~filters.StatusUpdate.ALL, on_private_other),
            CallbackQueryHandler(on_callback),
        ]
    )
    app.add_error_handler(on_error)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback; tell the user (in Chinese) that something went wrong."""
    logger.error("error while handling an update", exc_info=context.error)
    await tell_user_something_went_wrong(update)


async def _post_init(app: Application) -> None:
    """Publish the command menus (only when really running; failure is not fatal)."""
    try:
        await app.bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
        await app.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    except TelegramError as exc:
        logger.warning("could not set the command menu: %s", exc)
    logger.info(
        "campaignbot @%s ready: %d notices",
        app.bot.username,
        len(app.bot_data[SERVICES_KEY].engine.knowledge.documents),
    )


async def _post_shutdown(app: Application) -> None:
    svc: BotServices | None = app.bot_data.get(SERVICES_KEY)
    if svc is not None:
        svc.query_log.close()
        svc.reminders.close()


# --- logging ---------------------------------------------------------------------------------


class RedactingFormatter(logging.Formatter):
    """Replaces secrets (the bot token, the webhook secret) in every formatted record.

    The token is part of every Bot API URL, so any library that logs a URL or an exception
    mentioning one would otherwise print it; redacting the final text catches tracebacks too.
    """

    def __init__(self, fmt: str | None, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)  # plain, percent-encoded, key alone


def configure_logging(settings: Settings) -> None:
    """Root logging to stderr at the configured level, with secrets redacted."""
    secrets = settings.secrets
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


# --- running ---------------------------------------------------------------------------------


def run_bot(settings: Settings | None = None) -> None:
    """``campaignbot run``: long polling, or a webhook when CAMPAIGNBOT_WEBHOOK_URL is set.

    Raises ``SettingsError`` (a readable message, no traceback needed) when the configuration
    is wrong, the knowledge folder cannot be loaded, or webhook mode lacks its dependency.
    """
    from bot.ingest import IngestError
    from bot.knowledge.store import KnowledgeError

    settings = settings or load_settings()
    configure_logging(settings)
    if settings.webhook_url and importlib.util.find_spec("tornado") is None:
        raise SettingsError(
            "Webhook 模式需要 tornado，请安装 python-telegram-bot[webhooks] "
            "/ webhook mode needs python-telegram-bot[webhooks]"
        )
    try:
        application = build_application(settings)
    except (KnowledgeError, IngestError) as exc:
        raise SettingsError(
            f"知识库无法加载 / cannot load the knowledge "
            f"(CAMPAIGNBOT_KNOWLEDGE_DIR={settings.knowledge_dir}): {exc}"
        ) from None
    try:
        if settings.webhook_url:
            secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
            logger.info(
                "starting webhook on %s:%d/%s",
                settings.webhook_listen,
                settings.webhook_port,
                settings.webhook_path,
            )
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=settings.webhook_path,
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            logger.info("starting long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        # one readable line, never a traceback that could print the token
        raise SettingsError(
            "Telegram 拒绝了 TELEGRAM_BOT_TOKEN（无效或已被撤销），请在 @BotFather 重新获取 "
            "/ Telegram rejected TELEGRAM_BOT_TOKEN (invalid or revoked)"
        ) from None


def bot_services(application: Application) -> BotServices:
    """The services of a built application (tests and scripts use it to swap the engine)."""
    return application.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]
