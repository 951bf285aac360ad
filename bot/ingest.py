"""Notices in, knowledge out: the ingest pipeline and its report.

The core (``build_document``) is pure: text in, validated DocumentKnowledge out.
``build_knowledge`` reads a folder, skipping what it cannot read with a reason;
``write_knowledge`` writes YAML beside the knowledge folder and swaps it in, so a
failed or killed run leaves the existing knowledge (and its corrections) whole.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.extract import extract_facts
from bot.knowledge import Knowledge
from bot.knowledge.index import write_index
from bot.knowledge.swap import Checkpoint, replace_folder
from bot.metadata import analyse
from bot.normalize import normalize_text
from bot.readers import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, ReadLimits, UnreadableNotice, read_notice
from bot.schema import FACT_KINDS, DocumentKnowledge, DocumentMeta, Section, ThemeFact, Unit
from bot.store import CORRECTIONS_DIR, KnowledgeError, dump_document, with_corrections

Progress = Callable[[int, int, str], None]


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


@dataclass
class IngestResult:
    knowledge: Knowledge
    report: IngestReport


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
    region); hidden files and folders are not notices."""
    return sorted(
        p for p in data_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data_dir).parts)
    )


def build_knowledge(
    data_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
    limits: ReadLimits | None = None,
) -> IngestResult:
    limits = limits or ReadLimits(max_bytes=max_bytes)
    if not data_dir.is_dir():
        raise IngestError(f"{data_dir}: no such folder")
    report = IngestReport()
    docs: list[DocumentKnowledge] = []
    files = notice_files(data_dir)
    seen: dict[str, str] = {}
    for i, path in enumerate(files, 1):
        name = path.relative_to(data_dir).as_posix()
        if progress:
            progress(i, len(files), name)
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            report.skipped.append((name, "unsupported file type"))
            continue
        try:
            raw = read_notice(path, limits=limits)
        except (UnreadableNotice, OSError) as exc:
            report.skipped.append((name, str(exc)))
            continue
        doc = doc_id_for(path)
        if doc in seen:
            report.skipped.append((name, f"same notice id as {seen[doc]}"))
            continue
        seen[doc] = name
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        built = build_document(doc, name, raw, sha)
        docs.append(built)
        report.documents.append(doc)
        report.facts_by_kind.update(f.kind for f in built.facts)
        report.warnings += [f"{doc}: {w}" for w in built.warnings]
    if not docs:
        raise IngestError(f"{data_dir}: no readable notice ({len(report.skipped)} skipped)")
    return IngestResult(Knowledge.of(docs), report)


def write_knowledge(result: IngestResult, out_dir: Path, *, checkpoint: Checkpoint | None = None) -> None:
    """Write every document's YAML beside ``out_dir`` and swap it in (crash-safe, see swap.py).

    The hand corrections travel with the new folder and must still apply, else nothing changes.
    """
    out_dir = out_dir.resolve()
    current_corrections = out_dir / CORRECTIONS_DIR

    def fill(staging: Path) -> None:
        for doc in result.knowledge.documents.values():
            (staging / f"{doc.meta.doc}.yaml").write_text(dump_document(doc), encoding="utf-8")
        if current_corrections.is_dir():
            shutil.copytree(current_corrections, staging / CORRECTIONS_DIR)
        try:
            corrected = with_corrections(result.knowledge, staging)
        except KnowledgeError as exc:  # name the folder the admin knows, not the staging one
            raise KnowledgeError(str(exc).replace(str(staging), str(out_dir))) from None
        write_index(corrected, staging)  # swapped in with the YAML it was compiled from

    replace_folder(out_dir, fill, checkpoint=checkpoint)


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
