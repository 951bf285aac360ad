"""A small SQLite record of what people ask and whether the bot could answer.

Why: the questions the bot could not answer (``/misses``) and the 👎 votes are the to-do list
for the next knowledge correction, and latency numbers tell whether the bot stays fast as the
notices grow. Plain ``sqlite3`` from the standard library; one connection guarded by a lock so
the asyncio handlers and worker threads can share it. Writes are tiny and commit at once.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

#: How long a write waits for a lock held elsewhere (another process, a long /stats) before the
#: question is answered without being logged. Short: an answer never waits for its log line.
LOG_BUSY_TIMEOUT_SECONDS = 0.2
#: After a failed write, questions are answered unlogged for this long instead of each waiting.
LOG_RETRY_AFTER_SECONDS = 5.0
#: Questions older than this are deleted (with their votes): a log, not an archive.
DEFAULT_KEEP_DAYS = 180
#: A question is stored cut to this many characters (a pasted notice is not a question).
MAX_LOGGED_QUESTION_CHARS = 500
#: Old rows are pruned at start-up and then once every this many logged questions.
PRUNE_EVERY_QUESTIONS = 1000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ts          REAL    NOT NULL,
    chat_id     INTEGER,
    chat_type   TEXT    NOT NULL,
    user_id     INTEGER,
    question    TEXT    NOT NULL,
    found       INTEGER NOT NULL,
    choices     INTEGER NOT NULL DEFAULT 0,
    latency_ms  REAL    NOT NULL,
    docs        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS questions_found ON questions (found, ts);
CREATE INDEX IF NOT EXISTS questions_ts ON questions (ts);
CREATE INDEX IF NOT EXISTS questions_latency ON questions (latency_ms);
CREATE INDEX IF NOT EXISTS questions_chat_type ON questions (chat_type);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions (id),
    user_id     INTEGER NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    ts          REAL    NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE TABLE IF NOT EXISTS denied (
    ts          REAL    NOT NULL,
    user_id     INTEGER,
    action      TEXT    NOT NULL
);
"""


@dataclass(frozen=True)
class Miss:
    """A question that got no answer (and no offer of notices to pick from)."""

    id: int
    ts: float
    chat_type: str
    question: str


@dataclass(frozen=True)
class Stats:
    questions: int
    answered: int
    unanswered: int
    clarified: int  # not answered, but notices offered to pick from
    by_chat_type: dict[str, int]
    thumbs_up: int
    thumbs_down: int
    latency_p50_ms: float
    latency_p95_ms: float
    denied: int

    @property
    def answer_rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


class QueryLog:
    """Questions, feedback and refused admin attempts in one SQLite file."""

    def __init__(
        self, path: Path | str, *, busy_timeout: float = LOG_BUSY_TIMEOUT_SECONDS,
        retry_after: float = LOG_RETRY_AFTER_SECONDS, keep_days: float = DEFAULT_KEEP_DAYS,
    ) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.busy_timeout = busy_timeout
        self.retry_after = retry_after
        self._paused_until = 0.0
        self.keep_days = keep_days
        self._since_prune = 0
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None,
                                   timeout=busy_timeout)
        # WAL with synchronous=NORMAL: no fsync per question (a log, not a ledger), and
        # readers such as /stats never block the writers.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        try:
            self.prune()
        except sqlite3.Error as exc:  # a busy log must not stop the bot from starting
            logger.warning("query log pruning failed: %s", exc)

    def prune(self, now: float | None = None) -> int:
        """Delete questions older than ``keep_days`` and their votes; returns how many."""
        cutoff = (time.time() if now is None else now) - self.keep_days * 86_400
        with self._lock:
            self._since_prune = 0
            self._db.execute("BEGIN")
            try:
                self._db.execute(
                    "DELETE FROM feedback WHERE question_id IN"
                    " (SELECT id FROM questions WHERE ts < ?)", (cutoff,),
                )
                deleted = self._db.execute("DELETE FROM questions WHERE ts < ?", (cutoff,)).rowcount
                self._db.execute("DELETE FROM denied WHERE ts < ?", (cutoff,))
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return deleted

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, sql: str, params: tuple[object, ...]) -> int | None:
        """One best-effort insert; its row id, or None when the log is busy or broken.

        Gives up after ``busy_timeout`` and then skips the log for ``retry_after`` seconds, so
        a locked file costs log lines, never answers.
        """
        if time.monotonic() < self._paused_until:
            return None
        if not self._lock.acquire(timeout=self.busy_timeout):
            return None
        try:
            return int(self._db.execute(sql, params).lastrowid or 0)
        except sqlite3.Error as exc:
            self._paused_until = time.monotonic() + self.retry_after
            logger.warning("query log unavailable, answering without it for %.0f s: %s",
                           self.retry_after, exc)
            return None
        finally:
            self._lock.release()

    def log_question(
        self,
        *,
        question: str,
        chat_type: str,
        found: bool,
        latency_ms: float,
        chat_id: int | None = None,
        user_id: int | None = None,
        choices: int = 0,
        docs: list[str] | tuple[str, ...] = (),
        ts: float | None = None,
    ) -> int | None:
        """Record one question; returns its id (used in the 👍/👎 buttons), None if not logged.

        A log that is locked or broken costs the question its log line and feedback buttons,
        never its answer (see ``_write``).
        """
        question_id = self._write(
            "INSERT INTO questions"
            " (ts, chat_id, chat_type, user_id, question, found, choices, latency_ms, docs)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                time.time() if ts is None else ts,
                chat_id,
                chat_type,
                user_id,
                question[:MAX_LOGGED_QUESTION_CHARS],
                int(found),
                choices,
                latency_ms,
                ",".join(docs),
            ),
        )
        if question_id is None:
            return None
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY_QUESTIONS:
            try:
                self.prune()
            except sqlite3.Error as exc:  # pruning can wait for the next round
                logger.warning("query log pruning failed: %s", exc)
        return question_id

    def record_feedback(
        self, question_id: int, user_id: int, vote: int, *, chat_id: int | None = None
    ) -> bool:
        """Store a 👍 (+1) or 👎 (-1); a second vote by the same user replaces the first.

        Returns False when the question id is unknown (e.g. a button from another database)
        or, given ``chat_id``, was asked in another chat (a replayed or forged button).
        """
        if vote not in (-1, 1):
            raise ValueError("vote must be +1 or -1")
        with self._lock:
            row = self._db.execute(
                "SELECT chat_id FROM questions WHERE id = ?", (question_id,)
            ).fetchone()
            if not row or (chat_id is not None and row[0] != chat_id):
                return False
            self._db.execute(
                "INSERT INTO feedback (question_id, user_id, vote, ts) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote,"
                " ts = excluded.ts",
                (question_id, user_id, vote, time.time()),
            )
            return True

    def log_denied(self, user_id: int | None, action: str) -> None:
        """Record an admin command or upload attempted by someone who is not an admin.

        Best effort, like every write: a busy log loses the line, not the refusal.
        """
        self._write(
            "INSERT INTO denied (ts, user_id, action) VALUES (?, ?, ?)",
            (time.time(), user_id, action[:MAX_LOGGED_QUESTION_CHARS]),
        )

    def docs_asked(self, chat_id: int) -> set[str]:
        """The notices a chat's answered questions cited (what a group cares about)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT docs FROM questions WHERE chat_id = ? AND docs != ''", (chat_id,)
            ).fetchall()
        return {doc for (docs,) in rows for doc in docs.split(",") if doc}

    def recent_misses(self, limit: int = 20) -> list[Miss]:
        """Newest first: questions with no answer where no notice was offered to pick from."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, ts, chat_type, question FROM questions"
                " WHERE found = 0 AND choices = 0 ORDER BY ts DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [Miss(id=r[0], ts=r[1], chat_type=r[2], question=r[3]) for r in rows]

    def _percentile_ms(self, count: int, q: float) -> float:
        """Nearest-rank percentile of the latencies, read by offset (no full scan in Python)."""
        if not count:
            return 0.0
        offset = max(0, math.ceil(q * count) - 1)
        row = self._db.execute(
            "SELECT latency_ms FROM questions ORDER BY latency_ms LIMIT 1 OFFSET ?", (offset,)
        ).fetchone()
        return float(row[0]) if row else 0.0

    def stats(self) -> Stats:
        with self._lock:
            total, answered, clarified = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(found), 0),"
                " COALESCE(SUM(CASE WHEN found = 0 AND choices > 0 THEN 1 ELSE 0 END), 0)"
                " FROM questions"
            ).fetchone()
            by_type = dict(
                self._db.execute(
                    "SELECT chat_type, COUNT(*) FROM questions GROUP BY chat_type"
                ).fetchall()
            )
            up, down = self._db.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
            ).fetchone()
            p50 = self._percentile_ms(total, 0.50)
            p95 = self._percentile_ms(total, 0.95)
            (denied,) = self._db.execute("SELECT COUNT(*) FROM denied").fetchone()
        return Stats(
            questions=total,
            answered=answered,
            unanswered=total - answered - clarified,
            clarified=clarified,
            by_chat_type=by_type,
            thumbs_up=up,
            thumbs_down=down,
            latency_p50_ms=p50,
            latency_p95_ms=p95,
            denied=denied,
        )
