"""Answering rules as tables: answer types found in sentences, question splitting, thanks,
conversation that fills only gaps, and a news report of an invented city answered by type."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bot.answering.engine as engine_module
from bot.answering.answer_types import (
    COUNT_T,
    DATE_T,
    DOC_NUMBER_T,
    DOCUMENT_T,
    DURATION_T,
    EMAIL_T,
    FAX_T,
    PERSON_T,
    PHONE_T,
    PLACE_T,
    SLOGANS_T,
    THEME_T,
    UNIT,
    UNIT_T,
    YEAR_T,
    byline_name,
    find_span,
)
from bot.answering.corpus import pair_wildcards
from bot.answering.engine import (
    Engine,
    _known_parts,
    _new_place,
    _of_titled_notices,
    _same_unit,
    _shortened,
    asked_row,
)
from bot.answering.query import correct_typos, is_acknowledgement, parse_query, split_question
from bot.answering.retrieval import Index
from bot.ingest import build_knowledge
from bot.segment import is_noun, names_someone
from tests.conftest import DATA, TODAY

WILD = Path(__file__).parent / "fixtures" / "wild"


@pytest.mark.parametrize(
    ("kind", "sentence", "span"),
    [
        (PHONE_T, "联系人:王一,电话:0731-2234567,传真:0731-7654321", "0731-2234567"),
        (FAX_T, "联系人:王一,电话:0731-2234567,传真:0731-7654321", "0731-7654321"),
        (EMAIL_T, "请发送至邮箱abc_01@example.cn。", "abc_01@example.cn"),
        (DATE_T, "9月5日上午,启动仪式在人民广场举行。", "9月5日上午"),
        (PLACE_T, "9月5日上午,启动仪式在人民广场举行。", "人民广场"),
        # the place starts at the last 在/于 before the verb
        (PLACE_T, "该局于9月12日上午在东风镇百货大楼前举行了宣传活动", "东风镇百货大楼前"),
        (PLACE_T, "四省一市联合方案在江苏启东发布。", "江苏启东"),
        (PLACE_T, "9月1日,东林省市场监管局以在线形式举行2031年“质量月”活动启动仪式。", "在线形式"),  # online
        (PLACE_T, "县分局在万达生活广场组织开展了集中宣传咨询日活动", "万达生活广场"),
        (PLACE_T, "主会场设在东林市人民广场,各县区设置了分会场。", "东林市人民广场"),
        (PLACE_T, "活动在东林区东步行街设置了主会场", "东林区东步行街"),
        (PLACE_T, "启动仪式以东林作为主会场,两县作为分会场", "东林"),
        (PLACE_T, "县质监局在东林花园广场积极组织开展大型宣传咨询服务活动", "东林花园广场"),
        # a news report sets the place off with a comma; 展开 holds it as 开展 does
        (PLACE_T, "9月19日上午,东林区市场监管局在东林区民乐社区步行街,开展宣传活动", "东林区民乐社区步行街"),
        (PLACE_T, "各部门将围绕主题,在东林商业广场、海东商厦展开。", "东林商业广场、海东商厦"),
        (PLACE_T, "东林州质监局在检测中心门口醒目位置悬挂了横幅。", "检测中心门口醒目位置"),  # where a banner hangs
        # a report's day without its month: "15日上午" after "今年9月…"
        (DATE_T, "今年9月是第40个质量月,15日上午,县局在文化广场开展咨询活动", "9月、15日上午"),
        (DATE_T, "5日,某省启动质量月活动。", "5日"),
        (COUNT_T, "共发放宣传资料260余份", "260余份"),
        (DOC_NUMBER_T, "某质组发〔2019〕7号", "某质组发〔2019〕7号"),
        # in square brackets a number is written without its 号
        (DOC_NUMBER_T, "东林部近日发出通知(东质[2006]191),决定开展活动。", "东质[2006]191"),
        (THEME_T, "今年活动以“质量第一 效益优先”为主题。", "质量第一 效益优先"),
        (UNIT_T, "市住建局牵头开展住宅工程质量开放日活动", "市住建局牵头开展住宅工程质量开放日活动"),
    ],
)
def test_an_answer_of_the_asked_kind_is_found_in_a_sentence(kind, sentence: str, span: str) -> None:
    assert find_span(kind, sentence, cue="牵头" if kind is UNIT_T else "") == span


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        (PHONE_T, "请各单位高度重视,认真组织。"),
        (FAX_T, "联系电话:0731-2234567"),
        (DATE_T, "启动仪式在人民广场举行。"),
        (DATE_T, "请于3日内报送。"),  # a span of days is no date
        (PLACE_T, "定于2024年9月开展全市质量月活动。"),
        (DOC_NUMBER_T, "各县区要认真贯彻落实。"),
    ],
)
def test_a_sentence_without_an_answer_of_the_kind_answers_nothing(kind, sentence: str) -> None:
    assert find_span(kind, sentence) is None


@pytest.mark.parametrize(
    ("sentence", "noun", "span"),
    [("由二十二个部门联合开展", "部门", "二十二个部门"), ("共发放宣传资料260余份", "宣传资料", "260余份"),
     ("辽宁名牌产品43个,本市名牌产品16个", "名牌", "43个"), ("产品质量合格率97.62%", "", "97.62%"),
     ("并发放相关宣传资料共万余份。", "资料", "万余份"),  # a round number said alone
     ("共计发放各类宣传资料 3000余册", "资料", "3000余册"),
     ("县质监局组织全县18家名优、特色企业在广场举办展示", "企业", "18家"),  # counted noun past a list
     ("据悉,东林市23个市级部门将根据各自职能组织53项活动。", "部门", "23个市级部门")],  # up to what is counted
)
def test_a_count_is_read_with_what_it_counts(sentence: str, noun: str, span: str) -> None:
    assert find_span(COUNT_T, sentence, noun=noun) == span


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        ("公布了多少起质量违法典型案件", "公布一批质量违法典型案件等系列活动", None),  # 一批 is some, no number
        ("查处了多少起案件", "共查处质量违法案件12起。", "12起"),
        ("多少个部门参加", "各部门一起参加启动仪式", None),  # 一起 is together
        ("准备了多少道题", "东林公司安全部精心准备题库300余道,发给大家学习", "300余道"),  # 道 counts questions
        ("多少个部门参加", "各部门一道参加启动仪式", None),  # and 一道 is together too
    ],
)
def test_some_and_together_are_no_number(question: str, sentence: str, span: str | None) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert find_span(COUNT_T, sentence, measure=q.measure or "", noun=q.measure_noun) == span


@pytest.mark.parametrize(
    ("question", "found"),
    [("第十六届东林质量论坛的主题是什么", "精益求精"), ("第十七届东林质量论坛的主题是什么", None)],
)
def test_a_numbered_instance_is_that_one_never_a_typo_of_another(tmp_path: Path, question: str,
                                                                  found: str | None) -> None:
    """"第十七届…论坛" is not "第十六届…论坛" mistyped: a rare word may be matched loosely, a number not."""
    engine = engine_with_notice(tmp_path, "donglin-forum",
        "东林省开展2023年“质量月”活动\n9月1日,东林省2023年“质量月”活动启动,活动主题为“质量强省 东林先行”。\n"
        "举办以“精益求精”为主题的第十六届东林质量论坛。\n现场共发放资料300余份。\n")
    answer = engine.ask(question)
    assert (found in answer.answer if found else not answer.found), answer.answer


def test_a_pages_stamp_answers_when_the_page_was_put_online(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "donglin-page",
        "首页 > 正文\n东林省交通厅关于开展2017年“质量月”活动的通知\n2017-09-11 \n各市交通局:\n"
        "今年9月开展“质量月”活动。\n")
    answer = engine.ask("东林省交通厅2017年质量月通知网上是哪天发的")
    assert answer.found and "2017-09-11" in answer.answer.splitlines()[0], answer.answer


def test_a_cited_documents_number_answers_only_a_question_about_the_cited_document() -> None:
    sentence = "按照《关于开展2024年全国“质量月”活动的通知》(国市监质发〔2024〕74号)要求"
    assert find_span(DOC_NUMBER_T, sentence) is None
    assert find_span(DOC_NUMBER_T, sentence, cited=True) == "国市监质发〔2024〕74号"


@pytest.mark.parametrize(
    ("sentence", "cue", "title", "span"),
    [
        # the title asked ("哪个副市长") names him even without the relation
        ("东林市副市长王建国", "启动", "副市长", "东林市副市长王建国"),
        ("东林市副市长王建国", "启动", "", None),
        # a relation beyond being there must be in the sentence: 主持 is not 出席
        ("东林市副市长王建国出席启动仪式", "主持", "副市长", None),
        ("东林市副市长王建国主持启动仪式", "主持", "副市长", "东林市副市长王建国主持启动仪式"),
        # 局长 is not 副局长; a title followed by what he did is no name; a name jieba does not know is
        ("兴安盟质监局副局长陈殿军介绍情况", "", "局长", None),
        ("企业代表东林新能源汽车有限公司总经理发言并作质量承诺", "", "总经理", None),
        ("省质监局局长欧阳彪介绍,今年活动", "", "局长", "省质监局局长欧阳彪介绍"),
        ("省市场监管局相关负责人详细介绍了筹备情况", "", "负责人", None),
        # more titles between the one asked and the name
        ("东林省市场监管局党组书记、局长,省质量工作领导小组副组长兼办公室主任马小华出席仪式并致辞。", "", "局长",
         "东林省市场监管局党组书记、局长,省质量工作领导小组副组长兼办公室主任马小华"),
        ("东林市质监局局长,质量办主任出席仪式。", "", "局长", None),
        # a name written before the title
        ("市政府周乃翔市长、徐美健副市长出席", "出席", "副市长", "市政府周乃翔市长、徐美健副市长出席"),
        # a report gives a speech as "X强调"
        ("最后,县委常委、副县长李明强调,各部门要强化质量监管", "讲的话", "", "县委常委、副县长李明强调"),
        ("县市场监管局局长张华宣读了2024年“质量月”活动方案", "宣读", "", "县市场监管局局长张华宣读了2024年“质量月”活动方案"),
    ],
)
def test_a_person_is_named_by_the_relation_or_the_title_asked(sentence: str, cue: str, title: str,
                                                              span: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue=cue, title=title) == span


@pytest.mark.parametrize(
    ("sentence", "cue", "span"),
    [
        ("本次活动由东林市市场监督管理局牵头,各成员单位配合。", "牵头", "本次活动由东林市市场监督管理局牵头"),
        # a stated role (牵头, 主办) is not read into a sentence that only names units
        ("联合方案在东林县发布,东林市质监局副局长出席并讲话", "牵头", None),
        # a plain doer answers "谁负责"
        ("东林市商务局将开展放心消费宣传", "负责", "东林市商务局"),
        # 承办 is stated as written: "由X举办" names who held it, not who 承办
        ("由东林省市场监管局和东林市政府共同举办", "承办", None),
        # the doer stands before the verb: not the units it organises after it
        ("市市场监管局作为市质量强市办,牵头组织十几个市级部门以及有关行业协会开展活动", "组织",
         "市市场监管局作为市质量强市办,牵头组织十几个市级部门以及有关行业协会开展活动"),
        ("活动牵头单位为东林市质监局", "牵头", "活动牵头单位为东林市质监局"),
    ],
)
def test_a_unit_in_a_stated_role_needs_that_role_in_the_sentence(sentence: str, cue: str,
                                                                  span: str | None) -> None:
    assert find_span(UNIT_T, sentence, cue=cue) == span


def test_units_listed_one_after_another_answer_together() -> None:
    sentence = "开展实验室开放日活动,参观东林市质量监督检验所、东林市计量检定测试所、东林市食品药品检验所。"
    span = find_span(UNIT_T, sentence)
    assert span is not None and span.endswith("东林市质量监督检验所、东林市计量检定测试所、东林市食品药品检验所")
    assert find_span(UNIT_T, "由东林省质监局和东林市政府共同举办") == "东林省质监局"  # a pair is no list


def test_a_title_without_a_name_leaves_the_name_to_the_clause_before() -> None:
    sentence = "州人民政府肖小华副秘书长,领导小组部分成员单位领导出席了本次启动仪式。"
    span = find_span(PERSON_T, sentence, cue="出席")
    assert span is not None and "肖小华" in span


def test_a_person_question_needs_the_relation_it_asks_about() -> None:
    assert find_span(PERSON_T, "启动仪式由副局长刘晓明主持。", cue="主持") == "启动仪式由副局长刘晓明主持"
    assert find_span(PERSON_T, "副市长赵文华出席活动并讲话", cue="讲的话") == "副市长赵文华出席活动并讲话"
    assert find_span(PERSON_T, "启动仪式在人民广场举行。", cue="主持") is None


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("2014年中国质量大会在哪里举办?由谁举办?", ["2014年中国质量大会在哪里举办", "由谁举办"]),
        ("北京的质量月活动总结几号前报?报给谁?", ["北京的质量月活动总结几号前报", "报给谁"]),
        ("四川质量月的主题是什么?", ["四川质量月的主题是什么?"]),
        ("天水 质量月主题", ["天水 质量月主题"]),
        ("2015年全国质量月启动仪式几号在哪举办", ["2015年全国质量月启动仪式几号举办", "2015年全国质量月启动仪式在哪举办"]),
        # 在哪天 asks a day, not a place
        ("启动仪式具体在哪天举行", ["启动仪式具体在哪天举行"]),
        # a comma before a short "X呢" asks again
        ("东林区质量月领导小组组长是谁,副组长呢", ["东林区质量月领导小组组长是谁", "副组长呢"]),
        ("东林质量月联系人是谁,电话呢", ["东林质量月联系人是谁", "电话呢"]),
        ("活动要求有哪些,具体怎么做", ["活动要求有哪些,具体怎么做"]),
        # a comma before an asking word starts a second question; "…吗,多少" asks once
        ("东林启动仪式上谁宣布启动,谁致辞", ["东林启动仪式上谁宣布启动", "谁致辞"]),
        ("东林质量月口号征集有咨询电话吗,多少", ["东林质量月口号征集有咨询电话吗,多少"]),
        # an A-not-A question (要不要, 收不收) asks on its own
        ("东林质量讲堂办几期 要不要收费", ["东林质量讲堂办几期", "要不要收费"]),
        # a document's number asked after the document
        ("东林质量月是按照哪个行动计划部署的,文号多少", ["东林质量月是按照哪个行动计划部署的", "文号多少"]),
        # a remark after the question asks nothing, though it names a phone ...
        ("马小华的手机号码有吗?座机老打不通", ["马小华的手机号码有吗?座机老打不通"]),
        # ... an A-not-A question does
        ("东林经验交流邀请哪些企业?老字号算不算", ["东林经验交流邀请哪些企业", "老字号算不算"]),
    ],
)
def test_a_question_asking_two_things_is_split_into_parts(question: str, parts: list[str]) -> None:
    assert split_question(question) == parts


@pytest.mark.parametrize("text", ["谢谢", "好的 谢谢", "谢谢!", "👍", "ok", "收到", "好的,明白了"])
def test_thanks_and_emoji_are_acknowledgements(text: str) -> None:
    assert is_acknowledgement(text)


@pytest.mark.parametrize("text", ["你好", "您好!", "请问"])
def test_a_greeting_alone_is_greeted_with_how_to_ask(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert not answer.found and answer.answer.startswith("你好") and "例如" in answer.answer


@pytest.mark.parametrize("text", ["谢谢你们的联系电话是多少", "天水电话", "好的口号有哪些"])
def test_a_question_is_not_an_acknowledgement(text: str) -> None:
    assert not is_acknowledgement(text)


# -- conversation: a follow-up fills only its gaps -------------------------------------------------

@pytest.mark.parametrize(
    ("turns", "expected_last"),
    [
        (["天水质量月是什么主题?", "联系人是谁?", "那传真呢"], "0938-6822606"),  # inherits the notice
        (["天水质量月联系人是谁", "那四川的呢"], "胡珊莉"),  # inherits the question
        (["四川质量月联系电话", "天水市2016年质量月活动主题"], "推进卓越天水建设"),  # complete: inherits nothing
        (["四川质量月有问题找哪两位老师", "他们是哪个处的"], "质量发展处"),  # the people just named
        (["四川成都市质量月搞些什么", "德阳呢"], "德阳质量奖"),  # another city the notice lists
        (["广西2022年质量月一共多少个部门参加", "那重庆呢"], "数量:23个"),  # the count asked before
        # the item of the same list, of the other notice named; 句 counts slogans as 条 does
        (["京质量月附件里的标语总共有多少句", "第8句是啥"], "质量意识始于心"),
        (["京质量月附件里的标语总共有多少句", "那四川第九条是什么"], "传递质量信任"),
        (["天水16年质量月那份通知是谁发的", "活动搞了多长时间"], "9月30日"),  # how long: the period
        # a rare word only another notice holds leaves the chat's notice, whatever that one answers
        (["四川2024年质量月谁来搞谷物干燥机质量调查", "谢谢!“瘦肉精”专项整治是哪个部门负责的"], "农业部"),
        # ... and so does a name quoted that only other notices hold, however common its words
        (["甘肃2022年首席质量官制度建设靠什么活动推", "另外“平安工地”是哪个部门抓的"], "交通运输部"),
        # a relation asked after an award: the event's, not only a sentence about the award
        (["安徽22年质量月启动仪式上宣读了哪个比赛的获奖情况", "谁致的辞"], "韩永生"),
        (["四川质量月联系人是谁", "她们是哪个单位的"], "质量发展处"),  # theirs, not the notice's issuer
        (["广东2022年质量月是哪位领导讲的话", "他当时什么职务"], "党组书记、局长"),  # the one just named
        # whose city a quoted motto is: the place of the notice that says it, in a chat about another
        (["北京质量月大讲堂讲什么内容", "好嘞。“质善质美”是哪个城市叫响的"], "天水市"),
    ],
)
def test_a_follow_up_inherits_only_what_it_lacks(engine: Engine, turns: list[str], expected_last: str) -> None:
    answers = [engine.ask(t, "chat-1") for t in turns]
    assert answers[-1].found, answers[-1].answer
    assert expected_last in answers[-1].answer


def test_a_complete_question_gives_the_same_answer_whatever_came_before(engine: Engine) -> None:
    alone = engine.ask("北京质量月活动找谁联系?").answer
    engine.ask("天水质量月联系人和联系电话", "busy-group")
    engine.ask("那传真呢", "busy-group")
    assert engine.ask("北京质量月活动找谁联系?", "busy-group").answer == alone


def test_thanks_after_an_answer_is_acknowledged_not_answered_again(engine: Engine) -> None:
    engine.ask("天水质量月联系人", "chat-2")
    reply = engine.ask("好的 谢谢", "chat-2")
    assert not reply.found
    assert "杨维斌" not in reply.answer


def test_a_year_not_loaded_names_the_nearest_year_of_that_region(engine: Engine) -> None:
    answer = engine.ask("2026年四川质量月主题是什么")
    assert not answer.found
    assert "没有2026年" in answer.answer and "2024年" in answer.answer


# -- a news report nobody foresaw, answered by answer type -------------------------------------------

@pytest.fixture(scope="module")
def wild_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The seed notices plus the report: corpus statistics need more than one notice."""
    data = tmp_path_factory.mktemp("data")
    for path in [*DATA.glob("*.txt"), *WILD.glob("*.txt")]:
        shutil.copy(path, data / path.name)
    return Engine(build_knowledge(data).knowledge, today=TODAY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("汨罗市2023年质量月启动仪式在哪举行", "人民广场"),
        ("汨罗质量月启动仪式是几号", "9月5日"),
        ("汨罗质量月启动仪式谁主持的", "刘晓明"),
        ("汨罗市质量月哪个领导讲的话", "赵文华"),
        ("汨罗2023年质量月多少个部门联合开展", "二十二个部门"),
        ("汨罗质量月发了多少宣传资料", "1200余份"),
        ("汨罗质量月以什么为主题", "推进质量提升 共建质量强市"),
        ("住宅工程质量开放日是哪个部门牵头", "市住建局"),
        ("汨罗质量月咨询电话", "0719-8765432"),
        ("汨罗质量月那篇新闻来源是哪", "汨罗市市场监督管理局"),  # a page's metadata row
        ("汨罗质量月那篇是哪天发布的", "2023-09-06"),
        ("汨罗质量月那篇新闻浏览次数多少", "128"),
        # a county's page about its city's launch answers questions about the city
        ("常德市2022年质量月启动仪式在哪举行", "汉寿县龙池广场"),
        ("常德2022年质量月谁宣布启动的", "钱海峰"),
        ("汉寿县质量月启动仪式谁主持的", "周明远"),
    ],
)
def test_a_news_report_is_answered_by_the_kind_of_answer_asked(wild_engine: Engine, question: str,
                                                               expected: str) -> None:
    answer = wild_engine.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer.split("\n")[0], answer.answer
    assert answer.citations


@pytest.mark.parametrize(
    "question",
    [
        "汨罗质量月的传真号码",  # no fax in the report
        "汨罗质量月活动总结什么时候报送",  # no deadline
        "汨罗质量月联系邮箱",  # no email
        "汨罗质量月那篇新闻的作者是谁",  # the page names none
        "岳阳市2023年质量月启动仪式在哪举行",  # 汨罗 lies in 岳阳, but its report is not about 岳阳
        "常德市2021年质量月启动仪式在哪举行",  # another year of the city
        "2022年汨罗质量月主题",  # another year
        "红河州2023年质量月启动仪式在哪举行",  # another region
    ],
)
def test_what_the_report_does_not_say_is_not_found(wild_engine: Engine, question: str) -> None:
    answer = wild_engine.ask(question)
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("湖北2022启动仪式在哪", "武汉"),  # terse: no topic word besides the event
        ("湖北2022启动仪式几号", "8月31日"),
        ("天水质量月传真", "0938-6822606"),
        ("四川质量月活动总结报给谁,几号截止", "10月8日"),
        ("四川24年质量月主提是啥", "加强质量支撑 共建质量强省"),  # a typo that sounds like 主题
        ("天水质量月通知发给哪些单位", "各县区人民政府"),  # the addressee line
    ],
)
def test_terse_and_mistyped_questions_on_the_seeds(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.found, answer.answer
    assert expected in answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [("四川质量月活动内容第二项是啥", "有效推进企业质量变革创新"), ("四川质量月重点安排第一项", "筹办全省质量强省建设工作现场推进会")],
)
def test_the_nth_item_under_a_named_heading(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.found and expected in answer.answer.split("\n")[0], answer.answer


def test_two_counts_asked_at_once_are_both_answered(wild_engine: Engine) -> None:
    answer = wild_engine.ask("汨罗2023年质量月安排了几大系列共多少项活动")
    assert answer.found, answer.answer
    assert "四大系列" in answer.answer and "36项" in answer.answer


@pytest.mark.parametrize(
    ("sentence", "cue", "byline"),
    [("本报讯(罗莎)为深入贯彻落实国务院", "记者", "本报讯(罗莎)"),
     ("海峡之声广播电台9月2日厦门消息(记者 陈必扬)9月1日", "写的", "记者 陈必扬"),
     ("2015-09-09 来源:佳木斯日报 作者:纪世强", "作者", "作者:纪世强"),
     # signed at the end of the report: "(unit name)"
     ("开展重点项目帮扶等系列活动。(东林县质量技术监督局 王小明)", "写的", "(东林县质量技术监督局 王小明)"),
     # signed with a name alone at the end; brackets holding no name sign nothing
     ("营造人人关心质量的良好氛围。(李小旭)", "署名", "(李小旭)"),
     ("营造人人关心质量的良好氛围。(文 谢小丹)", "写的", "(文 谢小丹)"),
     ("东林县质量月活动方案(试行)", "写的", None),
     ("图为牌板展现场。 樊小明 摄", "拍的", "樊小明 摄"),  # a photo's credit
     ("各单位加盖公章后报送。(盖章)", "写的", None)],
)
def test_who_wrote_a_report_is_read_from_its_byline(sentence: str, cue: str, byline: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue=cue) == byline



@pytest.mark.parametrize(
    ("today", "left"),
    [
        ("2016-09-20", "2016年9月25日前(还有5天)"),
        ("2016-09-25", "2016年9月25日前(今天截止)"),
        ("2016-09-26", "2016年9月25日前(已截止)"),
    ],
)
def test_a_deadline_answer_says_how_long_is_left(knowledge, today: str, left: str) -> None:
    from datetime import date

    answer = Engine(knowledge, today=date.fromisoformat(today)).ask("天水2016年质量月活动总结什么时候报送?")
    assert answer.found and left in answer.answer.splitlines()[0]


def test_today_is_counted_in_the_configured_time_zone(knowledge) -> None:
    from datetime import timedelta, timezone

    ahead = Engine(knowledge, timezone=timezone(timedelta(hours=14)))
    behind = Engine(knowledge, timezone=timezone(timedelta(hours=-12)))
    assert ahead.today > behind.today  # 26 hours apart: never the same date


def test_a_follow_up_in_a_chat_is_answered_from_the_chats_notice_in_the_askers_own_words(
        wild_engine: Engine) -> None:
    """After a question about one launch, "当天发了多少资料" is about that launch, though the report
    words it differently (活动现场发放宣传资料…)."""
    wild_engine.ask("汨罗2023年质量月启动仪式在哪举行", "chat-wild")
    answer = wild_engine.ask("当天现场发了几份资料", "chat-wild")
    assert answer.found, answer.answer
    assert "1200余份" in answer.answer
    assert all("汨罗" in c.title for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "shares", "corrected"),
    [
        ("质量月主提是什么", {"主提": 0.0, "主题": 0.9}, "质量月主题是什么"),
        # a notice happens to hold the mistyped word ("…主提出…"): still a typo of a far commoner word
        ("质量月主提是什么", {"主提": 0.02, "主题": 0.9}, "质量月主题是什么"),
        # a word the notices hold about as often as the asking word is meant as written
        ("质量月主提是什么", {"主提": 0.5, "主题": 0.9}, "质量月主提是什么"),
    ],
)
def test_a_typo_is_corrected_unless_the_notices_use_the_word_as_often(question: str, shares: dict[str, float],
                                                                     corrected: str) -> None:
    assert correct_typos(question, lambda w: shares.get(w, 0.0)) == corrected


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("中国“质量月”活动始于1978年,是在政府部门倡导下开展的", "始于1978年"),
        ("自1978年起,每年9月开展质量月活动", "1978年起"),
        ("2021年全国“质量月”活动的主题是…", None),  # a year named, not a year something began
    ],
)
def test_since_when_is_answered_by_the_year_something_began(sentence: str, span: str | None) -> None:
    assert find_span(YEAR_T, sentence, cue="始") == span


def test_a_count_without_a_measure_word_counts_the_thing_named(wild_engine: Engine) -> None:
    """"发了多少宣传资料" names what is counted with no measure word: the count of 资料, not of people."""
    answer = wild_engine.ask("汨罗2023年质量月启动仪式现场发了多少宣传资料")
    assert answer.found, answer.answer
    assert "1200余份" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("东林2017年摄影大赛一等奖奖金多少", "元"),
        ("东林口号征集一等奖奖金是多少", "元"),
        ("东林2015年上半年产品质量合格率多少", "%"),
        ("东林奖励多少家企业", "家"),
    ],
)
def test_money_and_rates_are_asked_in_their_own_measure(question: str, measure: str) -> None:
    assert parse_query(question, today=TODAY, subjects=[]).measure == measure


@pytest.mark.parametrize(
    ("sentence", "measure", "span"),
    [
        ("通报了全市上半年三大质量领域的质量状况", "%", None),  # a rate is never a count of things
        ("产品质量监督抽查合格率为93.5%", "%", "93.5%"),
        ("对作者给予证书和纪念品鼓励", "元", None),
        ("一等奖奖金5000元", "元", "5000元"),
    ],
)
def test_a_rate_or_an_amount_needs_its_own_measure(sentence: str, measure: str, span: str | None) -> None:
    assert find_span(COUNT_T, sentence, measure=measure) == span


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("其中,东林毛尖区域品牌价值达到114.4亿元,再次登上品牌榜。", "114.4亿元"),
        ("全年完成产值3.5亿", "3.5亿"),
        ("抽查合格率达到95.9%,确保了食品安全。", "95.9%"),
        ("活动得到了广泛关注。", None),
    ],
)
def test_how_much_without_a_measure_word_is_a_rate_or_an_amount(sentence: str, span: str | None) -> None:
    assert find_span(COUNT_T, sentence) == span


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("汨罗2023年质量月启动仪式在汨罗哪个地方举行", True),
        ("汨罗2023年质量月启动仪式在人民广场什么地方", False),  # the place asked within is all it says
    ],
)
def test_a_place_answer_says_more_than_the_question(wild_engine: Engine, question: str, answered: bool) -> None:
    assert wild_engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "place", "new"),
    [
        # the place the question names without its province (淄博) is no answer to where in it
        ("山东省2031年质量月启动仪式在淄博哪个场馆办的", "地点:淄博市", False),
        ("山东省2031年质量月启动仪式在淄博哪个场馆办的", "地点:淄博市文化中心", True),
        # a place outside the one asked within answers another event
        ("山东省2031年质量月启动仪式在淄博哪个场馆办的", "地点:济南市奥体中心", False),
        ("2031年全国质量月启动仪式具体在重庆哪个会展中心", "地点:京", False),
        ("2031年全国质量月启动仪式具体在重庆哪个会展中心", "地点:重庆国际博览中心", True),
    ],
)
def test_a_place_asked_within_another_is_answered_by_a_spot_inside_it(question: str, place: str, new: bool) -> None:
    assert _new_place(parse_query(question, today=TODAY, subjects=[]), place) is new


def test_a_follow_up_in_a_chat_is_not_answered_from_another_regions_notice(engine: Engine) -> None:
    """"当天一共来了多少人" after a question about one notice is about that notice, or not found."""
    engine.ask("天水2016年质量月联系人是谁", "chat-fallback")
    answer = engine.ask("当天一共来了多少人", "chat-fallback")
    assert not answer.found or all("天水" in c.title for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        # a word one notice of the fourteen holds, no everyday word: that notice, whatever the chat's
        ("玄武岩纤维产业质量强链是哪个市", "四川"),
        # an open question whose words all stand in one other notice's sentences, however common each
        ("重型车检查是按什么模式开展的", "北京"),
        ("现场大概多少人参加", None),  # 现场 is an everyday word: the chat's notice, or not found
    ],
)
def test_in_a_chat_a_word_one_notice_alone_holds_leads_to_it(engine: Engine, question: str, notice: str | None) -> None:
    engine.ask("天水2016年质量月联系人是谁", f"chat-{question}")
    answer = engine.ask(question, f"chat-{question}")
    if notice is None:
        assert not answer.found or all("天水" in c.title for c in answer.citations), answer.answer
    else:
        assert answer.found and all(notice in c.title for c in answer.citations), answer.answer


def test_an_nth_item_that_does_not_exist_is_not_found(engine: Engine) -> None:
    assert engine.ask("四川2024年质量月工作要求第二项是什么").found
    answer = engine.ask("四川2024年质量月工作要求第九项是什么")
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("question", "answer_type", "cue"),
    [
        ("东林2021年质量办质量月联系人是谁", "person", "联系人|联络人|联系方式"),  # the contact, not anyone named
        ("东林启动活动上是谁发的言", "person", "发的言"),  # 谁发的言 asks a speaker, not an issuer
        ("东林2020年质量月活动方案是谁印发的", "unit", "印发"),
        ("首届中国质量奖都是哪些企业拿的", "unit", ""),
        ("江苏2022年全省质量月活动是哪个领导部署的", "person", ""),  # 部署 deploys: 哪个领导 asks a person
        ("蓝田县质量月的通知在会上是谁念的", "person", "念的"),  # 念 reads out: 宣读
        ("方案谁读的", "person", "读的"),
        ("辽宁2025年质量月活动那篇报到的记者叫啥", "person", "记者"),  # the byline, though 报到 reads as 报送
        ("长沙口号发布的消息记者是从哪个办公室获悉的", "unit", "发布"),  # the office, not the reporter
        ("东林市质量月启动后专题培训是谁讲的", "person", ""),  # 启动后 says when, not what was done
        ("东林市质量月启动仪式上致辞的领导叫啥名", "person", "致辞"),  # a leader's name asked
        ("东林2021年质量月启动仪式是哪两家单位办的", "unit", ""),  # 哪两家单位: units
        ("东林市市场监管局介绍情况的那位负责人叫啥", "person", "介绍"),  # 负责人 is who is asked, not 负责
        ("东林2015年青少年书画摄影比赛叫什么名字", "open", ""),  # a contest named, not its photographer
        ("东林2022年质量月启动仪式主持人是谁", "person", "主持"),
        ("14年东林质量月按哪个文件部署的", "document", "按"),  # a document's title
        ("东林质量月依据的是什么通知", "document", "依据"),
        ("东林2016年专项活动要宣贯落实哪个文件", "document", "宣贯"),
        ("东林2022质量月由哪个部门牵头组织", "unit", "牵头"),  # of verbs in a row, the first is the relation
        ("东林质量月谁要发表质量强市署名文章", "person", ""),  # a signed article, not the page's byline
        ("东林质量月是9月1号开始的吧", "date", ""),  # a date to confirm: the period
        ("这几份通知里质量月主题分别是什么", "theme", ""),  # 这几份 points at notices, counts nothing
        # the theme asked is the thing the question word asks of, not a word far after it
        ("东林要设计什么来传播质量月主题和口号", "open", ""),
        ("东林质量月以什么为主题", "theme", ""),
        ("东林质量月有什么口号", "slogans", ""),
        ("东林质量月依据的“东林制造2031”文件全称是啥", "document", ""),  # a title named by its short form
        ("东林2031年“龙腾”专项行动是谁挑头的", "unit", "挑头"),  # 挑头 leads, as 牵头 does
        ("东林这份质量月的文是几号出的", "date", ""),  # when the notice was issued
        ("东林2031年质量月启动仪式是在厦门办的吧", "place", ""),  # a place supposed: where it was held
        ("哪个省的2031质量月启动仪式是在线形式办的", "open", ""),  # 线形式 is no place
        ("东林全市质量网络台的网址是多少", "open", ""),  # an address asked, not a count
        ("东林这份文的网站发布时间是哪天", "date", ""),  # 发布时间是 asks the page's row, not the period
        ("东林2031年的“实验室开放活动”是在哪些领域组织的", "open", ""),  # a field, not a place
        ("东林12365热线是哪一年开通的", "year", ""),  # the year asked, not the phone it is about
        # a post's holder asked by name is a person; a company's name a unit
        ("东林18A项目部的项目总工叫什么名字", "person", ""),
        ("东林那家公司叫什么名字", "unit", ""),
        # a day or time supposed is what is asked, whatever else the question names
        ("东林2031年质量月启动是在上午开的吧", "date", ""),
        ("2031年东林质量月口号征集是不是7月底才截稿", "date", ""),
        ("东林2031质量月方案是9月5号发布的吗", "date", ""),
        ("东林2031年质量月是16个部门一起办的吧", "count", ""),  # a count supposed: how many
        ("东林2031年质量月有二十多家企业参加吗", "count", ""),
    ],
)
def test_the_kind_of_answer_and_relation_asked(question: str, answer_type: str, cue: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert (q.answer_type.name, q.cue) == (answer_type, cue)


@pytest.mark.parametrize(
    ("sentence", "hotline", "span"),
    [
        ("四是开展“12365”质监热线宣传活动", False, None),  # a public hotline is nobody's office
        ("四是开展“12365”质监热线宣传活动", True, "12365"),
        ("联系电话:0538-8221234", False, "0538-8221234"),
        ("征集时间:从即日起至2031930日。", False, None),  # a mangled date run on into 日 is no phone
    ],
)
def test_a_public_hotline_answers_only_a_hotline_question(sentence: str, hotline: bool, span: str | None) -> None:
    assert find_span(PHONE_T, sentence, hotline=hotline) == span


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("今年活动以“质量第一 效益优先”为主题。", "质量第一 效益优先"),
        # an activity named in quotes before 主题活动 is not the campaign's theme
        ("将在全国“质量月”期间开展“示范区建设考核”主题活动", None),
        # a quote far from 主题 is not its wording
        ("会上发布了“东林质量精神”,市领导围绕今年全国质量月活动的主题作了部署", None),
    ],
)
def test_a_theme_is_the_quote_next_to_zhuti(sentence: str, span: str | None) -> None:
    assert find_span(THEME_T, sentence) == span


@pytest.mark.parametrize(
    ("sentence", "cue", "span"),
    [
        ("以多种形式动员全社会尤其是广大企业积极参与", "动员", None),  # 动员 names no one here
        ("市市场监督管理局负责人宣读了活动方案", "宣读", "市市场监督管理局负责人宣读了活动方案"),
        ("副县长孙开武作动员讲话", "动员", "副县长孙开武作动员讲话"),
        ("随着启动仪式的圆满举行,各方负责人纷纷表示,将以此次活动为全新起点。", "表示", None),  # no one in particular
    ],
)
def test_a_person_answer_names_a_person(sentence: str, cue: str, span: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue=cue) == span


@pytest.mark.parametrize(("rare_share", "found"), [(0.0, False), (0.2, True)])
def test_a_question_naming_no_place_is_scoped_by_a_word_only_one_notice_holds(
        wild_engine: Engine, monkeypatch: pytest.MonkeyPatch, rare_share: float, found: bool) -> None:
    """An open question naming no place is too broad for all notices; naming 住宅工程质量开放日, which one
    notice of the sixteen holds with 住宅 (share 3/16, under the threshold set here), it means that notice.
    (The rule answering from the one notice holding all its words is switched off here.)"""
    monkeypatch.setattr(engine_module, "RARE_TOPIC_SHARE", rare_share)
    monkeypatch.setattr(engine_module, "PLACELESS_MIN_COVERAGE", 1.1)
    answer = wild_engine.ask("住宅工程质量开放日搞的啥")
    assert answer.found is found, answer.answer


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("旨在以此次启动仪式为契机,推动质量提升", None),  # 旨在 is no 在 of a place
        ("9月5日,启动仪式在东林镇文化广场隆重举行", "东林镇文化广场"),
    ],
)
def test_only_a_locative_zai_introduces_a_place(sentence: str, place: str | None) -> None:
    assert find_span(PLACE_T, sentence) == place


@pytest.mark.parametrize(
    ("sentence", "measure", "noun", "span"),
    [
        # 个 is the everyday measure: "几个执法人员" is answered by 15人, "多少个问题" by 40多条
        ("该局出动了执法人员15人,10家单位共同参加", "个", "执法人员", "15人"),
        ("现场解答群众提出的问题40多条", "个", "问题", "40多条"),
        ("共设立咨询台4个", "名", "咨询台", None),  # any other measure is asked as written
    ],
)
def test_the_everyday_measure_ge_counts_whatever_the_text_counts_with(sentence: str, measure: str, noun: str,
                                                                     span: str | None) -> None:
    assert find_span(COUNT_T, sentence, measure=measure, noun=noun) == span


def engine_with_notice(folder: Path, name: str, text: str) -> Engine:
    """An engine over the seeds plus one invented notice (the seeds give words their share of notices)."""
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    for seed in DATA.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return Engine(build_knowledge(folder).knowledge, today=TODAY)


LETTER = ("关于请提供2031年全国“质量月”活动主题建议的函\n东林省质量协会\n东质协函〔2031〕3号\n"
          "关于请提供2031年全国“质量月”活动主题建议的函\n各有关单位:\n请于3月27日前将建议反馈至东林省质量协会。\n"
          "联系人:马小华\n电话:0931-1234567\n2031年3月20日\n")
OTHER_LETTER = ("关于开展2031年西林市“质量月”活动的通知\n西林市质量发展委员会办公室\n西质办〔2031〕5号\n"
                "各县区:\n请于9月28日前报送活动总结。\n西林市质量发展委员会办公室\n2031年8月15日\n")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("东质协函〔2031〕3号是哪天发的", "2031年3月20日"),  # the letter bearing the number, typo-like 质协 kept
        ("西质办〔2031〕5号是哪天发的", "2031年8月15日"),
        ("东质协函〔2031〕3号是谁发的", "东林省质量协会"),  # the sender heading the letter
    ],
)
def test_a_document_number_asked_about_names_the_notice_bearing_it(tmp_path: Path, question: str,
                                                                   expected: str) -> None:
    (tmp_path / "other.txt").write_text(OTHER_LETTER, encoding="utf-8")
    engine = engine_with_notice(tmp_path, "letter", LETTER)
    answer = engine.ask(question)
    assert answer.found and expected in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("局长是谁", "马小华"),  # not the deputy named first
        ("副局长是谁", "白一平"),
    ],
)
def test_a_title_asked_is_the_principals_unless_the_deputy_is_asked(tmp_path: Path, question: str,
                                                                     person: str) -> None:
    """In a chat about a launch, "局长是谁" is the 局长 who attended, not the 副局长 who presided."""
    engine = engine_with_notice(tmp_path, "donglin-launch",
        "东林省2031年“质量月”活动启动\n9月1日,东林省2031年“质量月”活动启动仪式在东林举行。\n"
        "党组成员、副局长,标准院院长白一平主持会议。\n党组书记、局长马小华出席并讲话。\n")
    engine.ask("东林省2031年质量月启动仪式在哪举行", "chat-title")
    answer = engine.ask(question, "chat-title")
    assert answer.found and person in answer.answer.splitlines()[0], answer.answer


def test_another_unit_followed_up_after_a_count_of_a_things_edition_asks_its_own_activities(engine: Engine) -> None:
    """(…竞赛是第几届?) "共青团中央呢": what that unit does; the contest counted was another unit's."""
    engine.ask("2014年全国质量月教育部门有什么活动", "chat-units")
    engine.ask("文明风采竞赛是第几届", "chat-units")
    answer = engine.ask("共青团中央呢", "chat-units")
    assert answer.found and "共青团中央" in answer.answer.splitlines()[0], answer.answer


def test_a_unit_followed_up_in_a_chat_is_that_unit_in_the_chats_notice(tmp_path: Path) -> None:
    """(四川…住建厅干啥?) "那水利厅呢": the 水利厅 of the same notice, not another notice's 水利厅."""
    engine = engine_with_notice(tmp_path, "donglin-duties",
        "东林省质量强省办关于开展2031年“质量月”活动的通知\n各市州:\n现将有关事项通知如下。\n"
        "附件1\n2031年全省“质量月”联合主办单位主要活动\n一、水利厅:开展东林水库质量安全检查。\n"
        "二、住房城乡建设厅:开展东林住宅工程质量宣传。\n")
    engine.ask("四川2024质量月住建厅主要干啥", "chat-unit")
    answer = engine.ask("那水利厅呢", "chat-unit")
    assert answer.found and all("四川" in c.title for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "ordinal"),
    [
        ("东林建安公司第7项目部质量月启动是几号", False),  # a project department named by its number
        ("东林质量月第7项活动是什么", True),
        ("附件1第十五项是哪个单位的", True),
    ],
)
def test_a_department_named_by_its_number_asks_no_nth_item(question: str, ordinal: bool) -> None:
    from bot.answering.query import ORDINAL

    assert (ORDINAL.search(question) is not None) is ordinal
    assert (engine_module.ITEM_ORDINAL.search(question) is not None) is ("项" in question and ordinal)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("2031年全国“质量月”活动启动仪式暨东林质量创新大会在京举行", "东林质量创新大会"),
        ("2031年东林省“质量月”暨“质量赋能环岛行”启动仪式在东林举行", "质量赋能环岛行"),
        ("东林县举行“质量月”暨诚信教育活动启动仪式", "诚信教育活动"),
        ("东林质量大会暨“质量月”启动仪式在东林举行", "东林质量大会"),  # the campaign second
        ("各市县暨各部门要认真落实", None),  # nothing joined to the campaign
        ("组织举办全市“质量月”启动仪式暨“东林精品”品牌发布会", "东林精品品牌发布会"),  # quotes cut apart
    ],
)
def test_the_event_joined_to_the_campaign_by_暨_is_the_side_not_naming_it(text: str, joined: str | None) -> None:
    assert engine_module._joined_to_campaign(text) == joined


@pytest.mark.parametrize(
    "question",
    ["东林省2031年质量月跟什么活动一起启动的", "东林省2031年质量月启动仪式同时开的什么大会",
     "东林省2031年质量月启动仪式暨的是个什么大会"],
)
def test_what_was_launched_with_the_campaign_is_the_event_joined_to_it(tmp_path: Path, question: str) -> None:
    engine = engine_with_notice(tmp_path, "joined", "2031年东林省“质量月”暨东林质量创新大会启动仪式在东林举行\n"
                                "9月1日,2031年东林省“质量月”暨东林质量创新大会启动仪式在东林举行。\n")
    answer = engine.ask(question)
    assert answer.found and "东林质量创新大会" in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("东林市 2031年 人员:市委常委、副市长马小华及相关部门负责人参加了启动仪式", ["马小华"]),  # 及 after the name
        ("东林市 2031年 人员:最后,马小华市长对全市质量工作提出要求", ["马小华"]),  # the name before the title
        ("东林市 2031年 人员:党组书记、局长马小华", ["马小华"]),
        ("东林市 2031年 人员:各方负责人参加", []),
        ("东林市 2031年 人员:大会由市市场监督管理局党组成员、副局长符小燕主持", ["符小燕"]),  # a rarer surname
        ("东林市 2031年 人员:副局长出席并讲话", []),  # a title and what was done: no name
        ("东林市 2031年 人员:东林市局长出席", []),  # a place is no name
        ("东林市 2031年 人员:大会由副局长符小燕主持", ["符小燕"]),  # "大会由" is none either
    ],
)
def test_the_people_a_person_answer_names_are_remembered_for_他(line: str, people: list[str]) -> None:
    assert engine_module._people_named(line) == people


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("活动时间:5-12月", "5-12月"),  # months spanned with one 月
        ("活动时间:5月至12月", "5月至12月"),  # not cut at "5月至12"
        ("9月1日至30日", "9月1日至30日"),
        ("2031年9月1日—9月30日", "2031年9月1日—9月30日"),
        ("活动时间:9月", "9月"),
        ("发布于2031-12月", "12月"),  # a year's digits open no span of months
        ("昨(9)日上午,全州“质量月”宣传活动启动仪式在东林广场举行", "昨(9)日上午"),  # a paper's "yesterday, the 9th"
    ],
)
def test_a_span_of_months_is_read_whole(sentence: str, span: str) -> None:
    assert find_span(DATE_T, sentence) == span


@pytest.mark.parametrize(
    ("sentence", "cue", "unit"),
    [
        ("牵头部门:质监股", "牵头", "质监股"),
        ("配合部门:各分局", "配合", "各分局"),
        ("配合部门:各分局", "牵头", None),
        ("活动时间:9月 牵头部门:质监股 配合部门:各分局", "牵头", "质监股"),  # rows run together
    ],
)
def test_a_row_labelling_a_role_names_who_holds_it(sentence: str, cue: str, unit: str | None) -> None:
    assert find_span(UNIT_T, sentence, cue=cue) == unit


PLAN_WITH_ROLE_ROWS = ("西林市市场监督管理局关于开展2031年“质量月”活动的通知\n机关各股室:\n"
                       "现将活动方案印发给你们,请认真贯彻执行。\n一、活动主题\n质量强市 西林先行\n二、活动内容\n"
                       "(一)开展“计量服务小微企业行”活动。组织计量技术机构入企开展服务。\n"
                       "活动时间:9月\n牵头部门:计量股\n配合部门:各分局\n"
                       "(二)开展电子秤专项整治。对电子秤生产、销售环节开展专项整治。\n"
                       "活动时间:5-12月\n牵头部门:稽查股\n配合部门:各所\n")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("西林2031年质量月计量服务小微企业行谁牵头", "计量股"),  # a company mentioned is not asked for
        ("西林2031年电子秤专项整治谁牵头", "稽查股"),
        ("西林2031年电子秤专项整治从几月搞到几月", "5-12月"),
    ],
)
def test_an_activitys_labelled_rows_answer_who_leads_it_and_when(tmp_path: Path, question: str,
                                                                 expected: str) -> None:
    engine = engine_with_notice(tmp_path, "xilin-plan", PLAN_WITH_ROLE_ROWS)
    answer = engine.ask(question)
    assert answer.found and expected in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(("relation_coverage", "found"), [(0.5, False), (0.3, True)])
def test_a_sentence_stating_the_relation_asked_may_cover_less_of_the_question(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relation_coverage: float, found: bool) -> None:
    """"谁主持的" about one notice: the sentence saying who presided need not repeat all the asker's words
    (it says 咨询活动, not 义诊咨询日: coverage 0.35), down to RELATION_MIN_COVERAGE. Two people preside
    here, so the one-sentence rule does not decide."""
    monkeypatch.setattr(engine_module, "RELATION_MIN_COVERAGE", relation_coverage)
    engine = engine_with_notice(tmp_path, "pingjiang",
        "平江县开展2023年“质量月”活动\n9月5日,平江县2023年“质量月”义诊咨询日活动在县文化广场举行。\n"
        "咨询活动由县人大副主任王建国主持,县质监局局长宣读了活动方案。\n下午的座谈会由县质监局副局长李华主持。\n"
        "现场共发放资料300余份。\n")
    answer = engine.ask("平江县2023年质量月义诊咨询日谁主持的")
    assert answer.found is found, answer.answer
    if found:
        assert "王建国" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("引导和动员全社会增强质量意识", False),  # 和 joins two verbs here; it is nobody's surname
        ("广西壮族自治区副主席苗庆旺出席并讲话", True),
        ("张曙光出席仪式并宣布活动启动", True),
        ("项目经理兰明远向全体参会人员传达了文件精神", True),  # jieba tags the rarer surname alone: 兰|明远
        ("受邀单位相关人员做了动员讲话", False),
    ],
)
def test_a_person_is_named_by_a_name_not_by_a_function_word(text: str, names: bool) -> None:
    assert names_someone(text) is names


@pytest.mark.parametrize(("word", "noun"), [("当天", False), ("一共", False), ("开放日", True), ("资料", True)])
def test_topic_words_that_may_take_a_chat_elsewhere_are_nouns(word: str, noun: bool) -> None:
    assert is_noun(word) is noun


def test_a_launch_date_is_not_answered_by_the_campaigns_period(engine: Engine) -> None:
    """"启动仪式几月几号": the date of the launch, not "9月1日至30日" of the whole campaign."""
    answer = engine.ask("天水2016年质量月启动仪式几月几号办")
    assert not answer.found or "启动" in answer.citations[0].quote, answer.answer


@pytest.mark.parametrize(
    ("sentence", "cue", "title", "span"),
    [
        # a person named without a title
        ("东林电气有限公司王玉珍以《高原明珠》为题讲述品牌故事", "", "", "东林电气有限公司王玉珍以《高原明珠》为题讲述品牌故事"),
        # a common word jieba tags as a name is no person
        ("活动现场还设置了“质量对话”沙龙", "", "", None),
        # the title asked (副县长) is not in the sentence: others who attended do not answer
        ("人大调研员希拉、县质监局局长刘永志等十八个部门参加了启动仪式", "出席", "副县长", None),
    ],
)
def test_who_is_named_by_a_name(sentence: str, cue: str, title: str, span: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue=cue, title=title) == span


def test_the_one_sentence_of_a_notice_stating_the_relation_asked_answers_it(tmp_path: Path) -> None:
    """"谁主持的" about one notice that says of only one person that he presided: him, whatever the
    asker calls the event (here 义诊咨询日, which the presiding sentence does not repeat)."""
    engine = engine_with_notice(tmp_path, "pingjiang",
        "平江县开展2023年“质量月”活动\n9月5日,平江县2023年“质量月”义诊咨询日活动在县文化广场举行。\n"
        "活动由县人大副主任王建国主持,县质监局局长宣读了活动方案。\n现场共发放资料300余份。\n")
    answer = engine.ask("平江县2023年质量月义诊咨询日谁主持的")
    assert answer.found and "王建国" in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(("rare_share", "found"), [(0.0, False), (0.2, True)])
def test_in_a_chat_a_question_naming_a_rare_word_leaves_the_chats_notices_for_those_that_hold_it(
        wild_engine: Engine, monkeypatch: pytest.MonkeyPatch, rare_share: float, found: bool) -> None:
    """After a question about Tianshui, "住宅工程质量开放日搞的啥" names a word the Miluo report holds:
    answered from it, not from the chat's notices and not from all notices at once."""
    monkeypatch.setattr(engine_module, "RARE_TOPIC_SHARE", rare_share)
    monkeypatch.setattr(engine_module, "FALLBACK_MAX_UNIT_SHARE", rare_share)  # 住宅: 3 of 16 notices
    monkeypatch.setattr(engine_module, "PLACELESS_MIN_COVERAGE", 1.1)  # (the one-notice-holds-all rule: off)
    wild_engine.ask("天水2016年质量月联系人是谁", f"chat-rare-{rare_share}")
    answer = wild_engine.ask("住宅工程质量开放日搞的啥", f"chat-rare-{rare_share}")
    assert answer.found is found, answer.answer
    if found:
        assert all("汨罗" in c.title for c in answer.citations)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("为深入贯彻实施陇南市宕昌县《质量发展纲要》的部署", None),  # "的部" is no unit
        ("东林市市场监督管理局组织开展宣传", "东林市市场监督管理局"),
    ],
)
def test_a_unit_name_never_opens_with_a_function_word(sentence: str, unit: str | None) -> None:
    assert find_span(UNIT_T, sentence) == unit


def test_a_page_row_answers_who_wrote_the_page(wild_engine: Engine) -> None:
    """Where no one signed a page, its "编辑:" row answers "那篇谁写的", labelled as the editor."""
    answer = wild_engine.ask("汉寿那篇质量月报道是谁写的")
    assert answer.found and "编辑" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "found", "said"),
    [
        # the counts the asker states say which of a province's notices is meant: the undated one
        ("东林省13个部门开展39项质量月活动是哪一年", False, None),
        ("东林省13个部门开展39项质量月活动是谁介绍的", True, "马小华"),
        ("东林省13个部门那次质量月,39项活动由谁介绍", True, "马小华"),
    ],
)
def test_counts_the_asker_states_say_which_notice_is_meant(tmp_path: Path, question: str, found: bool,
                                                           said: str | None) -> None:
    (tmp_path / "dated.txt").write_text("2031年东林省“质量月”活动启动\n9月1日,2031年东林省“质量月”活动启动,"
                                        "21个省直部门参与。省局局长西林介绍了2031年活动安排。", encoding="utf-8")
    engine = engine_with_notice(tmp_path, "undated", "东林省“质量月”活动参与广泛\n东林省质监局等13个部门将开展39项"
                                "质量月活动。省质监局副局长马小华介绍了活动安排。")
    answer = engine.ask(question)
    assert answer.found is found, answer.answer
    assert said is None or said in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("白银市2031年质量月联系人马小华的电话是多少", True),
        ("白银市2031年质量月联系人马晓华电话多少", True),  # mistyped after the surname: still her
        ("白银市2031年质量月联系人杨维平的电话是多少", False),  # a contact the notice never names
        ("白银市2031年质量月杨维平局长在启动仪式上说了啥", False),
        ("白银市2031年质量月联系人是杨维平吗", True),  # supposed wrongly: the answer names the right one
        ("白银市2031年质量月常翠平的电话是多少", False),  # named by the contact detail asked of her
        ("白银市2031年质量月马小华的电话是多少", True),
        ("白银市2031年质量月开放日啥时候搞,牵头的是谁", False),  # the role in what was not found
    ],
)
def test_a_person_the_notices_never_name_is_asked_of_no_notice(tmp_path: Path, question: str, found: bool) -> None:
    engine = engine_with_notice(tmp_path, "contact", "白银市关于开展2031年“质量月”活动的通知\n请于10月8日前报送活动总结。"
                                "\n联系人:马小华,电话:0943-8212345。")
    assert engine.ask(question).found is found


@pytest.mark.parametrize(
    "footer",
    ["办公地址:东林市国兴大道57号;邮编:570203", "作者回复:各区将结合实际开展活动,请关注属地发布。", "- 5 -"],
)
def test_the_last_slogan_is_no_line_of_the_pages_footer(tmp_path: Path, footer: str) -> None:
    engine = engine_with_notice(tmp_path, "slogans", "白银市关于开展2031年“质量月”活动的通知\n一、活动主题\n质量引领 白银先行\n"
                                "附件\n2031年白银市“质量月”活动口号\n1.建设质量强市 推动高质量发展\n"
                                f"2.人人关心质量 事事追求品质\n{footer}\n")
    answer = engine.ask("白银市2031年质量月口号最后一条是什么")
    assert answer.found and "事事追求品质" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("东林消费者报西林讯(记者马小华)9月26日,东林市市场监管局在复兴小学举办活动。", "东林消费者报"),
        ("新华社北京9月23日电(记者马小华)2031年质量万里行活动23日在北京启动。", "新华社"),
        ("东林日报消息 8月28日,2031年质量标杆东林行活动启动。", "东林日报"),
        ("东林网讯 每年9月为全国“质量月”。", "东林网"),
        ("本报讯(马小华)9月1日,东林市质量月活动启动。", None),  # the paper's own: named nowhere
        ("9月1日,东林市举办质量月报告会,在东林网讯息栏发布。", None),  # no dateline opening it
    ],
)
def test_a_reports_dateline_names_the_paper_it_ran_in(line: str, source: str | None) -> None:
    from bot.ingest.extract import NEWS_DATELINE

    m = NEWS_DATELINE.match(line)
    assert (m.group(1) if m else None) == source


def test_which_paper_ran_a_report_is_its_source_row(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "news", "东林市复兴小学开展质量进校园活动\n东林消费者报西林讯(记者马小华)9月26日,"
                                "东林市市场监管局在东林市复兴小学举办“质量进校园”活动。")
    engine.ask("东林市复兴小学质量进校园活动是哪天", "chat-paper")
    answer = engine.ask("这是哪家报纸报的", "chat-paper")
    assert answer.found and "东林消费者报" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        ("当天一共来了多少人", "为群众咨询服务300余人次", None),  # 人次 counts visits, not people
        ("当天咨询了多少人次", "为群众咨询服务300余人次", "300余人次"),
        ("当天一共来了多少人", "共有200余人参加启动仪式", "200余人"),
    ],
)
def test_person_visits_are_not_people(question: str, sentence: str, span: str | None) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    found = find_span(COUNT_T, sentence, measure=q.measure or "", noun=q.measure_noun)
    assert (found[: len(span)] if found and span else found) == span


@pytest.mark.parametrize("sentence", ["主要活动有举行启动仪式、举办中国质量发展论坛", "按照通知部署"])
def test_verbs_ending_like_an_office_are_no_unit(sentence: str) -> None:
    assert find_span(UNIT_T, sentence) is None


def test_a_short_heading_sentence_is_answered_by_the_sentence_after_it(tmp_path: Path) -> None:
    """"质量月宣传进社区活动。" heads a paragraph whose next sentence says the day."""
    engine = engine_with_notice(tmp_path, "yunxiao",
        "云霄县开展2025年“质量月”系列活动\n质量月宣传进社区活动。\n9月12日,县市场监管局走进城关社区开展宣传。\n"
        "质量月宣传进乡村活动。\n县市场监管局走进下河村开展宣传。\n")
    answer = engine.ask("云霄县2025年质量月宣传进社区是哪天")
    assert answer.found and "9月12日" in answer.answer.splitlines()[0], answer.answer
    assert not engine.ask("云霄县2025年质量月宣传进乡村是哪天").found  # its next sentence gives no day


def test_a_city_asked_inside_a_provincial_notice_about_that_city_needs_no_mention_in_each_sentence(
        tmp_path: Path) -> None:
    """A report filed under its province whose opening names the county: every sentence is about it."""
    engine = engine_with_notice(tmp_path, "zhongxian",
        "重庆市启动2015年“质量月”活动\n9月2日,忠县2015年“质量月”活动启动仪式在县政府广场举行。\n"
        "首先县质监局局长宣读了2015年“质量月”活动方案。\n最后,副县长孙开武作动员讲话。\n")
    assert engine.knowledge.documents["zhongxian"].meta.units[0].region.name == "重庆市"  # filed under the province
    answer = engine.ask("忠县2015年质量月活动方案是谁在启动仪式上宣读的")
    assert answer.found and "局长" in answer.answer.splitlines()[0], answer.answer


def test_a_launchs_presider_is_quoted_from_the_sentence_that_names_him(engine: Engine) -> None:
    """A launch's details come from several sentences; the quote is the one that says who presided."""
    answer = engine.ask("甘肃2022年质量月启动仪式谁主持的")
    assert answer.found
    assert "主持" in answer.citations[0].quote


def test_an_undated_notice_answering_a_dated_question_says_so(tmp_path: Path) -> None:
    """A report that never writes its year may be the one asked about; the reader is told to check."""
    engine = engine_with_notice(tmp_path, "laifeng",
        "来凤县开展“质量月”活动\n9月7日上午,来凤县质量月活动启动仪式在来凤县城步行街隆重举行。\n"
        "来凤县人民政府副县长向应才同志到场并作重要讲话。\n")
    answer = engine.ask("来凤县2012年质量月启动仪式在哪举行")
    assert answer.found, answer.answer
    assert "未写明年份" in answer.answer


@pytest.mark.parametrize(
    ("question", "row", "answers"),
    [
        ("东林县质量月那篇稿子是谁写的", "作者", True),
        ("东林县质量月这篇稿子署名是谁", "作者", True),
        ("东林县质量月那条新闻记者是谁", "作者", True),
        # the site's editor did not write the report, nor does the author edit the page
        ("东林县质量月那篇稿子是谁写的", "编辑", False),
        ("东林2022质量月那条稿子谁编辑的", "编辑", True),
        ("东林2022质量月那条稿子的责任编辑是谁", "作者", False),
    ],
)
def test_who_wrote_a_report_is_its_author_row_not_its_editor(question: str, row: str, answers: bool) -> None:
    assert asked_row(question, row) is answers


@pytest.mark.parametrize(
    ("question", "answered", "shown"),
    [
        ("四川2024年质量月口号第3条是什么", True, "第3条(共13条)"),
        ("四川24年質量月宣傳口號最後一條是啥", True, "第13条(共13条)"),
        ("四川2024年质量月口号第14条是什么", False, ""),  # no 14th of 13: not a sentence mentioning slogans
        ("四川2024质量月通知第三个附件里第一条口号是啥", True, "第1条(共13条)"),  # the attachment's place is where
    ],
)
def test_a_slogan_asked_by_its_place_in_the_list(engine: Engine, question: str, answered: bool, shown: str) -> None:
    answer = engine.ask(question)
    assert answer.found is answered and shown in answer.answer, answer.answer
    if answered:  # quoted: that slogan's own line
        assert answer.citations[0].quote.count("\n") == 0


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("四川2024年质量月联系电话多少", True),
        ("四川2024年质量月联系人手机号多少", False),  # an office landline is no mobile number
    ],
)
def test_a_mobile_number_is_answered_only_by_a_mobile_number(engine: Engine, question: str, answered: bool) -> None:
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("北京海淀区2024年质量月活动联系人是谁", ["海淀区"]),  # 北京 only says where 海淀区 is
        ("四川泸州2024年质量月农残治理针对啥", ["泸州市"]),
        ("苏浙皖赣沪2019年质量月征文主题是啥", ["江苏省", "浙江省", "安徽省", "江西省", "上海市"]),
        ("四川和北京2024年质量月主题", ["四川省", "北京市"]),
    ],
)
def test_a_place_written_before_a_place_within_it_only_qualifies_it(question: str, places: list[str]) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert [r.name for r in q.regions] == places


@pytest.mark.parametrize(
    ("word", "text", "held"),
    [
        ("农残", "推进豇豆农药残留治理", True),  # 农(药)残(留)
        ("质检", "质量技术监督检验", False),  # too far apart to be one word's short form
        ("农残", "农业生产残局", False),
    ],
)
def test_a_word_no_notice_holds_may_be_a_short_form(word: str, text: str, held: bool) -> None:
    assert (_shortened(word).search(text) is not None) is held


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("(东林日报 记者/吴小跃 实习生/覃小飞)", "吴小跃"),  # the names signed, not the role that follows
        ("(记者 崔小焘 报道)9月6日", "崔小焘"),
        ("记者从东林县市场监管局获悉", None),
        # a report signed at its end by several people, and not by offices
        ("进一步强化质量强区工作的开展。(乔小文、章小荣)", "乔小文 章小荣"),
        ("活动取得实效。(市场监管局、教育局)", None),
        ("本报讯 (记者龚小伟)“质量月”期间,东林省精心安排", "龚小伟"),  # the role glued to the name
        ("本报讯(刘小明)9月1日", "刘小明"),
    ],
)
def test_a_byline_signs_only_peoples_names(text: str, names: str | None) -> None:
    assert byline_name(text) == names


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        ("东林启动仪式几号几点", "9月5日上午9时,2031年东林区“质量月”活动启动仪式举行。", "9月5日上午9时"),
        ("东林启动仪式几点开始", "9月5日上午,2031年东林区“质量月”活动启动仪式举行。", None),  # a day, no time of it
        ("东林活动上午几点开始", "活动于下午2点准时开始。", "下午2点"),
        ("东林活动几点开始", "马小华提出3点要求。", None),  # points made, no hour
    ],
)
def test_a_time_of_day_asked_is_answered_by_a_clock_time(question: str, sentence: str, span: str | None) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert q.answer_type.name == "date" and q.wants_hour
    assert "几点" not in q.terms
    assert find_span(q.answer_type, sentence, hour=q.wants_hour) == span


@pytest.mark.parametrize(
    "question",
    [
        "北京24年質量月的主題是“加強質量支撐 共建質量強省”？",  # supposed by the question mark alone
        "北京24年质量月的主题是“加强质量支撑 共建质量强省”吧",
    ],
)
def test_a_quoted_answer_supposed_is_answered_by_the_notices_own(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.found and "共建质量强国" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["东林区长提了几点要求", "加强协调是那几点要求里的第几点"])
def test_points_counted_are_no_time_of_day(question: str) -> None:
    assert not parse_query(question, today=TODAY, subjects=[]).wants_hour


@pytest.mark.parametrize(
    ("line", "signed"),
    [
        ("发布时间:2031-09-02 作者: 来源: 浏览:1507", None),  # an empty row before the next row's label
        ("(记者 马小华)", "(记者 马小华)"),
    ],
)
def test_an_empty_author_row_signs_no_one(line: str, signed: str | None) -> None:
    from bot.answering.answer_types import byline
    from bot.ingest.extract import PAGE_ROW

    assert byline(line) == signed
    assert "来源" not in [value for _label, value in PAGE_ROW.findall(line)]


def test_the_winners_asked_are_not_the_government_that_gave_the_award(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "award", "东林市2031年“质量月”活动启动\n启动仪式上,宣读了东林市人民政府《关于第六届"
                                "东林市市长质量奖授奖的决定》,并为获奖组织颁发了奖牌。")
    answer = engine.ask("东林市第六届市长质量奖都是哪些企业获奖")
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("省市场监管局", "市场监管局", True),  # 市场 is a word, not the level 市
        ("市住建局", "住建局", True),
        ("省市场监管局", "场监管局", False),
    ],
)
def test_an_office_is_the_same_whatever_level_it_is_named_by(a: str, b: str, same: bool) -> None:
    assert _same_unit(a, b) is same


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("今年9月东林市将组织开展为期一个月的“质量月”活动", "为期一个月"),
        ("将开展为期3个月的“蓝剑4号”专项执法检查", "为期3个月"),
        ("该奖每两年评选一次,截至目前共有28家组织获奖", "每两年评选一次"),
        ("活动时间:2016年9月1日至2016年9月30日", "9月1日至2016年9月30日"),
        ("2022年东林市“质量月”活动正式启动", None),  # a year is no span of time
        ("请于10月8日前报送活动总结", None),
        ("发布了2031年上半年全市产品质量总体状况", None),  # a half of the year, not how long
    ],
)
def test_how_long_is_answered_by_a_span_of_time(sentence: str, span: str | None) -> None:
    assert find_span(DURATION_T, sentence) == span


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("东林质量月搞多长时间", "duration"),
        ("东林质量奖多久评一次", "duration"),
        ("东林质量月几号开始", "date"),
    ],
)
def test_how_long_asks_a_span_not_a_date(question: str, answer_type: str) -> None:
    assert parse_query(question, today=TODAY, subjects=[]).answer_type.name == answer_type


def test_the_campaigns_time_is_not_its_report_deadline(engine: Engine) -> None:
    """A notice that states no period of its own: "活动时间" is not found, not the date to report by."""
    answer = engine.ask("四川2024年质量月活动时间")
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("开展质量安全知识进企业、进社区、进学校活动,提升社会质量安全意识。", "进企业、进社区、进学校"),
        ("开展消费品质量安全“进社区、进学校、进乡镇”教育宣传活动", "进社区、进学校、进乡镇"),
        ("积极推进质量法律知识进乡村,增强农民识假辨假能力", "进乡村"),
        ("质量知识进学园社区商场企业“四进”活动", "进学园社区商场企业"),
        ("促进质量提升,引进高端人才", None),  # 促进, 引进 carry nothing anywhere
    ],
)
def test_where_knowledge_is_carried_is_read_as_a_list_of_places(sentence: str, span: str | None) -> None:
    assert find_span(PLACE_T, sentence, carried=True) == span


def test_a_venue_question_is_not_answered_by_where_knowledge_is_carried() -> None:
    assert find_span(PLACE_T, "开展质量安全知识进企业、进社区活动。") is None


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("东林2016年质量月是为了贯彻哪两个纲要", {"为了", "两个"}),
        ("东林2024质量月活动内容分哪几块", {"几块"}),
        # where the asker read it is no topic, and the words around it are cut as words
        ("东林22年质量月总结里说唱响了几支啥", {"总结", "说唱"}),
        ("东林2021质量月报道里提到哪些企业", {"报道", "提到"}),
        ("东林2016质量月那篇里 东林质量奖当时一共有几个", {"那篇里", "那篇"}),
        # the kind of place asked is no topic
        ("东林17年质量月要推动质量知识进哪些地方", {"地方"}),
        ("东林24年质量月启动放在哪个市", {"个市", "市", "放在"}),
        ("东林2021年质量月启动仪式定在哪个城市", {"定在", "城市"}),
        # "跟…一起办": how it was held, not what about
        ("东林2022质量月启动仪式是跟哪个市一起办的", {"一起"}),
        ("东林质量讲堂要不要收费", {"不要", "要不要"}),
        ("东林2024质量月对接人是哪两位", {"两位"}),  # how many are asked, not what about
        ("东林县质量月启动那天检验了多少副眼镜", {"那天"}),
        # a run of function words written as one word: "each is"
        ("东林和西林的质量月主题各是什么", {"各是", "各"}),
        ("另外东林“质量服务在企业”活动是哪份通知里提的", {"另外", "哪份"}),  # which one, besides
        ("东林首席质量官除了案例征集还要走进哪里", {"除了"}),
        # the verb holding an event is how its date or place is asked ("是哪天举行的", "在哪举办")
        ("东林2031年质量月启动仪式是哪天举行的", {"举行"}),
        ("东林质量论坛在哪举办", {"举办"}),
        # the year already named, the country every notice is of, the kind of office asked
        ("东林2031年质量月启动那年是我国第几个质量月", {"那年", "我国"}),
        ("东林2031年质量月启动仪式是哪家单位承办的", {"单位"}),
        # a greeting to the group, the exact words asked, the national level said so, how many kinds listed
        ("大家好,请教下2031年国家层面那次质量月,主题原话怎么说的", {"大家", "请教", "层面", "原话"}),
        ("早~东林2031年质量月启动仪式在哪", {"早"}),
        ("2031年全国质量整治要抽检的两类食品是啥", {"两类"}),
    ],
)
def test_how_a_question_asks_is_no_topic(question: str, left_out: set[str]) -> None:
    assert not left_out & set(parse_query(question, today=TODAY, subjects=[]).terms)


@pytest.mark.parametrize(
    ("sentence", "slogans"),
    [
        ("公布了“好质量好生活”、“走质量强国之路”等十条宣传口号", "好质量好生活、走质量强国之路"),
        # the theme and activities' names are no slogans
        ("主题是“深化质量提升”,将开展“东林质量精神口号征集”“我最喜爱的100个东林名牌”评选", None),
    ],
)
def test_slogans_are_quotes_of_their_own(sentence: str, slogans: str | None) -> None:
    assert find_span(SLOGANS_T, sentence) == slogans


@pytest.mark.parametrize(
    ("question", "heading", "items"),
    [
        ("天水2016年质量月活动要求有哪几条", "五、活动要求(共3项)", ["(一)加强活动组织领导。", "(三)提升活动实际成效。"]),
        ("四川2024年质量月工作要求有哪些", "四、工作要求(共3项)", ["(一)加强统筹。", "(三)加强宣传。"]),
        # how many items a heading has, where no sentence says: its items counted
        ("天水市2016年质量月活动重点一共几项", "四、活动重点(共7项)", ["(一)开展创建工作集中宣传活动,提高质量安全水平。"]),
    ],
)
def test_a_headings_items_are_listed_when_the_question_names_the_heading(
        engine: Engine, question: str, heading: str, items: list[str]) -> None:
    answer = engine.ask(question)
    assert heading in answer.answer and all(f"· {x}" in answer.answer for x in items), answer.answer


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("日前,东林省市场监管局联合省发改委等21个部门启动了2022年全省“质量月”活动。", "东林省市场监管局"),
        ("东林市质量强市办会同各成员单位举办启动仪式", "东林市质量强市办"),
        ("由东林市市场监管局牵头,各部门配合", "东林市市场监管局"),
        ("东林市举办了联合执法行动", None),  # 联合 after no office: nobody leads by joining
        # offices listed before "等部门联合": the first named leads
        ("8月13日,东林省质量技术监督局、东林省委宣传部等部门联合发出《关于开展2019年“质量月”活动的通知》",
         "东林省质量技术监督局"),
    ],
)
def test_an_office_that_joins_others_to_the_campaign_leads_it(sentence: str, unit: str | None) -> None:
    span = find_span(UNIT_T, sentence, cue="牵头")
    assert span == unit if unit is None else (span is not None and unit in span), span


@pytest.mark.parametrize(
    ("question", "intent"),
    [("天水2016年质量月几号结束", "period"), ("东林质量月什么时候结束", "period")],
)
def test_when_it_ends_asks_the_campaigns_period(question: str, intent: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert intent in q.intents and "结束" not in q.terms, q.terms  # how the end is asked, no topic word


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("2031年东林质量月是按东政办发几号文件部署的", "东政办发〔2031〕18号"),  # the cited document's, by its prefix
        ("2031年东林质量月通知文号是多少", "东质发〔2031〕7号"),  # the notice's own
    ],
)
def test_a_document_number_asked_by_its_prefix_is_the_one_cited_with_it(tmp_path: Path, question: str,
                                                                      number: str) -> None:
    engine = engine_with_notice(tmp_path, "cited", "东林省关于开展2031年“质量月”活动的通知\n东质发〔2031〕7号\n各市州:\n"
                                "按照《东林省质量提升行动计划》(东政办发〔2031〕18号)部署,开展2031年“质量月”活动。\n")
    answer = engine.ask(question)
    assert answer.found and number in answer.answer.splitlines()[0], answer.answer
    assert "date" not in {parse_query(question, today=TODAY, subjects=[]).answer_type.name}


def test_whom_a_notice_is_issued_to_is_its_addressee_line(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "issued-to", "西林市市场监督管理局关于开展2031年“质量月”活动的通知\n"
                                "机关各股室、分局,所属事业单位:\n现将《西林市2031年“质量月”活动方案》,印发给你们,请认真贯彻执行。\n")
    answer = engine.ask("西林2031年质量月方案是印发给哪些单位的")
    assert answer.found and "机关各股室" in answer.answer.splitlines()[0], answer.answer


def test_when_the_campaign_ends_is_answered_by_its_period(engine: Engine) -> None:
    answer = engine.ask("天水2016年质量月活动什么时候结束")
    assert answer.found and "9月30日" in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    "question",
    ["2031年东林市质量月是不是10月份开展", "东林质量月是10月搞的吧", "东林质量月宣传活动是不是10月份搞"],
)
def test_a_month_supposed_asks_a_date_and_is_no_topic_word(question: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert q.answer_type is DATE_T and not [t for t in q.terms if "月份" in t or t.startswith("10")], q.terms


@pytest.mark.parametrize(
    "question",
    ["东林那个计量服务行是哪个股牵头搞的", "东林开放日是哪个股室牵头", "东林宣传周哪个科负责", "东林抽检是哪个所做的"],
)
def test_which_section_of_an_office_asks_a_unit(question: str) -> None:
    assert parse_query(question, today=TODAY, subjects=[]).answer_type is UNIT_T


@pytest.mark.parametrize(
    ("question", "supposed"),
    [
        ("2031年东林市质量月联系人是不是马小华?", "马小华"),
        ("东林市质量月联系人是马小华吧", "马小华"),
        ("东林市质量月的主题是“质量东林”?", "质量东林"),
        ("东林市质量月总结报送邮箱是否为dl@163.com", "dl@163.com"),
    ],
)
def test_the_answer_a_question_supposes_is_no_topic_word(question: str, supposed: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert not [t for t in q.terms if t in supposed], q.terms


@pytest.mark.parametrize(
    "question",
    ["天水市质量月2016的通知哪天签发的", "东林通知什么时候印发的", "西林那个文件签发日期", "通知几号下发的",
     "2031年东林质量月通知落款是几月几号"],  # the date signed, not the campaign's month
)
def test_when_it_was_signed_or_issued_asks_the_issue_date(question: str) -> None:
    intents = parse_query(question, today=TODAY, subjects=[]).intents
    assert "issue_date" in intents and not intents & {"period", "deadline"}, intents


def test_a_units_themed_activity_is_its_duty_not_the_campaigns_theme(engine: Engine) -> None:
    answer = engine.ask("2014年全国工商联质量月主题活动是啥")
    assert answer.found and "加强质量诚信建设" in answer.answer, answer.answer


def test_a_sites_own_hotline_is_no_contact_of_the_campaign(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "page.txt", "东林在线 -- 岱岭支站\n东林县开展2020年“质量月”活动\n"
                                "9月1日,东林县市场监管局在县广场开展质量月宣传活动。\n新闻热线:0580-4406519")
    assert not engine.ask("东林县2020年质量月联系电话是多少").found


@pytest.mark.parametrize(
    ("question", "answered", "shown"),
    [
        ("东林县2021年质量月第二方面工作是啥", True, "第2项(共3项):抓好工作重点"),
        ("东林县2021年质量月最后一方面工作是啥", True, "第3项(共3项):推广优秀案例"),
        ("东林县2021年质量月第五方面工作是啥", False, ""),  # a list of three has no fifth
        ("东林县2021年质量月第二类工作是啥", True, "第2项(共3项):抓好工作重点"),  # counted by other measures
        ("东林县2021年质量月第六支是啥", False, ""),
    ],
)
def test_the_nth_item_of_a_list_in_the_running_text(tmp_path: Path, question: str, answered: bool,
                                                    shown: str) -> None:
    engine = engine_with_notice(tmp_path, "report.txt", "东林县开展2021年“质量月”活动\n"
                                "东林县各单位将做好三方面工作。一是加强组织领导;二是抓好工作重点,力求突破;三是推广优秀案例。")
    answer = engine.ask(question)
    assert answer.found is answered and shown in answer.answer, answer.answer


NUMBERED_SUMMARY = ("东林市2019年“质量月”活动总结\n2019年9月,东林市开展了“质量月”活动。主要活动如下。\n"
                    "1.表彰宣传年度东林市政府质量奖获奖组织\n举行表彰活动,宣传推广获奖组织的先进质量管理模式。\n"
                    "2.评选推广先进质量管理方法\n选树一批优秀案例。\n3.开展质量公益宣传活动\n发布质量公益广告。")
ENUMERATED_REPORT = ("西岭县2008年“质量月”活动综述\n截至目前,西岭县质监局已开展了以下几项活动:一是开展了质量月现场宣传咨询"
                     "服务活动;二是开展了“质监服务进园区”活动;三是组织开展了月饼产品质量监督抽查活动;四是将“质量月”活动的"
                     "主题内容以短信的形式发送给了全县的3000多手机用户。")


@pytest.mark.parametrize(
    ("notice", "question", "answered", "shown"),
    [
        # numbered headings with no heading above them are the report's list of activities
        (NUMBERED_SUMMARY, "东林市2019年质量月第3项活动是什么", True, "第3项(共3项):3.开展质量公益宣传活动"),
        (NUMBERED_SUMMARY, "东林市2019质量月主要活动第一条是啥", True, "第1项(共3项):1.表彰宣传"),
        (NUMBERED_SUMMARY, "东林市2019年质量月第4项活动是什么", False, ""),
        # an ordinal asks one item of the list in the text, not the whole programme
        (ENUMERATED_REPORT, "西岭县2008年质量月第四项活动是干啥", True, "第4项(共4项):将“质量月”活动的主题内容以短信"),
    ],
)
def test_the_nth_activity_is_the_nth_item_of_the_notices_list(tmp_path: Path, notice: str, question: str,
                                                              answered: bool, shown: str) -> None:
    answer = engine_with_notice(tmp_path, "report", notice).ask(question)
    assert answer.found is answered and shown in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        ("地址:林芝市江苏路19号 | CopyRight", "地址:林芝市江苏路19号"),
        ("请将材料寄至东林市人民路88号市场监管局3楼", "东林市人民路88号市场监管局3楼"),
        ("在东林省应急管理厅官微、官网发布", None),  # where it is published is no address
    ],
)
def test_an_address_asked_is_a_street_address(sentence: str, address: str | None) -> None:
    assert find_span(PLACE_T, sentence, address=True) == address


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("举办全国领导干部质量发展专题研究班", None),  # 干部 are cadres, not a 部
        ("认真做好大会筹办工作", None),  # a 大会 is a meeting
        ("由东林市质量协会主办", "东林市质量协会"),  # 由 opens no name
        ("持续推动为民办质量实事,开展点亮行动", None),  # 民办 is no office: two characters need a level
        ("由市局负责", "市局"),  # a level's own office in two characters
        ("由团委负责", "团委"),  # and a body named whole in two characters
    ],
)
def test_words_that_end_like_an_office_are_not_units(sentence: str, unit: str | None) -> None:
    assert find_span(UNIT_T, sentence) == unit


def test_a_detail_of_an_event_is_answered_by_the_sentence_that_states_it(tmp_path: Path) -> None:
    """The launch's date and place do not say which company spoke: the report's sentence does."""
    engine = engine_with_notice(tmp_path, "launch.txt", "林芝市举行2021年质量月启动仪式\n"
                                "9月2日,林芝市质量强市办牵头举办2021年“质量月”活动启动仪式。"
                                "启动会现场,高原线缆厂总经理王小松作为企业代表发言。")
    answer = engine.ask("林芝市2021年质量月启动会上发言的企业代表是哪个厂的")
    assert "高原线缆厂" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("为进一步贯彻落实国务院《质量发展纲要》", "国务院"),  # the verbs before a name are not part of it
        ("东林省住房和城乡建设厅印发通知", "东林省住房和城乡建设厅"),  # 和 inside a name stays
        ("中国石油和化学工业联合会主办", "中国石油和化学工业联合会"),
        ("此次宣传活动由东林市市场监督管理局主办", "东林市市场监督管理局"),
    ],
)
def test_a_unit_is_named_from_its_first_noun(sentence: str, unit: str) -> None:
    assert find_span(UNIT_T, sentence) == unit


@pytest.mark.parametrize(
    ("sentence", "measure", "noun", "span"),
    [
        ("今年是全国第46个“质量月”", "个", "质量月", "第46个“质量月”"),
        ("发布了首批团体标准", "批", "", "首批"),
        ("对获得第四届质量奖的10家企业进行表彰", "届", "", "第四届"),
        ("对获得第四届质量奖的10家企业进行表彰", "家", "企业", None),  # 第几家 is not asked by 几家
    ],
)
def test_a_place_in_a_series_is_read_with_its_ordinal(sentence: str, measure: str, noun: str,
                                                      span: str | None) -> None:
    assert find_span(COUNT_T, sentence, measure=measure, noun=noun, nth=True) == span


@pytest.mark.parametrize(
    ("question", "measure", "nth"),
    [("天津2021质量月表彰了几家企业,是第几届质量奖", "届", True),
     ("天津2021质量月表彰了几家企业,是第几届质量奖", "家", False)],
)
def test_which_measure_asks_a_place_in_a_series(question: str, measure: str, nth: bool) -> None:
    assert parse_query(question, today=TODAY, subjects=[]).wants_nth(measure) is nth


@pytest.mark.parametrize(
    ("sentence", "measure", "noun", "span"),
    [
        # one written as an article ("一次", "一场别开生面的…") counts only what its own measure asks
        ("今年将开展一次联合体建设推进活动", "个", "联合体", None),
        ("质青学堂迎来了一场别开生面的科普活动", "场", "", "一场别开生面的科普活动"),
        # "统一投稿": 一 inside a word before what is asked counts nothing
        ("作品由单位统一投稿", None, "投稿", None),
        ("共收到投稿3000件", "件", "投稿", "3000件"),
        # a measure the notices' counts seldom use, written after the number
        ("大桥全长860米", "米", "", "860米"),
    ],
)
def test_a_count_is_of_the_measure_asked_and_one_as_an_article_counts_nothing_else(
        sentence: str, measure: str | None, noun: str, span: str | None) -> None:
    assert find_span(COUNT_T, sentence, measure=measure, noun=noun) == span


def test_a_count_asked_with_no_topic_but_its_verb_is_the_notices_count_of_that_thing(tmp_path: Path) -> None:
    """"一共安排了多少项活动": 安排 asks the count; the sentence saying "组织开展…11项活动" answers."""
    engine = engine_with_notice(tmp_path, "league", "西林县2031年“质量月”活动启动\n9月4日,西林县“质量月”活动启动。"
                                "县市场监管局副局长马小华介绍,今年将组织开展质量宣传、质量提升等11项活动。")
    answer = engine.ask("西林县2031年质量月一共安排了多少项活动")
    assert answer.found and "11项" in answer.answer, answer.answer


def test_a_measure_typed_with_a_character_of_the_same_sound_is_that_measure() -> None:
    assert parse_query("东林市级部门一共做了多少向活动", today=TODAY, subjects=[]).measure == "项"


@pytest.mark.parametrize(
    ("cue", "span"),
    [("牵头", "市科协"), ("配合", "市教育局、市质监局")],
)
def test_who_leads_or_supports_in_a_table_row_is_the_cell_under_that_head(cue: str, span: str) -> None:
    row = "5 | “质量与生活”知识竞赛 | 时间:9/10—9/25 | 地点:东林网 | 牵头单位:市科协 | 配合单位:市教育局、市质监局"
    assert find_span(UNIT_T, row, cue=cue) == span


def test_a_count_of_a_named_kind_is_answered_by_its_big_n() -> None:
    assert find_span(COUNT_T, "全力推进标准城市建设十大行动", measure="项", noun="行动") == "十大行动"


@pytest.mark.parametrize(
    ("word", "only_phrasing"),
    [
        ("上去", True),  # "最晚几号要交上去": a verb's complement no notice holds
        ("下来", True),
        ("开放日", False),  # a thing no notice holds: still what the question is about
        ("传真", False),
        ("budget", False),  # a Latin word no notice holds names a thing none of them has
        ("总结", False),  # a word the notices hold
        ("第十七届", False),  # a numbered instance no notice holds: that one, not any
        ("东航", False),  # a rare word, an abbreviation: a name
        ("电脑", False),  # an everyday noun no notice holds: still a thing asked about
    ],
)
def test_a_word_no_notice_holds_that_names_no_thing_is_only_how_a_typed_question_is_put(
        knowledge, word: str, only_phrasing: bool) -> None:
    assert engine_module._only_phrasing(word, Index(knowledge)) is only_phrasing


@pytest.mark.parametrize(
    ("question", "corrected"),
    [
        ("全国范围内组织了多少项活洞", "全国范围内组织了多少项活动"),  # jieba cuts it 项活|洞
        ("陕西诚信兴商宣传月是哪个部门负责的", "陕西诚信兴商宣传月是哪个部门负责的"),  # two words: no typo
    ],
)
def test_a_typo_jieba_cut_apart_is_corrected_to_a_word_of_the_notices(question: str, corrected: str) -> None:
    known = {"活洞": "活动", "信兴": "新兴"}
    assert correct_typos(question, lambda w: 0.0, known.get) == corrected


@pytest.mark.parametrize(
    ("question", "expanded"),
    [
        ("少儿绘画活动哪天启动", "少年儿童绘画活动哪天启动"),  # no notice holds 少儿: the word it shortens
        ("安监部门负责什么", "安全监管部门负责什么"),
        ("绘画活动哪天启动", "绘画活动哪天启动"),  # words the notices hold stay
    ],
)
def test_a_contraction_no_notice_holds_is_read_as_the_notices_word_it_shortens(question: str, expanded: str) -> None:
    held = {"绘画", "活动", "启动", "部门", "负责", "少年儿童", "安全监管"}
    contracted = {"少儿": "少年儿童", "安监": "安全监管"}
    assert correct_typos(question, lambda w: float(w in held), None, contracted.get) == expanded


@pytest.mark.parametrize(
    ("words", "keys"),
    [("部门", ["_门", "部_"]), ("少年儿童", ["少_儿_"]), ("质量月", []), ("QC小组", [])],
)
def test_wildcard_keys_find_typos_of_two_character_words_and_contractions_of_four(words: str, keys: list[str]) -> None:
    assert pair_wildcards(words) == keys


@pytest.mark.parametrize(
    ("question", "asks_theme"),
    [
        ("东林2023年质量月主题是什么", True),
        ("东林2023質量月主題宣傳都通過哪些渠道", False),  # 主题宣传 is publicity, not the theme
        ("东林2024质量月启动会参观的主题展览叫啥", False),
        ("东林2023年质量月主题活动上发布了啥名单", False),
    ],
)
def test_the_theme_is_asked_only_where_主题_is_not_a_modifier(question: str, asks_theme: bool) -> None:
    assert ("theme" in parse_query(question, today=TODAY, subjects=[]).intents) is asks_theme


@pytest.mark.parametrize(
    ("sentence", "cue", "named"),
    [
        ("会上,魏小媛详细宣读了《关于开展2024年质量月活动的通知》", "宣读", True),
        ("启动仪式由吴向东主持,马小华致辞,王小松宣布“质量月”活动正式启动。", "宣布", True),
        ("会上,大家宣读了倡议书", "宣读", False),  # 大家 names nobody
        ("会上宣读了倡议书", "宣读", False),
        ("甘小远在讲话中指出,要深入实施质量强省战略", "讲话", True),  # a rarer surname, read as a name
        ("项目经理兰小清传达了文件精神,受邀单位相关人员做了动员讲话", "讲话", False),  # a group spoke, not him
        ("会上,马小华作重要讲话", "讲话", True),
        ("会上在讲话中指出,要加强质量监管", "讲话", False),
    ],
)
def test_a_person_named_right_before_the_verb_asked_answers(sentence: str, cue: str, named: bool) -> None:
    assert (find_span(PERSON_T, sentence, cue=cue) is not None) is named


@pytest.mark.parametrize(
    ("term", "held", "parts"),
    [
        ("中交东航院", {"东航院": 0.01}, ["东航院"]),  # a group's prefix before its unit's short name
        ("中冶建研总院", {"建研总院": 0.01, "研总院": 0.01}, ["建研总院"]),  # the longest part first
        ("东航院", {"东航院": 0.01}, []),  # held whole: no part needed
        ("中交东航院", {"航院": 0.2}, []),  # two characters single nothing out
    ],
)
def test_a_name_no_notice_holds_whole_is_scoped_by_the_part_they_hold(term: str, held: dict[str, float],
                                                                       parts: list[str]) -> None:
    class Shares:
        def unit_share(self, word: str) -> float:
            return held.get(word, 0.0)

    assert _known_parts(term, Shares()) == parts  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("2024年中交东航院质量月联系人是谁", False),  # an organisation no notice names: not Beijing's contact
        ("北京2024年质量月联系人是谁", True),
        ("北京質量月有事發哪個郵箱", True),  # 事发 is jieba's cut of everyday words, not a name
    ],
)
def test_a_name_no_notice_holds_is_not_answered_by_another_notices_fact(engine: Engine, question: str,
                                                                       answered: bool) -> None:
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "level_word", "is_topic"),
    [
        ("山东2015年全省质量月主题是什么", "全省", False),  # 全省 is Shandong said again
        ("株洲2023年全市质量月安排了多少项活动", "全市", False),
        ("兴安盟全盟质量月有哪些活动", "全盟", False),
        ("全省质量月主题是什么", "全省", True),  # no province named: 全省 is all the question says of its place
        ("株洲市质量工作在全省考核中排第几", "全省", True),  # a city's notice: 全省 is another place
    ],
)
def test_a_level_word_for_the_region_named_is_no_topic(question: str, level_word: str, is_topic: bool) -> None:
    assert (level_word in parse_query(question, today=TODAY, subjects=[]).terms) is is_topic


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("西岭县2019年质量月那个机器人是哪家公司做的", False),  # the office using it did not make it
        ("西岭县2019年质量月那个机器人是哪个单位的", True),  # an office is what this one asks
    ],
)
def test_a_company_asked_is_not_answered_by_a_government_office(tmp_path: Path, question: str,
                                                                answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "report", "西岭县开展2019年“质量月”宣传活动\n"
                                "活动现场,县市场监管局AI质量宣传员机器人“小质”上台宣讲“质量月”活动内容。"
                                "西岭县某某机械厂宣读了质量诚信倡议书。")
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer


@pytest.mark.parametrize(
    ("question", "shown", "not_shown"),
    [
        # a list written as one sentence of clauses is answered whole, not by its first clause
        ("西岭县2019年质量月启动时提的质量倡议是啥", "争当质量品牌的引领者", ""),
        # the headline says what happened; the body says what it was
        ("西岭县2019年发布的西岭质量精神是哪句话", "守信于品", "发布“西岭质量精神”\n出处"),
    ],
)
def test_an_open_answer_is_the_bodys_whole_sentence(tmp_path: Path, question: str, shown: str,
                                                    not_shown: str) -> None:
    engine = engine_with_notice(tmp_path, "report", "西岭县启动2019年质量月活动 发布“西岭质量精神”\n"
                                "9月2日,西岭县2019年“质量月”活动启动。会上发布了西岭质量精神:“守信于品,重质于行”。\n"
                                "县长康某还提出了质量倡议,坚持“质量第一”理念,争当卓越质量的追随者;争当质量创新的开拓者;"
                                "争当质量品牌的引领者。")
    answer = engine.ask(question)
    assert answer.found and shown in answer.answer, answer.answer
    assert not not_shown or not_shown not in answer.answer, answer.answer


def test_an_open_question_answered_by_a_heading_is_answered_by_the_paragraph_under_it(tmp_path: Path) -> None:
    """"(四)及时总结,报送信息。" names what its paragraph says; the paragraph is the answer."""
    engine = engine_with_notice(tmp_path, "notice", "西岭县关于开展2031年“质量月”活动的通知\n"
                                "一、活动要求\n(一)加强领导。各单位要高度重视。\n"
                                "(二)及时总结,报送信息。请将活动图片和好做法好经验报送县质强办。")
    answer = engine.ask("西岭县2031年质量月要求及时报送啥")
    assert answer.found and "好做法好经验" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("大连市2031年质量月要对哪几项搞一次桩基检查", True),  # 桩基 only that notice holds
        ("大连市2031年质量月活动几号开始", False),  # words every notice holds: which one is meant?
        ("大连市2029年质量月要对哪几项搞一次桩基检查", False),  # not of that year
    ],
)
def test_a_notice_naming_no_place_answers_a_place_only_by_a_word_it_alone_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, question: str, found: bool) -> None:
    """A page whose place stood only in its web address names none: a question naming a place no loaded
    notice is of is answered from it only by words it alone holds (share 1/6 here, under the threshold
    set), never by what every launch says."""
    monkeypatch.setattr(engine_module, "RARE_TOPIC_SHARE", 0.2)
    engine = engine_with_notice(tmp_path, "page", "关于开展2031年度“质量月”活动的通知\n"
                                "各县(市)、区建设行政主管部门:\n我委定于今年9月份在我市建设系统开展“质量月”活动。"
                                "9月1日,启动仪式在市民广场举行。要对桩基工程、幕墙工程进行一次桩基检查。")
    answer = engine.ask(question)
    assert answer.found is found, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("2031年第七届质量安全绘画活动哪天启动", True),  # 绘画 only the undated page holds
        ("2031年质量活动是哪天启动", False),  # words other notices hold: which one is meant?
        ("2031年第七届质量安全绘画活动的吉祥物叫什么", False),  # 吉祥物: the page does not hold every word
    ],
)
def test_a_page_stating_no_year_answers_a_year_only_by_a_word_it_alone_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, question: str, found: bool) -> None:
    """A news page dated "9月6日" alone states no year: a question naming a year whose notices do not
    answer is answered from it only by words it alone holds, as a page stating no place is."""
    monkeypatch.setattr(engine_module, "RARE_TOPIC_SHARE", 0.2)
    for n, text in enumerate(["质量月活动启动。", "质量月活动启动了。", "请于9月30日前报送总结。", "开展质量宣传。"]):
        (tmp_path / f"dated{n}.txt").write_text(f"未名{n}关于开展2031年“质量月”活动的通知\n{text}", encoding="utf-8")
    engine = engine_with_notice(tmp_path, "page", "第七届“质量安全”少年儿童绘画活动启动\n9月6日,由东林质量协会主办的"
                                "第七届“质量安全”少年儿童绘画活动正式启动。")
    answer = engine.ask(question)
    assert answer.found is found, answer.answer
    assert not found or "9月6日" in answer.answer


def test_the_kind_asked_may_be_named_by_the_heading_a_sentence_is_under(engine: Engine) -> None:
    """"大讲堂讲什么内容": the sentence about the 大讲堂, under "二、重点活动内容", not that heading."""
    answer = engine.ask("北京质量月大讲堂讲什么内容")
    assert answer.found and "先进质量管理方法" in answer.answer, answer.answer


def test_a_report_filed_under_the_county_it_was_held_in_is_of_the_prefecture_its_opening_names(
        tmp_path: Path) -> None:
    """A report opening "红河州开展…" about an event at a square in 蒙自市 is read as 蒙自市's; asked
    of 红河州 (short for 红河哈尼族彝族自治州), whose own notices are not loaded, it answers."""
    engine = engine_with_notice(tmp_path, "square", "加大宣传力度 叫响质量品牌\n红河州开展“质量月”现场宣传活动\n"
                                "2031年9月9日上午,红河州蒙自市人民广场人潮涌动,现场宣传活动开始启动。")
    answer = engine.ask("红河州2031年质量月现场宣传活动是几号搞的")
    assert answer.found and "9月9日" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "row"), [("西林县2031年质量月安排表里第2项是什么活动", "质量讲堂"),
                                               ("西林县2031年质量月安排表里第5项是什么活动", None)])
def test_the_nth_item_of_a_table_is_its_row_so_numbered(tmp_path: Path, question: str, row: str | None) -> None:
    engine = engine_with_notice(tmp_path, "table", "西林县2031年“质量月”活动安排表\n序号 | 活动名称 | 牵头单位\n"
                                "1 | 启动仪式 | 县市场监管局\n2 | 质量讲堂 | 县科协\n3 | 计量开放日 | 县计量所")
    answer = engine.ask(question)
    assert (row in answer.answer) if row else "第5项" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("西质发〔2031〕7号是关于什么的文件", "西林县关于开展2031年“质量月”活动的通知"),  # the notice's own number
        ("东质发〔2031〕3号是什么文件", "东林市质量月活动方案"),  # the title a sentence writes before it
    ],
)
def test_a_documents_number_asked_is_answered_by_its_title(tmp_path: Path, question: str, title: str) -> None:
    engine = engine_with_notice(tmp_path, "numbered", "西林县关于开展2031年“质量月”活动的通知\n西质发〔2031〕7号\n"
                                "各乡镇:\n按照《东林市质量月活动方案》(东质发〔2031〕3号)部署,开展活动。")
    answer = engine.ask(question)
    assert answer.found and f"《{title}》" in answer.answer, answer.answer


def test_the_verb_asked_may_close_a_sentence_of_clauses(tmp_path: Path) -> None:
    """"X副市长从A;B;C三个方面,发表了重要讲话。": the speaker is named in the first clause, the speech in the last."""
    engine = engine_with_notice(tmp_path, "launch", "西岭县举办2019年“质量月”启动仪式\n"
                                "启动仪式上,西岭县黄小霞副县长从充分认识质量工作意义,打牢思想基础;坚持质量提升原则,夯实工作基础;"
                                "加强质量工作统筹领导,奠定组织基础三个方面,发表了重要讲话。")
    answer = engine.ask("西岭县2019质量月启动仪式上哪位副县长讲的话")
    assert answer.found and "黄小霞" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        # the office is named in the clause before the verb: that clause and the verb's
        ("9月2日,东林市市场监督管理局,在人民广场举办“质量月”宣传活动。", "东林市市场监督管理局,在人民广场举办“质量月”宣传活动"),
        # "我市…举办": no office is named near the verb; a sentence of clauses is no unit's name
        # a comma inside quotes delimits no clause: the offices are in the clause before the verb's
        ("近日,东林市烟草专卖局、东林烟草集团有限责任公司以“夯实质量基础建设,增强质量发展活力”为主题,举办2021年“质量月”活动。",
         "东林市烟草专卖局、东林烟草集团有限责任公司以“夯实质量基础建设,增强质量发展活力”为主题,举办2021年“质量月”活动"),
        ("为深入实施质量强市战略,大力开展质量提升行动,9月16日,我市聚焦今年质量月主题,在城区明珠广场举办2022年"
         "全国“质量月”文明诚信主题宣传活动。", None),
    ],
)
def test_a_unit_answer_is_the_clause_that_names_the_office(sentence: str, unit: str | None) -> None:
    assert find_span(UNIT_T, sentence, cue="举办") == unit


@pytest.mark.parametrize(
    ("question", "answered", "note"),
    [
        # the undated report quotes the theme a dated notice gives for 2011: it answers 2011, not 2015
        ("秭归县2011年质量月启动哪位县领导讲话", True, "它引用的活动主题是2011年的"),
        ("秭归县2015年质量月启动哪位县领导讲话", False, ""),
    ],
)
def test_an_undated_report_is_of_the_year_whose_theme_it_quotes(tmp_path: Path, question: str, answered: bool,
                                                               note: str) -> None:
    (tmp_path / "province.txt").write_text("2011年湖北省“质量月”活动通知\n今年“质量月”活动的主题是“加强质量管理,共建和谐秭归”。",
                                           encoding="utf-8")
    engine = engine_with_notice(tmp_path, "county", "秭归县质量月活动启动\n9月7日,秭归县质量月活动启动仪式举行,"
                                "活动围绕“加强质量管理 共建和谐秭归”的主题展开。副县长向小才到场并作重要讲话。")
    answer = engine.ask(question)
    assert answer.found is answered and note in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("name", "is_unit"),
    [
        ("筹办全省质量强省建设工作现场推进会", False),  # a meeting, not an organisation
        ("东林市质量工作座谈会", False),
        ("东林省质量协会", True),
        ("东林省质量促进会", True),
        ("东林省总工会", True),
        ("东林市质量强市工作委员会", True),
    ],
)
def test_a_meeting_is_no_unit(name: str, is_unit: bool) -> None:
    assert bool(UNIT.fullmatch(name)) is is_unit


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("西岭县2019年质量月启动仪式上致辞的领导叫啥名", False),  # a name asked: an office holder unnamed is none
        ("西岭县2019年质量月启动仪式上谁致辞", True),  # "县市场监管局局长" answers who
    ],
)
def test_a_name_asked_needs_a_name(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "launch", "西岭县举办2019年“质量月”启动仪式\n"
                                "9月2日,西岭县2019年“质量月”启动仪式举行,县市场监管局局长致辞。")
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer


@pytest.mark.parametrize(
    ("question", "answered", "shown"),
    [
        ("西岭县2019年质量月活动搞到几月几号结束", True, "9月10日至20日"),  # a span's end, not the launch day
        ("西岭县2019年质量月启动仪式是哪天", True, "9月8日"),
        ("西岭县2019年质量月集中宣传从几号到几号", True, "9月10日至20日"),
        ("西岭县2019年质量月投稿截止到哪天", True, "9月25日"),  # a deadline, not a span's end
    ],
)
def test_when_it_ends_is_answered_by_a_span_ending_not_any_date(tmp_path: Path, question: str, answered: bool,
                                                                 shown: str) -> None:
    engine = engine_with_notice(tmp_path, "report", "西岭县2019年“质量月”宣传活动启动\n"
                                "9月8日,2019年西岭县“质量月”宣传活动在县广场启动。\n"
                                "集中宣传于9月10日至20日在各乡镇开展。\n征文投稿截止日:9月25日。")
    answer = engine.ask(question)
    assert answer.found is answered and shown in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("怀柔16年质量月六方面里最后一条是什么", "怀柔区"),  # a word alone, a place where the knowledge has its notices
        ("怀柔的质量月启动仪式在哪", "怀柔区"),
        ("对企业实行怀柔政策是哪一年", None),  # followed as a word is, not as a place
    ],
)
def test_a_county_the_knowledge_holds_is_read_by_its_short_name(question: str, region: str | None) -> None:
    from bot.answering.query import KnownPlaces
    from bot.regions import regions as region_dictionary

    huairou = region_dictionary().lookup("怀柔区")
    q = parse_query(question, today=TODAY, subjects=[], known_places=KnownPlaces.of({"怀柔": huairou}))
    assert (q.regions[0].name if q.regions else None) == region


@pytest.mark.parametrize(
    ("share", "raised_to", "other", "notice", "question", "shown"),
    [
        # 放在 is held by one notice of another year but is no name: the question about a launch's city is
        # still asked of all that year's notices (the round-up of 2022 has ten), and the launch answers it
        ("RARE_TOPIC_SHARE", 0.1, "西岭县2021年“质量月”活动\n今年的宣传咨询活动放在县体育场举办。",
         "2022年全国建设系统“质量月”启动暨现场观摩活动举行\n9月7日,某某部在山东省青岛市举办全国建设系统“质量月”"
         "启动暨现场观摩活动。", "某某部22年质量月启动现场观摩放在哪个城市", "青岛"),
        # 农残 is in another notice, so it is no unknown word; the asked notice writes it out (农药残留)
        ("SHORT_FORM_MAX_UNIT_SHARE", 0.2, "东川县2018年“质量月”活动\n重点关注农贸市场农产品农残问题。",
         "秭归县2019年“质量月”活动安排\n推进豇豆农药残留治理,启动水产药物残留攻坚治理。", "秭归县2019年质量月农残治理针对啥",
         "豇豆"),
    ],
)
def test_a_word_in_few_notices_is_read_as_corpus_statistics_say(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: str, raised_to: float, other: str, notice: str,
        question: str, shown: str) -> None:
    """With a dozen-odd notices one of them is 6-14% of all: the share named is raised to what one
    notice is among the hundreds it was tuned on."""
    monkeypatch.setattr(engine_module, share, raised_to)
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    answer = engine_with_notice(tmp_path, "asked", notice).ask(question)
    assert answer.found and shown in answer.answer, answer.answer


def test_a_paragraphs_label_says_what_each_of_its_sentences_is_about(tmp_path: Path) -> None:
    """"宜昌市:开展A。开展B。": B is 宜昌's though its sentence does not name the city."""
    engine = engine_with_notice(tmp_path, "province", "湖北省2019年“质量月”活动通知\n各市(州)开展活动摘要\n"
                                "襄阳市:开展汽车产业链企业质量巡诊活动。\n"
                                "宜昌市:开展质量检测数据打假专项行动。开展柑橘产业链企业质量巡诊等活动。")
    answer = engine.ask("宜昌市2019年质量月给哪个产业链做质量巡诊")
    assert answer.found and "柑橘" in answer.answer and "汽车" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("sentence", "cue", "document"),
    [
        # deployed by the plan after 按照, though the policy it carries out is named first
        ("为深入贯彻实施《东林质量发展纲要》,按照《东林纲要2019年行动计划》(东办发〔2019〕8号)的部署,决定开展活动。", "按",
         "《东林纲要2019年行动计划》(东办发〔2019〕8号)"),
        ("为深入贯彻实施《东林质量发展纲要》,按照《东林纲要2019年行动计划》的部署,决定开展活动。", "贯彻", "《东林质量发展纲要》"),
        ("今年活动内容丰富多彩。", "按", None),
    ],
)
def test_a_document_asked_is_the_title_after_the_verb_asked(sentence: str, cue: str, document: str | None) -> None:
    assert find_span(DOCUMENT_T, sentence, cue=cue) == document


@pytest.mark.parametrize("question", ["湖北2019年哪个市办柑橘质量提升技能大比武",
                                      "湖北2019年柑橘质量提升技能大比武在哪个城市办"])
def test_which_city_does_it_is_the_city_labelling_the_sentence(tmp_path: Path, question: str) -> None:
    """"湖北哪个市办…": the city a provincial notice's summary files the activity under."""
    engine = engine_with_notice(tmp_path, "province", "湖北省2019年“质量月”活动通知\n附件 各市(州)开展活动摘要\n"
                                "一、襄阳市:举办汽车质量提升技能大比武。\n二、宜昌市:举办柑橘质量提升技能大比武。")
    answer = engine.ask(question)
    assert answer.found and "宜昌市" in answer.answer.splitlines()[0], answer.answer


def test_which_n_of_them_is_answered_by_the_sentence_counting_them(tmp_path: Path) -> None:
    """"分哪3个层面": the sentence saying "A、B、C3个层面" lists them; the first layer's own sentence does not."""
    engine = engine_with_notice(tmp_path, "report", "秭归县2019年“质量月”活动启动\n"
                                "主线活动层面,秭归县联动举行“质量月”启动仪式;制作访谈节目。\n"
                                "据了解,秭归县将通过全县主线活动、各行业重点活动、乡镇自选活动3个层面组织开展质量月活动。")
    answer = engine.ask("秭归县2019年质量月分哪3个层面")
    assert answer.found and "乡镇自选活动" in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年开学第一课那项活动责任单位是哪个科室", False),  # the notice names the bureau, no section
        ("秭归县2019年开学第一课那项活动是哪个单位负责", True),
    ],
)
def test_a_kind_of_organisation_asked_needs_a_name_of_that_kind(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "plan", "秭归县2019年“质量月”活动安排\n"
                                "根据县市场监管局部署,组织开展开学第一课活动,由县市场监管局负责。")
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年质量领军企业名单有哪些", False),  # the notice says it will choose some, and names none
        ("秭归县2019年质量月参展企业名单有哪些", True),
        ("秭归县2019年质量月受到表扬的单位有哪些", False),  # "组织好、成绩显著的单位" lists qualities, no units
        ("秭归县2019年首批5个示范基地具体是哪5个", False),  # counted, not listed
        ("秭归县2019年质量月要集中公布什么名单", True),  # what list, not who is on it
    ],
)
def test_a_list_of_names_asked_needs_a_sentence_that_lists_them(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "plan", "秭归县2019年“质量月”活动安排\n"
                                "择优培育发挥引领带动作用的质量领军企业,总结提炼典型经验。\n"
                                "参展企业为秭归某某食品有限公司、秭归某某机械有限公司。\n"
                                "活动结束后要及时总结,对活动期间组织好、成绩显著的单位予以表扬。\n"
                                "会上命名了首批5个“质量教育示范基地”。\n质量月期间将集中公布守信企业名单。")
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年重大工程项目一次验收合格率多少", True),  # reported in 2020's notice, which names 2019
        ("秭归县2018年重大工程项目一次验收合格率多少", False),  # no notice says anything of 2018
        ("秭归县2019年质量月启动仪式谁主持的", False),  # 2020's launch is not 2019's
    ],
)
def test_a_years_results_are_read_from_the_next_years_notice_where_it_names_that_year(
        tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "report", "秭归县2020年“质量月”活动启动\n"
                                "9月2日,秭归县2020年“质量月”活动启动仪式举行,副县长王小明主持。\n"
                                "2019年秭归县质量强县建设取得明显成效,工程质量方面,重大工程项目一次验收合格率达到100%;"
                                "产品质量方面,监督抽查合格率达到98%。")
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer
    assert not answered or "写明了2019年的情况" in answer.answer


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年质量月启动仪式在哪个广场举行", False),  # held in an office, not on a square
        ("秭归县2019年质量月启动仪式在哪举行", True),
        ("秭归县2019年质量月宣传在哪个商场开展的", True),  # a mall goes by its brand: 某某购物中心
    ],
)
def test_the_kind_of_venue_asked_is_named_by_the_answer(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "report", "秭归县2019年“质量月”活动启动\n"
                                "9月1日,秭归县2019年“质量月”活动启动仪式在县市场监管局举行。\n"
                                "9月5日,质量月宣传活动在某某购物中心开展。")
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年质量月获奖企业有哪些", False),  # no sentence awards anything
        ("秭归县2019年质量月哪些企业参加了宣传", True),
    ],
)
def test_an_award_asked_needs_a_sentence_about_an_award(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "report", "秭归县2019年“质量月”活动启动\n"
                                "秭归县将广泛动员政府、行业、企业和社会各界参与质量月活动。\n"
                                "秭归某某食品有限公司、秭归某某机械有限公司等企业参加了现场宣传。")
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年质量月投诉电话是多少", False),  # the campaign office's line is no complaints hotline
        ("秭归县2019年质量月联系电话是多少", True),
        ("秭归县2019年质量月启动仪式在哪个城市", False),  # the year's conference is no launch
        ("秭归县2019年质量大会在哪里举办", True),
        ("秭归县2019年质量月活动在哪天结束", False),  # 在哪天 asks a day, not a place
    ],
)
def test_what_is_asked_is_not_answered_by_its_neighbour(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "notice", "秭归县关于开展2019年“质量月”活动的通知\n"
                                "质量月期间,县市场监管局将会同有关部门在武汉举办质量大会。\n"
                                "活动实施方案已报送宜昌、宜都两地。\n联系人:县质量办 王小明,联系电话:0717-2881234。")
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(("name", "is_unit"), [("深入学习领会", False), ("党的二十届三中全会", False), ("东林县市场监管局", True)])
def test_comprehending_and_a_plenum_are_no_unit(name: str, is_unit: bool) -> None:
    assert bool(UNIT.fullmatch(name)) is is_unit


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("秭归县2019年质量月是第几届", False),  # the prize's 第四届 is not the campaign's
        ("秭归县2019年市长质量奖评选是第几届", True),
        ("秭归县2019年是第几个质量月", True),
    ],
)
def test_the_campaigns_place_in_its_series_is_not_a_prizes(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "report", "秭归县2019年“质量月”活动\n今年9月是全国第42个“质量月”。\n"
                                "秭归县启动第四届秭归县市长质量奖评选。")
    assert engine.ask(question).found is answered


@pytest.mark.parametrize(
    ("question", "region", "answer_type"),
    [
        ("你好,请问东林省质量月联系人是谁", None, "person"),  # a greeting is said to the bot
        ("另外问下,天水2016年质量月主题是什么", "天水市", "theme"),
        ("四川质量月有问题找哪两位老师", "四川省", "person"),  # 找哪两位: the contacts
        ("皖 启动仪式上谁做了倡议承诺和宣誓", "安徽省", "person"),  # a province's one-character name, then a space
        ("渝 质量月要跟哪里加强质量合作", "重庆市", "place"),  # 合作 ends a phrase: no 合作市
        ("Sichuan quality month slogan里关于天府名品的那条", "四川省", "slogans"),  # English, places in pinyin
        ("天水的fax number", "天水市", "fax"),
        ("2014 national quality month的theme是啥", "全国", "theme"),
        ("Guangxi质量月总共多少项activities", "广西壮族自治区", "count"),
    ],
)
def test_what_is_said_around_a_question_is_not_its_topic(question: str, region: str | None, answer_type: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert [r.name for r in q.regions][:1] == ([region] if region else []), q.regions
    assert q.answer_type.name == answer_type
    assert not {"你好", "请问", "另外", "问下", "fax", "number", "quality", "month", "activities"} & set(q.terms), q.terms


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("东林省2023年消防产品质量专项整治是哪个单位搞的", "省消防救援总队"),  # a paragraph labelled by its office
        ("东林省2023年跨境电商婴童用品风险监测谁来做", "东林海关"),  # "由X开展…": the office doing it
        ("东林省2023年通用规范专项解读谁来搞", "住房城乡建设厅"),  # the office heading the duty list
    ],
)
def test_who_does_an_activity_is_the_office_doing_it(tmp_path: Path, question: str, office: str) -> None:
    engine = engine_with_notice(tmp_path, "donglin-duties",
        "东林省关于开展2023年“质量月”活动的通知\n各市质量强市办:\n一、活动安排\n"
        "十八、省消防救援总队:开展全省消防产品质量专项整治行动,重点检查灭火器。\n"
        "2.由东林海关开展跨境电商进口婴童用品质量安全风险监测。\n"
        "附件1 各单位主要活动\n十、住房城乡建设厅\n举办工程建设有奖竞答,开展《民用建筑通用规范》专项解读活动。\n")
    answer = engine.ask(question)
    assert answer.found and office in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("天水2016质量月通知附件里的宣传口号第一条是啥", False),  # the notice lists no slogans: not its first 活动重点
        ("四川省质量月宣传口号里第九条是啥", True),
        ("北京 slogan No.5 是啥", True),
    ],
)
def test_the_nth_slogan_is_of_a_list_of_slogans_or_nothing(engine: Engine, question: str, found: bool) -> None:
    answer = engine.ask(question)
    assert answer.found is found, answer.answer
    if found:
        assert "口号" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        ("浙江国家质量工作考核是不是五连A", ["浙江省"]),  # 国家 qualifies a noun where a place is named
        ("全国和浙江的质量月主题", ["全国", "浙江省"]),
        ("国家质量工作考核是什么", ["全国"]),
    ],
)
def test_with_a_place_named_only_quanguo_is_the_nation(question: str, regions: list[str]) -> None:
    assert [r.name for r in parse_query(question, today=TODAY, subjects=[]).regions] == regions


def test_an_english_question_is_read_before_it_is_split_at_its_words(engine: Engine) -> None:
    answer = engine.ask("2014 national quality month的deadline for summary是哪天")
    assert not answer.found, answer.answer  # the notice sets no date for the summary


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("东林省2022年质量月一共多少个部门参加", "32个部门"),
        # the verb asking the count is not the notice's ("将组织开展…11项活动")
        ("东林省2022年质量月一共安排了多少项活动", "11项"),
        ("东林省2022年质量月要建立几级政府质量工作考核体系", "3级"),  # 级 measures levels
    ],
)
def test_what_the_counted_do_may_be_said_in_another_verb(tmp_path: Path, question: str, count: str) -> None:
    """"多少个部门参加": the notice says the 32 departments 共同参与; the count of the thing named is the evidence."""
    engine = engine_with_notice(tmp_path, "donglin-count",
        "东林省2022年“质量月”活动启动\n9月5日,东林省2022年“质量月”活动启动仪式在东林市举行。\n"
        "活动期间,省市场监管局、发改委、工信厅等32个部门将共同参与。\n"
        "省质监局副局长介绍,今年全省“质量月”将组织开展质量法律法规宣传、名牌产品表彰会等11项活动。\n"
        "推动建立省、市、县3级政府质量工作考核体系。\n")
    answer = engine.ask(question)
    assert answer.found and count in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("北京2024年质量月重点活动第二块是啥", "(二)开展质量强企系列活动"),  # 块 counts parts
        ("北京质量月重点活动最后一部分讲的什么", "(五)"),  # of the heading naming 重点活动, not a later one
    ],
)
def test_the_nth_part_is_of_the_heading_naming_the_words_together(engine: Engine, question: str, item: str) -> None:
    answer = engine.ask(question)
    assert answer.found and item in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("sentence", "kind", "places"),
    [
        ("黑龙江省市场监管局将通过“龙江市场监管”微信公众号、“龙江市场监督管理”微博等平台,陆续发布活动", "平台",
         "“龙江市场监管”微信公众号、“龙江市场监督管理”微博"),
        ("2016质量月东林五一广场横幅", "广场", "东林五一广场"),
        ("从体育场的集中宣传到社区的课堂", "社区", None),  # 社区 alone names none
    ],
)
def test_a_place_of_the_kind_asked_is_named_before_that_kind(sentence: str, kind: str, places: str | None) -> None:
    assert engine_module._named_kind(sentence, kind) == places


def test_later_parts_of_a_question_whose_first_part_found_nothing_keep_its_place_not_the_chats(
        engine: Engine) -> None:
    engine.ask("天水2016年质量月活动重点第四项", "chat-parts")
    answer = engine.ask("2014 national quality month的deadline for summary是哪天", "chat-parts")
    assert not answer.found, answer.answer  # not 天水's date to report by
    answer = engine.ask("2014全国质量月的截止时间 总结是哪天", "chat-parts")
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [("东林石化项目2025年质量月启动仪式哪天办的", True),
     ("东林石化项目2025年质量月知识竞赛哪天考", False)],  # the launch's date is not the quiz's
)
def test_a_date_is_of_the_thing_asked_not_of_the_notice_it_is_in(tmp_path: Path, question: str, found: bool) -> None:
    engine = engine_with_notice(tmp_path, "donglin-project",
        "东林石化项目举行“质量月”活动启动仪式\n9月1日,东林石化公司东林项目在罐区举行2025年“质量月”活动启动仪式。\n"
        "本次活动以“加强质量管理”为主题。\n项目经理出席并讲话。\n施工单位代表作了表态发言。\n"
        "活动要求压实质量责任。\n项目将组织质量知识竞赛、质量标兵评选等活动。\n")
    answer = engine.ask(question)
    assert answer.found is found, answer.answer


@pytest.mark.parametrize(
    ("question", "award"),
    [
        ("首届中国质量奖都是哪些企业拿的", "中国质量奖"),
        ("截至2021年天津一共有多少家组织拿过天津质量奖", "天津质量奖"),
        ("浙江22年纳入四级政府质量奖培育库的企业有多少家", "四级政府质量奖"),
        ("拿了什么奖", None),  # no award named
    ],
)
def test_the_award_a_question_names(question: str, award: str | None) -> None:
    assert engine_module._award_named(question) == award


@pytest.mark.parametrize(
    ("name", "sentence", "title"),
    [
        ("马小华", "在项目现场举行启动仪式,东林市住房和城乡建设局质量监督科科长马小华,东林集团副总经理赵宾致辞",
         "东林市住房和城乡建设局质量监督科科长"),
        ("刘小山", "东林省质量强省工作委员会办公室主任,省市场监管局党组书记、局长刘小山对工作进行部署。",
         "东林省质量强省工作委员会办公室主任,省市场监管局党组书记、局长"),
        ("肖小华", "州人民政府肖小华副秘书长,领导出席了启动仪式", "副秘书长"),
        ("王小一", "王小一出席并讲话", None),
        ("李小东", "李小东同志作“质量月”启动讲话。", None),  # 同志 is how he is addressed, no position
        ("马小华", "马小华同志副局长出席", "副局长"),
    ],
)
def test_a_persons_position_is_the_title_written_with_the_name(name: str, sentence: str, title: str | None) -> None:
    assert engine_module._title_of(name, sentence) == title


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("杨维斌是市质监局什么职务", False),  # the contact line names him, with no title
        ("天水2016年质量月联系人是谁", True),
    ],
)
def test_a_persons_position_is_answered_only_by_a_title(engine: Engine, question: str, found: bool) -> None:
    assert engine.ask(question).found is found


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("北京市质量月活动总结最晚哪一天前要报上去", True),
        ("四川那边活动结束后总结材料交给谁", True),
        # an activity the notice holds elsewhere: its own deadline, which the notice does not give
        ("京首席质量官案例征集最晚交到哪天", False),
    ],
)
def test_the_notices_own_deadline_answers_unless_another_activity_is_named(engine: Engine, question: str,
                                                                          found: bool) -> None:
    assert engine.ask(question).found is found


@pytest.mark.parametrize(
    ("question", "full"),
    [
        ("2031年东林“质通”全称是什么平台", "东林质量服务企业平台"),  # written before it in brackets
        ("2031年东林“质博会”的全称是啥", "东林国际质量博览会"),  # ... with 以下简称
        ("2031年东林“质量月”全称是啥", None),  # no sentence defines it
    ],
)
def test_a_short_names_full_name_is_the_name_written_before_it_in_brackets(
        tmp_path: Path, question: str, full: str | None) -> None:
    engine = engine_with_notice(tmp_path, "defs", "东林市关于开展2031年“质量月”活动的通知\n"
                                "一、开展东林质量服务企业平台(质通)推广活动。\n"
                                "二、举办东林国际质量博览会(以下简称“质博会”)。")
    answer = engine.ask(question)
    assert (full in answer.answer) if full else "全称:" not in answer.answer, answer.answer


def test_what_a_named_person_did_is_all_the_report_says_of_him(engine: Engine) -> None:
    """No place named, few notices loaded: a name one notice alone holds says which; an open question
    about him is answered by the report's sentence, not the launch's host line alone."""
    answer = engine.ask("焦石在启动仪式上干了啥")
    assert answer.found and "发布" in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "slogan"),
    [
        ("四川质量月标语有没有讲数转智改的,原话是啥", "加快数转智改网联"),  # a coined word jieba cuts apart
        ("Sichuan quality month slogan里关于天府名品的那条", "选天府名品"),
    ],
)
def test_a_slogan_asked_by_its_words_is_that_slogan(engine: Engine, question: str, slogan: str) -> None:
    first = engine.ask(question).answer.splitlines()[0]
    assert slogan in first and "共13条" not in first, first


def test_what_a_speaker_said_goes_on_in_the_sentence_that_opens_with_her(tmp_path: Path) -> None:
    engine = engine_with_notice(tmp_path, "donglin-speech",
        "东林市2023年“质量月”主题活动举办\n9月5日,东林市2023年“质量月”主题活动在东林举办。\n"
        "东林市副市长王小娇在致辞中指出,东林市深入实施质量强市战略。她强调,向服务要质量、向效率要质量。\n"
        "活动现场为4个服务站揭牌。\n")
    answer = engine.ask("东林2023年质量月王小娇强调向哪几方面要质量")
    assert answer.found and "向效率要质量" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [("北京质量月第二个联系人的邮箱是多少", False),  # the notice names one contact
     ("四川质量月第二个联系人是谁", True)],
)
def test_the_nth_contact_is_that_one_or_none(engine: Engine, question: str, found: bool) -> None:
    assert engine.ask(question).found is found


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("云宵县质量月进社区是跟哪家公司联合的", "云霄县"),  # 宵 typed for 霄: the same sound
        ("天水市质量月主题", "天水市"),
        ("各县区质量月总结什么时候报", None),  # no place meant
    ],
)
def test_a_place_name_mistyped_with_a_character_of_the_same_sound_is_that_place(question: str,
                                                                               region: str | None) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert [r.name for r in q.regions][:1] == ([region] if region else [])


def test_a_community_is_no_office() -> None:
    assert find_span(UNIT_T, "质量月宣传进社区活动。") is None


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        # a sentence without a subject is done by the unit opening the sentence before it in its section
        ("东林2031年农资打假秋冬季行动是哪个部门负责", "质检部门"),
        ("东林2031年第九次质量管理小组代表会议谁举办", "东林质量协会"),
    ],
)
def test_who_does_a_subjectless_sentence_is_the_unit_that_opened_its_paragraph(
        tmp_path: Path, question: str, unit: str) -> None:
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林省关于开展2031年“质量月”活动的通知\n各市:\n一、主要活动\n质量月期间开展以下活动。\n"
        "二、各单位开展各具特色的“质量月”活动\n"
        "1.质检部门开展“检测实验室开放日”活动。组织开展农资打假秋冬季行动,重点抽查化肥。\n"
        "2.东林质量协会举办质量创新论坛。开展现场管理评价活动。举办第九次质量管理小组代表会议。\n"))
    answer = engine.ask(question)
    assert answer.found and unit in answer.answer.splitlines()[0], answer.answer


def test_a_second_part_answered_from_the_same_sentence_is_still_shown(knowledge) -> None:
    """"第几次…会议,谁举办": both answers come from one sentence; neither is dropped as a repeat."""
    answer = Engine(knowledge, today=TODAY).ask("2014年全国第几次质量管理小组代表会议,谁举办")
    assert "第三十六次" in answer.answer and "中国质量协会" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("东林农业部的专项整治是为了保障哪两个节日期间的消费安全", "open"),  # 节日期间 holds 日期, asks no date
        ("东林质量月通知的发文日期", "date"),
        ("东林要举办召回制度建立多少周年的纪念活动", "count"),
        ("东林要评价认定的品牌示范企业叫啥品牌", "open"),  # the brand's name, not the companies'
        ("东林质量奖获奖企业叫啥名字", "unit"),
        ("2031年农资打假秋冬季行动是谁开展的", "unit"),  # who carries out an action: an office
        # a name quoted is what is asked about, never how: 手机 and 电话 in it ask no phone
        ("“手机变砝码”活动是哪个单位搞的", "unit"),
        ("东林“电话回访周”哪天开始", "date"),
    ],
)
def test_the_kind_of_answer_is_read_from_whole_words(question: str, answer_type: str) -> None:
    assert parse_query(question, today=TODAY, subjects=[]).answer_type.name == answer_type


@pytest.mark.parametrize(
    ("sentence", "measure", "span"),
    [
        ("举办召回制度建立10周年纪念活动。", "周", "10周年纪念活动"),
        ("开展为期2周的宣传活动。", "周", "2周的宣传活动"),
    ],
)
def test_weeks_and_anniversaries_are_counted(sentence: str, measure: str, span: str) -> None:
    assert find_span(COUNT_T, sentence, measure=measure) == span


def test_an_award_asked_by_a_shortened_name_is_that_award(tmp_path: Path) -> None:
    """"海东市长质量奖" is how staff say 海东市市长质量奖: its characters in order, not another award."""
    engine = engine_with_notice(tmp_path, "qinghai", (
        "青海省关于开展2031年“质量月”活动的通知\n各市(州):\n附件2 各市(州)活动摘要\n"
        "七、海东市:启动第四届海东市市长质量奖评选。开展质量讲堂。\n"
        "八、西宁市:组织第二届西宁质量奖评选活动。开展质量开放日。\n"))
    answer = engine.ask("海东市长质量奖这次是第几届评选")
    assert answer.found and "第四届" in answer.answer and "第二届" not in answer.answer, answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "杨维斌的QQ号是多少",  # a Latin word no notice holds names what none of them has
        "What is the budget for the Tianshui 2016 quality month?",
    ],
)
def test_a_latin_word_no_notice_holds_is_not_answered_around(knowledge, question: str) -> None:
    assert not Engine(knowledge, today=TODAY).ask(question).found


@pytest.mark.parametrize(
    ("sentence", "measure", "noun", "span"),
    [
        # what is counted may stand past the words read with the number
        ("重点开展5大系列45项丰富多彩的质量主题活动。", "项", "活动", "45项"),
    ],
)
def test_a_count_finds_what_it_counts_a_few_words_on(sentence: str, measure: str, noun: str, span: str) -> None:
    assert find_span(COUNT_T, sentence, measure=measure, noun=noun) == span


@pytest.mark.parametrize(
    ("question", "theme"),
    [
        ("东林海关2031质量月的活动主题是什么", "守护国门质量"),  # a listed unit's own theme
        ("东林省2031年质量月的活动主题是什么", "质量引领 东林先行"),  # the campaign's
    ],
)
def test_a_listed_unit_asked_for_its_theme_gets_its_own(tmp_path: Path, question: str, theme: str) -> None:
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林省市场监督管理局等部门关于开展2031年“质量月”活动的通知\n各市:\n一、活动主题\n质量引领 东林先行\n"
        "二、各单位开展各具特色的“质量月”活动\n"
        "(一)东林海关以“守护国门质量”为活动主题,开展进出口商品质量宣传。\n"
        "(二)东林省教育厅开展质量教育进校园活动。\n"))
    answer = engine.ask(question)
    assert answer.found and theme in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("sentence", "cue", "title", "span"),
    [
        ("副组长:王小明", "组长", "组长", None),  # a deputy's title holds the title asked
        ("组长:李红", "组长", "组长", "组长:李红"),
        ("副组长:王小明", "副组长", "副组长", "副组长:王小明"),
    ],
)
def test_a_title_asked_is_not_answered_by_its_deputy(sentence: str, cue: str, title: str, span: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue=cue, title=title) == span


def test_a_leading_group_title_is_read_whole() -> None:
    assert parse_query("东林交通厅2031年质量月领导小组组长是谁", today=TODAY, subjects=[]).title == "组长"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # no hotline found: its number is not the office's line
        ("四川质量月有没有开通专门的质量投诉热线?号码多少", False),
        # the second part asks a kind of its own: answered whatever the first found
        ("天水16年质量月几号开始 联系人是谁", True),
        # no number found: "是多少" asks its value, not any count of the notice
        ("四川省2024年质量月通知有文号吗?是多少", False),
    ],
)
def test_a_part_asking_again_what_the_part_before_did_not_find_is_not_found(
        knowledge, question: str, found: bool) -> None:
    assert Engine(knowledge, today=TODAY).ask(question).found is found


def test_respectively_is_no_topic(knowledge) -> None:
    """"分别是多少": how the answers are laid out, not what they are about."""
    answer = Engine(knowledge, today=TODAY).ask("天水和四川的质量月联系电话分别是多少")
    assert answer.found and "0938-6822622" in answer.answer and "028-86980073" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("海东市2031年质量大讲堂是谁牵头", "市委宣传部"),  # the cell under 牵头部门
        ("海东市2031年质量大讲堂谁协助", "市教育局"),
        ("海东市2031年放心鞋服专项检查哪个部门牵头", "市工商局"),  # "市工商局:牵头开展…"
    ],
)
def test_who_leads_an_activity_is_read_from_its_table_or_its_label(tmp_path: Path, question: str, unit: str) -> None:
    engine = engine_with_notice(tmp_path, "haidong", (
        "海东市关于开展2031年“质量月”活动的通知\n各县区:\n一、责任分工\n"
        "市工商局:牵头开展流通领域“放心鞋服”专项检查,加强商标保护。\n"
        "市教育局:组织中小学开展质量教育。\n"
        "附件 活动安排表\n序号\n活动内容\n活动时间\n牵头部门\n协助部门\n"
        "1\n全市启动仪式\n9月1日\n市市场监管局\n乐都区人民政府\n"
        "2\n“质量大讲堂”系列讲座\n9月下旬\n市委宣传部\n市教育局\n"))
    answer = engine.ask(question)
    assert answer.found and unit in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("组长:陈小华 市人民政府副市长", "组长:陈小华 市人民政府副市长"),
        ("抄送:市质量强市工作领导小组组长、副组长。", None),  # the title, no one named
        ("公司成立了以副总经理为组长的活动领导小组", "公司成立了以副总经理为组长的活动领导小组"),
    ],
)
def test_a_leader_asked_is_someone_named_with_the_title(sentence: str, span: str | None) -> None:
    assert find_span(PERSON_T, sentence, cue="组长", title="组长") == span


@pytest.mark.parametrize(
    ("question", "slogan"),
    [
        ("北京2024年质量月口号倒数第二条是什么", 14),  # from the end
        ("北京2024年质量月口号最后一条是什么", 15),
        ("北京2024年质量月口号第二条是什么", 2),
    ],
)
def test_an_ordinal_counts_from_either_end(knowledge, question: str, slogan: int) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    assert answer.found and f"第{slogan}条(共15条)" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("你好,我是自贡市场监管局的,想问下四川质量月总结发哪个邮箱?", "四川质量月总结发哪个邮箱?"),
        ("我是市局质量科的小王,领导让我问一下,四川省质量月主题", "四川省质量月主题"),
        ("我是谁的联系人", "我是谁的联系人"),  # no comma after it: a question
    ],
)
def test_who_asks_is_no_part_of_the_question(question: str, asked: str) -> None:
    from bot.answering.query import DISCOURSE
    assert DISCOURSE.sub("", question) == asked


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("陇 2022 质量月 哪位付省长宣布起动的", "陇 2022 质量月 哪位副省长宣布启动的"),
        ("起动仪式在哪", "启动仪式在哪"),
        ("付款方式", "付款方式"),  # 付 before no title is meant as written
    ],
)
def test_same_sound_slips_before_a_title_or_in_a_launch_are_mended(typed: str, meant: str) -> None:
    from bot.ingest.normalize import normalize_query
    assert normalize_query(typed) == meant


@pytest.mark.parametrize(
    ("sentence", "kind", "places"),
    [
        ("在校园周边、旅游景区、公交枢纽等人员密集的重点区域,集中开展排查。", "区域", "校园周边、旅游景区、公交枢纽"),
        ("通过“东林发布”微信公众号、东林日报等平台发布。", "平台", "“东林发布”微信公众号、东林日报"),
    ],
)
def test_places_of_the_kind_asked_are_those_listed_before_it(sentence: str, kind: str, places: str) -> None:
    assert engine_module._named_kind(sentence, kind) == places


@pytest.mark.parametrize(
    ("question", "answer_type", "noun"),
    [
        ("东林2031年质量月表彰的优秀个人都叫啥名字", "person", ""),  # names of people: a person answer
        ("东林2031质量月一共表彰了几个人", "count", "人"),  # people counted, not any count by 个
    ],
)
def test_people_asked_for_are_people(question: str, answer_type: str, noun: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert (q.answer_type.name, q.measure_noun) == (answer_type, noun)


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("大会对本次活动做出了总结,为活动画上了一个圆满的句号。", None),
        ("共表彰先进个人12人。", "12人"),
    ],
)
def test_a_count_of_people_is_of_people(sentence: str, span: str | None) -> None:
    assert find_span(COUNT_T, sentence, measure="个", noun="人") == span


def test_a_rare_name_a_report_opens_with_is_what_all_of_it_is_about(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"东林连杆董事长叫啥": the company's name heads the report; its sentences go on saying 公司.
    (With 15 notices loaded, a word of one notice is rare at a share of 0.1.)"""
    monkeypatch.setattr(engine_module, "RARE_TOPIC_SHARE", 0.1)
    engine = engine_with_notice(tmp_path, "company", (
        "质量月 | 公司举办2031年“质量月”质量知识竞赛活动\n广东东林连杆有限公司\n"
        "为增强员工质量意识,9月22日下午,公司举办了2031年“质量月”质量知识竞赛。\n"
        "公司董事长周小伟出席了本次竞赛。\n"))
    answer = engine.ask("东林连杆董事长叫啥名字")
    assert answer.found and "周小伟" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "attachments"),
    [
        # the list on lines of its own after "附件:"
        ("川的通知后面挂了几个附件,分别叫啥", ["联合主办单位主要活动", "开展活动摘要", "宣传口号"]),
        # the list in the running text of a one-line notice
        ("2014年那个通知附件有几个,都是什么", ["主办单位开展的主要活动", "部分中央企业开展的主要活动", "活动口号"]),
    ],
)
def test_a_notices_attachments_are_the_ones_it_lists(knowledge, question: str, attachments: list[str]) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    assert answer.found and "(共3个)" in answer.answer, answer.answer
    assert all(a in answer.answer for a in attachments)
    assert answer.citations[0].quote.startswith("附件:")


def test_a_question_about_an_attachments_content_is_not_its_list(knowledge) -> None:
    answer = Engine(knowledge, today=TODAY).ask("14年全国质量月附件3口号第一条是啥")
    assert "附件(共" not in answer.answer


def test_winners_asked_are_not_the_awards_names(knowledge) -> None:
    """"获奖企业名单有哪些": the companies awarded, which the notice does not list, not its awards' names."""
    assert not Engine(knowledge, today=TODAY).ask("第二届天府质量奖获奖企业名单有哪些").found


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        # a wrong premise: the answer names the unit the notice says
        ("东林消防产品质量安全专项整治是省公安厅负责的吗", "省消防救援总队"),
        ("东林消防产品质量安全专项整治是省消防救援总队负责的吧", "省消防救援总队"),
        # a unit the notices never name, supposed: still the one the notice says
        ("东林那个质量安全进家庭知识竞赛是团省委牵头的吧", "省妇联"),
    ],
)
def test_a_yes_no_question_about_who_does_it_is_answered_by_who_does(tmp_path: Path, question: str, unit: str) -> None:
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林省关于开展2031年“质量月”活动的通知\n各市:\n附件1 联合主办单位主要活动\n"
        "一、省公安厅:开展打击侵权假冒专项行动。\n二、省消防救援总队:开展消防产品质量安全专项整治。\n"
        "(5)开展“质量安全进家庭”知识竞赛。由省妇联牵头、省教育厅配合,9月中旬组织线上知识竞赛。\n"))
    answer = engine.ask(question)
    assert answer.found and unit in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("天水质量月的联系人是张洋吧", "杨维斌"),  # a name of another notice supposed: the notice's own contact
        ("四川质量月总结是10月1号前报吧", "10月8日"),
    ],
)
def test_what_the_asker_supposes_is_confirmed_or_corrected(knowledge, question: str, fact: str) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    assert answer.found and fact in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "found", "shown"),
    [
        ("四川附件1第十五项是哪个单位的活动", False, None),  # the list skips 十五: no such item
        ("四川附件1第十六项是什么", True, "第16项(共20项):十六、应急管理厅"),  # by the number it carries
    ],
)
def test_an_item_asked_by_number_is_the_one_numbered_so(knowledge, question: str, found: bool, shown: str | None) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    assert answer.found is found, answer.answer
    assert shown is None or shown in answer.answer


def test_the_addressee_line_says_nothing_anyone_does(knowledge) -> None:
    """"市总工会负责什么活动": the notice is only sent to it; its addressee line is no answer."""
    assert not Engine(knowledge, today=TODAY).ask("天水市总工会在质量月里具体负责什么活动").found


@pytest.mark.parametrize(
    ("question", "found"),
    [
        # a thing sent on, named in the question and the sentence: no date to submit by is needed
        ("2014年省级政府质量工作考核结果报给谁", True),
        ("四川质量月总结交给谁", True),
    ],
)
def test_whom_a_named_thing_goes_to_needs_no_deadline(knowledge, question: str, found: bool) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    assert answer.found is found, answer.answer
    assert "中组部" in answer.answer or "考核" not in question


@pytest.mark.parametrize(
    ("sentence", "verb", "doer"),
    [
        ("组织各级领导或牵头单位发表质量强市署名文章。", "发表", "各级领导或牵头单位"),
        ("由东林质量协会评审决定。", "评审", "东林质量协会"),
        ("组织开展质量知识竞赛。", "开展", None),  # no one named between
    ],
)
def test_who_does_what_a_sentence_has_someone_do(sentence: str, verb: str, doer: str | None) -> None:
    assert engine_module._doer_before(sentence, verb) == doer


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [
        ("东林市市场监管局、东林市教育局、东林市文旅局等部门参加。", True),
        # activities mentioning a unit or 企业 are no list of organisations
        ("东林省市场监管局等21个省直部门将举办活动,如质量开放日、民营经济标准创新周分论坛活动、企业追求质量。", False),
    ],
)
def test_a_list_of_organisations_names_organisations(sentence: str, listed: bool) -> None:
    assert engine_module._enumerates(sentence, organisations=True) is listed


def test_units_asked_for_by_name_need_them_named(knowledge) -> None:
    """"21个省直部门具体是哪些": the notice gives their number, not their names."""
    assert not Engine(knowledge, today=TODAY).ask("广东参加质量月的21个省直部门具体是哪些").found


@pytest.mark.parametrize(
    ("sentence", "slogans"),
    [
        ("将开展“东林质量精神口号征集”、质量服务群众“你点我检”和质量开放日活动。", None),  # 口号 only in a name
        ("公布了“质量强链 产业兴东”、“东林品质 生活更好”等宣传口号。", "质量强链 产业兴东、东林品质 生活更好"),
    ],
)
def test_slogans_are_quoted_where_the_sentence_speaks_of_slogans(sentence: str, slogans: str | None) -> None:
    assert find_span(SLOGANS_T, sentence) == slogans


@pytest.mark.parametrize(("second_notice", "found"), [(False, True), (True, False)])
def test_a_placeless_open_question_is_answered_only_by_the_one_notice_holding_all_its_words(
        tmp_path: Path, second_notice: bool, found: bool) -> None:
    """"以治理蓝藻为重点要实施什么工程" names no place: answered when one notice alone holds all its words,
    not found when two do (which one is meant would be a guess)."""
    sentence = "以治理蓝藻为重点,实施百项湖泊清洁工程,开展重点行业监督检查。"
    if second_notice:
        (tmp_path / "haidong.txt").write_text(f"海东市2019年“质量月”活动通知\n{sentence}\n", encoding="utf-8")
    engine = engine_with_notice(tmp_path, "donglin", f"东林市2018年“质量月”活动通知\n{sentence}\n")
    answer = engine.ask("以治理蓝藻为重点要实施个什么工程")
    assert answer.found is found, answer.answer
    assert not found or "湖泊清洁工程" in answer.answer


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("东林市2031年质量月实施方案第十四条讲的是什么活动", "开展“质量知识进校园”竞赛"),
        ("东林市2031年质量月实施方案第三条说的啥", "活动时间为2031年9月1日至9月30日"),
    ],
)
def test_an_article_of_a_regulation_is_found_by_its_number(tmp_path: Path, question: str, article: str) -> None:
    """"方案第十四条": a plan written as a regulation numbers its articles through all its chapters."""
    articles = "\n".join(f"第{cn}条 开展第{cn}项质量活动。" for cn in ("四", "五", "六", "七", "八", "九", "十", "十一",
                                                                     "十二", "十三"))
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林市2031年“质量月”活动实施方案\n第一章 总则\n第一条 为深入贯彻质量强市战略,制定本方案。\n"
        "第二条 本次“质量月”活动的主题为:质量引领 东林先行。\n第三条 活动时间为2031年9月1日至9月30日。\n"
        f"第二章 重点活动\n{articles}\n第十四条 开展“质量知识进校园”竞赛。由市教育局牵头。\n"))
    answer = engine.ask(question)
    assert answer.found and article in answer.answer.splitlines()[0], answer.answer


def test_the_number_asked_after_a_document_is_that_documents(engine: Engine) -> None:
    """"按照哪个行动计划部署的,文号多少": the plan's number, shown with it, not the notice's own."""
    answer = engine.ask("2014年质量月是按照哪个行动计划部署的,文号多少")
    assert answer.found and "国办发〔2014〕18号" in answer.answer.splitlines()[0], answer.answer
    assert "432号" not in answer.answer


@pytest.mark.parametrize(
    ("question", "listing"),
    [
        ("东林市2031年质量月说的“三个转变”具体指哪三个", "东林制造向东林创造转变、东林速度向东林质量转变、东林产品向东林品牌转变"),
        # of two listings of four qualities, the one said where the question's words are (督查)
        ("东林市2031年质量月督查的四大质量是哪四个", "产品质量、服务质量、环境质量、工程质量"),
        # a shorthand of a number and the character each item opens with
        ("东林市2031年要求“四全”开展质量月,是哪四全", "全方位、全过程、全领域、全时段"),
    ],
)
def test_a_named_set_of_n_things_is_answered_by_the_listing_of_n_of_them(
        tmp_path: Path, question: str, listing: str) -> None:
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林市2031年“质量月”活动启动\n"
        "活动以推动“三个转变”为主题。\n"
        "深入宣传推动“东林制造向东林创造转变、东林速度向东林质量转变、东林产品向东林品牌转变”的要求。\n"
        "营造人人关心质量、重视质量、创造质量、享受质量的氛围。\n"
        "活动结束后,成员单位负责人就“产品质量、服务质量、环境质量、工程质量”进行了督查。\n"
        "各部门要全方位、全过程、全领域、全时段开展好“质量月”活动。\n"))
    answer = engine.ask(question)
    assert answer.found and listing in answer.answer.splitlines()[0], answer.answer


def test_in_a_chat_an_open_question_goes_to_the_one_notice_holding_all_its_words(engine: Engine) -> None:
    """After Sichuan's contact, "以治理雾霾为重点要实施个什么工程": Sichuan's notice holds 治理 and 重点
    (豇豆农药残留治理), the national one every word: that one answers."""
    engine.ask("四川2024年质量月联系人是谁", "chat-all-words")
    answer = engine.ask("以治理雾霾为重点要实施个什么工程", "chat-all-words")
    assert answer.found and "百项能效标准工程" in answer.answer, answer.answer


def test_a_notices_list_of_its_attachments_answers_nothing_they_hold(tmp_path: Path) -> None:
    """"部分中央企业开展了哪些活动": the attachment's title in the notice's 附件 list says nothing it holds."""
    engine = engine_with_notice(tmp_path, "donglin", (
        "东林省关于开展2031年“质量月”活动的通知\n各市:\n一、活动主题\n质量引领 东林先行\n"
        "附件:1.2031年东林“质量月”主办单位开展的主要活动 2.2031年东林“质量月”部分省属企业开展的主要活动\n"))
    answer = engine.ask("东林省2031年质量月部分省属企业开展了哪些活动")
    assert not any(c.quote.startswith("附件") for c in answer.citations), answer.answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("四川通知附件2的标题是啥", "2024年全省“质量月”市(州)开展活动摘要"),
        ("四川通知附件5叫什么", None),  # three are listed: none
    ],
)
def test_an_attachment_asked_by_its_number_is_that_one_of_those_listed(
        knowledge, question: str, title: str | None) -> None:
    answer = Engine(knowledge, today=TODAY).ask(question)
    if title is None:
        assert not answer.found, answer.answer
    else:
        assert answer.found and title in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(("max_units", "found"), [(2000, True), (10, False)])
def test_a_placeless_open_question_is_answered_only_up_to_the_knowledge_size_it_is_cheap_for(
        knowledge, monkeypatch: pytest.MonkeyPatch, max_units: int, found: bool) -> None:
    """"以治理雾霾为重点要实施个什么工程" has only common words (雾霾 is cut apart): of the seeds' 14
    units one sentence holds them all. Past PLACELESS_MAX_UNITS loaded units the rule is off (its
    cost grows with the notices holding common words) and the question is too broad, as before."""
    monkeypatch.setattr(engine_module, "PLACELESS_MAX_UNITS", max_units)
    answer = Engine(knowledge, today=TODAY).ask("以治理雾霾为重点要实施个什么工程")
    assert answer.found is found, answer.answer


@pytest.mark.parametrize(
    ("words", "read_whole"),
    [
        ({"口号": 3.0, "征集": 3.0}, {"call"}),  # the title says 口号征集: its sentences need not
        ({"口号": 3.0, "征集": 3.0, "评选": 3.0}, set()),  # no title holds most of them
        ({"质量月": 1.0}, set()),  # the campaign's name is in every title and says nothing
    ],
)
def test_a_notice_whose_title_says_what_is_asked_is_read_whole(
        tmp_path: Path, words: dict[str, float], read_whole: set[str]) -> None:
    """"(二)截止日:2031年6月24日" holds none of the words of "口号征集截止哪天"; the notice's title holds
    them all, so all its sentences are candidates."""
    for n, place in enumerate(["南京市", "杭州市", "合肥市", "福州市", "南昌市", "济南市", "郑州市", "武汉市", "长沙市"]):
        (tmp_path / f"notice{n}.txt").write_text(
            f"{place}关于开展2031年“质量月”活动的通知\n一、活动主题\n加强质量支撑\n二、宣传\n开展口号征集。",
            encoding="utf-8")
    (tmp_path / "call.txt").write_text(
        "东林市面向社会公开征集2031年“质量月”活动口号\n一、征集要求\n口号要简洁明快。\n"
        "二、投稿方式与时间\n(一)投稿方式:发送至邮箱。\n(二)截止日:2031年6月24日", encoding="utf-8")
    knowledge = build_knowledge(tmp_path).knowledge
    index = Index(knowledge)
    scope = index.scope([], [2031])
    assert len(scope.units) == 10
    found = _of_titled_notices(words, scope, index)
    assert {r.doc for r in found} == read_whole
    assert not read_whole or "(二)截止日:2031年6月24日" in [r.text for r in found]


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("东林市2031年实验室开放活动邀请哪些人走进实验室", True),  # kinds of people, no names
        ("东林市2031年实验室开放活动邀请了谁", False),  # a person asked: a name, which the notice gives none
    ],
)
def test_kinds_of_people_answer_who_of_a_kind_is_asked(tmp_path: Path, question: str, answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "notice", "东林市关于开展2031年“质量月”活动的通知\n一、重点活动\n"
                                "3.组织“实验室开放活动”,邀请企业、科技组织、学生及群众代表走进实验室;")
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer
    assert not answered or "学生及群众代表" in answer.answer


@pytest.mark.parametrize(
    ("named", "title"),
    [("中国制造2025", "《中国制造2025甘肃行动纲要》"), ("质量发展纲要", "《甘肃省质量发展纲要(2012-2020年)》"),
     ("东林规划", None)],
)
def test_a_documents_full_name_is_the_title_holding_the_short_form_asked(named: str, title: str | None) -> None:
    sentence = "为深入贯彻实施《甘肃省质量发展纲要(2012-2020年)》和《中国制造2025甘肃行动纲要》,推进建设质量强市"
    assert find_span(DOCUMENT_T, sentence, named=named) == title


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("2014年中国质量大会在哪个城市办的", True),
        ("2014年中国汽车质量峰会在哪个城市办的", False),  # a 峰会 is no 大会: the notice says nowhere where
    ],
)
def test_a_kind_of_meeting_asked_is_not_answered_by_another_kind(engine: Engine, question: str, answered: bool) -> None:
    answer = engine.ask(question)
    assert answer.found is answered, answer.answer
    assert not answered or "北京" in answer.answer


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("四川2024年质量月联系人是哪个处的", "质量发展处"),  # the office written after the contacts' names
        ("北京2024年质量月联系人是市场监管局哪个处的", None),  # the notice names no 处: not the bureau
    ],
)
def test_the_contacts_office_is_answered_only_where_the_notice_names_one(engine: Engine, question: str,
                                                                         shown: str | None) -> None:
    answer = engine.ask(question)
    assert answer.found is (shown is not None), answer.answer
    assert shown is None or shown in answer.answer


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("东林市2031年省贸促会在哪个博览会上设知识产权服务工作站", "东林国际装备制造业博览会"),
        # 地方 asked, 场所 written: one word for a spot as good as another
        ("东林市2031年风险隐患排查集中在哪些人员密集的地方", "东林西站、大型商超"),
    ],
)
def test_a_kind_of_venue_asked_is_named_before_that_kind_word(tmp_path: Path, question: str, shown: str) -> None:
    engine = engine_with_notice(tmp_path, "notice", "东林市关于开展2031年“质量月”活动的通知\n一、重点活动\n"
                                "1.在东林国际装备制造业博览会期间设立知识产权服务工作站。\n"
                                "2.风险隐患排查集中在东林广场、东林西站、大型商超等人员密集场所。")
    answer = engine.ask(question)
    assert answer.found and shown in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("sentence", "done", "subject"),
    [
        ("会上,区质量办相关负责人对全区“质量月”活动作了部署;", "部署", "区质量办相关负责人"),
        ("东林电缆有限公司负责人代表全区企业作质量诚信倡议;", "倡议", "东林电缆有限公司负责人"),
        ("会上,对全区“质量月”活动作了部署;", "部署", None),  # no one named before what is done
        ("活动期间全区开展质量诚信倡议;", "倡议", None),  # 全区 is no one
    ],
)
def test_who_does_it_is_the_title_before_what_is_done(sentence: str, done: str, subject: str | None) -> None:
    assert engine_module._subject_of(sentence, done) == subject


@pytest.mark.parametrize(
    ("sentence", "answered"),
    [
        ("今年联合主办单位增加到了22家。", False),  # counted, none listed
        ("联合主办单位有东林市场监管局、东林教育局、东林商务局等22家。", True),
    ],
)
def test_all_of_a_counted_set_asked_needs_an_answer_that_lists_them(tmp_path: Path, sentence: str,
                                                                    answered: bool) -> None:
    engine = engine_with_notice(tmp_path, "notice", f"东林市关于开展2031年“质量月”活动的通知\n一、主办单位\n{sentence}")
    answer = engine.ask("东林市2031年质量月22家联合主办单位都有哪些")
    assert answer.found is answered, answer.answer


@pytest.mark.parametrize(("question", "wanted"), [("那十条口号全部列一下", 3), ("47家联合主办单位都有哪些", 3),
                                                  ("两家单位具体是哪两家", 2), ("口号有哪些", 0)])
def test_how_many_items_a_list_asked_must_show(question: str, wanted: int) -> None:
    assert engine_module._listing_wanted(parse_query(question, today=TODAY, subjects=[])) == wanted


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("东林市2031年阳光纤检进校园是派谁去学校", "检验人员"),  # the people sent, named by their kind
        ("东林市2031年阳光纤检进校园是谁主持的", None),  # no one presides: not the people sent
    ],
)
def test_who_is_sent_is_the_people_a_sentence_sends(tmp_path: Path, question: str, shown: str | None) -> None:
    engine = engine_with_notice(tmp_path, "notice", "东林市关于开展2031年“质量月”活动的通知\n一、重点活动\n"
                                "开展“阳光纤检进校园”活动,组织检验人员深入市内各类学校,对校服常识进行宣传;")
    answer = engine.ask(question)
    assert answer.found is (shown is not None), answer.answer
    assert shown is None or shown in answer.answer


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("天水这份文的网站发布时间是哪天", ["2016-09-02"]),  # the page's row; 网站 names the page
        ("天水这份文的落款日期和网站发布时间分别是哪天", ["2016年8月31日", "2016-09-02"]),
    ],
)
def test_the_pages_own_row_asked_names_the_page_not_a_topic(engine: Engine, question: str, shown: list[str]) -> None:
    answer = engine.ask(question)
    assert answer.found and all(x in answer.answer for x in shown), answer.answer


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("东林市2031年质量宣传要举办个什么论坛", "东林消费品质量安全论坛"),  # the sentence naming a 论坛
        ("东林市2031年质量宣传要举办个什么峰会", "东林汽车质量峰会"),
        ("东林市2031年质量宣传还要办什么班", "领导干部质量发展专题研究班"),  # one character names the kind too
    ],
)
def test_the_kind_of_thing_asked_last_is_named_by_the_answer(tmp_path: Path, question: str, shown: str) -> None:
    engine = engine_with_notice(tmp_path, "notice", "东林市关于开展2031年“质量月”活动的通知\n一、质量宣传\n"
                                "举办全市领导干部质量发展专题研究班、东林汽车质量峰会活动。\n"
                                "举办东林消费品质量安全论坛、缺陷产品召回纪念活动。")
    answer = engine.ask(question)
    assert answer.found and shown in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("汽车4S店服务质量进社区活动是哪个地方2022年搞的", "重庆市"),  # whose report says it
        ("有个“首席质量官任职培训”是哪个地方2022年办的", "重庆市"),
    ],
)
def test_which_place_did_it_is_the_place_whose_report_says_so(engine: Engine, question: str, shown: str) -> None:
    answer = engine.ask(question)
    assert answer.found and shown in answer.answer.splitlines()[0], answer.answer


@pytest.mark.parametrize(("question", "found"), [("2031年苏浙皖赣沪质量表彰大会表彰了多少家先进单位", True),
                                                 ("2031年京津冀质量表彰大会表彰了多少家先进单位", False)])
def test_places_asked_together_find_the_national_report_titled_with_all_of_them(
        tmp_path: Path, question: str, found: bool) -> None:
    """A joint event of several provinces held under the national campaign is filed as the nation's:
    asked of those provinces together, the report whose title names every one of them answers."""
    engine = engine_with_notice(tmp_path, "joint", "全国“质量月”活动启动仪式暨苏浙皖赣沪质量表彰大会召开\n"
                                "2031年8月31日,全国“质量月”活动启动仪式暨苏浙皖赣沪质量表彰大会召开。"
                                "会议表彰了50家质量先进单位。")
    answer = engine.ask(question)
    assert answer.found is found and (not found or "50家" in answer.answer), answer.answer


@pytest.mark.parametrize(
    ("kind", "sentence", "span"),
    [
        # "…四公司长春地铁…": 司长 read across a company and a city, 小康 a common word: no one is named
        (PERSON_T, "为落实理念,东林二局四公司长春地铁6号线项目部开展了以“建设质量强国,决胜全面小康”为主题的活动", None),
        (PERSON_T, "会上,东林二局四公司副总经理马小华作动员讲话。", "东林二局四公司副总经理马小华作动员讲话"),
        # one in an activity's quoted name counts nothing; a count quoted may be what is asked
        (COUNT_T, "开展了“解决一个问题”、“提出一项建议”的活动。", None),
        (COUNT_T, "重点要做实“五个强”:一要推动树立强烈的质量意识。", "五个强”"),
        # "在当日举行的启动仪式上": when, not where
        (PLACE_T, "在当日举行的启动仪式上,西林县副县长讲话。", None),
        (PLACE_T, "9月1日,启动仪式在人民广场举行。", "人民广场"),
    ],
)
def test_a_span_of_the_kind_asked_is_one_of_that_kind(kind, sentence: str, span: str | None) -> None:
    assert find_span(kind, sentence) == span


@pytest.mark.parametrize(
    "footer",
    ["标准查询网-电话:010-62993931", "地址:西林县人民路1号 网站联系电话:0572-8082315",
     "客服电话:010-52867731(工作日9:00-17:30) 违法和不良信息举报邮箱:jubao@example.com"],
)
def test_a_phone_of_the_site_that_carried_a_notice_is_no_contact(tmp_path: Path, footer: str) -> None:
    engine = engine_with_notice(tmp_path, "page", "西林县开展2031年“质量月”活动\n9月1日,西林县启动质量月活动。\n"
                                f"{footer}")
    answer = engine.ask("西林县2031年质量月活动有没有对接人和咨询电话")
    assert not answer.found, answer.answer


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("西林县2031年质量月“东林书画展”活动谁牵头", False),  # a name the notice never writes
        ("西林县2031年质量月“西林工匠”选树谁牵头", True),
        ("西林县2031年质量月“工匠选树”谁牵头", True),  # its words in one sentence: a name said short
        ("西林县2031年质量月“选树……”那个活动谁牵头", True),  # a name cut short is no name to check
    ],
)
def test_a_name_quoted_that_the_notice_never_writes_is_not_answered_by_its_other_words(
        tmp_path: Path, question: str, found: bool) -> None:
    engine = engine_with_notice(tmp_path, "plan", "西林县关于开展2031年“质量月”活动的通知\n"
                                "一、由县总工会牵头开展“西林工匠”选树宣传活动。\n二、由县科协牵头开展质量知识竞赛活动。")
    answer = engine.ask(question)
    assert answer.found is found, answer.answer


@pytest.mark.parametrize(
    ("question", "measure", "alike"),
    [
        ("东林首届知识竞赛第一名最后多少分", "分", "份"),  # points as asked, else the 份 it sounds like
        ("东林质量月发放宣传资料多少分", "分", "份"),
        ("东林十三五期间合格率提高到多少了", None, ""),  # 了 closes a question, it counts nothing
    ],
)
def test_the_character_closing_a_count_question_is_its_measure(question: str, measure: str | None, alike: str) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert (q.measure, q.measure_alike) == (measure, alike)


@pytest.mark.parametrize(
    ("question", "found", "shown"),
    [
        ("西林县2031年质量月计量开放日具体是几月几号办的", False, ""),  # the page's date is no event's
        ("西林县2031年质量月开放日项目经理叫什么名字", False, ""),  # a 总工程师 is no 项目经理
        ("西林县2031年质量月开放日总工程师叫什么名字", True, "马小华"),
    ],
)
def test_a_pages_own_date_and_another_title_answer_no_event_date_or_person(
        tmp_path: Path, question: str, found: bool, shown: str) -> None:
    engine = engine_with_notice(tmp_path, "page", "西林县举办质量月计量开放日活动\n市民近距离感受 “计量智慧”\n西林日报\n"
                                "2031年10月05日\n近日,西林县举办2031年质量月计量开放日活动,"
                                "项目部总工程师马小华作讲解。")
    answer = engine.ask(question)
    assert answer.found is found and shown in answer.answer, answer.answer


def test_provinces_named_together_ask_the_notice_naming_them_all(tmp_path: Path) -> None:
    """"云贵川首届知识竞赛": the joint event's report (filed under the city it was held in), not
    one province's own notice of another contest."""
    engine = engine_with_notice(tmp_path, "joint", "摘要:近日,云贵川三省市场监管局在东林市举办了首届质量知识竞赛决赛。\n"
                                "共有9支代表队参赛。")
    answer = engine.ask("云贵川首届质量知识竞赛有几支代表队参加")
    assert answer.found and "9支" in answer.answer, answer.answer
    assert not engine.ask("云贵川首届质量知识竞赛是哪一年办的").found  # the report states no year


def test_a_theme_asked_is_answered_by_a_motto_not_by_the_time_of_the_event_it_names(tmp_path: Path) -> None:
    """"第七届质量月大会主题是啥": the conference's motto in a later sentence, not its date and place."""
    engine = engine_with_notice(tmp_path, "company", "东林药业召开第七届质量月誓师大会\n8月20日下午,东林药业集团以云端联动形式"
                                "召开第七届质量月誓师启动大会。\n本次大会主题为“守正东林,质量为先”,旨在凝聚质量共识。")
    answer = engine.ask("东林药业第七届质量月大会主题是啥")
    assert answer.found and "守正东林" in answer.answer, answer.answer


@pytest.mark.parametrize(
    ("question", "region", "left_out"),
    [
        ("雨城雅安2031年质量月那场街头宣传是几号", "雅安市", {"雨城", "那场"}),  # said again, and "that one"
        ("泉城2031年质量月活动在哪家企业启动的", "济南市", {"泉城"}),
        ("北国春城地铁6号线项目部31年质量月请专家讲了些啥", "长春市", {"北国", "春城"}),  # not 春城 alone (昆明)
        ("首届“鹰城名品”都有哪些企业", None, set()),  # a nickname beginning a word names no place
        ("八桂2031年质量月启动仪式在哪个市", "广西壮族自治区", {"八桂"}),  # a province's, as a city's
        ("之江那边2031年质量月启动仪式叫什么", "浙江省", {"之江"}),
        ("齐鲁制药2031年质量月搞了啥", None, set()),  # a company's name beginning with one
        ("榕城2031年那本质量安全读本", "福州市", {"榕城"}),  # a nickname, not 榕城区 (written so)
    ],
)
def test_a_place_named_by_its_nickname_is_that_place_and_no_topic(question: str, region: str | None,
                                                                 left_out: set[str]) -> None:
    q = parse_query(question, today=TODAY, subjects=[])
    assert [r.name for r in q.regions] == ([region] if region else [])
    assert not left_out & set(q.terms)
