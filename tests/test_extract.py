"""Typed facts of every seed notice, as tables of what each notice actually says."""

from __future__ import annotations

import re
from functools import cache
from typing import TypeVar

import pytest
from pydantic import BaseModel

from bot.ingest.extract import extract_facts
from bot.ingest.metadata import analyse
from bot.ingest.normalize import normalize_text
from bot.knowledge import Knowledge
from bot.knowledge.schema import (
    FACT_KINDS,
    AddresseesFact,
    ContactFact,
    CountFact,
    DeadlineFact,
    DocNumberFact,
    DutyFact,
    EventFact,
    IssuerFact,
    PageRowFact,
    PeriodFact,
    SlogansFact,
    ThemeFact,
)
from tests.conftest import DATA

SICHUAN = "sichuan-2024-quality-month-notice"
BEIJING = "beijing-2024-quality-month-notice"
TIANSHUI = "tianshui-2016-quality-month-notice"
NATIONAL = "national-2014-quality-month-notice"
ROUNDUP = "provinces-2022-quality-month-roundup"
SEEDS = [SICHUAN, BEIJING, TIANSHUI, NATIONAL, ROUNDUP]

SC_ATT1 = "附件1 2024年全省“质量月”联合主办单位主要活动"
SC_ATT2 = "附件2 2024年全省“质量月”市(州)开展活动摘要"


F = TypeVar("F", bound=BaseModel)


def of_kind(knowledge: Knowledge, doc: str, cls: type[F]) -> list[F]:
    return [f for f in knowledge.documents[doc].facts if isinstance(f, cls)]


@cache
def seed_text(source: str) -> str:
    return normalize_text((DATA / source).read_text(encoding="utf-8"))


# --- theme ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (SICHUAN, [("一、活动主题", "加强质量支撑 共建质量强省")]),
        (BEIJING, [("一、活动主题", "加强质量支撑 共建质量强国")]),
        (TIANSHUI, [("二、活动主题", "实施质量强市战略,推进卓越天水建设")]),
        (NATIONAL, [("正文", "推动“三个转变”,建设质量强国")]),
        (ROUNDUP, []),
    ],
)
def test_theme_is_the_notices_own(knowledge: Knowledge, doc: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.section, f.theme) for f in of_kind(knowledge, doc, ThemeFact)] == expected


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # stated once, in quotes: one theme, not again with its quotes or what follows them
        ("今年青原省“质量月”活动的主题是“迈向质量时代 建设质量强省”。", ["迈向质量时代 建设质量强省"]),
        ("青原县2015年“质量月”活动主题是“迈向质量时代、建设质量强县”,活动启动仪式由县长胡某主持。",
         ["迈向质量时代、建设质量强县"]),
        # stated without quotes
        ("青原市2019年“质量月”活动主题:推进质量提升,建设质量强市。", ["推进质量提升,建设质量强市"]),
    ],
)
def test_a_theme_stated_once_is_one_theme(text: str, themes: list[str]) -> None:
    facts = extract_facts("page", analyse(normalize_text(text)))
    assert [f.theme for f in facts if isinstance(f, ThemeFact)] == themes


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        ("关于开展2019年“质量月”活动的通知\n各县区人民政府,市直各有关部门:\n现将有关事项通知如下:",
         ["各县区人民政府,市直各有关部门"]),
        # an addressee line need not open with 各
        ("关于开展2019年“质量月”活动的通知\n东林市领导小组有关成员单位,有关行业协会、商会,有关企业:\n现将有关事项通知如下:",
         ["东林市领导小组有关成员单位,有关行业协会、商会,有关企业"]),
        # "…通知如下:" is no addressee
        ("关于开展2019年“质量月”活动的通知\n现将有关事项通知如下:\n一、活动主题", []),
        # nor one opening with 各: 各 a little way in
        ("关于开展2031年“质量月”活动的通知\n机关各股室、分局,所属事业单位:\n现将方案印发给你们。",
         ["机关各股室、分局,所属事业单位"]),
        ("关于开展2031年“质量月”活动的通知\n各单位:\n全市各部门要做好以下工作:\n一、活动主题", ["各单位"]),
    ],
)
def test_the_addressee_line_is_the_notices_recipients(text: str, addressees: list[str]) -> None:
    facts = extract_facts("notice", analyse(normalize_text(text)))
    assert [f.addressees for f in facts if isinstance(f, AddresseesFact)] == addressees


# --- contacts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (SICHUAN, [dict(persons=["胡珊莉", "张洋"], office="省质量强省办 质量发展处",
                        phones=["028-86980073", "83281770"], fax=[], emails=["1927456654@qq.com"])]),
        (TIANSHUI, [dict(persons=["杨维斌"], office="", phones=["0938-6822622"], fax=["0938-6822606"],
                         emails=["305450879@qq.com"])]),
        (BEIJING, [dict(persons=["常翠贤"], office="", phones=["55526466"], fax=[],
                        emails=["zhiliangyue2016@163.com"])]),
        (NATIONAL, []),
        (ROUNDUP, []),
    ],
)
def test_contact_lists_every_person_phone_fax_and_email(
    knowledge: Knowledge, doc: str, expected: list[dict[str, object]]
) -> None:
    got = [f.model_dump(include={"persons", "office", "phones", "fax", "emails"})
           for f in of_kind(knowledge, doc, ContactFact)]
    assert got == expected


@pytest.mark.parametrize(
    "heading", ["一、活动主题", "(一)活动主题", "2.活动主题", "【01】一个主题"],  # an explainer's panel too
)
def test_a_theme_heading_is_read_however_it_is_numbered(heading: str) -> None:
    text = f"东林县关于开展2025年“质量月”活动的通知\n各乡镇:\n1.指导思想\n深入贯彻。\n{heading}\n质量引领 东林先行\n"
    facts = [f for f in extract_facts("notice", analyse(normalize_text(text))) if isinstance(f, ThemeFact)]
    assert [f.theme for f in facts] == ["质量引领 东林先行"]


@pytest.mark.parametrize(
    ("lines", "persons", "phones"),
    [
        # one label for names and numbers together
        ("联系人及电话:王小明 0871-6543210,李红 0871-6543211", ["王小明", "李红"], ["0871-6543210", "0871-6543211"]),
        ("联系人和联系方式:赵一 13800000000", ["赵一"], ["13800000000"]),
        ("联系人:王小明 联系电话:0871-6543210", ["王小明"], ["0871-6543210"]),
        # a table: the column heads say which cell is the name and which the number
        ("姓名 | 职务 | 电话\n王小明 | 科长 | 0871-6543210\n李红 | 科员 | 0871-6543211",
         ["王小明", "李红"], ["0871-6543210", "0871-6543211"]),
    ],
)
def test_a_contact_label_for_names_and_numbers_gives_both(lines: str, persons: list[str], phones: list[str]) -> None:
    text = f"东林县关于开展2025年“质量月”活动的通知\n各乡镇:\n一、工作要求\n请认真组织。\n{lines}\n"
    facts = [f for f in extract_facts("notice", analyse(normalize_text(text))) if isinstance(f, ContactFact)]
    assert [(f.persons, f.phones) for f in facts] == [(persons, phones)]


@pytest.mark.parametrize(
    ("doc", "quote"),
    [
        (SICHUAN, "联系人:省质量强省办 质量发展处 胡珊莉 张洋\n"
                  "电话:028-86980073、83281770\n邮箱:1927456654@qq.com"),
        (TIANSHUI, "联系人:杨维斌 联系电话:0938-6822622\n传真:0938-6822606 电子邮箱:305450879@qq.com"),
    ],
)
def test_contact_quote_is_the_contact_lines_together(knowledge: Knowledge, doc: str, quote: str) -> None:
    assert [f.quote for f in of_kind(knowledge, doc, ContactFact)] == [quote]


# --- deadlines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (SICHUAN, [("2024-10-08", "活动总结、典型案例、图片及视频资料等", "省质量强省办", "")]),
        (BEIJING, [("2024-10-14", "活动总结、有关图片、视频资料等", "北京市市场监督管理局", "")]),
        (TIANSHUI, [("2016-09-25", "活动总结、有关图片及视频资料", "市质量发展领导小组办公室(市质监局)",
                     "各县区质量发展领导小组办公室")]),
        (NATIONAL, []),
        (ROUNDUP, []),
    ],
)
def test_deadline_gives_date_what_and_to_whom(
    knowledge: Knowledge, doc: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert [(f.date, f.what, f.to, f.who) for f in of_kind(knowledge, doc, DeadlineFact)] == expected


# --- issuer, date, document number -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (SICHUAN, [("四川省质量强省建设协调推进领导小组办公室", "2024-08-26")]),
        (BEIJING, [("北京市贯彻质量强国战略工作领导小组办公室", "2024-08-20")]),
        (TIANSHUI, [("天水市质量发展领导小组", "2016-08-31")]),
        (NATIONAL, [("国家质量监督检验检疫总局、中共中央宣传部等部门", "2014-08-13")]),
        (ROUNDUP, []),
    ],
)
def test_issuer_and_issue_date(knowledge: Knowledge, doc: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.issuer, f.date) for f in of_kind(knowledge, doc, IssuerFact)] == expected


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (TIANSHUI, ["天质组发〔2016〕2号"]),
        (NATIONAL, ["国质检质联〔2014〕432号"]),
        (SICHUAN, []),
        (BEIJING, []),
        (ROUNDUP, []),
    ],
)
def test_doc_number_only_where_the_notice_has_one(
    knowledge: Knowledge, doc: str, expected: list[str]
) -> None:
    assert [f.doc_number for f in of_kind(knowledge, doc, DocNumberFact)] == expected


# --- period -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (TIANSHUI, [("2016年9月1日9月30日", "2016-09-01", "2016-09-30")]),
        (BEIJING, [("2024年9月", "", "")]),
        (NATIONAL, [("今年9月", "", "")]),
    ],
)
def test_period_as_written_with_iso_dates_where_given(
    knowledge: Knowledge, doc: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(f.text, f.start, f.end) for f in of_kind(knowledge, doc, PeriodFact)] == expected


# --- slogans ----------------------------------------------------------------------------------------

SICHUAN_SLOGANS = [
    "实施质量强省战略 推进高质量发展",
    "培育新质生产力 赋能高质量发展",
    "贯彻质量强国建设纲要 推进质量强企强链强县",
    "质量助企 质量强企 质量惠企",
    "质量意识始于心 主体责任践于行",
    "厚植质量文化 弘扬工匠精神",
    "共筑质量强省 共享美好生活",
    "塑造四川品牌 建设质量强省",
    "传递质量信任 激发消费活力",
    "全民讲质量 质量利全民",
    "选天府名品 享品质生活",
    "夯实基层基础 推进质量治理",
    "加快数转智改网联 提升企业质量管理水平",
]
BEIJING_SLOGANS = [
    "实施质量强国战略 推动首都高质量发展",
    "开展质量提升行动 推进质量强国建设",
    "培育新质生产力 赋能高质量发展",
    "创新质量管理模式 打造首都质量品牌",
    "坚持首善标准 推动质量变革",
    "夯实质量技术基础 推动科技成果转化",
    "树立质量标杆 打造首都精品",
    "质量意识始于心 主体责任践于行",
    "厚植质量文化 弘扬工匠精神",
    "共筑质量强国 共享美好生活",
    "质量发展 利民惠民",
    "首都质量 共建共享",
    "推动质量变革创新 促进质量强国建设",
    "坚持以质取胜 提高竞争实力",
    "全民讲质量 质量利全民",
]


@pytest.mark.parametrize(
    ("doc", "section", "slogans"),
    [
        (SICHUAN, "附件3 2024年全省“质量月”活动口号", SICHUAN_SLOGANS),
        (BEIJING, "附件 2024年北京市“质量月”活动口号", BEIJING_SLOGANS),
    ],
)
def test_slogans_list_is_complete_and_in_order(
    knowledge: Knowledge, doc: str, section: str, slogans: list[str]
) -> None:
    facts = of_kind(knowledge, doc, SlogansFact)
    assert [(f.section, f.slogans) for f in facts] == [(section, slogans)]


def test_sichuan_has_13_and_beijing_15_slogans(knowledge: Knowledge) -> None:
    assert [len(f.slogans) for f in of_kind(knowledge, SICHUAN, SlogansFact)] == [13]
    assert [len(f.slogans) for f in of_kind(knowledge, BEIJING, SlogansFact)] == [15]


@pytest.mark.parametrize(
    ("line", "slogans"),
    [
        ("《通知》还公布了三条宣传口号,分别为:①质量强链 产业兴东;②东林品质 生活更好;③全民讲质量 质量利全民。",
         ["质量强链 产业兴东", "东林品质 生活更好", "全民讲质量 质量利全民"]),
        # an attachment index names the slogans' attachment: no slogans
        ("附件:1. 东林省活动安排 2. 东林省主要活动 3. 东林省“质量月”活动口号", None),
    ],
)
def test_slogans_listed_in_a_sentence_after_the_word(line: str, slogans: list[str] | None) -> None:
    text = f"东林省2031年“质量月”活动报道\n记者从省市场监管局获悉。\n{line}\n"
    facts = [f for f in extract_facts("news", analyse(normalize_text(text))) if isinstance(f, SlogansFact)]
    assert [f.slogans for f in facts] == ([slogans] if slogans else [])


@pytest.mark.parametrize("doc", [TIANSHUI, NATIONAL, ROUNDUP])
def test_no_slogans_where_the_notice_lists_none(knowledge: Knowledge, doc: str) -> None:
    assert of_kind(knowledge, doc, SlogansFact) == []


# --- per-unit and per-city activity lists -----------------------------------------------------------

SICHUAN_DEPARTMENTS = [
    "省市场监管局", "省检察院", "省委宣传部", "省委网信办", "经济和信息化厅", "教育厅", "公安厅",
    "自然资源厅", "生态环境厅", "住房城乡建设厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅",
    "应急管理厅", "省药监局", "省供销社", "成都海关", "省贸促会", "人行四川省分行",
]
SICHUAN_CITIES = [
    "成都市", "自贡市", "攀枝花市", "泸州市", "德阳市", "绵阳市", "广元市", "遂宁市", "内江市", "乐山市",
    "南充市", "宜宾市", "广安市", "达州市", "巴中市", "雅安市", "眉山市", "资阳市", "阿坝州", "甘孜州",
    "凉山州",
]
NATIONAL_UNITS = [
    "质检部门", "教育部门", "工业和信息化部门", "人力资源社会保障部门", "住房城乡建设部", "交通运输部",
    "农业部", "商务部", "海关总署", "工商行政管理部门", "新闻出版广电总局", "食品药品监督管理部门",
    "知识产权部门", "银监会", "国防科工局和总装备部", "全国总工会", "共青团中央", "全国妇联",
    "全国工商联", "相关联合会、行业协会",
]


@pytest.mark.parametrize(
    ("doc", "parent", "subjects", "subject_type"),
    [
        pytest.param(SICHUAN, SC_ATT1, SICHUAN_DEPARTMENTS, "department", id="sichuan-att1-departments"),
        pytest.param(SICHUAN, SC_ATT2, SICHUAN_CITIES, "place", id="sichuan-attachment2-cities"),
        pytest.param(NATIONAL, "附件1 2014年全国“质量月”主办单位 > 二、各单位开展各具特色的“质量月”活动",
                     NATIONAL_UNITS, "department", id="national-units"),
    ],
)
def test_unit_list_gives_one_duty_per_unit_in_order(
    knowledge: Knowledge, doc: str, parent: str, subjects: list[str], subject_type: str
) -> None:
    duties = [f for f in of_kind(knowledge, doc, DutyFact) if f.section.startswith(parent + " > ")]
    assert [f.subject for f in duties] == subjects
    assert {f.subject_type for f in duties} == {subject_type}


@pytest.mark.parametrize(
    ("doc", "subject", "section", "activity"),
    [
        (SICHUAN, "公安厅", f"{SC_ATT1} > 七、公安厅", "开展全省消防产品质量安全专项整治行动"),
        (SICHUAN, "公安厅", f"{SC_ATT1} > 七、公安厅", "开展“惠民利企大走访大调研”活动"),
        (SICHUAN, "省市场监管局", f"{SC_ATT1} > 一、省市场监管局", "举办全省“质量月”活动新闻通气会"),
        (SICHUAN, "应急管理厅", f"{SC_ATT1} > 十六、应急管理厅",
         "举办安全知识讲座,邀请烟花爆竹行业专家进行1次安全知识讲座,讲解烟花爆竹选购、储存、运输和燃放等方面的安全知识"),
        (SICHUAN, "成都海关", f"{SC_ATT1} > 十九、成都海关", "开展跨境电商进口消费品质量安全风险监测"),
        (SICHUAN, "人行四川省分行", f"{SC_ATT1} > 二十一、人行四川省分行",
         "加强全球法人识别编码(LEI)的宣传推广,探索LEI在金融领域的创新应用场景"),
        (SICHUAN, "成都市", f"{SC_ATT2} > 一、成都市", "联合举办成德眉资2024年“质量月”活动启动仪式"),
        (SICHUAN, "凉山州", f"{SC_ATT2} > 二十一、凉山州", "举办“水泥产品质量提升技能大比武”"),
        (SICHUAN, "巴中市", f"{SC_ATT2} > 十五、巴中市", "开展检验检测和企业检测实验室开放日活动"),
        (NATIONAL, "农业部",
         "附件1 2014年全国“质量月”主办单位 > 二、各单位开展各具特色的“质量月”活动"
         " > (七)农业部继续推进农产品质量安全专项整治和农资打假",
         "启动农资打假秋冬季行动,开展农资质量监督抽查,集中力量查办和曝光一批制售假劣农资的大案要案,"
         "保障秋冬季农业生产顺利进行"),
        (NATIONAL, "银监会",
         "附件1 2014年全国“质量月”主办单位 > 二、各单位开展各具特色的“质量月”活动"
         " > (十四)银监会组织开展“金融知识进万家”银行业金融知识宣传服务月活动",
         "扩大“银行业服务用语和服务流程标准化”试点范围,提升消费者对银行业服务的满意度"),
    ],
)
def test_duty_lists_the_units_activities(
    knowledge: Knowledge, doc: str, subject: str, section: str, activity: str
) -> None:
    duties = [f for f in of_kind(knowledge, doc, DutyFact) if f.subject == subject]
    assert [f.section for f in duties] == [section]
    assert activity in duties[0].activities


@pytest.mark.parametrize(
    ("subject", "activities"),
    [
        ("公安厅", 6),
        ("省市场监管局", 15),
        ("自然资源厅", 1),
        ("成都市", 4),
        ("凉山州", 4),
    ],
)
def test_duty_splits_a_units_paragraph_into_its_activities(
    knowledge: Knowledge, subject: str, activities: int
) -> None:
    duty = next(f for f in of_kind(knowledge, SICHUAN, DutyFact) if f.subject == subject)
    assert len(duty.activities) == activities
    assert not any(a.startswith(subject + ":") or a.endswith("。") for a in duty.activities)


def test_a_unit_list_numbered_1_2_gives_duties_too() -> None:
    text = ("东林省关于开展2031年“质量月”活动的通知\n各市:\n二、各单位开展各具特色的“质量月”活动\n"
            "1.质检部门开展“检测实验室开放日”活动。组织开展农资打假行动。\n"
            "2.教育部门指导中小学开展质量教育。\n")
    facts = [f for f in extract_facts("notice", analyse(normalize_text(text))) if isinstance(f, DutyFact)]
    assert [(f.subject, len(f.activities)) for f in facts] == [("质检部门", 2), ("教育部门", 1)]


def test_a_table_rows_lead_cell_gives_that_unit_the_rows_activity() -> None:
    text = ("东林省2031年“质量月”活动方案\n一、重点活动\n活动名称 | 牵头单位 | 配合单位 | 时间\n"
            "全省启动仪式 | 省市场监管局 | 东林市人民政府 | 9月3日\n“东林货出山”行动 | 省农业厅、省商务厅 | —— | 9月\n"
            "质量进社区 | 省市场监管局 | 省妇联 | 9月18日\n")
    facts = [f for f in extract_facts("notice", analyse(normalize_text(text))) if isinstance(f, DutyFact)]
    assert [(f.subject, f.activities) for f in facts] == [
        ("省市场监管局", ["全省启动仪式", "质量进社区"]), ("省农业厅", ["“东林货出山”行动"]), ("省商务厅", ["“东林货出山”行动"])]


@pytest.mark.parametrize("doc", [BEIJING, TIANSHUI, ROUNDUP])
def test_no_duties_where_there_is_no_unit_list(knowledge: Knowledge, doc: str) -> None:
    assert of_kind(knowledge, doc, DutyFact) == []


# --- counts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "unit", "number", "measure", "text"),
    [
        pytest.param(ROUNDUP, "u1", 18, "个", "18个部门", id="hebei-18-departments"),
        pytest.param(ROUNDUP, "u2", 21, "个", "21个省级部门", id="zhejiang-21-provincial-departments"),
        pytest.param(ROUNDUP, "u4", 21, "个", "21个部门", id="fujian-21-departments"),
        pytest.param(ROUNDUP, "u6", 21, "个", "21个省直部门", id="guangdong-21-departments"),
        pytest.param(ROUNDUP, "u7", 45, "项", "45项丰富多彩的质量主题活动", id="guangxi-45-activities"),
        pytest.param(ROUNDUP, "u7", 32, "个", "32个部门", id="guangxi-32-departments"),
        pytest.param(ROUNDUP, "u8", 23, "个", "23个部门", id="chongqing-23-departments"),
        pytest.param(ROUNDUP, "u8", 53, "项", "53项活动", id="chongqing-53-activities"),
        pytest.param(SICHUAN, "main", 25, "条", "25条重点产业链供应链质量提升", id="sichuan-25-chains"),
        pytest.param(TIANSHUI, "main", 8, "类", "8类消费品", id="tianshui-8-kinds"),
        pytest.param(NATIONAL, "main", 7, "个", "7个方面的专项整治", id="national-7-areas"),
    ],
)
def test_count_gives_number_measure_and_phrase(
    knowledge: Knowledge, doc: str, unit: str, number: int, measure: str, text: str
) -> None:
    counts = [(f.unit, f.number, f.measure, f.text) for f in of_kind(knowledge, doc, CountFact)]
    assert (unit, number, measure, text) in counts


def test_count_is_filed_under_the_unit_that_reports_it(knowledge: Knowledge) -> None:
    hebei = [f for f in of_kind(knowledge, ROUNDUP, CountFact) if f.number == 18]
    assert [(f.unit, f.section, f.noun) for f in hebei] == [("u1", "河北省报道", "部门")]
    assert "18个部门开展2022年全省“质量月”活动" in hebei[0].quote


# --- launch events ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "unit", "name", "date", "place"),
    [
        pytest.param(ROUNDUP, "u5", "活动启动仪式", "8月31日", "武汉", id="hubei"),
        pytest.param(ROUNDUP, "u7", "活动启动仪式", "9月5日上午", "玉林市", id="guangxi"),
        pytest.param(ROUNDUP, "u4", "电梯安全宣传周系列活动启动仪式", "9月2日下午",
                     "福州市鼓楼实验小学教育集团屏山校区", id="fujian"),
        pytest.param(ROUNDUP, "u3", "活动启动仪式", "", "合肥", id="anhui"),
        pytest.param(ROUNDUP, "u9", "活动启动仪式", "", "昆明", id="yunnan"),
        pytest.param(ROUNDUP, "u6", "活动启动仪式", "9月1日", "在线形式", id="guangdong-online"),
        pytest.param(ROUNDUP, "u10", "活动启动仪式", "9月1日", "甘肃省市场监管局", id="gansu"),
        pytest.param(NATIONAL, "main", "中国质量大会", "", "北京", id="national-quality-conference"),
    ],
)
def test_event_gives_name_date_and_place(
    knowledge: Knowledge, doc: str, unit: str, name: str, date: str, place: str
) -> None:
    events = [(f.name, f.date, f.place) for f in of_kind(knowledge, doc, EventFact) if f.unit == unit]
    assert (name, date, place) in events


@pytest.mark.parametrize(
    ("unit", "field", "value"),
    [
        ("u7", "organizer", "广西壮族自治区实施质量强桂战略工作领导小组办公室"),
        ("u10", "presided_by", "省市场监管局党组书记、局长焦石"),
    ],
)
def test_launch_event_collects_organizer_and_chair_from_later_sentences(
    knowledge: Knowledge, unit: str, field: str, value: str
) -> None:
    launches = [f for f in of_kind(knowledge, ROUNDUP, EventFact) if f.unit == unit]
    assert len(launches) == 1
    assert getattr(launches[0], field) == value


def test_national_conference_is_organised_by_the_quality_administration(knowledge: Knowledge) -> None:
    [conference] = of_kind(knowledge, NATIONAL, EventFact)
    assert conference.organizer == "质检总局"


# --- arrangements ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "parent", "count", "first"),
    [
        (SICHUAN, "三、重点安排", 9, "(一)筹办全省质量强省建设工作现场推进会"),
        (SICHUAN, "二、活动内容", 5, "(一)全面落实质量强省建设决策部署"),
        (TIANSHUI, "四、活动重点", 7, "(一)开展创建工作集中宣传活动,提高质量安全水平"),
        (BEIJING, "二、重点活动内容", 5, "(一)□泛开展主题宣传,推进质量强国建设"),
    ],
)
def test_arrangements_are_the_numbered_items_of_the_programme(
    knowledge: Knowledge, doc: str, parent: str, count: int, first: str
) -> None:
    items = [f for f in knowledge.documents[doc].facts
             if f.kind == "arrangement" and f.section.startswith(parent + " > ")]
    assert len(items) == count
    assert items[0].title == first


# --- every fact -------------------------------------------------------------------------------------


def test_every_fact_quote_is_verbatim_in_its_normalised_notice(knowledge: Knowledge) -> None:
    missing = []
    for doc in knowledge.documents.values():
        text = seed_text(doc.meta.source)
        missing += [f.id for f in doc.facts if not f.quote or f.quote not in text]
    assert missing == []


def test_every_fact_section_is_a_section_of_its_notice(knowledge: Knowledge) -> None:
    wrong = []
    for doc in knowledge.documents.values():
        paths = {" > ".join(s.path) for s in doc.sections} | {"正文"}
        wrong += [(f.id, f.section) for f in doc.facts if f.section not in paths]
    assert wrong == []


def test_fact_ids_are_doc_kind_ordinal_and_unique(knowledge: Knowledge) -> None:
    for doc, d in knowledge.documents.items():
        ids = [f.id for f in d.facts]
        assert len(ids) == len(set(ids)), doc
        for f in d.facts:
            assert re.fullmatch(rf"{re.escape(doc)}:{f.kind}:\d+", f.id), f.id
            assert f.doc == doc
            assert f.source == "extracted"


def test_seed_facts_carry_no_warnings(knowledge: Knowledge) -> None:
    assert {doc: d.warnings for doc, d in knowledge.documents.items()} == {doc: [] for doc in SEEDS}


def test_roundup_facts_belong_to_their_reports(knowledge: Knowledge) -> None:
    units = {u.key for u in knowledge.documents[ROUNDUP].meta.units}
    assert {f.unit for f in knowledge.documents[ROUNDUP].facts} <= units
    assert all(f.unit == "main" for doc in SEEDS[:4] for f in knowledge.documents[doc].facts)


def test_only_known_fact_kinds(knowledge: Knowledge) -> None:
    assert {f.kind for f in knowledge.facts} <= set(FACT_KINDS)


@pytest.mark.parametrize(
    ("page", "rows"),
    [
        ("东林县开展2015年“质量月”宣传活动\n时间:2015-09-15 来源:东林县质监局\n9月12日,东林县开展宣传。",
         {"发布时间": "2015-09-15", "来源": "东林县质监局"}),
        # an activity's time is no page row
        ("东林县2015年“质量月”活动方案\n时间:9月1日至30日\n一、活动内容", {}),
        # a date alone on its line under the headline is the page's stamp
        ("首页 > 正文\n东林省关于开展2017年“质量月”活动的通知\n2017-09-11 \n各市局:\n今年9月开展活动。",
         {"发布时间": "2017-09-11"}),
        ("东林县“质量月”启动\n2018-09-18 10:50:37\n9月1日启动。", {"发布时间": "2018-09-18 10:50:37"}),
        # a date inside a sentence is not the page's
        ("东林县“质量月”启动\n活动于2018-09-18开始。", {}),
        # a portal's table: the heads over their values
        ("东林市人民政府网\n索引号 | 发布机构 | 成文日期 | 文号 | 发布日期\n"
         "65010000-2031-00317 | 东林市质量强市办 | 2031-08-22 | 东质强办〔2031〕5号 | 2031-08-27\n"
         "关于开展2031年东林市“质量月”活动的通知\n各单位:\n今年9月开展活动。",
         {"索引号": "65010000-2031-00317", "发布机构": "东林市质量强市办", "成文日期": "2031-08-22",
          "文号": "东质强办〔2031〕5号", "发布日期": "2031-08-27"}),
    ],
)
def test_a_bare_time_row_with_a_full_date_is_the_pages_publication_time(page: str, rows: dict[str, str]) -> None:
    facts = extract_facts("page", analyse(normalize_text(page)))
    assert {f.name: f.value for f in facts if isinstance(f, PageRowFact)} == rows


@pytest.mark.parametrize(
    ("row", "rows"),
    [
        ("来源:东林日报 发布日期:2031-09-14 浏览次数: 浏览", {"来源": "东林日报", "发布日期": "2031-09-14"}),
        ("来源:东林日报 浏览次数:1349", {"来源": "东林日报", "浏览次数": "1349"}),
        ("点击:[]", {}),  # a counter the page never filled in
        ("本网注明“来源:东林质量网”的所有作品,版权均属于东林质量网", {}),  # a copyright notice quotes a label
    ],
)
def test_a_pages_counter_row_counts_only_with_a_number(row: str, rows: dict[str, str]) -> None:
    facts = extract_facts("page", analyse(normalize_text(f"东林县“质量月”启动\n{row}\n9月1日,东林县启动活动。")))
    assert {f.name: f.value for f in facts if isinstance(f, PageRowFact)} == rows


@pytest.mark.parametrize(
    ("page", "author"),
    [
        # a report signed with a name alone, bracketed at its end
        ("东林县开展2015年“质量月”宣传活动\n9月12日,东林县开展宣传,营造良好氛围。(李小旭)", "李小旭"),
        ("东林县“质量月”启动\n启动仪式上提出了质量倡议。(文 谢小丹)", "谢小丹"),
        # a labelled row whose value opens with the role: the names that follow
        ("东林县“质量月”启动\n来源:东林县融媒体中心 作者:记者 周小婷 王小凯 责任编辑:陆双燕\n9月1日启动。",
         "周小婷 王小凯"),
        # brackets that hold no name sign nothing
        ("东林县质量月活动方案(试行)\n一、活动内容(草案)", None),
        ("东林县“质量月”启动\n记者从东林县市场监管局获悉,活动9月1日启动。", None),
    ],
)
def test_a_reports_signature_is_its_author_row(page: str, author: str | None) -> None:
    facts = extract_facts("page", analyse(normalize_text(page)))
    assert {f.name: f.value for f in facts if isinstance(f, PageRowFact)}.get("作者") == author


@pytest.mark.parametrize(
    "sentence",
    [
        "各县区要在2031年10月12日(星期五)前将活动总结报市质量强市办。",
        "各县区要在10月12日(周五)前将活动总结报市质量强市办。",
    ],
)
def test_a_weekday_after_the_date_keeps_it_a_deadline(sentence: str) -> None:
    text = f"东林市关于开展2031年“质量月”活动的通知\n各县区:\n一、活动要求\n{sentence}\n"
    facts = [f for f in extract_facts("notice", analyse(normalize_text(text))) if isinstance(f, DeadlineFact)]
    assert [(f.date[5:], f.to) for f in facts] == [("10-12", "市质量强市办")]


def test_slogans_of_a_one_line_notice_are_quoted_as_it_writes_them() -> None:
    """A notice on one line is cut before each numbered item; its slogans' quote is still its own text."""
    text = ("东林省关于开展2031年“质量月”活动的通知 一、活动主题 质量引领 东林先行 二、活动要求 " + "各地要高度重视,认真组织,确保活动取得实效。" * 12 + " "
            "附件3 2031年全省“质量月”宣传口号 1.质量强链 产业兴东 2.东林品质 生活更好 3.全民讲质量 质量利全民")
    facts = [f for f in extract_facts("d", analyse(normalize_text(text))) if isinstance(f, SlogansFact)]
    assert [f.slogans for f in facts] == [["质量强链 产业兴东", "东林品质 生活更好", "全民讲质量 质量利全民"]]
    assert facts[0].quote in normalize_text(text)


def test_an_event_a_plan_schedules_under_its_heading_takes_its_time_and_place_from_its_rows() -> None:
    plan = ("西林县2031年“质量月”活动实施方案\n一、活动主题\n质量兴县\n三、活动安排\n"
            "(一)“质量月”启动仪式暨茶叶质量宣传咨询活动\n活动时间:2031年9月3日上午\n活动地点:西林街道东林广场\n"
            "牵头单位:县市场监督管理局\n配合单位:县农业农村局\n(二)茶叶专项抽检\n活动时间:2031年5-12月\n")
    events = [f for f in extract_facts("plan", analyse(normalize_text(plan))) if f.kind == "event"]
    assert [(e.name, e.date, e.place, e.organizer) for e in events] == [
        ("启动仪式", "2031年9月3日上午", "西林街道东林广场", "县市场监督管理局")]
    assert events[0].quote.startswith("活动时间:2031年9月3日上午")
