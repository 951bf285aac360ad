"""Shared fixtures: the seed notices' knowledge, built in memory once per session."""

from __future__ import annotations

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
