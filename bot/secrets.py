"""Keeping secrets out of text: the bot token in every form it takes on its way to a log line.

PTB writes the token into Bot API and file-download URLs, percent-encoded (``123%3AAAE…``);
errors carrying such a URL reach logs and admin replies. Redaction therefore looks for every
form: as written, percent-encoded, and the secret half after the bot id alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

REDACTED = "***"


def secret_forms(secret: str) -> list[str]:
    """The strings a secret may appear as, longest first (so a longer form is replaced whole)."""
    if not secret:
        return []
    forms = {secret, quote(secret, safe=""), quote(secret, safe="/:"), quote(quote(secret, safe=""), safe="")}
    bot_id, colon, key = secret.partition(":")
    if colon and len(key) >= 16:  # a bot token "123456:AAE…": the key is the secret half
        forms.add(key)
    return sorted(forms, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every form of every secret replaced by ***."""
    for secret in secrets:
        for form in secret_forms(secret):
            text = text.replace(form, REDACTED)
    return text


_ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:[\w.\-]+/)+([\w.\-]+)")


def without_paths(text: str) -> str:
    """"/var/lib/campaignbot/data/x.docx" -> "x.docx": admins are told the file, not the server."""
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1), text)


def public_text(text: str, secrets: Iterable[str]) -> str:
    """A message safe to show a user or write to a log: no secret, no server path."""
    return without_paths(redact(text, secrets))


__all__ = ["REDACTED", "public_text", "redact", "secret_forms", "without_paths"]
