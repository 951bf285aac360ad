"""Normalisation: one script, one width, GBK damage repaired, pinyin glue and website chrome gone."""

from __future__ import annotations

import pytest

from bot.ingest.normalize import (
    UNKNOWN_CHAR,
    normalize_line,
    normalize_query,
    normalize_text,
    repair_gbk_shift,
    strip_boilerplate,
    strip_pinyin_glue,
    to_simplified,
)
from tests.conftest import DATA

BEIJING = DATA / "beijing-2024-quality-month-notice.txt"


def raw_line(fragment: str) -> str:
    """The line of the damaged Beijing seed that holds ``fragment``, exactly as stored."""
    lines = [x for x in BEIJING.read_text(encoding="utf-8").split("\n") if fragment in x]
    assert len(lines) == 1, f"{fragment!r} is on {len(lines)} lines of {BEIJING.name}"
    return lines[0]


# --- traditional -> simplified, full/half width -------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("質量強國", "质量强国"),
        ("聯繫人", "联系人"),
        ("傳真", "传真"),
        ("電子郵箱", "电子邮箱"),
        ("廣泛開展質量惠民行動", "广泛开展质量惠民行动"),
        ("北京市市場監督管理局", "北京市市场监督管理局"),
    ],
)
def test_traditional_characters_become_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified
    assert normalize_text(traditional) == simplified


@pytest.mark.parametrize(
    ("wide", "narrow"),
    [
        ("（一）加强宣传", "(一)加强宣传"),
        ("电话：０２８－８６９８００７３", "电话:028-86980073"),
        ("ＱＣ小组活动", "QC小组活动"),
        ("质量引领　湘品出彩", "质量引领 湘品出彩"),  # ideographic space -> one ASCII space
        ("各市州，省直有关单位：", "各市州,省直有关单位:"),
        ("邮箱：ｈｎｚｌｙｕｅ＠１６３．ｃｏｍ", "邮箱:hnzlyue@163.com"),
    ],
)
def test_full_width_forms_become_half_width(wide: str, narrow: str) -> None:
    assert normalize_line(wide) == narrow
    assert normalize_text(wide) == narrow


@pytest.mark.parametrize(
    ("spaced", "label"),
    [
        ("• 索 引 号: ND01234-0000-2024-00015", "• 索引号: ND01234-0000-2024-00015"),
        ("标 题:某县关于开展质量月活动的通知", "标题:某县关于开展质量月活动的通知"),
        ("电 话:0731-2234567", "电话:0731-2234567"),
        ("质量 强省:", "质量 强省:"),  # words, not letters set apart: left alone
        ("我 们 一起", "我 们 一起"),  # no label without a colon
    ],
)
def test_a_label_set_out_letter_by_letter_is_joined(spaced: str, label: str) -> None:
    assert normalize_line(spaced) == label


@pytest.mark.parametrize(
    ("written", "arabic"),
    [
        ("请于二〇二五年十月十五日前报送", "请于2025年10月15日前报送"),
        ("九月三十日截止", "9月30日截止"),
        ("二〇一六年九月", "2016年9月"),  # a year and month: a date
        ("十一月一日起", "11月1日起"),
        ("十月革命", "十月革命"),  # a month alone may be a name
        ("第三十届", "第三十届"),
        ("陕西省二〇一三年“质量月”活动", "陕西省2013年“质量月”活动"),  # a year alone, digit by digit
        ("三十年来", "三十年来"),  # a count of years is no year
    ],
)
def test_a_date_in_chinese_numerals_is_written_in_arabic(written: str, arabic: str) -> None:
    assert normalize_line(written) == arabic
    assert normalize_line(arabic) == arabic


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("分别为:①质量强链 产业兴东;②品质生活", "分别为:(1)质量强链 产业兴东;(2)品质生活"),
        ("⑫数智赋能", "(12)数智赋能"),
    ],
)
def test_a_circled_number_stays_a_list_marker(written: str, normalised: str) -> None:
    assert normalize_line(written) == normalised
    assert normalize_line(normalised) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("2〇31-〇8-27 16:51 FROM:0513 8509 9100", "2031-08-27 16:51 FROM:0513 8509 9100"),  # a scanned fax's header
        ("西质发〔2〇31〕9号", "西质发〔2031〕9号"),
        ("共3〇〇人参加", "共300人参加"),
        ("二〇三一年九月一日", "2031年9月1日"),  # a Chinese numeral's 〇 stays one (and the date is read)
        ("〇号线", "〇号线"),
    ],
)
def test_a_scanned_zero_next_to_a_digit_is_a_digit(written: str, normalised: str) -> None:
    assert normalize_line(written) == normalised
    assert normalize_line(normalised) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("6|秋季农资打假专项行动|省供销社|省农业厅、省工商局", "6 | 秋季农资打假专项行动 | 省供销社 | 省农业厅、省工商局"),
        ("序号 |重点活动|  牵头单位", "序号 | 重点活动 | 牵头单位"),
        ("关键词:质量,质检 |", "关键词:质量,质检 |"),  # one bar alone is no table row
    ],
)
def test_a_table_rows_cells_are_set_apart_the_same_way_however_pasted(written: str, normalised: str) -> None:
    assert normalize_line(written) == normalised
    assert normalize_line(normalised) == normalised


def test_normalising_twice_changes_nothing() -> None:
    once = normalize_text(BEIJING.read_text(encoding="utf-8"))
    assert normalize_text(once) == once


# --- GBK one-byte-shift mojibake ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "restored"),
    [
        ("?。ㄈ┘訌娰|量人才建設", "(三)加强质量人才建设,推进质量变革创新"),
        ("?。ㄋ模﹪绤柎驌糍|量違法行為", "(四)严厉打击质量违法行为,维护公平竞争秩序"),
        ("?。ǘ┓e極動員", "(二)积极动员,广泛参与。把“质量月”活动打造成为推动高质量发展的重要抓手"),
        # the damage swallowed one character outright: it is marked, not guessed
        ("?。ㄒ唬V泛開展", f"(一){UNKNOWN_CHAR}泛开展主题宣传,推进质量强国建设"),
        ("?。ㄎ澹V泛開展", f"(五){UNKNOWN_CHAR}泛开展质量惠民行动,推动质量社会共治"),
    ],
)
def test_gbk_shifted_heading_is_restored(fragment: str, restored: str) -> None:
    assert normalize_text(raw_line(fragment)).startswith(restored)


@pytest.mark.parametrize(
    ("fragment", "restored"),
    [
        ("活動?,F將", "定于2024年9月开展北京市“质量月”活动。现将有关事项通知如下:"),
        ("?;顒娱_展", "(四)及时总结,报送信息。活动开展过程中要注重资料的收集整理"),
        ("?。ㄈ﹪栏褚螅_保實效", "保实效。有关活动组织主体要严格执行中央八项规定"),
        ("?lián)系人:常翠賢", "系人:常翠贤;联系电话:55526466;电子邮箱:zhiliangyue2016@163.com"),
    ],
)
def test_gbk_shifted_run_inside_a_line_is_restored(fragment: str, restored: str) -> None:
    assert restored in normalize_text(raw_line(fragment))


def test_no_question_mark_of_the_gbk_damage_survives_in_the_beijing_seed() -> None:
    text = normalize_text(BEIJING.read_text(encoding="utf-8"))
    assert "?" not in text
    assert "ㄈ" not in text and "┘" not in text and "?;" not in text


@pytest.mark.parametrize(
    "sound",
    [
        pytest.param("联系人是谁?请回复", id="question-between-hanzi"),
        pytest.param("什么是质量月?质量月是每年9月开展的活动", id="question-then-answer"),
        pytest.param("电话是多少?028-86980073", id="question-then-digits"),
        pytest.param("活动何时开始?", id="question-at-line-end"),
        pytest.param("Q&A: 为什么要开展质量月?", id="latin-prefix"),
    ],
)
def test_sound_text_with_a_real_question_mark_is_left_alone(sound: str) -> None:
    assert repair_gbk_shift(sound) == sound
    assert normalize_text(sound) == sound


# --- pinyin glue ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "clean"),
    [
        ("戰(zhàn)略", "战略"),
        ("發(fā)展", "发展"),
        ("行業(yè)協(xié)會", "行业协会"),
        ("各地區(qū)各部門", "各地区各部门"),
        ("關(guān)於", "关于"),
        ("推進質量強國戰(zhàn)略工作", "推进质量强国战略工作"),
    ],
)
def test_pinyin_glued_after_a_character_is_removed(glued: str, clean: str) -> None:
    assert normalize_text(glued) == clean


@pytest.mark.parametrize(
    "keep",
    [
        "加强全球法人识别编码(LEI)的宣传推广",
        "(一)加强宣传",
        "颁发第二届天府质量奖(提名奖)",
        "《质量发展纲要(2011-2020年)》",
        "报市质量发展领导小组办公室(市质监局)",
        "中国贸促会服务企业平台(贸企通)",
    ],
)
def test_parentheses_that_are_not_pinyin_are_untouched(keep: str) -> None:
    assert strip_pinyin_glue(keep) == keep
    assert normalize_text(keep) == keep


# --- website chrome -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "欢迎访问安全生产资讯网!",
        "欢迎光临天水市质量技术监督局网站！",
        "11月22日至25日,住房城乡建设部...",
        "计量是国家质量基础设施的重要组成部分...",
        "为深入学习贯彻习近平总书记关于党纪学…",
        "本站部分信息由相应民事主体自行提供,该信息内容的真实性、准确性和合法性应由该民事主体负责。",
        "本网部分转载文章、图片等无法联系到权利人,请相关权利人与本网站联系。",
        "安全生产资讯网 aqsczx.org.cn 版权所有。",
        "第一办公区:北京市东城区建国门内大街26号新闻大厦5层;第二办公区:北京市西城区砖塔胡同56号西配楼",
        "Copyright © 2016 天水市质量技术监督局",
        "陇ICP备05001234号",
        "上一篇:关于开展2015年质量月活动的通知",
        "打印本页",
        "关闭窗口",
        "关键词:质量,质检 |",
    ],
)
def test_website_chrome_line_is_dropped(chrome: str) -> None:
    assert strip_boilerplate([chrome]) == []
    assert normalize_text(chrome) == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "各单位要拓宽经费来源,保障活动开展。",
        "重要活动信息来源于各市州报送材料,请及时报送。",
        "欢迎广大群众踊跃参加质量开放日活动!",
        "活动时间:2024年9月1日至9月30日",
        "时间:2016年9月1日至9月30日",
        "2016年9月1日9月30日",
        "联系人:杨维斌 联系电话:0938-6822622",
        "主办单位:省市场监管局、省教育厅",
        "阅读推广进社区活动同步开展。",
        "点击率、浏览量等网络指标纳入宣传考核。",
        pytest.param("活动期间如有疑问,请联系我们:0731-89991234。", id="contact-us-sentence"),
        "各级各部门要明确“质量月”活动分工和责任,把工作落到实处,要对活动开展情况进行检查和督促。",
    ],
)
def test_real_sentence_that_looks_like_chrome_survives(sentence: str) -> None:
    assert strip_boilerplate([sentence]) == [sentence]
    assert normalize_text(sentence) == sentence


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("持续推广质量管理小组活动。 |", "持续推广质量管理小组活动。"),
        ("举办中国质量大会。 关键词:质量月,质检 |", "举办中国质量大会。"),
        ("举办中国质量大会。 ｜", "举办中国质量大会。"),
    ],
)
def test_keyword_trailer_and_trailing_bar_are_cut_from_a_real_line(line: str, kept: str) -> None:
    assert strip_boilerplate([line]) == [kept]


@pytest.mark.parametrize(
    "row",
    ["时间:2016-09-02 15:41 来源:质量科 点击:0", "发布时间:2024-08-27 10:00 来源:四川省市场监督管理局",
     "日期:2024/08/20 作者:办公室", "来源:质量科", "点击:125"],
)
def test_a_pages_metadata_row_is_kept_as_a_fact(row: str) -> None:
    assert strip_boilerplate([row]) == [row]


def test_the_tianshui_page_keeps_its_metadata_row() -> None:
    text = normalize_text((DATA / "tianshui-2016-quality-month-notice.txt").read_text(encoding="utf-8"))
    assert "时间:2016-09-02 15:41 来源:质量科 点击:0" in text


@pytest.mark.parametrize(
    ("seed", "gone", "kept"),
    [
        ("sichuan-2024-quality-month-notice.txt", "欢迎访问", "各相关成员单位、省直相关部门"),
        ("sichuan-2024-quality-month-notice.txt", "版权所有", "13.加快数转智改网联 提升企业质量管理水平"),
        ("sichuan-2024-quality-month-notice.txt", "住房城乡建设部...", "二十一、凉山州:"),
        ("sichuan-2024-quality-month-notice.txt", "办公区", "四川省质量强省建设协调推进领导小组办公室"),
        ("national-2014-quality-month-notice.txt", "关键词", "持续推广质量管理小组活动。"),
    ],
)
def test_seed_loses_its_chrome_and_keeps_its_text(seed: str, gone: str, kept: str) -> None:
    text = normalize_text((DATA / seed).read_text(encoding="utf-8"))
    assert gone not in text
    assert kept in text


def test_national_seed_ends_with_its_last_sentence_not_a_trailer() -> None:
    text = normalize_text((DATA / "national-2014-quality-month-notice.txt").read_text(encoding="utf-8"))
    assert text.endswith("持续推广质量管理小组活动。")


@pytest.mark.parametrize(
    ("question", "mended"),
    [
        ("宕昌县质量月宣传活动在那里办的", "宕昌县质量月宣传活动在哪里办的"),  # 那 typed for 哪
        ("他在那里工作", "他在那里工作"),  # no question there
        ("富顺县2023质量月一共发出去多小资料", "富顺县2023质量月一共发出去多少资料"),  # 小 typed for 少
        ("小型企业规模多小型", "小型企业规模多小型"),
    ],
)
def test_a_question_typing_na_for_na3_is_mended(question: str, mended: str) -> None:
    assert normalize_query(question) == mended


@pytest.mark.parametrize(
    ("pasted", "rows"),
    [
        # one cell per line, stray "|" lines between cells, an empty last cell leaving no line
        ("安排表\n序号\n活动内容\n活动时间\n牵头部门\n1\n|\n启动仪式\n|\n9月1日\n|\n市市场监管局\n2\n"
         "质量讲堂\n9月份\n市质量协会\n三、活动要求",
         ["安排表", "序号 | 活动内容 | 活动时间 | 牵头部门", "1 | 启动仪式 | 活动时间:9月1日 | 牵头部门:市市场监管局",
          "2 | 质量讲堂 | 活动时间:9月份 | 牵头部门:市质量协会", "三、活动要求"]),
        ("序号\n活动内容\n牵头部门\n协助部门\n1\n启动仪式\n市市场监管局\n2\n质量讲堂\n市质量协会\n市教育局",
         ["序号 | 活动内容 | 牵头部门 | 协助部门", "1 | 启动仪式 | 牵头部门:市市场监管局 | ",
          "2 | 质量讲堂 | 牵头部门:市质量协会 | 协助部门:市教育局"]),
        # a lone 序号 with no table after it stays as it is
        ("序号\n这是正文的一句话,不是表头。", ["序号", "这是正文的一句话,不是表头。"]),
    ],
)
def test_a_table_pasted_one_cell_per_line_is_rejoined_row_by_row(pasted: str, rows: list[str]) -> None:
    assert normalize_text(pasted).split("\n") == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # the role cells under a head are labelled; the activity's own cell and an empty one are not
        ("活动名称 | 牵头单位 | 配合单位 | 时间\n东林行动 | 省农业厅 | —— | 9月全月\n三、要求",
         ["活动名称 | 牵头单位 | 配合单位 | 时间", "东林行动 | 牵头单位:省农业厅 | —— | 时间:9月全月", "三、要求"]),
        # a row of another length ends the table; a head naming no role is no head
        ("活动名称 | 牵头单位 | 时间\n东林行动 | 省农业厅 | 9月\n注 | 另见附件",
         ["活动名称 | 牵头单位 | 时间", "东林行动 | 牵头单位:省农业厅 | 时间:9月", "注 | 另见附件"]),
        ("项目 | 内容 | 备注\n东林行动 | 省农业厅 | 无", ["项目 | 内容 | 备注", "东林行动 | 省农业厅 | 无"]),
        # cells set apart by full-width spaces, as pasted: written with bars while rows have as many cells
        ("序号\u3000活动名称\u3000\u3000牵头单位\u3000配合单位\n1\u3000东林行动\u3000市科协\u3000市教育局\n说明:另见附件",
         ["序号 | 活动名称 | 牵头单位 | 配合单位", "1 | 东林行动 | 牵头单位:市科协 | 配合单位:市教育局", "说明:另见附件"]),
        # a line of words set apart by spaces is no table without a head naming a role
        ("夯实东林基础 共建东林强市 推进东林发展", ["夯实东林基础 共建东林强市 推进东林发展"]),
    ],
)
def test_a_tables_role_cells_are_labelled_by_their_column_head(text: str, rows: list[str]) -> None:
    assert normalize_text(text).split("\n") == rows
    assert normalize_text(normalize_text(text)) == normalize_text(text)  # labelled once


@pytest.mark.parametrize(("text", "normalised"), [("【01】一个主题\n━━━━━━━━\n质量东林", "【01】一个主题\n质量东林"),
                                                  ("------\n正文", "正文"), ("1.5万家", "1.5万家")])
def test_a_rule_drawn_across_the_page_is_dropped(text: str, normalised: str) -> None:
    assert normalize_text(text) == normalised
