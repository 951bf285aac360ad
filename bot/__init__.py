"""campaignbot: answers questions about Quality Month (质量月) notices, with citations."""

from __future__ import annotations

from typing import Any

__all__ = ["build_application"]


def __getattr__(name: str) -> Any:
    # The Telegram layer is imported only when asked for: the CLI and the core
    # must start fast and work without it.
    if name == "build_application":
        from bot.telegram.app import build_application

        return build_application
    raise AttributeError(name)
