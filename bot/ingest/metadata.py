"""Who issued a notice, when, under which number, for which region and year.

A notice may lack a title line (the website dropped it), sign with its issuer
split over two lines, or be a news round-up where every paragraph group reports
on another province.  Those cases are read from the text's own form: bylines
close a report, a date line closes a signature, a 〔year〕number is a document
number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.ingest.sections import PART_MARKS, Block, parse_blocks
from bot.knowledge.schema import Region
from bot.regions import NATIONAL, RegionMatch, region_contains, regions

DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(]\s*(?:19|20)\d\d\s*[〕\]】)]\s*\d{1,4}\s*号")
BYLINE = re.compile(r"^\(\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*\s*\)$")
ORG_SUFFIX = re.compile(
    r"(?:办公室|领导小组|委员会|工作组|人民政府|政府|局|厅|委|办|部|署|院|会|中心|小组)$"
)
CAMPAIGN_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(?:度)?\s*[“\"]?(?:全国|全省|全市|全区|全州|全县|[\u4e00-\u9fff]{2,12}?)?\s*[“\"]?质量月")
TITLE_WORDS = re.compile(r"通知|方案|意见|安排|活动|公告|通报|启动|召开|举行|开展")
ANNOUNCE = re.compile(
    r"(?:(\d{1,2})月(\d{1,2})日[,，])?([^,，。《》]{2,60}?)(?:联合)?(?:发出|印发|下发|发布)了?"
    r"《([^》]{4,80}?(?:通知|方案))》(?:\(([^)]*?〔\d{4}〕\d+号)(?:[,，]以下简称[^)]{0,12})?\))?"
)

#: What every ANNOUNCE match holds: 印发《 and the like.
ANNOUNCE_CUE = re.compile(r"(?:发出|印发|下发|发布)了?《")
#: How far before its cue an ANNOUNCE match can start: "12月31日," (7 characters), the issuer
#: (at most 60) and 联合 (2); rounded up.
ANNOUNCE_REACH = 80


def announcements(text: str) -> Iterator[re.Match[str]]:
    """``ANNOUNCE.finditer(text)``, the same matches, searched from shortly before the first cue.

    Why: ANNOUNCE opens with a lazy run of up to 60 characters, which ``finditer`` tries at every
    position of the notice (two scans of the whole text were ~8% of building a notice); no match
    can start more than ``ANNOUNCE_REACH`` characters before a cue, and the pattern looks at
    nothing before where it starts, so the scan may begin there."""
    first = ANNOUNCE_CUE.search(text)
    if first is None:
        return iter(())
    return ANNOUNCE.finditer(text, max(0, first.start() - ANNOUNCE_REACH))


@dataclass
class UnitText:
    """A part of a document with one region and year: what facts are extracted from."""

    key: str
    region: Region
    year: int | None
    label: str
    blocks: list[Block]
    lines: list[str] = field(default_factory=list)
    byline: str = ""  # a round-up's report signed by its reporters: "(王小明 李小华)"


@dataclass
class DocumentAnalysis:
    title: str
    title_derived: bool
    kind: str
    issuer: str
    issue_date: str
    doc_number: str
    doc_number_quote: str
    issuer_quote: str
    units: list[UnitText]
    blocks: list[Block]
    warnings: list[str]


# A place named as where a report was filed ("央广网海口9月10日消息") or as part of a medium's name
# ("拉萨融媒", "浙江在线") says where the news came from, not what it is about.
DATELINE_AFTER = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日|电|讯)")
MEDIUM_AFTER = re.compile(r"(?:在线|网|日报|晚报|商报|时报|都市报|融媒|新闻|电视|广播|客户端|发布|支站|频道|之声|头条"
                          r"|信息港|之窗|热线)")


def _reported_from(text: str, m: RegionMatch) -> bool:
    after = text[m.end : m.end + 6]
    return bool(DATELINE_AFTER.match(after) or MEDIUM_AFTER.match(after))


# "2016年全国“质量月”活动启动仪式在重庆举行": the national campaign's launch, wherever it is held.
NATIONAL_LAUNCH = re.compile(r"全国[\u4e00-\u9fff]{0,12}?\s*[“\"]?\s*质量月\s*[”\"]?\s*(?:活动)?\s*(?:启动仪式|启动大会|启动暨)")
VENUE = re.compile(r"在([\u4e00-\u9fff]{2,12}?)(?:隆重|正式)?(?:举行|举办|召开|开幕)")  # "在山东青岛举行"


def _national_launch(lead: list[str]) -> bool:
    """Whether the lead's first sentence about a launch is the national campaign's, naming no
    place but where it was held; "…在我市举行" is a local launch of the national campaign."""
    for line in lead:
        for sentence in re.findall(r"[^。!?]+", line):
            if not NATIONAL_LAUNCH.search(sentence):
                continue
            if LOCAL_REPORT.search(sentence):
                return False
            # (a dateline's place, "…报东林讯", says where the news came from)
            local = [m for m in regions().find(sentence) if m.region.level != "national" and not _reported_from(sentence, m)]
            venues = [v.span(1) for v in VENUE.finditer(sentence)]
            return all(any(start <= m.start and m.end <= end for start, end in venues) for m in local)
    return False


# A company acting in a report's title or opening: its own campaign ("XX公司立即行动起来").
COMPANY_ACTOR = re.compile(r"(?:公司|集团|油田|股份|厂|设计院|研究院|总院)(?:组织|开展|召开|举行|启动|要求|关于|立即|全面)")
# "开展2024年全国“质量月”活动": the campaign's own name, which any local or company report uses
# ("2024年9月是全国第47个“质量月”": its place in the series, which every report may say)
CAMPAIGN_NAME_AFTER = re.compile(r"\s*(?:第\s*[\d一二三四五六七八九十]{1,4}\s*[个届次]\s*)?[“\"]?\s*质量月")


# Places joined by these, or written together as 简称 ("云贵川渝藏"), are a list of places.
LIST_JOINERS = frozenset("、,，和及与")
LISTED_PLACES = 3  # "山东、江苏、辽宁等地区", "(包括港澳台)": examples or a whole, not whose text it is


def _listed(matches: list[RegionMatch], text: str) -> set[int]:
    """The starts of matches in a list of at least ``LISTED_PLACES`` places."""
    listed: set[int] = set()
    run: list[RegionMatch] = []
    for m in sorted(matches, key=lambda x: x.start):
        between = text[run[-1].end : m.start] if run else ""
        if run and (len(between) > 1 or (between and between not in LIST_JOINERS)):
            if len(run) >= LISTED_PLACES:
                listed.update(x.start for x in run)
            run = []
        run.append(m)
    if len(run) >= LISTED_PLACES:
        listed.update(x.start for x in run)
    return listed


def _first_region(matches: list[RegionMatch], text: str = "", *, titled: bool = False) -> Region | None:
    """The first place a text is about: a province, prefecture or county before the nation, and
    never a dateline or a medium's name when anything else is named; "全国" in the campaign's
    name (全国“质量月”) names no place, except in a title that names no other ("关于开展2024年全国
    “质量月”活动的通知" is the nation's). A list of places ("山东、江苏、辽宁等地区参赛人数…",
    "覆盖全国34个省级行政区(包括港澳台)") names whose text it is only when nothing else is named."""
    local = [m for m in matches if m.region.level in ("province", "prefecture", "county")]
    if text and (listed := _listed(local, text)) and len(listed) < len(matches):
        local = [m for m in local if m.start not in listed]
    about = [m for m in local if not (text and _reported_from(text, m))]
    if about:
        return about[0].region
    if any(m.region.level == "national" and (titled or not (text and CAMPAIGN_NAME_AFTER.match(text, m.end)))
           for m in matches):
        return NATIONAL
    # only media names ("浙江在线 -- 岱山支站"): a local site, the most local place it names
    ranks = {"county": 0, "prefecture": 1, "province": 2}
    return min(local, key=lambda m: ranks[m.region.level]).region if local else None


# The addressee line of a notice ("各县区人民政府,…:") names the places it is sent to, not its own.
ADDRESSEES = re.compile(r"^各[^。]{2,}")
NATIONWIDE_ADDRESSEES = re.compile(r"^各.{0,2}、?(?:自治区|直辖市)")
LEAD_LINES = 5
OPENING_CHARS = 200  # what a report says first: whose campaign it is
# A report names its place and date in its title and first lines; "全省住建系统" is a province's own campaign.
LOCAL_REPORT = re.compile(r"我(?:省|市|县|区|州|盟|旗)|全(?:省|市|县|区|州|盟)(?!人大)"
                          # "市生态环境局开展…": a local office named by its level alone
                          r"|(?:^|\s)(?:市|县|区|州)(?!场|级|委)[\u4e00-\u9fff]{1,10}?(?:局|委员会|办公室)")
# "我县召开…": the level of the place a report is about.
OWN_LEVEL = {"省": "province", "市": "prefecture", "州": "prefecture", "盟": "prefecture",
             "县": "county", "区": "county", "旗": "county"}
OWN_PLACE = re.compile(r"我([省市州盟县区旗])")
ADDRESSEES_NAMING = 2  # an addressee line naming this many places of one province is that province's
FULL_DATE = re.compile(r"((?:19|20)\d\d)年\d{1,2}月(?:\d{1,2}日)?")


def _most_specific(region: Region, lead: str) -> Region:
    """"福建省福州市…", "山东微山县…": the one place the lead names right after ``region``.

    A place merely mentioned ("启动仪式在衡水市举行") or several places (a round-up of a
    province's cities) leave the broader region.
    """
    found = regions().find(lead)  # once: the lead is the same at every step down
    while True:
        ends = {m.end for m in found if m.region.name == region.name}
        inside = {m.region.name: m.region for m in found
                  if m.start in ends and region.name != m.region.name and region_contains(region, m.region)}
        if len(inside) != 1:
            return region
        region = next(iter(inside.values()))


def _own_level(region: Region, lead: str, text: str) -> Region:
    """"(原标题:我县召开…) 廊坊市…会议后,固安县立即召开…": a report that says 我县 is about a county;
    when the place found is broader, the place of that level the text names most, inside it."""
    m = OWN_PLACE.search(lead)
    level = OWN_LEVEL.get(m.group(1)) if m else None
    if level is None or region.level == level or region.level not in ("national", "province", "prefecture"):
        return region
    if level == "prefecture" and region.level == "prefecture":
        return region
    inside = Counter(f.region.name for f in regions().find(text)
                     if f.region.level == level and region_contains(region, f.region))
    if not inside:
        return region
    best = inside.most_common(1)[0][0]
    return regions().lookup(best) or region


def _addressed_province(lines: list[str]) -> Region | None:
    """"各市住房城乡建设局,济南、青岛、淄博…市水务局:": a notice sent to the cities of one province
    comes from that province."""
    for line in lines[:LEAD_LINES]:
        if not ADDRESSEES.match(line):
            continue
        places = {m.region.name: m.region for m in regions().find(line) if m.region.level in ("prefecture", "county")}
        provinces = {r.province for r in places.values()}
        if len(places) >= ADDRESSEES_NAMING and len(provinces) == 1 and "" not in provinces:
            return regions().lookup(provinces.pop())
    return None


# "2031年东林质量万里行活动23日启动": a year naming the event the first sentence reports; not a
# range's end ("2011-2020年"), nor a time since or until ("2012年以来", "2025年底")
NAMED_YEAR = re.compile(r"(?<![\d\-—~～至到])((?:19|20)\d\d)年(?=[\u4e00-\u9fff“\"])(?![以起至到前后底初末度])")


def _named_year(lead: str) -> int | None:
    """The year the lead's first sentence names its event by, for a report dated by day alone."""
    m = NAMED_YEAR.search(re.split(r"[。!！?？]", lead, maxsplit=1)[0])
    return int(m.group(1)) if m else None


def _dated_year(lead: str) -> int | None:
    """The year of the first dated month of the lead ("2012年8月31日上午…", "2018年9月…"), for
    reports that never write "2012年质量月"."""
    m = FULL_DATE.search(lead)
    return int(m.group(1)) if m else None


# The first national Quality Month was held in September 1978, one a year since: "第46个质量月" is 2023.
FIRST_CAMPAIGN_YEAR = 1978
ORDINAL_CAMPAIGN = re.compile(r"第\s*(\d{1,2})\s*个\s*(?:全国)?\s*“?(?:全国)?质量月")
# A page's publication stamp, a bare date opening a line ("2020-09-29 21:48 本文来源:…").
PAGE_STAMP = re.compile(r"^\s*(?:((?:19|20)\d\d)-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.((?:19|20)\d\d))(?=\s|$)",
                        re.MULTILINE)  # "2020-09-29 21:48", "21.09.2016 21:44"
PUBLISHED_ROW = re.compile(r"(?:发布日期|发布时间|成文日期|发文日期|日期|时间)[:：]\s*((?:19|20)\d\d)[-/.年]")


def _ordinal_year(text: str) -> int | None:
    """The year of "全国第48个“质量月”", else of a page's 发布日期 row."""
    m = ORDINAL_CAMPAIGN.search(text)
    if m:
        return FIRST_CAMPAIGN_YEAR + int(m.group(1)) - 1
    m = PUBLISHED_ROW.search(text) or PAGE_STAMP.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def _numbered_by(doc_number: str) -> Region | None:
    """"苏建函质安〔2024〕398号": a document number opens with its issuing province's 简称."""
    return regions().abbreviations.get(doc_number[:1]) if doc_number else None


def _dominant_region(text: str) -> Region | None:
    found = [m for m in regions().find(text) if m.region.level != "national"]
    if not found:
        return None
    counts = Counter(m.region.name for m in found)
    first = {m.region.name: i for i, m in reversed(list(enumerate(found)))}
    best = max(counts, key=lambda n: (counts[n], -first[n]))
    return next(m.region for m in found if m.region.name == best)


def campaign_year(text: str) -> int | None:
    years = Counter(int(m.group(1)) for m in CAMPAIGN_YEAR.finditer(text))
    return years.most_common(1)[0][0] if years else None


TITLE_END = re.compile(r"(?:通知|方案|函|意见|公告|通报|决定|报告)$")
MAX_TITLE_CHARS = 70
MENU_LINE_CHARS = 6  # a line this short without 质量 is a site's menu entry, not a title


BREADCRUMB = re.compile(r"当前位置|您的位置|您现在的位置|首页\s*[>»]")  # a site's path to the page, no title


# A saved page's row under its headline: when and where it was published ("2018-09-18 10:50:37
# 中国质量新闻网", "发布时间:…", "信息来源: …  信息提供日期:…").
PUBLICATION_ROW = re.compile(r"^\s*(?:19|20)\d\d-\d{1,2}-\d{1,2}(?:\s|$)"
                             r"|(?:发布时间|发布日期|信息来源|来源|发稿时间|更新时间|时间)\s*[:：]")
# a line of the site's own, never a headline: its greeting, a breadcrumb, the page's index row
PAGE_CHROME = re.compile(r"欢迎|当前位置|您的位置|首页\s*[>»]|[>»]|索引号|发布机构|主题分类")
CJK = re.compile(r"[\u4e00-\u9fff]")
HEADLINE_LINES = 8  # a page's headline comes after at most this many lines of site chrome


def _headline(lines: list[str]) -> int | None:
    """The index of a saved page's headline: the line right above its publication row.

    Why: news pages put site chrome (a greeting, a menu, a breadcrumb) above the headline, and
    headlines need not say 质量 or 通知 ("吉林:优化市场准入环境竞争环境消费环境"); the row giving the
    publication time is what marks the line above it as the headline."""
    for i, line in enumerate(lines[: min(HEADLINE_LINES, len(lines)) - 1]):
        if (PUBLICATION_ROW.search(lines[i + 1]) and not PUBLICATION_ROW.search(line)
                and len(CJK.findall(line)) > MENU_LINE_CHARS and len(line) <= MAX_TITLE_CHARS
                and not line.endswith((":", "。", ",", "!")) and not PAGE_CHROME.search(line)
                and not BYLINE.match(line)):
            return i
    return None


def find_title(lines: list[str]) -> str | None:
    """The first line, when it reads like a title (no closing colon or full stop, short), or a
    saved page's headline."""
    opening = 0
    while opening < len(lines) and len(lines[opening]) <= MENU_LINE_CHARS and "质量" not in lines[opening]:
        opening += 1  # a saved page's menu lines ("企业动态", "项目动态") before its title
    for line in lines[opening : opening + 3]:
        if (len(line) > MAX_TITLE_CHARS or line.endswith((":", "。", ",")) or BYLINE.match(line)
                or BREADCRUMB.search(line)):
            continue
        if TITLE_WORDS.search(line) and "质量" in line:
            i = lines.index(line)
            rest = lines[i + 1] if i + 1 < len(lines) else ""
            # a title wrapped onto a second line: "关于开展2019年…“质量月”" + "有奖征文活动的通知"
            if (not TITLE_END.search(line) and len(line) + len(rest) <= MAX_TITLE_CHARS
                    and TITLE_END.search(rest) and not rest.startswith(("各", "关于")) and "通知" not in line):
                return line + rest
            return line
    headline = _headline(lines)
    return lines[headline] if headline is not None else None


SENTENCE_MARK = re.compile(r"[。,，;；]")  # a line of the body: a signature comes after it


def find_signature(lines: list[str]) -> tuple[str, str, str]:
    """(issuer, ISO date, quote) from the last "organisation / date" pair before attachments, else
    the last date alone on its line after the body; a page's masthead ("标题 / 副标题 / 西林日报 / 2031年10月05日" above its first sentence) dates
    the page, but no one signs it there."""
    masthead = unsigned = ("", "", "")
    for i in range(len(lines) - 1, 0, -1):
        m = DATE_LINE.match(lines[i])
        if not m:
            continue
        y, mo, d = (int(x) for x in m.groups())
        org: list[str] = []
        for j in range(i - 1, max(i - 4, -1), -1):
            line = lines[j]
            if len(line) > 30 or re.search(r"[,，。:：;；、.]", line) or re.match(r"^[\d(]", line):
                break
            org.insert(0, line)
        if not org:
            if not unsigned[1] and any(SENTENCE_MARK.search(x) for x in lines[:i]):
                # a letter whose sender heads it ("…分会 / 东质协函〔2031〕3号 / 标题"): the date
                # closing its body dates it, with no name above
                unsigned = ("", f"{y:04d}-{mo:02d}-{d:02d}", lines[i])
            continue
        if not any(SENTENCE_MARK.search(x) for x in lines[: i - len(org)]):
            masthead = ("", f"{y:04d}-{mo:02d}-{d:02d}", lines[i])
            continue
        return "".join(org), f"{y:04d}-{mo:02d}-{d:02d}", "\n".join([*org, lines[i]])
    return unsigned if unsigned[1] else masthead


LETTERHEAD_MAX_CHARS = 30  # a sender's name on the line above its document number, not a sentence


def letterhead(lines: list[str], number_line: str) -> str:
    """The sender heading a letter: an organisation's name alone on the line right above the
    document number ("东林省质量协会 / 东质协函〔2031〕3号"), where no signature names one."""
    at = next((i for i, line in enumerate(lines[:12]) if line == number_line), 0)
    above = lines[at - 1].strip() if at else ""
    return above if (len(above) <= LETTERHEAD_MAX_CHARS and ORG_SUFFIX.search(above)
                     and not SENTENCE_MARK.search(above)) else ""


def find_doc_number(text: str, lines: list[str]) -> tuple[str, str]:
    """The notice's own number: on a line of its own, or right after the notice's 《title》."""
    for line in lines[:12]:
        m = DOC_NUMBER.fullmatch(line.strip().strip("()（）"))  # "(琼建质函[2011]368号)" under the title
        if m:
            return re.sub(r"\s+", "", m.group()), line
    for m in announcements(text):
        if m.group(5) and "质量月" in m.group(4):
            return m.group(5), m.group()
    return "", ""


def split_roundup(lines: list[str]) -> list[list[str]] | None:
    """Paragraph groups closed by a reporter's byline "(王小明 李小华)"; None when not a round-up."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if BYLINE.match(line):
            groups.append(current)
            current = []
    if current and groups:
        groups[-1].extend(current) if len(current) < 2 else groups.append(current)
    if len(groups) < 2:
        return None
    # an item without a byline ends where the next place's heading starts ("■ 泰安"), not at the next byline
    groups = [piece for g in groups for piece in _cut_at_region_heads(g)]
    names = {r.name for g in groups if (r := _first_region(regions().find(g[0])))}
    return groups if len(names) >= 2 else None


# "1. 陕西：24个部门联合开展…", "【海南】…", "（三）吉林：…": a round-up's item headed by its place
# "■ 泰安" on a line of its own: a web page's part mark before the place
REGION_HEAD = re.compile(r"^(?:\d{1,2}\s*[.、．]\s*|[（(]\d{1,2}[)）]\s*|[（(]?[一二三四五六七八九十]{1,3}[)）、]\s*)?【?"
                         r"([\u4e00-\u9fff]{2,10}?)(?:】|\s*[:：])"
                         rf"|^[{PART_MARKS}]\s*([\u4e00-\u9fff]{{2,10}})$")
ROUNDUP_MAX_PREAMBLE = 3  # lines before the first place-headed item: a title, a date, a source
# ... or, under a headline calling itself a round-up ("各地…启动情况汇总"), an editor's note and a table
ROUNDUP_TITLED_MAX_PREAMBLE = 20
ROUNDUP_TITLE = re.compile(r"各地|汇总|综述|集锦|一览|扫描|速递")
ROUNDUP_MIN_ITEMS = 2
ROUNDUP_ITEM_MIN_LINES = 2  # a headline and its report


def split_by_region_heads(lines: list[str]) -> list[list[str]] | None:
    """A round-up whose items open with their place ("1. 陕西：…"), each item up to the next:
    None unless the items start within its first lines, name two places or more and each holds a
    report under its headline. A notice's annex of cities ("成都市：…" after the notice's own
    sections, one line each) is no round-up."""
    titled = any(ROUNDUP_TITLE.search(line) for line in lines[: ROUNDUP_MAX_PREAMBLE + 1])
    preamble = ROUNDUP_TITLED_MAX_PREAMBLE if titled else ROUNDUP_MAX_PREAMBLE
    if not any(_region_head(line) for line in lines[: preamble + 1]):
        return None  # most notices: nothing to scan further
    heads = []
    for i, line in enumerate(lines):
        if (name := _region_head(line)) is not None:
            heads.append((i, name))
    if len(heads) < ROUNDUP_MIN_ITEMS or heads[0][0] > preamble:
        return None
    if len({name for _i, name in heads}) < ROUNDUP_MIN_ITEMS:
        return None
    starts = [i for i, _name in heads]
    items = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    # under a round-up's headline an item may be one paragraph ("吉林:9月2日上午,…启动仪式在通化市举行…")
    min_lines = 1 if titled else ROUNDUP_ITEM_MIN_LINES
    return items if all(len(item) >= min_lines for item in items) else None


def _cut_at_region_heads(group: list[str]) -> list[list[str]]:
    """``group`` cut before each place heading after its first ("■ 盐城 … ■ 泰安 …": two items)."""
    heads = [i for i, line in enumerate(group) if _region_head(line)]
    cuts = heads[1:]
    return [group[a:b] for a, b in zip([0, *cuts], [*cuts, len(group)], strict=True)]


def _region_head(line: str) -> str | None:
    """The place a round-up item's headline opens with ("1. 陕西:…" → 陕西省), or None."""
    m = REGION_HEAD.match(line.strip())
    if not m:
        return None
    place = m.group(1) or m.group(2)
    found = regions().find(place)
    return found[0].region.name if found and found[0].start == 0 and found[0].end == len(place) else None


def _label(region: Region, year: int | None) -> str:
    return f"{region.name} {year}年" if year else region.name


def analyse(text: str) -> DocumentAnalysis:
    """Metadata and units of one normalised notice."""
    lines = [x for x in text.split("\n") if x.strip()]
    warnings: list[str] = []
    doc_year = campaign_year(text)
    groups = split_roundup(lines) or split_by_region_heads(lines)
    if groups:
        units: list[UnitText] = []
        for i, group in enumerate(groups, 1):
            body = [x for x in group if not BYLINE.match(x)]
            signed = next((x for x in group if BYLINE.match(x)), "")
            gtext = "\n".join(body)
            region = _first_region(regions().find(body[0])) or _dominant_region(gtext) or NATIONAL
            year = campaign_year(gtext) or doc_year
            label = _label(region, year)
            block = Block(path=(f"{region.name}报道",), level=1, lines=body)
            units.append(UnitText(f"u{i}", region, year, label, [block], body, signed))
        names = "、".join(dict.fromkeys(u.region.name for u in units))
        title = f"{doc_year or ''}年各地“质量月”活动报道({names})".lstrip("年")
        blocks = [b for u in units for b in u.blocks]
        return DocumentAnalysis(title, True, "roundup", "", "", "", "", "", units, blocks, warnings)

    blocks = parse_blocks(text)
    main_lines = [x for b in blocks if not b.path or not b.path[0].startswith("附件")
                  for x in b.lines]
    issuer, issue_date, issuer_quote = find_signature(main_lines)
    doc_number, doc_number_quote = find_doc_number(text, lines)
    if not issuer and doc_number and (head := letterhead(lines, doc_number_quote)):
        issuer, issuer_quote = head, "\n".join([head, doc_number_quote])
    title = find_title(lines)
    announce = next((m for m in announcements(text) if "质量月" in m.group(4)), None)
    if not issuer and announce:
        issuer = announce.group(3).strip()
        issuer_quote = announce.group()
        if announce.group(1) and doc_year:
            issue_date = f"{doc_year:04d}-{int(announce.group(1)):02d}-{int(announce.group(2)):02d}"
    if doc_year is None and issue_date:
        doc_year = int(issue_date[:4])
    region: Region | None = None
    # a page's own report starts at its headline: the site's greeting or menu above it names the
    # site's place ("欢迎您访问深圳建筑业协会官网"), the row under it the source's
    headline = _headline(lines)
    opening = lines[headline:] if headline is not None else lines
    lead = [x for x in opening if not ADDRESSEES.match(x) and not PUBLICATION_ROW.search(x)][:3]
    named = [m for src in (issuer, title or "") for m in regions().find(src) if m.region.level != "national"]
    if not named and any(NATIONWIDE_ADDRESSEES.match(x) for x in lines[:LEAD_LINES]):
        region = NATIONAL  # "各省、自治区、直辖市…:" is how a national notice opens
    if not region and not named and _national_launch(lines[:LEAD_LINES]):
        region = NATIONAL  # "2016年全国“质量月”活动启动仪式在重庆举行": the national launch, in its host city
    for source in ([] if region else (issuer, title or "", " ".join(lead))):
        if source:
            region = _first_region(regions().find(source), source, titled=source == title)
            if region is NATIONAL and LOCAL_REPORT.search(" ".join(lines[:LEAD_LINES * 2])):
                region = None  # "我市开展2023年全国“质量月”…活动": a local report of the national campaign
            if region:
                break
    # (the opening's first sentences: a one-line national notice lists 东林铁路公司开展… far down)
    if region is NATIONAL and COMPANY_ACTOR.search(" ".join([issuer, title or "", " ".join(lead[:2])[:OPENING_CHARS]])):
        # "油田组织开展全国“质量月”活动", "保变电气公司关于开展…": a company's own campaign, not the nation's
        region = None
    region = region or _numbered_by(doc_number) or _addressed_province(lines) or _dominant_region(text)
    if region is not None:
        region = _most_specific(region, " ".join([title or "", *lines[:LEAD_LINES]]))
        region = _own_level(region, " ".join([title or "", *lines[:LEAD_LINES]]), text)
    if doc_year is None:
        doc_year = (_dated_year(" ".join(lines[:LEAD_LINES])) or _ordinal_year(text)
                    or _named_year(" ".join(opening[:LEAD_LINES])))
    if region is None:
        warnings.append("no region found")
        region = Region(name="未知地区", level="unknown")
    kind = "notice" if (title and "通知" in title) or issuer or any(b.level == 1 for b in blocks) else "news"
    derived = title is None
    if title is None:
        who = issuer or region.name
        title = f"{who}关于开展{doc_year or ''}年“质量月”活动的通知".replace("开展年", "开展")
    unit = UnitText("main", region, doc_year, _label(region, doc_year), blocks, lines)
    return DocumentAnalysis(title, derived, kind, issuer, issue_date, doc_number, doc_number_quote,
                            issuer_quote, [unit], blocks, warnings)
