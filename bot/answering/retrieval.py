"""Finding the facts and sentences that answer a question.

Facts are first narrowed to the units (notice, or report of a round-up) whose
region and year the question names — an answer from the wrong region or year is
worse than none — then chosen by kind, unit and fuzzy score.  A sentence index
covers details no typed fact holds; it only answers above a score threshold.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge import Knowledge, UnitRef
from bot.regions import region_contains, regions
from bot.schema import ArrangementFact, DutyFact, Fact, Region
from bot.sections import sentences
from bot.segment import add_words, tokens

# Sentence fallback: share of the question's content (by characters) a sentence must
# contain, and the blended score it must reach; tuned on the development questions.
SENTENCE_MIN_COVERAGE = 0.7
SENTENCE_MIN_SCORE = 62.0
SENTENCE_MARGIN = 8.0  # within this of the best, a second sentence is shown too
ACTIVITY_VERBS = re.compile(r"将.{0,12}(?:开展|举办|组织|实施)|开展了|组织开展|重点开展|举办")
GENERIC_TOKENS = frozenset(["质量", "推进", "加强", "开展", "活动", "建设", "工作", "全省", "全市", "全国", "发展", "提升", "单位", "部门", "组织"])


@dataclass(frozen=True)
class SentenceRef:
    doc: str
    unit: str
    section: str
    text: str
    tokens: frozenset[str]


@dataclass
class Scope:
    """The units a question is about, and why (for the not-found message)."""

    units: list[UnitRef]
    subject_place: str | None = None  # a city asked about inside a provincial notice
    missing: str = ""  # "region" / "year" when the question names what the knowledge lacks


class Index:
    """Everything built once per knowledge: lookups by unit and kind, the sentence index."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.units = knowledge.units()
        self.facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for f in knowledge.facts:
            self.facts[(f.doc, f.unit)].append(f)
        self.subjects = sorted({f.subject for f in knowledge.facts if isinstance(f, DutyFact)})
        names = {u.unit.region.name for u in self.units}
        add_words([*self.subjects, *names])
        self._sentences: list[SentenceRef] | None = None
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._lock = threading.Lock()

    @property
    def sentences(self) -> list[SentenceRef]:
        """Built on first use: most questions are answered from typed facts alone."""
        if self._sentences is None:
            with self._lock:
                if self._sentences is None:
                    self._sentences = self._build_sentences()
        return self._sentences

    def warm(self) -> None:
        _ = self.sentences

    @property
    def postings(self) -> dict[str, list[int]]:
        _ = self.sentences
        return self._postings

    def _build_sentences(self) -> list[SentenceRef]:
        out: list[SentenceRef] = []
        for doc in self.knowledge.documents.values():
            for section in doc.sections:
                label = " > ".join(section.path) or "正文"
                for s in sentences(section.text):
                    if len(s) < 6:
                        continue
                    toks = frozenset(tokens(s, search=True))
                    for t in toks:
                        self._postings[t].append(len(out))
                    out.append(SentenceRef(doc.meta.doc, section.unit, label, s, toks))
        return out

    # -- scope ------------------------------------------------------------

    def scope(self, wanted_regions: list[Region], years: list[int]) -> Scope:
        units = self.units
        subject_place = None
        if wanted_regions:
            exact = [u for u in units if any(u.unit.region.name == r.name for r in wanted_regions)]
            if exact:
                units = exact
            else:
                inside = [u for u in units
                          if any(region_contains(u.unit.region, r) for r in wanted_regions)]
                if not inside:
                    return Scope([], missing="region")
                units = inside
                subject_place = wanted_regions[0].name
        if years:
            dated = [u for u in units if u.unit.year in years]
            if not dated:
                return Scope([], subject_place, missing="year")
            units = dated
        return Scope(units, subject_place)

    def facts_of(self, unit: UnitRef, kinds: set[str]) -> list[Fact]:
        return [f for f in self.facts[unit.key] if f.kind in kinds]

    def activity_sentences(self, unit: UnitRef) -> list[Fact]:
        """A report's sentences that say what will be done, as transient arrangement facts."""
        out: list[Fact] = []
        for i, ref in enumerate(self.sentences):
            if (ref.doc, ref.unit) == unit.key and ACTIVITY_VERBS.search(ref.text):
                out.append(ArrangementFact(id=f"{ref.doc}:sentence:{i}", doc=ref.doc, unit=ref.unit,
                                           section=ref.section, quote=ref.text, title=ref.text, text=ref.text))
        return out

    # -- sentences ----------------------------------------------------------

    def best_sentences(self, question: str, units: list[UnitRef]) -> list[tuple[float, SentenceRef]]:
        allowed = {u.key for u in units}
        names = {u.unit.region.name for u in units} | {r.name for r in regions().provinces.values()}
        q_tokens = [t for t in tokens(question) if t not in names and not t.isdigit()
                    and not any(t in n for n in names)]
        content = [t for t in q_tokens if t not in GENERIC_TOKENS]
        if not content:
            return []
        candidates: set[int] = set()
        for t in content:
            candidates.update(self.postings.get(t, ()))
        total = sum(len(t) for t in q_tokens)
        scored: list[tuple[float, SentenceRef]] = []
        for i in candidates:
            ref = self.sentences[i]
            if (ref.doc, ref.unit) not in allowed:
                continue
            covered = sum(len(t) for t in q_tokens if t in ref.text)
            coverage = covered / total
            if coverage < SENTENCE_MIN_COVERAGE:
                continue
            fuzzy = fuzz.token_set_ratio(" ".join(q_tokens), " ".join(sorted(ref.tokens)))
            scored.append((coverage * 70 + fuzzy * 0.3, ref))
        scored.sort(key=lambda x: (-x[0], x[1].doc, x[1].text))
        if not scored or scored[0][0] < SENTENCE_MIN_SCORE:
            return []
        top = scored[0][0]
        return [x for x in scored[:3] if x[0] >= top - SENTENCE_MARGIN][:2]
