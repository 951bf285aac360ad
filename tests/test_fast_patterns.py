"""The shortcuts taken to build a notice faster find exactly what the plain patterns find: the
YAML written must stay the same bytes (tests compare it with the committed knowledge too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.ingest.extract import DEADLINE, DEADLINE_CUE, EVENT_CUE, EVENT_NAME
from bot.ingest.metadata import ANNOUNCE, announcements
from bot.ingest.normalize import normalize_text
from bot.ingest.readers import read_notice
from bot.ingest.sections import sentences
from bot.regions import longest_first, regions

DATA = Path(__file__).resolve().parent.parent / "data"

#: Texts made to meet the patterns' edges: a cue at the very start, an issuer of 60 characters
#: before it, a date before the issuer, names that extend other names.
MADE = [
    "印发《关于开展2024年质量月活动的通知》",
    "9月1日," + "甲" * 60 + "联合印发了《关于开展2024年全省质量月活动的通知》(川市监〔2024〕12号)",
    "乙" * 200 + "9月1日,省市场监管局下发《“质量月”活动方案》;又发布《某某方案》",
    "请各单位于9月20日前将总结报送至省质量办,9月30日12:00以前报市局",
    "北京市北京北京市朝阳区上海浦东新区内蒙古自治区呼和浩特市大安市两大安全",
    "9月10日召开质量月启动仪式暨颁奖大会,并举办质量论坛",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    notices = [normalize_text(read_notice(p)) for p in sorted(DATA.glob("*.txt"))]
    return [*notices, *(line for t in notices for line in t.split("\n")), *MADE]


def _spans(matches) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in matches]


def test_regions_trie_matches_the_longest_first_alternation(texts: list[str]) -> None:
    names = regions().by_name
    plain = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    trie = re.compile(longest_first(names))
    assert sum(len(_spans(plain.finditer(t))) for t in texts) > 100
    for t in texts:
        assert _spans(trie.finditer(t)) == _spans(plain.finditer(t)), t[:40]


def test_longest_first_on_made_words() -> None:
    trie = re.compile(longest_first(["ab", "abcd", "abce", "b", "x.y"]))
    assert _spans(trie.finditer("abcx abcd abce ab bx.y xzy")) == [
        (0, "ab"), (5, "abcd"), (10, "abce"), (15, "ab"), (18, "b"), (19, "x.y")]


def test_announcements_are_announce_finditer(texts: list[str]) -> None:
    assert any(_spans(ANNOUNCE.finditer(t)) for t in texts)
    for t in texts:
        assert _spans(announcements(t)) == _spans(ANNOUNCE.finditer(t)), t[:40]


def test_cues_hold_for_every_match(texts: list[str]) -> None:
    """A sentence without the cue has no match, so skipping it changes nothing."""
    found = 0
    for t in texts:
        for s in sentences(t):
            for pattern, cue in ((DEADLINE, DEADLINE_CUE), (EVENT_NAME, EVENT_CUE)):
                if pattern.search(s):
                    found += 1
                    assert cue.search(s), s
    assert found > 10
