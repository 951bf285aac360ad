"""Chinese word segmentation with the campaign's own vocabulary.

rapidfuzz's token scorers split on spaces, so text is segmented by jieba first.
jieba's dictionary is cached on disk (its first build takes most of a second),
and the units and regions that occur in the knowledge are added as words so
that "住房城乡建设厅" stays one token.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from math import log
from pathlib import Path

import jieba
from jieba import finalseg

_lock = threading.Lock()
_ready = False
_added: set[str] = set()
# Grammar, not vocabulary: particles, pronouns and question words carry no topic.  How much a
# content word says is left to corpus statistics (IDF over the knowledge's sentences).
FUNCTION_WORDS = frozenset(
    ["的", "了", "是", "在", "和", "与", "及", "或", "呢", "吗", "啊", "吧", "那", "这", "请问", "一下", "什么",
     "哪些", "哪个", "哪里", "哪儿", "多少", "几", "有", "都", "要", "把", "被", "给", "对", "怎么", "怎么样", "如何",
     "为", "由", "从", "到", "于", "之", "其", "个", "谁", "么", "啥", "咋", "呀", "哦", "嘛", "还", "也", "就", "又",
     "一共", "共", "总共", "各", "每", "她们", "它们", "咱们", "他", "她",
     "哪份", "哪篇", "哪条", "哪项", "哪句", "哪类", "哪种", "哪次", "另外", "除了", "有没有", "是不是", "是否", "我", "我们", "你", "你们", "他们", "它", "该", "此",
     "哪", "哪位", "哪家", "怎样", "么样", "吗", "么", "呐", "滴", "地", "得", "着", "过", "个", "这个", "那个",
     "这次", "那次", "一个", "可以", "能", "会", "想", "知道", "告诉", "问", "下", "您", "帮", "查",
     "那篇", "这篇", "那条", "这条", "那份", "这份", "那边", "这边", "那块", "具体", "分别", "各自", "一起", "一同", "那天", "这天", "不要", "要不要", "能不能", "需不需要",
     "几个", "哪几个", "几家", "几项", "几位", "几种", "多少个",
     # words naming the page asked about itself, not its content
     "稿子", "文章", "新闻", "报道", "网页", "页面", "消息", "信息"]
)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "campaignbot"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        return Path(tempfile.gettempdir())


# jieba's full dictionary (350k words) takes over a second to load on a small machine;
# the words seen at least this often (80k) segment notices and questions as well.
MIN_WORD_FREQ = 20


def _small_dictionary(folder: Path) -> Path:
    path = folder / f"jieba-dict-f{MIN_WORD_FREQ}.txt"
    if not path.exists():
        source = Path(jieba.__file__).parent / "dict.txt"
        keep = [line for line in source.read_text(encoding="utf-8").splitlines()
                if line.count(" ") >= 1 and int(line.split(" ")[1]) >= MIN_WORD_FREQ]
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(keep) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    return path


def ensure_ready() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        folder = _cache_dir()
        dictionary = _small_dictionary(folder)
        jieba.set_dictionary(str(dictionary))
        jieba.dt.cache_file = str(folder / f"{dictionary.stem}.cache")
        jieba.dt.initialize()
        for word in ("质量月", "质量强省", "质量强市", "质量强国"):
            jieba.add_word(word, freq=20000)
        _ready = True


_general: dict[str, int] = {}  # the dictionary count of each added word before it was added


def add_words(words: Iterable[str]) -> None:
    ensure_ready()
    with _lock:
        new = False
        for w in words:
            if w and len(w) >= 2 and w not in _added:
                _general[w] = int(jieba.dt.FREQ.get(w) or 0)
                jieba.add_word(w, freq=20000)
                _added.add(w)
                new = True
        if new:  # the cuts remembered were made without these words
            is_noun.cache_clear()
            name_part.cache_clear()


def added_words() -> frozenset[str]:
    """The words this process added to jieba. Each one changes jieba's total count, so they shape
    how any sentence is cut: an index may be updated in place only under the same ones."""
    with _lock:
        return frozenset(_added)


NON_WORD = re.compile(r"\W+")  # a token of punctuation or symbols only


def tokens(text: str, *, search: bool = False) -> list[str]:
    """Content tokens: segmented, stop words and punctuation dropped. ``search``: jieba's search
    mode (``lcut_for_search``: also the dictionary words inside a long word), as sentences are
    indexed. Both cuts are jieba's tokens, made by this module's faster route (see below)."""
    ensure_ready()
    cut = cut_for_search(text) if search else _cut(text)
    return [t for t in cut if t.strip() and not _function_word(t) and not NON_WORD.fullmatch(t)]


def _function_word(token: str) -> bool:
    """A function word, or a run of them jieba wrote as one word ("各是", "都是": each, then be)."""
    return token in FUNCTION_WORDS or (len(token) > 1 and all(c in FUNCTION_WORDS for c in token))


# -- jieba's search mode, the same tokens in less time ----------------------------------------
#
# Cutting a notice's ~120 sentences with ``jieba.lcut_for_search`` was a third of an ingest's CPU
# time (16 ms a notice), two thirds of it in jieba's ``get_DAG`` and ``calc``: a dictionary
# lookup per prefix, then ``max`` over a generator of tuples with a ``log`` per candidate word.
# ``cut_for_search`` runs the same algorithm (jieba 0.42's ``cut`` with HMM, then the search
# mode's 2- and 3-grams) over the same dictionary (``jieba.dt.FREQ`` and ``total``, the added
# words included), in one backward pass whose arithmetic is jieba's, operation for operation:
# a word's score ``log(freq) - log(total)`` is computed once per dictionary state instead of
# once per candidate, then added to the best score after it, as jieba does; ties go to the
# longer word, as ``max`` over ``(score, end)`` tuples gives. Unknown runs go to jieba's own
# HMM (``finalseg.cut``), and blocks are split by jieba's own patterns. So the tokens are
# jieba's, byte for byte (tests/test_segment.py compares them; 0 of 123,572 sentences of the
# seeds, the development corpus and a 1,000-notice benchmark differ) in ~60% of the time.
# Why not a C port of jieba (jieba_fast, jieba-fast-dat, jieba-next): each cuts some sentences
# differently from jieba 0.42 ("--", 不茍), which would change answers; see the README.

_NOT_IN_DICTIONARY = object()
_scores: tuple[tuple[int, int, int], dict[str, float | None], float] | None = None


def _word_scores() -> tuple[dict[str, float | None], float]:
    """Each dictionary entry's ``log(freq) - log(total)`` (None for a prefix that is no word), and
    the score of a character that is no word: jieba's ``log(FREQ.get(w) or 1) - logtotal``.
    Made again when jieba's dictionary changed (``add_word`` always adds to ``total``) or is
    another one."""
    global _scores
    dt = jieba.dt
    key = (id(dt), dt.total, len(dt.FREQ))
    if _scores is None or _scores[0] != key:
        logtotal = log(dt.total)
        table = {w: (log(f) - logtotal if f else None) for w, f in dt.FREQ.items()}
        _scores = (key, table, log(1) - logtotal)
    return _scores[1], _scores[2]


def _cut_han(block: str) -> list[str]:
    """jieba's ``Tokenizer.__cut_DAG`` of one block of Han characters, letters and digits: the
    best route by word scores (its ``get_DAG`` and ``calc`` in one backward pass), runs of single
    characters that are no word given to the HMM."""
    scores, unknown = _word_scores()
    get = scores.get
    n = len(block)
    best_after = [0.0] * (n + 1)  # jieba's route[x][0]; route[n] = (0, 0)
    end = [0] * n  # jieba's route[x][1]: where the best word starting at x ends
    for k in range(n - 1, -1, -1):
        score = get(block[k], _NOT_IN_DICTIONARY)
        i, best, best_end = k, None, k
        while score is not _NOT_IN_DICTIONARY:  # jieba's get_DAG: every prefix is in FREQ
            if score is not None:
                total = score + best_after[i + 1]
                if best is None or total >= best:  # max over (score, end): the later end on a tie
                    best, best_end = total, i
            i += 1
            if i >= n:
                break
            score = get(block[k:i + 1], _NOT_IN_DICTIONARY)
        if best is None:  # no word starts here: the character alone
            best = unknown + best_after[k + 1]
        best_after[k], end[k] = best, best_end
    freq = jieba.dt.FREQ
    out: list[str] = []
    x, buf = 0, ""
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            buf += block[x]
            x = y
            continue
        if buf:
            _flush(buf, freq, out)
            buf = ""
        out.append(block[x:y])
        x = y
    if buf:
        _flush(buf, freq, out)
    return out


def _flush(buf: str, freq: dict[str, int], out: list[str]) -> None:
    """jieba's handling of a run of single characters: one alone, a word kept apart, else the HMM."""
    if len(buf) == 1:
        out.append(buf)
    elif not freq.get(buf):
        out.extend(finalseg.cut(buf))
    else:
        out.extend(buf)


def _cut(sentence: str) -> list[str]:
    """jieba's ``Tokenizer.cut(sentence, HMM=True)``, with its own block patterns."""
    han, skip = jieba.re_han_default, jieba.re_skip_default
    out: list[str] = []
    for block in han.split(sentence):
        if not block:
            continue
        if han.match(block):
            out.extend(_cut_han(block))
            continue
        for part in skip.split(block):
            if skip.match(part):
                out.append(part)
            else:
                out.extend(part)
    return out


def cut_for_search(sentence: str) -> list[str]:
    """``jieba.lcut_for_search(sentence)``, the same tokens faster (see above)."""
    ensure_ready()
    freq = jieba.dt.FREQ
    out: list[str] = []
    for w in _cut(sentence):
        n = len(w)
        if n > 2:
            out.extend(g for i in range(n - 1) if freq.get(g := w[i:i + 2]))
        if n > 3:
            out.extend(g for i in range(n - 2) if freq.get(g := w[i:i + 3]))
        out.append(w)
    return out


def word_frequency(word: str) -> int:
    """How common ``word`` is in general Chinese (jieba's dictionary count; 0 if not a word).

    Words added from the knowledge (unit and place names) keep their general count: a county
    named in a loaded notice must not start to look like a common word."""
    ensure_ready()
    if word in _general:
        return _general[word]
    return int(jieba.dt.FREQ.get(word) or 0)


def person_name(text: str) -> str | None:
    """The person's name ``text`` opens with, if it opens with one ("陈殿军介绍" → 陈殿军; "发言并作…" → None).

    jieba tags names it knows or guesses as ``nr``; a surname it cuts off ("张" + "曙光") is joined back."""
    ensure_ready()
    import jieba.posseg

    cut = jieba.posseg.lcut(text[:NAME_WINDOW])
    if not cut:
        return None
    first = cut[0]
    if first.flag.startswith("nr") and 2 <= len(first.word) <= 4:
        return first.word
    if (len(first.word) == 1 and len(cut) > 1 and cut[1].flag in NAME_TAIL_TAGS
            and 1 <= len(cut[1].word) <= 2 and first.word in _surnames()):
        return first.word + cut[1].word
    return None


NAME_PART_CACHE = 8192  # the clauses of the sentences questions are answered from recur: cut each once
NAME_WINDOW = 6  # characters read for a name: the longest Chinese names are four
SURNAME_MIN_NAMES = 20  # 张 opens hundreds of the dictionary's names; a given name's character a few
FUNCTION_TAGS = frozenset("cpudrvm")
NAME_BREAK_TAGS = frozenset("pudr")  # prepositions, particles, adverbs, pronouns: no part of a name
NAME_OPENING_VERBS = frozenset({"v", "vd", "a", "ad"})  # "贯彻落实国务院": what opens a clause, not a name
NAME_BREAK_WORDS = frozenset({"是", "并", "或", "及", "等"})  # 和 stays: 住房和城乡建设厅  # "引导和动员": 和 joins, it is nobody's surname here
NAME_TAIL_TAGS = frozenset({"nr", "nz", "n", "ns", "nrt", "a", "t"})


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The common surnames: first characters of many three-character names in jieba's dictionary."""
    ensure_ready()
    import jieba.posseg

    firsts = Counter(w[0] for w, tag in jieba.posseg.dt.word_tag_tab.items() if len(w) == 3 and tag == "nr")
    return frozenset(ch for ch, n in firsts.items() if n >= SURNAME_MIN_NAMES)


def names_someone(text: str) -> bool:
    """Whether ``text`` names a person: a name jieba tags (nr), or a common surname and a given name."""
    ensure_ready()
    import jieba.posseg

    cut = jieba.posseg.lcut(text)
    for i, word in enumerate(cut):
        if word.flag.startswith("nr") and 2 <= len(word.word) <= 4 and _rare(word.word):
            return True
        # a surname jieba tags alone before a given name that is a word itself, or a common surname
        if (len(word.word) == 1 and (word.word in _surnames() or word.flag == "nr") and word.flag[:1] not in FUNCTION_TAGS
                and i + 1 < len(cut)
                and cut[i + 1].flag in NAME_TAIL_TAGS and 1 <= len(cut[i + 1].word) <= 2):
            return True
    return False


@lru_cache(maxsize=4096)
def is_noun(word: str) -> bool:
    """Whether jieba reads ``word`` as a noun (n, nz, vn…): what a question is about, not how it asks."""
    ensure_ready()
    import jieba.posseg

    cut = jieba.posseg.lcut(word)
    return len(cut) == 1 and (cut[0].flag.startswith("n") or cut[0].flag == "vn")



def noun_phrase_tail(text: str) -> str:
    """``text`` from its first noun on: the name a clause ends with, the verbs before it left out
    ("开展东林质量云平台" → 东林质量云平台)."""
    ensure_ready()
    import jieba.posseg

    cut = jieba.posseg.lcut(text)
    first = next((i for i, w in enumerate(cut) if w.flag[:1] in ("n", "j", "b") or w.flag == "vn"), 0)
    return "".join(w.word for w in cut[first:])


NOUN_PHRASE_TAGS = ("n", "vn", "b", "j")  # nouns, verbal nouns, and what qualifies them (一站式, 省直)


@lru_cache(maxsize=4096)
def noun_phrase_head(text: str) -> str:
    """The head of the noun phrase ``text`` opens with: its last noun ("质量基础设施一站式服务站
    建成了" → 服务站; "部门参加" → 部门), "" when it opens with none. A Chinese noun phrase ends in
    what it names; the words before qualify it."""
    ensure_ready()
    import jieba.posseg

    head = ""
    for word in jieba.posseg.lcut(text):
        if not word.flag.startswith(NOUN_PHRASE_TAGS) or word.word in FUNCTION_WORDS:
            break
        if word.flag.startswith("n") and len(word.word) >= 2:
            head = word.word
    return head


@lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    """Whether jieba reads ``word`` as a verb (v, vd, vi…; a verbal noun, vn, is a noun)."""
    ensure_ready()
    import jieba.posseg

    cut = jieba.posseg.lcut(word)
    return len(cut) == 1 and cut[0].flag.startswith("v") and cut[0].flag != "vn"


def first_name(text: str) -> tuple[int, int] | None:
    """Where the first person's name jieba recognises (``nr``) stands in ``text``: (start, end)."""
    ensure_ready()
    import jieba.posseg

    at = 0
    for word in jieba.posseg.lcut(text):
        if word.flag == "nr" and 2 <= len(word.word) <= 4 and _rare(word.word):
            return at, at + len(word.word)
        at += len(word.word)
    return None


NAME_MAX_FREQ = 50  # a person's name is a rare word; "沙龙" (tagged nr by jieba) is a common one


#: A word opening with a surname is still a name up to this count (李强 159), not a common word
#: that happens to (小康 735, 金牌 943, 王国 2,631).
SURNAME_LED_MAX_FREQ = 500


def _rare(word: str) -> bool:
    """A likely name: it opens with a common surname and is no common word (王玉珍, not 小康), or it
    is a rare word (多吉欧珠)."""
    frequency = word_frequency(word)
    return frequency < NAME_MAX_FREQ or (word[0] in _surnames() and frequency < SURNAME_LED_MAX_FREQ)


def surname_led(word: str) -> bool:
    """Whether ``word`` (two or three characters) reads as a name: a common surname and a given name
    that together are no common word ("王波", "魏媛媛"; not "会上", "王国")."""
    return 2 <= len(word) <= 3 and word[0] in _surnames() and word_frequency(word) < NAME_MAX_FREQ


@lru_cache(maxsize=NAME_PART_CACHE)
def name_part(text: str) -> str:
    """The part of ``text`` that can be a unit's name: after its last function word (是, 在, 各,
    进一步) and without the verbs that open it ("为进一步贯彻落实国务院" → "国务院", "活动是在政府" →
    "政府"). Verbs inside a name stay ("市场监督管理局", "质量强省办")."""
    ensure_ready()
    import jieba.posseg

    words = jieba.posseg.lcut(text)
    start = 0
    for i, word in enumerate(words):
        if word.flag[:1] in NAME_BREAK_TAGS or word.word in NAME_BREAK_WORDS:
            start = i + 1
    while start < len(words) and words[start].flag in NAME_OPENING_VERBS:
        start += 1
    return "".join(w.word for w in words[start:])
