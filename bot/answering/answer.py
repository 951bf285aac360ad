"""Answers in Chinese: the fact in the first line, detail next, the source last.

A busy office worker should be able to read the first line and stop; the
citation (notice title, section, quoted sentence) lets them check it.
"""

from __future__ import annotations

import re
from datetime import date

from bot.knowledge import UnitRef
from bot.knowledge.schema import Citation, DeadlineFact, Fact, cn_date


def citation(unit: UnitRef, fact: Fact) -> Citation:
    return Citation(doc=fact.doc, title=unit.meta.title, section=fact.section, quote=fact.quote)


def countdown(deadline: date, today: date) -> str:
    """How long is left, in the words an office uses: "已截止", "今天截止" or "还有N天"."""
    days = (deadline - today).days
    if days < 0:
        return "已截止"
    if days == 0:
        return "今天截止"
    return f"还有{days}天"


def render_fact(fact: Fact, where: str, intents: set[str], *, today: date | None = None) -> list[str] | None:
    """The answer lines for one fact of the notice part called ``where`` (each kind renders
    itself, see bot/knowledge/schema.py).

    A deadline also says how long is left against ``today``, so nobody has to count.
    """
    lines = fact.render(where, intents)
    if lines and today is not None and isinstance(fact, DeadlineFact):
        left = f"({countdown(date.fromisoformat(fact.date), today)})"
        stated = f"{cn_date(fact.date)}前"  # right after the date it counts down to
        head = lines[0].replace(stated, stated + left, 1) if stated in lines[0] else lines[0] + left
        lines = [head, *lines[1:]]
    return lines


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
