"""Typed facts from a notice's units: what the bot can answer, each with its quote.

Every extractor reads the form of official Chinese writing, not any notice's
content: a heading named 活动主题, a "联系人:" line, "于10月8日前将…报送…", an
attachment listing "三、公安厅:…", a numbered list under a heading with 口号.
Quotes are cut from the normalised text so a reader can find them verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bot.answering.answer_types import PLACE_T, byline_name, find_span, signed_names
from bot.cn_numbers import CN_DIGITS, WEEKDAY, number_value
from bot.ingest.metadata import DocumentAnalysis, UnitText
from bot.ingest.normalize import TABLE_CELLS
from bot.ingest.sections import Block, enumerated_items, sentences
from bot.knowledge.schema import (
    AddresseesFact,
    ArrangementFact,
    AwardFact,
    ContactFact,
    CountFact,
    DeadlineFact,
    DocNumberFact,
    DutyFact,
    EventFact,
    Fact,
    IssuerFact,
    PageRowFact,
    PeriodFact,
    SlogansFact,
    ThemeFact,
)
from bot.regions import regions

_U = "□"  # a character lost to damage matches any character in a label
PHONE = re.compile(r"(?<![\d-])(?:\(?0\d{2,3}\)?[-\s]?)?[2-9]\d{6,7}(?![\d])|(?<!\d)1[3-9]\d{9}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LABELS = {
    # "联系人及电话:王一 0871-6543210": one label for both, the names and numbers after it
    "persons": rf"(?:联系人(?:及|和|与|、)(?:联系)?(?:电话|方式)|[联{_U}][系{_U}]人|联络人|联系方式)",
    "phones": r"(?:联系电话|咨询电话|办公电话|电\s*话|手\s*机|座\s*机)",
    "fax": r"(?:传\s*真)",
    "emails": r"(?:电子邮箱|电子信箱|邮\s*箱|信\s*箱|E-?mail|邮件)",
}
_ANY_LABEL = re.compile("(" + "|".join(LABELS.values()) + r")\s*[:：]?", re.IGNORECASE)
OFFICE_END = re.compile(r"(?:办公室|办|处|科|室|局|中心|院|部|厅|股|组|委|站|所|会)$")
TABLE_MIN_CELLS = 2
CONTACT_NAME_COLUMN = re.compile(r"姓名|联系人|联络人")  # a contact table's column heads
CONTACT_PHONE_COLUMN = re.compile(r"(?:联系|办公|座机)?电话|手机|联系方式")
DATE_MD = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
DEADLINE = re.compile(
    r"(?P<who>[^,，。;；]{0,30}?)(?:要|请|须|需|应|务必)?\s*(?:于|在)?\s*"
    r"(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)(?:\d{1,2}[:时]\d{0,2}分?)?" + WEEKDAY + r"\s*(?:前|之前|以前|截止)"
    r"[,，]?(?:将|把)?(?P<what>[^。;；]*?)"
    r"(?P<verb>报送至|报送到|报送|上报|报给|报至|报到|报|提交至|提交|发送至|发送到|发至|送至|送交|交至|寄至|发到)"
    r"(?P<to>[^,，。;；]*)"
)
#: What every DEADLINE match holds: a date then 前/之前/以前/截止. DEADLINE opens with a lazy
#: run of up to 30 characters, which ``search`` tries at every position of every sentence (a
#: quarter of building a notice); a sentence without this cue cannot match and is not searched.
DEADLINE_CUE = re.compile(r"\d月\d{1,2}日(?:\d{1,2}[:时]\d{0,2}分?)?" + WEEKDAY + r"\s*(?:前|之前|以前|截止)")
UNIT_SUFFIX = (
    r"(?:部门|总局|总署|总工会|团中央|妇联|工商联|联合会|协会|促进会|分行|海关|办公室|管委会"
    r"|委员会|部|厅|局|委|办|院|署|社|会)"
)
UNIT_VERB = (
    r"(?:开展|组织|继续|积极|深入|加强|会同|在|以|引导|围绕|推动|推进|举办|联合|配合|持续|实施|结合|指导"
    r"|牵头|负责|将|要|等|发布|制定|大力|认真|全面|进一步|充分|广泛|做好|强化|建立|启动|严厉|集中|面向|对)"
)
UNIT_AT_START = re.compile(
    rf"^((?:[\u4e00-\u9fff]{{1,14}}?{UNIT_SUFFIX})(?:(?:和|、|及|与)[\u4e00-\u9fff]{{1,14}}?{UNIT_SUFFIX})*)"
    rf"(?={UNIT_VERB})"
)
NOT_A_UNIT = re.compile(r"^(?:举办|主办|承办|开展|组织|召开|实施|推进|推动|加强|广泛|集中|各)")
UNIT_LIST_PARENT = re.compile(r"单位|部门|成员|各地|市\(州\)|市州|各市|各区|各县|分工|职责")
# How a heading is numbered: "一、", "(一)", "2.", "第一部分"
HEADING_MARK = (r"(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)"
                r"|第[一二三四五六七八九十]+(?:部分|章)?[、,，:：\s]?|【\d{1,2}】)")  # "【01】一个主题": a panel's
THEME_HEADING = re.compile(rf"^{HEADING_MARK}?\s*(?:活动|一个)?主题$")
# A theme stated in prose: "以“推进质量提升 共建质量强市”为主题的“质量月”活动".
THEME_PROSE = re.compile(r"以“([^“”]{4,60})”为(?:活动|今年的?)?主题|主题(?:是|为|确定为)[:：]?\s*“([^“”]{4,60})”")
THEME_SENTENCE = re.compile(r"(?<!为)(?<!以)(?:活动的?|今年的?|年度)?主题(?:是|为|确定为)?[:：]\s*(.{4,40}?)(?:[。;]|$)"
                            r"|(?<!为)(?<!以)(?:活动的?|今年的?|年度)?主题(?:是|确定为)\s*(.{4,40}?)(?:[。;]|$)")
PERIOD_HEADING = re.compile(
    rf"^{HEADING_MARK}?\s*(?:活动时间|时间安排|活动期间|起止时间)$"
)
SLOGAN_HEADING = re.compile(r"口号|标语|宣传语")
SLOGAN_MIN_CHARS, SLOGAN_MAX_CHARS = 4, 40  # a slogan is a phrase: "质量强链 产业兴湘"
LISTED_SLOGANS_MIN = 3  # slogans listed in a sentence: a list, not a pair of phrases
SLOGANS_LISTED = re.compile(r"(?:口号|标语|宣传语)[^。:：;；]{0,12}[:：]")
ARRANGEMENT_PARENT = re.compile(r"重点|安排|内容|活动|措施|任务|举措")
EVENT_NAME = re.compile(
    r"([^,，。;；、“”]{0,24}?(?:启动仪式|启动会|大会|推进会|现场会|发布会|颁奖仪式|颁奖大会|论坛|峰会|开幕式))"
)
#: The words every EVENT_NAME match ends with (颁奖大会 holds 大会): a sentence without one is not
#: searched with EVENT_NAME's lazy 24-character opening run.
EVENT_CUE = re.compile(r"启动仪式|启动会|大会|推进会|现场会|发布会|颁奖仪式|论坛|峰会|开幕式")
# An event's rows under its heading in a plan: "活动时间:9月3日上午", "地点:东林广场", "牵头单位:县市场监管局"
EVENT_ROW = re.compile(r"^(?:活动|举办)?(时间|地点|主办单位|牵头单位)\s*[:：]\s*([^\n]{2,40})$", re.MULTILINE)
COUNT = re.compile(
    rf"(?<![\d.{CN_DIGITS}])(\d{{1,5}}|[{CN_DIGITS}]{{1,5}})\s*(?:(个|项|条|家|类|场|次|批|所|名|支)"
    r"(?P<noun>[^,，。;；、:：()“”\s\d]{1,16}?)"
    r"(?=[,，。;；、:：\s“”\d]|参与|参加|联合|共同|将|开展|组织|启动|为重点|以上|$)"
    r"|(大)(?P<noun2>系列|类|领域|板块|行动|工程))"
)
# "各相关成员单位…:", or "北京市…领导小组有关成员单位,有关行业协会、商会,有关企业:" — not "通知如下:"
ADDRESSEE_LINE = re.compile(r"^各[^。;；]{2,300}[:：]$"
                            # "机关各股室、分局,所属事业单位:": 各 a little way in
                            r"|^(?!.*(?:如下|以下|要|请|应|须|通知|方案))[^。;；,，:：]{1,8}各[^。;；:：]{2,300}[:：]$"
                            r"|^(?!.*(?:如下|以下)[:：]$)[^。;；]{0,40}?(?:有关|相关)[^。;；]{0,300}?"
                            r"(?:单位|部门|企业|协会|商会|学会|局|厅|委|政府|公司)[:：]$")
ADDRESSEE_WITHIN_LINES = 12  # the addressee line follows the title, number and date lines
PAGE_ROW_LABELS = ("发布日期", "发布时间", "成文日期", "发文日期", "生成日期", "信息提供日期", "索引号", "发文字号", "信息来源",
                   "来源", "作者", "责编", "责任编辑", "编辑", "审核", "发布机构", "浏览次数", "浏览", "点击次数", "点击数",
                   "点击", "阅读")
COUNT_ROW_LABELS = frozenset({"浏览次数", "浏览", "点击次数", "点击数", "点击", "阅读"})  # a page's counters
PAGE_ROW = re.compile(
    # (not a label quoted in a copyright notice: 本网注明“来源:东林质量网”的所有作品)
    rf"(?<![\u4e00-\u9fff“\"])({'|'.join(PAGE_ROW_LABELS)})\s*[:：]\s*\|?\s*"
    # "作者: 来源: 浏览:1507": a row left empty is followed by the next row's label, no value
    rf"(?!(?:{'|'.join(PAGE_ROW_LABELS)})\s*[:：])"
    r"([^\s|:：“”\"]{1,40}(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)"
)
PAGE_ROW_HEADS = frozenset(PAGE_ROW_LABELS) | {"文号"}


def _page_row_heads(line: str) -> list[str] | None:
    """The column heads of a portal's metadata table ("索引号 | 发布机构 | 成文日期 | 文号"), or None."""
    heads = [cell.strip() for cell in line.split(TABLE_CELLS)]
    return heads if len(heads) >= 2 and all(h in PAGE_ROW_HEADS for h in heads) else None


# a line of a date alone ("2017-09-11", "2018-09-18 10:50:37") under a page's headline: its stamp
PAGE_STAMP_LINE = re.compile(r"\s*((?:19|20)\d\d-\d{1,2}-\d{1,2}(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)\s*")
# A news report's dateline names the paper or site it ran in: "中国消费者报南宁讯", "新华网南宁8月28日电",
# "河南日报消息", "秀山网讯" (本报讯, 本网讯 name none)
NEWS_DATELINE = re.compile(r"^\s*(?!本[报网台])([\u4e00-\u9fff]{1,10}?(?:日报|晚报|报|网|电视台|台|社|在线))"
                           r"[\u4e00-\u9fff]{0,6}?(?:\d{1,2}月\d{1,2}日)?(?:讯|电|消息)(?![\u4e00-\u9fff])")
DATELINE_LINES = 3  # the dateline opens the report, within its first lines
# A line no slogan is: a site footer's labelled row, a reader's comment, a page number
AFTER_THE_LIST = re.compile(r"(?:地址|邮编|电话|传真|邮箱|网址|版权所有|主办|承办|技术支持|回复|来源|编辑|留言|评论)\s*[:：]"
                            r"|备案|ICP|©|^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$")
PAGE_DATE_ROW = re.compile(r"(?<![\u4e00-\u9fff])(?:时间|日期)\s*[:：]\s*((?:19|20)\d\d-\d{1,2}-\d{1,2}"
                           r"(?:\s\d{1,2}:\d{2}(?::\d{2})?)?)")
AWARD_LEAD = re.compile(
    r"^.*(?:邀请|入围|获得|荣获|增设|举行|开展|颁发|启动|召开|组织|评选|举办|参加|暨|和|向|与|及|、|”)"
)
AWARD = re.compile(r"((?:第[一二三四五六七八九十\d]+届)?[\u4e00-\u9fff“”]{2,14}?(?:质量奖|品牌奖|标准创新贡献奖|奖)(?:\(提名奖\))?)")


BYLINE_LABELS = frozenset({"记者", "通讯员", "实习记者"})  # "作者:记者 周婷 王凯": a role before the names


def _iso(year: int | None, month: int, day: int) -> str:
    if year is None:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _sentence_with(text: str, start: int) -> str:
    """The sentence of ``text`` around index ``start``."""
    left = max(text.rfind(ch, 0, start) for ch in "。!?;\n")
    rights = [i for ch in "。!?;\n" if (i := text.find(ch, start)) >= 0]
    right = min(rights) if rights else len(text)
    end = right + 1 if right < len(text) and text[right] != "\n" else right
    return text[left + 1 : end].strip()


# A table row's lead cell, labelled by its column ("牵头单位:省农业厅", "责任部门:市监局")
LEAD_CELL = re.compile(r"(?:牵头|责任|主办|主责)(?:单位|部门):(.+)")

class Extractor:
    """Collects facts for one document; ids are doc + kind + ordinal, hence stable."""

    def __init__(self, doc: str, analysis: DocumentAnalysis, issue_year: int | None) -> None:
        self.doc = doc
        self.analysis = analysis
        self.issue_year = issue_year
        self.facts: list[Fact] = []
        self._counts: dict[str, int] = {}
        self._split: dict[str, list[str]] = {}

    def _sentences(self, text: str) -> list[str]:
        """``sections.sentences(text)``, split once per text of this document: four extractors
        walk every block's sentences. Kept with the document's extractor, so nothing is reused
        from one notice to the next."""
        if text not in self._split:
            self._split[text] = sentences(text)
        return self._split[text]

    def _id(self, kind: str) -> str:
        self._counts[kind] = self._counts.get(kind, 0) + 1
        return f"{self.doc}:{kind}:{self._counts[kind]}"

    def add(self, cls: type, unit: UnitText, block: Block | None, quote: str, **fields: object) -> None:
        section = block.section if block and block.path else ("正文" if unit.key == "main" else unit.label)
        kind = cls.model_fields["kind"].default
        fact = cls(id=self._id(kind), doc=self.doc, unit=unit.key, section=section, quote=quote.strip(), **fields)
        self.facts.append(fact)

    # -- extractors -------------------------------------------------------

    def run(self) -> list[Fact]:
        for unit in self.analysis.units:
            self.themes(unit)
            self.period(unit)
            self.contacts(unit)
            self.deadlines(unit)
            self.duties(unit)
            self.slogans(unit)
            self.arrangements(unit)
            self.events(unit)
            self.scheduled_events(unit)
            self.counts(unit)
            self.awards(unit)
            self.page_rows(unit)
        self.addressees()
        self.signature()
        return self.facts

    def themes(self, unit: UnitText) -> None:
        seen: set[str] = set()
        for block in unit.blocks:
            label = block.label
            if block.path and THEME_HEADING.match(label):
                body = block.body.split("\n")[0].strip() if block.body else ""
                if body and body not in seen:
                    seen.add(body)
                    quote = body if body in block.text else block.lines[0]
                    self.add(ThemeFact, unit, block, quote, theme=body.rstrip("。"))
                continue
            if block.path and block.path[0].startswith("附件") and not SLOGAN_HEADING.search(block.path[0]):
                continue
            for line in block.lines:
                for sentence in sentences(line):
                    for m in THEME_PROSE.finditer(sentence):
                        theme = (m.group(1) or m.group(2)).strip()
                        if theme in seen or theme == "质量月" or "质量月" not in sentence:
                            continue
                        seen.add(theme)
                        self.add(ThemeFact, unit, block, sentence, theme=theme)
                for m in THEME_SENTENCE.finditer(line):
                    theme = (m.group(1) or m.group(2) or "").strip().rstrip("。")
                    if len(theme) < 4 or "质量" not in theme + line:
                        continue
                    if any(known in theme for known in seen):
                        continue  # "主题是“A”" again, or "“A”,活动由…主持": the theme found in prose, quoted
                    seen.add(theme)
                    self.add(ThemeFact, unit, block, _sentence_with(line, m.start()), theme=theme)

    def period(self, unit: UnitText) -> None:
        for block in unit.blocks:
            if block.path and PERIOD_HEADING.search(block.label) and block.body:
                text = block.body.split("\n")[0]
                dates = list(DATE_MD.finditer(text))
                year = unit.year
                iso = []
                for m in dates:
                    year = int(m.group(1)) if m.group(1) else year
                    iso.append(_iso(year, int(m.group(2)), int(m.group(3))))
                self.add(PeriodFact, unit, block, text, text=text,
                         start=iso[0] if iso else "", end=iso[-1] if len(iso) > 1 else "")
                return
        for line in unit.lines:
            m = re.search(r"定于\s*((?:\d{4}年|今年)?\d{1,2}月(?:\d{1,2}日)?(?:[至到—-]\s*\d{1,2}月?\d{1,2}日)?)", line)
            if m:
                block = next((b for b in unit.blocks if line in b.lines), None)
                self.add(PeriodFact, unit, block, _sentence_with(line, m.start()), text=m.group(1))
                return

    def contacts(self, unit: UnitText) -> None:
        for block in unit.blocks:
            self._contact_table(unit, block)
            group: list[str] = []
            for line in [*block.lines, ""]:
                if line and _ANY_LABEL.search(line) and (PHONE.search(line) or EMAIL.search(line)
                                                         or re.search(LABELS["persons"] + r"\s*[:：]", line)):
                    group.append(line)
                    continue
                if group:
                    self._contact(unit, block, group)
                    group = []

    def _contact_table(self, unit: UnitText, block: Block) -> None:
        """Contacts in a table: a header row "姓名 | 职务 | 电话", then a row for each person."""
        lines = block.lines
        for i, line in enumerate(lines):
            if "|" not in line:
                continue
            header = [c.strip() for c in line.split("|")]
            if len(header) < TABLE_MIN_CELLS:
                continue
            person_at = next((k for k, c in enumerate(header) if CONTACT_NAME_COLUMN.fullmatch(c)), None)
            phone_at = next((k for k, c in enumerate(header) if CONTACT_PHONE_COLUMN.fullmatch(c)), None)
            if person_at is None or phone_at is None:
                continue
            rows = []
            for row_line in lines[i + 1 :]:
                row = [c.strip() for c in row_line.split("|")]
                if len(row) != len(header):
                    break
                rows.append((row_line, row))
            persons = [row[person_at] for _line, row in rows if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", row[person_at])]
            phones = [p.strip() for _line, row in rows for p in PHONE.findall(row[phone_at])]
            if persons or phones:
                quote = "\n".join([line, *(row_line for row_line, _row in rows)])
                self.add(ContactFact, unit, block, quote, persons=persons, office="",
                         phones=list(dict.fromkeys(phones)), fax=[], emails=[])

    def _contact(self, unit: UnitText, block: Block, lines: list[str]) -> None:
        text = "\n".join(lines)
        fields: dict[str, list[str]] = {k: [] for k in LABELS}
        office = ""
        labels = list(_ANY_LABEL.finditer(text))
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
            value = text[m.end() : end].strip(" ;；,，()\n")
            kind = next(k for k, p in LABELS.items() if re.fullmatch(p, m.group(1), re.IGNORECASE))
            if kind == "persons":
                fields["phones"] += [p.strip() for p in PHONE.findall(value)]  # "联系人及电话:王一 0871-…"
                fields["emails"] += EMAIL.findall(value)
                for token in re.split(r"[\s、,，;；/]+", value):
                    token = token.strip()
                    if not token or PHONE.search(token) or EMAIL.search(token):
                        continue
                    if OFFICE_END.search(token) or len(token) > 4:
                        office = f"{office} {token}".strip()
                    elif re.fullmatch(r"[\u4e00-\u9fff]{2,4}", token):
                        fields["persons"].append(token)
            elif kind == "emails":
                fields["emails"] += EMAIL.findall(value)
            else:
                fields[kind] += [p.strip() for p in PHONE.findall(value)]
        if not any(fields.values()):
            return
        self.add(ContactFact, unit, block, text, persons=fields["persons"], office=office,
                 phones=list(dict.fromkeys(fields["phones"])), fax=list(dict.fromkeys(fields["fax"])),
                 emails=list(dict.fromkeys(fields["emails"])))

    def deadlines(self, unit: UnitText) -> None:
        for block in unit.blocks:
            for sentence in self._sentences(block.text):
                m = DEADLINE.search(sentence) if DEADLINE_CUE.search(sentence) else None
                if not m:
                    continue
                dm = DATE_MD.search(m.group("date"))
                assert dm
                year = int(dm.group(1)) if dm.group(1) else (unit.year or self.issue_year)
                iso = _iso(year, int(dm.group(2)), int(dm.group(3)))
                who = re.sub(r"^(?:活动结束后|[^,，]*?后)[,，]?", "", m.group("who")).strip()
                to = m.group("to").strip()
                if not iso or not to:
                    continue
                self.add(DeadlineFact, unit, block, sentence, date=iso, what=m.group("what").strip(),
                         to=to, who=who)

    def duties(self, unit: UnitText) -> None:
        for block in unit.blocks:
            if block.level < 1 or len(block.path) < 2:  # "(一)公安厅:…", "1.质检部门开展…"
                continue
            parent = " ".join(block.path[:-1])
            in_attachment = block.path[0].startswith("附件")
            if not (in_attachment or UNIT_LIST_PARENT.search(block.path[-2])):
                continue
            label = re.sub(rf"^{HEADING_MARK}", "", block.label)
            first = re.sub(rf"^{HEADING_MARK}", "", block.lines[0])
            if first.startswith(label + ":") or first.startswith(label + "："):
                subject, body = label, first[len(label) + 1 :]
            else:
                m = UNIT_AT_START.match(first)
                if not m or len(m.group(1)) > 20 or len(m.group(1)) < 3 or NOT_A_UNIT.match(m.group(1)):
                    continue
                subject, body = m.group(1), first
            place = bool(regions().lookup(subject)) or bool(re.search(r"[市州县区盟]$", subject)
                                                             and regions().find(subject))
            body_text = "\n".join([body, *block.lines[1:]])
            activities = [s.rstrip("。") for s in sentences(body_text) if len(s) > 1]
            quote = "\n".join(block.lines)
            del parent
            self.add(DutyFact, unit, block, quote, subject=subject,
                     subject_type="place" if place else "department", activities=activities)
        self.table_duties(unit)

    def table_duties(self, unit: UnitText) -> None:
        """A table row whose lead cell is labelled ("东林行动 | 牵头单位:省农业厅 | 配合单位:…", see
        ``normalize.label_table_cells``): the activity in its first plain cell is that unit's duty."""
        for block in unit.blocks:
            rows: dict[str, list[tuple[int, str]]] = {}  # subject -> its rows (line's index, activity)
            for at, line in enumerate(block.lines):
                if TABLE_CELLS not in line:
                    continue
                cells = line.split(TABLE_CELLS)
                lead = next((m.group(1) for c in cells if (m := LEAD_CELL.match(c))), None)
                activity = next((c for c in cells if ":" not in c and not c.isdigit() and len(c) > 2), None)
                if not lead or not activity:
                    continue
                for subject in re.split(r"[、,，]", lead):
                    if 2 <= len(subject) <= 20:
                        rows.setdefault(subject, []).append((at, activity))
            for subject, held in rows.items():  # one fact per unit: "省市监局牵头哪几项" lists its rows,
                # quoted from its first to its last (a quote is the text as it stands)
                quote = "\n".join(block.lines[held[0][0] : held[-1][0] + 1])
                self.add(DutyFact, unit, block, quote, subject=subject,
                         subject_type="place" if regions().lookup(subject) else "department",
                         activities=[a for _line, a in held])

    def slogans(self, unit: UnitText) -> None:
        """A notice's list of slogans: the lines under its heading, up to the page's own footer."""
        for i, block in enumerate(unit.blocks):
            if not (block.path and SLOGAN_HEADING.search(block.label)):
                continue
            items: list[str] = []
            lines: list[str] = []
            for line in block.lines[1:]:
                if re.match(r"^(?:主题|口号)[:：]", line) or SLOGAN_HEADING.search(line):
                    continue
                items.append(line)
                lines.append(line)
            for child in unit.blocks[i + 1 :]:
                if len(child.path) <= len(block.path) or child.path[: len(block.path)] != block.path:
                    break
                lines.extend(child.lines)
                items.extend(child.lines)
            # the page's footer after the last slogan ("办公地址:…", "作者回复:…", "- 5 -") ends the list
            ends = next((at for at, x in enumerate(items) if AFTER_THE_LIST.search(x)), len(items))
            lines = lines[: len(lines) - (len(items) - ends)]
            items = [re.sub(r"^\d{1,2}[.、．]\s*", "", x).strip() for x in items[:ends]]
            items = [x for x in items if 2 <= len(x) <= 40]
            if len(items) >= 2:
                self.add(SlogansFact, unit, block, _verbatim(lines, unit), slogans=items)
        if any(isinstance(f, SlogansFact) and f.unit == unit.key for f in self.facts):
            return
        for block in unit.blocks:  # "公布了十二条宣传口号,分别为:(1)…;(2)…": slogans listed in a sentence
            for line in block.lines:
                announced = SLOGANS_LISTED.search(line)  # the list follows the word: "…口号,分别为:"
                if not announced:
                    continue
                items = [x for x in enumerated_items(line[announced.end():])
                         if SLOGAN_MIN_CHARS <= len(x) <= SLOGAN_MAX_CHARS and not SLOGAN_HEADING.search(x)]
                if len(items) >= LISTED_SLOGANS_MIN:
                    self.add(SlogansFact, unit, block, line, slogans=items)
                    return

    def arrangements(self, unit: UnitText) -> None:
        for block in unit.blocks:
            if len(block.path) < 2 or block.path[0].startswith("附件") or block.level != 2:
                continue
            if not ARRANGEMENT_PARENT.search(block.path[-2]) or re.search(r"要求|保障|纪律", block.path[-2]):
                continue
            self.add(ArrangementFact, unit, block, block.lines[0], title=block.label, text=block.body)

    def events(self, unit: UnitText) -> None:
        seen: set[tuple[str, str]] = set()
        for block in unit.blocks:
            for sentence in self._sentences(block.text):
                name_m = EVENT_NAME.search(sentence) if EVENT_CUE.search(sentence) else None
                if not name_m:
                    continue
                found_place = find_span(PLACE_T, sentence) or ""  # one reading of a place for facts and answers
                online = re.search(r"以(在线|线上|视频|网络)(?:直播)?(?:形式|方式)", sentence)
                date_m = re.search(r"(\d{1,2}月\d{1,2}日(?:上午|下午|晚上?)?)", sentence)
                org_m = re.search(r"由([^,，。在]{2,30}?)(?:会同[^,，。]{0,12}?)?(?:在|主办|举办|承办)", sentence)
                pres_m = re.search(r"(?:由)?([^,，。;；由]{2,40}?)主持", sentence)
                if not (found_place or online or date_m or org_m or pres_m):
                    continue
                name = name_m.group(1)
                name = re.sub(r"^.*?(?:\d{4}年|上午|下午|近日|日前|,|，)", "", name) or name_m.group(1)
                name = re.sub(r"^.*暨", "", name)  # "…“质量月”暨X启动仪式" is X's launch
                if re.search(r"(?:举办|召开|举行)([^,，。]{2,20}?(?:大会|论坛|峰会))", sentence):
                    name = re.search(r"(?:举办|召开|举行)([^,，。]{2,20}?(?:大会|论坛|峰会))", sentence).group(1)  # type: ignore[union-attr]
                place = found_place or (f"{online.group(1)}形式" if online else "")
                launch = next((f for f in self.facts if isinstance(f, EventFact) and f.unit == unit.key
                               and (f.name == name or "启动" in f.name and "启动" in name)), None)
                if launch is not None:  # a later sentence about the same launch adds detail
                    launch.presided_by = launch.presided_by or (pres_m.group(1).split(",")[-1] if pres_m else "")
                    launch.organizer = launch.organizer or (org_m.group(1) if org_m else "")
                    launch.date = launch.date or (date_m.group(1) if date_m else "")
                    launch.place = launch.place or found_place
                    continue
                key = (name, place)
                if key in seen:
                    continue
                seen.add(key)
                self.add(EventFact, unit, block, sentence, name=name, place=place,
                         date=date_m.group(1) if date_m else "",
                         organizer=org_m.group(1) if org_m else "",
                         presided_by=pres_m.group(1).split(",")[-1] if pres_m else "")

    def scheduled_events(self, unit: UnitText) -> None:
        """An event a plan schedules under its own heading, with rows for its time and place
        ("(一)“质量月”启动仪式暨… / 活动时间:9月3日上午 / 活动地点:东林广场 / 牵头单位:县市场监管局")."""
        for block in unit.blocks:
            if not block.path or not EVENT_CUE.search(block.label):
                continue
            rows = {label: value.strip() for label, value in EVENT_ROW.findall(block.body)}
            date, place = rows.get("时间", ""), rows.get("地点", "")
            if not (date or place):
                continue
            name_m = EVENT_NAME.search(block.label.split("暨")[0]) or EVENT_NAME.search(block.label)
            name = re.sub(rf"^.*[”\"]|^{HEADING_MARK}", "", name_m.group(1)) if name_m else ""
            name = name or block.label
            organizer = rows.get("主办单位", "") or rows.get("牵头单位", "")
            same = next((f for f in self.facts if isinstance(f, EventFact) and f.unit == unit.key
                         and (f.name == name or ("启动" in f.name and "启动" in name))), None)
            if same is not None:  # a sentence named the launch already: the rows add what it lacked
                same.date, same.place = same.date or date, same.place or place
                same.organizer = same.organizer or organizer
                continue
            quote = "\n".join(line for line in block.lines if EVENT_ROW.match(line))  # the rows, as written
            self.add(EventFact, unit, block, quote, name=name, place=place, date=date, organizer=organizer)

    def counts(self, unit: UnitText) -> None:
        for block in unit.blocks:
            for sentence in self._sentences(block.text):
                for m in COUNT.finditer(sentence):
                    noun = m.group("noun") or m.group("noun2")
                    measure = m.group(2) or m.group(4)
                    number = number_value(m.group(1))
                    if number is None or (not m.group(1).isdigit() and number < 2):
                        continue  # "一个", "一项": an article, not a count
                    self.add(CountFact, unit, block, sentence, number=number, measure=measure,
                             noun=noun, text=m.group(0))

    def awards(self, unit: UnitText) -> None:
        seen: set[str] = set()
        for block in unit.blocks:
            for sentence in self._sentences(block.text):
                for m in AWARD.finditer(sentence):
                    name = re.sub(AWARD_LEAD, "", m.group(1)).strip("“”")
                    if len(name) < 4 or name in seen or name.endswith(("获奖", "颁奖", "有奖")):
                        continue
                    seen.add(name)
                    self.add(AwardFact, unit, block, sentence, name=name)

    def page_rows(self, unit: UnitText) -> None:
        """The metadata rows of a saved web page (发布日期:…, 来源:…, 索引号:…), once per name."""
        seen: set[str] = set()
        for block in unit.blocks:
            for at, line in enumerate(block.lines):
                rows = [(m.group(1), signed_names(line[m.end():]) if m.group(2) in BYLINE_LABELS else m.group(2).strip())
                        for m in PAGE_ROW.finditer(line)]
                if at + 1 < len(block.lines) and (heads := _page_row_heads(line)):
                    # a portal's table: "索引号 | 发布机构 | 成文日期" over "650100-2031-00317 | 东林市… | 2031-08-22"
                    values = block.lines[at + 1].split(TABLE_CELLS)
                    if len(values) == len(heads):
                        quote = f"{line}\n{block.lines[at + 1]}"
                        for name, value in zip(heads, values, strict=True):
                            value = value.removeprefix(f"{name}:")  # a date cell labelled by its head
                            if name not in seen and value.strip():
                                seen.add(name)
                                self.add(PageRowFact, unit, block, quote, name=name, value=value.strip())
                # "时间:2015-09-15 来源:…": a bare 时间 with a full date is when the page was published
                rows += [("发布时间", m.group(1)) for m in PAGE_DATE_ROW.finditer(line)]
                if stamp := PAGE_STAMP_LINE.fullmatch(line):
                    rows.append(("发布时间", stamp.group(1)))
                if at < DATELINE_LINES and (dateline := NEWS_DATELINE.match(line)):
                    rows.append(("来源", dateline.group(1)))  # "中国消费者报南宁讯(记者…)": where it ran
                if "作者" not in seen and (signed := byline_name(line)):
                    rows.append(("作者", signed))  # "(记者 梁明)", "…氛围。(李旭)": who wrote the report
                for name, value in rows:
                    if name in seen or not value or (name in COUNT_ROW_LABELS and not re.search(r"\d", value)):
                        continue  # "浏览次数: 浏览": a counter the page never filled in counts nothing
                    seen.add(name)
                    self.add(PageRowFact, unit, block, line, name=name, value=value)
        if unit.byline and "作者" not in seen and (signed := signed_names(unit.byline.strip("()（） "))):
            # a round-up's report is signed under it by its reporters: who wrote that report
            self.add(PageRowFact, unit, unit.blocks[0] if unit.blocks else None, unit.byline, name="作者", value=signed)

    def addressees(self) -> None:
        """The notice's opening addressee line, once ("各相关成员单位、省直相关部门,…:")."""
        unit = self.analysis.units[0]
        for line in unit.lines[:ADDRESSEE_WITHIN_LINES]:
            if ADDRESSEE_LINE.match(line):
                block = next((b for b in unit.blocks if line in b.lines), None)
                self.add(AddresseesFact, unit, block, line, addressees=line.rstrip(":："))
                return

    def signature(self) -> None:
        a = self.analysis
        unit = a.units[0]
        if a.issuer and a.issuer_quote:
            block = next((b for b in a.blocks if a.issuer_quote.split("\n")[0] in b.text), None)
            self.add(IssuerFact, unit, block, a.issuer_quote, issuer=a.issuer, date=a.issue_date)
        if a.doc_number and a.doc_number_quote:
            block = next((b for b in a.blocks if a.doc_number_quote in b.text), None)
            self.add(DocNumberFact, unit, block, a.doc_number_quote, doc_number=a.doc_number)


def extract_facts(doc: str, analysis: DocumentAnalysis) -> Iterator[Fact]:
    issue_year = int(analysis.issue_date[:4]) if analysis.issue_date else None
    yield from Extractor(doc, analysis, issue_year).run()


def _verbatim(lines: list[str], unit: UnitText) -> str:
    """The text of ``lines`` as the notice writes it: one per line, or, where a one-line notice was
    cut into them, the stretch of its line from the first to the last (the quote must be verbatim)."""
    joined = "\n".join(lines)
    if len(lines) < 2 or joined in "\n".join(unit.lines):
        return joined
    for line in unit.lines:
        start = line.find(lines[0])
        end = line.find(lines[-1], start) if start >= 0 else -1
        if end >= 0:
            return line[start : end + len(lines[-1])]
    return joined
