"""What a group is told without asking (pure: knowledge and a date in): which deadlines to
remind it of today, and the summary of a newly added notice.

A deadline is announced at stages of days left (7, 3, 1, 0). Each stage is sent at most once
per group (the adapter records what was sent); a bot that was down on a stage's day sends the
nearest stage still ahead the next time it runs, so nothing is skipped silently and nothing
is repeated. Past deadlines are never announced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.answering.answer import countdown, render_fact
from bot.knowledge import Knowledge
from bot.knowledge.schema import DeadlineFact, DocumentKnowledge, DocumentMeta
from bot.regions import Region, region_contains

#: What a new notice's announcement lists, in this order.
ANNOUNCED_KINDS = ("theme", "period", "deadline", "contact")
#: An announcement's quotes are cut to this many characters (the notice is a tap away).
ANNOUNCED_QUOTE_CHARS = 60

#: Days left at which a deadline is announced.
REMINDER_STAGES = (7, 3, 1, 0)


@dataclass(frozen=True)
class DueDeadline:
    meta: DocumentMeta
    fact: DeadlineFact
    unit_label: str
    stage: int  # the stage this reminder fulfils
    today: date

    @property
    def days_left(self) -> int:
        return (date.fromisoformat(self.fact.date) - self.today).days

    @property
    def left(self) -> str:
        """"还有3天" / "今天截止"."""
        return countdown(date.fromisoformat(self.fact.date), self.today)


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
            if doc.meta.doc in wanted_docs or within(unit.region, wanted_regions):
                due.append(DueDeadline(doc.meta, fact, unit.label, stage, today))
    return sorted(due, key=lambda d: (d.days_left, d.meta.doc, d.fact.id))


def reminder_text(due: DueDeadline) -> str:
    """The reminder, fact first and cited: what, to whom, by when, and where it says so."""
    fact = due.fact
    head, *detail = render_fact(fact, due.unit_label, set(fact.intents), today=due.today) or [fact.quote]
    return "\n".join([f"⏰ {head}", *detail, f"出处:《{due.meta.title}》 {fact.section}", f"原文:“{fact.quote}”"])


def within(region: Region, wanted: Iterable[Region]) -> bool:
    """Whether ``region`` is one of ``wanted`` or a place inside one (a subscription's reach)."""
    return any(region_contains(outer, region) for outer in wanted)


def concerns(doc: DocumentKnowledge, wanted: Iterable[Region]) -> bool:
    """Whether a notice is about one of ``wanted`` regions or a place inside one."""
    wanted = list(wanted)
    return any(within(u.region, wanted) for u in doc.meta.units)


def announcement_text(doc: DocumentKnowledge, today: date) -> str:
    """A new notice in a few cited lines: title, theme, period, deadlines, contact."""
    labels = {u.key: u.label for u in doc.meta.units}
    lines = [f"📢 新通知:《{doc.meta.title}》"]
    for kind in ANNOUNCED_KINDS:
        for fact in (f for f in doc.facts if f.kind == kind):
            rendered = render_fact(fact, labels.get(fact.unit, ""), set(fact.intents), today=today)
            if not rendered:
                continue
            quote = " ".join(fact.quote.split())
            quote = quote if len(quote) <= ANNOUNCED_QUOTE_CHARS else quote[:ANNOUNCED_QUOTE_CHARS] + "……"
            lines += [f"• {rendered[0]}", *[f"  {line}" for line in rendered[1:]],
                      f"  出处:{fact.section}“{quote}”"]
    if len(lines) == 1:
        lines.append("(没有提取到主题、时间、截止日期或联系人;可以直接问我这份通知的内容。)")
    return "\n".join(lines)
