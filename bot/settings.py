"""Run-time configuration of the Telegram bot, read from the environment and ``.env``.

Why a module of its own: a bot that starts with a missing token or a mistyped admin id fails
minutes later in a confusing way. Everything is validated here, once, at start-up, and every
problem is reported as one readable ``SettingsError`` (Chinese and English) instead of a pydantic
traceback. The bot token is a ``SecretStr`` and is never echoed, not even in error messages.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.ingest.readers import ReadLimits
from bot.query_log import DEFAULT_KEEP_DAYS

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_DB_NAME = "campaignbot.sqlite3"
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# Time zones without daylight saving time that we can stand in for when the system has no
# tz database (slim containers without the tzdata package).
_FIXED_ZONES: dict[str, tzinfo] = {
    "Asia/Shanghai": timezone(timedelta(hours=8), "CST"),
    "PRC": timezone(timedelta(hours=8), "CST"),
    "UTC": UTC,
}

_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_SECRET_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

# Environment variable name of each field, for error messages people can act on.
ENV_NAMES: dict[str, str] = {
    "telegram_bot_token": "TELEGRAM_BOT_TOKEN",
    "admin_ids": "CAMPAIGNBOT_ADMIN_IDS",
    "knowledge_dir": "CAMPAIGNBOT_KNOWLEDGE_DIR",
    "data_dir": "CAMPAIGNBOT_DATA_DIR",
    "db_path": "CAMPAIGNBOT_DB",
    "timezone": "CAMPAIGNBOT_TIMEZONE",
    "max_upload_bytes": "CAMPAIGNBOT_MAX_UPLOAD_BYTES",
    "max_unpacked_bytes": "CAMPAIGNBOT_MAX_UNPACKED_BYTES",
    "max_pdf_pages": "CAMPAIGNBOT_MAX_PDF_PAGES",
    "max_text_chars": "CAMPAIGNBOT_MAX_TEXT_CHARS",
    "log_keep_days": "CAMPAIGNBOT_LOG_KEEP_DAYS",
    "remind_at": "CAMPAIGNBOT_REMIND_AT",
    "webhook_url": "CAMPAIGNBOT_WEBHOOK_URL",
    "webhook_secret": "CAMPAIGNBOT_WEBHOOK_SECRET",
    "webhook_listen": "CAMPAIGNBOT_WEBHOOK_LISTEN",
    "webhook_port": "CAMPAIGNBOT_WEBHOOK_PORT",
    "rate_limit": "CAMPAIGNBOT_RATE_LIMIT",
    "log_level": "CAMPAIGNBOT_LOG_LEVEL",
}


class SettingsError(Exception):
    """A missing or malformed setting; the message says which variable and how to fix it."""


def _env(field: str) -> AliasChoices:
    """Accept the environment variable name and the field name (for ``Settings(...)`` in code)."""
    return AliasChoices(ENV_NAMES[field], field)


class Settings(BaseSettings):
    """All settings of ``campaignbot run``; see docs/telegram.md for the table."""

    @property
    def secrets(self) -> list[str]:
        """What must never appear in a log line or a message: the token, the webhook secret."""
        values = [self.telegram_bot_token.get_secret_value()]
        if self.webhook_secret is not None:
            values.append(self.webhook_secret.get_secret_value())
        return values

    @property
    def read_limits(self) -> ReadLimits:
        """What one notice file may cost to read (uploads and /reload alike)."""
        return ReadLimits(max_bytes=self.max_upload_bytes, max_unpacked_bytes=self.max_unpacked_bytes,
                          max_pdf_pages=self.max_pdf_pages, max_text_chars=self.max_text_chars)

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    telegram_bot_token: SecretStr = Field(validation_alias=_env("telegram_bot_token"))
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias=_env("admin_ids")
    )
    knowledge_dir: Path = Field(
        default=DEFAULT_KNOWLEDGE_DIR, validation_alias=_env("knowledge_dir")
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, validation_alias=_env("data_dir"))
    db_path: Path = Field(
        default_factory=lambda: Path.cwd() / DEFAULT_DB_NAME, validation_alias=_env("db_path")
    )
    timezone: str = Field(default="Asia/Shanghai", validation_alias=_env("timezone"))
    max_upload_bytes: int = Field(
        default=DEFAULT_MAX_UPLOAD_BYTES, gt=0, validation_alias=_env("max_upload_bytes")
    )
    max_unpacked_bytes: int = Field(
        default=ReadLimits.max_unpacked_bytes, gt=0, validation_alias=_env("max_unpacked_bytes")
    )
    max_pdf_pages: int = Field(default=ReadLimits.max_pdf_pages, gt=0, validation_alias=_env("max_pdf_pages"))
    max_text_chars: int = Field(default=ReadLimits.max_text_chars, gt=0, validation_alias=_env("max_text_chars"))
    remind_at: str = Field(default="09:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                           validation_alias=_env("remind_at"))
    log_keep_days: int = Field(default=DEFAULT_KEEP_DAYS, gt=0, validation_alias=_env("log_keep_days"))
    webhook_url: str | None = Field(default=None, validation_alias=_env("webhook_url"))
    webhook_secret: SecretStr | None = Field(default=None, validation_alias=_env("webhook_secret"))
    webhook_listen: str = Field(default="0.0.0.0", validation_alias=_env("webhook_listen"))
    webhook_port: int = Field(default=8443, ge=1, le=65535, validation_alias=_env("webhook_port"))
    rate_limit: bool = Field(default=True, validation_alias=_env("rate_limit"))
    log_level: str = Field(default="INFO", validation_alias=_env("log_level"))

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN_RE.match(value.get_secret_value().strip()):
            raise ValueError("token must look like 123456789:AAE… (from @BotFather)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in re.split(r"[,，\s]+", value) if p.strip()]
            for number, part in enumerate(parts, start=1):
                if not re.fullmatch(r"-?\d+", part):  # the value is never echoed: it may be a token
                    raise ValueError(f"entry {number} is not a numeric Telegram user id")
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        resolve_zone(value)
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parsed = urlparse(value.strip())
        if parsed.scheme != "https" or not parsed.netloc:
            raise ValueError("Telegram only delivers webhooks to https:// URLs")
        return value.strip()

    @field_validator("log_level")
    @classmethod
    def _level_name(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("use DEBUG, INFO, WARNING or ERROR")
        return level

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url:
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not _SECRET_TOKEN_RE.match(secret):
                raise ValueError(
                    "CAMPAIGNBOT_WEBHOOK_SECRET is required with CAMPAIGNBOT_WEBHOOK_URL: "
                    "1-256 characters of A-Z a-z 0-9 _ -"
                )
        return self

    @property
    def tz(self) -> tzinfo:
        """The time zone deadlines are counted in."""
        return resolve_zone(self.timezone)

    @property
    def webhook_path(self) -> str:
        """The local URL path the webhook server listens on: the public URL's path."""
        return urlparse(self.webhook_url or "").path.strip("/")

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids


def resolve_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        if name in _FIXED_ZONES:
            return _FIXED_ZONES[name]
        raise ValueError(f"unknown time zone {name!r} (e.g. Asia/Shanghai)") from exc


_ZH_HINTS: dict[str, str] = {
    "telegram_bot_token": "机器人令牌格式不对（应从 @BotFather 获取，形如 123456789:AAE…）",
    "admin_ids": "管理员 ID 应为逗号分隔的数字 Telegram 用户 ID",
    "timezone": "时区无效",
    "webhook_url": "Webhook 地址必须以 https:// 开头",
    "webhook_secret": "使用 Webhook 时必须设置密钥（1–256 个字母、数字、_ 或 -）",
    "max_upload_bytes": "上传大小上限必须是正整数（字节）",
    "max_unpacked_bytes": "解压大小上限必须是正整数（字节）",
    "max_pdf_pages": "PDF 页数上限必须是正整数",
    "max_text_chars": "文字长度上限必须是正整数（字）",
    "log_keep_days": "提问记录保留天数必须是正整数",
    "remind_at": "提醒时间应为 HH:MM（24 小时制），例如 09:00",
    "webhook_port": "端口必须在 1–65535 之间",
    "log_level": "日志级别无效",
}


def _describe(error: dict[str, Any]) -> str:
    """One line per problem; never includes the offending value (it may be the token)."""
    loc = [str(part) for part in error.get("loc", ())]
    by_env = {env: name for name, env in ENV_NAMES.items()}
    field = next(
        (by_env.get(part, part) for part in loc if part in ENV_NAMES or part in by_env), None
    )
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if field is None:  # a check across fields names its variable in the message
        field = next((name for name, env in ENV_NAMES.items() if message.startswith(env)), None)
    env = ENV_NAMES.get(field or "", "/".join(loc) or "settings")
    if error.get("type") == "missing":
        return f"- {env}: 未设置 / is required"
    hint = _ZH_HINTS.get(field or "", "取值无效")
    return f"- {env}: {hint} / {message}"


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment and ``.env``; raise ``SettingsError`` when wrong.

    ``overrides`` are field values that take precedence (tests, the CLI); pass
    ``_env_file=None`` to ignore ``.env``.
    """
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = [_describe(dict(err)) for err in exc.errors(include_input=False)]
        raise SettingsError(
            "配置有误，机器人无法启动 / invalid configuration:\n" + "\n".join(lines)
        ) from None
