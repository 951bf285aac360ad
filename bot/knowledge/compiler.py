"""Compiling a knowledge folder's YAML into its index (``.index.sqlite``), and the fingerprint
that tells whether an index is current.

Apart from the reader (``index.py``) on purpose: the fingerprint hashes this module (what the
index holds), so a change in how the index is read does not force a recompile.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

from bot.answering.corpus import pair_wildcards, sentence_rows
from bot.answering.retrieval import MemoryFacts
from bot.knowledge import Knowledge
from bot.schema import DocumentKnowledge, DutyFact
from bot.segment import add_words

INDEX_FILE = ".index.sqlite"
FORMAT_VERSION = 2  # bump when the tables change: older files are rebuilt (the fingerprint says so)
CORRECTIONS_DIR = "corrections"  # the same folder bot.store reads (not imported: store imports this)
PARALLEL_MIN_DOCUMENTS = 200  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK = 16  # documents per task sent to a worker
ZLIB_LEVEL = 1  # documents are read rarely; fast compression is enough


def _compiler_modules() -> tuple[ModuleType, ...]:
    from bot import schema, sections, segment
    from bot.answering import corpus

    return (schema, sections, segment, corpus, sys.modules[__name__])


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


def index_path(folder: Path) -> Path:
    return folder / INDEX_FILE


def write_index(knowledge: Knowledge, folder: Path, source_fingerprint: str | None = None) -> None:
    """Compile ``knowledge`` (as loaded from ``folder``, corrections applied) into ``folder``.

    ``source_fingerprint``: taken before the files were read, so an edit made meanwhile leaves
    the index stale (rebuilt next time), never wrongly current."""
    compile_index(knowledge, index_path(folder), source_fingerprint or fingerprint(folder))
