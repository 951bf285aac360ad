"""China's administrative regions: find them in notices and questions.

The dictionary itself is data (``resources/regions.tsv``, built by
``scripts/build_regions.py``); this module only knows how region names are written:
full names (四川省), short names (四川, 阿坝州) and the one-character abbreviations
(川, 京) that are only safe where they are followed by 省/市/区 or open a question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.knowledge.schema import Region

REGIONS_FILE = Path(__file__).parent / "resources" / "regions.tsv"
NATIONAL = Region(code="000000000000", name="全国", level="national", province="")
_NATIONAL_WORDS = ("全国", "国家", "国务院", "中央", "总局")  # 总局: 市场监管总局, 质检总局
_LEVEL_RANK = {"national": 0, "province": 1, "prefecture": 2, "county": 3, "unknown": 4}


@dataclass(frozen=True)
class RegionMatch:
    region: Region
    start: int
    end: int
    text: str


COUNTY_FOLLOWERS = ("质量", "县", "市", "区", "旗", "的", "开展", "举办", "举行", "召开", "启动", "那边", "这边", "今年", "去年",
                    "那次", "那个", "那篇", "这次", "那场", "那回", "那年", "那天",
                    "在线", "网", "日报", "融媒", "新闻", "支站", "电视", "广播", "发布",
                    "质监", "市监", "市场", "政府", "人民", "党委", "县委", "市委",  # 图木舒克质监局
                    # a county's bureau named by its short name: "烈山住建局", "蓬溪水利局"
                    "住建", "水利", "交通", "教育", "卫健", "公安", "应急", "农业", "农业农村", "商务", "文旅", "工信",
                    "发改", "财政", "人社", "税务", "供电", "烟草", "总工会", "妇联", "科技", "民政", "城管", "消防",
                    "经济开发区", "经济技术开发区", "开发区", "高新区", "工业园")  # 乐清经济开发区


class RegionDictionary:
    """All names of all regions, matched longest-first."""

    def __init__(self, regions: list[tuple[Region, list[str]]]) -> None:
        self.by_name: dict[str, Region] = {}
        self.abbreviations: dict[str, Region] = {}
        self.provinces: dict[str, Region] = {}
        for region, aliases in regions:
            if region.level == "province":
                self.provinces[region.name] = region
            for name in [region.name, *aliases]:
                if len(name) == 1:
                    self.abbreviations[name] = region
                    continue
                known = self.by_name.get(name)
                if known is None or _LEVEL_RANK[region.level] < _LEVEL_RANK[known.level]:
                    self.by_name[name] = region
        # "南京六合", "济宁微山": a county's name without its 县/区 right after its own city's is
        # that county, though alone the stem is a word (六合) or names several counties
        self._county_stems: dict[str, list[tuple[str, Region]]] = {}
        for region, _aliases in regions:
            if region.level == "county" and region.code and region.name.endswith(("县", "区", "市", "旗")):
                stem = region.name[:-1]
                if len(stem) >= 2 and not stem.endswith("自治"):
                    self._county_stems.setdefault(region.code[:4], []).append((stem, region))
                    self._county_stems.setdefault(region.code[:2], []).append((stem, region))
        self._pattern = re.compile(longest_first(self.by_name))
        abbr = "".join(self.abbreviations)
        # several provinces' 简称 in a row name a joint campaign ("苏浙皖赣沪", "京津冀"); two
        # characters are most often a word ("云南" is no 云+南), so three or more
        self._grouping = re.compile(rf"[{abbr}]{{{MIN_GROUPED_PROVINCES},}}")
        self._abbr_pattern = re.compile(
            rf"(?:^|(?<=[的是在与和年、,，:：\s]))([{abbr}])(?=省|市|区(?!域|别)|地区|方面|这边)"
            # "pls 川质量月", "咱川今年", "桂22年"
            rf"|(?:^|(?<=\s)|(?<=咱))([{abbr}])(?=\s|[,，:：]|今年|去年|明年|的|质量月|20\d\d|\d\d年)"
            # "京口号第五条", "川主题": a province's character before what is asked of its notice; 新 there
            # is "new" ("新通知")
            rf"|(?:^|(?<=\s))([{abbr.replace(ADJECTIVE_ABBREVIATIONS, '')}])(?=口号|主题|联系人|联系电话|通知|方案|启动仪式|这个|那个|这次)"
        )
        # "川这份文件…", "京在哪两个领域…": a question opening with a province's character, which the
        # word cut leaves alone (not "青年…", "吉祥…"); see ``_cut_alone``
        # ("川和京的口号": both; "川渝…", "津滨质量组办〔2020〕5号", "鄂前旗", "云宵县": a pair, a
        # document's number or a place's name, no province alone)
        plain = abbr.replace(ADJECTIVE_ABBREVIATIONS, "")
        self._opening_abbr = re.compile(
            rf"^\s*(?:pls\s*|咱)?([{plain}])(?:[和跟与、]([{plain}]))?"
            rf"(?![{abbr}]|[\u4e00-\u9fff]?[旗县市区州盟]|[\u4e00-\u9fff]{{0,8}}〔)(?=[\u4e00-\u9fff])", re.IGNORECASE
        )

    def find(self, text: str, *, abbreviations: bool = False) -> list[RegionMatch]:
        matches = [
            RegionMatch(self.by_name[m.group()], m.start(), m.end(), m.group())
            for m in self._pattern.finditer(text)
            if not self._inside_a_word(text, m.start(), m.end())
        ]
        cities = [m for m in matches if m.region.code and (m.region.level == "prefecture" or _is_municipality(m.region))]
        for m in cities:
            key = m.region.code[:2] if m.region.level == "province" else m.region.code[:4]
            for stem, county in self._county_stems.get(key, []):
                end = m.end + len(stem)
                if (text.startswith(stem, m.end) and not any(x.start < end and m.end < x.end for x in matches)
                        and not self._inside_a_word(text, m.end, end, county)):
                    matches.append(RegionMatch(county, m.end, end, stem))
        for word in _NATIONAL_WORDS:
            for m in re.finditer(word, text):
                matches.append(RegionMatch(NATIONAL, m.start(), m.end(), word))
        for m in self._grouping.finditer(text):  # "苏浙皖赣沪": one province per character
            if not any(x.start < m.end() and m.start() < x.end for x in matches):
                matches += [RegionMatch(self.abbreviations[ch], m.start() + i, m.start() + i + 1, ch)
                            for i, ch in enumerate(m.group())]
        if abbreviations:
            for m in self._abbr_pattern.finditer(text):
                group = next(g for g in (1, 2, 3) if m.group(g))
                ch, start = m.group(group), m.start(group)
                if not any(x.start <= start < x.end for x in matches):
                    matches.append(RegionMatch(self.abbreviations[ch], start, start + 1, ch))
            if (m := self._opening_abbr.match(text)) and not any(x.start <= m.start(1) < x.end for x in matches) \
                    and _cut_alone(text, m.start(1)):
                for group in (1, 2):
                    if m.group(group) and not any(x.start == m.start(group) for x in matches):
                        ch = m.group(group)
                        matches.append(RegionMatch(self.abbreviations[ch], m.start(group), m.end(group), ch))
        return sorted(matches, key=lambda x: x.start)

    def _inside_a_word(self, text: str, start: int, end: int, region: Region | None = None) -> bool:
        """A county's short name followed by another Chinese character is most often part of a word
        ("两大安全" holds 大安, "合作协议" 合作); counties are named with their suffix, before a
        year or punctuation, or before words like 质量月."""
        name = text[start:end]
        region = region or self.by_name[name]
        if region.level != "county" or name == region.name:
            return False
        def cjk(i: int) -> bool:
            return 0 <= i < len(text) and "\u4e00" <= text[i] <= "\u9fff"
        # "合作协议", "两大安全": a word that happens to hold a county's short name
        if cjk(end) and not text.startswith(COUNTY_FOLLOWERS, end):
            return True
        # "报道里 …": the name's first character closes a word begun before it (报道), not a place
        return cjk(start - 1) and _word_count(text[start - 1 : start + 1]) >= WORD_ACROSS_MIN_FREQ

    def lookup(self, name: str) -> Region | None:
        if name in ("全国", "国家"):
            return NATIONAL
        return self.by_name.get(name)

    def province_of(self, region: Region) -> Region | None:
        return self.provinces.get(region.province)


#: A two-character word this common (jieba's count; 报道 is 10,000s) ending in a county's first
#: character says the county's short name is read across a word.
WORD_ACROSS_MIN_FREQ = 1000


def _word_count(word: str) -> int:
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0)


MIN_GROUPED_PROVINCES = 3
ADJECTIVE_ABBREVIATIONS = "新"  # a 简称 that is also an everyday adjective before a noun ("新通知": a new notice)


ABBREVIATION_CUT_WINDOW = 8  # characters cut to see whether the opening character is a word of its own


def _cut_alone(text: str, start: int) -> bool:
    """Whether the word cut leaves the character at ``start`` a word of its own ("川/这份",
    not "青年", "吉祥如意")."""
    import jieba

    from bot.segment import ensure_ready

    ensure_ready()
    cut = jieba.lcut(text[start : start + ABBREVIATION_CUT_WINDOW], HMM=False)
    return bool(cut) and cut[0] == text[start]


def _is_municipality(region: Region) -> bool:
    """北京市, 上海市: a province-level city, whose districts come right under it."""
    return region.level == "province" and region.name.endswith("市")


def longest_first(words: Iterable[str]) -> str:
    """A pattern that matches, where any of ``words`` starts, the longest one that starts there:
    what the alternation of the words sorted longest first matches, as a trie ("北京(?:市)?").

    Why: regions are found by one pattern of ~6,000 names; as an alternation, ``re`` tries the
    names one after another at every position of a notice (~2.5 ms a call, 14 calls a notice). In
    a trie only the names that share the text's next character are tried; each optional branch
    is greedy, so a longer name is tried before the shorter one it extends, as in the sorted
    alternation (two names of one length cannot both match at one position)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _parse(text: str) -> list[tuple[Region, list[str]]]:
    rows: list[tuple[Region, list[str]]] = []
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        code, name, level, province, aliases = (line.split("\t") + [""])[:5]
        region = Region(code=code, name=name, level=level, province=province)  # type: ignore[arg-type]
        rows.append((region, [a for a in aliases.split(",") if a]))
    return rows


# A county's or district's name without 县/区 ("微山", "青浦") is how reports name it, unless the stem
# is an ordinary word of general Chinese (jieba's count at least this, 朝阳, 和平) or another
# region's name, or several counties share it.
COUNTY_STEM_MAX_WORD_FREQ = 50
# A two-character district or county named like a word is read as the word: 城区 (1,517 in jieba's
# dictionary), 矿区 (372), 西区 (91); "和县" (390) is mostly "市和县".  County names the dictionary
# merely lists as places (沛县 67, 滑县 81, 攸县 275) stay places.
AUTONOMOUS_COUNTY_PLACE_CHARS = 2
DISTRICT_WORD_MIN_FREQ = 50
COUNTY_WORD_MIN_FREQ = 300


def _with_county_stems(rows: list[tuple[Region, list[str]]]) -> list[tuple[Region, list[str]]]:
    from bot.segment import word_frequency

    taken = {n for region, aliases in rows for n in (region.name, *aliases)}
    stems = Counter(r.name[:-1] for r, _a in rows if r.level == "county" and r.name.endswith(("县", "区", "市")))
    out = []
    for region, aliases in rows:
        if (region.level == "county" and len(region.name) == 2
                and word_frequency(region.name) >= (DISTRICT_WORD_MIN_FREQ if region.name.endswith("区")
                                                    else COUNTY_WORD_MIN_FREQ)):
            continue  # "城区", "郊区", "和县": a county so named is a word first ("途经哪几个城区", "各市和县")
        if region.level == "county" and region.name.endswith("族自治县"):
            # "麻阳苗族自治县" is called 麻阳 or 麻阳县: its place name, the two characters before the
            # people's names (长阳土家族…, 双江拉祜族佤族…)
            place = region.name[:AUTONOMOUS_COUNTY_PLACE_CHARS]
            if place not in taken and stems[place] == 0:
                plain = word_frequency(place) < COUNTY_STEM_MAX_WORD_FREQ  # 互助 alone is a word
                aliases = [*aliases, *(n for n in (place if plain else "", place + "县") if n and n not in taken)]
            out.append((region, aliases))
            continue
        stem = region.name[:-1]
        if (region.level == "county" and region.name.endswith(("县", "区", "市")) and not stem.endswith("自治")
                and len(stem) >= 2 and stems[stem] == 1
                and stem not in taken and word_frequency(stem) < COUNTY_STEM_MAX_WORD_FREQ):
            aliases = [*aliases, stem]
        out.append((region, aliases))
    return out


NICKNAMES_FILE = Path(__file__).parent / "resources" / "place_nicknames.tsv"
# What may follow a city's nickname where it names the city ("泉城济南", "雨城2021年", "羊城的"),
# not a word it begins ("鹰城名品", "金陵饭店")
NICKNAME_FOLLOWERS = ("的", "市", "年", "质量", "这边", "那边", "今年", "去年", "那次", "那场", "地铁", "各")


@lru_cache(maxsize=1)
def nicknames() -> dict[str, Region]:
    """Cities' and provinces' well-known other names (春城 for 昆明市, 八桂 for 广西; data in
    ``resources/place_nicknames.tsv``), longest first: 北国春城 is 长春市, 春城 alone 昆明市."""
    rows = [line.split("\t") for line in NICKNAMES_FILE.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    found = {nick: regions().lookup(name) for nick, name in rows}
    return {n: r for n, r in sorted(found.items(), key=lambda x: -len(x[0])) if r is not None}


def nickname_matches(text: str) -> list[RegionMatch]:
    """The cities a question names by nickname, where the nickname stands as a place: before its
    city's own name, a year, punctuation or words like 质量月, not inside a longer word."""
    out: list[RegionMatch] = []
    for m in _nickname_pattern().finditer(text):  # longest first: 北国春城 before 春城
        region = nicknames()[m.group()]
        after = text[m.end():]
        if after and "\u4e00" <= after[0] <= "\u9fff" and not after.startswith((region.name[:2], *NICKNAME_FOLLOWERS)):
            continue
        out.append(RegionMatch(region, m.start(), m.end(), m.group()))
    return out


@lru_cache(maxsize=1)
def _nickname_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in nicknames()))


@lru_cache(maxsize=1)
def regions() -> RegionDictionary:
    return RegionDictionary(_with_county_stems(_parse(REGIONS_FILE.read_text(encoding="utf-8"))))


def region_contains(outer: Region, inner: Region) -> bool:
    """True when ``inner`` lies in ``outer`` (a region contains itself)."""
    if outer.name == inner.name:
        return True
    if outer.level == "national":
        return False  # a national notice is not a notice of every province
    if outer.level == "province":
        return inner.province == outer.name and inner.level != "province"
    if outer.level == "prefecture" and inner.level == "county" and outer.code and inner.code:
        return inner.code[:4] == outer.code[:4]
    return False


def short_name(region: Region) -> str:
    """四川省 -> 四川, 广西壮族自治区 -> 广西: how people say it in a sentence."""
    return _short_names().get(region.name, region.name)


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    """Each place's shortest other name, found in one pass over the dictionary (a question's scope
    asks for it, where scanning every name each time cost a few hundred microseconds)."""
    shortest: dict[str, str] = {}
    for name, region in regions().by_name.items():
        if name != region.name and (region.name not in shortest or len(name) < len(shortest[region.name])):
            shortest[region.name] = name
    return shortest
