"""Who issued a notice, when, under which number, for which region and year."""

from __future__ import annotations

from functools import cache

import pytest

from bot.ingest.metadata import (
    DocumentAnalysis,
    analyse,
    campaign_year,
    find_doc_number,
    find_signature,
    find_title,
    letterhead,
    split_roundup,
)
from bot.ingest.normalize import normalize_text
from bot.knowledge import Knowledge
from bot.regions import regions
from bot.segment import add_words
from tests.conftest import DATA

ROUNDUP = "provinces-2022-quality-month-roundup"


@cache
def analysis(doc: str) -> DocumentAnalysis:
    return analyse(normalize_text((DATA / f"{doc}.txt").read_text(encoding="utf-8")))


SEEDS = [
    pytest.param(
        "tianshui-2016-quality-month-notice",
        "天水市质量发展领导小组关于开展2016年全市“质量月”活动的通知", False,
        "天水市质量发展领导小组", "2016-08-31", "天质组发〔2016〕2号",
        ("天水市", "prefecture", "甘肃省"), 2016,
        id="tianshui",
    ),
    pytest.param(
        "national-2014-quality-month-notice",
        "质检总局等部门开展2014年全国“质量月”活动", False,
        "国家质量监督检验检疫总局、中共中央宣传部等部门", "2014-08-13", "国质检质联〔2014〕432号",
        ("全国", "national", ""), 2014,
        id="national",
    ),
    pytest.param(
        "sichuan-2024-quality-month-notice",
        "四川省质量强省建设协调推进领导小组办公室关于开展2024年“质量月”活动的通知", True,
        "四川省质量强省建设协调推进领导小组办公室", "2024-08-26", "",
        ("四川省", "province", "四川省"), 2024,
        id="sichuan",
    ),
    pytest.param(
        "beijing-2024-quality-month-notice",
        "北京市贯彻质量强国战略工作领导小组办公室关于开展2024年“质量月”活动的通知", True,
        "北京市贯彻质量强国战略工作领导小组办公室", "2024-08-20", "",
        ("北京市", "province", "北京市"), 2024,
        id="beijing",
    ),
]


@pytest.mark.parametrize(
    ("doc", "title", "derived", "issuer", "date", "number", "region", "year"), SEEDS
)
def test_seed_metadata(
    doc: str, title: str, derived: bool, issuer: str, date: str, number: str,
    region: tuple[str, str, str], year: int,
) -> None:
    a = analysis(doc)
    assert (a.title, a.title_derived) == (title, derived)
    assert a.kind == "notice"
    assert a.issuer == issuer
    assert a.issue_date == date
    assert a.doc_number == number
    assert len(a.units) == 1
    unit = a.units[0]
    assert (unit.region.name, unit.region.level, unit.region.province) == region
    assert unit.year == year
    assert unit.label == f"{region[0]} {year}年"
    assert a.warnings == []


@pytest.mark.parametrize(
    ("doc", "title", "derived", "issuer", "date", "number", "region", "year"), SEEDS
)
def test_stored_meta_is_the_analysis(
    knowledge: Knowledge, doc: str, title: str, derived: bool, issuer: str, date: str, number: str,
    region: tuple[str, str, str], year: int,
) -> None:
    meta = knowledge.documents[doc].meta
    assert (meta.title, meta.title_derived, meta.issuer, meta.issue_date, meta.doc_number) == (
        title, derived, issuer, date, number)
    assert [(u.key, u.region.name, u.year) for u in meta.units] == [("main", region[0], year)]
    assert meta.source == f"{doc}.txt"


ROUNDUP_UNITS = [
    ("u1", "河北省"), ("u2", "浙江省"), ("u3", "安徽省"), ("u4", "福建省"), ("u5", "湖北省"),
    ("u6", "广东省"), ("u7", "广西壮族自治区"), ("u8", "重庆市"), ("u9", "云南省"), ("u10", "甘肃省"),
]


def test_roundup_gives_one_unit_per_province_each_with_its_year() -> None:
    a = analysis(ROUNDUP)
    assert a.kind == "roundup"
    assert [(u.key, u.region.name) for u in a.units] == ROUNDUP_UNITS
    assert {u.year for u in a.units} == {2022}
    assert all(u.region.level == "province" for u in a.units)
    assert [u.label for u in a.units][:2] == ["河北省 2022年", "浙江省 2022年"]


@pytest.mark.parametrize(
    ("key", "first", "last"),
    [
        ("u1", "今年9月,河北省质量强省战略领导小组办公室", "不断提升12315投诉举报处置效能。"),
        ("u5", "8月31日,湖北省2022年“质量月”活动启动仪式在武汉举行。", "质量工作高级研讨班等活动。"),
        ("u10", "9月1日,2022年甘肃省“质量月”活动启动仪式", "自选2项以上或自定2个以上选题开展自选动作。"),
    ],
)
def test_roundup_unit_holds_its_report_without_the_byline(key: str, first: str, last: str) -> None:
    unit = next(u for u in analysis(ROUNDUP).units if u.key == key)
    assert unit.lines[0].startswith(first)
    assert unit.lines[-1].endswith(last)
    assert not any(x.startswith("(") and x.endswith(")") and len(x) < 12 for x in unit.lines)


@pytest.mark.parametrize(("key", "byline"), [("u1", "(徐东周)"), ("u3", "(张勇 李辉)")])
def test_roundup_unit_keeps_its_byline_apart_as_who_wrote_it(key: str, byline: str) -> None:
    assert next(u for u in analysis(ROUNDUP).units if u.key == key).byline == byline


def test_roundup_has_a_composed_title_and_no_issuer() -> None:
    a = analysis(ROUNDUP)
    assert a.title_derived is True
    assert a.title == ("2022年各地“质量月”活动报道(河北省、浙江省、安徽省、福建省、湖北省、广东省、"
                       "广西壮族自治区、重庆市、云南省、甘肃省)")
    assert (a.issuer, a.issue_date, a.doc_number) == ("", "", "")


# --- the rules behind the metadata -------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["正文。", "北京市贯彻质量强国战略工作", "领导小组办公室", "2024年8月20日", "(联系人:常翠贤)"],
            ("北京市贯彻质量强国战略工作领导小组办公室", "2024-08-20"),
            id="issuer-split-over-two-lines",
        ),
        pytest.param(["正文。", "天水市质量发展领导小组", "2016年8月31日"],
                     ("天水市质量发展领导小组", "2016-08-31"), id="issuer-on-one-line"),
        pytest.param(["正文。", "湖南省质量强省工作领导小组办公室", "2025年 8月 2日"],
                     ("湖南省质量强省工作领导小组办公室", "2025-08-02"), id="spaced-date"),
        pytest.param(["1.某项活动", "2024年8月20日"], ("", ""), id="no-organisation-above-date"),
        pytest.param(["东林省质量协会", "东质协函〔2031〕3号", "请于3月27日前反馈。", "联系人:马小华",
                      "2、反馈表", "2031年3月20日", "附件1:"],
                     ("", "2031-03-20"), id="letter-headed-by-its-sender-dated-after-its-body"),
        pytest.param(["正文。", "各单位要高度重视。"], ("", ""), id="no-date-line"),
    ],
)
def test_signature_is_the_organisation_above_the_last_date_line(
    lines: list[str], expected: tuple[str, str]
) -> None:
    issuer, date, quote = find_signature(lines)
    assert (issuer, date) == expected
    if issuer:
        assert quote.replace("\n", "").startswith(issuer)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["东林省质量协会", "东质协函〔2031〕3号", "关于…的函"], "东林省质量协会"),
        (["关于…的函", "东质协函〔2031〕3号"], ""),  # a title above the number is no sender
        (["各单位要高度重视,认真落实。", "东质协函〔2031〕3号"], ""),  # nor a sentence
    ],
)
def test_a_letters_sender_is_the_organisation_right_above_its_number(lines: list[str], expected: str) -> None:
    assert letterhead(lines, "东质协函〔2031〕3号") == expected


@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        pytest.param("", ["标题", "湘质强办〔2025〕7号", "正文"], "湘质强办〔2025〕7号", id="own-line"),
        pytest.param("", ["标题", "湘质强办〔2025〕 7号"], "湘质强办〔2025〕7号", id="spaces-dropped"),
        pytest.param("", ["标题", "京质发[2023]12号"], "京质发[2023]12号", id="square-brackets"),
        pytest.param("", ["标题", "(某建质函[2011]368号)"], "某建质函[2011]368号", id="in-parentheses"),
        pytest.param(
            "8月13日,国家质量监督检验检疫总局等部门联合发出《关于开展2014年全国“质量月”活动的通知》"
            "(国质检质联〔2014〕432号),定于今年9月", ["x"], "国质检质联〔2014〕432号",
            id="after-the-notice-title",
        ),
        pytest.param(
            "日前,东林省质量强省工作领导小组办公室印发《关于开展2031年全省“质量月”活动的通知》"
            "(东质强办〔2031〕6号,以下简称《通知》),决定", ["x"], "东质强办〔2031〕6号",
            id="a-report-quoting-it-with-its-short-name",
        ),
        pytest.param("按照《贯彻实施质量发展纲要2014年行动计划》(国办发〔2014〕18号)的部署", ["x"], "",
                     id="another-documents-number"),
        pytest.param("", ["x"], "", id="none"),
    ],
)
def test_doc_number_is_the_notices_own(text: str, lines: list[str], expected: str) -> None:
    assert find_doc_number(text, lines)[0] == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("开展2016年全市“质量月”活动", 2016),
        ("按照2024年全国“质量月”活动安排", 2024),
        ("开展2025年全省质量月活动", 2025),
        ("2022年度“质量月”", 2022),
        ("青浦举办2016年\"质量月\"现场宣传咨询服务活动", 2016),  # straight quotes
        ("今年的质量月活动", None),
    ],
)
def test_campaign_year_is_read_from_the_quality_month_phrase(text: str, year: int | None) -> None:
    assert campaign_year(text) == year


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["天水市质量发展领导小组关于开展2016年全市“质量月”活动的通知", "天质组发〔2016〕2号"],
         "天水市质量发展领导小组关于开展2016年全市“质量月”活动的通知"),
        (["各相关成员单位、省直相关部门:", "为全面贯彻落实。"], None),
        (["(张勇 李辉)", "质量月活动通知"], "质量月活动通知"),
        # a saved page's menu lines come before its title
        (["企业动态", "企业动态", "项目动态", "东林项目举行“质量月”活动启动仪式", "发布时间:2025-09-02"],
         "东林项目举行“质量月”活动启动仪式"),
        # a saved page's headline is the line above its publication row, whatever chrome comes first
        # and whether or not it says 质量 or 通知
        (["广告招商热线", "今天是2025年6月18日,欢迎您访问某某行业协会官网", "行业新闻",
          "某某部通知要求全国系统9月开展“质量月”活动", "信息来源: 某某行业协会  信息提供日期:2009-08-08",
          "某某部近日发出通知,决定于今年9月开展活动。"], "某某部通知要求全国系统9月开展“质量月”活动"),
        (["中国质量新闻网", "您当前位置: 新闻中心>>第一版>>", "青原:优化市场准入环境消费环境",
          "2019-09-18 10:50:37 中国质量新闻网", "本报讯 9月13日,青原县开展活动。"], "青原:优化市场准入环境消费环境"),
        # ... but never the site's greeting, a date or an index row
        (["您好,欢迎来到某某商务网!", "发布时间:2018-09-05 08:46", "9月1日,某协会启动了活动。"], None),
        (["21.09.2016 21:44", "来源:某某网", "正文。"], None),
    ],
)
def test_title_is_a_short_first_line_about_quality(lines: list[str], title: str | None) -> None:
    assert find_title(lines) == title


def test_a_notice_with_headings_is_not_a_roundup() -> None:
    lines = normalize_text((DATA / "sichuan-2024-quality-month-notice.txt").read_text("utf-8")).split("\n")
    assert split_roundup(lines) is None


def test_region_falls_back_to_the_text_when_the_issuer_names_none() -> None:
    a = analyse("关于开展2023年“质量月”活动的通知\n为推动质量强市建设,株洲市决定在全市开展活动。\n"
                "市质量发展委员会\n2023年8月25日")
    assert a.issuer == "市质量发展委员会"
    assert (a.units[0].region.name, a.units[0].year) == ("株洲市", 2023)


def test_notice_without_any_region_is_flagged() -> None:
    a = analyse("关于开展“质量月”活动的通知\n各单位要高度重视。")
    assert a.units[0].region.name == "未知地区"
    assert "no region found" in a.warnings


@pytest.mark.parametrize(
    ("text", "region", "year"),
    [
        # a dateline names where the news was filed, not what it is about
        ("央广网海口9月10日消息 9月9日,由海南省市场监督管理局主办的2025年海南省“质量月”启动仪式在海口举行。",
         "海南省", 2025),
        # a medium's name is no subject when the report names a place of its own
        ("浙江在线 9月21日上午,由县市场监管局主办的2020年“全国质量月”宣传活动在微山县育才社区举行。", "微山县", 2020),
        # only media names: a local site, the most local place they name
        ("浙江在线 -- 岱山支站\n举办“质量月”活动\n9月21日上午,由县市场监管局主办的宣传活动举行。", "岱山县", None),
        # "我市开展…全国“质量月”": a local report of the national campaign
        ("我市开展2023年全国“质量月”宣传咨询一条街活动\n日期:09-26\n拉萨融媒讯 9月25日上午,由市市场监管局牵头开展活动。",
         "拉萨市", 2023),
        # a national notice opens with its addressees (here with a typo) and names no place of its own
        ("交通运输部办公厅关于开展2017年公路水运工程建设领域“质量月”活动的通知\n各盛自治区、直辖市、新疆生产建设兵团交通运输厅:\n为推进质量强国建设。",
         "全国", 2017),
        # "福建省福州市…": the place named right after the region
        ("福建省福州市质量强市领导小组办公室近日印发了《关于开展2024年福州市“质量月”活动的通知》", "福州市", 2024),
        # a place merely mentioned later does not narrow the region
        ("2017年河北省质量月活动正式启动\n由河北省质量技术监督局等17个部门共同组织开展。启动仪式在衡水市举行。", "河北省", 2017),
        # the year of "全国第48个“质量月”" (the first was in 1978)
        ("今年9月,是全国第48个“质量月”。漳州市云霄县市场监管局开展了一系列宣传活动。", "云霄县", 2025),
        # a page's 发布日期 row
        ("宜都市市场监管局开展质量宣传\n发布日期:2023-09-25 来源:市市场监管局\n宜都融媒讯 今年9月是质量月。", "宜都市", 2023),
        ("宜都市质检所开展实验室开放日活动\n时间:2022-09-23 浏览:1189\n9月8日,宜都市质检所根据质量月工作要求开放实验室。",
         "宜都市", 2022),  # a bare 时间: row
        # a document number opens with its province's 简称
        ("苏建函质安〔2024〕398号\n各设区市住房和城乡建设局,无锡市市政和园林局:\n我厅决定开展2024年建筑施工“质量月”活动。",
         "江苏省", 2024),
        # "我县召开…": a county's report, though it first names its city's meeting
        ("(原标题:我县召开质量强县工作会议)\n9月3日上午,保定市质量强市会议后,涞源县立即召开2024年“质量月”启动仪式。"
         "涞源县副县长出席。", "涞源县", 2024),
        # addressed to the cities of one province: that province's notice, though it cites the national one
        ("各市住房城乡建设局,郑州、洛阳、开封市城管局:\n为落实《关于开展2023年全国“质量月”活动的通知》,"
         "决定开展2023年全省住建系统“质量月”活动。", "河南省", 2023),
        # "市生态环境局开展…": a local office's report, though it follows the national campaign; the
        # page's bare publication stamp gives its year
        ("分享按钮\n市生态环境局开展 “质量月”环保宣传活动\n林芝融媒讯(记者王小明)为深入贯彻落实全国“质量月”"
         "活动部署,日前,市生态环境局组织开展宣传活动,共建美丽林芝。\n地址:林芝市江苏路19号\n2025-09-17 4 4 林芝日报",
         "林芝市", 2025),
        # the national launch, held in a city: the nation's, though the city's mayor attended
        ("当前位置:首页 > 2016年质量月 > 活动新闻 >\n9月1日,2016年全国“质量月”活动启动仪式在重庆举行。"
         "质检总局局长出席,重庆市市长出席启动仪式。", "全国", 2016),
        # the venue may name its province before its city
        ("9月1日,2019年全国“质量月”活动启动仪式在山东青岛举行。", "全国", 2019),
        # the dateline's place says where the news came from, not whose campaign it is
        ("中国消费者报成都讯(记者王小明)8月29日,2031年全国质协系统“质量月”活动启动仪式在四川省成都市举行。",
         "全国", 2031),
        # a local launch of the national campaign names its own place or says 我市
        ("9月1日,2023年全国“质量月”活动启动仪式在我市举行。副市长出席。\n林芝市市场监管局供稿", "林芝市", 2023),
        ("9月1日,2023年全国“质量月”林芝市启动仪式在巴宜区举行。", "林芝市", 2023),
        # 市场监管总局 is no local office
        ("市场监管总局关于开展2023年全国“质量月”活动的通知\n各省、自治区、直辖市市场监管局:\n今年9月开展活动。", "全国", 2023),
        # a page's stamp opening the line below its title
        ("创新驱动 迈向高质量发展 ——贵州省六盘水市开展“质量月”活动综述\n2020-09-29 21:48 本文来源:某报\n金秋送爽。", "六盘水市", 2020),
        # "全国“质量月”" is the campaign's name: a company's report of it is no national notice ...
        ("某某设计院召开2024年“质量月”活动启动会\n9月2日,院里召开启动会,部署开展全国“质量月”活动。",
         "未知地区", 2024),
        # a company's campaign, though its title says 全国“质量月”
        ("油田组织开展全国“质量月”活动\n今年9月是我国第47个全国“质量月”,油田组织开展全国“质量月”活动。", "未知地区", 2024),
        # the campaign's place in its series ("全国第47个“质量月”") names no place either
        ("2031年9月是全国第54个“质量月”。为提高全员质量意识,运营公司精心组织,开展系列活动。\n质量提升 意识先行\n"
         + "积极倡导质量第一意识,开展多样化的主题宣传。" * 12 + "\n9月23日,运营公司联合东阳市特种设备检验检测院开展培训。",
         "东阳市", 2031),
        # ... but a title naming no other place is the nation's
        ("关于请提供2024年全国“质量月”活动主题建议的函\n各会员单位:\n请于6月前反馈。", "全国", 2024),
        # a stamp written day.month.year
        ("怀柔区质监局开展“质量月”专项活动\n21.09.2016 21:44\n9月以来,怀柔区质监局开展活动。", "怀柔区", 2016),
        # the site's greeting above the headline names the site's place, not the report's
        ("今天是2025年6月18日,欢迎您访问深圳某某行业协会官网\n行业新闻\n某某部通知要求全国建设系统9月开展“质量月”活动\n"
         "信息来源: 深圳某某行业协会 信息提供日期:2009-08-08\n某某部近日发出通知,决定于今年9月在全国建设系统开展2009年“质量月”活动。",
         "全国", 2009),
        # a report dated by day alone: the year its first sentence names its event by ...
        ("百色日报9月23日电(记者马小华)2031年西林县质量万里行活动23日正式启动。活动自2019年开始。", "西林县", 2031),
        # ... not a range's end, nor a time since
        ("西林县质量宣传活动启动\n为落实《西林质量纲要(2021-2031年)》,9月6日,西林县启动宣传活动。", "西林县", None),
        ("西林县质量宣传活动启动\n2029年以来,西林县每年9月6日启动宣传活动。", "西林县", None),
        # a list of places names examples or a whole, not whose text it is, when anything else is named ...
        ("2031年知识竞赛掀起学习热潮\n2031年8月至11月,某某协会组织开展全国知识竞赛。\n"
         "本次活动全国参赛人数突破500万,山东、江苏、辽宁等地区参赛人数相继突破20万。\n"
         "东林县质量协会积极组织动员企业参与答题活动。", "全国", 2031),
        ("各会员单位:\n2031年某某协会举办全国知识竞赛,覆盖全国34个省级行政区(包括港澳台)。", "全国", 2031),
        # ... and it is the text's place when it is all that is named
        ("关于开展2031年苏浙皖赣沪“质量月”有奖征文活动的通知\n各有关单位:\n请踊跃投稿。", "江苏省", 2031),
    ],
)
def test_a_report_is_about_the_place_and_year_it_names(text: str, region: str, year: int | None) -> None:
    a = analyse(normalize_text(text))
    assert (a.units[0].region.name, a.units[0].year) == (region, year)


@pytest.mark.parametrize(
    ("text", "found"),
    [("微山县质量月", "微山县"), ("微山质量月启动仪式", "微山县"), ("岱山2020年质量月", "岱山县"),
     ("根据合作协议精神", None), ("两大安全", None), ("和平发展", None), ("微山那次质量月启动多少人参加", "微山县"),
     # right after its own city (or province-level city), a county's stem is the county, though alone it
     # is a word (六合) or shared; inside a word it is not
     ("南京六合16年质量月广场咨询是哪个部门办的", "六合区"), ("北京海淀质量月", "海淀区"), ("南京六合彩", None),
     # an autonomous county is called by its place name, with or without 县; not where that is a word
     ("麻阳2021年质量月", "麻阳苗族自治县"), ("长阳县质量月", "长阳土家族自治县"), ("互助县质量月", "互助土族自治县"),
     ("互助的精神", None),
     ("集团乐清经济开发区工业园三楼会议室", "乐清市"),  # before its development zone
     # a word begun before it (报道) takes the short name's first character: "报道里 …" names no 道里区
     ("2031年质量月水利报道里 考核有哪几条成效", None), ("哈尔滨道里2031年质量月", "道里区")],
)
def test_county_short_names_are_read_only_where_they_name_the_county(text: str, found: str | None) -> None:
    from bot.regions import regions

    names = [m.region.name for m in regions().find(text) if m.region.level == "county"]
    assert names[:1] == ([found] if found else [])


@pytest.mark.parametrize("county", ["沛县", "萧县", "忠县"])
def test_a_county_named_in_loaded_notices_stays_a_place(county: str) -> None:
    """Loading knowledge adds its place names to the segmenter; that must not make a two-character
    county look like a common word and drop it from the regions dictionary."""
    add_words([county])
    regions.cache_clear()
    try:
        assert [m.region.name for m in regions().find(f"{county}2023年质量月启动仪式在哪开的")] == [county]
    finally:
        regions.cache_clear()


@pytest.mark.parametrize(
    ("text", "regions_named"),
    [
        ("2019年苏浙皖赣沪质量月征文", ["江苏省", "浙江省", "安徽省", "江西省", "上海市"]),
        ("京津冀质量月联合启动", ["北京市", "天津市", "河北省"]),
        ("迈上新台阶", []),  # two 简称 in a row are most often a word
    ],
)
def test_a_run_of_province_abbreviations_names_each_province(text: str, regions_named: list[str]) -> None:
    assert [m.region.name for m in regions().find(text)] == regions_named


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["关于开展2019年某某地区“质量月”", "有奖征文活动的通知", "各有关单位:"],
         "关于开展2019年某某地区“质量月”有奖征文活动的通知"),
        # a page title and the notice's own title are two titles, not one wrapped
        (["某局发布《关于开展2023年“质量月”活动的通知》-某网", "关于开展2023年“质量月”活动的通知"],
         "某局发布《关于开展2023年“质量月”活动的通知》-某网"),
    ],
)
def test_a_title_wrapped_onto_a_second_line_is_joined(lines: list[str], title: str) -> None:
    assert find_title(lines) == title


# A round-up whose items open with their place, the reporter's byline inside each item.
PLACE_HEADED_ROUNDUP = """各地2031年“质量月”活动综述
1. 青海:19个部门联合开展“质量月”活动
本报讯(记者 马小华)9月2日,青海省2031年“质量月”活动启动仪式在西宁市举行。
2. 宁夏:三大系列活动覆盖全区
本报讯(记者 东林)9月3日,宁夏回族自治区2031年“质量月”活动启动仪式在银川市举行。
3. 青海:补记一则
青海省还将开展质量开放日活动。
(本组稿件综合自各地报道)"""

# Under a headline calling itself a round-up, an editor's note and a table may come first; the items
# are numbered with circled numbers (read as "(1)").
TITLED_ROUNDUP_WITH_A_TABLE = """东林网 > 专题 > 各地动态
各地2031年“质量月”活动启动情况汇总
发布时间:2031-09-10 | 来源:本网综合
编者按:连日来,各地陆续启动2031年“质量月”活动,现汇总如下。
【启动情况一览】
地区 | 启动日期 | 启动地点
青海 | 9月1日 | 西宁
宁夏 | 9月2日 | 银川
①青海:西宁启动 突出高原特色产品
9月1日上午,青海省2031年“质量月”活动启动仪式在西宁市举行。
②宁夏:银川启动 三大系列活动
9月2日,宁夏回族自治区2031年“质量月”活动启动仪式在银川市举行。"""

# A newspaper's round-up: each place one paragraph, its year in Chinese numerals.
ONE_PARAGRAPH_ITEMS = """东林日报 2031年9月12日 第2版
各地“质量月”活动扎实开展
九月以来,各地纷纷举行启动仪式。
青海:九月二日上午,二〇三一年青海省“质量月”活动启动仪式在西宁市举行。
宁夏:九月三日,宁夏回族自治区二〇三一年“质量月”活动启动仪式在银川市举行。"""

# A web page's round-up: each place under "■ 城市", most closed by a byline, one not.
MARKED_ITEMS_SOME_UNSIGNED = """各地“质量月”活动城市速递
■ 西宁
9月1日,西宁市2031年“质量月”活动启动仪式在中心广场举行。
(通讯员 马小华)
■ 银川
9月2日,银川市政府新闻办召开发布会,介绍2031年全市“质量月”活动安排。
■ 兰州
9月3日,兰州市2031年“质量月”启动仪式在黄河广场举行。
(通讯员 李小东)"""

# A notice whose annex lists cities late: its own sections come first, so it is no round-up.
NOTICE_WITH_A_CITY_ANNEX = """东林省关于开展2031年“质量月”活动的通知
各市(州)质量强市办:
一、活动主题
加强质量支撑
二、活动安排
各地结合实际开展活动。
附件:各市(州)活动摘要
成都市:开展质量开放日。
绵阳市:开展质量讲堂。"""


@pytest.mark.parametrize(
    ("text", "labels", "last_line"),
    [
        (PLACE_HEADED_ROUNDUP, ["青海省 2031年", "宁夏回族自治区 2031年", "青海省 2031年"], "(本组稿件综合自各地报道)"),
        (NOTICE_WITH_A_CITY_ANNEX, None, None),
        (TITLED_ROUNDUP_WITH_A_TABLE, ["青海省 2031年", "宁夏回族自治区 2031年"],
         "9月2日,宁夏回族自治区2031年“质量月”活动启动仪式在银川市举行。"),
        (ONE_PARAGRAPH_ITEMS, ["青海省 2031年", "宁夏回族自治区 2031年"],
         "宁夏:9月3日,宁夏回族自治区2031年“质量月”活动启动仪式在银川市举行。"),
        # an item without a byline ends where the next place's heading starts, not at the next byline
        (MARKED_ITEMS_SOME_UNSIGNED, ["西宁市 2031年", "银川市 2031年", "兰州市 2031年"],
         "9月3日,兰州市2031年“质量月”启动仪式在黄河广场举行。"),
    ],
)
def test_a_roundup_of_items_headed_by_their_place_gives_one_unit_per_item(
        text: str, labels: list[str] | None, last_line: str | None) -> None:
    a = analyse(normalize_text(text))
    if labels is None:
        assert a.kind != "roundup"
        assert len(a.units) == 1
    else:
        assert a.kind == "roundup"
        assert [u.label for u in a.units] == labels
        assert "宁夏" in a.units[1].lines[0] or "银川" in a.units[1].lines[0]
        assert a.units[-1].lines[-1] == last_line


def test_a_national_notice_on_one_line_naming_a_companys_activity_far_down_stays_national() -> None:
    text = ("质检总局等部门开展2031年全国“质量月”活动\n"
            "为深入贯彻实施质量发展纲要,8月9日,国家质量监督检验检疫总局等部门联合发出《关于开展2031年全国"
            "“质量月”活动的通知》,定于今年9月开展全国“质量月”活动。" + "各地要认真组织开展活动。" * 20
            + "(十五)东林铁路总公司开展高速铁路动车组质量专项检查。在广州召开全国质量工作现场会。")
    assert analyse(normalize_text(text)).units[0].region.name == "全国"
