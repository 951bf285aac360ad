"""Finding the facts and sentences that answer a question.

Facts are first narrowed to the units (notice, or report of a round-up) whose
region and year the question names — an answer from the wrong region or year is
worse than none — then chosen by kind, unit and fuzzy score.  A sentence index
covers details no typed fact holds; it only answers above a score threshold.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.knowledge import Knowledge, UnitRef
from bot.regions import region_contains
from bot.schema import ArrangementFact, DutyFact, Fact, Region
from bot.sections import sentences
from bot.segment import add_words, tokens

# BM25 (Robertson/Sparck Jones) over jieba tokens of sentences; the usual values.
BM25_K1 = 1.2
BM25_B = 0.75
ACTIVITY_VERBS = re.compile(r"将.{0,12}(?:开展|举办|组织|实施)|开展了|组织开展|重点开展|举办")


@dataclass(frozen=True)
class SentenceRef:
    doc: str
    unit: str
    section: str
    text: str
    length: int  # tokens, for BM25's length normalisation
    tf: tuple[tuple[str, int], ...]


@dataclass
class Scope:
    """The units a question is about, and why (for the not-found message)."""

    units: list[UnitRef]
    subject_place: str | None = None  # a city asked about inside a provincial notice
    missing: str = ""  # "region" / "year" when the question names what the knowledge lacks
    fallback: bool = False  # the chat's notices, tried before all notices
    chat: bool = False  # the chat's own notices: the conversation has pinned them


def _stem(place: str) -> str:
    return place.rstrip("市州县区盟旗") if len(place) > 2 else place


class Index:
    """Everything built once per knowledge: lookups by unit and kind, the sentence index."""

    def __init__(self, knowledge: Knowledge, *, scan_units: int = 8) -> None:
        """``scan_units``: up to this many units in scope, every sentence is a candidate; beyond it,
        only sentences holding a question word (the postings)."""
        self.knowledge = knowledge
        self.scan_units = scan_units
        self.units = knowledge.units()
        self.facts: dict[tuple[str, str], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for f in knowledge.facts:
            self.facts[(f.doc, f.unit)][f.kind].append(f)
        self.subjects = sorted({f.subject for f in knowledge.facts if isinstance(f, DutyFact)})
        names = {u.unit.region.name for u in self.units}
        add_words([*self.subjects, *names])
        self._sentences: list[SentenceRef] | None = None
        self._df: Counter[str] = Counter()  # sentences holding each word
        self._unit_postings: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
        self._by_unit: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._unit_df: Counter[str] = Counter()
        self._avg_length = 1.0
        self._idf: dict[str, float] = {}
        self._wildcards: dict[str, list[str]] | None = None
        self._by_province: dict[str, list[UnitRef]] | None = None
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
        """Build now what is otherwise built on first use (long-running front ends)."""
        _ = self.sentences
        self.known_word_like("预热")


    def _build_sentences(self) -> list[SentenceRef]:
        out: list[SentenceRef] = []
        unit_terms: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc in self.knowledge.documents.values():
            for section in doc.sections:
                label = " > ".join(section.path) or "正文"
                for s in sentences(section.text):
                    if len(s) < 6:
                        continue
                    cut = tokens(s, search=True)
                    tf = Counter(cut)
                    key = (doc.meta.doc, section.unit)
                    postings = self._unit_postings[key]
                    for t in tf:
                        postings.setdefault(t, []).append(len(out))
                    self._df.update(tf.keys())
                    self._by_unit[key].append(len(out))
                    unit_terms[key].update(tf)
                    out.append(SentenceRef(doc.meta.doc, section.unit, label, s, len(cut), tuple(tf.items())))
        for terms in unit_terms.values():
            self._unit_df.update(terms)
        self._avg_length = sum(r.length for r in out) / len(out) if out else 1.0
        return out

    # -- corpus statistics ---------------------------------------------------

    def idf(self, term: str) -> float:
        """BM25's IDF over sentences: a word in every sentence weighs ~0, an unseen one the most."""
        cached = self._idf.get(term)
        if cached is None:
            n = len(self.sentences)
            df = self._df.get(term, 0)
            cached = self._idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return cached

    def unit_share(self, term: str) -> float:
        """The share of units (notices, reports) whose text holds ``term``."""
        _ = self.sentences
        return self._unit_df.get(term, 0) / max(len(self._by_unit), 1)

    def known_word_like(self, token: str) -> str | None:
        """A word of the knowledge one character off ``token`` that sounds the same (部们 → 部门,
        活洞 → 活动), or None. Wildcard keys ("部_", "_们") find the candidates without a scan."""
        # two characters only, and no names of offices: 市监局 is no typo of 市建局
        if len(token) != 2 or token in self._df or token[-1] in "局厅委办部院会所站处科室":
            return None
        with self._lock:
            if self._wildcards is None:
                self._wildcards = defaultdict(list)
                for word in self._df:
                    if len(word) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                        for i in range(len(word)):
                            self._wildcards[word[:i] + "_" + word[i + 1 :]].append(word)
        from bot.answering.query import sounds_alike

        candidates = {w for i in range(len(token)) for w in self._wildcards.get(token[:i] + "_" + token[i + 1 :], ())}
        alike = sorted((w for w in candidates if sounds_alike(w, token)), key=lambda w: -self._df[w])
        return alike[0] if alike else None

    def sentence_share(self, term: str) -> float:
        """The share of all sentences holding ``term``: 质量月 is in a great many, 诚信兴商 in few."""
        n = len(self.sentences)
        return self._df.get(term, 0) / max(n, 1)

    def unit_idf(self, term: str) -> float | None:
        """IDF over units (notices, reports): how well a word singles out a notice; None if unseen."""
        _ = self.sentences
        n = max(len(self._by_unit), 1)
        df = self._unit_df.get(term, 0)
        if df == 0:
            return None
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(self, terms: list[str], ref: SentenceRef) -> float:
        tf = dict(ref.tf)
        norm = BM25_K1 * (1 - BM25_B + BM25_B * ref.length / self._avg_length)
        return sum(self.idf(t) * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in terms if t in tf)

    def units_holding(self, term: str) -> set[tuple[str, str]]:
        """The units (notice, report) with a sentence holding ``term``."""
        _ = self.sentences
        return {key for key, postings in self._unit_postings.items() if term in postings}

    def lead(self, unit: UnitRef, sentences_wanted: int) -> str:
        """The first sentences of a unit: what a notice says it is about ("决定开展2024年全省住建系统…")."""
        ids = self._by_unit.get(unit.key, []) if self.sentences else []
        return "\n".join(self.sentences[i].text for i in ids[:sentences_wanted])

    def candidates(self, terms: list[str], units: list[UnitRef]) -> list[SentenceRef]:
        """Every sentence of a few scoped units; of many, those holding one of the words (a word
        no sentence holds, e.g. a typo, cannot narrow them)."""
        sentences = self.sentences
        indexed = [t for t in terms if t in self._df]
        if len(units) <= self.scan_units or not indexed or len(indexed) < len(terms):
            ids = [i for u in units for i in self._by_unit.get(u.key, ())]
        else:
            ids = sorted({i for u in units for t in indexed
                          for i in self._unit_postings.get(u.key, {}).get(t, ())})
        return [sentences[i] for i in ids]

    # -- scope ------------------------------------------------------------

    def scope(self, wanted_regions: list[Region], years: list[int]) -> Scope:
        """The units of the asked region and year: that region's own notices; else reports titled
        with the place (a county's page about its city's launch, a province-labelled county report);
        else a containing region's notices, for what they say of the place. Never another region's
        or year's fact: the year is required at every tier."""
        if not wanted_regions:
            return self._dated(self.units, years, None)
        place = wanted_regions[0].name
        related = self.related_units(wanted_regions)
        exact = [u for u in related if any(u.unit.region.name == r.name for r in wanted_regions)]
        inside = [u for u in related if any(region_contains(u.unit.region, r) for r in wanted_regions)]
        below = [u for u in related if any(region_contains(r, u.unit.region) and u.unit.region.name != r.name
                                           for r in wanted_regions)]
        titled = [u for u in inside + below if _stem(place) in u.meta.title]
        tiers = [(exact, None), (titled, None), ([u for u in inside if u not in titled], place)]
        if not any(units for units, _p in tiers):
            return Scope([], missing="region")
        for units, subject_place in tiers:
            # an undated notice may be the asked year's only for a local place: national bodies
            # publish every year, so an undated national page answers no particular year
            scoped = self._dated(units, years, subject_place, undated_ok=place != "全国")
            if scoped.units:
                return scoped
        return Scope([], missing="year")

    def related_units(self, wanted: list[Region]) -> list[UnitRef]:
        """Units whose region is, contains or lies in a wanted one: looked up, not scanned."""
        if self._by_province is None:
            by_province: dict[str, list[UnitRef]] = defaultdict(list)
            for u in self.units:
                by_province[u.unit.region.province or u.unit.region.name].append(u)
            self._by_province = by_province
        seen: dict[tuple[str, str], UnitRef] = {}
        for r in wanted:
            for u in self._by_province.get(r.province or r.name, ()):
                seen.setdefault(u.key, u)
        return list(seen.values())

    @staticmethod
    def _dated(units: list[UnitRef], years: list[int], subject_place: str | None, *,
               undated_ok: bool = False) -> Scope:
        if not years:
            return Scope(units, subject_place)
        dated = [u for u in units if u.unit.year in years]
        # a notice of the asked place that never says its year may be the one asked about
        undated = [u for u in units if u.unit.year is None] if undated_ok else []
        return Scope(dated or undated, subject_place, missing="" if dated or undated else "year")

    def facts_of(self, unit: UnitRef, kinds: set[str]) -> list[Fact]:
        by_kind = self.facts.get(unit.key)
        if not by_kind:
            return []
        return [f for kind in kinds for f in by_kind.get(kind, ())]

    def activity_sentences(self, unit: UnitRef) -> list[Fact]:
        """A report's sentences that say what will be done, as transient arrangement facts."""
        out: list[Fact] = []
        for i, ref in enumerate(self.sentences):
            if (ref.doc, ref.unit) == unit.key and ACTIVITY_VERBS.search(ref.text):
                out.append(ArrangementFact(id=f"{ref.doc}:sentence:{i}", doc=ref.doc, unit=ref.unit,
                                           section=ref.section, quote=ref.text, title=ref.text, text=ref.text))
        return out
