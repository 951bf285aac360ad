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

With ``remove_old="background"`` (the command line's ingest) the earlier folder, once out of
the way, is renamed ``.<name>.trash-*`` and removed by a detached process: at 10^4 notices that is
10^4 links and a 1.6 GB index, ~0.5 s the command need not wait for. The swap is complete
before it starts; a trash folder whose remover died is removed by the next swap.

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
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

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


def _trash_prefix(folder: Path) -> str:
    return f".{folder.name}.trash-"


def _pending_prefix(folder: Path) -> str:
    return f".{folder.name}.pending-"


def pending_path(folder: Path, what: str) -> Path:
    """A file an ingest prepares beside ``folder`` before it takes the swap's lock (the copy of
    the index it will update). Its maker holds an ``flock`` on it; recovery removes one nobody
    holds (its maker died)."""
    return folder.parent / f"{_pending_prefix(folder)}{what}-{os.getpid()}-{time.monotonic_ns()}"


def _orphaned_pending(folder: Path) -> list[Path]:
    if not folder.parent.is_dir():
        return []
    return [p for p in sorted(folder.parent.glob(_pending_prefix(folder) + "*")) if not _being_removed(p)]


#: The detached remover: it holds an ``flock`` on the folder while removing it, so a later swap
#: can tell a trash folder being removed from one whose remover died (``_remove_orphaned_trash``).
_REMOVER = """
import fcntl, os, shutil, sys
try:
    fd = os.open(sys.argv[1], os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
except OSError:
    sys.exit(0)
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


def remove_in_background(path: Path) -> None:
    """Remove the folder ``path`` in a detached process (it outlives this one)."""
    subprocess.Popen([sys.executable, "-I", "-S", "-c", _REMOVER, str(path)],  # noqa: S603 (our interpreter)
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)


def _being_removed(path: Path) -> bool:
    """Whether a process holds the lock of ``path`` (a remover its trash folder, an ingest its
    pending file)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone already
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _remove_orphaned_trash(folder: Path) -> list[str]:
    """Remove the trash folders no remover is removing (it was killed, or the machine stopped)."""
    actions = []
    for trash in sorted(folder.parent.glob(_trash_prefix(folder) + "*")):
        if not _being_removed(trash):
            shutil.rmtree(trash, ignore_errors=True)
            actions.append(f"removed {trash.name} left by an interrupted removal")
    return actions


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
    return previous_path(folder).exists() or bool(_stagings(folder)) or bool(_orphaned_pending(folder))


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
    for pending in _orphaned_pending(folder):
        pending.unlink(missing_ok=True)
        actions.append(f"removed unfinished {pending.name}")
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
    remove_old: Literal["now", "background"] = "now",
) -> None:
    """Replace ``folder`` by what ``fill`` writes into a fresh staging folder.

    If ``fill`` raises, the staging folder is removed and ``folder`` is untouched. The earlier
    folder is removed before returning, or with ``remove_old="background"`` by a detached process
    (see the module's docstring).
    """
    folder = folder.resolve()
    checkpoint = checkpoint or (lambda step: None)
    with _swap_lock(folder):
        _recover_locked(folder)
        _remove_orphaned_trash(folder)
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
        if remove_old == "background" and previous.exists():
            trash = folder.parent / f"{_trash_prefix(folder)}{os.getpid()}-{time.monotonic_ns()}"
            os.replace(previous, trash)
            remove_in_background(trash)
        else:
            shutil.rmtree(previous, ignore_errors=True)
        checkpoint("old_removed")
