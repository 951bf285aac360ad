"""The query log: questions, feedback, misses and stats in SQLite."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.query_log import QueryLog


@pytest.fixture
def log(tmp_path: Path) -> Iterator[QueryLog]:
    query_log = QueryLog(tmp_path / "sub" / "queries.sqlite3")
    yield query_log
    query_log.close()


def _ask(
    log: QueryLog,
    question: str,
    *,
    found: bool,
    choices: int = 0,
    latency: float = 5.0,
    chat_type: str = "private",
    ts: float | None = None,
) -> int:
    return log.log_question(
        question=question,
        chat_type=chat_type,
        found=found,
        latency_ms=latency,
        chat_id=1,
        user_id=2,
        choices=choices,
        ts=ts,
    )


def test_question_ids_increase_and_survive_reopening(tmp_path: Path) -> None:
    first = QueryLog(tmp_path / "q.sqlite3")
    a = _ask(first, "问题一", found=True)
    first.close()
    second = QueryLog(tmp_path / "q.sqlite3")
    b = _ask(second, "问题二", found=False)
    assert b > a
    assert second.stats().questions == 2
    second.close()


@pytest.mark.parametrize(
    ("votes", "up", "down"),
    [
        ([(7, 1)], 1, 0),
        ([(7, -1)], 0, 1),
        ([(7, 1), (7, -1)], 0, 1),  # a user's second vote replaces the first
        ([(7, 1), (8, 1), (9, -1)], 2, 1),
    ],
)
def test_feedback_counts_one_vote_per_user_and_question(
    log: QueryLog, votes: list[tuple[int, int]], up: int, down: int
) -> None:
    qid = _ask(log, "问题", found=True)
    for user, vote in votes:
        assert log.record_feedback(qid, user, vote)
    stats = log.stats()
    assert (stats.thumbs_up, stats.thumbs_down) == (up, down)


def test_feedback_counts_only_in_the_chat_the_question_was_asked_in(log: QueryLog) -> None:
    qid = _ask(log, "问题", found=True)  # asked in chat 1
    assert log.record_feedback(qid, 5, 1, chat_id=99) is False
    assert log.record_feedback(qid, 5, 1, chat_id=1) is True
    assert log.stats().thumbs_up == 1


def test_feedback_for_an_unknown_question_is_not_recorded(log: QueryLog) -> None:
    assert log.record_feedback(999, 1, 1) is False
    with pytest.raises(ValueError, match="vote"):
        log.record_feedback(_ask(log, "q", found=True), 1, 0)


def test_recent_misses_are_unanswered_questions_newest_first_without_clarifications(
    log: QueryLog,
) -> None:
    _ask(log, "答出的", found=True, ts=1.0)
    _ask(log, "旧的未答出", found=False, ts=2.0)
    _ask(log, "请用户选择的", found=False, choices=2, ts=3.0)
    _ask(log, "新的未答出", found=False, ts=4.0)
    assert [m.question for m in log.recent_misses()] == ["新的未答出", "旧的未答出"]
    assert [m.question for m in log.recent_misses(limit=1)] == ["新的未答出"]


def test_stats_count_answers_chat_types_latency_and_denied_attempts(log: QueryLog) -> None:
    for i, latency in enumerate([1.0, 2.0, 3.0, 4.0, 100.0]):
        _ask(
            log,
            f"q{i}",
            found=i < 3,
            latency=latency,
            chat_type="private" if i % 2 else "supergroup",
        )
    _ask(log, "clarify", found=False, choices=3, latency=5.0)
    log.log_denied(42, "reload")
    stats = log.stats()
    assert stats.questions == 6
    assert (stats.answered, stats.unanswered, stats.clarified) == (3, 2, 1)
    assert stats.by_chat_type == {"private": 3, "supergroup": 3}
    assert stats.latency_p50_ms == 3.0
    assert stats.latency_p95_ms == 100.0
    assert stats.denied == 1
    assert stats.answer_rate == pytest.approx(0.5)


def test_empty_log_has_zero_stats(log: QueryLog) -> None:
    stats = log.stats()
    assert stats.questions == 0 and stats.answer_rate == 0.0 and stats.latency_p95_ms == 0.0
    assert log.recent_misses() == []


def test_a_locked_log_gives_up_and_pauses_instead_of_making_questions_wait(tmp_path: Path) -> None:
    path = tmp_path / "queries.sqlite3"
    query_log = QueryLog(path, busy_timeout=0.01, retry_after=60)
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert query_log.log_question(question="q1", chat_type="private", found=True, latency_ms=1) is None
    finally:
        holder.rollback()
        holder.close()
    # the lock is gone, but the log stays paused: no question waits on a log that just failed
    assert query_log.log_question(question="q2", chat_type="private", found=True, latency_ms=1) is None
    query_log.close()


def test_a_log_that_recovers_logs_again_after_the_pause(tmp_path: Path) -> None:
    path = tmp_path / "queries.sqlite3"
    query_log = QueryLog(path, busy_timeout=0.01, retry_after=0)
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    assert query_log.log_question(question="q1", chat_type="private", found=True, latency_ms=1) is None
    holder.rollback()
    holder.close()
    assert query_log.log_question(question="q2", chat_type="private", found=True, latency_ms=1) == 1
    query_log.close()


def test_questions_older_than_the_retention_are_pruned_with_their_votes(tmp_path: Path) -> None:
    query_log = QueryLog(tmp_path / "q.sqlite3", keep_days=180)
    now = 1_800_000_000.0
    old = _ask(query_log, "旧问题", found=True, ts=now - 181 * 86_400)
    query_log.record_feedback(old, 1, 1)
    recent = _ask(query_log, "新问题", found=True, ts=now - 179 * 86_400)
    assert query_log.prune(now=now) == 1
    assert query_log.record_feedback(old, 2, 1) is False
    assert query_log.record_feedback(recent, 2, 1) is True
    stats = query_log.stats()
    assert (stats.questions, stats.thumbs_up) == (1, 1)
    query_log.close()


def test_a_pasted_wall_of_text_is_stored_cut_to_the_limit(log: QueryLog) -> None:
    from bot.query_log import MAX_LOGGED_QUESTION_CHARS

    _ask(log, "长" * (MAX_LOGGED_QUESTION_CHARS * 10), found=False)
    [miss] = log.recent_misses(5)
    assert len(miss.question) == MAX_LOGGED_QUESTION_CHARS
