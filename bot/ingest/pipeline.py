"""Notices in, knowledge out: the ingest pipeline and its report.

The core (``build_document``) is pure: text in, validated DocumentKnowledge out.
``build_knowledge`` reads a folder, skipping what it cannot read with a reason; it processes
only the files that changed since the ingest that wrote ``previous`` (see ``manifest.py``),
on a pool of processes when there are enough of them (one notice is ~50 ms of CPU: at 10^4
notices both cores matter). ``write_knowledge`` writes YAML beside the knowledge folder and
swaps it in, so a failed or killed run leaves the existing knowledge (and its corrections) whole.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import multiprocessing.context
import os
import re
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from bot.ingest.extract import extract_facts
from bot.ingest.manifest import (
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    file_stat,
    folder_fingerprint,
    load_manifest,
    pipeline_fingerprint,
    unchanged_by_stat,
    yaml_file_stat,
)
from bot.ingest.metadata import analyse
from bot.ingest.normalize import normalize_text
from bot.ingest.readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ReadLimits,
    UnreadableNotice,
    read_notice,
)
from bot.knowledge import Knowledge
from bot.knowledge.compiler import (
    IndexCopy,
    NotUpdatable,
    PreparedDocument,
    compile_prepared,
    fingerprint,
    index_path,
    prepare_document,
    update_index,
)
from bot.knowledge.index import write_index
from bot.knowledge.schema import FACT_KINDS, DocumentKnowledge, DocumentMeta, Section, ThemeFact, Unit
from bot.knowledge.store import (
    CORRECTIONS_DIR,
    KnowledgeError,
    apply_corrections,
    dump_document,
    load_corrections,
    load_document,
    parse_document,
    with_corrections,
)
from bot.knowledge.swap import Checkpoint, replace_folder

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

#: Fewer files than this are built in this process. A forked pool starts in ~0.03 s and its
#: workers inherit the warmed-up pipeline, but the results' trip back and the workers' first
#: touches of the inherited memory cost too: measured on this shared 2-core machine
#: (scripts/ingest_benchmark.py --pool-cost), serial vs pool took 0.19 vs 0.23 s for 8 notices,
#: 0.40 vs 0.42 s for 16, 0.79 vs 0.76 s for 32 and 2.06 vs 1.81 s for 64.
PARALLEL_MIN_FILES = 16
#: The same for a process that runs other threads (the bot's /reload), which must not fork: a
#: ``forkserver`` pool's workers start cold (OpenCC, jieba, regions) — 1.5 s measured, worth it
#: only when there are more files than the ~17 ms a second core saves per notice can repay.
FORKSERVER_MIN_FILES = 100
#: Files handed to a worker at a time: amortises the round trip, yet keeps both cores busy to the
#: end and the progress moving.
CHUNK_SIZE = 4
#: The ``source`` a fact gets from a hand correction (``bot.knowledge.store.apply_corrections``).
CORRECTION_SOURCE = "correction"


class IngestError(Exception):
    """Nothing could be built (no folder, no readable notice)."""


@dataclass
class IngestReport:
    documents: list[str] = field(default_factory=list)
    facts_by_kind: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"文档 documents: {len(self.documents)}", f"事实 facts: {sum(self.facts_by_kind.values())}"]
        lines += [f"  {k}: {self.facts_by_kind[k]}" for k in FACT_KINDS if self.facts_by_kind[k]]
        lines += [f"跳过 skipped {name}: {why}" for name, why in self.skipped]
        lines += [f"警告 warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def doc_id_for(path: Path) -> str:
    return re.sub(r"[^0-9A-Za-z_\-\u4e00-\u9fff]+", "-", path.stem).strip("-") or "notice"


def build_document(doc: str, source: str, raw: str, sha256: str) -> DocumentKnowledge:
    """One notice's knowledge from its raw text (pure)."""
    text = normalize_text(raw)
    analysis = analyse(text)
    warnings = list(analysis.warnings)
    facts = []
    for fact in extract_facts(doc, analysis):
        if fact.quote and fact.quote in text:
            facts.append(fact)
        else:
            warnings.append(f"{fact.id}: quote not found verbatim, fact dropped")
    units = [Unit(key=u.key, region=u.region, year=u.year, label=u.label) for u in analysis.units]
    for u in analysis.units:
        if not any(isinstance(f, ThemeFact) and f.unit == u.key for f in facts) and u.key == "main":
            warnings.append(f"no theme found in {source}")
    meta = DocumentMeta(
        doc=doc, source=source, title=analysis.title, title_derived=analysis.title_derived,
        kind=analysis.kind, issuer=analysis.issuer, issue_date=analysis.issue_date,  # type: ignore[arg-type]
        doc_number=analysis.doc_number, units=units, sha256=sha256,
    )
    sections = [Section(path=list(b.path), text=b.text, unit=u.key) for u in analysis.units for b in u.blocks]
    return DocumentKnowledge(meta=meta, facts=facts, sections=sections, warnings=warnings)


def notice_files(data_dir: Path) -> list[Path]:
    """Every file under ``data_dir``, subfolders included (an office files notices by year or
    region); hidden files and folders are not notices. As ``rglob("*")`` finds them (symbolic
    links to folders are not followed, to files are), with ``scandir``'s cached types: the
    ``rglob`` with a ``stat`` per file took ~0.5 s of a 10^4-notice re-ingest under the profiler."""
    found: list[Path] = []
    folders = [data_dir]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for e in entries:
                if e.name.startswith("."):
                    continue
                if e.is_dir(follow_symlinks=False):
                    folders.append(Path(e.path))
                elif e.is_file():
                    found.append(Path(e.path))
    return sorted(found)


# --- one file: read -> normalise -> sections -> metadata -> extract -> YAML (in a worker) -------


@dataclass
class FileOutcome:
    """What one notice file became; made in a worker process, so all of it pickles."""

    name: str
    doc: str
    sha256: str = ""  # "" when the file was not hashed (too large, unreadable): never reused
    document: DocumentKnowledge | None = None  # only when the caller keeps documents in memory
    prepared: PreparedDocument | None = None  # else its index rows (``compiler.prepare_document``)
    text: str | None = None  # the document's YAML, dumped in the worker too (it is a third of the work)
    skipped: str | None = None
    facts: dict[str, int] = field(default_factory=dict)  # facts by kind, for the report
    warnings: list[str] = field(default_factory=list)
    stat: list[int] | None = None  # the file's ``manifest.file_stat``, taken before it was read


def _stat(path: Path) -> list[int] | None:
    try:
        return file_stat(path.stat())
    except OSError:
        return None


def file_sha256(path: Path, limits: ReadLimits) -> str:
    """The sha256 of a file's bytes, or "" for one too large to read (it is refused by size anyway)."""
    try:
        if path.stat().st_size > limits.max_bytes:
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


Job = tuple[Path, str, ReadLimits, bool]  # file, its name under the data folder, limits, keep the document


def process_file(job: Job) -> FileOutcome:
    """Read and build one notice; never raises, so one bad file never loses the others' work."""
    path, name, limits, keep = job
    doc = doc_id_for(path)
    stat = _stat(path)  # before the bytes are read: a rewrite after it changes the file's times
    try:
        raw = read_notice(path, limits=limits)
    except (UnreadableNotice, OSError) as exc:
        return FileOutcome(name, doc, sha256=file_sha256(path, limits), skipped=str(exc), stat=stat)
    sha = file_sha256(path, limits)
    try:
        built = build_document(doc, name, raw, sha)
        text = dump_document(built)
    except Exception as exc:  # a notice that breaks the pipeline is reported, the run goes on
        logger.exception("ingest of %s failed", name)
        return FileOutcome(name, doc, sha, skipped=f"处理失败 (pipeline error: {type(exc).__name__}: {exc})",
                           stat=stat)
    return FileOutcome(name, doc, sha, document=built if keep else None, text=text,
                       prepared=None if keep else prepare_document(built), facts=dict(Counter(f.kind for f in built.facts)), warnings=list(built.warnings), stat=stat)


def default_workers() -> int:
    """The cores this process may use (the machine may be shared: affinity, not cpu_count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _pool_context() -> tuple[multiprocessing.context.BaseContext, int]:
    """The pool's start method and the fewest files it is worth starting for.

    ``fork`` (workers inherit the warmed-up pipeline) unless other threads run — the bot ingests
    on a worker thread, and forking a threaded process can copy a lock another thread holds;
    then ``forkserver``, whose server imports the pipeline once.
    """
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork"), PARALLEL_MIN_FILES
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["bot.ingest.pipeline"])
    return ctx, FORKSERVER_MIN_FILES


def _outcomes(jobs: list[Job], workers: int | None) -> Iterator[FileOutcome]:
    """The jobs' outcomes in the jobs' order, from a process pool when that pays off."""
    workers = min(workers or default_workers(), len(jobs))
    context, min_files = _pool_context()
    if workers <= 1 or len(jobs) < min_files:
        yield from map(process_file, jobs)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from pool.map(process_file, jobs, chunksize=CHUNK_SIZE)
    except BrokenProcessPool as exc:  # a worker killed (out of memory): fail whole, change nothing
        raise IngestError(f"an ingest worker died ({exc}); the knowledge was not changed") from exc
    finally:  # also when the caller stops early (an error): the files not started are not built
        pool.shutdown(wait=True, cancel_futures=True)


# --- a folder: incremental, parallel -------------------------------------------------------------


@dataclass
class IngestResult:
    """A built knowledge folder, not yet written.

    ``texts`` holds the YAML of the documents built in this run (and ``built`` the documents
    themselves, unless the caller did not keep them: the command line only writes, and gets
    their index rows in ``prepared`` instead, made by the workers that built them); ``reused``
    the unchanged ones, as the YAML files of the earlier ingest they are copied from.
    ``knowledge`` loads what it lacks on first use — the incremental paths avoid it, because
    parsing 10,000 YAML files is what a one-file update must not cost.
    """

    report: IngestReport
    built: dict[str, DocumentKnowledge] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    prepared: dict[str, PreparedDocument] = field(default_factory=dict)
    reused: dict[str, Path] = field(default_factory=dict)
    manifest: Manifest = field(default_factory=lambda: Manifest(pipeline="", corrections=""))
    previous: Manifest | None = None  # the manifest reused from, if any
    processed: int = 0  # files read and built in this run (the rest were unchanged)
    index: str = ""  # how write_knowledge made the compiled index: "updated", or "compiled: why"
    _knowledge: Knowledge | None = field(default=None, repr=False)

    @property
    def doc_ids(self) -> set[str]:
        return self.texts.keys() | self.reused.keys()

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = Knowledge.of(self.document(d) for d in self.doc_ids)
        return self._knowledge

    def document(self, doc: str) -> DocumentKnowledge:
        """One document of the result (loaded from its YAML if reused)."""
        if doc in self.built:
            return self.built[doc]
        if doc in self.texts:
            return parse_document(self.texts[doc], doc)
        return load_document(self.reused[doc])


def _reusable(path: Path, entry: FileEntry | None, previous: Path, limits: ReadLimits,
              written_ns: int) -> FileEntry | None:
    """The earlier ingest's outcome for this file if it still holds, else None: same bytes, and
    its YAML still the one written then (a hand-deleted or hand-edited file, or one another
    process rewrote, is rebuilt — the output must be what a from-scratch ingest writes).

    Each is first asked of ``stat`` (``manifest.unchanged_by_stat``) and hashed only when that
    does not prove it; the entry returned carries the stat taken before hashing, so a file
    touched but not changed is hashed once, not at every ingest.
    """
    if entry is None or not entry.sha256:
        return None
    stat = _stat(path)
    if stat is None:
        return None
    if not unchanged_by_stat(stat, entry.stat, written_ns):
        if file_sha256(path, limits) != entry.sha256:
            return None
        entry = replace(entry, stat=stat)
    if entry.skipped is not None:
        return entry
    if entry.doc is None:
        return None
    yaml_path = previous / f"{entry.doc}.yaml"
    try:
        yaml_stat = yaml_file_stat(yaml_path.stat())
        if unchanged_by_stat(yaml_stat, entry.yaml_stat, written_ns):
            return entry
        return entry if yaml_sha256(yaml_path) == entry.yaml_sha256 else None
    except OSError:
        return None


def yaml_sha256(path: Path) -> str:
    """The sha256 of a YAML file the ingest wrote (compared with the manifest's ``yaml_sha256``)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_knowledge(
    data_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
    limits: ReadLimits | None = None, previous: Path | None = None, workers: int | None = None,
    keep_documents: bool = True,
) -> IngestResult:
    """Ingest every notice under ``data_dir``.

    With ``previous`` (the knowledge folder an earlier ingest wrote), files whose bytes are
    unchanged since then, under the same pipeline fingerprint, are not processed again: their
    YAML is reused. Everything that depends on more than one file — which of two files with the
    same notice id wins, removed files — is decided afresh over all files in their sorted order,
    so the result is the one a from-scratch ingest gives (tests compare the bytes).
    ``keep_documents=False`` (the command line) keeps only the YAML of what was built: at 10^4
    notices the documents would cost gigabytes and their trip back from the workers CPU.
    """
    limits = limits or ReadLimits(max_bytes=max_bytes)
    if not data_dir.is_dir():
        raise IngestError(f"{data_dir}: no such folder")
    fingerprint = pipeline_fingerprint(limits)
    old = load_manifest(previous) if previous is not None else None
    if old is not None and old.pipeline != fingerprint:
        old = None  # new code, libraries or limits: every notice is built again
    files = notice_files(data_dir)
    names = [p.relative_to(data_dir).as_posix() for p in files]
    reusable: dict[str, FileEntry] = {}
    jobs: list[Job] = []
    for path, name in zip(files, names, strict=True):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        entry = old.files.get(name) if old is not None else None
        kept = _reusable(path, entry, previous, limits, old.written_ns) if previous is not None and old else None
        if kept is not None:
            reusable[name] = kept
        else:
            jobs.append((path, name, limits, keep_documents))
    fresh = _outcomes(jobs, workers)

    result = IngestResult(IngestReport(), manifest=Manifest(pipeline=fingerprint, corrections=""), previous=old,
                          processed=len(jobs))
    report, seen = result.report, {}
    for i, (path, name) in enumerate(zip(files, names, strict=True), 1):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            if progress:
                progress(i, len(files), name)
            report.skipped.append((name, "unsupported file type"))
            continue
        entry = reusable.get(name)
        outcome = next(fresh) if entry is None else None
        if progress:
            progress(i, len(files), name)
        if outcome is not None and outcome.skipped is not None:
            report.skipped.append((name, outcome.skipped))
            result.manifest.files[name] = FileEntry(outcome.sha256, skipped=outcome.skipped, stat=outcome.stat)
            continue
        if entry is not None and entry.skipped is not None:
            report.skipped.append((name, entry.skipped))
            result.manifest.files[name] = entry
            continue
        doc = outcome.doc if outcome is not None else entry.doc  # type: ignore[union-attr]
        assert doc is not None
        if doc in seen:
            report.skipped.append((name, f"same notice id as {seen[doc]}"))
            continue
        seen[doc] = name
        if outcome is not None:
            assert outcome.text is not None
            result.texts[doc] = outcome.text
            if outcome.document is not None:
                result.built[doc] = outcome.document
            if outcome.prepared is not None:
                result.prepared[doc] = outcome.prepared
            entry = FileEntry(outcome.sha256, doc=doc, facts=outcome.facts, warnings=outcome.warnings,
                              yaml_sha256=hashlib.sha256(outcome.text.encode()).hexdigest(), stat=outcome.stat)
        else:
            assert previous is not None
            result.reused[doc] = previous / f"{doc}.yaml"
        result.manifest.files[name] = entry
        report.documents.append(doc)
        report.facts_by_kind.update(entry.facts)
        report.warnings += [f"{doc}: {w}" for w in entry.warnings]
    if not seen:
        raise IngestError(f"{data_dir}: no readable notice ({len(report.skipped)} skipped)")
    return result


def _link_or_copy(source: Path, target: Path) -> None:
    """A reused YAML file into the new folder: a hard link costs no bytes and no time; the old
    folder is removed after the swap, and no one writes a knowledge file in place."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _check_corrections(result: IngestResult, folder: Path) -> None:
    """The hand corrections kept in ``folder`` must still name and fit the built documents."""
    corrections = load_corrections(folder) if folder.is_dir() else []
    unknown = sorted({c.doc for c in corrections} - result.doc_ids)
    if unknown:
        raise KnowledgeError(f"{folder / CORRECTIONS_DIR}: correction for unknown notice '{unknown[0]}'")
    for doc in sorted({c.doc for c in corrections}):
        apply_corrections(result.document(doc), corrections)


def write_knowledge(result: IngestResult, out_dir: Path, *, checkpoint: Checkpoint | None = None,
                    remove_old: Literal["now", "background"] = "now", index_copy: IndexCopy | None = None) -> None:
    """Write every document's YAML (and the manifest) beside ``out_dir`` and swap it in
    (crash-safe, see swap.py). Reused documents are linked from the earlier folder.

    The hand corrections travel with the new folder and must still apply, else nothing changes.
    ``remove_old="background"``: the earlier folder is removed by a detached process
    (``swap.replace_folder``), so the command line returns once the new one is in place.
    ``index_copy``: the earlier folder's index, copied since before the build
    (``compiler.early_index_copy``); used if it is the folder the update starts from.
    """
    out_dir = out_dir.resolve()
    current_corrections = out_dir / CORRECTIONS_DIR

    def fill(staging: Path) -> None:
        copy = _start_index_copy(result, staging, index_copy)
        try:
            _fill(staging, copy)
        finally:
            if copy is not None:
                copy.discard()  # taken (renamed) by an update; else not needed

    def _fill(staging: Path, copy: IndexCopy | None) -> None:
        for doc, text in result.texts.items():
            (staging / f"{doc}.yaml").write_text(text, encoding="utf-8")
        for doc, source in result.reused.items():
            _link_or_copy(source, staging / f"{doc}.yaml")
        if current_corrections.is_dir():
            shutil.copytree(current_corrections, staging / CORRECTIONS_DIR)
        try:
            _check_corrections(result, staging)
        except KnowledgeError as exc:  # name the folder the admin knows, not the staging one
            raise KnowledgeError(str(exc).replace(str(staging), str(out_dir))) from None
        written = replace(result.manifest, corrections=folder_fingerprint(staging / CORRECTIONS_DIR),
                          files=_with_yaml_stats(result.manifest.files, staging))
        (staging / MANIFEST_NAME).write_text(written.dumps(), encoding="utf-8")
        # the compiled index is swapped in with the YAML it was compiled from
        result.index = _write_index(result, staging, copy)
        logger.info("knowledge index %s", result.index)

    replace_folder(out_dir, fill, checkpoint=checkpoint, remove_old=remove_old)


def _with_yaml_stats(files: dict[str, FileEntry], folder: Path) -> dict[str, FileEntry]:
    """The entries with the stat of the YAML file each became in ``folder``, just written or
    linked (the next ingest trusts it instead of hashing the file, see ``_reusable``)."""
    out = {}
    for name, entry in files.items():
        if entry.doc is not None:
            entry = replace(entry, yaml_stat=yaml_file_stat((folder / f"{entry.doc}.yaml").stat()))
        out[name] = entry
    return out


def _start_index_copy(result: IngestResult, staging: Path, early: IndexCopy | None = None) -> IndexCopy | None:
    """Start copying the earlier folder's index when it may be updated (checked again later),
    unless ``early`` is already copying it."""
    try:
        previous = _reused_folder(result)
    except NotUpdatable:
        return None
    if early is not None and early.previous.resolve() == previous:
        return early
    return IndexCopy(previous, staging) if index_path(previous).is_file() else None


def _write_index(result: IngestResult, staging: Path, copy: IndexCopy | None = None) -> str:
    """The staging folder's compiled index: the earlier folder's, updated with the documents this
    run built and without those it dropped, when that gives what a compile from scratch gives
    (see ``compiler.update_index``); else compiled from scratch. Returns which, and why.

    Why: compiling 10,000 notices takes minutes, and an upload of one must take seconds.
    """
    try:
        previous = _index_source(result, staging)
        corrections = load_corrections(staging)
        changed = [apply_corrections(result.document(d), corrections) for d in sorted(result.texts)]
        update_index(previous, staging, changed, result.doc_ids, fingerprint(staging), copy)
    except NotUpdatable as exc:
        _compile(result, staging)
        return f"compiled: {exc}"
    return f"updated ({len(result.texts)} notices built)"


def _compile(result: IngestResult, staging: Path) -> None:
    """Compile the staging folder's index from scratch: from the rows the workers prepared when
    every document was built in this run (hand-corrected ones prepared again here), else from
    the documents (those reused are parsed from their YAML)."""
    if result.prepared.keys() != result.doc_ids:
        write_index(with_corrections(result.knowledge, staging), staging)
        return
    corrections = load_corrections(staging)
    named = {c.doc for c in corrections}
    docs = (prepare_document(apply_corrections(result.document(d), corrections)) if d in named
            else result.prepared[d] for d in sorted(result.doc_ids))
    compile_prepared(docs, index_path(staging), fingerprint(staging))


def _reused_folder(result: IngestResult) -> Path:
    """The one folder the reused documents come from."""
    folders = {folder.resolve() for folder in {p.parent for p in result.reused.values()}}
    if len(folders) != 1:
        raise NotUpdatable("no earlier knowledge folder reused" if not folders else "documents of several folders")
    return folders.pop()


def _index_source(result: IngestResult, staging: Path) -> Path:
    """The earlier knowledge folder whose index can be updated into ``staging``'s: the one every
    reused document comes from, with the same hand corrections."""
    previous = _reused_folder(result)
    if folder_fingerprint(previous / CORRECTIONS_DIR) != folder_fingerprint(staging / CORRECTIONS_DIR):
        raise NotUpdatable("the hand corrections changed")
    return previous


def knowledge_after(result: IngestResult, current: Knowledge, folder: Path) -> Knowledge:
    """The knowledge as it will load from ``folder`` once ``result`` is written there (hand
    corrections applied), reusing ``current``'s objects for the documents that did not change.

    Why: the bot's ``/reload`` and uploads must not parse every YAML file again. A document of
    ``current`` is reused only when it is one the bot loaded from the same bytes and no hand
    correction touches it — and none when the corrections changed since the folder was written
    (then they are re-applied from the YAML files, as at start).
    """
    corrections = load_corrections(folder) if folder.is_dir() else []
    named = {c.doc for c in corrections}
    unknown = sorted(named - result.doc_ids)
    if unknown:
        raise KnowledgeError(f"{folder / CORRECTIONS_DIR}: correction for unknown notice '{unknown[0]}'")
    trusted = (result.previous is not None
               and result.previous.corrections == folder_fingerprint(folder / CORRECTIONS_DIR))
    shas = {e.doc: e.sha256 for e in result.manifest.files.values() if e.doc is not None}
    docs = []
    for doc in sorted(result.doc_ids):
        mine = current.documents.get(doc)
        if doc in result.texts:
            docs.append(apply_corrections(result.document(doc), corrections))
        elif (trusted and mine is not None and doc not in named and mine.meta.sha256 == shas[doc]
              and not any(f.source == CORRECTION_SOURCE for f in mine.facts)):
            docs.append(mine)
        else:
            docs.append(apply_corrections(load_document(result.reused[doc]), corrections))
    return Knowledge.of(docs)


def diff_written(folder: Path, result: IngestResult) -> KnowledgeDiff:
    """What writing ``result`` into ``folder`` changes in its generated YAML (corrections aside).

    Only the documents that can differ are read: reused ones are the same bytes by construction.
    """
    here = folder.resolve()  # resolved once per folder, not per notice (10^4 of them)
    is_here = {parent: parent.resolve() == here for parent in {p.parent for p in result.reused.values()}}
    same = {d for d, p in result.reused.items() if is_here[p.parent]}
    old = Knowledge.of(load_document(p) for p in sorted(folder.glob("*.yaml")) if p.stem not in same)
    new = Knowledge.of(result.document(d) for d in result.doc_ids - same)
    return diff_knowledge(old, new)


@dataclass
class KnowledgeDiff:
    added_docs: list[str]
    removed_docs: list[str]
    changed_docs: list[str]
    added_facts: int
    removed_facts: int
    changed_facts: int

    @property
    def empty(self) -> bool:
        return not (self.added_docs or self.removed_docs or self.changed_docs)

    def summary(self) -> str:
        if self.empty:
            return "知识库没有变化 (no change)"
        lines = []
        if self.added_docs:
            lines.append("新增通知: " + "、".join(self.added_docs))
        if self.removed_docs:
            lines.append("删除通知: " + "、".join(self.removed_docs))
        if self.changed_docs:
            lines.append("变更通知: " + "、".join(self.changed_docs))
        lines.append(f"事实: +{self.added_facts} -{self.removed_facts} ~{self.changed_facts}")
        return "\n".join(lines)


def diff_knowledge(old: Knowledge, new: Knowledge) -> KnowledgeDiff:
    """Notices and facts added, removed, changed. A document that is the same object in both
    (a reload reuses the unchanged ones) is skipped unread: at 10^4 notices, comparing every
    fact would cost more than the reload."""
    same = {d for d in old.documents.keys() & new.documents.keys() if old.documents[d] is new.documents[d]}
    if same:
        old = Knowledge({d: v for d, v in old.documents.items() if d not in same})
        new = Knowledge({d: v for d, v in new.documents.items() if d not in same})
    old_facts = {f.id: f for f in old.facts}
    new_facts = {f.id: f for f in new.facts}
    changed = [i for i in old_facts.keys() & new_facts.keys() if old_facts[i] != new_facts[i]]
    changed_docs = sorted(
        d for d in old.documents.keys() & new.documents.keys()
        if old.documents[d] != new.documents[d]
    )
    return KnowledgeDiff(
        added_docs=sorted(new.documents.keys() - old.documents.keys()),
        removed_docs=sorted(old.documents.keys() - new.documents.keys()),
        changed_docs=changed_docs,
        added_facts=len(new_facts.keys() - old_facts.keys()),
        removed_facts=len(old_facts.keys() - new_facts.keys()),
        changed_facts=len(changed),
    )
