"""The compiled knowledge index: the YAML folder compiled into one SQLite file beside it.

Why: parsing every YAML file and building the sentence index in memory at every start grows
linearly with the notices (86 s and 5 GB at 10,000). The YAML files stay the reviewable source
of truth (with ``corrections/`` applied on top); ingest also writes ``.index.sqlite`` into the
same folder, so the atomic folder swap (``swap.py``) replaces YAML and index together. A start
opens the file and reads the units' metadata (small, kept in memory); facts, documents and
sentences are read when a question needs them, by indexed lookups.

SQLite (standard library, one file, B-tree lookups) holds the same statistics and postings as the
in-memory index (``bot.answering.retrieval.MemorySentences``) — own postings rather than FTS5,
because the scoring (BM25 over jieba tokens, coverage, unit IDF) must stay exactly the one in
``retrieval.Index`` so both backends answer identically.

Staleness: the index records a fingerprint of the YAML and correction files (name, size,
modification time) and of the code that compiles it (``compiler.py``). A missing or stale index is rebuilt on load, so an
existing knowledge folder (or a hand-edited correction) never breaks; a folder that cannot be
written is answered from memory instead.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from bot.answering.retrieval import SentenceRef
from bot.knowledge import Knowledge, UnitRef
from bot.knowledge.compiler import (
    INDEX_FILE,
    LOCAL_BITS,
    fingerprint,
    index_path,
    recorded_fingerprint,
    write_index,
)
from bot.knowledge.schema import DeadlineFact, DocumentKnowledge, DocumentMeta, Fact

__all__ = ["INDEX_FILE", "CompiledKnowledge", "IndexReader", "fingerprint", "open_compiled", "write_index"]

logger = logging.getLogger(__name__)

DOCUMENT_CACHE = 64  # decoded documents kept (a question reads one or a few)
UNIT_FACTS_CACHE = 8192  # (unit, kind) fact lists kept decoded (a question of all notices reads many)
SENTENCE_CACHE = 50_000  # decoded sentences kept (~20 MB)
UNIT_IDS_CACHE = 2048  # units' sentence id lists kept (~5 KB each)
SUBJECT_UNITS_CACHE = 64  # subjects' sets of units kept (up to ~0.2 MB each at 10,000 notices)
FEW_UNITS = 64  # postings of up to this many units are looked up one by one, beyond by term
LOOKUP_COST = 8  # ... unless the term is in this many times more units: one lookup ~ 8 rows of a range
BATCH = 500  # ids per SQL ``IN (...)`` query (SQLite's variable limit is far above)

_FACT = TypeAdapter(Fact)
_METAS = TypeAdapter(list[DocumentMeta])


def _blob_ids(blob: bytes) -> array[int]:
    out = array("i")
    out.frombytes(blob)
    return out


class _LRU(OrderedDict):  # type: ignore[type-arg]
    """A small least-recently-used cache (callers hold the reader's lock)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: object, value: object) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


class IndexReader:
    """Reads a compiled index: the fact store and sentence store of ``retrieval.Index``.

    Opened read-only; one connection shared by threads under a lock (queries take microseconds).
    A folder swapped away while the bot runs stays readable through the open file until the
    engine switches to the new knowledge.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.RLock()
        info = dict(self._db.execute("SELECT key, value FROM info"))
        self.fingerprint = info["fingerprint"]
        self._count = int(info["sentences"])
        self._unit_count = int(info["units_with_sentences"])
        self._avg_length = float(info["avg_length"])
        self._subjects: list[str] = json.loads(info["subjects"])
        rows = self._db.execute("SELECT doc, meta, slot FROM docs ORDER BY doc").fetchall()
        # postings and unit lists hold positions in the document; its first sentence id is this
        self._slot = {doc: slot for doc, _meta, slot in rows}
        self._doc_at = {slot: doc for doc, _meta, slot in rows}
        # one validation of all metadata: a tenth of the time of one call per notice
        metas = _METAS.validate_json("[" + ",".join(meta for _doc, meta, _slot in rows) + "]")
        self.metas: dict[str, DocumentMeta] = {m.doc: m for m in metas}
        self._units = [UnitRef(m, u) for m in self.metas.values() for u in m.units]
        self._unit_by_key = {u.key: u for u in self._units}
        self._kinds = {(doc, unit): frozenset(kinds.split())
                       for doc, unit, kinds in self._db.execute("SELECT doc, unit, kinds FROM unit_kinds")}
        self._docs: _LRU = _LRU(DOCUMENT_CACHE)
        self._unit_facts: _LRU = _LRU(UNIT_FACTS_CACHE)
        self._sentences: _LRU = _LRU(SENTENCE_CACHE)
        self._terms: _LRU = _LRU(SENTENCE_CACHE)
        self._unit_ids: _LRU = _LRU(UNIT_IDS_CACHE)
        self._subject_units: _LRU = _LRU(SUBJECT_UNITS_CACHE)

    def close(self) -> None:
        self._db.close()

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:  # type: ignore[type-arg]
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- documents ------------------------------------------------------------

    def document(self, doc: str) -> DocumentKnowledge | None:
        with self._lock:
            cached = self._docs.get(doc)
            if cached is None:
                row = self._db.execute("SELECT body FROM docs WHERE doc = ?", (doc,)).fetchone()
                if row is None:
                    return None
                cached = DocumentKnowledge.model_validate_json(zlib.decompress(row[0]))
                self._docs.put(doc, cached)
            return cached

    def deadlines(self) -> list[tuple[DocumentMeta, DeadlineFact]]:
        rows = self._query("SELECT doc, body FROM facts WHERE kind = 'deadline' ORDER BY doc, unit, seq")
        out = [(self.metas[doc], DeadlineFact.model_validate_json(body)) for doc, body in rows]
        return sorted(out, key=lambda x: x[1].date)

    def all_facts(self) -> list[Fact]:
        rows = self._query("SELECT body FROM facts ORDER BY doc, seq")
        return [_FACT.validate_json(body) for (body,) in rows]

    # -- FactStore ------------------------------------------------------------

    def units(self) -> list[UnitRef]:
        return self._units

    def unit(self, doc: str, key: str) -> UnitRef | None:
        return self._unit_by_key.get((doc, key))

    def subjects(self) -> list[str]:
        return self._subjects

    def subject_units(self, subject: str) -> AbstractSet[tuple[str, str]]:
        """Kept for the last SUBJECT_UNITS_CACHE subjects: 教育厅 has a duty in 2,000 notices at
        10,000, read and made into a set at every question about it."""
        with self._lock:
            cached = self._subject_units.get(subject)
            if cached is None:
                cached = frozenset((doc, unit) for doc, unit in self._db.execute(
                    "SELECT doc, unit FROM subjects WHERE subject = ?", (subject,)))
                self._subject_units.put(subject, cached)
            return cached  # type: ignore[no-any-return]

    def has_facts(self, key: tuple[str, str], kinds: set[str]) -> bool:
        return not self._kinds.get(key, frozenset()).isdisjoint(kinds)

    def keys_with(self, kind: str) -> frozenset[tuple[str, str]]:
        return frozenset(key for key, kinds in self._kinds.items() if kind in kinds)

    def facts_of(self, key: tuple[str, str], kinds: set[str]) -> list[Fact]:
        """Only the kinds asked for are read and decoded (a unit's duties are many)."""
        have = self._kinds.get(key, frozenset())
        wanted = [k for k in kinds if k in have]
        if not wanted:
            return []
        with self._lock:
            missing = [k for k in wanted if (key, k) not in self._unit_facts]
            if missing:
                got: dict[str, list[Fact]] = {k: [] for k in missing}
                marks = ",".join("?" * len(missing))
                for kind, body in self._db.execute(
                        f"SELECT kind, body FROM facts WHERE doc = ? AND unit = ? AND kind IN ({marks})"  # noqa: S608
                        " ORDER BY seq", (*key, *missing)):
                    got[kind].append(_FACT.validate_json(body))
                for kind, facts in got.items():
                    self._unit_facts.put((key, kind), facts)
            by_kind = {k: self._unit_facts[(key, k)] for k in wanted}
        return [f for kind in kinds if kind in by_kind for f in by_kind[kind]]

    # -- SentenceStore --------------------------------------------------------

    def count(self) -> int:
        return self._count

    def unit_count(self) -> int:
        return self._unit_count

    def avg_length(self) -> float:
        return self._avg_length

    def _term(self, term: str) -> tuple[int, int]:
        with self._lock:
            cached = self._terms.get(term)
            if cached is None:
                row = self._db.execute("SELECT df, unit_df FROM terms WHERE term = ?", (term,)).fetchone()
                cached = (row[0], row[1]) if row else (0, 0)
                self._terms.put(term, cached)
            return cached

    def df(self, term: str) -> int:
        return self._term(term)[0]

    def unit_df(self, term: str) -> int:
        return self._term(term)[1]

    def get(self, ids: Sequence[int]) -> list[SentenceRef]:
        """The sentences, from the cache or read. Collected here, not re-read from the cache: more
        ids than it holds (a broad follow-up over thousands of notices) evict some of those just
        cached or found before all are returned."""
        with self._lock:
            cache = self._sentences
            try:  # all cached (a question asked before, its notices' sentences): no set of ids to build
                return [cache[i] for i in ids]
            except KeyError:
                pass
            got: dict[int, SentenceRef] = {}
            missing: list[int] = []
            for i in dict.fromkeys(ids):
                cached = cache.get(i)
                if cached is None:
                    missing.append(i)
                else:
                    got[i] = cached
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                marks = ",".join("?" * len(chunk))
                for sid, doc, unit, section, text, length, tf in self._db.execute(
                        f"SELECT id, doc, unit, section, text, length, tf FROM sentences WHERE id IN ({marks})",  # noqa: S608 (placeholders only)
                        chunk):
                    ref = SentenceRef(doc, unit, section, text, length, tuple((t, n) for t, n in json.loads(tf)))
                    got[sid] = ref
                    cache.put(sid, ref)
            return [got[i] for i in ids]

    def unit_ids(self, key: tuple[str, str]) -> Sequence[int]:
        """Kept for the last UNIT_IDS_CACHE units: a question of a place and year reads those of
        dozens of notices (59 for 全国 2014 at 10,000), one query each."""
        with self._lock:
            cached = self._unit_ids.get(key)
        if cached is not None:
            return cached
        rows = self._query("SELECT ids FROM unit_sentences WHERE doc = ? AND unit = ?", key)
        base = self._slot[key[0]] << LOCAL_BITS if rows else 0
        ids = tuple([base + i for i in _blob_ids(rows[0][0])]) if rows else ()
        with self._lock:
            self._unit_ids.put(key, ids)
        return ids

    def postings(self, keys: Sequence[tuple[str, str]], term: str) -> Iterable[int]:
        """A few units: one lookup each; many: the term's whole posting range, filtered."""
        slots = [(self._slot[doc], unit) for doc, unit in keys if doc in self._slot]
        # reading the term's whole range costs a row per unit holding it: "2014年全国…" asks 77 of
        # the 10,000 notices holding 报送; then 77 lookups are far cheaper
        if len(slots) <= FEW_UNITS or len(slots) * LOOKUP_COST < self.unit_df(term):
            rows = [(slot, r[0]) for slot, unit in slots for r in self._query(
                "SELECT ids FROM postings WHERE term = ? AND slot = ? AND unit = ?", (term, slot, unit))]
            return [(slot << LOCAL_BITS) + i for slot, blob in rows for i in _blob_ids(blob)]
        wanted = set(slots)
        rows = self._query("SELECT slot, unit, ids FROM postings WHERE term = ?", (term,))
        return [(slot << LOCAL_BITS) + i for slot, unit, blob in rows if (slot, unit) in wanted
                for i in _blob_ids(blob)]

    def units_holding(self, term: str) -> set[tuple[str, str]]:
        return {(self._doc_at[slot], unit)
                for slot, unit in self._query("SELECT slot, unit FROM postings WHERE term = ?", (term,))}

    def pair_words(self, wildcard: str) -> list[str]:
        return [w for (w,) in self._query("SELECT word FROM pairs WHERE wildcard = ? ORDER BY word", (wildcard,))]


class LazyDocuments(Mapping[str, DocumentKnowledge]):
    """The documents of a compiled index, decoded when asked for (a few per question)."""

    def __init__(self, reader: IndexReader) -> None:
        self._reader = reader

    def __getitem__(self, doc: str) -> DocumentKnowledge:
        found = self._reader.document(doc) if doc in self._reader.metas else None
        if found is None:
            raise KeyError(doc)
        return found

    def __contains__(self, doc: object) -> bool:
        return doc in self._reader.metas

    def __iter__(self) -> Iterator[str]:
        return iter(self._reader.metas)

    def __len__(self) -> int:
        return len(self._reader.metas)


@dataclass(frozen=True, eq=False)
class CompiledKnowledge(Knowledge):
    """:class:`Knowledge` backed by a compiled index: same interface, nothing decoded up front."""

    reader: IndexReader | None = None

    @classmethod
    def open(cls, path: Path) -> CompiledKnowledge:
        reader = IndexReader(path)
        return cls(LazyDocuments(reader), reader)  # type: ignore[arg-type]

    @property
    def _r(self) -> IndexReader:
        assert self.reader is not None
        return self.reader

    def compiled(self) -> tuple[IndexReader, IndexReader]:
        return (self._r, self._r)

    @property
    def facts(self) -> list[Fact]:
        return self._r.all_facts()

    def units(self) -> list[UnitRef]:
        return list(self._r.units())

    def metas(self) -> Mapping[str, DocumentMeta]:
        return self._r.metas  # read at start, in memory

    def unit(self, doc: str, key: str) -> UnitRef | None:
        return self._r.unit(doc, key)

    def deadlines(self) -> list[tuple[DocumentMeta, DeadlineFact]]:
        return self._r.deadlines()


# -- opening a folder --------------------------------------------------------


def open_compiled(folder: Path) -> CompiledKnowledge | None:
    """The folder's compiled index if it is there and current, else None."""
    path = index_path(folder)
    if not path.is_file():
        return None
    try:
        if recorded_fingerprint(path) != fingerprint(folder):
            return None  # stale: checked before reading tables an older format may lack
        return CompiledKnowledge.open(path)
    except (sqlite3.Error, KeyError, ValueError) as exc:
        logger.warning("knowledge index %s unreadable (%s): rebuilding it", path, exc)
        return None



