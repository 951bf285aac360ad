"""Answering: each intent, region/year scoping, honest not-found, follow-ups, variants."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answering.engine import Engine, _abbreviates
from bot.answering.query import find_intents, parse_query
from bot.knowledge import Knowledge
from bot.regions import regions


def norm(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("question", "intents"),
    [
        ("四川质量月的活动主题是什么?", {"theme"}),
        ("宣传口号有哪些", {"slogans"}),
        ("联系人是谁?", {"contact"}),
        ("找谁联系?电话和邮箱是什么?", {"contact", "phone", "email"}),
        ("传真号码是多少?", {"fax"}),
        ("电话多少", {"phone"}),
        ("活动总结几号前报?报给谁?", {"deadline", "submit_to"}),
        ("活动总结什么时候之前报送?", {"deadline"}),
        ("活动时间是什么时候?", {"period"}),
        ("通知是哪个单位什么时候发的?", {"issuer", "issue_date"}),
        ("通知的落款日期", {"issue_date"}),
        ("通知文号是多少?", {"doc_number"}),
        ("公安厅负责哪些活动?", {"duty"}),
        ("联合了多少个部门?", {"count"}),
        ("启动仪式在哪里举行?", {"event", "place"}),
        ("获得了什么奖", {"award"}),
        ("启动仪式是哪个单位主办的", {"event"}),  # who organised it, not who issued the notice
        ("“东林杯”竞赛是哪个单位搞的", set()),  # who runs it, said colloquially, is no issuer
        ("启动仪式在武汉哪个会展中心举行", {"event", "place"}),  # a venue's kind asks where
        ("东林2031年的执法重点在哪几类污染防治", set()),  # which kinds, not where
        ("东林质量月的两位联系人在哪个处", {"contact"}),  # the office, not a place
        ("东林经信厅要组织个啥对接活动", set()),  # an event matching supply and demand, no contact
        ("东林的质量月通知是31年8月20号印发的吗", {"issue_date"}),  # a date supposed, to confirm
        # 截至 a year or half-year says as of when a count stands, not a date to report by
        ("截至2016年上半年东林全省有多少个东林名牌", {"count"}),
        ("截至目前发了多少份资料", {"count"}),
        ("东林质量月通知几月几号印发的", {"issue_date"}),
        ("东林那份质量月通知是以哪个机构名义发的", {"issuer"}),
        ("东林12年质量月是9月1号到30号吧", {"period"}),  # a span supposed: the period, to confirm
        ("东林QC小组成果发布交流活动是哪天举办的", set()),  # 交流 is an exchange held, not handing in
        ("东林2019质量月活动从哪天到哪天", {"period"}),
        ("东林那个质量月通知是哪天在网上发布的", {"page_row"}),
        ("东林的总结哪天交", {"deadline"}),
        ("东林那份通知的抬头是写给哪几类单位的", {"addressees"}),  # the addressee line heads the notice
        ("东林2031年质量月主题口号是什么", {"theme"}),  # the one line the campaign is run under
        ("质量月主题口号征集截止哪天", {"slogans", "deadline"}),  # slogans called for, not the theme
    ],
)
def test_intents_are_read_from_the_question(question: str, intents: set[str]) -> None:
    assert find_intents(question) == intents


@pytest.mark.parametrize(
    ("question", "known", "years"),
    [
        ("宁夏29年质量月方案的文号", frozenset({2029}), [2029]),  # a plan for 2029 is loaded, none of 1929
        ("宁夏29年质量月方案的文号", frozenset(), [1929]),
        ("山东97年恢复质量月以后搞了啥", frozenset({1997, 2097}), [1997]),  # both loaded: past next year, the last
        ("东林24年质量月主题", frozenset({1924}), [2024]),  # up to next year: this century
    ],
)
def test_a_two_digit_year_is_of_the_century_the_knowledge_holds(question: str, known: frozenset[int],
                                                                years: list[int]) -> None:
    assert parse_query(question, today=date(2026, 11, 21), subjects=[], known_years=known).years == years


@pytest.mark.parametrize(
    ("question", "region", "years"),
    [
        ("川省今年质量月啥主题", "四川省", [2026]),
        ("北京質量月聯繫人", "北京市", []),
        ("廣西質量月活動一共有多少項?", "广西壮族自治区", []),
        ("去年渝市的主题", "重庆市", [2025]),
        ("天水市2016年质量月活动主题", "天水市", [2016]),
        # a place supposed, to be confirmed, is not the notices asked about when a year says which
        ("2014年中国质量大会是不是在上海开", None, [2014]),
        ("24年四川质量月主题", "四川省", [2024]),
        ("山东97年恢复质量月以后搞了啥", "山东省", [1997]),  # two digits past next year's: the last century
        ("天水质量月依据的“中国制造2025”文件全称是啥", "天水市", []),  # a number in a quoted name
        ("阿坝州开展了什么活动", "阿坝藏族羌族自治州", []),
        # a first character standing alone before a space is a province, English words mixed in or not
        ("川 质强办 fax 号?", "四川省", []),
        # a first character before what is asked of a notice
        ("京口号第五条", "北京市", []),
        ("川这个通知主送哪些单位?", "四川省", []),
        # ... also after an English word and a space
        ("pls 川质量月的总结材料发哪个email", "四川省", []),
        ("hi 京口号第五条", "北京市", []),
        ("咱川今年质量月的主题怎么写来着", "四川省", [2026]),  # "our 川"
        ("桂22年质量月的开幕式放在哪个市", "广西壮族自治区", [2022]),  # before a two-digit year
        # a question opening with a province's character the word cut leaves alone
        ("京在哪两个领域持续打击违法犯罪", "北京市", []),
        ("鄂要积极扩大质量月活动的哪几个方面", "湖北省", []),
        ("川和京的宣传口号分别有几条", "四川省", []),
        # ... but not a pair of provinces, a document's number or a banner's short name
        ("川渝知识产权服务业大赛怎么报名", None, []),
        ("津滨质量组办〔2020〕5号发给谁", None, [2020]),
        ("鄂前旗那天接受了多少人次咨询", None, []),
        ("八桂2031年中国质量奖提名企业有几家", "广西壮族自治区", [2031]),  # 中国 qualifies the award
        # a county's bureau by the county's short name
        ("烈山住建局24年质量月启动那天看的直播", "烈山区", [2024]),
        ("蓬溪水利局质量月设了几处展台", "蓬溪县", []),
        # the asker's city, the province's notice asked; a city's report of the province's meeting stays
        ("成都这边问下,省里质量月的联系人是谁", "四川省", []),
        ("内江协调会传达的省里质量月协调会议是几号开的", "内江市", []),
    ],
)
def test_regions_and_years_are_understood_in_any_spelling(question: str, region: str | None, years: list[int]) -> None:
    q = parse_query(question, today=date(2026, 11, 21), subjects=[])
    assert [r.name for r in q.regions][:1] == ([region] if region else [])
    assert q.years == years


@pytest.mark.parametrize("text", ["新质生产力", "青年质量标兵", "宁可", "国家标准", "新通知的主题是什么", "吉祥物叫什么",
                                  "黑色家电抽查"])
def test_one_character_abbreviations_do_not_fire_inside_words(text: str) -> None:
    found = regions().find(text, abbreviations=True)
    assert all(m.region.level == "national" for m in found)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2024年四川质量月的活动主题是什么?", ["加强质量支撑 共建质量强省"]),
        ("2024年四川質量月的活動主題是什麼?", ["加强质量支撑 共建质量强省"]),  # traditional
        ("四川质量强省办电话多少", ["028-86980073", "83281770"]),
        ("四川质量月联系邮箱", ["1927456654@qq.com"]),
        ("天水市质量发展领导小组办公室的传真号码?", ["0938-6822606"]),
        ("北京的质量月活动总结几号前报?报给谁?", ["2024年10月14日", "北京市市场监督管理局"]),
        ("天水质量月活动时间是什么时候?", ["2016年9月1日", "2016年9月30日"]),
        ("四川这份质量月通知是哪个单位什么时候发的?", ["四川省质量强省建设协调推进领导小组办公室", "2024年8月26日"]),
        ("天水质量月通知文号", ["天质组发〔2016〕2号"]),
        ("公按厅负责哪些活动", ["护品牌促发展"]),  # typo in the unit's name
        ("四川省公安厅在质量月期间负责哪些活动?", ["护品牌促发展"]),
        ("自贡市质量月开展了什么活动", ["第五届政府质量奖"]),
        ("2024年四川质量月的宣传口号有哪些?", ["选天府名品 享品质生活", "加快数转智改网联 提升企业质量管理水平"]),
        ("2022年河北省质量月联合了多少个部门?", ["18个部门"]),
        ("重庆2022年质量月组织了多少项活动", ["53项活动"]),
        ("湖北2022年质量月启动仪式是哪天在哪里办的?", ["8月31日", "武汉"]),
        ("甘肃2022年质量月启动仪式是谁主持的", ["焦石"]),
        ("2014年中国质量大会在哪里举办?由谁举办?", ["北京", "质检总局"]),
        ("天水日用消费品质量提升专项行动重点是哪几类消费品?", ["湿巾"]),
    ],
)
def test_answers_state_the_fact_and_cite_the_source(engine: Engine, question: str, expected: list[str]) -> None:
    answer = engine.ask(question)
    assert answer.found, answer.answer
    for fact in expected:
        assert norm(fact) in norm(answer.answer)
    assert answer.citations and all(c.quote for c in answer.citations)
    assert "出处:" in answer.answer


@pytest.mark.parametrize(
    ("question", "item"),
    [("2024年四川质量月的宣传口号有哪些?", "选天府名品 享品质生活"), ("公安厅负责哪些活动", "护品牌促发展")],
)
def test_a_list_is_shown_once_not_again_as_a_quote(engine: Engine, question: str, item: str) -> None:
    answer = engine.ask(question)
    assert answer.answer.count(item) == 1, answer.answer
    assert item in answer.citations[0].quote  # the citation still holds the verbatim text


def test_a_long_quote_is_shown_around_the_answer(engine: Engine) -> None:
    answer = engine.ask("2014年全国质量月的主题是什么")
    shown = next(line for line in answer.answer.split("\n") if line.startswith("原文:"))
    assert "建设质量强国" in shown and "……" in shown
    assert len(shown) < len(answer.citations[0].quote)


def test_the_fact_comes_in_the_first_line(engine: Engine) -> None:
    first = engine.ask("北京市2024年质量月主题").answer.split("\n")[0]
    assert "加强质量支撑 共建质量强国" in first


def test_every_citation_quote_is_verbatim_in_its_notice(engine: Engine, knowledge: Knowledge) -> None:
    for question in ["四川质量月联系人", "天水质量月活动时间", "河北质量月有哪些活动", "农业部负责什么"]:
        for c in engine.ask(question).citations:
            text = "\n".join(s.text for s in knowledge.documents[c.doc].sections)
            assert c.quote in text


@pytest.mark.parametrize(
    "question",
    [
        "2030年质量月的主题是什么?",  # a year with no notice
        "四川质量月的传真号码是多少?",  # the notice gives no fax
        "明天成都天气怎么样",  # not about the campaign
        "2014年全国质量月的活动口号原文有哪些?",  # the slogans attachment is not in the text
        "上海质量月的主题",  # a region with no notice
        "川省今年质量月啥主题",  # 今年 = 2026: Sichuan's notice is 2024's
        "成都市质量月的主题是什么",  # a city's theme is not its province's
        "北京质量月的传真",
        "北京质量月启动仪式在哪里",  # a sentence that mentions 启动仪式 is not a place
        "四川质量月有多少个部门参加?",  # 9个县 counts counties, not departments
        "",
    ],
)
def test_not_found_rather_than_a_fact_of_another_region_or_year(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.found, answer.answer
    assert not answer.citations


def test_not_found_says_what_was_understood_and_what_is_there(engine: Engine) -> None:
    text = engine.ask("川省今年质量月啥主题").answer
    assert "四川省" in text and "2026年" in text and "四川省 2024年" in text


def test_a_question_matching_several_notices_is_answered_for_each(engine: Engine) -> None:
    answer = engine.ask("2024年的质量月主题是什么?")
    assert "共建质量强省" in answer.answer and "共建质量强国" in answer.answer
    assert {c.doc for c in answer.citations} == {
        "sichuan-2024-quality-month-notice", "beijing-2024-quality-month-notice"}
    assert len(answer.choices) == 2


def test_choosing_a_notice_restricts_the_answer_to_it(engine: Engine) -> None:
    answer = engine.ask("2024年的质量月主题是什么?", doc="beijing-2024-quality-month-notice")
    assert "共建质量强国" in answer.answer and "共建质量强省" not in answer.answer


@pytest.mark.parametrize(
    ("turns", "expected_last"),
    [
        (["天水质量月是什么主题?", "联系人是谁?", "那传真呢"], "0938-6822606"),
        (["四川质量月联系人是谁?", "电话呢?"], "028-86980073"),
        (["天水质量月联系人是谁?", "那四川的呢?"], "胡珊莉"),
        (["四川省公安厅负责哪些活动?", "教育厅呢?"], "凉山州"),
        (["北京质量月主题", "文号呢"], None),  # Beijing has no number: not found, not Tianshui's
        (["天水质量月的主题", "2024年北京的呢"], "共建质量强国"),
        (["京2024质量月口号一共几条", "第7条是啥"], "树立质量标杆"),  # the 7th of the slogans counted
    ],
)
def test_follow_ups_use_the_conversation(engine: Engine, turns: list[str], expected_last: str | None) -> None:
    for turn in turns[:-1]:
        assert engine.ask(turn, "chat-1").found
    last = engine.ask(turns[-1], "chat-1")
    if expected_last is None:
        assert not last.found
    else:
        assert expected_last in last.answer, last.answer


@pytest.mark.parametrize(
    "turns",
    [
        ["2031年四川质量月牵头单位是哪个", "联系电话多少"],  # no notice of 2031: not 2024's phone
        ["石化联2031年QC成果申报找谁 联系电话多少"],  # the same, asked in one message
    ],
)
def test_a_follow_up_of_a_question_that_found_nothing_keeps_its_place_and_year(
        engine: Engine, turns: list[str]) -> None:
    answers = [engine.ask(turn, "chat-1") for turn in turns]
    assert not answers[-1].found, answers[-1].answer


def test_context_never_leaks_between_chats(engine: Engine) -> None:
    engine.ask("天水质量月是什么主题?", "a")
    engine.ask("北京质量月是什么主题?", "b")
    assert not engine.ask("那传真呢", "b").found  # Beijing's notice gives no fax
    assert "0938-6822606" in engine.ask("那传真呢", "a").answer


def test_context_expires_after_silence(engine: Engine) -> None:
    engine.ask("北京质量月是什么主题?", "a", now=0.0)
    assert not engine.ask("那传真呢", "a", now=60.0).found
    # hours later the same words are a new question over all notices
    assert "0938-6822606" in engine.ask("那传真呢", "a", now=60.0 + 3 * 3600).answer


def test_swap_replaces_the_knowledge_at_once(knowledge: Knowledge) -> None:
    engine = Engine(knowledge, today=date(2026, 11, 21))
    assert engine.ask("天水质量月通知文号").found
    engine.swap(Knowledge.of(d for k, d in knowledge.documents.items() if "tianshui" not in k))
    assert not engine.ask("天水质量月通知文号").found


@pytest.mark.parametrize(
    ("term", "text", "abbreviates"),
    [
        ("住建厅", "海南省住房和城乡建设厅关于开展活动的通知", True),
        ("建协", "中国建筑业协会质量管理分会", True),
        ("建厅", "省住房和城乡建设厅", True),
        ("发了", "共发放宣传资料500份,受理咨询30余人", False),  # no organisation's closing character
        ("住建厅", "住在省城的建筑工人到农业农村厅", False),  # too far apart
    ],
)
def test_an_organisations_short_name_matches_its_full_name(term: str, text: str, abbreviates: bool) -> None:
    assert _abbreviates(term, text) is abbreviates


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("2026年四川质量月主题是什么", "加强质量支撑 共建质量强省"),
        ("2023年四川质量月联系人是谁", "胡珊莉"),
        ("2026年四川质量月的预算是多少钱", None),  # the nearest notice does not say either: nothing offered
    ],
)
def test_a_year_not_loaded_is_not_found_and_the_nearest_years_answer_is_offered(
        engine: Engine, question: str, offered: str | None) -> None:
    answer = engine.ask(question)
    assert not answer.found and not answer.citations
    assert "最近的是:四川省 2024年" in answer.answer
    if offered is None:
        assert "的通知中:" not in answer.answer, answer.answer
    else:
        assert "四川省 2024年的通知中:" in answer.answer and offered in answer.answer, answer.answer
