"""Ingest: malformed input is skipped with a reason, output is deterministic and atomic,
invalid knowledge is a clear error, corrections win and survive re-ingest."""

from __future__ import annotations

import codecs
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.ingest import IngestError, IngestResult, build_knowledge, diff_knowledge, write_knowledge
from bot.ingest.manifest import MANIFEST_NAME
from bot.ingest.pipeline import notice_files
from bot.ingest.readers import UnreadableNotice, decode_text, read_notice_bytes
from bot.knowledge import Knowledge
from bot.knowledge.index import INDEX_FILE
from bot.knowledge.schema import ContactFact, ThemeFact
from bot.knowledge.store import CORRECTIONS_DIR, KnowledgeError, load_knowledge
from tests.conftest import DATA, KNOWLEDGE, REPO, without_file_stats

TIANSHUI = "tianshui-2016-quality-month-notice"
BEIJING = "beijing-2024-quality-month-notice"
MAX_BYTES = 20_000

PLAIN_NOTICE = """关于开展2023年全市“质量月”活动的通知
为推动质量强市建设,市质量发展委员会决定于9月在全市开展“质量月”活动。今年活动的主题是:质量第一 品牌兴市。
请各单位于2023年9月28日前将活动总结报送市市场监管局质量发展科。
联系人:王小明,联系电话:0551-62345678。
安庆市质量发展委员会
2023年8月25日
"""


def snapshot(folder: Path, *, index: bool = True) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes); ``index=False`` leaves out the
    compiled index and the manifest's file stats, caches that record files' modification times."""
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
             if p.is_file() and (index or p.name != INDEX_FILE)}
    return files if index else without_file_stats(files)


def comparable(knowledge: Knowledge, doc: str) -> list[dict[str, object]]:
    """A document's facts without the parts that name the document."""
    return [f.model_dump(exclude={"id", "doc"}) for f in knowledge.documents[doc].facts]


# --- a folder of messy input --------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("messy")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "controls.txt").write_bytes(bytes(range(1, 9)) * 200 + "质量月".encode())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\r\n\t\n")
    (folder / "english.txt").write_text("Quality Month notice, but no Chinese at all.\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / ".hidden.txt").write_text("隐藏文件不读", encoding="utf-8")
    shutil.copy(DATA / "sichuan-2024-quality-month-notice.txt", folder / "oversized.txt")
    for doc in (TIANSHUI, BEIJING):
        text = (DATA / f"{doc}.txt").read_text(encoding="utf-8")
        (folder / f"{doc}-gbk.txt").write_bytes(text.encode("gb18030"))
    (folder / "plain.txt").write_text(PLAIN_NOTICE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def messy(messy_dir: Path) -> IngestResult:
    return build_knowledge(messy_dir, max_bytes=MAX_BYTES)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("junk.txt", "binary file"),
        ("controls.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("english.txt", "no Chinese text"),
        ("photo.png", "unsupported file type"),
        ("oversized.txt", "文件过大"),
    ],
)
def test_unreadable_file_is_skipped_with_its_reason(messy: IngestResult, name: str, reason: str) -> None:
    reasons = dict(messy.report.skipped)
    assert name in reasons
    assert reason in reasons[name]
    assert f"跳过 skipped {name}: " in messy.report.summary()


def test_readable_notices_are_ingested_beside_the_skipped_ones(messy: IngestResult) -> None:
    assert messy.report.documents == [f"{BEIJING}-gbk", "plain", f"{TIANSHUI}-gbk"]
    assert sorted(messy.knowledge.documents) == [f"{BEIJING}-gbk", "plain", f"{TIANSHUI}-gbk"]
    assert len(messy.report.skipped) == 7  # the hidden file is not looked at


@pytest.mark.parametrize("doc", [TIANSHUI, BEIJING])
def test_gbk_encoded_notice_gives_the_same_facts_as_the_utf8_one(
    messy: IngestResult, knowledge: Knowledge, doc: str
) -> None:
    assert comparable(messy.knowledge, f"{doc}-gbk") == comparable(knowledge, doc)
    gbk, utf8 = messy.knowledge.documents[f"{doc}-gbk"], knowledge.documents[doc]
    assert gbk.meta.model_dump(exclude={"doc", "source", "sha256"}) == utf8.meta.model_dump(
        exclude={"doc", "source", "sha256"})
    assert gbk.sections == utf8.sections


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("theme", "theme", "质量第一 品牌兴市"),
        ("contact", "persons", ["王小明"]),
        ("contact", "phones", ["0551-62345678"]),
        ("deadline", "date", "2023-09-28"),
        ("deadline", "to", "市市场监管局质量发展科"),
        ("issuer", "issuer", "安庆市质量发展委员会"),
        ("issuer", "date", "2023-08-25"),
    ],
)
def test_notice_without_headings_still_gives_its_facts(
    messy: IngestResult, kind: str, field: str, value: object
) -> None:
    facts = [f for f in messy.knowledge.documents["plain"].facts if f.kind == kind]
    assert value in [getattr(f, field) for f in facts]
    assert {f.section for f in facts} == {"正文"}


def test_notice_without_headings_has_its_metadata(messy: IngestResult) -> None:
    meta = messy.knowledge.documents["plain"].meta
    assert (meta.title, meta.title_derived) == ("关于开展2023年全市“质量月”活动的通知", False)
    assert [(u.region.name, u.year) for u in meta.units] == [("安庆市", 2023)]


def test_progress_is_reported_for_every_file(messy_dir: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    build_knowledge(messy_dir, max_bytes=MAX_BYTES, progress=lambda i, n, name: calls.append((i, n, name)))
    names = sorted(p.name for p in messy_dir.iterdir() if not p.name.startswith("."))
    assert calls == [(i, len(names), name) for i, name in enumerate(names, 1)]


def test_two_files_with_the_same_stem_are_not_both_ingested(tmp_path: Path) -> None:
    (tmp_path / "notice.md").write_text(PLAIN_NOTICE, encoding="utf-8")
    (tmp_path / "notice.txt").write_text(PLAIN_NOTICE, encoding="utf-8")
    report = build_knowledge(tmp_path).report
    assert report.documents == ["notice"]
    assert report.skipped == [("notice.txt", "same notice id as notice.md")]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param({"empty.txt": b"", "junk.txt": bytes(range(256))}, "no readable notice",
                     id="all-unreadable"),
        pytest.param({"photo.png": b"\x89PNG"}, "no readable notice", id="only-unsupported"),
        pytest.param({}, "no readable notice", id="empty-folder"),
    ],
)
def test_folder_with_nothing_readable_raises_ingest_error(
    tmp_path: Path, files: dict[str, bytes], message: str
) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(IngestError, match=message):
        build_knowledge(tmp_path)


def test_missing_folder_raises_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such folder"):
        build_knowledge(tmp_path / "absent")


# --- reading bytes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param("质量月活动通知".encode(), "质量月活动通知", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + "质量月活动通知".encode(), "质量月活动通知", id="utf-8-bom"),
        pytest.param("质量月活动通知".encode("utf-16"), "质量月活动通知", id="utf-16-bom"),
        pytest.param("质量月活动通知".encode("gbk"), "质量月活动通知", id="gbk"),
        pytest.param("質量月活動通知".encode("gb18030"), "質量月活動通知", id="gb18030-traditional"),
    ],
)
def test_text_is_decoded_from_any_usual_encoding(data: bytes, text: str) -> None:
    assert decode_text(data) == text


@pytest.mark.parametrize(
    ("name", "data", "max_bytes", "reason"),
    [
        ("a.txt", b"", 100, "empty file"),
        ("a.txt", b"\x00\x01\x02", 100, "binary file"),
        ("a.txt", b"only latin text", 100, "no Chinese text"),
        ("a.exe", "质量月".encode(), 100, "不支持的文件类型 .exe"),
        ("a", "质量月".encode(), 100, "无扩展名"),
        ("a.txt", "质量月".encode() * 100, 100, "文件过大"),
    ],
)
def test_unreadable_bytes_are_refused_with_a_reason(
    name: str, data: bytes, max_bytes: int, reason: str
) -> None:
    with pytest.raises(UnreadableNotice, match=reason):
        read_notice_bytes(name, data, max_bytes=max_bytes)


# --- deterministic, reproducible, atomic output ------------------------------------------------


def test_writing_the_same_knowledge_twice_gives_identical_bytes(built: IngestResult, tmp_path: Path) -> None:
    write_knowledge(built, tmp_path / "a")
    first = snapshot(tmp_path / "a", index=False)
    write_knowledge(built, tmp_path / "a")  # over itself
    write_knowledge(build_knowledge(DATA), tmp_path / "b")  # a second, independent build
    assert first
    assert snapshot(tmp_path / "a", index=False) == first
    assert snapshot(tmp_path / "b", index=False) == first


def test_cli_ingest_reproduces_the_committed_knowledge_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "knowledge"
    run = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", "data", "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "文档 documents: 5" in run.stdout
    produced, committed = snapshot(out, index=False), snapshot(KNOWLEDGE, index=False)
    produced.pop(MANIFEST_NAME)  # a cache for the next incremental ingest, not committed knowledge
    committed.pop(MANIFEST_NAME, None)
    assert sorted(produced) == sorted(committed)
    assert [name for name in committed if produced[name] != committed[name]] == []


def test_committed_knowledge_loads_and_equals_a_fresh_build(knowledge: Knowledge) -> None:
    assert load_knowledge(KNOWLEDGE) == knowledge


def test_failed_cli_ingest_leaves_existing_knowledge_untouched(tmp_path: Path) -> None:
    out = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, out)
    before = snapshot(out)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "junk.txt").write_bytes(bytes(range(256)))
    run = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(bad), "--out", str(out)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "no readable notice" in run.stderr
    assert "existing knowledge left unchanged" in run.stderr
    assert snapshot(out) == before


def test_failed_write_leaves_existing_knowledge_untouched_and_no_temporary_folder(
    built: IngestResult, tmp_path: Path
) -> None:
    out = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, out)
    (out / CORRECTIONS_DIR).mkdir()
    (out / CORRECTIONS_DIR / "broken.yaml").write_text(f"doc: {TIANSHUI}\nreplaces: []\n", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(KnowledgeError, match="replaces"):
        write_knowledge(built, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["knowledge"]


# --- invalid knowledge is a clear error -------------------------------------------------------------


def _unknown_meta_field(data: dict) -> None:
    data["meta"]["colour"] = "red"


def _fact_without_quote(data: dict) -> None:
    del data["facts"][0]["quote"]


def _fact_of_unknown_kind(data: dict) -> None:
    data["facts"][1]["kind"] = "rumour"


def _unknown_fact_field(data: dict) -> None:
    data["facts"][2]["phone"] = "0938-6822622"


def _units_not_a_list(data: dict) -> None:
    data["meta"]["units"] = "天水市"


def _future_schema(data: dict) -> None:
    data["schema_version"] = 2


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        pytest.param(_unknown_meta_field, "meta.colour", id="unknown-meta-field"),
        pytest.param(_fact_without_quote, "facts.0.theme.quote", id="fact-missing-quote"),
        pytest.param(_fact_of_unknown_kind, "facts.1", id="unknown-fact-kind"),
        pytest.param(_unknown_fact_field, "facts.2.contact.phone", id="unknown-fact-field"),
        pytest.param(_units_not_a_list, "meta.units", id="wrong-type"),
        pytest.param(_future_schema, "schema_version", id="unknown-schema-version"),
    ],
)
def test_invalid_knowledge_yaml_names_the_file_and_the_field(tmp_path: Path, mutate, field: str) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    path = folder / f"{TIANSHUI}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(folder)
    assert str(path) in str(err.value)
    assert f"field '{field}'" in str(err.value)


def test_unparsable_yaml_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    (folder / f"{TIANSHUI}.yaml").write_text("meta: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=f"{TIANSHUI}.yaml: cannot read YAML"):
        load_knowledge(folder)


QUOTELESS_THEME = {"id": "x", "doc": TIANSHUI, "section": "正文", "kind": "theme", "theme": "新主题"}


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        pytest.param({"doc": TIANSHUI, "replaces": []}, "fix.yaml: field 'replaces'", id="unknown-field"),
        pytest.param({"doc": TIANSHUI, "add": [QUOTELESS_THEME]}, "fix.yaml: field 'add.0.theme.quote'",
                     id="added-fact-missing-quote"),
        pytest.param({"doc": "no-such-notice", "drop": ["x"]}, "unknown notice 'no-such-notice'",
                     id="unknown-notice"),
    ],
)
def test_invalid_correction_names_the_file_and_the_field(
    tmp_path: Path, correction: dict, message: str
) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    (folder / CORRECTIONS_DIR).mkdir()
    (folder / CORRECTIONS_DIR / "fix.yaml").write_text(yaml.safe_dump(correction, allow_unicode=True),
                                                        encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(folder)


# --- corrections take precedence and survive re-ingest --------------------------------------------

CONTACT_ID = f"{TIANSHUI}:contact:1"
AWARD_ID = f"{TIANSHUI}:award:1"
ADDED_ID = f"{TIANSHUI}:theme:99"
CORRECTION = {
    "doc": TIANSHUI,
    "drop": [AWARD_ID],
    "replace": [{
        "id": CONTACT_ID, "doc": TIANSHUI, "section": "五、活动要求 > (三)提升活动实际成效",
        "quote": "联系人:杨维斌 联系电话:0938-6822622", "kind": "contact",
        "persons": ["杨维斌"], "phones": ["0938-6822622", "0938-6822000"],
    }],
    "add": [{
        "id": ADDED_ID, "doc": TIANSHUI, "section": "正文", "quote": "实施质量强市战略,推进卓越天水建设",
        "kind": "theme", "theme": "质善质美、卓越天水",
    }],
    "meta": {"title": "天水市2016年“质量月”活动通知(更正)"},
}


def corrected_folder(built: IngestResult, folder: Path) -> Path:
    write_knowledge(built, folder)
    (folder / CORRECTIONS_DIR).mkdir()
    (folder / CORRECTIONS_DIR / "tianshui.yaml").write_text(yaml.safe_dump(CORRECTION, allow_unicode=True),
                                                             encoding="utf-8")
    return folder


def assert_corrected(knowledge: Knowledge, built: IngestResult) -> None:
    doc = knowledge.documents[TIANSHUI]
    facts = {f.id: f for f in doc.facts}
    assert AWARD_ID not in facts
    contact = facts[CONTACT_ID]
    assert isinstance(contact, ContactFact)
    assert contact.phones == ["0938-6822622", "0938-6822000"]
    assert (contact.fax, contact.source) == ([], "correction")
    added = facts[ADDED_ID]
    assert isinstance(added, ThemeFact)
    assert (added.theme, added.source) == ("质善质美、卓越天水", "correction")
    assert doc.meta.title == "天水市2016年“质量月”活动通知(更正)"
    assert len(doc.facts) == len(built.knowledge.documents[TIANSHUI].facts)  # one dropped, one added


def test_correction_replaces_adds_and_drops_facts_on_load(built: IngestResult, tmp_path: Path) -> None:
    assert_corrected(load_knowledge(corrected_folder(built, tmp_path / "knowledge")), built)


def test_correction_leaves_other_notices_alone(built: IngestResult, tmp_path: Path) -> None:
    loaded = load_knowledge(corrected_folder(built, tmp_path / "knowledge"))
    for doc in built.knowledge.documents:
        if doc != TIANSHUI:
            assert loaded.documents[doc] == built.knowledge.documents[doc]


def test_correction_survives_reingest(built: IngestResult, tmp_path: Path) -> None:
    folder = corrected_folder(built, tmp_path / "knowledge")
    kept = (folder / CORRECTIONS_DIR / "tianshui.yaml").read_bytes()
    write_knowledge(build_knowledge(DATA), folder)
    assert (folder / CORRECTIONS_DIR / "tianshui.yaml").read_bytes() == kept
    assert_corrected(load_knowledge(folder), built)


def test_correction_survives_cli_reingest(built: IngestResult, tmp_path: Path) -> None:
    folder = corrected_folder(built, tmp_path / "knowledge")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", "data", "--out", str(folder)],
                         cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert_corrected(load_knowledge(folder), built)


def test_generated_files_do_not_bake_corrections_in(built: IngestResult, tmp_path: Path) -> None:
    folder = corrected_folder(built, tmp_path / "knowledge")
    write_knowledge(built, folder)
    generated = {k: v for k, v in snapshot(folder, index=False).items()
                 if not k.startswith(CORRECTIONS_DIR) and k != MANIFEST_NAME}
    committed = {k: v for k, v in snapshot(KNOWLEDGE, index=False).items() if k != MANIFEST_NAME}
    assert generated == committed


# --- what changed ------------------------------------------------------------------------------------


def test_diff_of_identical_knowledge_is_empty(knowledge: Knowledge) -> None:
    diff = diff_knowledge(knowledge, load_knowledge(KNOWLEDGE))
    assert diff.empty
    assert "no change" in diff.summary()


def test_diff_names_added_removed_and_changed_notices(built: IngestResult, messy: IngestResult,
                                                      tmp_path: Path) -> None:
    old = built.knowledge
    new = load_knowledge(corrected_folder(built, tmp_path / "knowledge"))
    new = Knowledge.of([*(d for n, d in new.documents.items() if n != BEIJING),
                        messy.knowledge.documents["plain"]])
    diff = diff_knowledge(old, new)
    assert (diff.added_docs, diff.removed_docs, diff.changed_docs) == (["plain"], [BEIJING], [TIANSHUI])
    assert diff.changed_facts == 1  # the replaced contact
    assert diff.added_facts == 1 + len(new.documents["plain"].facts)
    assert diff.removed_facts == 1 + len(old.documents[BEIJING].facts)


# --- folders and replacing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "ingested"),
    [
        ("anqing.txt", True),
        ("2023/anqing.txt", True),  # notices filed by year
        ("安徽/安庆/anqing.txt", True),  # ... or by region, several levels deep
        (".drafts/anqing.txt", False),  # hidden folders are not notices
        ("2023/.anqing.txt", False),
    ],
)
def test_notices_in_subfolders_are_read_and_hidden_ones_are_not(tmp_path: Path, relative: str, ingested: bool) -> None:
    path = tmp_path / "data" / relative
    path.parent.mkdir(parents=True)
    path.write_text(PLAIN_NOTICE, encoding="utf-8")
    (tmp_path / "data" / "other.txt").write_text(PLAIN_NOTICE.replace("安庆", "芜湖"), encoding="utf-8")
    result = build_knowledge(tmp_path / "data")
    sources = {d.meta.source for d in result.knowledge.documents.values()}
    assert (relative in sources) is ingested


LINKS = [
    # (id, symbolic link under data/ -> its target under the test folder, found as a notice file)
    ("link-to-a-file", "linked.txt", "elsewhere/anqing.txt", ["linked.txt"]),
    ("link-to-a-folder-not-followed", "linked", "elsewhere", []),  # as rglob("*") does
    ("dangling-link", "gone.txt", "elsewhere/none.txt", []),
]


@pytest.mark.parametrize(("link", "target", "found"), [pytest.param(*c[1:], id=c[0]) for c in LINKS])
def test_notice_files_finds_what_rglob_finds(tmp_path: Path, link: str, target: str, found: list[str]) -> None:
    data = tmp_path / "data"
    (data / "2023").mkdir(parents=True)
    (data / "2023" / "anqing.txt").write_text(PLAIN_NOTICE, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "anqing.txt").write_text(PLAIN_NOTICE, encoding="utf-8")
    (data / link).symlink_to(tmp_path / target)
    names = [p.relative_to(data).as_posix() for p in notice_files(data)]
    assert names == sorted(["2023/anqing.txt", *found])
    assert notice_files(data) == sorted(p for p in data.rglob("*") if p.is_file())


def test_cli_ingest_says_what_replacing_an_existing_folder_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "anqing.txt").write_text(PLAIN_NOTICE, encoding="utf-8")
    out = tmp_path / "knowledge"
    command = [sys.executable, "-m", "bot.cli", "ingest", str(data), "--out", str(out)]
    first = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0 and "replaced" not in first.stdout
    (data / "wuhu.txt").write_text(PLAIN_NOTICE.replace("安庆", "芜湖"), encoding="utf-8")
    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0
    assert f"replaced the knowledge in {out}" in second.stdout and "新增通知: wuhu" in second.stdout
