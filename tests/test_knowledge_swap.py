"""The knowledge swap survives a kill at every step: the old or the new knowledge, whole,
with its hand corrections; leftovers are cleaned up and the next swap works."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bot.ingest import build_knowledge, write_knowledge
from bot.knowledge.store import CORRECTIONS_DIR, KnowledgeError, load_knowledge
from bot.knowledge.swap import SWAP_STEPS, previous_path, recover, replace_folder
from bot.settings import Settings
from tests.conftest import REPO

FIRST = "notice-a"
SECOND = "notice-b"
NOTICE = """关于开展{year}年全市“质量月”活动的通知
市质量发展委员会决定于9月在全市开展“质量月”活动。今年活动的主题是:质量第一 品牌兴市。
联系人:王小明,联系电话:0551-6234567{digit}。
安庆市质量发展委员会
{year}年8月25日
"""
CORRECTED_TITLE = "安庆市“质量月”活动通知(更正)"

# The child builds ``data`` into ``out`` and kills itself (SIGKILL: no cleanup, no finally) at
# the named step of the swap.
CHILD = """
import os, signal, sys
from pathlib import Path
from bot.ingest import build_knowledge, write_knowledge
data, out, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
def checkpoint(name):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)
write_knowledge(build_knowledge(data), out, checkpoint=checkpoint)
"""


def notices(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for i, name in enumerate(names):
        (folder / f"{name}.txt").write_text(NOTICE.format(year=2020 + i, digit=i), encoding="utf-8")
    return folder


def corrected_knowledge(tmp_path: Path) -> Path:
    """A knowledge folder built from one notice, with a hand correction of its title."""
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(notices(tmp_path / "old-data", FIRST)), folder)
    (folder / CORRECTIONS_DIR).mkdir()
    (folder / CORRECTIONS_DIR / "title.yaml").write_text(
        yaml.safe_dump({"doc": FIRST, "meta": {"title": CORRECTED_TITLE}}, allow_unicode=True),
        encoding="utf-8")
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name.startswith(f".{folder.name}."))


def assert_whole(folder: Path, allowed: list[set[str]]) -> None:
    knowledge = load_knowledge(folder)  # recovers first
    assert set(knowledge.documents) in allowed
    assert knowledge.documents[FIRST].meta.title == CORRECTED_TITLE
    assert leftovers(folder) == []


@pytest.mark.parametrize("step", SWAP_STEPS)
def test_kill_at_every_swap_step_leaves_old_or_new_knowledge_with_corrections(
    step: str, tmp_path: Path,
) -> None:
    folder = corrected_knowledge(tmp_path)
    new_data = notices(tmp_path / "new-data", FIRST, SECOND)
    child = subprocess.run([sys.executable, "-c", CHILD, str(new_data), str(folder), step],
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert_whole(folder, [{FIRST}, {FIRST, SECOND}])
    write_knowledge(build_knowledge(new_data), folder)  # the next reload works
    assert_whole(folder, [{FIRST, SECOND}])


def test_kill_between_the_renames_restores_the_old_folder_not_a_rebuild(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(notices(tmp_path / "new-data", FIRST, SECOND)), str(folder),
         "old_moved_aside"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not folder.exists() and previous_path(folder).is_dir()
    from bot.telegram.app import load_startup_knowledge

    settings = Settings(telegram_bot_token="123456789:AAEoffline-swap-test-token-abcdefghij", knowledge_dir=folder,  # type: ignore[call-arg]
                        data_dir=tmp_path / "no-such-data")
    knowledge = load_startup_knowledge(settings)  # would fail if it tried to rebuild from data/
    assert set(knowledge.documents) == {FIRST}
    assert knowledge.documents[FIRST].meta.title == CORRECTED_TITLE


def test_a_previous_folder_left_beside_a_complete_one_does_not_block_later_swaps(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    previous = previous_path(folder)
    previous.mkdir()
    (previous / "stale.yaml").write_text("not knowledge", encoding="utf-8")
    for _ in range(2):
        write_knowledge(build_knowledge(notices(tmp_path / f"data-{_}", FIRST, SECOND)), folder)
    assert_whole(folder, [{FIRST, SECOND}])


def test_a_failing_fill_leaves_the_folder_and_no_staging(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    before = sorted(p.name for p in folder.iterdir())

    def fill(staging: Path) -> None:
        (staging / "half.yaml").write_text("x", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_folder(folder, fill)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert leftovers(folder) == []


def test_recovery_with_nothing_interrupted_does_nothing(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    assert recover(folder) == []
    assert recover(tmp_path / "never-built") == []


def test_a_correction_for_a_vanished_notice_names_the_knowledge_folder(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    with pytest.raises(KnowledgeError, match=f"{folder}/corrections: .*{FIRST}"):
        write_knowledge(build_knowledge(notices(tmp_path / "new-data", SECOND)), folder)
    assert_whole(folder, [{FIRST}])


# --- the earlier folder removed in the background (the command line's ingest) -------------------


def _wait_for_no_leftovers(folder: Path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while leftovers(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(folder) == []


def test_background_removal_swaps_at_once_and_removes_the_earlier_folder(tmp_path: Path) -> None:
    folder = corrected_knowledge(tmp_path)
    for i in range(2):
        write_knowledge(build_knowledge(notices(tmp_path / f"data-{i}", FIRST, SECOND)), folder,
                        remove_old="background")
        assert not previous_path(folder).exists()  # swapped: only trash is left to remove
        assert set(load_knowledge(folder).documents) == {FIRST, SECOND}
    _wait_for_no_leftovers(folder)
    assert_whole(folder, [{FIRST, SECOND}])


def test_trash_whose_remover_died_is_removed_by_the_next_swap_and_one_being_removed_is_left(
    tmp_path: Path,
) -> None:
    folder = corrected_knowledge(tmp_path)
    orphan = folder.with_name(f".{folder.name}.trash-1-1")
    busy = folder.with_name(f".{folder.name}.trash-2-2")
    for trash in (orphan, busy):
        (trash / "sub").mkdir(parents=True)
        (trash / "sub" / "x.yaml").write_text("x", encoding="utf-8")
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running remover holds it
        write_knowledge(build_knowledge(notices(tmp_path / "data", FIRST, SECOND)), folder)
        assert not orphan.exists() and busy.is_dir()
    finally:
        os.close(fd)
    write_knowledge(build_knowledge(notices(tmp_path / "data-2", FIRST, SECOND)), folder)
    assert leftovers(folder) == []
