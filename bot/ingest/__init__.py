"""Notices in, knowledge out: reading files, the per-notice pipeline, incremental and parallel ingest.

Modules: ``readers`` (bytes -> text, bounded), ``formats`` (.docx/.html/.pdf), ``webpage`` (a saved
web page's main content), ``pipeline`` (folder -> knowledge, report, writing), ``manifest`` (what
an earlier ingest into a knowledge folder already did, for incremental runs).

The names below are loaded on first use (PEP 562): ``bot.settings`` imports
``bot.ingest.readers`` at every start, and importing the whole pipeline (OpenCC, the region
table) there would cost the cold start of ``campaignbot ask`` for nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.ingest.pipeline import (
        IngestError,
        IngestReport,
        IngestResult,
        KnowledgeDiff,
        Progress,
        build_document,
        build_knowledge,
        diff_knowledge,
        doc_id_for,
        notice_files,
        write_knowledge,
    )

__all__ = [
    "IngestError", "IngestReport", "IngestResult", "KnowledgeDiff", "Progress", "build_document",
    "build_knowledge", "diff_knowledge", "doc_id_for", "notice_files", "write_knowledge",
]
_PIPELINE_NAMES = frozenset(__all__)


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        return getattr(importlib.import_module("bot.ingest.pipeline"), name)
    raise AttributeError(f"module 'bot.ingest' has no attribute {name!r}")
