"""Lookups that replace scans at scale find exactly what the scans found: the duty subject a
question names (an index over the subjects, not a scan of each), and the candidate sentences
that may cover a question's topic (one search of the words that must be there)."""

from __future__ import annotations

import gc
import re
from datetime import date

import pytest
from rapidfuzz import fuzz

from bot.answering.engine import Engine, _abbreviates, _holds, _may_cover
from bot.answering.query import (
    SUBJECT_FUZZY_MIN_CHARS,
    SUBJECT_MIN_SCORE,
    _mistyped_subject,
    _same_level,
    _shortened_subject,
    find_subject,
)
from bot.answering.retrieval import Index, Regional, SentenceRef
from bot.knowledge import Knowledge, UnitRef
from bot.knowledge.schema import DocumentMeta, Region, Unit
from bot.regions import region_contains, regions

SUBJECTS = sorted([
    "公安厅", "省公安厅", "市公安厅", "教育厅", "省教育厅", "农业部", "海关总署", "成都海关", "省市场监管局",
    "市市场监管局", "人行四川省分行", "人行乐山市分行", "人行成都市分行", "交通运输厅", "交通运输部",
    "人力资源社会保障部门", "省住房和城乡建设厅", "国家市场监督管理总局", "质量强省办", "乐山市",
])


def scanned_subject(text: str, subjects: list[str]) -> str | None:
    """The subject as a scan of every subject finds it (the code before the index)."""
    present = [s for s in subjects if s in text]
    if present:
        return max(present, key=len)
    best, best_score = None, 0.0
    for s in subjects:
        if len(s) < 3:
            continue
        core = re.sub(r"^(?:省|市|区|县|州)", "", s)
        if len(core) >= 2 and core in text and len(core) + 1 >= len(s) - 1 and _same_level(s, core, text):
            return s
        score = fuzz.partial_ratio(s, text) if len(s) >= SUBJECT_FUZZY_MIN_CHARS else 0
        if score > best_score:
            best, best_score = s, score
    if best_score >= SUBJECT_MIN_SCORE:
        return best
    return _mistyped_subject(text, subjects) or _shortened_subject(text, subjects)


@pytest.mark.parametrize("text", [
    "四川省公安厅在质量月期间负责哪些活动?",  # a core after a province
    "省公安厅负责什么",  # the name itself
    "公安厅负责什么",
    "敖汉旗市场监管局负责什么",  # a core after a county: not the province's
    "公按厅负责什么",  # one wrong character
    "人行乐山分行负责什么",  # fuzzy: a character missing
    "人行成都市分行和人行乐山市分行",  # two named: the longer, then the first
    "乐山市人行乐山市分行",
    "海关总暑开展啥专项行动",
    "国家市场监督管里总局",
    "2014年质量月农业部负责什么?",
    "天水质量月联系人和联系电话",  # none
    "",
    "交通运输",
    "住房和城乡建设厅负责什么",
    "2014年人社部门质量月干啥",  # a short name
])
def test_the_subject_index_finds_what_a_scan_finds(text: str) -> None:
    assert find_subject(text, SUBJECTS) == scanned_subject(text, SUBJECTS)


def ref(text: str, section: str = "正文", doc: str = "d1") -> SentenceRef:
    return SentenceRef(doc, "main", section, text, 1, ())


def unit(doc: str, title: str, region: str) -> UnitRef:
    u = Unit(key="main", region=Region(name=region), label=region)
    return UnitRef(DocumentMeta(doc=doc, source=f"{doc}.txt", title=title, units=[u], sha256=""), u)


UNITS = {("d1", "main"): unit("d1", "关于开展质量月活动的通知", "四川省"),
         ("d2", "main"): unit("d2", "日用消费品专项行动方案", "天水市")}


# (weights, share needed, words no notice holds, sentences, those kept)
@pytest.mark.parametrize(("weights", "needed", "unknown", "sentences", "kept"), [
    # 日用 weighs more than all others together: a sentence without it cannot pass
    ({"日用": 2.0, "提升": 0.1, "行动": 0.1}, 1.0, set(),
     [ref("开展日用消费品抽检"), ref("质量提升行动"), ref("提升")], [0]),
    # the word in the section label or the notice's title counts
    ({"日用": 2.0, "提升": 0.1}, 1.0, set(),
     [ref("质量提升", section="三、日用消费品"), ref("质量提升", doc="d2"), ref("质量提升")], [0, 1]),
    # no word alone is needed: every word may be the one that is there
    ({"日用": 1.0, "消费品": 1.0}, 0.8, set(),
     [ref("日用品"), ref("消费品"), ref("提升")], [0, 1]),
    # an office's short name is found spread out (住建厅 in 住房和城乡建设厅)
    ({"住建厅": 3.0, "活动": 0.1}, 2.0, set(),
     [ref("省住房和城乡建设厅负责"), ref("住建厅负责"), ref("活动安排")], [0, 1]),
    # a mistyped long word no notice holds is matched fuzzily
    ({"消废品抽": 3.0, "活动": 0.1}, 2.0, {"消废品抽"},
     [ref("日用消费品抽检"), ref("活动安排")], [0]),
    # a word no notice holds may be a short form of the sentence's words (农残: 农药残留)
    ({"农残": 3.0, "活动": 0.1}, 2.0, {"农残"},
     [ref("农药残留抽检"), ref("活动安排"), ref("农业部门的残留")], [0]),
    # a sentence with a line break of its own: nothing is left out
    ({"日用": 2.0, "提升": 0.1}, 1.0, set(), [ref("提升\n质量"), ref("日用品")], [0, 1]),
    # nothing needed: all kept
    ({"日用": 1.0}, 0.0, set(), [ref("提升"), ref("日用")], [0, 1]),
])
def test_only_sentences_that_cannot_cover_the_topic_are_left_out(
    weights: dict[str, float], needed: float, unknown: set[str], sentences: list[SentenceRef], kept: list[int],
) -> None:
    abbreviable = {t for t in weights if t.endswith("厅")}
    got = _may_cover(sentences, weights, needed, unknown, abbreviable, UNITS)
    assert got == [sentences[i] for i in kept]
    for r in sentences:  # never leaves out a sentence the full check would pass
        context = f"{r.section} {UNITS[(r.doc, r.unit)].meta.title}"
        covered = sum(w for t, w in weights.items() if t in context or t in r.text
                      or (t in unknown and _holds(r, t)) or (t in abbreviable and _abbreviates(t, r.text)))
        if covered >= needed and needed > 0:
            assert r in got


def dated(units: list[UnitRef], year: int) -> UnitRef:
    """A unit of ``units[0]``'s notice, relabelled with another year."""
    u = units[0].unit.model_copy(update={"year": year or None, "label": f"{year}"})
    return UnitRef(units[0].meta, u)


# (years of the units in order, year asked): the nearest as sorting all of them by distance gives
@pytest.mark.parametrize(("years", "asked"), [
    ([2014, 2016, 2014, 2012, 0, 2013, 2015], 2014),
    ([2014, 2016, 2014, 2012, 0, 2013, 2015], 2030),
    ([2016, 2012, 2016, 2012, 2012, 2016], 2014),  # equally far: the later year first
    ([0, 0, 2020], 1990),
    ([2020], 2020),
])
def test_the_nearest_years_are_those_a_sort_gives(years: list[int], asked: int) -> None:
    u = unit("d1", "通知", "四川省")
    units = [dated([u], y) for y in years]
    by_year: dict[int, list[UnitRef]] = {}
    for x in units:
        by_year.setdefault(x.unit.year or 0, []).append(x)
    got = Regional(units, [], by_year).nearest(asked, 5)
    assert got == sorted(units, key=lambda x: (abs((x.unit.year or 0) - asked), -(x.unit.year or 0)))[:5]


@pytest.mark.parametrize("names", [["全国"], ["四川省"], ["成都市"], ["天水市", "四川省"], ["西藏自治区"], []])
def test_the_units_a_not_found_lists_are_those_a_scan_finds(knowledge: Knowledge, names: list[str]) -> None:
    wanted = [regions().lookup(n) for n in names]
    index = Index(knowledge)
    scanned = [u for u in index.related_units(wanted) if any(
        region_contains(u.unit.region, r) or region_contains(r, u.unit.region) for r in wanted)]
    for _ in range(2):  # computed, then kept
        assert index.regional(wanted).units == scanned
        assert index.regional(wanted).labels == sorted({u.unit.label for u in scanned})


@pytest.mark.parametrize("name", ["全国", "四川省", "天水市", "西藏自治区"])
@pytest.mark.parametrize("year", [2014, 2016, 2024, 2030])
def test_a_place_and_year_looked_up_is_the_place_filtered_by_year(knowledge: Knowledge, name: str, year: int) -> None:
    index = Index(knowledge)
    region = regions().lookup(name)
    assert index._of_place_in(region, year, undated_ok=name != "全国") == index._dated(
        index._of_place(region), [year], None, undated_ok=name != "全国")


@pytest.mark.parametrize("subject", ["公安厅", "教育厅", "农业部", "成都海关", "没有这个单位"])
def test_a_subjects_notices_of_all_are_those_a_filter_finds(knowledge: Knowledge, subject: str) -> None:
    index = Index(knowledge)
    keys = index._facts.subject_units(subject)
    assert index.with_subject(index.units, subject) == [u for u in index.units if u.key in keys]
    assert index.with_subject(index.units[1:], subject) == [u for u in index.units[1:] if u.key in keys]


@pytest.mark.parametrize("step", [1, 2, 3])
def test_a_scope_in_answer_order_is_sorted_newest_first(knowledge: Knowledge, step: int) -> None:
    index = Index(knowledge)
    units = index.units[::step][::-1]
    got = index.in_answer_order(units)
    assert got == sorted(units, key=lambda u: (-(u.unit.year or 0), u.meta.doc, u.unit.key))
    assert all(a is b for a, b in zip(sorted(got, key=id), sorted(units, key=id), strict=True))


def test_a_frozen_engine_answers_the_same_and_stays_frozen_after_a_swap(knowledge: Knowledge) -> None:
    question = "2024年四川质量月的活动主题是什么?"
    engine = Engine(knowledge, today=date(2026, 11, 21))
    before = engine.ask(question)
    try:
        engine.freeze()
        assert gc.get_freeze_count() > 0
        assert engine.ask(question) == before
        engine.swap(knowledge)
        assert gc.get_freeze_count() > 0
        assert engine.ask(question) == before
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("2014年人社部门质量月干啥", "人力资源社会保障部门"),  # first and closing characters kept, the rest in order
        ("交通厅负责什么", "交通运输厅"),  # three characters, no place before them
        ("江西省交通厅负责什么", None),  # a province's own office, not a short name
        ("人社局负责什么", None),  # another closing character: another unit
        ("天水质量月联系人", None),
    ],
)
def test_a_units_short_name_is_that_unit(text: str, subject: str | None) -> None:
    assert _shortened_subject(text, SUBJECTS) == subject
