"""The knowledge schema: the one place that says what a notice's facts look like.

Everything the bot answers comes from these records, so they are strict
(``extra="forbid"``): a misspelt field in a hand-made correction is an error,
not a silently ignored key.
"""

from __future__ import annotations

from typing import Annotated, Literal

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


class FactBase(Strict):
    id: str  # stable: doc + kind + ordinal within the doc
    doc: str
    unit: str = "main"
    section: str  # the section path joined with " > "
    quote: str  # verbatim sentence(s) from the normalised text
    source: Literal["extracted", "correction"] = "extracted"


class ThemeFact(FactBase):
    kind: Literal["theme"] = "theme"
    theme: str


class PeriodFact(FactBase):
    kind: Literal["period"] = "period"
    start: str = ""  # ISO date
    end: str = ""
    text: str  # as written


class ContactFact(FactBase):
    kind: Literal["contact"] = "contact"
    persons: list[str] = []
    office: str = ""
    phones: list[str] = []
    fax: list[str] = []
    emails: list[str] = []


class DeadlineFact(FactBase):
    kind: Literal["deadline"] = "deadline"
    date: str  # ISO date, year resolved from the notice
    what: str = ""  # what is to be submitted
    to: str = ""  # to whom
    who: str = ""  # who must submit


class DutyFact(FactBase):
    """Which unit (department, or city in a per-city list) runs which activities."""

    kind: Literal["duty"] = "duty"
    subject: str  # 公安厅, 农业部, 自贡市
    subject_type: Literal["department", "place"] = "department"
    activities: list[str]


class SlogansFact(FactBase):
    kind: Literal["slogans"] = "slogans"
    slogans: list[str]


class ArrangementFact(FactBase):
    """One numbered item of a notice's programme (重点安排, 活动内容, 活动重点…)."""

    kind: Literal["arrangement"] = "arrangement"
    title: str
    text: str


class EventFact(FactBase):
    kind: Literal["event"] = "event"
    name: str  # 启动仪式, 中国质量大会
    date: str = ""  # as written (e.g. 8月31日, 9月2日下午)
    place: str = ""
    organizer: str = ""
    presided_by: str = ""
    attendees: str = ""


class CountFact(FactBase):
    kind: Literal["count"] = "count"
    number: int
    measure: str  # the measure word: 个, 项, 条, 类, 家
    noun: str  # what is counted: 部门, 省级部门, 活动
    text: str  # the phrase as written, e.g. 12个部门


class AwardFact(FactBase):
    kind: Literal["award"] = "award"
    name: str


class IssuerFact(FactBase):
    kind: Literal["issuer"] = "issuer"
    issuer: str
    date: str = ""  # ISO


class DocNumberFact(FactBase):
    kind: Literal["doc_number"] = "doc_number"
    doc_number: str


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
    | DocNumberFact,
    Field(discriminator="kind"),
]

FACT_KINDS: tuple[str, ...] = (
    "theme",
    "period",
    "contact",
    "deadline",
    "duty",
    "slogans",
    "arrangement",
    "event",
    "count",
    "award",
    "issuer",
    "doc_number",
)


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
