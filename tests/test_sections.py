"""The heading hierarchy: 一、/(一)/1./(1)/附件N, one-line notices cut, skipped numbers tolerated."""

from __future__ import annotations

from functools import cache

import pytest

from bot.ingest.normalize import normalize_text
from bot.ingest.sections import (
    LEVEL_ATTACHMENT,
    Block,
    enumerated_items,
    heading_label,
    heading_level,
    numbered_rows,
    parse_blocks,
    sentences,
    split_long_lines,
)
from bot.knowledge import Knowledge
from tests.conftest import DATA

SICHUAN = "sichuan-2024-quality-month-notice"
BEIJING = "beijing-2024-quality-month-notice"
TIANSHUI = "tianshui-2016-quality-month-notice"
NATIONAL = "national-2014-quality-month-notice"

SC_ATT1 = "附件1 2024年全省“质量月”联合主办单位主要活动"
SC_ATT2 = "附件2 2024年全省“质量月”市(州)开展活动摘要"
SC_ATT3 = "附件3 2024年全省“质量月”活动口号"
NAT_ATT1 = "附件1 2014年全国“质量月”主办单位"
NAT_UNITS = f"{NAT_ATT1} > 二、各单位开展各具特色的“质量月”活动"


@cache
def seed_text(doc: str) -> str:
    return normalize_text((DATA / f"{doc}.txt").read_text(encoding="utf-8"))


@cache
def seed_blocks(doc: str) -> tuple[Block, ...]:
    return tuple(parse_blocks(seed_text(doc)))


def sections_of(doc: str) -> list[str]:
    return [b.section for b in seed_blocks(doc)]


def block(doc: str, section: str) -> Block:
    found = [b for b in seed_blocks(doc) if b.section == section]
    assert len(found) == 1, f"{section!r}: {len(found)} blocks in {doc}"
    return found[0]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、活动主题", 1),
        ("十六、应急管理厅:加强线上宣传", 1),
        ("二十一、凉山州:举办“水泥产品质量提升技能大比武”。", 1),
        ("(一)全面落实质量强省建设决策部署。持续深化", 2),
        ("(十三)知识产权部门开展知识产权执法维权“护航”专项行动。", 2),
        ("1.实施质量强省战略 推进高质量发展", 3),
        ("10.全民讲质量 质量利全民", 3),
        ("3、开展质量宣传活动", 3),
        ("(1)开展质量提升行动", 4),
        ("(12)组织质量开放日", 4),
        ("附件1", LEVEL_ATTACHMENT),
        ("附件", LEVEL_ATTACHMENT),
        ("附件2 2024年全省“质量月”市(州)开展活动摘要", LEVEL_ATTACHMENT),
        ("【活动主题】", 1),  # a web page's bracketed heading alone on its line
        ("【01】一个主题", 1),  # an explainer's numbered panel
        ("▌活动主题", 1),  # a WeChat article's marked heading
        ("▌重点活动(共八项)", 1),
        ("第二部分 重点活动", 1),
        ("第三章 重点活动", 1),  # a regulation's chapters and articles
        ("第十四条 开展“质量知识进校园”竞赛。", 3),
    ],
)
def test_heading_form_gives_its_level(line: str, level: int) -> None:
    assert heading_level(line) == level


@pytest.mark.parametrize(
    "line",
    [
        "附件:1.2024年全省“质量月”联合主办单位主要活动",  # the attachment index in the body
        "附件:2024年北京市“质量月”活动口号",
        "2.2024年全省“质量月”市(州)开展活动摘要",  # "2." glued to a year is not an item number
        "1.5万家企业参与质量提升行动",
        "2024年8月26日",
        "加强质量支撑 共建质量强省",
        "联系人:省质量强省办 质量发展处 胡珊莉 张洋",
        "(2011-2020年)质量发展纲要",
        "【打印本页】 【关闭窗口】",  # a page's buttons
        "字号:【大 中 小】",
    ],
)
def test_body_line_is_not_a_heading(line: str) -> None:
    assert heading_level(line) is None


@pytest.mark.parametrize(
    ("doc", "section"),
    [
        (SICHUAN, "一、活动主题"),
        (SICHUAN, "四、工作要求 > (三)加强宣传"),
        (SICHUAN, "三、重点安排 > (一)筹办全省质量强省建设工作现场推进会"),
        (SICHUAN, f"{SC_ATT1} > 七、公安厅"),
        (SICHUAN, f"{SC_ATT1} > 二十一、人行四川省分行"),
        (SICHUAN, f"{SC_ATT2} > 一、成都市"),
        (SICHUAN, f"{SC_ATT2} > 二十一、凉山州"),
        (SICHUAN, f"{SC_ATT3} > 13.加快数转智改网联 提升企业质量管理水平"),
        (BEIJING, "二、重点活动内容 > (三)加强质量人才建设,推进质量变革创新"),
        (BEIJING, "二、重点活动内容 > (二)开展质量强企系列活动,推动重点领域质量提升"
                  " > 4.发挥标杆示范引领作用"),
        (BEIJING, "三、活动要求 > (四)及时总结,报送信息"),
        (BEIJING, "附件 2024年北京市“质量月”活动口号"),
        (TIANSHUI, "三、活动时间"),
        (TIANSHUI, "四、活动重点 > (二)开展质量和品牌提升活动,改善产品和服务供给"),
        (TIANSHUI, "五、活动要求 > (三)提升活动实际成效"),
        (NATIONAL, f"{NAT_ATT1} > 一、主办单位统筹安排的活动 > (一)举办中国质量大会"),
        (NATIONAL, f"{NAT_UNITS} > (七)农业部继续推进农产品质量安全专项整治和农资打假"),
        (NATIONAL, f"{NAT_UNITS} > (十四)银监会组织开展“金融知识进万家”银行业金融知识宣传服务月活动"),
    ],
)
def test_section_path_names_every_enclosing_heading(doc: str, section: str) -> None:
    assert section in sections_of(doc)


@pytest.mark.parametrize(
    ("doc", "section", "first_line"),
    [
        (SICHUAN, f"{SC_ATT1} > 七、公安厅", "七、公安厅:开展“护品牌促发展”专项行动"),
        (SICHUAN, "四、工作要求 > (三)加强宣传", "(三)加强宣传。各地强市(州)办"),
        (SICHUAN, SC_ATT1, "附件1"),
        (NATIONAL, f"{NAT_UNITS} > (七)农业部继续推进农产品质量安全专项整治和农资打假",
         "(七)农业部继续推进农产品质量安全专项整治和农资打假。组织各地深入开展"),
    ],
)
def test_block_starts_with_its_heading_line(doc: str, section: str, first_line: str) -> None:
    assert block(doc, section).lines[0].startswith(first_line)


@pytest.mark.parametrize(
    ("doc", "section", "body_start"),
    [
        (SICHUAN, f"{SC_ATT1} > 七、公安厅", "开展“护品牌促发展”专项行动"),
        (SICHUAN, "一、活动主题", "加强质量支撑 共建质量强省"),
        (TIANSHUI, "三、活动时间", "2016年9月1日9月30日"),
    ],
)
def test_block_body_is_the_text_under_the_heading(doc: str, section: str, body_start: str) -> None:
    assert block(doc, section).body.startswith(body_start)


def test_attachment_alone_on_its_line_takes_the_next_line_as_its_title() -> None:
    att = [b for b in seed_blocks(SICHUAN) if b.level == LEVEL_ATTACHMENT]
    assert [b.section for b in att] == [SC_ATT1, SC_ATT2, SC_ATT3]


def test_skipped_number_does_not_break_the_hierarchy() -> None:
    """Sichuan's 附件1 goes from 十四、 straight to 十六、: 十六、 is still under 附件1."""
    att1 = [b.label for b in seed_blocks(SICHUAN) if b.path[:1] == (SC_ATT1,) and b.level == 1]
    assert not any(label.startswith("十五、") for label in att1)
    assert att1[13:16] == ["十四、商务厅", "十六、应急管理厅", "十七、省药监局"]
    assert len(att1) == 20
    assert block(SICHUAN, f"{SC_ATT1} > 十六、应急管理厅").path == (SC_ATT1, "十六、应急管理厅")


def test_skipped_sub_number_stays_under_its_parent() -> None:
    text = "一、活动内容\n(一)开展宣传。\n(三)开展培训。\n三、工作要求\n(一)加强领导。"
    assert [b.section for b in parse_blocks(text)] == [
        "一、活动内容",
        "一、活动内容 > (一)开展宣传",
        "一、活动内容 > (三)开展培训",
        "三、工作要求",
        "三、工作要求 > (一)加强领导",
    ]


def test_attachment_resets_the_hierarchy() -> None:
    for b in seed_blocks(SICHUAN):
        if b.label == "一、成都市":
            assert b.path == (SC_ATT2, "一、成都市")
            break
    else:
        pytest.fail("no 一、成都市 block")


def test_text_before_the_first_heading_is_a_block_without_path() -> None:
    first = seed_blocks(SICHUAN)[0]
    assert first.path == ()
    assert first.lines[0] == "各相关成员单位、省直相关部门,各市(州)质量强市(州)办:"


# --- a whole notice on one line ----------------------------------------------------------


def test_national_seed_is_one_long_line() -> None:
    long_lines = [x for x in seed_text(NATIONAL).split("\n") if len(x) > 5000]
    assert len(long_lines) == 1


@pytest.mark.parametrize(
    "starts",
    [
        "附件1 2014年全国“质量月”主办单位",
        "一、主办单位统筹安排的活动",
        "(一)举办中国质量大会。",
        "二、各单位开展各具特色的“质量月”活动",
        "(七)农业部继续推进农产品质量安全专项整治和农资打假。",
        "(二十)相关联合会、行业协会深入组织开展“质量兴业”“质量兴企”活动",
    ],
)
def test_one_line_notice_is_cut_before_each_heading(starts: str) -> None:
    lines = split_long_lines(seed_text(NATIONAL).split("\n"))
    assert any(x.startswith(starts) for x in lines)


def test_one_line_notice_gives_every_unit_its_own_block() -> None:
    units = [b.label for b in seed_blocks(NATIONAL) if len(b.path) == 3 and b.path[1].startswith("二、")]
    assert len(units) == 20
    assert units[0].startswith("(一)质检部门")
    assert units[6] == "(七)农业部继续推进农产品质量安全专项整治和农资打假"
    assert units[19].startswith("(二十)相关联合会、行业协会")


def test_attachment_index_of_one_line_notice_is_not_a_heading() -> None:
    """"附件:1. … 2. … 3. …" lists the attachments inside the body; its items are not sections."""
    top = [b.section for b in seed_blocks(NATIONAL) if b.path and not b.path[0].startswith("附件")]
    assert top == []
    assert "2. 2014年全国“质量月”部分中央企业开展的主要活动" in seed_blocks(NATIONAL)[0].text


def test_short_lines_are_not_cut() -> None:
    line = "(一)加强统筹。各地强市(州)办要根据通知要求;(二)精心组织。"
    assert split_long_lines([line]) == [line]


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展质量宣传。开展质量培训;开展质量竞赛", ["开展质量宣传。", "开展质量培训;", "开展质量竞赛"]),
        ("联系人是谁?请回复!", ["联系人是谁?", "请回复!"]),
        ("第一行\n第二行。", ["第一行", "第二行。"]),
        ("加强质量支撑 共建质量强省", ["加强质量支撑 共建质量强省"]),
        # a photo's credit stays with its caption
        ("图为牌板展现场。 樊小明 摄", ["图为牌板展现场。 樊小明 摄"]),
        ("樊小明 摄", ["樊小明 摄"]),
    ],
)
def test_sentences_end_at_full_stops_and_line_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- stored sections ----------------------------------------------------------------------


@pytest.mark.parametrize("doc", [SICHUAN, BEIJING, TIANSHUI, NATIONAL])
def test_stored_sections_are_the_parsed_blocks(knowledge: Knowledge, doc: str) -> None:
    stored = [(tuple(s.path), s.text) for s in knowledge.documents[doc].sections]
    assert stored == [(b.path, b.text) for b in seed_blocks(doc)]


def test_every_line_of_a_notice_lands_in_exactly_one_block() -> None:
    for doc in (SICHUAN, BEIJING, TIANSHUI):
        lines = [x for b in seed_blocks(doc) for x in b.lines]
        assert lines == [x for x in seed_text(doc).split("\n") if x.strip()], doc


@pytest.mark.parametrize(
    ("line", "label"),
    [
        # a one-line notice puts a space after the heading
        ("二、活动主题 加强市场监管 建设质量强国", "二、活动主题"),
        ("(三)宣传推广 组织企业开展质量开放日活动", "(三)宣传推广"),
        ("三、活动内容", "三、活动内容"),
        ("七、公安厅:开展专项行动", "七、公安厅"),
    ],
)
def test_a_heading_followed_by_a_space_ends_at_the_space(line: str, label: str) -> None:
    assert heading_label(line, 1) == label


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        ("做好三方面工作。一是加强组织领导;二是抓好工作重点,力求突破;三是推广优秀案例。下一步继续努力",
         ["加强组织领导", "抓好工作重点,力求突破", "推广优秀案例"]),
        ("主要内容包括三方面:宣贯落实《东林市行动计划》;加强专项检查;夯实标准化工作。截至目前已开展",
         ["宣贯落实《东林市行动计划》", "加强专项检查", "夯实标准化工作"]),
        ("(一)加强统筹。(二)精心组织。", ["加强统筹", "精心组织"]),
        # one marker, or markers that do not count from one, list nothing
        ("一是要高度重视。", []),
        ("今年是第3年,已有2.5万人参加。", []),
        # quotes written one after another are a list; the campaign's short name opening them is not an item
        ("对2021年全国“质量月”“开展质量主题宣传”“深入实施质量提升行动”“加强质量文化建设”等作出部署。",
         ["开展质量主题宣传", "深入实施质量提升行动", "加强质量文化建设"]),
        ("以“质量第一”为主题,围绕“两个安全”开展活动。", []),  # two quotes apart: no list
    ],
)
def test_a_paragraph_enumerates_items_counted_from_one(paragraph: str, items: list[str]) -> None:
    assert enumerated_items(paragraph) == items


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("序号 | 活动名称 | 活动内容\n1 | 举办宣贯会暨启动仪式 | 举办…\n2 | 加大主题宣传 | 通过…\n3 | 组织学习活动 | 组织…",
         ["举办宣贯会暨启动仪式", "加大主题宣传", "组织学习活动"]),
        ("1 | 举办宣贯会 | 举办…\n3 | 组织学习活动 | 组织…", []),  # rows must count 1, 2, 3…
        ("发布日期 | 2023-09-01\n来源 | 东林市", []),
    ],
)
def test_a_tables_rows_numbered_from_one_are_a_list(text: str, rows: list[str]) -> None:
    assert numbered_rows(text) == rows


@pytest.mark.parametrize("marks", [("【", "】"), ("▌", ""), ("■ ", "")])
def test_a_bracketed_heading_is_named_without_its_brackets_and_heads_the_lines_under_it(marks: tuple[str, str]) -> None:
    before, after = marks
    blocks = parse_blocks(f"东林市关于开展质量月活动的通知\n{before}活动主题{after}\n质量引领 东林先行\n"
                          f"{before}活动时间{after}\n9月1日至30日")
    assert [(b.label, b.body) for b in blocks[1:]] == [("活动主题", "质量引领 东林先行"), ("活动时间", "9月1日至30日")]
