"""Replacing a knowledge folder so that a crash at any moment loses nothing.

The folder keeps its path (the repository's ``knowledge/`` is a plain, reviewable folder), so
the switch is two renames: the current folder steps aside to ``.<name>.old`` and the complete
new one, written beside it in ``.<name>.staging-*``, takes its place. Whatever moment a process
dies at, the state on disk is one of these, and :func:`recover` (run before every load and
every swap) finishes or undoes the switch:

====================================  =============================================
on disk                               meaning → recovery
====================================  =============================================
folder, no ``.old``                   nothing was interrupted (stale staging removed)
no folder, ``.old``                   killed between the renames → put ``.old`` back
folder and ``.old``                   killed after the switch → remove ``.old``
====================================  =============================================

Corrections (``corrections/``) live inside the folder and are copied into the staging folder
by the caller's ``fill``, so the old and the new folder each carry them whole.

The CLI and the bot share this module; an ``flock`` on the folder's parent keeps
two processes (an ``ingest`` and a bot's ``/reload``) from interleaving their renames.
Durability scope: a killed process. Directory entries are fsynced after each rename; file
contents are left to the file system's journal.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Checkpoint = Callable[[str], None]

#: The moments of a swap, in order; ``checkpoint`` is called with each (tests kill a child there).
SWAP_STEPS = ("staging_filled", "old_moved_aside", "new_moved_in", "old_removed")


def previous_path(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.old")


def _staging_prefix(folder: Path) -> str:
    return f".{folder.name}.staging-"


def _stagings(folder: Path) -> list[Path]:
    if not folder.parent.is_dir():
        return []
    return sorted(folder.parent.glob(_staging_prefix(folder) + "*"))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _swap_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on the parent folder, held for a whole swap or recovery.

    Locking the directory itself leaves no lock file behind in the repository.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def needs_recovery(folder: Path) -> bool:
    folder = folder.resolve()
    return previous_path(folder).exists() or bool(_stagings(folder))


def _recover_locked(folder: Path) -> list[str]:
    actions: list[str] = []
    previous = previous_path(folder)
    if previous.exists() and not folder.exists():
        os.replace(previous, folder)
        actions.append(f"restored {folder.name} from an interrupted swap")
    elif previous.exists():
        shutil.rmtree(previous)
        actions.append(f"removed the previous {folder.name} left by an interrupted swap")
    for staging in _stagings(folder):
        shutil.rmtree(staging, ignore_errors=True)
        actions.append(f"removed unfinished {staging.name}")
    if actions:
        _fsync_dir(folder.parent)
    return actions


def recover(folder: Path) -> list[str]:
    """Finish or undo an interrupted swap of ``folder``; say what was done (empty: nothing).

    Cheap when nothing is amiss (a few ``stat`` calls, no lock), so every load runs it.
    """
    folder = folder.resolve()
    if not needs_recovery(folder):
        return []
    with _swap_lock(folder):
        return _recover_locked(folder)


def replace_folder(
    folder: Path, fill: Callable[[Path], None], *, checkpoint: Checkpoint | None = None,
) -> None:
    """Replace ``folder`` by what ``fill`` writes into a fresh staging folder.

    If ``fill`` raises, the staging folder is removed and ``folder`` is untouched.
    """
    folder = folder.resolve()
    checkpoint = checkpoint or (lambda step: None)
    with _swap_lock(folder):
        _recover_locked(folder)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(folder), dir=folder.parent))
        staging.chmod(0o755)
        try:
            fill(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_dir(staging)
        checkpoint("staging_filled")
        previous = previous_path(folder)
        if folder.exists():
            os.replace(folder, previous)
            _fsync_dir(folder.parent)
        checkpoint("old_moved_aside")
        os.replace(staging, folder)
        _fsync_dir(folder.parent)
        checkpoint("new_moved_in")
        shutil.rmtree(previous, ignore_errors=True)
        checkpoint("old_removed")
