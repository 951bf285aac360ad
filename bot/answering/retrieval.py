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
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol

from bot.answering.corpus import pair_wildcards, sentence_rows
from bot.answering.query import KnownPlaces
from bot.ingest.sections import sentences
from bot.knowledge import Knowledge, UnitRef
from bot.knowledge.schema import ArrangementFact, DutyFact, Fact, Region
from bot.regions import NATIONAL, region_contains, regions, short_name
from bot.segment import add_words

# BM25 (Robertson/Sparck Jones) over jieba tokens of sentences; the usual values.
BM25_K1 = 1.2
BM25_B = 0.75
#: Words whose units are kept as sets (a topic word of a question of all notices may be in
#: thousands): the oldest is dropped beyond this many (~1 MB each at 10,000 notices).
TERM_UNITS_CACHE = 32
REGIONAL_CACHE = 64  # sets of regions whose units a "not found" lists (``Index.regional``)
_KEY = attrgetter("key")  # a unit's (doc, unit) key
ACTIVITY_VERBS = re.compile(r"将.{0,12}(?:开展|举办|组织|实施)|开展了|组织开展|重点开展|举办")


@dataclass(frozen=True, slots=True)  # slots: a broad question reads thousands of them
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
    year_named: int | None = None  # the next year's notices, for their sentences that name this year


@dataclass(frozen=True)
class Regional:
    """The units of, above or below some regions, in the knowledge's order (``Index.regional``)."""

    units: list[UnitRef]
    labels: list[str]  # their labels, each once, sorted
    by_year: dict[int, list[UnitRef]]  # year (0: undated) -> its units, in order

    def nearest(self, year: int, wanted: int) -> list[UnitRef]:
        """The first ``wanted`` units by distance from ``year`` (the later year first at equal
        distance), in order within a year: as sorting ``units`` by that key, without the sort."""
        out: list[UnitRef] = []
        for y in sorted(self.by_year, key=lambda y: (abs(y - year), -y)):
            out += self.by_year[y][: wanted - len(out)]
            if len(out) >= wanted:
                break
        return out


def _names_any(text: str, names: set[str]) -> bool:
    return any(n in text for n in names)


def _stem(place: str) -> str:
    return place.rstrip("市州县区盟旗") if len(place) > 2 else place


class SentenceStore(Protocol):
    """Where the sentence index's data lives: built here in memory (:class:`MemorySentences`), or
    read from the index compiled at ingest (``bot.knowledge.index``). The scoring stays in
    :class:`Index`, so both give the same answers."""

    def count(self) -> int:
        """Sentences in the index."""
        ...

    def unit_count(self) -> int:
        """Units (notices, reports) with at least one sentence."""
        ...

    def avg_length(self) -> float: ...

    def df(self, term: str) -> int:
        """Sentences holding ``term``."""
        ...

    def unit_df(self, term: str) -> int:
        """Units whose sentences hold ``term``."""
        ...

    def get(self, ids: Sequence[int]) -> list[SentenceRef]:
        """The sentences with these ids, in that order."""
        ...

    def unit_ids(self, key: tuple[str, str]) -> Sequence[int]:
        """A unit's sentence ids, in order."""
        ...

    def postings(self, keys: Sequence[tuple[str, str]], term: str) -> Iterable[int]:
        """The sentence ids of the units ``keys`` holding ``term``."""
        ...

    def pair_words(self, wildcard: str) -> list[str]:
        """Two-character words matching ``wildcard`` ("部_", "_们")."""
        ...

    def units_holding(self, term: str) -> set[tuple[str, str]]:
        """The units with a sentence holding ``term`` (a rare word names its notices)."""
        ...


class FactStore(Protocol):
    """Facts by unit and kind, and the units with their metadata (all in memory: they are small)."""

    def units(self) -> list[UnitRef]: ...

    def subjects(self) -> list[str]:
        """The units named by duty facts, sorted (question parsing knows them as words)."""
        ...

    def facts_of(self, key: tuple[str, str], kinds: set[str]) -> list[Fact]: ...

    def subject_units(self, subject: str) -> AbstractSet[tuple[str, str]]:
        """The units with a duty fact of ``subject`` (教育厅)."""
        ...

    def has_facts(self, key: tuple[str, str], kinds: set[str]) -> bool: ...

    def keys_with(self, kind: str) -> frozenset[tuple[str, str]]:
        """The units holding a fact of ``kind``."""
        ...


class MemoryFacts:
    """:class:`FactStore` over an in-memory :class:`Knowledge`."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._units = knowledge.units()
        self._facts: dict[tuple[str, str], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for f in knowledge.facts:
            self._facts[(f.doc, f.unit)][f.kind].append(f)
        self._subject_units: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for f in knowledge.facts:
            if isinstance(f, DutyFact):
                self._subject_units[f.subject].add((f.doc, f.unit))
        self._subjects = sorted(self._subject_units)

    def units(self) -> list[UnitRef]:
        return self._units

    def subjects(self) -> list[str]:
        return self._subjects

    def facts_of(self, key: tuple[str, str], kinds: set[str]) -> list[Fact]:
        by_kind = self._facts.get(key)
        if not by_kind:
            return []
        return [f for kind in kinds for f in by_kind.get(kind, ())]

    def subject_units(self, subject: str) -> AbstractSet[tuple[str, str]]:
        return self._subject_units.get(subject, set())

    def has_facts(self, key: tuple[str, str], kinds: set[str]) -> bool:
        by_kind = self._facts.get(key)
        return bool(by_kind) and any(by_kind.get(k) for k in kinds)

    def keys_with(self, kind: str) -> frozenset[tuple[str, str]]:
        return frozenset(key for key, by_kind in self._facts.items() if by_kind.get(kind))


class MemorySentences:
    """:class:`SentenceStore` built in memory from the knowledge (tests, small folders)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._sentences: list[SentenceRef] = []
        self._df: Counter[str] = Counter()  # sentences holding each word
        self._unit_postings: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
        self._by_unit: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._unit_df: Counter[str] = Counter()
        self._wildcards: dict[str, list[str]] | None = None
        self._lock = threading.Lock()
        out = self._sentences
        unit_terms: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc, unit, label, s, cut in sentence_rows(knowledge.documents.values()):
            tf = Counter(cut)
            key = (doc, unit)
            postings = self._unit_postings[key]
            for t in tf:
                postings.setdefault(t, []).append(len(out))
            self._df.update(tf.keys())
            self._by_unit[key].append(len(out))
            unit_terms[key].update(tf)
            out.append(SentenceRef(doc, unit, label, s, len(cut), tuple(tf.items())))
        for terms in unit_terms.values():
            self._unit_df.update(terms)
        self._avg_length = sum(r.length for r in out) / len(out) if out else 1.0

    def count(self) -> int:
        return len(self._sentences)

    def unit_count(self) -> int:
        return len(self._by_unit)

    def avg_length(self) -> float:
        return self._avg_length

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def unit_df(self, term: str) -> int:
        return self._unit_df.get(term, 0)

    def get(self, ids: Sequence[int]) -> list[SentenceRef]:
        return [self._sentences[i] for i in ids]

    def unit_ids(self, key: tuple[str, str]) -> Sequence[int]:
        return self._by_unit.get(key, ())

    def postings(self, keys: Sequence[tuple[str, str]], term: str) -> Iterable[int]:
        return (i for key in keys for i in self._unit_postings.get(key, {}).get(term, ()))

    def units_holding(self, term: str) -> set[tuple[str, str]]:
        return {key for key, postings in self._unit_postings.items() if term in postings}

    def pair_words(self, wildcard: str) -> list[str]:
        with self._lock:
            if self._wildcards is None:
                self._wildcards = defaultdict(list)
                for word in self._df:
                    for key in pair_wildcards(word):
                        self._wildcards[key].append(word)
        return self._wildcards.get(wildcard, [])


GROUPED_PROVINCES = 3  # provinces named together ("云贵川渝藏") ask of their joint notices
GROUPED_LEADS_READ = 300  # units whose openings are read for the provinces named together
PLACE_IN_LEAD_SENTENCES = 3  # the opening sentences of a report that say whose event it is
PARAGRAPH_HEAD_CHARS = 12  # a paragraph's label ("十三、广安市:") is within its first characters
THEME_KEY_MIN_CHARS = 8  # a theme this long (punctuation and spaces aside) is quoted, not coincided with


def _theme_key(text: str) -> str:
    """A theme as compared across notices: without spaces and punctuation ("A,B" is "A B")."""
    return re.sub(r"[\s,，、;；“”\"'‘’。!！·]", "", text)


class Index:
    """Everything a question needs from the knowledge: lookups by unit and kind, the sentence
    index, corpus statistics. The data comes from the knowledge's compiled index when it has one
    (``knowledge.compiled()``), else it is built here in memory; the scoring is the same."""

    def __init__(self, knowledge: Knowledge, *, scan_units: int = 8) -> None:
        """``scan_units``: up to this many units in scope, every sentence is a candidate; beyond it,
        only sentences holding a question word (the postings)."""
        self.knowledge = knowledge
        self.scan_units = scan_units
        compiled = knowledge.compiled()
        self._facts: FactStore = compiled[0] if compiled else MemoryFacts(knowledge)
        self._store: SentenceStore | None = compiled[1] if compiled else None
        self.units = self._facts.units()
        self.subjects = self._facts.subjects()
        names = {u.unit.region.name for u in self.units}
        add_words([*self.subjects, *names])
        self._idf: dict[str, float] = {}
        self._keys_with: dict[str, frozenset[tuple[str, str]]] = {}
        self._keys_with_any: dict[frozenset[str], tuple[frozenset[tuple[str, str]], int]] = {}
        self._by_year: dict[int | None, list[UnitRef]] | None = None
        self._by_province: dict[str, list[UnitRef]] | None = None
        self._by_place: dict[tuple[str, str], list[UnitRef]] = {}
        self._by_place_year: dict[tuple[str, str], dict[int | None, list[UnitRef]]] = {}
        self._regional: dict[tuple[tuple[str, str, str, str], ...], Regional] = {}
        self._answer_order: list[UnitRef] | None = None
        self._labels: list[str] | None = None
        self._term_unit_cache: dict[str, frozenset[tuple[str, str]]] = {}
        self._rank: dict[tuple[str, str], int] = {}
        self._position: dict[tuple[str, str], int] | None = None
        self._theme_years: dict[tuple[str, str], int | None] = {}
        self._place_stems: KnownPlaces | None = None
        self._known_years: frozenset[int] | None = None
        self._paragraph_heads: dict[tuple[str, str], dict[tuple[str, str], str]] = {}
        self._theme_pattern: tuple[re.Pattern[str] | None, dict[str, int]] | None = None
        self._lock = threading.Lock()

    @property
    def known_years(self) -> frozenset[int]:
        """The years the knowledge holds notices of."""
        if self._known_years is None:
            self._known_years = frozenset(u.unit.year for u in self.units if u.unit.year)
        return self._known_years

    @property
    def known_place_stems(self) -> KnownPlaces:
        """The counties the knowledge holds notices of, by their names without 县/区/市/旗 where the
        dictionary does not read those alone as places (怀柔, 六合: also words): a question may
        name them so (``parse_query``)."""
        if self._place_stems is None:
            stems: dict[str, Region] = {}
            for u in self.units:
                region = u.unit.region
                stem = region.name[:-1]
                if (region.level == "county" and len(stem) >= 2 and region.name[-1] in "县区市旗"
                        and stem not in regions().by_name):
                    stems[stem] = region
            self._place_stems = KnownPlaces.of(stems)
        return self._place_stems

    @property
    def store(self) -> SentenceStore:
        """Built on first use (in memory): most questions are answered from typed facts alone."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = MemorySentences(self.knowledge)
        return self._store

    def warm(self) -> None:
        """Build now what is otherwise built on first use (long-running front ends)."""
        _ = self.store
        self.known_word_like("预热")
        self._dated_themes()  # ~1 s at 10,000 notices: read once, not in the first question about an undated report

    # -- corpus statistics ---------------------------------------------------

    def idf(self, term: str) -> float:
        """BM25's IDF over sentences: a word in every sentence weighs ~0, an unseen one the most."""
        cached = self._idf.get(term)
        if cached is None:
            n = self.store.count()
            df = self.store.df(term)
            cached = self._idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return cached

    def unit_share(self, term: str) -> float:
        """The share of units (notices, reports) whose text holds ``term``."""
        store = self.store
        return store.unit_df(term) / max(store.unit_count(), 1)

    def known_word_like(self, token: str) -> str | None:
        """A word of the knowledge one character off ``token`` that sounds the same (部们 → 部门,
        活洞 → 活动), or None. Wildcard keys ("部_", "_们") find the candidates without a scan."""
        # two characters only, and no names of offices: 市监局 is no typo of 市建局
        store = self.store
        if len(token) != 2 or store.df(token) or token[-1] in "局厅委办部院会所站处科室":
            return None
        from bot.answering.query import sounds_alike

        candidates = {w for i in range(len(token)) for w in store.pair_words(token[:i] + "_" + token[i + 1 :])}
        alike = sorted((w for w in candidates if sounds_alike(w, token)), key=lambda w: (-store.df(w), w))
        return alike[0] if alike else None

    def expanded_contraction(self, token: str) -> str | None:
        """The four-character word of the knowledge that a two-character word no notice holds
        contracts ("少儿" → 少年儿童, "安监" → 安全监管): the first characters of its halves, as
        people shorten names; the one most sentences hold, or None."""
        store = self.store
        if len(token) != 2 or store.df(token):
            return None
        words = store.pair_words(f"{token[0]}_{token[1]}_")
        return max(words, key=lambda w: (store.df(w), w)) if words else None

    def sentence_share(self, term: str) -> float:
        """The share of all sentences holding ``term``: 质量月 is in a great many, 诚信兴商 in few."""
        store = self.store
        return store.df(term) / max(store.count(), 1)

    def unit_idf(self, term: str) -> float | None:
        """IDF over units (notices, reports): how well a word singles out a notice; None if unseen."""
        store = self.store
        n = max(store.unit_count(), 1)
        df = store.unit_df(term)
        if df == 0:
            return None
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def bm25(self, terms: list[str], ref: SentenceRef) -> float:
        text = ref.text
        if not any(t in text for t in terms):
            return 0  # a sentence's tokens are cut from its text: none of the words is one of them
        tf = dict(ref.tf)
        norm = BM25_K1 * (1 - BM25_B + BM25_B * ref.length / self.store.avg_length())
        return sum(self.idf(t) * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in terms if t in tf)

    def units_holding(self, term: str) -> set[tuple[str, str]]:
        """The units (notice, report) with a sentence holding ``term``."""
        return self.store.units_holding(term)

    def paragraph_head(self, ref: SentenceRef) -> str:
        """The opening of the paragraph ``ref`` is in ("宜昌市:开展…。开展柑橘…活动。"): a place or
        unit labelling a paragraph is what each of its sentences is about."""
        key = (ref.doc, ref.unit)
        with self._lock:
            heads = self._paragraph_heads.get(key)
        if heads is None:
            heads = {}
            for section in self.knowledge.documents[ref.doc].sections:
                if section.unit != ref.unit:
                    continue
                for paragraph in section.text.split("\n"):
                    for sentence in sentences(paragraph):
                        heads.setdefault((" > ".join(section.path) or "正文", sentence), paragraph[:PARAGRAPH_HEAD_CHARS])
            with self._lock:
                self._paragraph_heads[key] = heads
        return heads.get((ref.section, ref.text), "")

    def following(self, ref: SentenceRef) -> SentenceRef | None:
        """The sentence after ``ref`` in its unit, if in the same section."""
        ids = list(self.store.unit_ids((ref.doc, ref.unit)))
        refs = self.store.get(ids)
        at = next((i for i, r in enumerate(refs) if r.text == ref.text and r.section == ref.section), None)
        if at is None or at + 1 >= len(refs) or refs[at + 1].section != ref.section:
            return None
        return refs[at + 1]

    def preceding(self, ref: SentenceRef) -> list[SentenceRef]:
        """The sentences before ``ref`` in its section, the nearest first."""
        refs = self.store.get(list(self.store.unit_ids((ref.doc, ref.unit))))
        at = next((i for i, r in enumerate(refs) if r.text == ref.text and r.section == ref.section), None)
        if at is None:
            return []
        return [r for r in reversed(refs[:at]) if r.section == ref.section]

    def units_with_weight(self, weights: dict[str, float], needed: float,
                          among: list[UnitRef]) -> set[tuple[str, str]]:
        """Those of ``among`` whose sentences hold (as words) topic words weighing at least ``needed``.

        Why: of thousands of notices in scope, those that can answer a typed question covering its
        topic are found from the postings (a set per word) before any is read. Scored unit by unit
        when they are fewer than the words' units, else word by word."""
        holders = {term: self._term_units(term) for term in weights}
        if len(among) < sum(len(h) for h in holders.values()):
            return {u.key for u in among
                    if sum(w for t, w in weights.items() if u.key in holders[t]) >= needed}
        score: dict[tuple[str, str], float] = defaultdict(float)
        for term, weight in weights.items():
            for key in holders[term]:
                score[key] += weight
        return {key for key, got in score.items() if got >= needed}

    def _term_units(self, term: str) -> frozenset[tuple[str, str]]:
        with self._lock:
            cached = self._term_unit_cache.get(term)
        if cached is None:
            cached = frozenset(self.store.units_holding(term))
            with self._lock:
                self._term_unit_cache[term] = cached
                while len(self._term_unit_cache) > TERM_UNITS_CACHE:
                    self._term_unit_cache.pop(next(iter(self._term_unit_cache)))
        return cached

    def sentences_of(self, units: Sequence[UnitRef]) -> list[str]:
        """Every sentence of a few units, as written: a name is looked for whole there, however
        the word cut split it ("各分包单位" is cut 各分/包)."""
        return [r.text for u in units for r in self.store.get(list(self.store.unit_ids(u.key)))]

    def lead(self, unit: UnitRef, sentences_wanted: int) -> str:
        """The first sentences of a unit: what a notice says it is about ("决定开展2024年全省住建系统…")."""
        ids = list(self.store.unit_ids(unit.key))[:sentences_wanted]
        return "\n".join(r.text for r in self.store.get(ids))

    def candidates(self, terms: list[str], units: list[UnitRef]) -> list[SentenceRef]:
        """Every sentence of a few scoped units; of many, those holding one of the words (a word
        no sentence holds, e.g. a typo, cannot narrow them)."""
        store = self.store
        indexed = [t for t in terms if store.df(t)]
        if len(units) <= self.scan_units or not indexed or len(indexed) < len(terms):
            ids = [i for u in units for i in store.unit_ids(u.key)]
        else:
            keys = [u.key for u in units]
            ids = sorted({i for t in indexed for i in store.postings(keys, t)})
        return store.get(ids)

    # -- scope ------------------------------------------------------------

    def scope(self, wanted_regions: list[Region], years: list[int]) -> Scope:
        """The units of the asked region and year: that region's own notices; else reports titled
        with the place (a county's page about its city's launch, a province-labelled county report);
        else a containing region's notices, for what they say of the place. Never another region's
        or year's fact: the year is required at every tier."""
        if not wanted_regions:
            return self._all_dated(years)
        place = wanted_regions[0].name
        if len(wanted_regions) == 1 and len(years) == 1:
            # the first tier for one place and year, looked up: 全国 has 2,000 notices at scale, 59 of 2014
            scoped = self._of_place_in(wanted_regions[0], years[0], undated_ok=place != "全国")
            if scoped.units:
                return scoped
        if len(wanted_regions) >= GROUPED_PROVINCES and all(r.level == "province" for r in wanted_regions):
            # "云贵川首届知识竞赛": the provinces' joint event, asked of the notices naming them all
            # in their title or opening, national ones too (a joint event held under the national
            # campaign is filed as the nation's); one province's own notices say nothing of it
            together = self._naming_all(wanted_regions, years)
            if together:
                return self._dated(together, years, None, undated_ok=True)
        if len(wanted_regions) == 1:  # looked up: 全国 alone has thousands of notices at scale
            exact = self._of_place(wanted_regions[0])
        else:
            exact = [u for u in self.related_units(wanted_regions)
                     if any(u.unit.region.name == r.name for r in wanted_regions)]
        undated_ok = place != "全国"
        if exact:  # the first tier answers most questions: the others are not computed then
            scoped = self._dated(exact, years, None, undated_ok=undated_ok)
            if scoped.units:
                return scoped
        related = self.related_units(wanted_regions)
        inside = [u for u in related if any(region_contains(u.unit.region, r) for r in wanted_regions)]
        below = [u for u in related if any(region_contains(r, u.unit.region) and u.unit.region.name != r.name
                                           for r in wanted_regions)]
        # a report filed under a county where it was held ("红河州开展…" at a square in 蒙自市) says
        # whose it is in its title or opening
        below_keys = {u.key for u in below}
        said = {_stem(place), short_name(wanted_regions[0])} if below else set()  # 红河州 for 红河哈尼族彝族自治州
        titled = [u for u in inside + below if _stem(place) in u.meta.title
                  or (u.key in below_keys and _names_any(self.lead(u, PLACE_IN_LEAD_SENTENCES), said))]
        titled_keys = {u.key for u in titled}  # by key: comparing whole UnitRefs is quadratic and slow
        tiers = [(exact, None), (titled, None), ([u for u in inside if u.key not in titled_keys], place)]
        if not any(units for units, _p in tiers):
            return Scope([], missing="region")
        for units, subject_place in tiers:
            # an undated notice may be the asked year's only for a local place: national bodies
            # publish every year, so an undated national page answers no particular year
            scoped = self._dated(units, years, subject_place, undated_ok=undated_ok)
            if scoped.units:
                return scoped
        return Scope([], missing="year")

    def _naming_all(self, wanted: list[Region], years: list[int]) -> list[UnitRef]:
        """The units (of those regions, or national ones of the years asked) whose title or opening
        names every wanted region; openings are read for at most ``GROUPED_LEADS_READ`` units."""
        names = {r.name for r in wanted}
        national = [u for y in years for u in self._of_place_in(NATIONAL, y, undated_ok=False).units]
        units = self.related_units(wanted) + national
        read_leads = len(units) <= GROUPED_LEADS_READ
        return [u for u in units
                if names <= {m.region.name for m in regions().find(u.meta.title)}
                or (read_leads and names <= {m.region.name for m in regions().find(self.lead(u, PLACE_IN_LEAD_SENTENCES))})]

    def _provinces(self) -> dict[str, list[UnitRef]]:
        if self._by_province is None:
            by_province: dict[str, list[UnitRef]] = defaultdict(list)
            by_place: dict[tuple[str, str], list[UnitRef]] = defaultdict(list)
            by_place_year: dict[tuple[str, str], dict[int | None, list[UnitRef]]] = defaultdict(dict)
            for u in self.units:
                bucket = u.unit.region.province or u.unit.region.name
                by_province[bucket].append(u)
                by_place[(bucket, u.unit.region.name)].append(u)
                by_place_year[(bucket, u.unit.region.name)].setdefault(u.unit.year, []).append(u)
            self._by_place = by_place
            self._by_place_year = by_place_year
            self._by_province = by_province
        return self._by_province

    def _of_place(self, region: Region) -> list[UnitRef]:
        """The units of exactly ``region`` (in the knowledge's order), as filtering
        ``related_units([region])`` by name gives them."""
        self._provinces()
        return list(self._by_place.get((region.province or region.name, region.name), ()))

    def _of_place_in(self, region: Region, year: int, *, undated_ok: bool) -> Scope:
        """``_dated(self._of_place(region), [year], None, undated_ok=undated_ok)``, looked up by
        place and year instead of filtering the place's notices (thousands for 全国)."""
        self._provinces()
        by_year = self._by_place_year.get((region.province or region.name, region.name), {})
        dated = by_year.get(year, [])
        undated = self._undated_of(by_year.get(None, []), [year]) if undated_ok else []
        return Scope(list(dated or undated), None, missing="" if dated or undated else "year")

    def regional(self, wanted: list[Region]) -> Regional:
        """The units whose region is, contains or lies in a wanted one, as a "not found" lists
        them; kept for the last REGIONAL_CACHE sets of regions asked.

        Why: 全国 has 2,000 notices at 10,000, and each "not found" of a national question
        tested every one's region against the asked ones and sorted their labels again. The test
        depends on the unit's region alone, so it is made once per distinct region."""
        key = tuple((r.code, r.name, r.level, r.province) for r in wanted)
        with self._lock:
            cached = self._regional.get(key)
        if cached is not None:
            return cached
        verdicts: dict[tuple[str, str, str, str], bool] = {}
        units: list[UnitRef] = []
        for u in self.related_units(wanted):
            region = u.unit.region
            seen = (region.code, region.name, region.level, region.province)
            ok = verdicts.get(seen)
            if ok is None:
                ok = verdicts[seen] = any(region_contains(region, r) or region_contains(r, region) for r in wanted)
            if ok:
                units.append(u)
        by_year: dict[int, list[UnitRef]] = {}
        for u in units:
            by_year.setdefault(u.unit.year or 0, []).append(u)
        cached = Regional(units, sorted({u.unit.label for u in units}), by_year)
        with self._lock:
            self._regional[key] = cached
            while len(self._regional) > REGIONAL_CACHE:
                self._regional.pop(next(iter(self._regional)))
        return cached

    def related_units(self, wanted: list[Region]) -> list[UnitRef]:
        """Units whose region is, contains or lies in a wanted one: looked up, not scanned."""
        by_province = self._provinces()
        seen: dict[tuple[str, str], UnitRef] = {}
        for r in wanted:
            for u in by_province.get(r.province or r.name, ()):
                seen.setdefault(u.key, u)
        return list(seen.values())

    def _all_dated(self, years: list[int]) -> Scope:
        """``_dated(self.units, years, None)``, the units of one year looked up, not filtered."""
        if len(years) != 1:
            return self._dated(self.units, years, None)
        if self._by_year is None:
            by_year: dict[int | None, list[UnitRef]] = defaultdict(list)
            for u in self.units:
                by_year[u.unit.year].append(u)
            self._by_year = by_year
        dated = list(self._by_year.get(years[0], ()))
        return Scope(dated, None, missing="" if dated else "year")

    def _dated(self, units: list[UnitRef], years: list[int], subject_place: str | None, *,
               undated_ok: bool = False) -> Scope:
        if not years:
            return Scope(units, subject_place)
        dated = [u for u in units if u.unit.year in years]
        # a notice of the asked place that never says its year may be the one asked about, unless
        # it quotes another year's theme
        undated = self._undated_of(units, years) if undated_ok else []
        return Scope(dated or undated, subject_place, missing="" if dated or undated else "year")

    def _undated_of(self, units: Iterable[UnitRef], years: list[int]) -> list[UnitRef]:
        """The undated ones of ``units`` that may be of ``years``: none whose text quotes the theme
        a dated notice gives for another year only."""
        return [u for u in units if u.unit.year is None and self.theme_year(u) in (None, *years)]

    def theme_year(self, unit: UnitRef) -> int | None:
        """The year of the theme an undated unit's text quotes, where dated notices give that theme
        for one year only ("抓质量水平提升,促发展方式转变" is 2010's); None where it quotes none.

        Why: a report that never writes its year still names the year's national theme, and the
        knowledge holds the notices that date it: corpus statistics, not a table of themes."""
        if unit.unit.year is not None:
            return unit.unit.year
        with self._lock:
            if unit.key in self._theme_years:
                return self._theme_years[unit.key]
        pattern, year_of = self._dated_themes()
        text = _theme_key("\n".join(r.text for r in self.store.get(list(self.store.unit_ids(unit.key)))))
        found = {year_of[m.group(0)] for m in pattern.finditer(text)} if pattern else set()
        year = found.pop() if len(found) == 1 else None
        with self._lock:
            self._theme_years[unit.key] = year
        return year

    def _dated_themes(self) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        """One pattern of every theme dated notices give for a single year, and that year."""
        if self._theme_pattern is None:
            years: dict[str, set[int]] = defaultdict(set)
            for key in self._facts.keys_with("theme"):
                for fact in self._facts.facts_of(key, {"theme"}):
                    unit = self.knowledge.unit(*key)
                    theme = _theme_key(getattr(fact, "theme", ""))
                    if unit is not None and unit.unit.year is not None and len(theme) >= THEME_KEY_MIN_CHARS:
                        years[theme].add(unit.unit.year)
            year_of = {t: next(iter(ys)) for t, ys in years.items() if len(ys) == 1}
            names = sorted(year_of, key=len, reverse=True)
            self._theme_pattern = (re.compile("|".join(map(re.escape, names))) if names else None, year_of)
        return self._theme_pattern

    def facts_of(self, unit: UnitRef, kinds: set[str]) -> list[Fact]:
        return self._facts.facts_of(unit.key, kinds)

    def unit_labels(self) -> list[str]:
        """Every unit's label ("天水市 2016年"), once each, sorted: computed once (a "not found"
        of no place lists the first; at 10,000 notices collecting them took milliseconds)."""
        if self._labels is None:
            self._labels = sorted({u.unit.label for u in self.units})
        return self._labels

    def in_answer_order(self, units: list[UnitRef]) -> list[UnitRef]:
        """``units`` newest year first, then by notice and unit: the order typed answers are
        tried and shown in. The same list as sorting by ``(-(year or 0), doc, unit)`` (keys are
        unique), without building a tuple per unit: the whole knowledge is ordered once, a scope
        is sorted by rank in that order (a question of all notices is not sorted at all)."""
        ordered = self._answer_order
        if ordered is None:
            with self._lock:
                ordered = self._answer_order = sorted(
                    self.units, key=lambda u: (-(u.unit.year or 0), u.meta.doc, u.unit.key))
                self._rank = {u.key: i for i, u in enumerate(ordered)}
        if units is self.units:
            return list(ordered)
        ranks = list(map(self._rank.__getitem__, map(_KEY, units)))  # no Python call per unit
        return [units[i] for i in sorted(range(len(units)), key=ranks.__getitem__)]

    def with_subject(self, units: list[UnitRef], subject: str) -> list[UnitRef]:
        """Those of ``units`` with a duty fact of ``subject``: looked up, not read unit by unit."""
        keys = self._facts.subject_units(subject)
        if units is self.units and len(keys) < len(units):  # all notices: the subject's, in order
            at = self._positions()
            return [units[i] for i in sorted(map(at.__getitem__, at.keys() & keys))]
        return [u for u in units if u.key in keys]

    def _positions(self) -> dict[tuple[str, str], int]:
        """Each unit's position in ``self.units`` (the knowledge's order)."""
        if self._position is None:
            self._position = {u.key: i for i, u in enumerate(self.units)}
        return self._position

    def has_facts(self, unit: UnitRef, kinds: set[str]) -> bool:
        """Whether ``unit`` holds a fact of one of ``kinds`` (cheaper than reading them)."""
        return self._facts.has_facts(unit.key, kinds)

    def count_with_facts(self, units: list[UnitRef], kinds: set[str], start: int = 0) -> int:
        """How many of ``units[start:]`` hold a fact of one of ``kinds``: set lookups, no call per
        unit; of all the knowledge's units (a question of all notices), all of them less those
        before ``start`` (counted once per set of kinds)."""
        wanted = frozenset(kinds)
        cached = self._keys_with_any.get(wanted)
        if cached is None:
            keys: set[tuple[str, str]] = set()
            for kind in kinds:
                of_kind = self._keys_with.get(kind)
                if of_kind is None:
                    of_kind = self._keys_with[kind] = self._facts.keys_with(kind)
                keys |= of_kind
            cached = self._keys_with_any[wanted] = (frozenset(keys), sum(1 for u in self.units if u.key in keys))
        keys, in_all = cached
        if len(units) == len(self.units):  # a scope holds each unit once: this is all of them
            return in_all - sum(map(keys.__contains__, map(_KEY, units[:start])))
        return sum(map(keys.__contains__, map(_KEY, units[start:])))

    def activity_sentences(self, unit: UnitRef) -> list[Fact]:
        """A report's sentences that say what will be done, as transient arrangement facts."""
        out: list[Fact] = []
        # numbered by position in the unit: sentence ids differ between the in-memory and compiled stores
        for i, ref in enumerate(self.store.get(list(self.store.unit_ids(unit.key)))):
            if ACTIVITY_VERBS.search(ref.text):
                out.append(ArrangementFact(id=f"{ref.doc}:{ref.unit}:sentence:{i}", doc=ref.doc, unit=ref.unit,
                                           section=ref.section, quote=ref.text, title=ref.text, text=ref.text))
        return out
