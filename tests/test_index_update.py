"""An index updated in place at ingest is the index a compile from scratch writes.

Each case ingests a data folder (the seeds plus a copy of one, so that a notice can change, come
or go without changing the names added to jieba), changes it, re-ingests it into the same
folder — which updates the earlier index when it may — and compiles the same data from scratch
into another folder. The two indexes must hold the same rows (sentence ids compared as their
document and position: only their order is the same by construction) and give the same answers
to the development, test and chat questions. Changes that may cut other notices' sentences
differently (new units' or places' names) or that touch hand corrections compile from scratch.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import bot.knowledge.compiler as compiler
from bot.answering.engine import Engine
from bot.ingest import build_knowledge, write_knowledge
from bot.ingest.pipeline import IngestResult
from bot.knowledge.compiler import LOCAL_BITS, index_path, write_index
from bot.knowledge.index import CompiledKnowledge, open_compiled
from bot.knowledge.store import CORRECTIONS_DIR, load_knowledge
from tests.conftest import DATA, REPO, TODAY
from tests.test_compiled_index import CONVERSATIONS
from tests.test_ingest_incremental import ingest_twice

TIANSHUI = "tianshui-2016-quality-month-notice"
SICHUAN = "sichuan-2024-quality-month-notice"
COPY = "tianshui-2017-copy"  # sorts after the seed: a notice at the end of the index
EARLIER_COPY = "tianshui-2015-copy"  # sorts between two seeds: a slot between neighbours

Change = Callable[[Path, Path], None]  # (data folder, knowledge folder) -> None


def tianshui_copy(data: Path, name: str, year: str) -> None:
    text = (DATA / f"{TIANSHUI}.txt").read_text(encoding="utf-8")
    (data / f"{name}.txt").write_text(text.replace("2016", year), encoding="utf-8")


def seed_data(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for p in sorted(DATA.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    tianshui_copy(folder, COPY, "2017")
    return folder


def nothing(_data: Path, _knowledge: Path) -> None:
    return None


def edit_copy(data: Path, _knowledge: Path) -> None:
    path = data / f"{COPY}.txt"
    text = path.read_text(encoding="utf-8")
    assert "0938-6822622" in text
    path.write_text(text.replace("0938-6822622", "0938-6822699").replace("9月25日", "9月27日"), encoding="utf-8")


def add_copy(data: Path, _knowledge: Path) -> None:
    tianshui_copy(data, EARLIER_COPY, "2015")


def remove_copy(data: Path, _knowledge: Path) -> None:
    (data / f"{COPY}.txt").unlink()


def add_correction(_data: Path, knowledge: Path) -> None:
    (knowledge / CORRECTIONS_DIR).mkdir(exist_ok=True)
    (knowledge / CORRECTIONS_DIR / "fix.yaml").write_text(
        f"doc: {COPY}\nmeta: {{title: 关于开展2017年全市“质量月”活动的通知}}\n", encoding="utf-8")


def add_new_place(data: Path, _knowledge: Path) -> None:
    text = (DATA / f"{TIANSHUI}.txt").read_text(encoding="utf-8")
    (data / "lanzhou-2016-notice.txt").write_text(text.replace("天水", "兰州"), encoding="utf-8")


def remove_only_notice_of_a_place(data: Path, _knowledge: Path) -> None:
    (data / f"{SICHUAN}.txt").unlink()


CASES = [
    # (id, change, how the re-ingest made its index)
    ("unchanged", nothing, "updated"),
    ("one-changed", edit_copy, "updated"),
    ("one-added-between-two", add_copy, "updated"),
    ("one-removed", remove_copy, "updated"),
    ("corrections-changed", add_correction, "compiled: the previous index is stale"),  # it records them
    ("new-place-name", add_new_place, "compiled: the units' or places' names added to jieba changed"),
    ("place-name-gone", remove_only_notice_of_a_place,
     "compiled: the units' or places' names added to jieba changed"),
]


def _rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, a sentence id written as (document, position); the index's own
    fingerprint (it records the YAML files' modification times) and the slots aside."""
    db = sqlite3.connect(index_path(folder))
    try:
        slots = dict(db.execute("SELECT doc, slot FROM docs"))
        order = [slot for _doc, slot in sorted(slots.items())]
        assert order == sorted(order), "sentence ids sort in document order"
        docs = {slot: doc for doc, slot in slots.items()}

        def place(sid: int) -> tuple[str, int]:
            return docs[sid >> LOCAL_BITS], sid & ((1 << LOCAL_BITS) - 1)

        out = {
            "info": sorted(r for r in db.execute("SELECT key, value FROM info") if r[0] != "fingerprint"),
            "docs": list(db.execute("SELECT doc, meta, body FROM docs ORDER BY doc")),
            "sentences": sorted((*place(r[0]), *r[1:]) for r in db.execute("SELECT * FROM sentences")),
        }
        out["postings"] = sorted((r[0], docs[r[1]], *r[2:]) for r in db.execute("SELECT * FROM postings"))
        for table in ("facts", "unit_sentences", "terms", "unit_kinds", "subjects", "pairs"):
            out[table] = sorted(db.execute(f"SELECT * FROM {table}"))  # noqa: S608 (fixed names)
        return out
    finally:
        db.close()


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def ingested(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    """(re-ingested folder, folder compiled from scratch, how the re-ingest made its index, how
    it should have)."""
    _id, change, expected = request.param
    incremental, again, scratch, fresh = ingest_twice(tmp_path_factory.mktemp("update"), change,
                                                      seed=seed_data, corrections=True)
    assert fresh.index.startswith("compiled")
    return incremental, scratch, again.index, expected


def test_the_index_is_updated_only_when_that_is_safe(ingested: tuple[Path, Path, str, str]) -> None:
    _incremental, _scratch, made, expected = ingested
    assert made.startswith(expected)


def test_an_updated_index_holds_the_rows_of_a_compile_from_scratch(ingested: tuple[Path, Path, str, str]) -> None:
    incremental, scratch, _made, _expected = ingested
    assert open_compiled(incremental) is not None, "the updated index is current for its folder"
    mine, theirs = _rows(incremental), _rows(scratch)
    assert mine.keys() == theirs.keys()
    for table in mine:
        assert mine[table] == theirs[table], table


def test_an_updated_index_answers_as_one_compiled_from_scratch(ingested: tuple[Path, Path, str, str]) -> None:
    incremental, scratch, _made, _expected = ingested
    a, b = open_compiled(incremental), open_compiled(scratch)
    assert isinstance(a, CompiledKnowledge) and isinstance(b, CompiledKnowledge)
    engines = Engine(a, today=TODAY), Engine(b, today=TODAY)
    for name, turns in CONVERSATIONS:
        for question, chat in turns:
            mine, theirs = (e.ask(question, chat).model_dump_json() for e in engines)
            assert mine == theirs, f"{name}: {question}"
    q = "天水2017年质量月的联系电话"
    assert engines[0].why(q) == engines[1].why(q)


# --- compiled from the rows the ingest workers prepared ---------------------------------------------


PREPARED_CASES = [
    # (id, hand correction written before the ingest, or None)
    ("no-corrections", None),
    ("meta-corrected", f"doc: {COPY}\nmeta: {{title: 关于开展2017年全市“质量月”活动的通知}}\n"),
    ("fact-dropped", f"doc: {TIANSHUI}\ndrop: ['{TIANSHUI}:theme:1']\n"),
]


@pytest.mark.parametrize("correction", [pytest.param(c, id=i) for i, c in PREPARED_CASES])
def test_an_index_compiled_from_prepared_rows_is_the_one_compiled_from_the_documents(
    tmp_path: Path, correction: str | None,
) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "cli"
    if correction is not None:
        (folder / CORRECTIONS_DIR).mkdir(parents=True)
        (folder / CORRECTIONS_DIR / "fix.yaml").write_text(correction, encoding="utf-8")
    result = build_knowledge(data, keep_documents=False)  # as the command line does
    assert result.prepared.keys() == result.doc_ids and not result.built
    write_knowledge(result, folder)
    assert result.index == "compiled: no earlier knowledge folder reused"
    documents = tmp_path / "documents"
    shutil.copytree(folder, documents)
    index_path(documents).unlink()
    write_index(load_knowledge(documents), documents)  # parsed from the YAML, corrections applied
    mine, theirs = _rows(folder), _rows(documents)
    for table in mine:
        assert mine[table] == theirs[table], table


# --- the earlier index cloned when the file system can, else copied -----------------------------------


def _clone_by_copying(fd: int, request: int, source_fd: int) -> None:
    """What a clone leaves behind (the same bytes), for a file system here that has none."""
    assert request == compiler.FICLONE
    os.sendfile(fd, source_fd, 0, os.fstat(source_fd).st_size)


def _no_clone(_fd: int, _request: int, _source_fd: int) -> None:
    raise OSError(errno.EOPNOTSUPP, "Operation not supported")


@pytest.mark.parametrize(("ioctl", "how"), [pytest.param(_clone_by_copying, "cloned", id="clone"),
                                            pytest.param(_no_clone, "copied", id="no-clone-copied")])
def test_the_earlier_index_is_cloned_or_copied_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     ioctl: Callable[[int, int, int], None], how: str) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.write_bytes(os.urandom(1 << 20))
    monkeypatch.setattr(compiler.fcntl, "ioctl", ioctl)
    assert compiler.clone_or_copy(source, target) == how
    assert target.read_bytes() == source.read_bytes()


# --- a crash in the middle of an update leaves the earlier index whole ----------------------------------

# The child re-ingests ``data`` into ``out`` (the earlier index updated into the staging folder)
# and kills itself (SIGKILL: no cleanup, no finally) at the named moment of the update.
CRASHING_CHILD = """
import os, signal, sys
from pathlib import Path
import bot.knowledge.compiler as compiler
from bot.ingest import build_knowledge, write_knowledge
data, out, moment = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if moment == "while-copying":
    compiler.clone_or_copy = die
elif moment == "while-inserting":
    compiler._write_sentences = die
elif moment == "before-renaming":
    real = compiler.os.replace
    compiler.os.replace = lambda a, b: die() if str(b).endswith(compiler.INDEX_FILE) else real(a, b)
write_knowledge(build_knowledge(data, previous=out, keep_documents=False), out)
"""
CRASH_MOMENTS = ["while-copying", "while-inserting", "before-renaming"]


@pytest.mark.parametrize("moment", CRASH_MOMENTS)
def test_a_crash_mid_update_leaves_the_earlier_index_whole_and_the_next_ingest_updates_it(
    tmp_path: Path, moment: str,
) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    before = _rows(folder)
    question = "天水2017年质量月的联系电话"
    answer = Engine(open_compiled(folder), today=TODAY).ask(question).model_dump_json()  # type: ignore[arg-type]
    edit_copy(data, folder)
    child = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(data), str(folder), moment],
                           cwd=REPO, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _rows(folder) == before, "the earlier index is untouched"
    compiled = open_compiled(folder)
    assert compiled is not None, "and current for its folder"
    assert Engine(compiled, today=TODAY).ask(question).model_dump_json() == answer
    load_knowledge(folder)  # recovers: the unfinished staging folder, its copy with it, is removed
    assert sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.")) == []
    again = build_knowledge(data, previous=folder, keep_documents=False)
    write_knowledge(again, folder)
    assert again.index.startswith("updated")


# --- the copy the command line starts before building (compiler.early_index_copy) ---------------


def _pending(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.pending-"))


def _reingest_with(data: Path, folder: Path, copy: compiler.IndexCopy) -> IngestResult:
    """Re-ingest ``data`` into ``folder`` with an early index copy, which is discarded after."""
    result = build_knowledge(data, previous=folder, keep_documents=False)
    try:
        write_knowledge(result, folder, index_copy=copy)
    finally:
        copy.discard()
    return result


def _compiled_from_scratch(data: Path, folder: Path) -> Path:
    write_knowledge(build_knowledge(data, keep_documents=False), folder)
    return folder


def test_an_early_copy_is_updated_into_the_rows_of_a_compile_from_scratch(tmp_path: Path) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data, keep_documents=False), folder)
    copy = compiler.early_index_copy(folder)
    assert copy is not None and _pending(folder) == [copy.path.name]
    edit_copy(data, folder)
    result = _reingest_with(data, folder, copy)
    assert result.index.startswith("updated")
    assert _pending(folder) == []
    assert _rows(folder) == _rows(_compiled_from_scratch(data, tmp_path / "scratch"))


def test_an_early_copy_of_a_folder_replaced_meanwhile_is_not_updated(tmp_path: Path) -> None:
    """Another process (a bot's /reload) swapped the folder after the copy was taken: the copy
    is of an index no longer there, so the ingest does not update it (here: compiles)."""
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data, keep_documents=False), folder)
    copy = compiler.early_index_copy(folder)
    assert copy is not None
    copy.wait()
    edit_copy(data, folder)
    write_knowledge(build_knowledge(data, previous=folder, keep_documents=False), folder)  # the other process
    add_copy(data, folder)
    result = _reingest_with(data, folder, copy)
    assert result.index == "compiled: the previous index changed while it was copied"
    assert _rows(folder) == _rows(_compiled_from_scratch(data, tmp_path / "scratch"))
    assert _pending(folder) == []


def test_a_pending_copy_whose_maker_died_is_removed_and_a_live_one_is_left(tmp_path: Path) -> None:
    from bot.knowledge.swap import pending_path, recover

    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data, keep_documents=False), folder)
    dead = pending_path(folder, "index-copy")
    dead.write_bytes(b"half a copy")
    live = compiler.early_index_copy(folder)
    assert live is not None
    try:
        recover(folder)
        assert _pending(folder) == [live.path.name]
    finally:
        live.discard()
    assert _pending(folder) == []
