"""Answers in Chinese: the fact in the first line, detail next, the source last.

A busy office worker should be able to read the first line and stop; the
citation (notice title, section, quoted sentence) lets them check it.
"""

from __future__ import annotations

import re

from bot.knowledge import UnitRef
from bot.schema import (
    ArrangementFact,
    AwardFact,
    Citation,
    ContactFact,
    CountFact,
    DeadlineFact,
    DocNumberFact,
    DutyFact,
    EventFact,
    Fact,
    IssuerFact,
    PeriodFact,
    SlogansFact,
    ThemeFact,
)

QUOTE_LIMIT = 600  # a longer quote is cut in the answer text (the citation keeps it whole)


def cn_date(iso: str) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def citation(unit: UnitRef, fact: Fact) -> Citation:
    return Citation(doc=fact.doc, title=unit.meta.title, section=fact.section, quote=fact.quote)


def _contact_lines(f: ContactFact, intents: set[str]) -> list[str] | None:
    wanted = intents & {"contact", "phone", "fax", "email"} or {"contact", "phone", "email"}
    if "contact" in wanted:
        wanted |= {"phone", "email"}
    lines: list[str] = []
    if "contact" in wanted and f.persons:
        who = "、".join(f.persons) + (f"({f.office})" if f.office else "")
        lines.append(f"联系人:{who}")
    fields = {"phone": ("电话", f.phones), "fax": ("传真", f.fax), "email": ("邮箱", f.emails)}
    for key, (name, values) in fields.items():
        if key in wanted and values:
            lines.append(f"{name}:{'、'.join(values)}")
    asked = intents & {"phone", "fax", "email"}
    if asked and not any(fields[k][1] for k in asked):
        return None  # the very thing asked for is not in the notice
    if "contact" in intents and not asked and not f.persons and not f.phones:
        return None
    return lines or None


def render_fact(fact: Fact, unit: UnitRef, intents: set[str]) -> list[str] | None:
    """The answer lines for one fact, or None when it does not hold what was asked."""
    label = unit.unit.label
    if isinstance(fact, ThemeFact):
        return [f"{label}“质量月”活动主题:{fact.theme}"]
    if isinstance(fact, ContactFact):
        lines = _contact_lines(fact, intents)
        return [f"{label} " + ";".join(lines)] if lines else None
    if isinstance(fact, DeadlineFact):
        head = f"{label}:请于{cn_date(fact.date)}前"
        if fact.what:
            head += f"将{fact.what}"
        head += f"报送{fact.to}"
        lines = [head]
        if fact.who:
            lines.append(f"报送单位:{fact.who}")
        return lines
    if isinstance(fact, PeriodFact):
        span = fact.text
        if fact.start and fact.end:
            span = f"{cn_date(fact.start)}至{cn_date(fact.end)}"
        return [f"{label}“质量月”活动时间:{span}"]
    if isinstance(fact, IssuerFact):
        when = f",落款日期{cn_date(fact.date)}" if fact.date else ""
        return [f"{label}的通知由{fact.issuer}印发{when}。"]
    if isinstance(fact, DocNumberFact):
        return [f"{label}“质量月”通知的文号:{fact.doc_number}"]
    if isinstance(fact, DutyFact):
        head = f"{fact.subject}({label})的活动安排:"
        return [head, *[f"{i}. {a}" for i, a in enumerate(fact.activities, 1)]]
    if isinstance(fact, SlogansFact):
        return [f"{label}“质量月”宣传口号(共{len(fact.slogans)}条):",
                *[f"{i}. {s}" for i, s in enumerate(fact.slogans, 1)]]
    if isinstance(fact, EventFact):
        parts = [f"时间:{fact.date}" if fact.date else "", f"地点:{fact.place}" if fact.place else "",
                 f"主办/举办:{fact.organizer}" if fact.organizer else "",
                 f"主持:{fact.presided_by}" if fact.presided_by else ""]
        detail = ";".join(p for p in parts if p)
        return [f"{label} {fact.name}" + (f"——{detail}" if detail else "")]
    if isinstance(fact, CountFact):
        return [f"{label}:{fact.text}"]
    if isinstance(fact, ArrangementFact):
        return [f"· {fact.title}"]
    if isinstance(fact, AwardFact):
        return [f"{label}:{fact.name}"]
    return [f"{label}:{fact.quote}"]


_NOT_CONTENT = re.compile(r"[\s\W_]+")
_ITEM_MARK = re.compile(r"^\s*(?:·|\d{1,2}[.、．]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*")
_HEADING = re.compile(r"^[^:：。]{1,20}[:：]")  # "七、公安厅:" before a duty's sentences
QUOTE_SHOWN = 160  # a longer quote is shown as the part around the answer (the citation keeps it whole)
QUOTE_CONTEXT = 50  # characters shown on each side of the answer in a shortened quote


def _content(text: str) -> str:
    return _NOT_CONTENT.sub("", _ITEM_MARK.sub("", text))


def _shown_quote(quote: str, focus: str) -> str:
    if len(quote) <= QUOTE_SHOWN:
        return quote
    at = quote.find(focus) if focus else -1
    if at < 0:
        return quote[:QUOTE_SHOWN] + "……"
    start, end = max(0, at - QUOTE_CONTEXT), min(len(quote), at + len(focus) + QUOTE_CONTEXT)
    return ("……" if start else "") + quote[start:end] + ("……" if end < len(quote) else "")


def source_lines(cite: Citation, shown: str = "", focus: str = "") -> list[str]:
    """Where the answer comes from, then the quote: only the part around the answer when it is
    long, and not at all when the answer already shows every sentence of it (a list is shown once)."""
    lines = [f"出处:《{cite.title}》 {cite.section}"]
    seen = "".join(_content(x) for x in shown.split("\n"))
    parts = [_content(_HEADING.sub("", x)) for x in re.split(r"[。;；\n]", cite.quote)]
    parts = [p for p in parts if p]
    if len(parts) >= 2 and all(p in seen for p in parts):
        return lines
    return [*lines, f"原文:“{_shown_quote(cite.quote, focus)}”"]
