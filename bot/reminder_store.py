"""Reminder subscriptions of group chats and the reminders already sent, in SQLite.

Kept in the query log's file; one row per (chat, deadline, stage) sent makes "exactly once"
a primary key, across restarts.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reminder_subscriptions (
    chat_id  INTEGER PRIMARY KEY,
    regions  TEXT NOT NULL DEFAULT '',  -- region names, comma-separated; empty: what the group asked
    since    REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS reminders_sent (
    chat_id  INTEGER NOT NULL,
    fact_id  TEXT NOT NULL,
    stage    INTEGER NOT NULL,
    ts       REAL NOT NULL,
    PRIMARY KEY (chat_id, fact_id, stage)
);
"""

@dataclass(frozen=True)
class Subscription:
    chat_id: int
    regions: tuple[str, ...]  # empty: the notices the group has asked about


class ReminderStore:
    """Subscriptions and sent reminders in one SQLite file."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=1.0)
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def subscribe(self, chat_id: int, region_names: tuple[str, ...]) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO reminder_subscriptions (chat_id, regions, since) VALUES (?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET regions = excluded.regions",
                (chat_id, ",".join(region_names), time.time()),
            )

    def unsubscribe(self, chat_id: int) -> bool:
        with self._lock:
            return self._db.execute(
                "DELETE FROM reminder_subscriptions WHERE chat_id = ?", (chat_id,)
            ).rowcount > 0

    def subscription(self, chat_id: int) -> Subscription | None:
        with self._lock:
            row = self._db.execute(
                "SELECT regions FROM reminder_subscriptions WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        return Subscription(chat_id, tuple(n for n in row[0].split(",") if n)) if row else None

    def subscriptions(self) -> list[Subscription]:
        with self._lock:
            rows = self._db.execute("SELECT chat_id, regions FROM reminder_subscriptions").fetchall()
        return [Subscription(c, tuple(n for n in r.split(",") if n)) for c, r in rows]

    def claim(self, chat_id: int, fact_id: str, stage: int) -> bool:
        """Record that this stage is being sent; False when it already was (send nothing)."""
        with self._lock:
            return self._db.execute(
                "INSERT OR IGNORE INTO reminders_sent (chat_id, fact_id, stage, ts) VALUES (?, ?, ?, ?)",
                (chat_id, fact_id, stage, time.time()),
            ).rowcount == 1

    def release(self, chat_id: int, fact_id: str, stage: int) -> None:
        """Undo a claim whose message could not be sent, so the next run tries again."""
        with self._lock:
            self._db.execute(
                "DELETE FROM reminders_sent WHERE chat_id = ? AND fact_id = ? AND stage = ?",
                (chat_id, fact_id, stage),
            )
