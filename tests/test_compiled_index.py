"""The compiled knowledge index answers exactly as the in-memory knowledge does, stays in step
with its YAML (stale or missing: rebuilt on load) and is swapped together with it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from bot.answering.engine import Engine
from bot.ingest import IngestResult, build_knowledge, write_knowledge
from bot.knowledge import Knowledge
from bot.knowledge.index import INDEX_FILE, CompiledKnowledge, fingerprint, open_compiled
from bot.knowledge.schema import DocumentMeta
from bot.knowledge.store import load_knowledge, open_knowledge
from bot.telegram.formatting import example_questions, render_help, render_sources
from tests.conftest import DATA, REPO, TODAY

DEV = REPO.parent / "shared" / "eval" / "dev.yaml"

# Questions of the test suite beside the development set: typed, open, not found, typos,
# all notices, two questions at once, page rows.
OWN_QUESTIONS = [
    "2024年四川质量月的活动主题是什么?",
    "天水质量月联系人和联系电话",
    "天水质量月通知文号",
    "四川的活动总结要在什么时候之前报送?",
    "质量月的活动主题是什么?",
    "有哪些活动",
    "2019年四川质量月的主题",
    "西藏质量月的主题是什么",
    "2024年四川质量月活洞主提是什么",
    "北京质量月启动仪式在哪开的?谁主持?",
    "全国质量月活动联合了多少个部门?",
    "教育厅9月份抽检哪些地方?",
    "自贡市质量月开展了什么活动",
    "河北质量月有哪些活动",
    "四川质量月活动内容第一项是啥",
    "传真多少",
    "谢谢",
    "",
]
# Conversations: each is asked in order in one chat.
OWN_CHATS = [
    ["四川质量月的联系电话", "那传真呢", "那四川的呢", "北京的呢"],
    ["天水2016年质量月的主题", "联系人是谁", "材料啥时候交"],
]


def _dev_items() -> list[dict[str, object]]:
    if not DEV.exists():
        return []
    return list(yaml.safe_load(DEV.read_text(encoding="utf-8")))


def _conversations() -> list[tuple[str, list[tuple[str, str | None]]]]:
    """(id, [(question, chat)]): one per standalone question, one per chat of the dev set."""
    out: list[tuple[str, list[tuple[str, str | None]]]] = []
    chats: dict[str, list[tuple[str, str | None]]] = {}
    for item in _dev_items():
        chat = item.get("chat")
        q = str(item["q"])
        if chat:
            chats.setdefault(str(chat), []).append((q, str(chat)))
        else:
            out.append((str(item["id"]), [(q, None)]))
    out += [(f"dev-chat-{c}", turns) for c, turns in chats.items()]
    out += [(f"own-{i}", [(q, None)]) for i, q in enumerate(OWN_QUESTIONS)]
    out += [(f"own-chat-{i}", [(q, "c") for q in turns]) for i, turns in enumerate(OWN_CHATS)]
    return out


CONVERSATIONS = _conversations()


@pytest.fixture(scope="module")
def folder(built: IngestResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed knowledge written through the real pipeline (YAML plus compiled index)."""
    out = tmp_path_factory.mktemp("compiled") / "knowledge"
    write_knowledge(built, out)
    return out


@pytest.fixture(scope="module")
def both(folder: Path) -> tuple[Knowledge, Knowledge]:
    memory = load_knowledge(folder)
    compiled = open_knowledge(folder)
    assert isinstance(compiled, CompiledKnowledge)
    return memory, compiled


@pytest.mark.parametrize(("name", "turns"), CONVERSATIONS, ids=[c[0] for c in CONVERSATIONS])
def test_compiled_index_answers_as_the_in_memory_knowledge(
    both: tuple[Knowledge, Knowledge], name: str, turns: list[tuple[str, str | None]],
) -> None:
    memory, compiled = both
    engines = Engine(memory, today=TODAY), Engine(compiled, today=TODAY)
    for question, chat in turns:
        a, b = (e.ask(question, chat).model_dump_json() for e in engines)
        assert a == b, f"{name}: {question}"


def test_the_development_questions_are_compared() -> None:
    if not DEV.exists():
        pytest.skip("development questions not present (../shared/eval/dev.yaml)")
    assert sum(len(turns) for _n, turns in CONVERSATIONS) >= len(_dev_items()) + len(OWN_QUESTIONS)


def test_why_is_the_same_with_both_backends(both: tuple[Knowledge, Knowledge]) -> None:
    memory, compiled = both
    q = "天水2016年质量月的启动仪式在哪里举行"
    assert Engine(memory, today=TODAY).why(q) == Engine(compiled, today=TODAY).why(q)


def test_the_knowledge_interface_is_the_same(both: tuple[Knowledge, Knowledge]) -> None:
    memory, compiled = both
    assert list(compiled.documents) == list(memory.documents)
    assert len(compiled.documents) == len(memory.documents)
    for doc, d in memory.documents.items():
        assert compiled.documents[doc] == d
        assert compiled.documents.get(doc) == d
    assert compiled.documents.get("no-such-notice") is None
    assert "no-such-notice" not in compiled.documents
    assert [u.key for u in compiled.units()] == [u.key for u in memory.units()]
    assert compiled.units() == memory.units()
    assert compiled.deadlines() == memory.deadlines()
    assert compiled.facts == memory.facts
    for u in memory.units():
        assert compiled.unit(*u.key) == u
    doc = next(iter(memory.documents.values()))
    for s in doc.sections:
        label = " > ".join(s.path)
        assert compiled.section_text(doc.meta.doc, label) == memory.section_text(doc.meta.doc, label)


# (sentences cached, ids asked at once): more ids than the cache holds, some of them cached before
@pytest.mark.parametrize(("cache", "cached_first"), [(1, 0), (3, 2), (5, 5), (100_000, 10)])
def test_reading_more_sentences_than_the_cache_holds(
    folder: Path, monkeypatch: pytest.MonkeyPatch, cache: int, cached_first: int,
) -> None:
    import bot.knowledge.index as index_module

    reference = CompiledKnowledge.open(folder / INDEX_FILE)
    monkeypatch.setattr(index_module, "SENTENCE_CACHE", cache)
    small = CompiledKnowledge.open(folder / INDEX_FILE)
    assert small.reader is not None and reference.reader is not None
    unit = reference.units()[0]
    ids = list(reference.reader.unit_ids(unit.key))
    assert len(ids) > 10
    small.reader.get(ids[:cached_first])
    assert small.reader.get(ids) == reference.reader.get(ids)
    assert small.reader.get([*ids, *ids[:3]]) == reference.reader.get([*ids, *ids[:3]])


def test_ingest_writes_a_current_index_beside_the_yaml(folder: Path) -> None:
    assert (folder / INDEX_FILE).is_file()
    assert open_compiled(folder) is not None


def _copy(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / "knowledge"
    shutil.copytree(folder, out)  # copy2: modification times kept, so the index stays current
    return out


def test_a_folder_without_an_index_gets_one_on_load(folder: Path, tmp_path: Path) -> None:
    copy = _copy(folder, tmp_path)
    (copy / INDEX_FILE).unlink()
    assert open_compiled(copy) is None
    loaded = open_knowledge(copy)
    assert isinstance(loaded, CompiledKnowledge)
    assert (copy / INDEX_FILE).is_file()


def test_an_edited_correction_makes_the_index_stale_and_it_is_rebuilt(
    folder: Path, tmp_path: Path, both: tuple[Knowledge, Knowledge],
) -> None:
    copy = _copy(folder, tmp_path)
    memory = both[0]
    doc = "sichuan-2024-quality-month-notice"
    theme = next(f for f in memory.documents[doc].facts if f.kind == "theme")
    (copy / "corrections").mkdir(exist_ok=True)
    (copy / "corrections" / "fix.yaml").write_text(
        yaml.safe_dump({"doc": doc, "drop": [theme.id]}, allow_unicode=True), encoding="utf-8")
    assert open_compiled(copy) is None  # stale
    loaded = open_knowledge(copy)
    assert isinstance(loaded, CompiledKnowledge)
    assert all(f.id != theme.id for f in loaded.documents[doc].facts)
    assert Engine(loaded, today=TODAY).ask("2024年四川质量月的活动主题是什么?").model_dump_json() == \
        Engine(load_knowledge(copy), today=TODAY).ask("2024年四川质量月的活动主题是什么?").model_dump_json()


def test_a_touched_yaml_file_makes_the_index_stale(folder: Path, tmp_path: Path) -> None:
    copy = _copy(folder, tmp_path)
    before = fingerprint(copy)
    path = next(copy.glob("*.yaml"))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert fingerprint(copy) != before
    assert open_compiled(copy) is None


def test_an_unreadable_index_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    copy = _copy(folder, tmp_path)
    (copy / INDEX_FILE).write_bytes(b"not a database")
    assert isinstance(open_knowledge(copy), CompiledKnowledge)


def test_a_read_only_folder_is_answered_from_memory(folder: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    copy = _copy(folder, tmp_path)
    (copy / INDEX_FILE).unlink()
    copy.chmod(0o555)
    try:
        loaded = open_knowledge(copy)
    finally:
        copy.chmod(0o755)
    assert not isinstance(loaded, CompiledKnowledge)
    assert len(loaded.documents) == 5


def test_a_swap_replaces_yaml_and_index_together(built: IngestResult, folder: Path, tmp_path: Path) -> None:
    copy = _copy(folder, tmp_path)
    old = open_knowledge(copy)
    keep = sorted(built.knowledge.documents)[:2]
    data = tmp_path / "fewer"
    data.mkdir()
    for doc in keep:
        shutil.copy(DATA / f"{doc}.txt", data / f"{doc}.txt")
    write_knowledge(build_knowledge(data), copy)
    new = open_knowledge(copy)
    assert isinstance(new, CompiledKnowledge)
    assert sorted(new.documents) == keep
    assert len(old.documents) == 5  # the engine still on the old knowledge reads its own index
    assert Engine(old, today=TODAY).ask("天水质量月通知文号").found


@pytest.mark.parametrize("render", [
    lambda metas: render_help(metas, "bot", is_admin=True),
    render_sources,
    lambda metas: "\n".join(example_questions(metas, count=3)),
], ids=["help", "sources", "examples"])
def test_listings_read_metadata_not_documents(
    both: tuple[Knowledge, Knowledge], monkeypatch: pytest.MonkeyPatch, render: Callable[[Mapping[str, DocumentMeta]], str],
) -> None:
    memory, compiled = both
    assert isinstance(compiled, CompiledKnowledge)

    def decoded(doc: str) -> None:
        raise AssertionError(f"document {doc} decoded for a listing")

    monkeypatch.setattr(compiled.reader, "document", decoded)
    assert list(compiled.metas()) == list(memory.metas())
    assert render(compiled.metas()) == render(memory.metas())
    assert render_sources(memory.metas()) == render_sources({d: doc.meta for d, doc in memory.documents.items()})
