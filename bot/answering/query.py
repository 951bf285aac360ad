"""Understanding a question: which year, which region, which unit, what is asked.

Office staff write short, colloquial, sometimes traditional or mistyped
questions.  The question is normalised like the notices, then read for a year
(also 今年/去年 against today), regions (full names, short names, 川/京 where
safe), a unit that occurs in the knowledge (fuzzily), and one or more intents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.answering.answer_types import (
    COUNT_T,
    DATE_T,
    DOC_NUMBER,
    DOC_NUMBER_T,
    DOCUMENT_T,
    DURATION_T,
    EMAIL_T,
    FAX_T,
    MEASURES,
    OPEN_T,
    ORGANISATION_ENDINGS,
    PERSON_T,
    PHONE_T,
    PLACE_T,
    ROLE_VERBS,
    SLOGANS_T,
    THEME_T,
    UNIT_ROLES,
    UNIT_T,
    YEAR_T,
    YESNO_T,
    AnswerType,
    counts_in,
)
from bot.cn_numbers import number_value
from bot.ingest.normalize import normalize_query
from bot.knowledge.schema import Region
from bot.regions import COUNTY_FOLLOWERS, RegionMatch, nickname_matches, region_contains, regions
from bot.segment import noun_phrase_head, tokens, word_frequency

# Intent -> patterns.  Several intents may hold at once ("电话和邮箱是什么?").
# "几号" asks a day, except "几号文件" / "国办发几号文": a document's number
DOCUMENT_NUMBER_ASKED = r"几号(?:文件|文|令)"
DAY_ASKED = r"几号(?!文|令)"

INTENT_PATTERNS: dict[str, str] = {
    "theme": r"主题(?:口号(?!征集|建议))?(?!宣传|活动|展|征集|建议|口号|公园|教育|演讲|征文|党日)",  # 主题宣传, 主题展览: no theme asked
    "slogans": r"口号|标语|宣传语",
    "contact": r"联系人|联络人|联系谁|找谁|对接(?!活动|会|交流|洽谈|合作)|联系方式|跟谁联系|和谁联系|与谁联系|谁联系|找哪个人|对接人"
    r"|找哪[一两几]?位|找哪个老师",
    "phone": r"(?:咨询|联系|办公|值班|举报|投诉)?电话|手机|座机|热线|号码|打给谁",
    "fax": r"传真",
    "email": r"邮箱|邮件|e-?mail|信箱",
    # 交 of handing in, not of 交流 (an exchange held) or 交通
    "deadline": r"(?:截止|截至)(?!目前|现在|\d{2,4}年|上半年|年底|年末)|期限|之前|以前|前报|" + DAY_ASKED + "|几月几日"
    r"|哪天.{0,4}(?:报|交(?!流|通)|送)|(?:什么时候|啥时候?).{0,6}(?:报|交(?!流|通)|送|提交)"
    r"|(?:报|交(?!流|通)|送|提交).{0,6}(?:什么时候|啥时候?|何时|哪天|时间)|最晚|最迟|deadline",
    "submit_to": r"报送地址|报到什么地方|发到哪|报给谁|报到哪|报送给|交给谁|交给哪|报给|报到|报哪|交到哪|送到哪|报送(?:到|至)?哪|报谁|给谁|报送单位|报送对象",
    "submit_what": r"报送什么|交什么|报什么|哪些材料|什么材料|要报哪些|提交什么",
    "period": r"活动时间|几月|哪个月|活动期间|起止|什么时候开始|哪天开始|何时开始|持续到|持续多久|搞了?多[长久]时间|搞多久|搞了多久|多长时间|开始时间|结束时间|时间安排|(?:几号|哪天|哪一天|什么时候|啥时候|何时)结束"
    r"|什么时候(?:举行|开展|进行)|活动.{0,3}(?:什么时候|何时)|(?<!发布|印发|发文|成文|提供|更新)时间是"
    r"|(?:哪天|几号|什么时候|啥时候)(?:到|至)(?:哪天|几号|什么时候|啥时候)"  # "从哪天到哪天": its start and end
    r"|\d{1,2}月\d{1,2}[日号]?(?:就)?(?:开始|结束)"  # "是9月1号开始的吧": the period, to confirm
    r"|\d{1,2}月\d{1,2}[日号]?(?:到|至|—|-|~)(?:\d{1,2}月)?\d{1,2}[日号]?(?:吧|吗|么|嘛|$)",  # "是9月1号到30号吧"
    "issuer": r"哪个单位|什么单位|哪个部门发|谁发的|发文单位|落款单位|印发单位|发布单位|由谁发|谁印发|发文机关|哪个机关"
    r"|名义(?:发|印发|下发)",  # "以哪个机构名义发的"
    "issue_date": r"落款|什么时候发|何时发|发文日期|印发日期|发布日期|成文日期|哪天发|发文时间|印发时间|什么时候印发"
                  r"|(?:印发|下发|发文)的(?:吗|吧)"
    r"|(?:文|通知|文件)是?(?:几号|哪天|哪一天|什么时候|啥时候)(?:出|下发|印发|发)"  # "这份…的文是几号出的"
    r"|(?:几月几[号日]|哪一?天|几号|什么时候|啥时候|何时)(?:签发|印发|发文|下发|发出)|签发(?:日期|时间)",  # "几号印发的"
    "doc_number": r"文号|字号|发文号|编号|" + DOCUMENT_NUMBER_ASKED,  # "按国办发几号文件部署的"
    "duty": r"负责|承担|牵头|做什么|干什么|做哪些|开展哪些|开展了什么|开展什么|哪些活动|什么活动|有什么活动|分工|任务|职责|干啥|搞什么|搞了什么|抽检|安排了什么|有哪些行动",
    "count": r"多少|(?<![这那])几\s*[个项条家类场次批所名支大人位台件份届期天副座篇级起]",  # 这几份: these
    "event": r"启动仪式|启动会|启动式|仪式|大会|推进会|现场会|发布会|论坛|峰会|开幕",
    "place": r"在?哪(?:个|座|家|所)(?:城市|地方|地点|场馆|商场|广场|社区|公园|学校|会场|酒店|宾馆|大厦|路|街"
             r"|会展中心|会议中心|展览中心|体育中心|展馆|体育馆|礼堂|剧院|大楼|园区|景区|小区|校区)"
             r"|在?哪条(?:路|街)"
    r"|在?哪个(?:市|县|区)(?=.{0,3}(?:启动|举行|举办|办|开))|(?:在哪儿|哪儿|在哪(?!天|一天|年|个月|日|号|几[类项种条]|个?[处科室股]|些?个?(?:领域|方面|行业|环节|层面))|哪里)(?:举行|举办|召开)?|地点|什么地方|何地|何处|(?<!走)进(?:到)?哪(?:里|些|儿)",
    "award": r"奖",
    "addressees": r"主送|发给|下发给|发送给|印发给|通知对象|发到哪些|发给哪些|哪些单位收|抬头.{0,6}写给|写给哪",
    "page_row": r"发布日期|发布时间|成文日期|哪天成文|生成日期|索引号|来源|作者|责编|编辑|审核|发布机构|浏览|点击|阅读量|哪天发布"
                r"|哪(?:家|个|份)(?:报纸|报社|媒体|网站)|什么(?:报纸|媒体|网站)(?:报|发|登|转)"
    r"|什么时候发布|谁写|署名(?!文章)|撰稿|记者(?:是谁|叫啥|叫什么|名字)|哪(?:个|位)(?:实习)?记者"
    r"|(?:网上|网站|网页|页面|那篇|这篇).{0,6}(?:哪天|什么时候|何时|几号)(?:发|挂|登)"  # the page's own date
    r"|(?:哪天|什么时候|何时|几号)在?(?:网上|网站|网页)上?(?:发|挂|登)",
}

_INTENT_RE = {k: re.compile(v, re.IGNORECASE) for k, v in INTENT_PATTERNS.items()}
# The measures counts are read with (answer_types.MEASURES), but 块 ("分哪几块" asks parts, not a count)
# and those a text writes otherwise: "发了多少本宣传手册" is answered by "宣传手册100余份", by its noun.
MEASURES_NOT_ASKED = "块本册张幅"
_MEASURE = re.compile(rf"(?:多少|(?<![这那])几)\s*([{''.join(m for m in MEASURES if m not in MEASURES_NOT_ASKED)}]|%)"
                      r"\s*((?:(?!几|多少)[\u4e00-\u9fff]){0,12})")
LAST_MEASURE = re.compile(r"(?:多少|几)([^\W\d_了啦呀啊哈嘞呢吗吧的])[?？吗呢啊呀了]*$")
BARE_COUNT = re.compile(r"(?:多少|几)([\u4e00-\u9fff]{2,8})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:年|年度)?(?!\d)")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d\d)\s*年(?!\d)")  # "24年" is 2024
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上一年": -1, "前年": -2, "明年": 1}
ALL_YEARS = re.compile(r"历年|历届|每年|各年|所有年份|往年|历次")
FOLLOW_UP = re.compile(r"呢[?？]?$|^那|^这|^还|^再|^换成|^如果是|^其他|^另外|^它|^他们|^上面|^刚才")
SUBMITTING = re.compile(r"报|交|送|截止|截至|提交|期限|最晚|最迟|deadline", re.IGNORECASE)
# What asks for a person, a unit, a date…: the interrogative, not the topic.
ASKS_PERSON = re.compile(r"哪(?:个|些|位)[^\s,，。?？]{0,4}(?:领导|长|书记|主任|负责人|嘉宾)|谁|哪位|什么人|哪些人"
                         r"|(?:个人|人员|选手|同志|员工)都?(?:叫啥|叫什么|的名字|名字|姓名)"  # "表彰的优秀个人都叫啥名字"
                         r"|主持人|嘉宾|(?:领导|代表|负责人)(?:叫啥|叫什么|的名字|名字|姓名)"
                         # "项目总工叫什么名字", "质量总监叫啥": a post's holder, named (公司叫啥 is a unit)
                         r"|(?<=[工员师任记席官理监])(?:叫什么名字|叫啥名字|叫什么|叫啥|的名字|姓名)")
# What of a person question is only asking: "哪位副县长" keeps 副县长 as a topic word.
PERSON_WORDS = re.compile(r"哪(?:个|些|位)(?:[省市县区州]?(?:领导|负责人|嘉宾)|人)?|领导|谁|什么人|主持人|嘉宾"
                          r"|(?:叫什么|叫啥)?的?名字|姓名")  # "叫什么名字": how a name is asked, no topic
# "什么", "啥", "哪些": a question, even when it names no kind of answer.
ASKS_WHAT = re.compile(r"什么|啥|哪些|哪个|哪几|哪一|怎么|如何|吗|么")
ASKS_UNIT = re.compile(r"哪个部门|哪些部门|哪个单位|哪些单位|什么单位|什么部门|哪家(?:单位|机构|部门|企业|公司)?|哪个机构|哪些机构|哪个处|哪个局"
                       r"|牵头单位|责任单位|主办单位|承办单位|配合单位|哪个厅|哪个委|哪[几两三四五六七八九十]+[个家](?:单位|部门|机构|企业)"
                       # 谁举办 is left to the event it names: "大会由谁举办" is its host, read from the event
                       r"|谁(?:负责|牵头|主办|承办|组织|配合|搞|办|印发|下发|制定|开展|实施|推广|发(?!的?言))"
                       r"|哪(?:个|些|家)[^\s,，。?？]{0,6}(?:局|厅|委|办|部(?!署|分)|单位|部门|协会|机构|企业|公司|处|科|股|所|队)"
                       # "示范企业叫啥品牌" asks the brand's name, not the companies'
                       r"|(?:企业|单位|公司)(?:都)?(?:叫什么|叫啥|的名字|名称|是哪)(?!(?!名字|名称)[\u4e00-\u9fff]{2})")
THEME_SLOGAN = re.compile(r"主题口号(?!征集|建议)")
# "哪天举行", "在哪举办": the verb holding an event is how its date or place is asked, no topic
HELD = r"(?:举行|举办|召开)?"
ASKS_DATE = re.compile(rf"(?:哪天|哪一天|{DAY_ASKED}|几月几|什么时候|何时|什么时间|啥时候|啥时|(?<![节假])日期|时间|截止|截至|几月|哪个月|多久){HELD}")
SUBMIT_VERBS = "报送至|报送到|报送|上报|报至|报给|报市|报省|报县|发送至|发送到|提交至|提交|反馈至|发至|送至|寄至"
CUE_MAX_DISTANCE = 6  # characters between a relation verb and the 谁 it belongs to
# Roles a person question may ask about by name ("记者是谁", "组长是谁"): they are the relation.
ROLE_NOUNS = re.compile(r"记者|责编|编辑|审核|作者|通讯员|摄影|副组长|组长|主持人|联络员")
# who wrote or shot a report; "书画摄影比赛" names a contest, not its photographer
BYLINE_ROLES = re.compile(r"记者|作者|通讯员|撰稿|摄影(?!比赛|大赛|展|作品|活动)|署名(?!文章)")
# The place of an item in a list: "第3条", "最后一项" (group 1 empty: the last).
# "第三个附件里第一条口号": an attachment's place says where, the item's which
# ("第7项目部", "第三项目经理部": a project department named by its number, no 7th item)
ORDINAL = re.compile(r"(倒数)?第([一二三四五六七八九十\d]{1,3})(?:项(?!目)|条|点|个|部分|方面|类|支|种|场|块|大项|句)(?!附件)"
                     r"|最(?:后|末)一(?:项|条|点|个|部分|方面|类|支|种|场|块|大项|句)")
# "贯彻哪两个纲要", "分哪几块", "是为了": how a question asks, nothing it is about
LISTED_COUNT = re.compile(r"哪([一两二三四五六七八九十\d]{1,2})\s*(?:个|项|条|家|类|大|方面|部分|块|点|种)"
                          r"([\u4e00-\u9fff]{2})?")
WHICH_OF_SO_MANY = re.compile(r"哪[一两二三四五六七八九十几\d]+\s*(?:个|项|条|家|类|大|方面|部分|块|点|位|名)|哪些方面|什么方面|啥方面"
                              r"|是为了|为了什么|为了啥|为啥|为什么")
ASKS_NTH = re.compile(r"第几\s*([个项条家类场次批所名支届期号])")
# "按哪个文件部署的", "依据的是什么通知", "宣贯落实哪个纲要": a document followed, named by its title
ASKS_DOCUMENT = re.compile(r"(按照|按|根据|依据|依照|贯彻|落实|宣贯|遵照)[^,，。?？]{0,6}?(?:哪个|哪份|哪些|哪几个|什么|啥)"
                           r"[\u4e00-\u9fff]{0,4}?(?:文件|通知|方案|纲要|规划|意见|计划|精神)")  # 哪个行动计划
# "“东林制造2031”文件全称是啥": the title of a document the question names by a short form in quotes
FULL_NAME_ASKED = re.compile(r"(?:文件|通知|纲要|计划|方案)?的?(?:全称|全名|完整名称|完整的名称)")
ASKS_DURATION = re.compile(r"多久|多长时间|多长期限|持续多长")  # how long, or how often ("多久评一次")
ASKS_LIST = re.compile(r"哪些|哪几|有什么|都有|分别|各是|都是|几类|几方面|几条|几块|几部分")
# "几点开始", "上午几点": a time of day ("提了几点要求" counts points)
ASKS_HOUR = re.compile(r"(?<![第那这])几点(?:钟|开始|举行|开|到|结束|进行|左右|集合|几分|[?？]|$)|几时(?!候)|什么时间点|哪个时间点"
                       r"|(?:上午|下午|晚上|早上)几点")
# "什么时候结束": when a span ends, asked; 结束 is no topic a sentence must hold
ASKS_END = re.compile(r"(?:什么时候|啥时候|何时|几号|哪天|几月几[号日]?)(?:才|就)?(?:结束|截止|完事|收尾)")
ASKS_DAY = re.compile(DAY_ASKED + r"|哪天|哪一天|几月几|日期|具体时间|哪日")
ASKS_YEAR = re.compile(r"(?:从|自)?(?:哪年|哪一年|什么年份|哪个年份|何年)(?:开始|起|开办|开展|举办)?")
ASKS_YESNO = re.compile(r"是否|有没有|是不是|有无|吗[?？]?$|([\u4e00-\u9fff])不\1")  # 要不要, 收不收: A-not-A
# A bare acknowledgement after an answer: thanked, not answered again.
ACKNOWLEDGEMENT = re.compile(r"^(?:(?:谢谢|多谢|感谢|谢了|谢啦|好的|好滴|好|嗯+|收到|明白了?|知道了|了解|懂了|ok|okay|thx|"
                             r"thanks|thank you|👍|🙏|👌|辛苦了?|您|你|啦|了|哈|呀|啊)[\s,，!！。.~～]*)+$", re.IGNORECASE)
# "哪个副市长", "哪位副县长": the title asked about (a title, not a vague 领导).
ASKS_TITLE = re.compile(r"哪(?:个|位|些)([\u4e00-\u9fff]{0,4}?(?:长|书记|主任|主席|专员))"
                        r"|((?:副)?[局厅委市县区省部处科院所镇乡村站组队]?(?:长|书记|主任|主席|专员|负责人|总经理|董事长"
                        r"|项目经理|总工程师|总工|总监))"
                        r"(?:是谁|叫什么|叫啥|的名字|姓名)")
MONEY = re.compile(r"多少钱|几块钱|多少块|(?<=奖金)(?:是|有|为)?多少|(?<=金额)(?:是|为)?多少|(?<=奖励)(?:是|有)?多少(?!个|项|家|名)")
RATE = re.compile(r"(率|比例|占比)(?:是|为|达到|有)?多少")
SUBJECT_MIN_SCORE = 88  # rapidfuzz partial_ratio for a mistyped unit name
SUBJECT_FUZZY_MIN_CHARS = 6  # ... of a long name only: short names differ by one meaningful character


@dataclass
class Query:
    text: str
    years: list[int] = field(default_factory=list)
    all_years: bool = False
    regions: list[Region] = field(default_factory=list)
    subject: str | None = None
    intents: set[str] = field(default_factory=set)
    measure: str | None = None
    measure_noun: str = ""
    measure_alike: str = ""  # a measure the one asked sounds like ("多少分": 份), tried when it finds none
    more_counts: list[tuple[str, str]] = field(default_factory=list)  # further (measure, noun) asked
    follow_up: bool = False
    answer_type: AnswerType = OPEN_T
    cue: str = ""  # the relation verb of a person/unit question: 主持, 牵头
    title: str = ""  # the title a person question asks about: 哪个副市长 -> 副市长
    terms: list[str] = field(default_factory=list)  # topic words: not region, year or asking words
    context_terms: list[str] = field(default_factory=list)  # the chat's topic: ranks, never required
    today: date | None = None  # the asker's today: 今年/去年 and how long until a deadline

    @property
    def wants_list(self) -> bool:
        """"哪些", "哪几类", "有什么": several items may answer it."""
        return bool(ASKS_LIST.search(self.text))

    @property
    def listed_count(self) -> tuple[int, str] | None:
        """"分哪4个方面", "哪两个纲要": how many items of what the asker knows the list holds."""
        m = LISTED_COUNT.search(self.text)
        return (number_value(m.group(1)) or 0, m.group(2)) if m and m.group(2) else None

    @property
    def stated_counts(self) -> list[tuple[int, str, str]]:
        """"东林11个部门开展29项活动是哪一年": counts the asker states, which say which notice is meant
        (not "哪两个", "第三届", "几个", nor the one of "一个活动"), with what they count."""
        return [(value, measure, noun) for value, measure, noun, _phrase, start in counts_in(self.text)
                if value > 1 and not re.search(r"[哪几第前多]$", self.text[max(0, start - 1):start])]

    def wants_nth(self, measure: str | None) -> bool:
        """"第几届", "第几个质量月", "第几批": a place in a series ("第46个", "首批") is asked in that
        measure, not a number of things ("表彰了几家企业,是第几届": 家 counts, 届 places)."""
        return any(m.group(1) == measure for m in ASKS_NTH.finditer(self.text))

    @property
    def wants_hour(self) -> bool:
        """"几点开始": a time of day; a date alone does not answer it."""
        return bool(ASKS_HOUR.search(self.text))

    @property
    def wants_day(self) -> bool:
        """"几号", "哪天": a date to the day; "几月" is answered by a month."""
        return bool(ASKS_DAY.search(self.text))

    @property
    def asks(self) -> bool:
        """Whether the question says what it wants (an intent, a kind of answer, a question word)."""
        return bool(self.intents) or self.answer_type is not OPEN_T or bool(ASKS_WHAT.search(self.text))

    @property
    def targets(self) -> bool:
        """Whether the question says what it is about (region, year, unit or a topic)."""
        return bool(self.regions or self.years or self.all_years or self.subject or self.terms)

    def describe(self) -> str:
        """What was understood, for a "not found" answer the user can act on."""
        parts = []
        if self.regions:
            parts.append("地区:" + "、".join(r.name for r in self.regions))
        if self.years:
            parts.append("年份:" + "、".join(f"{y}年" for y in self.years))
        if self.subject:
            parts.append("单位:" + self.subject)
        if self.intents:
            parts.append("问题:" + "、".join(INTENT_NAMES.get(i, i) for i in sorted(self.intents)))
        return ";".join(parts) or "没有识别出地区、年份或问题类型"


INTENT_NAMES = {
    "theme": "活动主题", "slogans": "宣传口号", "contact": "联系人", "phone": "电话", "fax": "传真",
    "email": "邮箱", "deadline": "报送截止时间", "submit_to": "报送对象", "submit_what": "报送材料",
    "period": "活动时间", "issuer": "发文单位", "issue_date": "发文日期", "doc_number": "文号",
    "duty": "单位分工/活动", "count": "数量", "event": "活动/仪式", "place": "地点", "award": "奖项",
    "page_row": "网页信息", "addressees": "主送单位",
}


# A quote in a question, however typed (“…”, "…", 「…」); answer_types.QUOTED_SPAN reads the notices' “…”
ASKED_QUOTE = re.compile(r"[“\"「『][^”\"」』]*[”\"」』]")


def find_years(text: str, today: date, known_years: frozenset[int] = frozenset()) -> list[int]:
    """The years a question names. ``known_years``: the years the knowledge holds notices of, which say
    which century a two-digit year is ("29年" is 2029 when a 2029 plan is loaded and no 1929 one)."""
    # a bare number in quotes is part of a name ("“东林制造2031”"), not the year asked
    quoted = [m.span() for m in ASKED_QUOTE.finditer(text)]
    years = [int(m.group(1)) for m in _YEAR.finditer(text)
             if "年" in m.group(0) or not any(a <= m.start() < b for a, b in quoted)]
    # "97年" is 1997: a two-digit year past next year's is of the last century
    years += [century + int(m.group(1)) for m in _SHORT_YEAR.finditer(text)
              for century in [2000 if 2000 + int(m.group(1)) <= today.year + 1
                              or (2000 + int(m.group(1)) in known_years and 1900 + int(m.group(1)) not in known_years)
                              else 1900]]
    if not years:  # "2025年那篇说今年是第几个": an explicit year says which 今年 is meant
        for word, delta in _RELATIVE_YEAR.items():
            if word in text:
                years.append(today.year + delta)
    return list(dict.fromkeys(years))


def find_intents(text: str) -> set[str]:
    intents = {k for k, p in _INTENT_RE.items() if p.search(text)}
    if "theme" in intents and THEME_SLOGAN.search(text):
        intents.discard("slogans")  # "主题口号是什么": the theme, the one line a campaign is run under
    if "fax" in intents and not re.search(r"电话|手机|座机", text):
        intents.discard("phone")  # 传真号码 is a fax number
    if "email" in intents and not re.search(r"电话|手机|座机", text):
        intents.discard("phone")
    if "submit_to" in intents and not SUBMITTING.search(text):
        intents.discard("submit_to")  # "大讲堂是给谁培训的" asks who is trained, not where to submit
    if "deadline" in intents and not SUBMITTING.search(text):
        intents.discard("deadline")  # "几号开始" asks a date, not a submission deadline
        if re.search(r"开始|结束|起止|持续|到几号|到哪天", text):
            intents.add("period")
    if "count" in intents and re.search(r"(?:号(?:码)?|网址|网站|邮编|地址|账号)(?:是)?多少", text) \
            and not intents & {"phone", "fax"}:
        intents.discard("count")  # "索引号是多少" asks an identifier, not a count
    if "count" in intents and "哪几" in text:
        intents.discard("count")  # 哪几个 asks which ones, not how many
    if "count" in intents and not _MEASURE.search(text) and intents - {"count", "duty"}:
        intents.discard("count")  # 电话多少 asks for the number, not a count
    if "deadline" in intents and "event" in intents and not re.search(r"报|交|送|截止", text):
        intents.discard("deadline")
    if "period" in intents and "event" in intents:
        intents.discard("period")  # 启动仪式什么时候举行 asks for the event's date
    if "period" in intents and "deadline" in intents:
        intents.discard("period")  # 活动总结什么时候报 asks for the deadline
    if "place" in intents and "event" not in intents:
        intents.add("event")
    if "issuer" in intents and (UNIT_ROLES.search(text) or UNIT_DOING.search(text)):
        intents.discard("issuer")  # "哪个单位主办的" asks who organised it, not who issued the notice
    if "issue_date" in intents and "deadline" in intents and not re.search(r"报|交|送|截止", text):
        intents.discard("deadline")
    if "issue_date" in intents and "period" in intents and not re.search(r"开展|举办|进行|持续|开始|结束|活动时间", text):
        intents.discard("period")  # "通知落款是几月几号": the date it was signed, not the campaign's month
    return intents


# "哪个单位搞", "哪个部门来干": the unit doing an activity, said colloquially
UNIT_DOING = re.compile(r"(?:单位|部门|机构)(?:来|在|负责)?(?:搞|干|弄|做)")
SUBJECT_CORE = re.compile(r"^(?:省|市|区|县|州)")  # "省公安厅" is also named as 公安厅
SUBJECT_CORE_MIN_CHARS = 2
SUBJECT_CORE_FROM_CHARS = 3  # ... a name this long at least
MISTYPE_FROM_CHARS = 3  # names this long may be matched with a wrong character


@dataclass(frozen=True)
class SubjectIndex:
    """The duty subjects (unit names) indexed for :func:`find_subject`: by name, by the core a
    leading 省/市 leaves, by their characters. Built once per list of subjects.

    Why: at 10,000 notices there are hundreds of subjects, and scanning each of them (a substring
    test, a regular expression, a fuzzy score) for every question took ~1.5 ms. Here a question's
    own substrings are looked up, and only subjects sharing enough characters with it are scored
    fuzzily; the subject found is the one the scan finds (same order, same ties)."""

    order: dict[str, int]  # subject -> position in the sorted list (ties go to the first)
    lengths: tuple[int, ...]  # the subjects' lengths, each once
    cores: dict[str, list[str]]  # core -> the subjects of that core, in order
    core_lengths: tuple[int, ...]
    fuzzy: tuple[str, ...]  # the subjects long enough to be scored fuzzily, in order
    chars: dict[str, list[tuple[int, int]]]  # character -> (position in ``fuzzy``, times in the name)

    @classmethod
    def build(cls, subjects: tuple[str, ...]) -> SubjectIndex:
        cores: dict[str, list[str]] = {}
        for s in subjects:
            if len(s) < SUBJECT_CORE_FROM_CHARS:
                continue
            core = SUBJECT_CORE.sub("", s)
            if len(core) >= SUBJECT_CORE_MIN_CHARS and len(core) + 1 >= len(s) - 1:
                cores.setdefault(core, []).append(s)
        fuzzy = tuple(s for s in subjects if len(s) >= SUBJECT_FUZZY_MIN_CHARS)
        chars: dict[str, list[tuple[int, int]]] = {}
        for i, s in enumerate(fuzzy):
            for ch, n in Counter(s).items():
                chars.setdefault(ch, []).append((i, n))
        order: dict[str, int] = {}
        for i, s in enumerate(subjects):
            order.setdefault(s, i)
        return cls(order, tuple(sorted({len(s) for s in subjects})), cores,
                   tuple(sorted({len(c) for c in cores})), fuzzy, chars)

    def named(self, text: str) -> list[str]:
        """The subjects that occur in ``text``, in order."""
        return self._in(text, self.order, self.lengths)

    def by_core(self, text: str) -> list[str]:
        """The subjects whose core occurs in ``text``, in order."""
        found = self._in(text, self.cores, self.core_lengths)
        return sorted({s for core in found for s in self.cores[core]}, key=self.order.__getitem__)

    def may_score(self, text: str, score: float) -> list[str]:
        """The fuzzily scored subjects whose partial_ratio with ``text`` can reach ``score``, in order.

        partial_ratio is an Indel similarity, 200·LCS/(m+w), of the shorter string (length m)
        against windows (length w ≤ m) of the longer; the LCS is at most ``common``, the
        characters the two share (counted with repeats), so the score is at most
        200·common/(m+common). Subjects below that bound cannot reach ``score``."""
        common: dict[int, int] = {}
        for ch, n in Counter(text).items():
            for i, times in self.chars.get(ch, ()):
                common[i] = common.get(i, 0) + (n if n < times else times)
        out = []
        for i, c in common.items():
            m = min(len(self.fuzzy[i]), len(text))
            if 200 * c / (m + c) >= score - FUZZY_BOUND_TOLERANCE:
                out.append(i)
        return [self.fuzzy[i] for i in sorted(out)]

    def _in(self, text: str, names: Mapping[str, object], lengths: tuple[int, ...]) -> list[str]:
        found = {text[i : i + n] for n in lengths for i in range(len(text) - n + 1)}
        return sorted((w for w in found if w in names), key=lambda w: self.order.get(w, 0))


FUZZY_BOUND_TOLERANCE = 1e-6  # the bound is compared with a float score: never exclude by rounding


@lru_cache(maxsize=8)
def subject_index(subjects: tuple[str, ...]) -> SubjectIndex:
    return SubjectIndex.build(subjects)


def find_subject(text: str, subjects: list[str]) -> str | None:
    """The unit asked about: a unit name that occurs in the knowledge, exact or mistyped."""
    index = subject_index(tuple(subjects))
    present = index.named(text)
    if present:
        return max(present, key=len)
    # "四川省公安厅" names 公安厅; "省公安厅" too: strip a leading region or 省/市
    for s in index.by_core(text):
        if _same_level(s, SUBJECT_CORE.sub("", s), text):
            return s
    best, best_score = None, 0.0
    for s in index.may_score(text, SUBJECT_MIN_SCORE):
        score = fuzz.partial_ratio(s, text)
        if score > best_score:
            best, best_score = s, score
    if best_score >= SUBJECT_MIN_SCORE:
        return best
    return _mistyped_subject(text, subjects) or _shortened_subject(text, subjects)


SHORT_NAME_MIN_CHARS = 4  # "人社部门": a unit's short name keeps its first and closing characters (three after no place)


def _shortened_subject(text: str, subjects: list[str]) -> str | None:
    """"人社部门" → 人力资源社会保障部门: a run of the question that opens and closes as a unit's name
    does and keeps its other characters in order, shorter than the name and at least
    ``SHORT_NAME_MIN_CHARS`` long; three characters (经信厅) too, where no place stands right before
    them ("江西省交通厅" is that province's own office, not a short name of 交通运输厅)."""
    by_ends = _by_first_and_closing(tuple(subjects))
    for end in range(len(text)):
        for start in range(max(0, end - SHORT_NAME_MAX_CHARS + 1), end - SHORT_NAME_MIN_CHARS + 3):
            short = text[start : end + 1]
            for name in by_ends.get((short[0], short[-1]), ()):
                if len(short) < len(name) and _keeps_in_order(short, name) and (
                        len(short) >= SHORT_NAME_MIN_CHARS
                        or not any(m.end == start for m in regions().find(text[:start]))):
                    return name
    return None


SHORT_NAME_MAX_CHARS = 8


@lru_cache(maxsize=8)
def _by_first_and_closing(subjects: tuple[str, ...]) -> dict[tuple[str, str], list[str]]:
    """Unit names of four or more characters by their first and closing characters, longest first."""
    groups: dict[tuple[str, str], list[str]] = {}
    for name in sorted(subjects, key=len, reverse=True):
        if len(name) > SHORT_NAME_MIN_CHARS:
            groups.setdefault((name[0], name[-1]), []).append(name)
    return groups


def _keeps_in_order(short: str, name: str) -> bool:
    """Whether every character of ``short`` occurs in ``name`` in the same order."""
    at = 0
    for ch in short:
        at = name.find(ch, at) + 1
        if at == 0:
            return False
    return True


def _same_level(subject: str, core: str, text: str) -> bool:
    """"四川省公安厅" names the provincial 公安厅; "敖汉旗市场监管局" is not the province's 省市场监管局."""
    before = text[: text.find(core)]
    places = [m for m in regions().find(before) if m.end == len(before)]
    if not places:
        return True
    level = places[-1].region.level
    return not ((subject.startswith("省") and level != "province")
                or (subject.startswith("市") and level == "county"))


@lru_cache(maxsize=8)
def _by_closing_character(subjects: tuple[str, ...]) -> dict[str, list[str]]:
    """Unit names of three or more characters grouped by their last character, longest first."""
    groups: dict[str, list[str]] = {}
    for s in sorted(subjects, key=len, reverse=True):
        if len(s) >= MISTYPE_FROM_CHARS:
            groups.setdefault(s[-1], []).append(s)
    return groups


def _mistyped_subject(text: str, subjects: list[str]) -> str | None:
    """"公按厅" → 公安厅: one wrong character (two in long names), same closing character.

    Only the windows of ``text`` ending in the name's closing character are compared (where
    each character occurs is found once), in the order a scan of all windows meets them."""
    groups = _by_closing_character(tuple(subjects))
    candidates = sorted({s for ch in set(text) for s in groups.get(ch, ())}, key=len, reverse=True)
    ends: dict[str, list[int]] = {}
    for j, ch in enumerate(text):
        ends.setdefault(ch, []).append(j)
    for s in candidates:
        n = len(s)
        allowed = 1 if n < 6 else 2
        for j in ends[s[-1]]:
            i = j - n + 1
            if i < 0:
                continue
            window = text[i : j + 1]
            if (Levenshtein.distance(window, s, score_cutoff=allowed) <= allowed
                    and not regions().lookup(window)  # 西安市 is a place, not a mistyped 广安市
                    and _sound(window) == _sound(s)):  # 公按厅 sounds like 公安厅; 省质监局 is no 省药监局
                return s
    return None


def find_answer_type(text: str, intents: set[str]) -> tuple[AnswerType, str]:
    """The kind of answer wanted, and for person/unit questions the relation verb asked about.

    What is asked outranks what it is asked about: "口号征集截止到哪天" wants a date, not slogans;
    "12345热线是哪一年开通的" a year, not a phone.
    """
    if (m := ASKS_YEAR.search(text)) and "count" not in intents:
        return YEAR_T, "始" if re.search(r"开始|起|从|自|开办", m.group(0)) else ""
    for intent, kind in (("fax", FAX_T), ("email", EMAIL_T), ("phone", PHONE_T), ("doc_number", DOC_NUMBER_T),
                         ("count", COUNT_T), ("place", PLACE_T)):
        if intent in intents:
            return kind, ""
    if ASKS_DURATION.search(text):  # "搞多久": how long ("为期一个月"), not when
        return DURATION_T, ""
    if m := ASKS_DOCUMENT.search(text):  # "按哪个文件部署的": a document's title, after the verb asked
        return DOCUMENT_T, m.group(1)
    if FULL_NAME_ASKED.search(text) and ASKED_QUOTE.search(text):
        return DOCUMENT_T, ""
    if m := ASKS_YEAR.search(text):  # "从哪年开始": the year something began, not any year it names
        return YEAR_T, "始" if re.search(r"开始|起|从|自|开办", m.group(0)) else ""
    if ((role := BYLINE_ROLES.search(text)) and re.search(r"谁|叫啥|叫什么|名字|哪个|哪位", text)
            and not ASKS_UNIT.search(text)):
        return PERSON_T, role.group(0)  # "那篇报到的记者叫啥": the byline, whatever else is said
    if "submit_to" in intents:  # "报给谁": the office a deadline sentence names
        return UNIT_T, SUBMIT_VERBS
    # "启动仪式" names an event, "启动后" a time: neither is the relation asked
    # nor does "负责人" name a relation (主持人 does: who presided)
    verbs = [m for m in ROLE_VERBS.finditer(text)
             if not re.match(r"仪式|会|式|大会|后|前|时|之后|以后", text[m.end():m.end() + 2])
             and not (m.group(0) == "负责" and text.startswith("人", m.end()))]
    asks_person = ASKS_PERSON.search(text)
    after = [m for m in verbs if asks_person and m.start() >= asks_person.end()]
    # "谁宣布启动": the verb after 谁; else one close before it ("讲话的是谁"), not a topic's verb
    # far away ("启动时介绍情况的省质监局局长是谁")
    near = [m for m in verbs if not asks_person or asks_person.start() - m.end() <= CUE_MAX_DISTANCE]
    chosen = after[0] if after else (near[-1] if near else None)
    while chosen and (joined := next((m for m in verbs if m.end() == chosen.start()), None)):
        chosen = joined  # "牵头组织", "主持召开": the first of verbs in a row is the relation
    if DOING_ASKED.search(text) and not after:
        chosen = None  # "专项解读谁来搞": who does it; 解读 is part of what is done
    cue = chosen.group(0) if chosen else ""
    if "contact" in intents and not ASKS_UNIT.search(text):  # "联系人是谁": the contact, whoever else the
        # notice names; "联系人是哪个处的" asks the contact's office
        return PERSON_T, "联系人|联络人|联系方式"
    if ASKS_UNIT.search(text) or ("issuer" in intents and not asks_person) or (
            asks_person and cue and UNIT_ROLES.fullmatch(cue)):
        return UNIT_T, cue
    if asks_person:
        role = ROLE_NOUNS.search(text)
        return PERSON_T, cue or (role.group(0) if role else "")
    if intents & {"deadline", "period", "issue_date"} or ASKS_DATE.search(text) or ASKS_HOUR.search(text):
        return DATE_T, ""
    if "theme" in intents and _asked_itself(text, _INTENT_RE["theme"]):
        return THEME_T, ""
    if "slogans" in intents and _asked_itself(text, _INTENT_RE["slogans"]):
        return SLOGANS_T, ""
    if ASKS_YESNO.search(text):
        return YESNO_T, ""
    return OPEN_T, ""


INTERROGATIVE = re.compile(r"什么|啥|哪些|哪几|哪个|哪条")
ASKED_WORD_GAP = 2  # "以什么为主题": a question word this close before the word still asks it


def _asked_itself(text: str, word: re.Pattern[str]) -> bool:
    """Whether the theme or the slogans are what is asked: a question word stands after the word or right
    before it ("主题是什么", "什么主题"), not only well before it ("制作什么来宣传质量月主题": what is made)."""
    words = list(word.finditer(text))
    asking = list(INTERROGATIVE.finditer(text))
    return not words or not asking or any(a.start() >= w.end() or w.start() - a.end() <= ASKED_WORD_GAP
                                          for w in words for a in asking)


ASKS_PLACE_KIND = re.compile(
    # "放在哪个市", "定在哪个城市": the verb placing it asks where as much as 在哪 does
    r"(?:(?:放|定|设|选|安排|落|搁)在)?(?:哪|哪个|哪些|哪几个|什么)(?:地方|城市|地市|市|县|区|省|州|乡镇|镇|村|街道|场所|区域|位置)"
    r"|(?:放|定|设|选|安排|落|搁)在(?=哪)")


# "总结里说唱响了几支", "报道里提到哪些企业": where in the notice the asker read it, not what it is about
# (the notice's text need not call itself 总结); also keeps jieba from cutting 里说唱响 into 说唱.
DOCUMENT_POINTER = re.compile(r"(?:(?:那篇|这篇)?(?:通知|方案|总结|报道|文件|稿子|文章|新闻|材料|函|附件\d{0,2})(?:里|中)"
                              r"|(?:那篇|这篇)(?:里|中))"
                              r"(?:说的|说|讲的|讲|提到的|提到|提的|写的|写)?")


# Intents whose words say what a question is about, not what it asks, unless they are the ask.
TOPIC_WORD_INTENTS = {"theme": THEME_T, "slogans": SLOGANS_T}


def topic_terms(text: str, region_names: list[str], intents: set[str], answer_type: AnswerType) -> list[str]:
    """The question's words minus asking words, regions and years: what it is about."""
    asked = text
    stripped = [ASKS_END] + [p for name, p in _INTENT_RE.items()  # "什么时候结束" before 什么时候 is taken
                             if name in intents and TOPIC_WORD_INTENTS.get(name, answer_type) is answer_type]
    stripped += [DOCUMENT_POINTER, ASKS_DOCUMENT, WHICH_OF_SO_MANY, ASKS_UNIT, PERSON_WORDS, ASKS_DURATION, ASKS_DATE,
                 ASKS_HOUR, ASKS_YESNO, ASKS_YEAR, ALL_YEARS, _YEAR,
                 _SHORT_YEAR, ORDINAL]
    if answer_type in (PERSON_T, UNIT_T):
        stripped += [ROLE_VERBS, ROLE_NOUNS]  # the relation is checked on its own
    if answer_type is DOCUMENT_T:  # "“…”文件全称": the words asking for the title, no topic
        stripped.append(FULL_NAME_ASKED)
    if answer_type is PLACE_T:  # "进哪些地方", "放在哪个市": the kind of place asked, no topic
        stripped.insert(0, ASKS_PLACE_KIND)
    for pattern in stripped:
        asked = pattern.sub(" ", asked)
    for word in _RELATIVE_YEAR:
        asked = asked.replace(word, " ")
    asked = POINTING_WORDS.sub(" ", asked)
    asked = WORDING_ASKED.sub(" ", asked)
    # "…万里行是哪天": the 是 before what was asked joins the question, not the topic (jieba cuts 行是)
    asked = DANGLING_COPULA.sub(" ", asked)
    for name in sorted(region_names, key=len, reverse=True):
        asked = asked.replace(name, " ")
    page_words = PAGE_WORDS if "page_row" in intents else ()  # "网站发布时间": the page's own row asked
    return [t for t in tokens(asked) if not t.isdigit() and len(t) >= 2 and t not in page_words
            and not NUMBERED_KINDS.fullmatch(t)]


QUOTED_SHORT = re.compile(r"([“\"])([^”\"]{1,12})([”\"])")
MASK = "□"  # no word and no character class of any asking pattern
# "启动那年是我国第几个质量月": the year already named, and the country every notice is of
POINTING_WORDS = re.compile(r"那一?年|这一?年|我国|[那这](?:场|次|回)(?![\u4e00-\u9fff]?[会赛展])"
                            r"|(?<=国家|省级|市级|县级)层面")  # "国家层面那次": the national one, no topic
# "主题原话怎么说的": the exact words asked, no topic
WORDING_ASKED = re.compile(r"原话|原文|原句|(?:具体)?(?:怎么|咋|如何)(?:说|写|讲|表述)的?")
# "抽检的两类食品": how many kinds the notice lists, said back, no topic a sentence must hold
NUMBERED_KINDS = re.compile(r"[两二三四五六七八九十几]+[类项种条]")
DANGLING_COPULA = re.compile(r"(?<=[\u4e00-\u9fff])是(?=\s|$)")
PAGE_WORDS = ("网站", "官网", "网上", "网页", "页面")  # a page's own row asked names the page, not a topic


# "省里的…", "省上…": the province's own notice asked, wherever the asker writes from
PROVINCE_ASKED = re.compile(r"省里|省上|省级的|省级质量月|全省的?质量月|省质强办|省里面")
ASKERS_PLACE = ("这边", "这里")  # "东林这边问下": where the asker writes from, not what is asked about

# "山东2015年全省质量月…", "海南全省…": 全省 is the province the question names, said again, not a
# topic a notice must hold (a province's notice says 山东省, 我省 or nothing).
LEVEL_WORD = re.compile(r"(?:全|本|我)([省市县区州盟旗])")


def _names_asked_region(term: str, region_list: list[Region]) -> bool:
    """Whether a word is a level word ("全省") for a region the question names at that level."""
    m = LEVEL_WORD.fullmatch(term)
    return bool(m) and any(r.name.endswith(m.group(1)) for r in region_list)


# "…组长是谁,副组长呢": a comma before a short "X呢" starts a second question too
QUESTION_BREAK = re.compile(r"[?？!！;；]+|\s+(?=\S)|[,，](?=[^,，?？]{1,8}呢)"
                            r"|[,，](?=(?:文号|发文字号|字号)(?:是多少|多少)[?？]?$)"  # "…哪个行动计划部署的,文号多少"
                            r"|[,，](?=谁|哪(?:个|位|些|天|里|儿)|几[月号个位]|什么时候)")  # "…谁宣布启动,谁致辞"


# What makes a later part of a question ask something of its own: an asking word or particle
ASKING_SIGNAL = re.compile(r"[哪谁何几多啥么吗呢嘛]|什么|是否|能否|对吧|(.)[不没]\1")  # "算不算", "有没有"
REMARK_MIN_CHARS = 5  # a shorter part without one is still asked: "电话", "邮箱也要"


def split_question(question: str) -> list[str]:
    """"启动仪式在哪开的?谁主持的" asks two things: each part that asks something on its own.

    A part that asks nothing ("四川的") stays with the next one.
    """
    text = normalize_query(question)
    parts: list[str] = []
    carry = ""
    for piece in QUESTION_BREAK.split(text):
        piece = carry + piece.strip()
        if not piece:
            continue
        asks = (bool(find_intents(piece)) or find_answer_type(piece, set())[0] is not OPEN_T
                or bool(ASKS_WHAT.search(piece)) or (bool(parts) and piece.endswith("呢")))  # "副组长呢"
        if parts and len(piece) >= REMARK_MIN_CHARS and not ASKING_SIGNAL.search(piece):
            asks = False  # "…手机号有吗,座机老打不通": a remark on what was asked, though it names a phone
        if asks and len(piece) >= 2:
            parts.append(piece)
            carry = ""
        else:
            carry = piece
    if carry and parts:
        parts[-1] += carry
    parts = [p for part in parts for p in _when_and_where(part)]
    return parts if len(parts) > 1 else [question]


_WHEN = re.compile(r"哪天|哪一天|几号|几月几[日号]|什么时候|啥时候?|何时")
_WHERE = re.compile(r"在哪儿|在哪里|在哪(?!天|一天|年|个月|日)|哪里|什么地方|何地")


def _when_and_where(part: str) -> list[str]:
    """"启动仪式几号在哪举办" asks a date and a place: one question for each."""
    when, where = _WHEN.search(part), _WHERE.search(part)
    if not (when and where):
        return [part]
    return [part[: where.start()] + part[where.end() :], part[: when.start()] + part[when.end() :]]


# Characters of asking words (哪句, 几号, 谁发): such a word is asked as written, never corrected.
ASKING_CHARS = re.compile(r"[哪谁何几多啥么]")


def _cue_words() -> frozenset[str]:
    """The literal words of the intent patterns (主题, 口号, 电话, 仪式…): what a typo is corrected to."""
    words = set()
    for pattern in INTENT_PATTERNS.values():
        for alternative in pattern.split("|"):
            if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", alternative) and not ASKING_CHARS.search(alternative):
                words.add(alternative)
    words.update(("仪式", "启动仪式", "电话", "联系人", "口号", "主题"))
    return frozenset(words)


CUE_WORDS = _cue_words()
# A word this common in general Chinese ("的话") is meant as written, not a typo.
TYPO_MAX_WORD_FREQ = 100
# A word the notices hold is corrected to an asking word only if that word is this many times as common.
TYPO_SHARE_RATIO = 10


def _asks_something(word: str) -> bool:
    """"几号", "哪天": asking words are never typos of other asking words."""
    patterns = (*_INTENT_RE.values(), ASKS_PERSON, ASKS_UNIT, ASKS_DATE, ASKS_DAY, ASKS_YEAR, ASKS_WHAT)
    return any(p.search(word) for p in patterns)


@lru_cache(maxsize=4096)
def _sound(word: str) -> tuple[str, ...]:
    """The toneless pinyin of a word (pypinyin, imported only when a typo is suspected)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word))


def _measure_sounding_like(typed: str, *, other: bool = False) -> str:
    """The measure word that sounds like ``typed`` ("向" for 项, "分" for 份); ``other``: not itself."""
    return next((m for m in MEASURES if sounds_alike(m, typed) and not (other and m == typed)), "")


def sounds_alike(a: str, b: str) -> bool:
    return _sound(a) == _sound(b)


_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def correct_typos(text: str, share: Callable[[str], float],
                  like_known: Callable[[str], str | None] | None = None,
                  expanded: Callable[[str], str | None] | None = None) -> str:
    """"主提" -> 主题, "电化" -> 电话: a word the notices hardly hold, one character off an asking word.

    ``share`` is the share of notices holding a word: a word some notice happens to hold ("主提出")
    is still a typo of an asking word that far more notices hold. ``expanded`` gives the notices'
    word a contraction no notice holds stands for ("少儿" → 少年儿童), however common the contraction.
    """
    out = text
    numbers = "".join(m.group(0) for m in DOC_NUMBER.finditer(text))  # "东质协函〔2031〕3号" is a name, not a typo
    for token in tokens(text):
        if token in numbers:
            continue
        # cheapest first: most words are held by some notice, which ends the test
        if (expanded and len(token) == 2 and token not in CUE_WORDS and not ASKING_CHARS.search(token)
                and not share(token) and not (_asks_something(token) or regions().lookup(token))
                and (meant := expanded(token))):
            out = out.replace(token, meant)
            continue
        # cheap tests first: whether a word is the notices' own needs their sentence index
        if (len(token) not in (2, 3) or token in CUE_WORDS or ASKING_CHARS.search(token)
                or word_frequency(token) >= TYPO_MAX_WORD_FREQ or _asks_something(token)
                or regions().lookup(token)):
            continue
        held = share(token)
        for cue in CUE_WORDS:
            # a typo sounds like the word meant (主提/主题 zhuti, 电化/电话 dianhua); "主送" is no 主题
            if (len(cue) == len(token) and Levenshtein.distance(cue, token) == 1
                    and _sound(cue) == _sound(token) and held * TYPO_SHARE_RATIO <= share(cue)):
                out = out.replace(token, cue)
                break
        else:
            if held > 0:
                continue
            meant = like_known(token) if like_known else None  # 部们 → 部门, a word of the notices
            if meant:
                out = out.replace(token, meant)
    if like_known:  # a typo jieba cut apart ("项活|洞" for 项活动): its two characters
        cut = tokens(out)
        for left, right in zip(cut, cut[1:], strict=False):
            window = left[-1] + right[0]
            # one side a lone character, the other no word at all: "项活|洞" (项活动), not "诚信|兴商"
            lone = min(len(left), len(right)) == 1
            unknown = len(left) == len(right) or not word_frequency(left) or not word_frequency(right)
            if (lone and unknown and _CJK_PAIR.fullmatch(window) and not ASKING_CHARS.search(window)
                    and window not in numbers
                    and word_frequency(window) < TYPO_MAX_WORD_FREQ and not share(window)
                    and not regions().lookup(window) and (meant := like_known(window))):
                out = out.replace(window, meant)
    return out


def is_acknowledgement(question: str) -> bool:
    return bool(ACKNOWLEDGEMENT.match(normalize_query(question).strip()))


QUALIFIER_GAP = 1  # characters between a place and the place within it it qualifies ("北京的海淀区")


@dataclass(frozen=True)
class KnownPlaces:
    """The counties the knowledge holds notices of, by their names without 县/区/市/旗, where the
    dictionary does not read those alone as places (怀柔, 六合: also words); one pattern of them all
    (thousands at national scale): one search per question."""

    by_stem: Mapping[str, Region]
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, by_stem: Mapping[str, Region]) -> KnownPlaces:
        names = sorted(by_stem, key=len, reverse=True)
        return cls(by_stem, re.compile("|".join(map(re.escape, names)) or "(?!)"))


def _known_place_stems(text: str, known: KnownPlaces, found: list[RegionMatch]) -> list[RegionMatch]:
    """"怀柔16年质量月…": a county's name without 区, where the knowledge holds that county's notices and
    the name is followed as a place is (a year, 质量月, 的…), though alone it is a word (怀柔 conciliates)."""
    out: list[RegionMatch] = []
    for m in known.pattern.finditer(text):
        after = text[m.end():]
        region = known.by_stem[m.group()]
        if (not any(x.start < m.end() and m.start() < x.end for x in found)
                and (not after or after[0].isdigit() or after.startswith(COUNTY_FOLLOWERS))
                and all(x.region.name != region.name for x in out)):
            out.append(RegionMatch(region, m.start(), m.end(), m.group()))
    return out


# Greetings and openers before a question ("你好,", "请问", "另外问下,", "麻烦问一下"): said to the bot,
# about nothing in the notices
DISCOURSE = re.compile(r"^(?:(?:你好|您好|老师好|大家好|各位好|各位|[早上下晚]午?好|早上好|早|hi|hello|请问一?下?|麻烦(?:问|请教)?一?下|打扰一?下|请教一?下"
                       r"|(?:另外|顺便|再|还)(?:想)?(?:问|请教)一?下|想(?:问|请教|了解)一?下|问一?下|另外|还有|那个|嗯|哦"
                       # "我是东林市场监管局的,": who asks, not what about
                       r"|(?:我|我们)(?:是|在)[^,，。?？!！]{1,24}?(?=[,，])|(?:领导|科长|局长)让我问一?下)"
                       r"[,，!！。~\s]*)+", re.IGNORECASE)
# English words office staff mix into a question, in the notices' own words. A glossary of the asker's
# language (what they type), not of any notice's content.
ENGLISH_TERMS = (
    (r"quality\s*month", "质量月"), (r"launch(?:ing)?\s*ceremony|launch", "启动仪式"), (r"themes?", "主题"),
    (r"slogans?", "口号"), (r"fax(?:\s*number|\s*no\.?)?", "传真"), (r"(?:tele)?phone(?:\s*number)?|tel\.?", "电话"),
    (r"contact(?:\s*person)?s?", "联系人"), (r"deadline(?:\s*for)?", "截止时间"), (r"summary", "总结"),
    (r"national", "全国"), (r"activit(?:y|ies)", "活动"), (r"e-?mail(?:\s*address)?", "邮箱"), (r"no\.?\s*(\d{1,2})", r"第\1条"),
)
_ENGLISH = [(re.compile(rf"(?<![a-z]){pattern}(?![a-z])", re.IGNORECASE), chinese) for pattern, chinese in ENGLISH_TERMS]
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _by_unique_sound(names: Iterable[str]) -> dict[str, str]:
    """Names by their toneless pinyin (sichuan → 四川); a sound two names share names neither."""
    seen: dict[str, set[str]] = {}
    for name in names:
        seen.setdefault("".join(_sound(name)).lower(), set()).add(name)
    return {sound: found.pop() for sound, found in seen.items() if len(found) == 1}


@lru_cache(maxsize=1)
def _places_by_pinyin() -> dict[str, str]:
    """Provinces and cities by their shortest names' pinyin: how they are written in English."""
    shortest: dict[str, str] = {}  # region name -> its shortest name of two characters or more
    for name, region in regions().by_name.items():
        if region.level in ("province", "prefecture") and len(name) >= 2 and (
                region.name not in shortest or len(name) < len(shortest[region.name])):
            shortest[region.name] = name
    return _by_unique_sound(shortest.values())


@lru_cache(maxsize=1)
def _places_by_sound() -> dict[str, str]:
    """Places' full names (…县, …市, …区) by their pinyin: a name mistyped with a character of the same
    sound (云宵县 for 云霄县) is found by it."""
    return _by_unique_sound(name for name, region in regions().by_name.items()
                            if name == region.name and region.level in ("prefecture", "county") and len(name) >= 3)


PLACE_WRITTEN = re.compile(r"[\u4e00-\u9fff]{2,3}(?:县|市|区)")  # what may be a place's name, as typed


def places_misspelt(text: str) -> str:
    """"云宵县质量月…": a place name no region holds but one sounds the same as, in that region's
    characters; only a question that names no place otherwise is read this way."""
    by_sound = None
    for m in PLACE_WRITTEN.finditer(text):
        for start in range(m.start(), m.end() - 2):  # "在云宵县": the name may start later
            written = text[start:m.end()]
            if regions().lookup(written):
                break
            by_sound = by_sound if by_sound is not None else _places_by_sound()
            meant = by_sound.get("".join(_sound(written)))
            if meant:
                return text.replace(written, meant)
    return text


def in_chinese(text: str) -> str:
    """English words of a question in the notices' words; place names spelled in pinyin in characters."""
    if not LATIN_WORD.search(text):
        return text
    for pattern, chinese in _ENGLISH:
        text = pattern.sub(chinese, text)
    places = _places_by_pinyin()
    text = LATIN_WORD.sub(lambda m: places.get(m.group(0).lower(), m.group(0)), text)
    # the spaces that set English words apart set nothing apart in Chinese: no second question;
    # but a first character standing alone is a province's short name ("川 质强办 fax")
    return re.sub(r"(?<!^.)(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])", "", text)


DOING_ASKED = re.compile(r"谁来?(?:搞|做|干|弄|办|抓)|(?:搞|做|干|弄)的?是(?:谁|哪)")  # who does it, no relation
EVERYDAY_PLACE_WORD_FREQ = 2000  # a county's short name this common in jieba's dictionary is a word (合作, 和平)


def _a_word_ending_in_a_place(text: str, m: RegionMatch) -> bool:
    """"加强质量合作": a county's short name (合作 for 合作市) that is an everyday word, right after
    another Chinese character, ends a phrase; it names no place."""
    if m.region.level != "county" or m.text == m.region.name or m.start == 0:
        return False
    return "\u4e00" <= text[m.start - 1] <= "\u9fff" and word_frequency(m.text) >= EVERYDAY_PLACE_WORD_FREQ


def parse_query(question: str, *, today: date, subjects: list[str],
                known_places: KnownPlaces | None = None, known_years: frozenset[int] = frozenset()) -> Query:
    """``known_places``: the short names of the counties the knowledge holds notices of (怀柔 for
    怀柔区), read as those places where alone they would be words; ``known_years``: the years it holds
    notices of (``find_years``)."""
    text = normalize_query(question)
    text = DISCOURSE.sub("", text) or text  # "你好,请问…", "另外问下,…": how the asker opens, not what he asks
    text = in_chinese(text)  # "Donglin quality month slogan No.5": the words the notices use
    text = MONEY.sub("多少元", text)  # "奖金多少钱", "奖金是多少": an amount in 元
    text = RATE.sub(r"\1多少%", text)  # "合格率多少": a rate, in per cent
    if YESNO_SIGNAL.search(text):  # "是16个部门一起办的吧": how many, confirmed or corrected by the notice
        text = SUPPOSED_COUNT.sub(r"\1多少\2", text, count=1)
    found = [m for m in regions().find(text, abbreviations=True) if not _a_word_ending_in_a_place(text, m)]
    if not found and (respelt := places_misspelt(text)) != text:
        text = respelt  # "云宵县" typed for 云霄县
        found = [m for m in regions().find(text, abbreviations=True) if not _a_word_ending_in_a_place(text, m)]
    # "泉城济南", "雨城2021年…": a city by its nickname, said again or alone; a nickname is that city
    # rather than a county of the same short name ("榕城" is 福州, 榕城区 is written so)
    nicknamed = nickname_matches(text)
    found = [f for f in found if not (f.region.level == "county" and f.text != f.region.name
                                      and any(n.start == f.start and n.end == f.end for n in nicknamed))]
    found = sorted([*found, *(n for n in nicknamed
                              if not any(f.start < n.end and n.start < f.end for f in found))], key=lambda m: m.start)
    if known_places and not any(m.region.level in ("prefecture", "county") for m in found):
        found = sorted([*found, *_known_place_stems(text, known_places, found)], key=lambda m: m.start)
    if any(m.region.level != "national" for m in found):
        # "东林国家质量工作考核", "八桂获中国东林创新奖": 国家 (中国, 中央, 总局) qualifies a noun; with a
        # place named (by nickname too), only 全国 is the nation
        found = [m for m in found if m.region.level != "national" or m.text == "全国"]
    # "北京海淀区", "四川绵阳": a place written right before a place within it only says where that is
    qualifiers = {a.region.name for a, b in zip(found, found[1:], strict=False)
                  if b.start - a.end <= QUALIFIER_GAP and a.region.name != b.region.name
                  and region_contains(a.region, b.region)}
    # "2031年东林质量论坛是不是在上海开": the place the asker supposes is what is to be confirmed, not
    # the notices asked about (a year or another place says which)
    supposed = SUPPOSED_PLACE.search(text)
    if supposed and (_YEAR.search(text) or _SHORT_YEAR.search(text)):
        found = [m for m in found if not (supposed.start(1) <= m.start and m.end <= supposed.end(1))]
    region_list: list[Region] = []
    for m in found:
        if m.region.name not in qualifiers and m.region.name not in [r.name for r in region_list]:
            region_list.append(m.region)
    if (len(region_list) == 1 and region_list[0].level in ("prefecture", "county") and PROVINCE_ASKED.search(text)
            and any(m.region == region_list[0] and text.startswith(ASKERS_PLACE, m.end) for m in found)):
        # "东林这边问下,省里质量月的联系人是谁": the asker's city, and the province's notice asked
        province = regions().lookup(region_list[0].province)
        region_list = [province] if province else region_list
    # "“电话回访周”活动全名叫什么": a name quoted is what is asked about, never how it is asked
    asking = QUOTED_SHORT.sub(lambda m: m.group(1) + MASK * (len(m.group(0)) - 2) + m.group(3), text)
    subject = find_subject(text, subjects)
    if subject:  # a unit's name may contain a region (成都海关); keep that region only if it is a place
        region_list = [r for r in region_list if r.name not in subject or regions().lookup(subject)]
    q = Query(
        text=text,
        years=find_years(text, today, known_years),
        all_years=bool(ALL_YEARS.search(text)),
        regions=region_list,
        subject=subject,
        intents=find_intents(asking),
        follow_up=bool(FOLLOW_UP.search(text)) or len(text) <= 6,
        today=today,
    )
    asked_counts = []
    for m in _MEASURE.finditer(text):  # what is counted: the word after the measure ("几个部门")
        first = tokens(m.group(2))[:1]
        noun = first[0] if first and len(first[0]) >= 2 else ""
        # "多少个质量基础设施一站式服务站": the phrase's head counts, 服务站, not 质量
        noun = noun_phrase_head(m.group(2)) or noun
        measure = "人次" if m.group(1) == "人" and m.group(2).startswith("次") else m.group(1)  # visits
        if measure == "人次":
            first = tokens(m.group(2)[1:])[:1]
            noun = first[0] if first and len(first[0]) >= 2 else ""
        if not noun and m.group(2).startswith("人"):
            noun = "人"  # "表彰了几个人": people, not any count by 个
        asked_counts.append((measure, "" if ROLE_VERBS.fullmatch(noun) else noun))  # "多少人参加": people
    if asked_counts:
        q.measure, q.measure_noun = asked_counts[0]
        q.more_counts = asked_counts[1:]  # "几类几项活动": two counts asked at once
    elif "count" in q.intents and (bare := BARE_COUNT.search(text)) and len(cut := tokens(bare.group(1))[0]) == 1 \
            and cut not in MEASURES_NOT_ASKED and not ROLE_VERBS.fullmatch(cut):
        # "几米": a measure the notices' counts seldom use, asked as written; "多少向活动": 向 typed for 项
        q.measure = _measure_sounding_like(cut) or cut
    elif "count" in q.intents and (last := LAST_MEASURE.search(text)) and last.group(1) not in MEASURES_NOT_ASKED:
        q.measure = last.group(1)  # "最后多少分": the one character closing the question is what it counts in
        q.measure_alike = _measure_sounding_like(q.measure, other=True)
    elif "count" in q.intents and (bare := BARE_COUNT.search(text)):
        # "发了多少宣传资料": what is counted, with no measure word
        # the head of the noun phrase is its last word: 宣传资料 counts 资料, "宣转手册" (a typo) 手册
        head = [t for t in tokens(bare.group(1))[:2] if len(t) >= 2 and not ROLE_VERBS.fullmatch(t)]
        if head:
            q.measure_noun = head[-1]
    q.answer_type, q.cue = find_answer_type(asking, q.intents)
    doer_supposed = False
    if q.answer_type is YESNO_T and subject and (role := UNIT_ROLES.search(text)):
        # "…专项整治是省公安厅负责的吗": who does it, whichever unit the asker supposes; the answer
        # names the one the notice says
        q.answer_type, q.cue = UNIT_T, role.group(0)
        q.subject = subject = None
    elif (q.answer_type in (YESNO_T, OPEN_T) and (supposed_doer := SUPPOSED.search(text))
          and (role := UNIT_ROLES.search(supposed_answer(supposed_doer)))
          and supposed_answer(supposed_doer)[: role.start()].endswith(tuple(ORGANISATION_ENDINGS))):
        # "…知识竞赛是团市委牵头的吧": the same, where the unit supposed is none the notices name
        q.answer_type, q.cue = UNIT_T, role.group(0)
        doer_supposed = True
    place_supposed = SUPPOSED_PLACE.search(text) if q.answer_type in (YESNO_T, OPEN_T) else None
    if place_supposed and not regions().find(place_supposed.group(1)):
        place_supposed = None  # "是在线形式办的": how, not where
    if place_supposed:  # "…启动仪式是在厦门办的吧": where it was held, whichever place the asker supposes
        q.answer_type, q.cue = PLACE_T, ""
    title = ASKS_TITLE.search(text)
    if title and (q.answer_type is PERSON_T or (title.group(2) and q.answer_type is OPEN_T)):
        q.answer_type, q.title = PERSON_T, title.group(1) or title.group(2)  # "局长叫什么名字": a person
    spelled = [m.text for m in found] + [r.name for r in region_list]
    q.terms = topic_terms(text, spelled, q.intents, q.answer_type)
    q.terms = [t for t in q.terms if not _names_asked_region(t, region_list)]
    if subject:  # the unit's name (or its mistyped spelling) is not a topic word
        q.terms = [t for t in q.terms if t not in subject and subject not in t
                   and not (len(t) >= 3 and Levenshtein.distance(t, subject[-len(t):]) <= 1)]
    if (supposed := SUPPOSED.search(text)) and (q.intents & CONFIRMED_KINDS or doer_supposed):
        # "联系人是马小华吧": the answer the asker supposes is no topic; the notice's own answers it
        q.terms = [t for t in q.terms if t not in supposed_answer(supposed)]
    if place_supposed:
        q.terms = [t for t in q.terms if t not in place_supposed.group(1)]
    if YESNO_SIGNAL.search(text) and (day := SUPPOSED_DAY.search(text)) and not place_supposed:
        # "…是在上午开的吧", "是不是7月底才截稿": the day or time supposed is what is asked, to be
        # confirmed or corrected by the one the notice gives
        q.answer_type, q.cue = DATE_T, ""
        q.terms = [t for t in q.terms if t not in day.group(0) and t not in SUPPOSAL_FILLERS]
    return q


# A count supposed ("是16个部门…吧", "有二十多家企业吗"): asked as "多少个部门"
SUPPOSED_COUNT = re.compile(r"(是|有|共|一共|总共|就)(?:\d{1,5}|[一二三四五六七八九十两百千]{1,4})多?(个|家|项|名|人|条|场|次|所|批)")
# A day or time of day supposed ("9月5号", "7月底", "上午"), and what says the asker supposes it
# ("10月份": the month, 份 included)
SUPPOSED_DAY = re.compile(r"\d{1,2}月份?(?:\d{1,2}[日号])?(?:底|初|中旬|上旬|下旬)?|\d{1,2}[日号](?:之?前|以前)?|上午|下午|晚上")
YESNO_SIGNAL = re.compile(r"[吧吗嘛]|是不是|对不对|是否|来得及")
SUPPOSAL_FILLERS = frozenset({"之前", "以前", "来得及", "才", "就"})


SUPPOSED_PLACE = re.compile(r"(?:是不是|是否|是)在([\u4e00-\u9fff]{2,6}?)(?:开|办|举办|举行|召开|启动)")
# "…联系人是马小华吧", "…是9月30号前报吧": what the asker supposes, to be confirmed or corrected
# "主题是“…”?": a quoted answer supposed, asked by the question mark alone
QUOTE_SUPPOSED = r"(?:是|为)([“\"「][^”\"」]{2,40}[”\"」])"
SUPPOSED = re.compile(r"(?:是|为)([^,，。?？!！]{2,12}?)(?:吧|吗|么|嘛|对吧|对吗)[?？]?$"
                      rf"|{QUOTE_SUPPOSED}(?:吧|吗|么|嘛|对吧|对吗)?[?？]?$"
                      r"|(?:是不是|是否为|是否是)([^,，。?？!！]{2,12}?)[?？]?$")  # "联系人是不是马小华?"


def supposed_answer(m: re.Match[str]) -> str:
    """The answer a question supposes, whichever form supposes it ("是X吧", "是“X”?", "是不是X")."""
    return next(g for g in m.groups() if g)
CONFIRMED_KINDS = frozenset({"contact", "phone", "fax", "email", "deadline", "submit_to", "period", "theme",
                             "issuer", "issue_date", "doc_number"})
