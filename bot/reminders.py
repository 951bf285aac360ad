"""Which deadlines a group should be reminded of today (pure: knowledge and a date in).

A deadline is announced at stages of days left (7, 3, 1, 0). Each stage is sent at most once
per group (the adapter records what was sent); a bot that was down on a stage's day sends the
nearest stage still ahead the next time it runs, so nothing is skipped silently and nothing
is repeated. Past deadlines are never announced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.answering.answer import countdown
from bot.knowledge import Knowledge
from bot.regions import Region, region_contains
from bot.schema import DeadlineFact, DocumentMeta, cn_date

#: Days left at which a deadline is announced.
REMINDER_STAGES = (7, 3, 1, 0)


@dataclass(frozen=True)
class DueDeadline:
    meta: DocumentMeta
    fact: DeadlineFact
    unit_label: str
    stage: int  # the stage this reminder fulfils
    days_left: int
    left: str  # "还有3天" / "今天截止"


def _stage(days_left: int, stages: tuple[int, ...]) -> int | None:
    """The smallest stage not yet passed: 5 days left fulfils the 7-day stage."""
    ahead = [s for s in stages if s >= days_left]
    return min(ahead) if days_left >= 0 and ahead else None


def due_deadlines(
    knowledge: Knowledge, today: date, *, regions: Iterable[Region] = (), docs: Iterable[str] = (),
    stages: tuple[int, ...] = REMINDER_STAGES,
) -> list[DueDeadline]:
    """Deadlines within the stages of notices of ``regions`` (or inside them) or of ``docs``."""
    wanted_regions, wanted_docs = list(regions), set(docs)
    due: list[DueDeadline] = []
    for doc in knowledge.documents.values():
        units = {u.key: u for u in doc.meta.units}
        for fact in doc.facts:
            if not isinstance(fact, DeadlineFact):
                continue
            try:
                days_left = (date.fromisoformat(fact.date) - today).days
            except ValueError:
                continue
            stage = _stage(days_left, stages)
            unit = units.get(fact.unit)
            if stage is None or unit is None:
                continue
            if doc.meta.doc in wanted_docs or any(region_contains(r, unit.region) for r in wanted_regions):
                left = countdown(date.fromisoformat(fact.date), today)
                due.append(DueDeadline(doc.meta, fact, unit.label, stage, days_left, left))
    return sorted(due, key=lambda d: (d.days_left, d.meta.doc, d.fact.id))


def reminder_text(due: DueDeadline) -> str:
    """The reminder, fact first and cited: what, to whom, by when, and where it says so."""
    fact = due.fact
    head = (f"⏰ {due.unit_label}:请于{cn_date(fact.date)}前({due.left})"
            + (f"将{fact.what}" if fact.what else "") + (f"报送{fact.to}" if fact.to else ""))
    lines = [head]
    if fact.who:
        lines.append(f"报送单位:{fact.who}")
    lines += [f"出处:《{due.meta.title}》 {fact.section}", f"原文:“{fact.quote}”"]
    return "\n".join(lines)
