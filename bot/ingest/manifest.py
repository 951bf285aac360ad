"""What an earlier ingest into a knowledge folder already did, so the next one redoes only changes.

Why: at national scale (10^4 notices) re-extracting every notice for one upload takes minutes.
The manifest (``.manifest.json`` in the knowledge folder, beside the YAML) maps each source file
to the sha256 of its bytes and what it became (a document id, or the reason it was skipped), and
records a fingerprint of the pipeline: the source of the modules that shape a document, the
versions of the libraries they call, and the read limits. A file is reused only when its bytes
and the fingerprint are unchanged, so a code change, a library upgrade or new limits rebuild
everything. The manifest is a cache: a missing or unreadable one means a full ingest, never
an error, and it is not part of the reviewable knowledge (git ignores it).

Whether bytes are unchanged is first asked of ``stat`` (see :func:`unchanged_by_stat`): hashing
every data file and every reused YAML file took ~4 s of a one-notice re-ingest at 10^4 notices.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
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
    stat: list[int] | None = None  # the source file's ``file_stat`` taken before it was hashed
    yaml_stat: list[int] | None = None  # the YAML file's ``yaml_file_stat`` when the manifest was written


#: The fields of ``file_stat`` (``yaml_file_stat`` has all but the change time).
FILE_STAT_FIELDS = ("size", "mtime_ns", "ctime_ns", "ino")


def file_stat(st: os.stat_result) -> list[int]:
    """What ``stat`` says of a source file: size, modification and change times, inode. The change
    time catches a rewrite that restores the modification time (``cp -p``, ``rsync -t``, tar)."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def yaml_file_stat(st: os.stat_result) -> list[int]:
    """The same for a YAML file the ingest wrote, without the change time: each ingest hard-links
    the reused YAML into its new folder, and a new link changes the change time, not the bytes."""
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def unchanged_by_stat(now: list[int], recorded: list[int] | None, written_ns: int) -> bool:
    """Whether ``stat`` alone proves a file unchanged since the manifest recorded it.

    The same size, times and inode, and recorded times older than the manifest file itself
    (``written_ns``, its modification time). Why the last: file times come from a clock that
    ticks every few milliseconds, so a file rewritten in the very tick of an earlier write keeps
    its time; a file whose time is not older than the manifest may have been rewritten after it
    was recorded, unseen, and is hashed instead (git's “racily clean” entries, handled the same
    way). Anything else that differs — a touched, copied or restored file — is hashed too, never
    trusted, so a wrong “unchanged” needs a same-size rewrite that also forges both times.
    """
    if recorded is None or now != recorded:
        return False
    times = recorded[1:3] if len(recorded) == len(FILE_STAT_FIELDS) else recorded[1:2]
    return all(t < written_ns for t in times)


@dataclass
class Manifest:
    pipeline: str
    corrections: str  # fingerprint of corrections/ when the folder was written
    files: dict[str, FileEntry] = field(default_factory=dict)
    written_ns: int = 0  # the manifest file's modification time when loaded (0: trust no stat)

    def dumps(self) -> str:
        """JSON in a fixed order: the same ingest of the same files writes the same bytes (the
        stats aside). One entry a line, not indented, each entry's fields as they are (``vars``;
        ``asdict`` deep-copies every list): at 10^4 notices the file is written by every
        re-ingest, and the indented ``asdict`` dump took ~2 s under the profiler."""
        files = ",\n".join(f"{json.dumps(name, ensure_ascii=False)}: "
                           f"{json.dumps(vars(e), ensure_ascii=False, sort_keys=True)}"
                           for name, e in sorted(self.files.items()))
        head = json.dumps({"corrections": self.corrections, "format": MANIFEST_FORMAT, "pipeline": self.pipeline},
                          ensure_ascii=False, sort_keys=True)
        return f"{head[:-1]}, \"files\": {{\n{files}\n}}}}\n"


def load_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest, or None when there is none usable (then everything is rebuilt)."""
    try:
        with (folder / MANIFEST_NAME).open(encoding="utf-8") as f:
            written_ns = os.fstat(f.fileno()).st_mtime_ns
            data = json.loads(f.read())
        if data.get("format") != MANIFEST_FORMAT:
            return None
        files = {name: FileEntry(**entry) for name, entry in data["files"].items()}
        return Manifest(pipeline=data["pipeline"], corrections=data["corrections"], files=files,
                        written_ns=written_ns)
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
