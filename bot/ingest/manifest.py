"""What an earlier ingest into a knowledge folder already did, so the next one redoes only changes.

Why: at national scale (10^4 notices) re-extracting every notice for one upload takes minutes.
The manifest (``.manifest.json`` in the knowledge folder, beside the YAML) maps each source file
to the sha256 of its bytes and what it became (a document id, or the reason it was skipped), and
records a fingerprint of the pipeline: the source of the modules that shape a document, the
versions of the libraries they call, and the read limits. A file is reused only when its bytes
and the fingerprint are unchanged, so a code change, a library upgrade or new limits rebuild
everything. The manifest is a cache: a missing or unreadable one means a full ingest, never
an error, and it is not part of the reviewable knowledge (git ignores it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from bot.ingest.readers import ReadLimits

MANIFEST_NAME = ".manifest.json"
#: Bump when the manifest's own layout changes.
MANIFEST_FORMAT = 1

BOT_DIR = Path(__file__).resolve().parent.parent
#: Parts of ``bot/`` that never shape a knowledge document (answering, chat front ends); every
#: other module and resource is fingerprinted, because metadata and extraction reach into many
#: of them (regions, numerals, schema, segmentation) and a missed one would reuse stale output.
NOT_PIPELINE = ("answering", "telegram", "cli.py", "query_log.py", "reminder_store.py", "reminders.py",
                "calendar_file.py", "settings.py", "secrets.py",
                # the compiled index: read, or written from the YAML, never shaping it; its own
                # fingerprint (``compiler.fingerprint``) recompiles it when its code changes
                "knowledge/index.py", "knowledge/compiler.py")
#: Libraries whose behaviour changes the text or facts extracted (or the YAML written).
PIPELINE_LIBRARIES = ("opencc", "trafilatura", "beautifulsoup4", "lxml", "pypdf", "python-docx", "pyyaml",
                      "pydantic", "jieba", "cn2an", "pypinyin")


@dataclass
class FileEntry:
    """One source file as the last ingest saw it."""

    sha256: str
    doc: str | None = None  # the document it became (None: skipped, or lost to a same-id file)
    skipped: str | None = None  # why it could not be read
    yaml_sha256: str | None = None  # of the YAML written for it: a hand-edited file is rebuilt
    facts: dict[str, int] = field(default_factory=dict)  # facts by kind, for the report
    warnings: list[str] = field(default_factory=list)  # the document's warnings, for the report


@dataclass
class Manifest:
    pipeline: str
    corrections: str  # fingerprint of corrections/ when the folder was written
    files: dict[str, FileEntry] = field(default_factory=dict)

    def dumps(self) -> str:
        """Deterministic JSON: the same ingest writes the same bytes."""
        data = {"format": MANIFEST_FORMAT, "pipeline": self.pipeline, "corrections": self.corrections,
                "files": {name: asdict(e) for name, e in sorted(self.files.items())}}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, or None when there is none usable (then everything is rebuilt)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            return None
        files = {name: FileEntry(**entry) for name, entry in data["files"].items()}
        return Manifest(pipeline=data["pipeline"], corrections=data["corrections"], files=files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _pipeline_files() -> list[Path]:
    return sorted(
        p for p in BOT_DIR.rglob("*")
        if p.is_file() and p.suffix in (".py", ".tsv", ".txt", ".json")
        and p.relative_to(BOT_DIR).parts[0] not in NOT_PIPELINE
        and p.relative_to(BOT_DIR).as_posix() not in NOT_PIPELINE and "__pycache__" not in p.parts
    )


@lru_cache(maxsize=8)
def pipeline_fingerprint(limits: ReadLimits) -> str:
    """A hash of everything that decides what a notice file becomes (see the module docstring)."""
    h = hashlib.sha256(f"manifest {MANIFEST_FORMAT}\n{limits!r}\n".encode())
    for lib in PIPELINE_LIBRARIES:
        h.update(f"{lib}={_library_version(lib)}\n".encode())
    for path in _pipeline_files():
        h.update(path.relative_to(BOT_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """A hash of a folder's files (names and bytes): tells whether hand corrections changed."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
