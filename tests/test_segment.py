"""``segment.cut_for_search`` gives jieba's search-mode tokens and ``segment.tokens`` its plain
cut, byte for byte: the compiled index is cut with the one, every question with the other, and
the answers depend on every token."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest
import yaml

from bot import segment
from bot.answering.corpus import sentence_texts
from bot.knowledge import Knowledge

#: Where jieba's own patterns and HMM decide (the cases C ports of jieba cut differently), and
#: the edges of a block: digits, letters, spaces, symbols, one character, nothing.
EDGE_CASES = [
    "", "质", "浙江在线 -- 岱山支站", "法搜网--中国法律信息搜索网", "大力弘扬精益求精、执著专注、一丝不茍的工匠精神",
    "合格率97.62%,高于全省平均", "04.09.2017 19:02", "联系电话:010-12345671,传真:0931-8888888",
    "E-mail: zlm@example.com\r\n附件1.2024年活动安排", "第48个“质量月”活动的主题是“质量强国 建设有我”",
    "abc def 123", "   ", "C++ & C# 50% _x_", "舒畅副县长讲话,乌海大工匠", "⑴〔2024〕12号(一)",
]


DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.yaml"
#: Questions as users type them, for when the development set is not beside the repository.
QUESTIONS = ["川今年质量月主题是啥", "北京质量月联系人电话多少?", "天水各县区的活动总结什么时候之前报送?报到哪里?",
             "2014年中国质量大会在哪里举办?由谁举办?", "pls 京口号第五条", "謝謝👍", "质量月ok吗 3q"]


@pytest.fixture(scope="module")
def dev_questions() -> list[str]:
    asked = [item["q"] for item in yaml.safe_load(DEV.read_text(encoding="utf-8"))] if DEV.exists() else []
    return asked + QUESTIONS


def _assert_same(texts: list[str]) -> None:
    differ = [t for t in texts if segment.cut_for_search(t) != jieba.dt.lcut_for_search(t)]
    assert not differ, differ[:3]
    plain = [t for t in texts if segment._cut(t) != jieba.dt.lcut(t)]
    assert not plain, plain[:3]


def test_both_cuts_are_jiebas_on_every_seed_sentence_and_question(knowledge: Knowledge,
                                                                    dev_questions: list[str]) -> None:
    segment.ensure_ready()
    texts = [s for d in knowledge.documents.values() for _unit, _label, s in sentence_texts(d)]
    assert len(texts) > 500
    _assert_same(texts + dev_questions + EDGE_CASES)


def test_search_cut_follows_the_words_added_to_jieba(monkeypatch: pytest.MonkeyPatch,
                                                     knowledge: Knowledge) -> None:
    """A word added after a cut changes the next cut as it changes jieba's (the word scores are
    made again), here on a tokenizer of its own, so the session's jieba is left as it was."""
    segment.ensure_ready()
    own = jieba.Tokenizer(jieba.dt.dictionary)
    own.initialize()
    monkeypatch.setattr(jieba, "dt", own)
    text = "开展乌海大工匠培育选树活动"
    before = segment.cut_for_search(text)
    assert before == own.lcut_for_search(text)
    own.add_word("乌海大工匠", freq=20000)
    after = segment.cut_for_search(text)
    assert after == own.lcut_for_search(text) and after != before and "乌海大工匠" in after
    _assert_same([s for d in knowledge.documents.values() for _unit, _label, s in sentence_texts(d)][:200])


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("质量基础设施一站式服务站", "服务站"),  # a Chinese noun phrase ends in what it names
        ("部门参加", "部门"),
        ("宣传资料", "资料"),
        ("参加", ""),
    ],
)
def test_the_head_of_a_noun_phrase_is_its_last_noun(phrase: str, head: str) -> None:
    assert segment.noun_phrase_head(phrase) == head
