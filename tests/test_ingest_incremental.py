"""Incremental and parallel ingest give exactly what a from-scratch ingest gives.

Each case starts from a knowledge folder written by an ingest of a small data folder (the seeds,
a notice in a subfolder, an unreadable file, an unsupported one), changes the data folder, and
re-ingests it incrementally into that folder and from scratch into another: every byte of the two
folders (YAML and manifest), the reports and the loaded knowledge must be equal, and only the files
that changed may have been built again.
"""

from __future__ import annotations

import copy
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import bot.ingest.pipeline as pipeline
from bot.ingest import build_knowledge, write_knowledge
from bot.ingest.manifest import MANIFEST_NAME, unchanged_by_stat
from bot.ingest.pipeline import IngestResult, diff_written, knowledge_after
from bot.knowledge.index import INDEX_FILE
from bot.knowledge.store import (
    CORRECTIONS_DIR,
    _document_events,
    _Dumper,
    _NotPlainData,
    _PureDumper,
    dump_document,
    load_knowledge,
)
from tests.conftest import DATA, without_file_stats

TIANSHUI = "tianshui-2016-quality-month-notice"
SICHUAN = "sichuan-2024-quality-month-notice"
BEIJING = "beijing-2024-quality-month-notice"
NATIONAL = "national-2014-quality-month-notice"

Change = Callable[[Path, Path], None]  # (data folder, knowledge folder) -> None


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file but the compiled index, and the manifest without its file stats (both record
    files' modification times)."""
    return without_file_stats({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                               if p.is_file() and p.name != INDEX_FILE})


def seed_data(folder: Path) -> Path:
    """The seeds, one of them in a subfolder, plus a file that cannot be read and one that is no notice."""
    folder.mkdir(parents=True)
    for p in sorted(DATA.glob("*.txt")):
        target = folder / "2014" / p.name if p.stem == NATIONAL else folder / p.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(p, target)
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def edit(name: str, old: str, new: str) -> Change:
    def change(data: Path, _knowledge: Path) -> None:
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return change


def remove(name: str) -> Change:
    return lambda data, _knowledge: (data / name).unlink()


def add(name: str, like: str, old: str, new: str) -> Change:
    def change(data: Path, _knowledge: Path) -> None:
        (data / name).write_text((DATA / like).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return change


def drop_yaml(doc: str) -> Change:
    return lambda _data, knowledge: (knowledge / f"{doc}.yaml").unlink()


def edit_yaml(doc: str) -> Change:
    def change(_data: Path, knowledge: Path) -> None:
        path = knowledge / f"{doc}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("北京", "北平"), encoding="utf-8")
    return change


def corrupt_manifest(_data: Path, knowledge: Path) -> None:
    (knowledge / MANIFEST_NAME).write_text("{not json", encoding="utf-8")


def same_id_earlier(_data: Path, _knowledge: Path) -> None:
    """A .md with the stem of an ingested .txt sorts first and takes the notice id over."""
    shutil.copy(_data / f"{BEIJING}.txt", _data / f"{BEIJING}.md")
    edit(f"{BEIJING}.md", "北京", "北京市")(_data, _knowledge)


def nothing(_data: Path, _knowledge: Path) -> None:
    return None


CASES = [
    # (id, change, files read and built again by the incremental run)
    ("unchanged", nothing, 0),
    ("one-changed", edit(f"{TIANSHUI}.txt", "天水", "平凉"), 1),
    ("one-changed-in-subfolder", edit(f"2014/{NATIONAL}.txt", "2014", "2015"), 1),
    ("one-removed", remove(f"{SICHUAN}.txt"), 0),
    ("one-added", add("lanzhou-2016-notice.txt", f"{TIANSHUI}.txt", "天水", "兰州"), 1),
    ("one-turned-unreadable", lambda d, _k: (d / f"{TIANSHUI}.txt").write_bytes(b"\x00" * 64), 1),
    ("unreadable-repaired", lambda d, _k: shutil.copy(DATA / f"{TIANSHUI}.txt", d / "junk.txt"), 1),
    ("same-id-file-sorts-first", same_id_earlier, 1),
    ("yaml-deleted-by-hand", drop_yaml(BEIJING), 1),
    ("yaml-edited-by-hand", edit_yaml(BEIJING), 1),
    ("manifest-unreadable", corrupt_manifest, 6),
]


def ingest_twice(tmp_path: Path, change: Change, *, seed: Callable[[Path], Path] | None = None,
                 corrections: bool = False) -> tuple[Path, IngestResult, Path, IngestResult]:
    """Ingest, apply ``change``, re-ingest incrementally; and ingest the changed data from scratch
    (with the incremental folder's hand corrections when ``corrections``)."""
    data = (seed or seed_data)(tmp_path / "data")
    incremental = tmp_path / "incremental"
    write_knowledge(build_knowledge(data), incremental)
    change(data, incremental)
    again = build_knowledge(data, previous=incremental, keep_documents=False)  # as the command line does
    write_knowledge(again, incremental)
    scratch = tmp_path / "scratch"
    if corrections and (incremental / CORRECTIONS_DIR).is_dir():
        shutil.copytree(incremental / CORRECTIONS_DIR, scratch / CORRECTIONS_DIR)
    fresh = build_knowledge(data)
    write_knowledge(fresh, scratch)
    return incremental, again, scratch, fresh


def assert_written_as_from_scratch(again: IngestResult, folder: Path, data: Path, scratch: Path) -> None:
    """Write an incremental result and check its folder is byte for byte a from-scratch ingest's."""
    write_knowledge(again, folder)
    write_knowledge(build_knowledge(data), scratch)
    assert snapshot(folder) == snapshot(scratch)


@pytest.mark.parametrize(("change", "rebuilt"), [pytest.param(c, n, id=i) for i, c, n in CASES])
def test_incremental_ingest_equals_a_from_scratch_ingest(tmp_path: Path, change: Change, rebuilt: int) -> None:
    incremental, again, scratch, fresh = ingest_twice(tmp_path, change)
    assert snapshot(incremental) == snapshot(scratch)
    assert again.report == fresh.report
    assert again.processed == rebuilt
    assert again.knowledge == fresh.knowledge
    assert load_knowledge(incremental) == load_knowledge(scratch)


def test_the_second_of_two_same_id_files_is_built_once_the_first_is_gone(tmp_path: Path) -> None:
    data = seed_data(tmp_path / "data")
    same_id_earlier(data, tmp_path)
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    (data / f"{BEIJING}.md").unlink()
    again = build_knowledge(data, previous=folder)
    assert list(again.texts) == [BEIJING]  # it lost to the .md before, so nothing was kept of it
    assert_written_as_from_scratch(again, folder, data, tmp_path / "scratch")


def test_a_new_pipeline_fingerprint_rebuilds_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    before = snapshot(folder)
    monkeypatch.setattr(pipeline, "pipeline_fingerprint", lambda limits: "code-changed")
    again = build_knowledge(data, previous=folder)
    assert (len(again.texts), len(again.reused)) == (5, 0)
    write_knowledge(again, folder)
    after = snapshot(folder)
    assert after.pop(MANIFEST_NAME) != before.pop(MANIFEST_NAME)
    assert after == before


def test_new_read_limits_rebuild_everything(tmp_path: Path) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    small = build_knowledge(data, previous=folder, max_bytes=20_000)  # the larger seeds are now refused
    assert small.reused == {}
    assert any("文件过大" in why for _, why in small.report.skipped)


# --- the bot's reload: unchanged documents are reused from memory ---------------------------------


@pytest.mark.parametrize(
    ("change", "correction"),
    [
        pytest.param(edit(f"{TIANSHUI}.txt", "天水", "平凉"), None, id="changed-no-corrections"),
        pytest.param(nothing, {"doc": BEIJING, "meta": {"title": "北京市质量月通知"}}, id="correction-on-unchanged"),
        pytest.param(remove(f"{SICHUAN}.txt"), {"doc": TIANSHUI, "drop": [f"{TIANSHUI}:theme:1"]},
                     id="removed-and-correction"),
    ],
)
def test_knowledge_after_a_reload_equals_loading_the_written_folder(
    tmp_path: Path, change: Change, correction: dict[str, object] | None
) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    current = load_knowledge(folder)
    if correction is not None:  # written by hand while the bot runs
        (folder / CORRECTIONS_DIR).mkdir()
        (folder / CORRECTIONS_DIR / "fix.yaml").write_text(yaml.safe_dump(correction, allow_unicode=True),
                                                            encoding="utf-8")
    change(data, folder)
    result = build_knowledge(data, previous=folder)
    new = knowledge_after(result, current, folder)
    write_knowledge(result, folder)
    assert new == load_knowledge(folder)


def test_diff_of_an_incremental_run_reads_only_what_changed(tmp_path: Path) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    edit(f"{TIANSHUI}.txt", "天水", "平凉")(data, folder)
    remove(f"{SICHUAN}.txt")(data, folder)
    diff = diff_written(folder, build_knowledge(data, previous=folder))
    assert (diff.added_docs, diff.removed_docs, diff.changed_docs) == ([], [SICHUAN], [TIANSHUI])


# --- parallel: same result, same order, a failing file reported -------------------------------------


def test_parallel_ingest_gives_the_serial_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = seed_data(tmp_path / "data")
    serial = build_knowledge(data, workers=1)
    monkeypatch.setattr(pipeline, "_pool_context", lambda: (pipeline.multiprocessing.get_context("fork"), 1))
    calls: list[str] = []
    parallel = build_knowledge(data, workers=2, progress=lambda i, n, name: calls.append(name))
    assert parallel.report == serial.report
    assert parallel.texts == serial.texts
    assert list(parallel.built) == list(serial.built)
    assert parallel.knowledge == serial.knowledge
    assert calls == [p.relative_to(data).as_posix() for p in pipeline.notice_files(data)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_breaks_the_pipeline_is_reported_and_the_others_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    data = seed_data(tmp_path / "data")
    real = pipeline.build_document

    def breaks_on_tianshui(doc: str, source: str, raw: str, sha256: str):  # type: ignore[no-untyped-def]
        if doc == TIANSHUI:
            raise RuntimeError("boom")
        return real(doc, source, raw, sha256)

    monkeypatch.setattr(pipeline, "build_document", breaks_on_tianshui)
    monkeypatch.setattr(pipeline, "_pool_context", lambda: (pipeline.multiprocessing.get_context("fork"), 1))
    result = build_knowledge(data, workers=workers)
    reasons = dict(result.report.skipped)
    assert "RuntimeError: boom" in reasons[f"{TIANSHUI}.txt"]
    assert sorted(result.texts) == sorted([BEIJING, NATIONAL, SICHUAN, "provinces-2022-quality-month-roundup"])


# --- libyaml's emitter writes PyYAML's bytes --------------------------------------------------------

AWKWARD = [
    "plain", "", " leading space", "trailing space ", "two\nlines", "trailing newline\n", "\nleading newline",
    "tab\there", "colon: inside", "- dash first", "# hash first", "yes", "null", "~", "123", "1.5", "0o17",
    "2024-09-01", "'quoted'", '"double"', "质量月“引号”", "全角：冒号", "\u3000全角空格", "a" * 250,
    "质量" * 120, "line one\n  indented two\n", "ends with spaces  \nnext", "\u2028separator", "NUL-free \x07 bell",
    "{brace}", "[bracket]", "*star", "&amp", "!bang", "%percent", "@at", "`tick", "a,b", "?q",
]


#: Characters libyaml escapes where PyYAML does not: a document holding one is dumped by PyYAML.
DIFFERENT_IN_LIBYAML = ["生僻字𠀀名", "next line\x85"]


@pytest.mark.parametrize("value", AWKWARD)
def test_libyaml_dumper_writes_the_bytes_of_pyyaml(value: str) -> None:
    data = {"k": value, "list": [value, {"nested": value}]}
    kwargs = {"allow_unicode": True, "sort_keys": False, "width": 100}
    assert _Dumper is not _PureDumper
    assert yaml.dump(data, Dumper=_Dumper, **kwargs) == yaml.dump(data, Dumper=_PureDumper, **kwargs)


@pytest.mark.parametrize("value", DIFFERENT_IN_LIBYAML)
def test_a_document_with_characters_libyaml_escapes_is_dumped_as_pyyaml_does(
    built: IngestResult, value: str
) -> None:
    doc = built.knowledge.documents[TIANSHUI]
    odd = doc.model_copy(update={"warnings": [value]})
    kwargs = {"allow_unicode": True, "sort_keys": False, "width": 100}
    assert yaml.dump(value, Dumper=_Dumper, **kwargs) != yaml.dump(value, Dumper=_PureDumper, **kwargs)
    assert dump_document(odd) == dump_document(odd, pure=True)


@pytest.mark.parametrize("value", [*AWKWARD, 0, 7, -12, True, False, None, [], {}, [[]], {"empty": {}}, ["a", 1, None]])
def test_events_made_from_the_data_are_the_ones_yaml_dump_makes(value: object) -> None:
    fresh = copy.deepcopy  # one object twice is an alias (below)
    data = {"k": fresh(value), "list": [fresh(value), {"nested": fresh(value)}], "quote": "x", "2024": "a number's key"}
    if isinstance(value, str):
        data[value] = "the value as a key"
    kwargs = {"allow_unicode": True, "width": 100}
    assert (yaml.emit(_document_events(data), Dumper=_Dumper, **kwargs)
            == yaml.dump(data, Dumper=_Dumper, sort_keys=False, **kwargs))


@pytest.mark.parametrize("data", [{"a": 1.5}, {"a": (shared := ["x"]), "b": shared}, {"a": b"bytes"},
                                  {"a": DIFFERENT_IN_LIBYAML[0]}, {DIFFERENT_IN_LIBYAML[1]: "a key"}])
def test_data_yaml_dump_writes_otherwise_is_left_to_it(data: dict[str, object]) -> None:
    """A float, a list met twice (an alias), bytes and characters libyaml escapes: written by
    yaml.dump (with PyYAML's emitter for the last)."""
    with pytest.raises(_NotPlainData):
        _document_events(data)


def test_libyaml_dumper_writes_the_seed_knowledge_as_pyyaml_does(built: IngestResult) -> None:
    for doc in built.knowledge.documents.values():
        assert dump_document(doc) == dump_document(doc, pure=True), doc.meta.doc


def test_an_ingest_stopped_midway_raises_and_shuts_its_pool_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = seed_data(tmp_path / "data")
    monkeypatch.setattr(pipeline, "_pool_context", lambda: (pipeline.multiprocessing.get_context("fork"), 1))

    def stop(i: int, n: int, name: str) -> None:
        if i == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_knowledge(data, workers=2, progress=stop)


# --- what stat proves unchanged is not hashed again ------------------------------------------------


SECOND_NS = 1_000_000_000


def later(path: Path, by_ns: int = 10 * SECOND_NS) -> None:
    """Move a file's modification time ``by_ns`` past now."""
    then = time.time_ns() + by_ns
    os.utime(path, ns=(then, then))


def touch(name: str) -> Change:
    return lambda data, _knowledge: later(data / name)


def edit_keeping_time(name: str, old: str, new: str) -> Change:
    """A same-size rewrite that puts the modification time back (as ``cp -p`` or ``rsync -t`` do)."""
    def change(data: Path, knowledge: Path) -> None:
        before = (data / name).stat()
        edit(name, old, new)(data, knowledge)
        assert (data / name).stat().st_size == before.st_size
        os.utime(data / name, ns=(before.st_atime_ns, before.st_mtime_ns))
    return change


def touch_yaml(doc: str) -> Change:
    return lambda _data, knowledge: later(knowledge / f"{doc}.yaml")


def manifest_as_old_as_the_data(data: Path, knowledge: Path) -> None:
    """The manifest's time no later than any data file's: a file may have been rewritten in the
    clock tick it was recorded in, so nothing written since that tick is trusted by its stat."""
    t = min(p.stat().st_mtime_ns for p in data.rglob("*") if p.is_file())
    os.utime(knowledge / MANIFEST_NAME, ns=(t, t))


STAT_CASES = [
    # (id, change, files built again, data files hashed to decide it, YAML files hashed)
    ("unchanged", nothing, 0, 0, 0),
    ("data-touched", touch(f"{TIANSHUI}.txt"), 0, 1, 0),
    ("data-edited-same-size", edit(f"{TIANSHUI}.txt", "天水", "平凉"), 1, 1, 0),
    ("data-edited-same-size-and-time", edit_keeping_time(f"{TIANSHUI}.txt", "天水", "平凉"), 1, 1, 0),
    ("unreadable-touched", touch("junk.txt"), 0, 1, 0),
    ("yaml-touched", touch_yaml(BEIJING), 0, 0, 1),
    ("yaml-edited-same-size", edit_yaml(BEIJING), 1, 0, 1),
    ("manifest-not-older-than-the-files", manifest_as_old_as_the_data, 0, 6, 5),
]


@pytest.mark.parametrize(("change", "rebuilt", "data_hashed", "yaml_hashed"),
                         [pytest.param(*c[1:], id=c[0]) for c in STAT_CASES])
def test_stat_spares_hashing_unchanged_files_and_never_hides_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Change, rebuilt: int, data_hashed: int,
    yaml_hashed: int,
) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    later(folder / MANIFEST_NAME)  # time passes: every file was written before the manifest
    change(data, folder)
    hashed: Counter[str] = Counter()

    def counting(kind: str, real: Callable[..., str]) -> Callable[..., str]:
        def hash_of(*args: object) -> str:
            hashed[kind] += 1
            return real(*args)
        return hash_of

    monkeypatch.setattr(pipeline, "file_sha256", counting("data", pipeline.file_sha256))
    monkeypatch.setattr(pipeline, "yaml_sha256", counting("yaml", pipeline.yaml_sha256))
    again = build_knowledge(data, previous=folder, keep_documents=False)
    monkeypatch.undo()
    # each file built again is hashed once more while it is built
    assert (again.processed, hashed["data"] - again.processed, hashed["yaml"]) == (rebuilt, data_hashed, yaml_hashed)
    assert_written_as_from_scratch(again, folder, data, tmp_path / "scratch")


def test_a_file_hashed_once_is_trusted_by_its_new_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = seed_data(tmp_path / "data")
    folder = tmp_path / "knowledge"
    write_knowledge(build_knowledge(data), folder)
    touch(f"{TIANSHUI}.txt")(data, folder)
    write_knowledge(build_knowledge(data, previous=folder), folder)  # hashes it, records its new stat
    later(folder / MANIFEST_NAME)
    monkeypatch.setattr(pipeline, "file_sha256", lambda *_a: pytest.fail("hashed again"))
    monkeypatch.setattr(pipeline, "yaml_sha256", lambda *_a: pytest.fail("hashed again"))
    assert build_knowledge(data, previous=folder).processed == 0


@pytest.mark.parametrize(
    ("now", "recorded", "written_ns", "trusted"),
    [
        pytest.param([5, 100, 100, 7], [5, 100, 100, 7], 101, True, id="same-and-older"),
        pytest.param([5, 100, 100, 7], None, 101, False, id="not-recorded"),
        pytest.param([6, 100, 100, 7], [5, 100, 100, 7], 101, False, id="other-size"),
        pytest.param([5, 101, 101, 7], [5, 100, 100, 7], 200, False, id="other-time"),
        pytest.param([5, 100, 150, 7], [5, 100, 100, 7], 200, False, id="other-change-time"),
        pytest.param([5, 100, 100, 8], [5, 100, 100, 7], 101, False, id="other-inode"),
        pytest.param([5, 100, 100, 7], [5, 100, 100, 7], 100, False, id="racy-same-tick-as-manifest"),
        pytest.param([5, 100, 100, 7], [5, 100, 100, 7], 0, False, id="manifest-time-unknown"),
        pytest.param([5, 100, 7], [5, 100, 7], 101, True, id="yaml-same-and-older"),
        pytest.param([5, 100, 7], [5, 100, 7], 100, False, id="yaml-racy"),
    ],
)
def test_unchanged_by_stat(now: list[int], recorded: list[int] | None, written_ns: int, trusted: bool) -> None:
    assert unchanged_by_stat(now, recorded, written_ns) is trusted
