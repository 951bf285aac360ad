"""The knowledge schema: the one place that says what a notice's facts look like.

Everything the bot answers comes from these records, so they are strict
(``extra="forbid"``): a misspelt field in a hand-made correction is an error,
not a silently ignored key.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


RegionLevel = Literal["national", "province", "prefecture", "county", "unknown"]


class Region(Strict):
    """An administrative region as the notices name it (simplified Chinese)."""

    code: str = ""  # 12-digit adcode where known
    name: str  # e.g. 四川省, 天水市, 全国
    level: RegionLevel = "unknown"
    province: str = ""  # the province the region lies in (its own name for a province)


class Section(Strict):
    """One heading of a notice with the text directly under it."""

    path: list[str]  # e.g. ["附件1 …主要活动", "三、公安厅"]
    text: str  # normalised text of the section, heading included
    unit: str = "main"  # the unit (round-up report) the section belongs to


class Unit(Strict):
    """A part of a notice with one region: the whole notice, or one report of a round-up."""

    key: str  # "main" or "u1", "u2", … for round-up paragraphs
    region: Region
    year: int | None = None
    label: str  # what the unit is called in answers: "湖南省 2025年", "江苏省 2023年"


class DocumentMeta(Strict):
    doc: str  # stable id: the source file's stem
    source: str  # file name under data/
    title: str
    title_derived: bool = False  # True when the notice had no title line and one was composed
    kind: Literal["notice", "roundup", "news"] = "notice"
    issuer: str = ""
    issue_date: str = ""  # ISO date, e.g. 2025-08-20
    doc_number: str = ""  # e.g. 某质组发〔2019〕7号
    units: list[Unit]
    sha256: str  # of the source bytes: tells whether a re-ingest changed anything


def cn_date(iso: str) -> str:
    """2024-08-26 -> 2024年8月26日."""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


class FactBase(Strict):
    """One fact of a notice.  Each kind is defined once, here: its fields, what it is called
    (``label``), which question intents it answers (``intents``) and how it reads in an answer
    (``render``); extraction of each kind lives in ``bot/ingest/extract.py``."""

    label: ClassVar[str] = ""
    intents: ClassVar[tuple[str, ...]] = ()

    id: str  # stable: doc + kind + ordinal within the doc
    doc: str
    unit: str = "main"
    section: str  # the section path joined with " > "
    quote: str  # verbatim sentence(s) from the normalised text
    source: Literal["extracted", "correction"] = "extracted"

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        """The answer lines for this fact about ``where`` (a unit's label), or None when it does
        not hold what was ``asked`` (the question's intents)."""
        return [f"{where}:{self.quote}"]


class ThemeFact(FactBase):
    kind: Literal["theme"] = "theme"
    label: ClassVar[str] = "活动主题"
    intents: ClassVar[tuple[str, ...]] = ("theme",)
    theme: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}“质量月”活动主题:{self.theme}"]


class PeriodFact(FactBase):
    kind: Literal["period"] = "period"
    label: ClassVar[str] = "活动时间"
    intents: ClassVar[tuple[str, ...]] = ("period",)
    start: str = ""  # ISO date
    end: str = ""
    text: str  # as written

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        span = f"{cn_date(self.start)}至{cn_date(self.end)}" if self.start and self.end else self.text
        return [f"{where}“质量月”活动时间:{span}"]


class ContactFact(FactBase):
    kind: Literal["contact"] = "contact"
    label: ClassVar[str] = "联系人和电话"
    intents: ClassVar[tuple[str, ...]] = ("contact", "phone", "fax", "email")
    persons: list[str] = []
    office: str = ""
    phones: list[str] = []
    fax: list[str] = []
    emails: list[str] = []

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        wanted = asked & {"contact", "phone", "fax", "email"} or {"contact", "phone", "email"}
        if "contact" in wanted:
            wanted |= {"phone", "email"}
        lines: list[str] = []
        if "contact" in wanted and self.persons:
            lines.append("联系人:" + "、".join(self.persons) + (f"({self.office})" if self.office else ""))
        fields = {"phone": ("电话", self.phones), "fax": ("传真", self.fax), "email": ("邮箱", self.emails)}
        for key, (name, values) in fields.items():
            if key in wanted and values:
                lines.append(f"{name}:{'、'.join(values)}")
        specific = asked & {"phone", "fax", "email"}
        if specific and not any(fields[k][1] for k in specific):
            return None  # the very thing asked for is not in the notice
        if "contact" in asked and not specific and not self.persons and not self.phones:
            return None
        return [f"{where} " + ";".join(lines)] if lines else None


class DeadlineFact(FactBase):
    kind: Literal["deadline"] = "deadline"
    label: ClassVar[str] = "报送时间和对象"
    intents: ClassVar[tuple[str, ...]] = ("deadline", "submit_to", "submit_what")
    date: str  # ISO date, year resolved from the notice
    what: str = ""  # what is to be submitted
    to: str = ""  # to whom
    who: str = ""  # who must submit

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        head = f"{where}:请于{cn_date(self.date)}前" + (f"将{self.what}" if self.what else "") + f"报送{self.to}"
        return [head, f"报送单位:{self.who}"] if self.who else [head]


class DutyFact(FactBase):
    """Which unit (department, or city in a per-city list) runs which activities."""

    kind: Literal["duty"] = "duty"
    label: ClassVar[str] = "各单位/各地的活动"
    intents: ClassVar[tuple[str, ...]] = ("duty",)
    subject: str  # 公安厅, 农业部, 自贡市
    subject_type: Literal["department", "place"] = "department"
    activities: list[str]

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{self.subject}({where})的活动安排:", *[f"{i}. {a}" for i, a in enumerate(self.activities, 1)]]


class SlogansFact(FactBase):
    kind: Literal["slogans"] = "slogans"
    label: ClassVar[str] = "宣传口号"
    intents: ClassVar[tuple[str, ...]] = ("slogans",)
    slogans: list[str]

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}“质量月”宣传口号(共{len(self.slogans)}条):",
                *[f"{i}. {x}" for i, x in enumerate(self.slogans, 1)]]


class ArrangementFact(FactBase):
    """One numbered item of a notice's programme (重点安排, 活动内容, 活动重点…)."""

    kind: Literal["arrangement"] = "arrangement"
    label: ClassVar[str] = "活动安排"
    intents: ClassVar[tuple[str, ...]] = ()
    title: str
    text: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"· {self.title}"]


class EventFact(FactBase):
    kind: Literal["event"] = "event"
    label: ClassVar[str] = "启动仪式等活动"
    intents: ClassVar[tuple[str, ...]] = ("event", "place")
    name: str  # 启动仪式, 中国质量大会
    date: str = ""  # as written (e.g. 8月31日, 9月2日下午)
    place: str = ""
    organizer: str = ""
    presided_by: str = ""
    attendees: str = ""

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        parts = [f"时间:{self.date}" if self.date else "", f"地点:{self.place}" if self.place else "",
                 f"主办/举办:{self.organizer}" if self.organizer else "",
                 f"主持:{self.presided_by}" if self.presided_by else ""]
        detail = ";".join(p for p in parts if p)
        return [f"{where} {self.name}" + (f"——{detail}" if detail else "")]


class CountFact(FactBase):
    kind: Literal["count"] = "count"
    label: ClassVar[str] = "部门和活动数量"
    intents: ClassVar[tuple[str, ...]] = ("count",)
    number: int
    measure: str  # the measure word: 个, 项, 条, 类, 家
    noun: str  # what is counted: 部门, 省级部门, 活动
    text: str  # the phrase as written, e.g. 12个部门

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}:{self.text}"]


class AwardFact(FactBase):
    kind: Literal["award"] = "award"
    label: ClassVar[str] = "奖项"
    intents: ClassVar[tuple[str, ...]] = ("award",)
    name: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}:{self.name}"]


class IssuerFact(FactBase):
    kind: Literal["issuer"] = "issuer"
    label: ClassVar[str] = "发文单位和日期"
    intents: ClassVar[tuple[str, ...]] = ("issuer", "issue_date")
    issuer: str
    date: str = ""  # ISO

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        when = f",落款日期{cn_date(self.date)}" if self.date else ""
        return [f"{where}的通知由{self.issuer}印发{when}。"]


class DocNumberFact(FactBase):
    kind: Literal["doc_number"] = "doc_number"
    label: ClassVar[str] = "文号"
    intents: ClassVar[tuple[str, ...]] = ("doc_number",)
    doc_number: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}“质量月”通知的文号:{self.doc_number}"]


class AddresseesFact(FactBase):
    """Whom a notice is sent to: its opening line "各县区人民政府,…,有关企业:"."""

    kind: Literal["addressees"] = "addressees"
    label: ClassVar[str] = "主送单位"
    intents: ClassVar[tuple[str, ...]] = ("addressees",)
    addressees: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where}通知主送:{self.addressees}"]


class PageRowFact(FactBase):
    """A metadata row of a web page: 发布日期:2023-09-25, 来源:市市场监管局, 索引号:…, 浏览:1349."""

    kind: Literal["page_row"] = "page_row"
    label: ClassVar[str] = "网页信息(发布日期、来源、索引号等)"
    intents: ClassVar[tuple[str, ...]] = ("page_row",)
    name: str  # the row's label as written: 发布日期, 来源, 索引号
    value: str

    def render(self, where: str, asked: set[str]) -> list[str] | None:
        return [f"{where} {self.name}:{self.value}"]


Fact = Annotated[
    ThemeFact
    | PeriodFact
    | ContactFact
    | DeadlineFact
    | DutyFact
    | SlogansFact
    | ArrangementFact
    | EventFact
    | CountFact
    | AwardFact
    | IssuerFact
    | DocNumberFact
    | AddresseesFact
    | PageRowFact,
    Field(discriminator="kind"),
]

FACT_MODELS: tuple[type[FactBase], ...] = get_args(get_args(Fact)[0])
FACT_KINDS: tuple[str, ...] = tuple(m.model_fields["kind"].default for m in FACT_MODELS)
KIND_LABELS: dict[str, str] = {m.model_fields["kind"].default: m.label for m in FACT_MODELS}


class DocumentKnowledge(Strict):
    """What one ``knowledge/<doc>.yaml`` holds."""

    schema_version: Literal[1] = 1
    meta: DocumentMeta
    facts: list[Fact]
    sections: list[Section]
    warnings: list[str] = []


class Correction(Strict):
    """A hand-made fix that takes precedence over extraction (knowledge/corrections/*.yaml).

    ``replace`` swaps out the extracted fact with the same id; ``add`` appends a
    fact; ``drop`` removes one; ``meta`` overrides document metadata fields.
    """

    doc: str
    drop: list[str] = []
    replace: list[Fact] = []
    add: list[Fact] = []
    meta: dict[str, str] = {}


class Citation(Strict):
    doc: str
    title: str
    section: str
    quote: str


class Choice(Strict):
    """A notice the user may pick when a question is ambiguous."""

    doc: str
    unit: str = "main"
    label: str


class Answer(Strict):
    """The JSON answer of the CLI contract, plus choices for chat front ends."""

    found: bool
    answer: str
    citations: list[Citation] = []
    choices: list[Choice] = Field(default=[], exclude=True)

    def contract(self) -> dict[str, object]:
        """The exact JSON shape other tools depend on."""
        return {
            "found": self.found,
            "answer": self.answer,
            "citations": [c.model_dump() for c in self.citations],
        }
