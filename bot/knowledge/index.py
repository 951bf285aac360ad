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
modification time) and of the index format. A missing or stale index is rebuilt on load, so an
existing knowledge folder (or a hand-edited correction) never breaks; a folder that cannot be
written is answered from memory instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from pydantic import TypeAdapter

from bot.answering.corpus import pair_wildcards, sentence_rows
from bot.answering.retrieval import MemoryFacts, SentenceRef
from bot.knowledge import Knowledge, UnitRef
from bot.schema import DeadlineFact, DocumentKnowledge, DocumentMeta, DutyFact, Fact
from bot.segment import add_words

logger = logging.getLogger(__name__)

INDEX_FILE = ".index.sqlite"
FORMAT_VERSION = 2  # bump when the tables or what is indexed change: old files are rebuilt
CORRECTIONS_DIR = "corrections"  # the same folder bot.store reads (not imported: store imports this)
DOCUMENT_CACHE = 64  # decoded documents kept (a question reads one or a few)
UNIT_FACTS_CACHE = 4096  # units' decoded facts kept (a question of all notices reads many)
SENTENCE_CACHE = 50_000  # decoded sentences kept (~20 MB)
FEW_UNITS = 64  # postings of up to this many units are looked up one by one, beyond by term
BATCH = 500  # ids per SQL ``IN (...)`` query (SQLite's variable limit is far above)
PARALLEL_MIN_DOCUMENTS = 200  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK = 16  # documents per task sent to a worker
ZLIB_LEVEL = 1  # documents are read rarely; fast compression is enough


def _compiler_modules() -> tuple[ModuleType, ...]:
    from bot import schema, sections, segment
    from bot.answering import corpus

    return (schema, sections, segment, corpus, sys.modules[__name__])


_FACT = TypeAdapter(Fact)

SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(doc TEXT PRIMARY KEY, meta TEXT NOT NULL, body BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE facts(doc TEXT, unit TEXT, seq INTEGER, kind TEXT NOT NULL, body TEXT NOT NULL,
                   PRIMARY KEY (doc, unit, seq)) WITHOUT ROWID;
CREATE TABLE sentences(id INTEGER PRIMARY KEY, doc TEXT NOT NULL, unit TEXT NOT NULL,
                       section TEXT NOT NULL, text TEXT NOT NULL, length INTEGER NOT NULL,
                       tf TEXT NOT NULL);
CREATE TABLE unit_sentences(doc TEXT, unit TEXT, ids BLOB NOT NULL, PRIMARY KEY (doc, unit)) WITHOUT ROWID;
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL, unit_df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE postings(term TEXT, doc TEXT, unit TEXT, ids BLOB NOT NULL,
                      PRIMARY KEY (term, doc, unit)) WITHOUT ROWID;
CREATE TABLE unit_kinds(doc TEXT, unit TEXT, kinds TEXT NOT NULL, PRIMARY KEY (doc, unit)) WITHOUT ROWID;
CREATE TABLE subjects(subject TEXT, doc TEXT, unit TEXT, PRIMARY KEY (subject, doc, unit)) WITHOUT ROWID;
CREATE TABLE pairs(wildcard TEXT, word TEXT, PRIMARY KEY (wildcard, word)) WITHOUT ROWID;
"""
# Created after the rows are in: one sort instead of a B-tree update per row.
LATE_INDEXES = "CREATE INDEX facts_kind ON facts(kind);"


# -- fingerprint ---------------------------------------------------------------


def source_files(folder: Path) -> list[Path]:
    """The files the index is compiled from: the notices' YAML and the hand corrections."""
    return sorted([*folder.glob("*.yaml"), *(folder / CORRECTIONS_DIR).glob("*.yaml")])


def fingerprint(folder: Path) -> str:
    """What the index was compiled from: each source file's name, size and modification time,
    the index format and the code that compiles it (``_compiler_modules``). Stat calls only: 10,000 files in milliseconds, where
    hashing their contents (~500 MB) would cost seconds at every start. Any edit of a file
    changes its modification time; a copy that keeps times (``cp -p``, ``copy2``) keeps it valid.
    """
    h = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    for module in _compiler_modules():  # a change in how sentences are cut or tokenised recompiles
        h.update(hashlib.sha256(Path(module.__file__ or "").read_bytes()).digest())
    for path in source_files(folder):
        st = path.stat()
        h.update(f"{path.relative_to(folder).as_posix()}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


# -- writing -----------------------------------------------------------------


def _ids_blob(ids: Sequence[int]) -> bytes:
    return array("i", ids).tobytes()


def _blob_ids(blob: bytes) -> array[int]:
    out = array("i")
    out.frombytes(blob)
    return out


def compile_index(knowledge: Knowledge, path: Path, source_fingerprint: str) -> None:
    """Write the index of ``knowledge`` (corrections already applied) to ``path``, atomically.

    Sentences are numbered and tokenised exactly as the in-memory index does
    (``retrieval.sentence_rows``, after the same words are added to jieba), so ids, statistics
    and therefore scores are the same. Postings are written per document, so memory stays bounded
    by the vocabulary, not the corpus.
    """
    facts = MemoryFacts(knowledge)
    words = [*facts.subjects(), *sorted({u.unit.region.name for u in facts.units()})]
    add_words(words)  # as retrieval.Index does before tokenising
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        docs = [knowledge.documents[d] for d in sorted(knowledge.documents)]
        for doc in docs:
            body = zlib.compress(doc.model_dump_json().encode(), ZLIB_LEVEL)
            db.execute("INSERT INTO docs VALUES (?, ?, ?)", (doc.meta.doc, doc.meta.model_dump_json(), body))
            db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)",
                           ((f.doc, f.unit, i, f.kind, f.model_dump_json()) for i, f in enumerate(doc.facts)))
            db.executemany("INSERT OR IGNORE INTO subjects VALUES (?, ?, ?)",
                           ((f.subject, f.doc, f.unit) for f in doc.facts if isinstance(f, DutyFact)))
            kinds: dict[str, set[str]] = defaultdict(set)
            for f in doc.facts:
                kinds[f.unit].add(f.kind)
            db.executemany("INSERT INTO unit_kinds VALUES (?, ?, ?)",
                           ((doc.meta.doc, unit, " ".join(sorted(k))) for unit, k in kinds.items()))
        stats = _write_sentences(db, _tokenised(docs, words))
        info = {"fingerprint": source_fingerprint, "format": str(FORMAT_VERSION),
                "subjects": json.dumps(facts.subjects(), ensure_ascii=False), **stats}
        db.executemany("INSERT INTO info VALUES (?, ?)", info.items())
        db.executescript(LATE_INDEXES)
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)


Row = tuple[str, str, str, str, list[str]]  # doc, unit, section label, sentence, tokens


def _document_rows(doc: DocumentKnowledge) -> list[Row]:
    return list(sentence_rows([doc]))


def _tokenised(docs: list[DocumentKnowledge], words: list[str]) -> Iterator[Row]:
    """``sentence_rows`` of all documents, in order; jieba (pure Python, most of the compile
    time) runs on every core for a large folder. Workers are spawned, not forked (the bot
    compiles on a worker thread of a threaded process), and add the same words first."""
    workers = os.cpu_count() or 1
    if workers < 2 or len(docs) < PARALLEL_MIN_DOCUMENTS:
        yield from sentence_rows(docs)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=add_words, initargs=(words,)) as pool:
        for rows in pool.map(_document_rows, docs, chunksize=PARALLEL_CHUNK):
            yield from rows


def _write_sentences(db: sqlite3.Connection, rows: Iterator[Row]) -> dict[str, str]:
    df: Counter[str] = Counter()
    unit_df: Counter[str] = Counter()
    count = 0
    total_length = 0
    units_with_sentences = 0

    def by_doc() -> Iterator[tuple[str, list[Row]]]:
        current: list[Row] = []
        for row in rows:
            if current and current[0][0] != row[0]:
                yield current[0][0], current
                current = []
            current.append(row)
        if current:
            yield current[0][0], current

    for doc, doc_rows in by_doc():
        postings: dict[tuple[str, str], list[int]] = defaultdict(list)  # (unit, term) -> ids
        by_unit: dict[str, list[int]] = defaultdict(list)
        unit_terms: dict[str, set[str]] = defaultdict(set)
        batch = []
        for _doc, unit, label, text, cut in doc_rows:
            tf = Counter(cut)
            sid = count
            count += 1
            total_length += len(cut)
            for t in tf:
                postings[(unit, t)].append(sid)
            df.update(tf.keys())
            by_unit[unit].append(sid)
            unit_terms[unit].update(tf)
            batch.append((sid, doc, unit, label, text, len(cut), json.dumps(list(tf.items()), ensure_ascii=False)))
        db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        db.executemany("INSERT INTO unit_sentences VALUES (?, ?, ?)",
                       ((doc, unit, _ids_blob(ids)) for unit, ids in by_unit.items()))
        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)",
                       ((t, doc, unit, _ids_blob(ids)) for (unit, t), ids in postings.items()))
        units_with_sentences += len(by_unit)
        for terms in unit_terms.values():
            unit_df.update(terms)
    db.executemany("INSERT INTO terms VALUES (?, ?, ?)", ((t, n, unit_df[t]) for t, n in df.items()))
    db.executemany("INSERT INTO pairs VALUES (?, ?)", ((key, w) for w in df for key in pair_wildcards(w)))
    avg = total_length / count if count else 1.0
    return {"sentences": str(count), "units_with_sentences": str(units_with_sentences), "avg_length": repr(avg)}


# -- reading -----------------------------------------------------------------


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
        self.metas: dict[str, DocumentMeta] = {
            doc: DocumentMeta.model_validate_json(meta)
            for doc, meta in self._db.execute("SELECT doc, meta FROM docs ORDER BY doc")}
        self._units = [UnitRef(m, u) for m in self.metas.values() for u in m.units]
        self._unit_by_key = {u.key: u for u in self._units}
        self._kinds = {(doc, unit): frozenset(kinds.split())
                       for doc, unit, kinds in self._db.execute("SELECT doc, unit, kinds FROM unit_kinds")}
        self._docs: _LRU = _LRU(DOCUMENT_CACHE)
        self._unit_facts: _LRU = _LRU(UNIT_FACTS_CACHE)
        self._sentences: _LRU = _LRU(SENTENCE_CACHE)
        self._terms: _LRU = _LRU(SENTENCE_CACHE)

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

    def subject_units(self, subject: str) -> set[tuple[str, str]]:
        return {(doc, unit) for doc, unit in self._query(
            "SELECT doc, unit FROM subjects WHERE subject = ?", (subject,))}

    def has_facts(self, key: tuple[str, str], kinds: set[str]) -> bool:
        return not self._kinds.get(key, frozenset()).isdisjoint(kinds)

    def facts_of(self, key: tuple[str, str], kinds: set[str]) -> list[Fact]:
        if not self.has_facts(key, kinds):
            return []
        with self._lock:
            by_kind = self._unit_facts.get(key)
            if by_kind is None:
                by_kind = defaultdict(list)
                rows = self._db.execute("SELECT body FROM facts WHERE doc = ? AND unit = ? ORDER BY seq", key)
                for (body,) in rows:
                    fact = _FACT.validate_json(body)
                    by_kind[fact.kind].append(fact)
                self._unit_facts.put(key, by_kind)
        return [f for kind in kinds for f in by_kind.get(kind, ())]

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
        with self._lock:
            missing = [i for i in dict.fromkeys(ids) if i not in self._sentences]
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                marks = ",".join("?" * len(chunk))
                for sid, doc, unit, section, text, length, tf in self._db.execute(
                        f"SELECT id, doc, unit, section, text, length, tf FROM sentences WHERE id IN ({marks})",  # noqa: S608 (placeholders only)
                        chunk):
                    ref = SentenceRef(doc, unit, section, text, length, tuple((t, n) for t, n in json.loads(tf)))
                    self._sentences.put(sid, ref)
            return [self._sentences[i] for i in ids]

    def unit_ids(self, key: tuple[str, str]) -> Sequence[int]:
        rows = self._query("SELECT ids FROM unit_sentences WHERE doc = ? AND unit = ?", key)
        return _blob_ids(rows[0][0]) if rows else ()

    def postings(self, keys: Sequence[tuple[str, str]], term: str) -> Iterable[int]:
        """A few units: one lookup each; many: the term's whole posting range, filtered."""
        if len(keys) <= FEW_UNITS:
            rows = [r for key in keys for r in self._query(
                "SELECT ids FROM postings WHERE term = ? AND doc = ? AND unit = ?", (term, *key))]
            return [i for (blob,) in rows for i in _blob_ids(blob)]
        wanted = set(keys)
        rows = self._query("SELECT doc, unit, ids FROM postings WHERE term = ?", (term,))
        return [i for doc, unit, blob in rows if (doc, unit) in wanted for i in _blob_ids(blob)]

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

    def unit(self, doc: str, key: str) -> UnitRef | None:
        return self._r.unit(doc, key)

    def deadlines(self) -> list[tuple[DocumentMeta, DeadlineFact]]:
        return self._r.deadlines()


# -- opening a folder --------------------------------------------------------


def index_path(folder: Path) -> Path:
    return folder / INDEX_FILE


def write_index(knowledge: Knowledge, folder: Path, source_fingerprint: str | None = None) -> None:
    """Compile ``knowledge`` (as loaded from ``folder``, corrections applied) into ``folder``.

    ``source_fingerprint``: taken before the files were read, so an edit made meanwhile leaves
    the index stale (rebuilt next time), never wrongly current."""
    compile_index(knowledge, index_path(folder), source_fingerprint or fingerprint(folder))


def open_compiled(folder: Path) -> CompiledKnowledge | None:
    """The folder's compiled index if it is there and current, else None."""
    path = index_path(folder)
    if not path.is_file():
        return None
    try:
        if _recorded_fingerprint(path) != fingerprint(folder):
            return None  # stale: checked before reading tables an older format may lack
        return CompiledKnowledge.open(path)
    except (sqlite3.Error, KeyError, ValueError) as exc:
        logger.warning("knowledge index %s unreadable (%s): rebuilding it", path, exc)
        return None


def _recorded_fingerprint(path: Path) -> str | None:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM info WHERE key = 'fingerprint'").fetchone()
    finally:
        db.close()
    return row[0] if row else None
