"""Settings: read from the environment, every mistake a readable error, the token never shown."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.settings import DEFAULT_MAX_UPLOAD_BYTES, Settings, SettingsError, load_settings
from bot.telegram.app import RedactingFormatter, configure_logging

TOKEN = "987654321:AAE-SeCrEt_TokenValue-abcdefghijklm"
ENV_NAMES = [
    "TELEGRAM_BOT_TOKEN",
    "CAMPAIGNBOT_ADMIN_IDS",
    "CAMPAIGNBOT_KNOWLEDGE_DIR",
    "CAMPAIGNBOT_DATA_DIR",
    "CAMPAIGNBOT_DB",
    "CAMPAIGNBOT_TIMEZONE",
    "CAMPAIGNBOT_MAX_UPLOAD_BYTES",
    "CAMPAIGNBOT_WEBHOOK_URL",
    "CAMPAIGNBOT_WEBHOOK_SECRET",
    "CAMPAIGNBOT_WEBHOOK_LISTEN",
    "CAMPAIGNBOT_WEBHOOK_PORT",
    "CAMPAIGNBOT_RATE_LIMIT",
    "CAMPAIGNBOT_LOG_LEVEL",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No variable from the developer's shell or .env leaks into these tests."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """``configure_logging`` replaces the root handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def _load(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_settings_are_read_from_the_environment_with_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    s = _load(monkeypatch, TELEGRAM_BOT_TOKEN=TOKEN, CAMPAIGNBOT_ADMIN_IDS="11, 22，33")
    assert s.telegram_bot_token.get_secret_value() == TOKEN
    assert s.admin_ids == frozenset({11, 22, 33})
    assert s.is_admin(22) and not s.is_admin(44) and not s.is_admin(None)
    assert s.knowledge_dir.name == "knowledge" and s.data_dir.name == "data"
    assert s.db_path == tmp_path / "campaignbot.sqlite3"
    assert s.timezone == "Asia/Shanghai"
    assert s.tz.utcoffset(datetime(2024, 9, 1)) == timedelta(hours=8)
    assert s.max_upload_bytes == DEFAULT_MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert s.webhook_url is None and s.rate_limit is True


def test_settings_are_read_from_a_dot_env_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nCAMPAIGNBOT_DB=/var/lib/campaignbot/q.sqlite3\n",
        encoding="utf-8",
    )
    s = load_settings()
    assert s.db_path == Path("/var/lib/campaignbot/q.sqlite3")


def test_webhook_settings_give_the_local_path_from_the_public_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = _load(
        monkeypatch,
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAMPAIGNBOT_WEBHOOK_URL="https://bot.example.gov.cn/tg/hook",
        CAMPAIGNBOT_WEBHOOK_SECRET="s3cret_value-1",
        CAMPAIGNBOT_WEBHOOK_PORT="8080",
    )
    assert s.webhook_path == "tg/hook" and s.webhook_port == 8080
    assert "s3cret_value-1" not in repr(s)


@pytest.mark.parametrize(
    ("env", "names_variable"),
    [
        ({}, "TELEGRAM_BOT_TOKEN: 未设置"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN: 机器人令牌格式不对"),
        ({"CAMPAIGNBOT_ADMIN_IDS": "12,abc"}, "CAMPAIGNBOT_ADMIN_IDS"),
        ({"CAMPAIGNBOT_ADMIN_IDS": TOKEN}, "CAMPAIGNBOT_ADMIN_IDS"),  # token pasted in the wrong place
        ({"CAMPAIGNBOT_LOG_KEEP_DAYS": "0"}, "CAMPAIGNBOT_LOG_KEEP_DAYS"),
        ({"CAMPAIGNBOT_TIMEZONE": "Mars/Olympus"}, "CAMPAIGNBOT_TIMEZONE: 时区无效"),
        ({"CAMPAIGNBOT_MAX_UPLOAD_BYTES": "0"}, "CAMPAIGNBOT_MAX_UPLOAD_BYTES"),
        ({"CAMPAIGNBOT_MAX_UPLOAD_BYTES": "five"}, "CAMPAIGNBOT_MAX_UPLOAD_BYTES"),
        ({"CAMPAIGNBOT_WEBHOOK_URL": "http://insecure.example"}, "CAMPAIGNBOT_WEBHOOK_URL"),
        ({"CAMPAIGNBOT_WEBHOOK_URL": "https://ok.example/h"}, "CAMPAIGNBOT_WEBHOOK_SECRET"),
        ({"CAMPAIGNBOT_WEBHOOK_PORT": "70000"}, "CAMPAIGNBOT_WEBHOOK_PORT"),
        ({"CAMPAIGNBOT_LOG_LEVEL": "LOUD"}, "CAMPAIGNBOT_LOG_LEVEL"),
    ],
)
def test_a_missing_or_malformed_setting_is_a_readable_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], names_variable: str
) -> None:
    if "TELEGRAM_BOT_TOKEN" not in env and env:
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, **env}
    with pytest.raises(SettingsError) as caught:
        _load(monkeypatch, **env)
    message = str(caught.value)
    assert message.startswith("配置有误")
    assert names_variable in message
    assert "Traceback" not in message and "pydantic" not in message
    assert TOKEN not in message


def test_an_invalid_token_is_not_echoed_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "12345:short-but-secret"
    with pytest.raises(SettingsError) as caught:
        _load(monkeypatch, TELEGRAM_BOT_TOKEN=secret)
    assert secret not in str(caught.value)


@pytest.mark.parametrize("show", [repr, str, lambda s: f"{s}", lambda s: s.model_dump_json()])
def test_the_token_never_appears_when_settings_are_printed(
    monkeypatch: pytest.MonkeyPatch, show: Any
) -> None:
    s = _load(monkeypatch, TELEGRAM_BOT_TOKEN=TOKEN)
    assert TOKEN not in show(s)


@pytest.mark.usefixtures("restore_logging")
def test_the_token_never_appears_in_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    s = _load(monkeypatch, TELEGRAM_BOT_TOKEN=TOKEN)
    configure_logging(s)
    stream = io.StringIO()
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    assert isinstance(handler.formatter, RedactingFormatter)
    handler.setStream(stream)
    log = logging.getLogger("campaignbot.test")
    log.info("settings: %s", s)
    log.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        log.exception("failed")
    output = stream.getvalue()
    assert "getMe" in output and "sendMessage failed" in output
    assert TOKEN not in output
    assert logging.getLogger("httpx").level == logging.WARNING  # httpx would log the URL


# --- start-up ---------------------------------------------------------------------------------


def test_run_bot_without_a_token_raises_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.telegram.app import run_bot

    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        run_bot()


@pytest.mark.usefixtures("restore_logging")
def test_run_bot_with_a_broken_knowledge_file_names_it_and_does_not_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.telegram.app import run_bot

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "bad.yaml").write_text("meta: {doc: 1}\nfacts: []\nsections: []\n", "utf-8")
    s = _load(
        monkeypatch,
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAMPAIGNBOT_KNOWLEDGE_DIR=str(knowledge),
        CAMPAIGNBOT_DB=str(tmp_path / "q.sqlite3"),
    )
    with pytest.raises(SettingsError, match="bad.yaml"):
        run_bot(s)


@pytest.mark.usefixtures("restore_logging")
def test_run_bot_in_webhook_mode_without_tornado_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    from bot.telegram.app import run_bot

    s = _load(
        monkeypatch,
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAMPAIGNBOT_WEBHOOK_URL="https://bot.example/hook",
        CAMPAIGNBOT_WEBHOOK_SECRET="abc",
    )
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SettingsError, match=r"python-telegram-bot\[webhooks\]"):
        run_bot(s)


def test_first_start_with_an_empty_knowledge_folder_builds_it_from_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from bot.telegram.app import load_startup_knowledge

    data = tmp_path / "data"
    data.mkdir()
    source = next((Path(__file__).parent.parent / "data").glob("*.txt"))
    shutil.copy(source, data / source.name)
    s = _load(
        monkeypatch,
        TELEGRAM_BOT_TOKEN=TOKEN,
        CAMPAIGNBOT_DATA_DIR=str(data),
        CAMPAIGNBOT_KNOWLEDGE_DIR=str(tmp_path / "knowledge"),
    )
    knowledge = load_startup_knowledge(s)
    assert list(knowledge.documents) == [source.stem]
    assert (tmp_path / "knowledge" / f"{source.stem}.yaml").exists()
