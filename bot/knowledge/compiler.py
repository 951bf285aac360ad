"""Compiling a knowledge folder's YAML into its index (``.index.sqlite``), and the fingerprint
that tells whether an index is current.

Apart from the reader (``index.py``) on purpose: the fingerprint hashes this module (what the
index holds), so a change in how the index is read does not force a recompile.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import shutil
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from bot.answering.corpus import pair_wildcards, sentence_texts
from bot.knowledge import Knowledge
from bot.knowledge.schema import DocumentKnowledge, DutyFact
from bot.segment import add_words, added_words, tokens

INDEX_FILE = ".index.sqlite"
FORMAT_VERSION = 3  # bump when the tables change: older files are rebuilt (the fingerprint says so)
CORRECTIONS_DIR = "corrections"  # the same folder bot.knowledge.store reads (not imported: store imports this)
PARALLEL_MIN_DOCUMENTS = 200  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK = 16  # documents per task sent to a worker
ZLIB_LEVEL = 1  # documents are read rarely; fast compression is enough
#: SQLite's page cache while an index is written, in KiB. Postings are inserted document by
#: document, each at the end of its term's range: one hot leaf page per term (~14,000 terms at
#: 10^4 notices, ~60 MB). SQLite's default 2 MB cache re-read them from the file at every insert;
#: measured at 400 notices, 12-16 ms of each notice's inserts became 6-8.
WRITE_CACHE_KIB = 256 * 1024
#: Bytes of one id in a postings or unit blob (``_ids_blob``): how many sentences a posting holds.
ID_BYTES = array("i").itemsize
#: A sentence id is ``(slot << LOCAL_BITS) | position``: the document's slot, then the sentence's
#: position in the document. Why not 0..N as in memory: a document's ids must not depend on the
#: documents before it, or changing one notice would renumber (and rewrite) every later one.
#: Slots follow the documents' sorted order with gaps between them, so ids sort as the in-memory
#: ids do (document order, then position: ties between equal scores break the same way) and a new
#: notice fits between its neighbours. 2**24 positions: a notice capped at 500,000 characters has
#: at most ~83,000 sentences of 6 or more characters.
LOCAL_BITS = 24
SLOT_GAP = 1 << 16  # free slots between two documents of a full compile (16 halvings per gap)
MAX_SLOT = (1 << (63 - LOCAL_BITS)) - 1  # ids stay SQLite (signed 64-bit) integers


def _compiler_modules() -> tuple[ModuleType, ...]:
    import bot.ingest.sections as sections
    import bot.knowledge.schema as schema
    from bot import segment
    from bot.answering import corpus

    return (schema, sections, segment, corpus, sys.modules[__name__])


SCHEMA = """
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(doc TEXT PRIMARY KEY, meta TEXT NOT NULL, body BLOB NOT NULL, slot INTEGER NOT NULL)
    WITHOUT ROWID;
-- a rowid table: a fact's JSON (~1 KB) fits in a leaf page, where a WITHOUT ROWID row that long
-- spills into an overflow page of its own (700 MB instead of ~350 for 334,000 facts)
CREATE TABLE facts(doc TEXT NOT NULL, unit TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
                   body TEXT NOT NULL);
-- postings name a document by its slot: most of the file is postings, and a slot is a few bytes
-- where a notice id is tens
CREATE TABLE sentences(id INTEGER PRIMARY KEY, doc TEXT NOT NULL, unit TEXT NOT NULL,
                       section TEXT NOT NULL, text TEXT NOT NULL, length INTEGER NOT NULL,
                       tf TEXT NOT NULL);
CREATE TABLE unit_sentences(doc TEXT, unit TEXT, ids BLOB NOT NULL, PRIMARY KEY (doc, unit)) WITHOUT ROWID;
CREATE TABLE terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL, unit_df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE postings(term TEXT, slot INTEGER, unit TEXT, ids BLOB NOT NULL,
                      PRIMARY KEY (term, slot, unit)) WITHOUT ROWID;
CREATE TABLE unit_kinds(doc TEXT, unit TEXT, kinds TEXT NOT NULL, PRIMARY KEY (doc, unit)) WITHOUT ROWID;
CREATE TABLE subjects(subject TEXT, doc TEXT, unit TEXT, PRIMARY KEY (subject, doc, unit)) WITHOUT ROWID;
CREATE TABLE pairs(wildcard TEXT, word TEXT, PRIMARY KEY (wildcard, word)) WITHOUT ROWID;
"""
# Created after the rows are in: one sort instead of a B-tree update per row.
LATE_INDEXES = "CREATE UNIQUE INDEX facts_unit ON facts(doc, unit, seq); CREATE INDEX facts_kind ON facts(kind);"


# -- fingerprint ---------------------------------------------------------------


def _yaml_entries(folder: Path, prefix: str = "") -> list[tuple[str, os.DirEntry[str]]]:
    try:
        with os.scandir(folder) as it:
            return [(prefix + e.name, e) for e in it if e.name.endswith(".yaml") and e.is_file()]
    except FileNotFoundError:
        return []


def fingerprint(folder: Path) -> str:
    """What the index was compiled from: each source file (the notices' YAML and the hand
    corrections) by name, size and modification time, the index format and the code that decides
    what it holds (``_compiler_modules``). Stat calls only (``scandir``): 10,000 files in tens of
    milliseconds, where hashing their contents (~500 MB) would cost seconds at every start. Any
    edit of a file changes its modification time; a copy that keeps times (``cp -p``,
    ``copy2``) keeps the index valid, one that does not makes it rebuilt once.
    """
    h = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    for module in _compiler_modules():  # a change in how sentences are cut or tokenised recompiles
        h.update(hashlib.sha256(Path(module.__file__ or "").read_bytes()).digest())
    entries = _yaml_entries(folder) + _yaml_entries(folder / CORRECTIONS_DIR, CORRECTIONS_DIR + "/")
    for name, entry in sorted(entries, key=lambda x: x[0]):
        st = entry.stat()
        h.update(f"{name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


# -- writing -----------------------------------------------------------------


def _ids_blob(ids: Sequence[int]) -> bytes:
    return array("i", ids).tobytes()


def sentence_id(slot: int, position: int) -> int:
    """The id of the sentence at ``position`` in the document at ``slot`` (see ``LOCAL_BITS``)."""
    return (slot << LOCAL_BITS) | position


def vocabulary(subjects: Iterable[str], region_names: Iterable[str]) -> frozenset[str]:
    """The words added to jieba before tokenising (``segment.add_words`` keeps those of two or
    more characters). Adding a word changes jieba's total count, hence how *any* sentence may be
    cut, so an index can only be updated in place while this set stays the same."""
    return frozenset(w for w in [*subjects, *region_names] if w and len(w) >= 2)


@dataclass
class PreparedDocument:
    """A document's rows of the index that do not depend on the other documents, and its
    sentences, not yet cut (how they are cut depends on every document's words: ``vocabulary``).

    Why: made in the ingest worker that built the document (all of it pickles), so compiling
    10^4 notices neither parses their YAML again nor dumps their facts' JSON in the one parent
    process, which did that serially (with the inserts) while the workers waited.
    """

    doc: str
    meta: str  # the metadata's JSON
    body: bytes  # the whole document's JSON, compressed
    facts: list[tuple[str, str, int, str, str]]  # (doc, unit, position, kind, JSON)
    subjects: list[tuple[str, str, str]]  # (duty subject, doc, unit), each once
    kinds: list[tuple[str, str, str]]  # (doc, unit, its fact kinds)
    regions: list[str]  # the names of its units' regions (added to jieba, as the subjects are)
    sentences: list[tuple[str, str, str]]  # ``corpus.sentence_texts``


def prepare_document(doc: DocumentKnowledge) -> PreparedDocument:
    """The rows of ``doc`` (corrections already applied) as ``compile_prepared`` inserts them."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for f in doc.facts:
        kinds[f.unit].add(f.kind)
    return PreparedDocument(
        doc=doc.meta.doc, meta=doc.meta.model_dump_json(),
        body=zlib.compress(doc.model_dump_json().encode(), ZLIB_LEVEL),
        facts=[(f.doc, f.unit, i, f.kind, f.model_dump_json()) for i, f in enumerate(doc.facts)],
        subjects=list(dict.fromkeys((f.subject, f.doc, f.unit) for f in doc.facts if isinstance(f, DutyFact))),
        kinds=[(doc.meta.doc, unit, " ".join(sorted(k))) for unit, k in kinds.items()],
        regions=sorted({u.region.name for u in doc.meta.units}),
        sentences=list(sentence_texts(doc)),
    )


def _insert_document(db: sqlite3.Connection, doc: PreparedDocument, slot: int) -> None:
    """A document's metadata, body and facts (not its sentences)."""
    db.execute("INSERT INTO docs VALUES (?, ?, ?, ?)", (doc.doc, doc.meta, doc.body, slot))
    db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)", doc.facts)
    db.executemany("INSERT OR IGNORE INTO subjects VALUES (?, ?, ?)", doc.subjects)
    db.executemany("INSERT INTO unit_kinds VALUES (?, ?, ?)", doc.kinds)


@contextmanager
def _swapped_in(tmp: Path, path: Path) -> Iterator[sqlite3.Connection]:
    """A database filled at ``tmp`` and renamed over ``path`` only once whole: a reader never opens
    half an index, and a failure leaves no temporary file behind."""
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")  # the rename is the commit
        db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
        yield db
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)


def compile_index(knowledge: Knowledge, path: Path, source_fingerprint: str) -> None:
    """Write the index of ``knowledge`` (corrections already applied) to ``path``, atomically."""
    docs = (prepare_document(knowledge.documents[d]) for d in sorted(knowledge.documents))
    compile_prepared(docs, path, source_fingerprint)


def compile_prepared(docs: Iterable[PreparedDocument], path: Path, source_fingerprint: str) -> None:
    """Write the index of the prepared documents (sorted by notice id) to ``path``, atomically.

    Sentences are cut and tokenised exactly as the in-memory index does
    (``retrieval.sentence_rows``, after the same words are added to jieba), and their ids sort in
    the same order, so statistics and therefore scores are the same. The words are gathered first
    (a pass over the prepared documents), so the cutting workers start at once; this process
    inserts the documents' other rows and indexes the facts while they cut (those steps, ~7 s at
    10^4 notices, ran alone before, one core idle), then their sentences as they come back.
    """
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    docs = list(docs)
    for i, doc in enumerate(docs):
        if i and docs[i - 1].doc >= doc.doc:
            raise ValueError(f"documents not sorted by notice id: {doc.doc} after {docs[i - 1].doc}")
    if len(docs) * SLOT_GAP > MAX_SLOT:
        raise ValueError(f"more than {MAX_SLOT // SLOT_GAP} documents: more than the index's sentence ids can number")
    subjects = {s for doc in docs for s, _doc, _unit in doc.subjects}
    regions = {r for doc in docs for r in doc.regions}
    words = [*sorted(subjects), *sorted(regions)]
    add_words(words)  # as retrieval.Index does before tokenising
    slots = [(i + 1) * SLOT_GAP for i in range(len(docs))]
    jobs: list[CutJob] = [(doc.doc, slot, doc.sentences) for doc, slot in zip(docs, slots, strict=True)]
    parallel = _parallel(len(jobs))
    with _swapped_in(tmp, path) as db, _cutting(jobs, words, parallel=parallel) as batches:
        db.executescript(SCHEMA)
        for doc, slot in zip(docs, slots, strict=True):
            _insert_document(db, doc, slot)
        db.executescript(LATE_INDEXES)
        totals = _Totals()
        for batch in batches:
            totals.add(_write_sentences(db, batch))
        # what jieba held while cutting: fresh workers add only ``words``, this process may hold more
        cut_with = vocabulary(words, ()) if parallel else added_words()
        # a term's sentences are its postings' ids, its units its postings (one per unit): one
        # pass over the postings, in term order, where summing each document's counts in Python
        # took ~2.5 ms a notice
        db.execute(f"INSERT INTO terms SELECT term, sum(length(ids)) / {ID_BYTES}, count(*) "  # noqa: S608 (a number)
                   "FROM postings GROUP BY term")
        db.executemany("INSERT INTO pairs VALUES (?, ?)",
                       ((key, w) for (w,) in db.execute("SELECT term FROM terms").fetchall() for key in pair_wildcards(w)))
        info = {"fingerprint": source_fingerprint, "format": str(FORMAT_VERSION),
                "subjects": json.dumps(sorted(subjects), ensure_ascii=False),
                "jieba_words": json.dumps(sorted(cut_with), ensure_ascii=False), **totals.info()}
        db.executemany("INSERT INTO info VALUES (?, ?)", info.items())
        db.commit()


CutJob = tuple[str, int, list[tuple[str, str, str]]]  # doc, slot, its sentences (unit, label, text)


def _parallel(documents: int) -> bool:
    return (os.cpu_count() or 1) >= 2 and documents >= PARALLEL_MIN_DOCUMENTS


def _cut(job: CutJob, *, terms: bool = False) -> SentenceBatch:
    """One document's sentences cut (with the words this process added to jieba) into its rows;
    with ``terms``, its counts of sentences and units per term (an update needs them, a compile
    counts them from the postings)."""
    doc, slot, rows = job
    return _sentence_batch(doc, slot, [(unit, label, text, tokens(text, search=True)) for unit, label, text in rows],
                           terms=terms)


@contextmanager
def _cutting(jobs: list[CutJob], words: list[str], *, parallel: bool) -> Iterator[Iterator[SentenceBatch]]:
    """The documents' sentence rows, in order; jieba (pure Python, most of the compile time) runs
    on every core for a large folder, and the rows come back ready to insert. Every job is handed
    to the workers on entry, so they cut while the caller does other work. Workers are spawned,
    not forked (the bot compiles on a worker thread of a threaded process), and add the same
    words first."""
    if not parallel:
        yield map(_cut, jobs)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(os.cpu_count(), mp_context=context, initializer=add_words, initargs=(words,))
    try:
        yield pool.map(_cut, jobs, chunksize=PARALLEL_CHUNK)
    finally:  # also when the caller failed: the jobs not started are not cut
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Totals:
    """The sentence index's corpus statistics, summed document by document (and, when a document
    leaves an updated index, subtracted): the statistics of the ``info`` and ``terms`` tables."""

    df: Counter[str] = field(default_factory=Counter)  # sentences holding each term
    unit_df: Counter[str] = field(default_factory=Counter)  # units holding each term
    count: int = 0
    total_length: int = 0
    units: int = 0  # units with at least one sentence

    def add(self, other: _Totals, sign: int = 1) -> None:
        for term, n in other.df.items():
            self.df[term] += sign * n
        for term, n in other.unit_df.items():
            self.unit_df[term] += sign * n
        self.count += sign * other.count
        self.total_length += sign * other.total_length
        self.units += sign * other.units

    def info(self) -> dict[str, str]:
        avg = self.total_length / self.count if self.count else 1.0
        return {"sentences": str(self.count), "units_with_sentences": str(self.units), "avg_length": repr(avg),
                "total_length": str(self.total_length)}


@dataclass
class SentenceBatch:
    """One document's sentence, per-unit and posting rows, ready to insert, and its share of
    the statistics; made where its sentences were cut (a worker process: it pickles)."""

    sentences: list[tuple[int, str, str, str, str, int, str]]
    units: list[tuple[str, str, bytes]]
    postings: list[tuple[str, int, str, bytes]]
    totals: _Totals


#: ``json.dumps(x, ensure_ascii=False)`` without building an encoder per call (``dumps`` makes one
#: whenever an argument is not a default): one call per sentence, ~1.2 M at 10^4 notices.
_tf_json = json.JSONEncoder(ensure_ascii=False).encode


def _sentence_batch(doc: str, slot: int, rows: Sequence[tuple[str, str, str, list[str]]], *,
                    terms: bool) -> SentenceBatch:
    """The rows of one document's sentences ((unit, section label, sentence, tokens), in order),
    and its share of the statistics (with ``terms``, of the per-term counts too).

    A posting's ids blob is joined from each position's bytes, made once per position: packing
    an ``array`` per posting (~960 a notice) and keying lists by ``defaultdict`` were ~40% of
    this function's time (2.2 -> 1.3 ms a notice; the same rows, in the same order).
    """
    if len(rows) >= 1 << LOCAL_BITS:
        raise ValueError(f"{doc}: {len(rows)} sentences, more than an index id can number")
    out = _Totals()
    first = sentence_id(slot, 0)
    blobs = [_ids_blob((position,)) for position in range(len(rows))]
    postings: dict[tuple[str, str], list[bytes]] = {}  # (unit, term) -> its positions' bytes
    by_unit: dict[str, list[bytes]] = {}
    unit_terms: dict[str, set[str]] = defaultdict(set)
    batch = []
    for position, (unit, label, text, cut) in enumerate(rows):
        tf = Counter(cut)
        out.total_length += len(cut)
        blob = blobs[position]
        for t in tf:
            if (ids := postings.get((unit, t))) is None:
                postings[(unit, t)] = [blob]
            else:
                ids.append(blob)
        if (ids := by_unit.get(unit)) is None:
            by_unit[unit] = [blob]
        else:
            ids.append(blob)
        if terms:
            out.df.update(tf.keys())
            unit_terms[unit].update(tf)
        batch.append((first | position, doc, unit, label, text, len(cut), _tf_json(list(tf.items()))))
    out.count = len(rows)
    out.units = len(by_unit)
    for terms in unit_terms.values():
        out.unit_df.update(terms)
    join = b"".join
    return SentenceBatch(batch, [(doc, unit, join(ids)) for unit, ids in by_unit.items()],
                         [(t, slot, unit, join(ids)) for (unit, t), ids in postings.items()], out)


def _write_sentences(db: sqlite3.Connection, batch: SentenceBatch) -> _Totals:
    """Insert one document's sentence rows; returns its share of the statistics."""
    db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?)", batch.sentences)
    db.executemany("INSERT INTO unit_sentences VALUES (?, ?, ?)", batch.units)
    db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", batch.postings)
    return batch.totals


# -- updating in place ----------------------------------------------------------


class NotUpdatable(Exception):
    """The previous index cannot be updated into the new one: compile from scratch (the message
    says why, for the log)."""


def _delete_document(db: sqlite3.Connection, doc: str) -> tuple[int, _Totals]:
    """Remove a document's rows; returns its slot and its share of the statistics."""
    row = db.execute("SELECT slot FROM docs WHERE doc = ?", (doc,)).fetchone()
    if row is None:
        raise NotUpdatable(f"{doc} is not in the previous index")
    slot = int(row[0])
    out = _Totals()
    unit_terms: dict[str, set[str]] = defaultdict(set)
    low, high = sentence_id(slot, 0), sentence_id(slot + 1, 0)
    for unit, length, tf in db.execute(
            "SELECT unit, length, tf FROM sentences WHERE id >= ? AND id < ?", (low, high)):
        terms = [t for t, _n in json.loads(tf)]
        out.count += 1
        out.total_length += length
        out.df.update(terms)
        unit_terms[unit].update(terms)
    for terms in unit_terms.values():
        out.unit_df.update(terms)
    out.units = len(unit_terms)
    db.executemany("DELETE FROM postings WHERE term = ? AND slot = ? AND unit = ?",
                   ((t, slot, unit) for unit, terms in unit_terms.items() for t in terms))
    db.execute("DELETE FROM sentences WHERE id >= ? AND id < ?", (low, high))
    for table in ("unit_sentences", "facts", "unit_kinds", "docs"):
        db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))  # noqa: S608 (fixed table names)
    db.execute("DELETE FROM subjects WHERE doc = ?", (doc,))
    return slot, out


def _free_slot(db: sqlite3.Connection, doc: str) -> int:
    """A slot between the documents sorted before and after ``doc`` (SQLite compares TEXT by its
    UTF-8 bytes: the order of code points, as Python sorts)."""
    before = db.execute("SELECT slot FROM docs WHERE doc < ? ORDER BY doc DESC LIMIT 1", (doc,)).fetchone()
    after = db.execute("SELECT slot FROM docs WHERE doc > ? ORDER BY doc LIMIT 1", (doc,)).fetchone()
    low = int(before[0]) if before else 0
    slot = (low + int(after[0])) // 2 if after else low + SLOT_GAP
    if slot <= low or (after and slot >= int(after[0])) or slot > MAX_SLOT:
        raise NotUpdatable(f"no free sentence ids between the neighbours of {doc}")
    return slot


def _vocabulary_of(db: sqlite3.Connection) -> tuple[list[str], frozenset[str]]:
    """The index's duty subjects (sorted, as ``MemoryFacts.subjects``) and its jieba vocabulary."""
    subjects = sorted(s for (s,) in db.execute("SELECT DISTINCT subject FROM subjects"))
    regions = [r for (r,) in db.execute(
        "SELECT DISTINCT json_extract(u.value, '$.region.name') FROM docs, json_each(docs.meta, '$.units') u")]
    return subjects, vocabulary(subjects, regions)


#: ``ioctl(target, FICLONE, source)``: Linux's request to share a file's blocks copy-on-write
#: (``_IOW(0x94, 9, int)`` in linux/fs.h).
FICLONE = 0x40049409


def clone_or_copy(source: Path, target: Path) -> str:
    """``source`` to ``target``: cloned when the file system can (no bytes written, whatever the
    size), else copied. Returns which ("cloned" or "copied")."""
    with source.open("rb") as src, target.open("wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
            return "cloned"
        except OSError:  # EOPNOTSUPP (ext4, tmpfs), EXDEV: copy
            pass
    shutil.copyfile(source, target)
    return "copied"


class IndexCopy:
    """The earlier folder's index being copied into the new folder, on a thread started early.

    Why: at 10,000 notices the file is ~1.5 GB and copying it is most of an update's time; the
    copy (``sendfile``: the kernel's work, the GIL released) overlaps writing the new folder's
    YAML links and manifest. Taken by :func:`update_index`; else discarded.

    Why a copy, not the file itself updated in place: a bot that loaded the earlier folder keeps
    reading its index through the open file until it switches (see ``index.IndexReader``), and
    a crash mid-update must leave the earlier index whole. A file system that can clone a file
    (xfs, btrfs: ``FICLONE``, copy on write) makes the copy instant; ext4 cannot, and copies.
    """

    def __init__(self, previous: Path, folder: Path, *, path: Path | None = None) -> None:
        self.previous = previous
        self.source = index_path(previous)
        target = index_path(folder)
        self.path = path or target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.copy")
        self._error: OSError | None = None
        self._lock: int | None = None
        if path is not None:  # beside the knowledge folder, outside the swap's lock: claim it
            self._lock = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._lock, fcntl.LOCK_EX)
        self._thread = threading.Thread(target=self._copy, name="index-copy", daemon=True)
        self._thread.start()

    def _copy(self) -> None:
        try:
            clone_or_copy(self.source, self.path)
        except OSError as exc:  # no earlier index, a full disk: the caller compiles from scratch
            self._error = exc

    def wait(self) -> Path:
        self._thread.join()
        if self._error is not None:
            raise NotUpdatable(f"the previous index could not be copied ({self._error})")
        return self.path

    def discard(self) -> None:
        self._thread.join()
        self.path.unlink(missing_ok=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def early_index_copy(folder: Path) -> IndexCopy | None:
    """Start copying ``folder``'s index now, beside it (``swap.pending_path``), for the next
    ingest into it to update; None when it has none.

    Why: a one-notice re-ingest at 10^4 notices spent 0.4-1.7 s waiting for this copy (1.6 GB on
    ext4), which started only once the notices were built. Started before, the copy runs while the
    data folder is compared and the notice is built. It is taken only if it is a copy of the
    folder's index when the update runs (``update_index`` checks its fingerprint), and it holds an
    ``flock`` so that another process's recovery leaves it alone while it lives.
    """
    from bot.knowledge.swap import pending_path

    folder = folder.resolve()
    if not index_path(folder).is_file():
        return None
    try:
        return IndexCopy(folder, folder, path=pending_path(folder, "index-copy"))
    except OSError:  # a folder whose parent cannot be written: the ingest says so when it swaps
        return None


def update_index(previous: Path, folder: Path, changed: Sequence[DocumentKnowledge], documents: Iterable[str],
                 source_fingerprint: str, copy: IndexCopy | None = None) -> None:
    """Write ``folder``'s index by updating ``previous``'s: the documents of ``changed`` (added or
    rebuilt, corrections applied) replace their rows, those not among ``documents`` (all of the
    new folder's) lose theirs; every other one must be in the previous index as it is.

    Why: recompiling 10,000 notices takes minutes; one changed notice should take seconds. The
    result holds the rows a compile from scratch writes — the sentence ids of a new document
    aside, which sort the same way (``LOCAL_BITS``) — so answers are identical (tested).
    Raises :class:`NotUpdatable` when that cannot be guaranteed: the previous index is missing,
    stale or of another format, or the jieba vocabulary (units' and places' names) changes, which
    may cut every other notice's sentences differently. The caller checks that the hand
    corrections did not change and that every other document is the one the previous index holds.
    """
    source = index_path(previous)
    if not source.is_file():
        raise NotUpdatable("no previous index")
    current = fingerprint(previous)
    if recorded_fingerprint(source) != current:
        raise NotUpdatable("the previous index is stale")
    path = index_path(folder)
    copy = copy or IndexCopy(previous, folder)
    tmp = copy.wait()
    if recorded_fingerprint(tmp) != current:  # copied before another process replaced the folder
        raise NotUpdatable("the previous index changed while it was copied")
    with _swapped_in(tmp, path) as db:
        _subjects, before = _vocabulary_of(db)
        totals = _Totals()
        old = dict(db.execute("SELECT key, value FROM info"))
        totals.count, totals.units = int(old["sentences"]), int(old["units_with_sentences"])
        totals.total_length = int(old["total_length"])
        delta = _Totals()
        slots: dict[str, int] = {}
        indexed = {d for (d,) in db.execute("SELECT doc FROM docs")}
        wanted, rebuilt = set(documents), {d.meta.doc for d in changed}
        if not wanted - rebuilt <= indexed:
            raise NotUpdatable("a reused document is not in the previous index")
        for doc in sorted((indexed - wanted) | (rebuilt & indexed)):
            slot, gone = _delete_document(db, doc)
            slots[doc] = slot
            delta.add(gone, -1)
        new = sorted(changed, key=lambda d: d.meta.doc)
        for d in new:
            slot = slots.get(d.meta.doc)
            _insert_document(db, prepare_document(d), slot if slot is not None else _free_slot(db, d.meta.doc))
        subjects, after = _vocabulary_of(db)
        if after != before:
            raise NotUpdatable("the units' or places' names added to jieba changed")
        add_words(sorted(after))  # as compile_index and retrieval.Index do before tokenising
        if added_words() != frozenset(json.loads(old["jieba_words"])):
            raise NotUpdatable("this process's jieba holds other words than the previous index was cut with")
        for d in new:
            slot = db.execute("SELECT slot FROM docs WHERE doc = ?", (d.meta.doc,)).fetchone()[0]
            delta.add(_write_sentences(db, _cut((d.meta.doc, int(slot), list(sentence_texts(d))), terms=True)))
        _apply_term_deltas(db, delta)
        totals.add(delta)
        info = {"fingerprint": source_fingerprint, "subjects": json.dumps(subjects, ensure_ascii=False),
                **totals.info()}
        db.executemany("UPDATE info SET value = ? WHERE key = ?", ((v, k) for k, v in info.items()))
        db.commit()


def _apply_term_deltas(db: sqlite3.Connection, delta: _Totals) -> None:
    """Add the changed documents' term counts; a term no sentence holds any more leaves ``terms``
    and ``pairs``, a new one enters both (as a compile from scratch would have them)."""
    for term in sorted(delta.df.keys() | delta.unit_df.keys()):
        d_df, d_units = delta.df[term], delta.unit_df[term]
        if not d_df and not d_units:
            continue
        row = db.execute("SELECT df, unit_df FROM terms WHERE term = ?", (term,)).fetchone()
        df, units = (row[0] + d_df, row[1] + d_units) if row else (d_df, d_units)
        if df <= 0:
            db.execute("DELETE FROM terms WHERE term = ?", (term,))
            db.executemany("DELETE FROM pairs WHERE wildcard = ? AND word = ?",
                           ((key, term) for key in pair_wildcards(term)))
        elif row:
            db.execute("UPDATE terms SET df = ?, unit_df = ? WHERE term = ?", (df, units, term))
        else:
            db.execute("INSERT INTO terms VALUES (?, ?, ?)", (term, df, units))
            db.executemany("INSERT INTO pairs VALUES (?, ?)", ((key, term) for key in pair_wildcards(term)))


def recorded_fingerprint(path: Path) -> str | None:
    """The fingerprint an index file records, or None (no such row, an unreadable file)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            fmt = db.execute("SELECT value FROM info WHERE key = 'format'").fetchone()
            row = db.execute("SELECT value FROM info WHERE key = 'fingerprint'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    if fmt is None or fmt[0] != str(FORMAT_VERSION):
        return None
    return row[0] if row else None


# -- reading -----------------------------------------------------------------


def index_path(folder: Path) -> Path:
    return folder / INDEX_FILE


def write_index(knowledge: Knowledge, folder: Path, source_fingerprint: str | None = None) -> None:
    """Compile ``knowledge`` (as loaded from ``folder``, corrections applied) into ``folder``.

    ``source_fingerprint``: taken before the files were read, so an edit made meanwhile leaves
    the index stale (rebuilt next time), never wrongly current."""
    compile_index(knowledge, index_path(folder), source_fingerprint or fingerprint(folder))
