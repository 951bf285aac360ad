"""No secret anywhere: the token in every form it takes, and no server path in admin messages."""

from __future__ import annotations

import pytest

from bot.secrets import public_text, redact, without_paths

TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


@pytest.mark.parametrize(
    "text",
    [
        f"error at https://api.telegram.org/bot{TOKEN}/getMe",
        "https://api.telegram.org/file/bot123456789%3AAAEabcdefghijklmnopqrstuvwxyz012345/documents/x.docx",
        "key AAEabcdefghijklmnopqrstuvwxyz012345 leaked",
        "double 123456789%253AAAEabcdefghijklmnopqrstuvwxyz012345",
    ],
)
def test_the_token_is_redacted_in_every_form(text: str) -> None:
    out = redact(text, [TOKEN])
    assert "AAEabcdefghijklmnopqrstuvwxyz012345" not in out
    assert "***" in out


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("/var/lib/campaignbot/data/湖南通知.docx: not a zip", "湖南通知.docx: not a zip"),
        ("[Errno 39] Directory not empty: '/srv/x/.knowledge-old-7'", "[Errno 39] Directory not empty: '.knowledge-old-7'"),
    ],
)
def test_admin_messages_name_the_file_not_the_server_path(text: str, shown: str) -> None:
    assert without_paths(text) == shown
    assert public_text(text, [TOKEN]) == shown


@pytest.mark.parametrize("name", ["通知\u202etxt.docx", "a\u2028b.txt", "tab\tname.txt", "zero\u200bwidth.txt"])
def test_file_names_with_control_or_bidi_characters_are_refused(tmp_path, name: str) -> None:
    from bot.settings import Settings
    from bot.telegram.admin import UploadRejected, check_upload

    settings = Settings(telegram_bot_token=TOKEN, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.raises(UploadRejected, match="文件名不可用"):
        check_upload(settings, name, 10)
