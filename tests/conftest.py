"""Shared fixtures: the seed notices' knowledge, built in memory once per session."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.ingest import IngestResult, build_knowledge
from bot.knowledge import Knowledge

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
KNOWLEDGE = REPO / "knowledge"
TODAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def built() -> IngestResult:
    return build_knowledge(DATA)


@pytest.fixture(scope="session")
def knowledge(built: IngestResult) -> Knowledge:
    return built.knowledge


@pytest.fixture
def engine(knowledge: Knowledge) -> Engine:
    """A fresh engine (no conversation state) with today's date pinned."""
    return Engine(knowledge, today=TODAY)


#: What a manifest records of each file's ``stat`` (sizes, times, inodes): the only bytes in which
#: two writes of the same knowledge differ, so byte comparisons of folders leave them out.
STAT_FIELDS = ("stat", "yaml_stat")


def without_file_stats(files: dict[str, bytes], manifest: str = ".manifest.json") -> dict[str, bytes]:
    """``files`` (relative path -> bytes) with the manifest's stat fields left out."""
    if manifest not in files:
        return files
    data = json.loads(files[manifest])
    for entry in data["files"].values():
        for key in STAT_FIELDS:
            entry.pop(key, None)
    return {**files, manifest: json.dumps(data, ensure_ascii=False, sort_keys=True).encode()}
