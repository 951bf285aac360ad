"""The question-answering engine: question in, cited answer out.

It ties query understanding, conversation context, retrieval and answer
composition together.  It is synchronous, pure apart from the per-chat context,
and swaps its knowledge in one assignment so a reload never shows half a state.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from functools import lru_cache
from itertools import groupby
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from bot.answering.answer import citation, render_fact, source_lines
from bot.answering.answer_types import (
    CAMPAIGN,
    DATE_T,
    DOC_NUMBER,
    LABELLED_ROW,
    OPEN_T,
    ORGANISATION_ENDINGS,
    PERSON_ROLE,
    PERSON_T,
    PERSON_TITLE,
    PLACE_T,
    QUOTED_NAME_SPAN,
    ROLE_VERBS,
    THEME_T,
    UNIT,
    UNIT_T,
    YESNO_T,
    counts_in,
    find_span,
    role_literal,
    span_strength,
)
from bot.answering.conversation import ChatContext, Conversations
from bot.answering.query import (
    ASKED_QUOTE,
    ASKS_YESNO,
    DISCOURSE,
    DOCUMENT_NUMBER_ASKED,
    DOING_ASKED,
    FULL_NAME_ASKED,
    INTENT_NAMES,
    ORDINAL,
    QUOTE_SUPPOSED,
    Query,
    correct_typos,
    find_answer_type,
    in_chinese,
    is_acknowledgement,
    parse_query,
    split_question,
)
from bot.answering.retrieval import Index, Scope, SentenceRef
from bot.cn_numbers import CN_DIGITS, WEEKDAY, number_value
from bot.ingest.metadata import ADDRESSEES
from bot.ingest.normalize import TABLE_CELLS, normalize_query
from bot.ingest.sections import ARTICLE, enumerated_items, numbered_rows, sentences
from bot.knowledge import Knowledge, UnitRef
from bot.knowledge.schema import (
    FACT_MODELS,
    KIND_LABELS,
    Answer,
    Choice,
    Citation,
    ContactFact,
    CountFact,
    DutyFact,
    EventFact,
    Fact,
    PageRowFact,
    Section,
    SlogansFact,
)
from bot.regions import region_contains, regions
from bot.segment import (
    is_noun,
    is_verb,
    names_someone,
    noun_phrase_tail,
    surname_led,
    tokens,
    word_frequency,
)

# "第五项是什么", "口号第16条": the item in that place of a list, or nothing — never a sentence
# that merely mentions items or slogans.
ENUMERATED_QUOTE_KEY = 8  # characters of an enumerated item that find the sentence quoting it
UNHEARD_MAX_FREQ = 50  # a rare word no notice holds (中交) names something; 事发, 稿子 are everyday words
KNOWN_PART_MIN_CHARS = 3  # a part of an unknown name that may single out notices: 二航院, not 航院
OUTLINE_MAX_UNITS = 2  # "活动要求有哪几条" is asked of one notice (or one region's two), not of many
ORDINAL_LIST_TYPES = frozenset({"open", "slogans"})
# "考核结果报给谁": the thing asked, then the verb of sending it ("并将考核结果报国务院、中组部")
SUBMITTED_TO = r"(?:报送至|报送|上报|报至|报给|报)(?=[\u4e00-\u9fff])"
ORGANISATION_ITEM = re.compile(r"(?:局|厅|委|办|部|院|会|所|站|队|处|科|股|中心|公司|集团|企业|协会|学会|大学|学校|医院|银行|部门|单位)"
                               r"(?:等[\u4e00-\u9fff\d]{0,8})?$")
ITEM_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}项(?!目)")  # "附件1第十五项是哪个单位的": that item or none
ATTACHMENTS_ASKED = re.compile(r"附件(?:一共|总共|共)?(?:有|是)?(?:几个|多少个?|哪些|哪几个)|(?:几个|多少个|哪些|哪几个)附件"
                               r"|附件[^,，。?？\d]{0,4}(?:分别|都)(?:是|叫)")  # not "附件3口号第一条是啥"
ATTACHMENT_NAMED = re.compile(r"附件\s*([一二三四五六七八九十\d]{1,2})\s*的?(?:标题|名称|题目|全称|名字|叫什么|叫啥|是什么|是啥)")
ATTACHMENT_LIST = re.compile(r"附件\s*[:：]\s*")  # "附件:1. … 2. …": the notice's list of its attachments
ATTACHMENT_HEAD = re.compile(r"^附件\s*\d")  # "附件1 …": an attachment's own heading
TIMEZONE = ZoneInfo("Asia/Shanghai")  # the default; the bot passes CAMPAIGNBOT_TIMEZONE
MAX_UNITS_LISTED = 6  # a question that matches more notices lists this many and offers choices
COUNTED_NOUN_CHARS = 2  # "29项质量月活动" counts what "29项活动" does: one noun opens with a word the other holds
STATED_COUNT_MAX_UNITS = 24  # notices read whole for the counts a question states (more: its words narrow them)
NEAREST_YEAR_LINES = 2  # a not-found's offer of the nearest year: the fact line and its source
# A question naming no place, year or unit over more notices than that is answered only by the one
# notice whose sentences hold this share of its words, and when it has at least this many words.
PLACELESS_MIN_COVERAGE = 1.0
PLACELESS_MIN_TERMS = 2
# ... of a knowledge of at most this many notices: finding the one holding all the words costs 3–6 ms
# at 1,000 and 50–100 ms at 10,000 (the index's postings of common words), where many hold them anyway
PLACELESS_MAX_UNITS = 2000
MAX_QUESTION_CHARS = 500
# "举办个什么论坛", "设了哪些工种": the kind of thing asked, last in the question
KIND_ASKED = re.compile(r"(?:什么|啥|哪个|哪些|哪种|哪类)([\u4e00-\u9fff]{1,2})[?？吗呢啊]*$")
SENT_ASKED = re.compile(r"(?:派|让|安排|组织|选派)谁")  # "派谁去学校": who is sent
PEOPLE_SENT = re.compile(r"(?:组织|安排|选派|派出|派|抽调)([\u4e00-\u9fff]{2,12}?)(?:深入|走进|进入|赴|到|前往|进)")
PERSON_REFERRED = re.compile(r"(?:那|那么)?(?:他|她)(?!们)")  # "他当时什么职务": the person just named
MAX_PEOPLE_REMEMBERED = 3
NAMES_LISTED = re.compile(r"(?:联系人|人员|主持|讲话|致辞)[:：]([\u4e00-\u9fff、,，\s]{2,30})")  # "联系人:胡小莉、张小洋"
# "局长马小华出席": a name between a title and what the person did (jieba may cut a name apart)
NAME_AFTER_TITLE = re.compile(rf"(?:{PERSON_TITLE.pattern})([\u4e00-\u9fff]{{2,3}}?)(?={ROLE_VERBS.pattern}|[,，、。;；]|[及和与等]|同志|$)")
# "…,周小翔市长对…提出要求": a name right before a title
NAME_BEFORE_TITLE = re.compile(rf"(?:^|[,，、:：;；\s])([\u4e00-\u9fff]{{2,3}}?)(?<![由在向对为和及与等])(?:{PERSON_ROLE.pattern})")
# all of a counted set asked for: "都有哪些", "具体是哪些", "列一下"; the set counted ("47家", "十条", "50佳")
LIST_ALL_ASKED = re.compile(r"都有哪些|具体是哪|都是哪|分别是哪|全部|列出|列一下|名单")
COUNTED_SET = re.compile(rf"(\d{{1,4}}|[{CN_DIGITS}]{{1,3}})\s*(?:家|个|条|项|佳|位|名|句|所|支)")
LISTING_MIN_ITEMS = 3  # ... an answer lists this many of them at least (or all, if fewer)
SUBJECT_MIN_COVERAGE = 1.0  # "是谁作部署的": a title doing the verb answers in a sentence holding all the words
SUBJECT_MAX_CHARS = 20  # ... named in at most this many characters ("池州东林电缆有限公司负责人")
CONTACT_OFFICE = re.compile(r"联系人:[^;]*?\(([^)]+)\)")  # ContactFact's rendering: 联系人:马小华(东林市质强办 质量发展科)
# kinds of meeting one is not another of (a launch is named in many ways and is not among them)
MEETING_KINDS = re.compile(r"峰会|论坛|发布会|推进会|现场会|座谈会|研讨会|表彰会|颁奖会|交流会|培训班|大讲堂|竞赛|大赛|比赛")
# "哪些人", "什么人": kinds of people may answer, in a sentence holding all the question's words
PEOPLE_OF_A_KIND = re.compile(r"哪些人|什么人|哪类人|哪些群体|哪些对象|哪些人群")
PEOPLE_OF_A_KIND_MIN_COVERAGE = 1.0
TITLED_SCAN_MAX_UNITS = 50  # of at most this many scoped notices, one whose title says what is asked is read whole
TITLED_MIN_COVERAGE = 0.8  # ... its title holding this share of the question's words (质量月 aside)
ITEMS_COUNTED = ("", "项", "条", "个", "点", "类", "块", "部分", "方面")  # measures a heading's items are counted in
COUNT_MIN_SCORE = 40.0  # rapidfuzz partial_ratio of a count's phrase against the question
EVENT_MIN_SCORE = 30.0
PROGRAMME_ITEMS = 12  # arrangement items listed for "有哪些活动"

# Which fact kind answers which intent, and what each askable kind is called: from the kinds' own
# definitions in bot/knowledge/schema.py.
INTENT_KINDS: dict[str, str] = {i: m.model_fields["kind"].default for m in FACT_MODELS for i in m.intents}
KIND_NAMES: dict[str, str] = {k: KIND_LABELS[k] for k in dict.fromkeys(INTENT_KINDS.values())}
# How a notice states a deadline: a date followed by 前/截止, or 截止 followed by a date.
DEADLINE_FORM = re.compile(r"\d{1,2}月\d{1,2}[日号]?(?:\d{1,2}[:时]\d{0,2}分?)?" + WEEKDAY + r"\s*(?:前|之前|以前|截止|截至)"
                           r"|截[止至](?:日期|时间|日)?[:：为到]?\s*(?:\d{4}年)?\d{1,2}月")
# a numbered instance ("第十七届", "第2期") is that one, no other: never a typo of 第十六届
NUMBERED_INSTANCE = re.compile(rf"第\s*[\d{CN_DIGITS}]+\s*[届期批次]")
SLOGAN_WORDS = re.compile(r"口号|标语|宣传语")
OWN_THEMED_EVENT = re.compile(r"论坛|大会|征文|竞赛|大赛|比赛|评选|讲堂|展览|峰会")  # has a theme of its own
EVENT_WORDS = re.compile(r"启动|仪式|大会|会议|论坛|发布会|开幕|推进会|现场会|峰会")
EVENT_DETAIL_KINDS = frozenset({"date", "place", "person"})
# "“两个提升”具体指哪两个", "四大质量是哪四个": a named set of N things, asked what they are
EXPANSION_ASKED = re.compile(rf"([{CN_DIGITS}\d]{{1,2}})\s*(?:个|大|项|种)[“\"]?([\u4e00-\u9fff]{{2,4}}?)[”\"]?"
                             r"(?:具体|分别|都)?(?:指的?是?|是)?(?:哪|什么|啥)")
# "“三全”是哪三全": a shorthand of a number and the character its items open with (全员、全程、全面)
SHORTHAND_ASKED = re.compile(rf"[“\"]([{CN_DIGITS}])([\u4e00-\u9fff])[”\"].*(?:哪|什么|啥)")
EXPANSION_ITEM_MAX_CHARS = 16
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十\d]+\)|\d+[.、])\s*")
ENDS_ASKED = re.compile(r"结束|搞到|持续到|(?<!截止)(?<!截至)到(?:几月|几号|哪天)")  # when a span ends (截止到: a deadline)
DATE_ENDING = re.compile(r"(?:至|到|—|－|-|~|～)\s*(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}[日号月]"  # "5-12月": ends in December
                         r"|\d{1,2}月\d{1,2}[日号]\s*(?:结束|止|截止|闭幕)")
UNIT_KIND_TAIL = 3  # a name's last characters say what kind of organisation it is
CAMPAIGN_NTH_ASKED = re.compile(r"质量月[”\"]?(?:活动)?(?:是|为|算)?第几")  # the campaign itself placed in its series
NTH_NOUN_GAP = 4  # "第46个“质量月”": what a place in a series is of follows it this closely
LAUNCH_ASKED = re.compile(r"启动(?:仪式|会|大会|暨)")  # a launch event asked (its text says 启动)
AWARDED_KINDS = frozenset({"unit", "person", "open", "count"})  # answers naming who or what was awarded
AWARD_EVIDENCE = re.compile(r"奖|表彰|授牌|授旗|荣誉|称号|命名|通报表扬")  # a sentence about an award
# "在哪个广场举行": the kind of venue asked, which the answer must name
# "在哪些平台发布", "横幅挂在哪个广场": a place of a kind, named by the words before that kind's name
NAMED_KIND_ASKED = re.compile(r"哪(?:个|些|几个|座|家)(平台|广场|公园|渠道|媒体|网站|栏目|场馆|体育场|体育馆|商场|社区|景区|博览会|展览会"
                              r"|交易会|洽谈会)"
                              r"|哪些[\u4e00-\u9fff]{0,6}?(区域|场所|地方|点位)")  # "哪些人员密集区域"
SPOT_WORDS = ("区域", "场所", "地方", "点位")  # words for a kind of spot, one as good as another
NAMED_KIND_MAX_CHARS = 12  # a name before its kind word ("福州五一广场")
PLACE_KIND_ASKED = re.compile(r"哪(?:个|座)(广场|公园|体育场|体育馆|会议室|社区)")  # a mall or hotel goes by its brand
VERB_BEFORE_COUNT = r"(?:了|过)?(?:一共|总共|共)?(?:多少|几)"  # "安排了多少项", "组织了几场"
ASKS_REGION_KIND = re.compile(r"哪(?:个|些|几个)(?:州|市|县|区|地市|城市|市州|市县|盟|旗)")  # "哪个州办…": a place within
WHOSE_PLACE_ASKED = re.compile(r"是哪(?:个|些)(?:地方|地区|省份|省|城市|市|县|区|州)")  # "…是哪个地方2022年办的": whose, not where
NAMES_ASKED = re.compile(r"(?<!什么)(?<!哪个)(?<!哪些)(?<!啥)名单|全部|具体是哪|都是哪|分别是|有哪些[\u4e00-\u9fff]{0,4}(?:企业|单位|基地|公司)|哪些(?:企业|单位)"
                         r"|(?:企业|单位|公司)(?:都)?(?:有哪些|是哪些)(?![\u4e00-\u9fff])")  # not "单位有哪些活动"
# organisations are what is asked ("21个省直部门具体是哪些", "哪些企业"), not only named ("…部门那块说…哪几类")
ORGANISATIONS_ASKED = re.compile(r"(?:企业|单位|公司|部门|机构)[^,，。?？]{0,6}(?:有哪些|是哪些|都有谁|名单|具体是哪)"
                                 r"|哪(?:些|几个|几家)[\u4e00-\u9fff]{0,4}(?:企业|单位|公司|部门|机构)")
QUOTED_ITEM = re.compile(r"“[^“”]{2,40}”")
ENUMERATION_MIN_ITEMS = 2
NAME_ASKED = re.compile(r"叫啥|叫什么|名字|姓名|全名|姓什么|姓啥")  # a person's name, not an office holder by title
# a company asked for ("哪家企业", "获奖企业有哪些"), not one the question mentions ("计量服务小微企业行谁牵头")
COMPANY_ASKED = re.compile(r"(?:哪|什么|啥)[个些家几所]*(?:企业|公司|厂家|厂)|(?:企业|公司|厂家)(?:名单|名称|名字|叫|是|有|都)")
COMPANY = re.compile(r"公司|集团|企业|厂|商行|合作社|银行")
LITERAL_OR_CONTACT = re.compile(r"联系人\|.*|牵头|承办|协办|配合")  # relations a notice states many times over
PAGE_ROW_LINE = re.compile(r"(?:编辑|责编|来源|点击|浏览|发布时间|发布日期)\s*[:：]")  # a page's own row
ANSWER_LABELS = {"主持": "主持", "date": "时间", "place": "地点"}  # how a launch's rendering labels them
QUOTE_NEEDLE_CHARS = 3
# "省市场监管局", "市住建局": the level an office is named by, not part of its name (市场 is a word)
LEVEL_PREFIX = re.compile(r"^[省市县区州](?!场)")
# A line of the site that carried a page, not of the notice: its hotline, licence, copyright.
SITE_LINE = re.compile(r"新闻热线|报料|ICP|备案号|版权所有|Copyright|©|广告热线|客户端下载|网站地图"
                       # "网站联系电话:", "标准查询网-电话:", "客服电话:… 不良信息举报邮箱": the site's own lines
                       r"|网站(?:联系)?电话|[\u4e00-\u9fff]网\s*[-—－]\s*电话|客服电话|不良信息举报", re.IGNORECASE)
SITE_ASKED = re.compile(r"新闻热线|报料|网站|报社|电视台|客户端|广告")  # a question about the site itself
CONTACT_KINDS = frozenset({"phone", "fax", "email"})
THEMED_ACTIVITY = re.compile(r"主题活动")  # an activity on a theme, not the campaign's theme itself
CAMPAIGN_OR_ACTIVITY = re.compile(r"质量月|活动")  # what a date or span of the campaign itself is of
ADDRESS_ASKED = re.compile(r"地址|办公")  # "地址多少", "在哪办公": a street address, not a venue
CARRIED_ASKED = re.compile(r"(?<!走)进(?:到)?(?:哪里|哪些|哪儿|什么地方)")  # "知识要进哪些地方": 进社区、进学校, not a venue
MOBILE_ASKED = re.compile(r"手机")  # "手机号多少": an office landline does not answer it
HOTLINE_ASKED = re.compile(r"热线|投诉|举报|12\d{3}|服务电话|打什么电话")
SIGNATURE_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
BY_DATE = re.compile(r"前|截止|截至|最晚|最迟")
WHAT_DOCUMENT_ASKED = re.compile(r"是?(?:关于)?(?:什么|啥|哪个|哪份)(?:的)?(?:文件|通知|文)|叫什么|标题")  # after a 文号
TABLE_ASKED = re.compile(r"表(?:里|中|上|格|内)?的?第")  # "安排表里第4项": a row of a table
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,12}")
QUOTED_NAME = re.compile(r"[“\"]([^”\"]{2,16})[”\"]")  # "“平安工地”": a name the asker quotes
SUBMISSION_INTENTS = frozenset({"deadline", "submit_to", "submit_what"})
# Topic words the notice's deadline does not hold, but the notice does elsewhere, that make a
# deadline question one of that activity's own: two ("案例征集"); one alone ("结束") is a word
ACTIVITY_NAMED_MIN_TERMS = 2
PAGE_DATE_LINE = re.compile(r"\s*(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d\d(?::\d\d)?)?\s*")
PUBLISHING = re.compile(r"发布|发表|刊发|网上|网页|上网|那篇|这篇|那条|这条|稿子|新闻|消息|成文|提供")
CITING = re.compile(r"引|依据|按照|根据|转发|全国|上级|总局")
OPEN_INTENTS = {"duty", "award"}
TOPIC_INTENTS = frozenset({"event", "award"})  # intents that name what is asked about, not what is asked  # intents whose typed facts are lists of activities
# Sentence answers (tuned on the development corpus, see scripts/dev_corpus.py):
SENTENCE_MIN_COVERAGE = 0.4  # IDF-weighted share of the question's topic words a sentence must hold
COUNTED_NOUN_MIN_COVERAGE = 0.3
RELATION_MIN_COVERAGE = 0.3  # the same for a sentence stating the relation asked (主持, 讲话) of someone
RELATION_SCOPE_UNITS = 2  # ... in a question about this many notices at most  # the same for a count of the thing the question names
RARE_TOPIC_SHARE = 0.02  # a word in at most this share of notices says which notice a placeless question means
SCOPING_WORD_MAX_FREQ = 1000  # ... a noun (住宅), or no everyday word (放在: 6,549 in jieba's dictionary) rare there by chance
FALLBACK_MAX_UNIT_SHARE = 0.05  # beyond the chat's notices, only a word this rare says which notice is meant
FALLBACK_WORD_MAX_FREQ = 2000  # ... and no everyday word (现场: 4,077 in jieba's dictionary), or a name it lacks (浙品码)
CHAT_MIN_COVERAGE = 0.3  # the same inside the notices a chat is about, for a kind of answer asked
OPEN_MIN_COVERAGE = 0.4  # the same for questions that name no kind of answer (open, yes/no)
#: Typed answers tried in turn before the notices that cannot cover the question's topic are
#: looked up and skipped (a question of all notices usually has its answers among the first).
PREFILTER_AFTER = 16
PREFILTER_MIN_UNITS = 128  # ... and only when more than this many are left to try
COVERAGE_TOLERANCE = 1e-9  # sums of the same weights in another order may differ in the last bit
TYPED_MIN_COVERAGE = 0.3  # the same for a typed fact (its rendering, quote and section)
SENTENCE_MARGIN = 0.9  # other notices' sentences within this share of the best score are shown too
FUZZY_TERM_SCORE = 75.0  # rapidfuzz partial_ratio at which a mistyped long word counts as present (1 in 4)
FUZZY_MIN_CHARS = 3  # ... a word this long at least
SHORT_FORM_MAX_UNIT_SHARE = 0.1  # a word in at most this share of notices may be mistyped or shortened (农残)
SHORTENED_MIN_CHARS = 2  # a word no notice holds, this long at least, may be a short form (农残, ``_holds``)
TOPIC_MAX_UNIT_SHARE = 0.5  # a word found in more of the notices than this names no topic
GENERIC_SENTENCE_SHARE = 0.2  # words in at least this share of all sentences do not count for coverage
LATIN_TERM = re.compile(r"[A-Za-z]{2,}")
LATIN_UNKNOWN_FACTOR = 2.0  # ... weighs as much as the question's rarest word twice: a sentence without it answers no
# jieba's dictionary counts of everyday words (上去 3,421; 东航 72): a word this common that no notice
# holds is colloquial phrasing, where the question asks a kind of answer
EVERYDAY_WORD_MIN_FREQ = 1000
UNKNOWN_TERM_WEIGHT = 0.5  # a question word no notice holds: colloquial filler or a topic not covered
PAGE_DETAILS = re.compile(r"来源|发布|浏览|https?:|\d{1,2}:\d{2}")  # a page's own row: when it went online
HEADING_MAX_CHARS = 16  # a sentence this short may head a paragraph ("质量月宣传进社区活动。")
FOLLOWING_KINDS = frozenset({"date", "place"})  # ... whose next sentence says when or where
ANSWERING_SENTENCES_NEEDED = 12  # answer-type checks stop once this many ranked sentences pass
CLAUSE_KINDS = frozenset({"person", "unit"})  # whose relation verb may close a sentence of ;-clauses
CLAUSES_MAX_CHARS = 400  # a list in one sentence is quoted whole up to this length, else its first clause
LIST_SENTENCES = 5  # "哪些/哪几" questions list up to this many sentences of the notice
LIST_MIN_SHARE = 0.8  # ... each holding at least this share of the best sentence's coverage
GOVERNMENT_ENDINGS = "厅局委办部署处科股"  # an office's name ends so; a company's seldom
WORD_ABBREVIATION_MAX_GAP = 2  # a short word (农残) keeps the first characters of its parts (农药残留)
ABBREVIATION_MAX_GAP = 6  # characters an organisation's short name may skip between two of its own
LEAD_SENTENCES = 3  # a notice's opening sentences, read as part of what each of its facts is about
NOT_FOUND_LISTED = 5  # "not found" names at most this many nearest notices
ACKNOWLEDGED = "不客气!还有什么问题,直接问我就行。"
GREETED = "你好!请直接问质量月通知的事,例如:“2025年湖南省质量月的活动主题是什么?”“长沙市质量月联系人是谁?”"


@dataclass
class Found:
    unit: UnitRef
    lines: list[str]
    citations: list[Citation]
    kinds: frozenset[str] = frozenset()  # the fact kinds a typed answer comes from
    matched: bool = False  # picked by the question's own words (a slogan it quotes): that covers it


class Engine:
    def __init__(self, knowledge: Knowledge, *, today: date | None = None,
                 timezone: tzinfo = TIMEZONE) -> None:
        """``today`` pins the date (tests, ``--today``); else it is today in ``timezone``."""
        self._state: tuple[Knowledge, Index] = (knowledge, Index(knowledge))
        self.pinned_today = today
        self.timezone = timezone
        self.conversations = Conversations()
        self._frozen = False

    @property
    def today(self) -> date:
        return self.pinned_today or datetime.now(self.timezone).date()
        self.conversations = Conversations()

    @property
    def knowledge(self) -> Knowledge:
        return self._state[0]

    def swap(self, knowledge: Knowledge) -> None:
        """Build the new index first (sentences too), then replace both in one assignment."""
        index = Index(knowledge)
        index.warm()
        self._state = (knowledge, index)
        if self._frozen:  # the old knowledge's cycles become collectable, the new one is exempt
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def freeze(self) -> None:
        """Exempt everything loaded so far (the knowledge's metadata and units, the region and
        word dictionaries) from the cyclic garbage collector; for front ends, once loaded.

        Why: at 10,000 notices a process holds ~300,000 tracked objects that live as long as
        the knowledge; each full collection traversed them all (~0.28 s, twice in the
        benchmark's 276 questions, so a question now and then waited that long). Objects made
        later (caches, answers) are collected as before; a swap frees the old knowledge."""
        gc.freeze()
        self._frozen = True

    def warm(self) -> None:
        """Build what is otherwise built on first use; for long-running front ends."""
        self._state[1].warm()

    # -- the one entry point ------------------------------------------------

    def ask(self, question: str, chat: str | None = None, *, doc: str | None = None,
            unit: str | None = None, now: float | None = None) -> Answer:
        knowledge, index = self._state
        question = (question or "").strip()
        if not question:
            return Answer(found=False, answer="请输入问题,例如:“2025年湖南省质量月的活动主题是什么?”")
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(found=False, answer=f"问题太长了(超过{MAX_QUESTION_CHARS}字),请简短地问一个问题。")
        asked = DISCOURSE.sub("", question)
        if not asked.strip(" ,，!！。?？~"):
            return Answer(found=False, answer=GREETED)  # "你好", "请问": a greeting, no question yet
        if is_acknowledgement(question):
            return Answer(found=False, answer=ACKNOWLEDGED)
        question = in_chinese(asked)  # before it is split at its commas
        parts = split_question(question) if doc is None else [question]
        if len(parts) > 1:
            return self._ask_parts(parts, chat, now)
        today = self.today
        question = correct_typos(normalize_query(question), index.unit_share,
                                 index.known_word_like, index.expanded_contraction)
        q = parse_query(question, today=today, subjects=index.subjects, known_places=index.known_place_stems,
                        known_years=index.known_years)
        ctx = self.conversations.get(chat, now)
        scope = self._scope(q, ctx, index, knowledge, doc, unit)
        answer, answered_units = self._answer(q, scope, index)
        named = bool(q.regions or q.years or q.subject)
        if answered_units:
            remembered = answered_units
        elif named and 0 < len(scope.units) <= MAX_UNITS_LISTED:
            remembered = scope.units  # "2014全国…截止时间 总结是哪天": what follows is of the notices named
        elif ctx is not None and ctx.units:  # not found: the chat stays with its notices
            remembered = [r for key in ctx.units if (r := knowledge.unit(*key))]
        else:
            remembered = scope.units if len(scope.units) <= MAX_UNITS_LISTED else []
        people = (_people_named(answer.answer.split("\n")[0])
                  if chat is not None and answer.found and q.answer_type is PERSON_T else [])
        self._remember(chat, q, remembered, now, people)
        return answer

    def _ask_parts(self, parts: list[str], chat: str | None, now: float | None) -> Answer:
        """Each part in turn, the later ones as follow-ups of the first; one answer of all."""
        key = chat if chat is not None else f"_parts:{id(parts)}"
        answers: list[Answer] = []
        for n, part in enumerate(parts):
            answer = self.ask(part, key, now=now)
            if (answers and not answers[-1].found and answer.found
                    and _leans_on(part, parts[n - 1])):
                # "有没有开通投诉热线?号码多少": no hotline found, so no number of it; not the office's
                answer = Answer(found=False, answer=answers[-1].answer)
            elif answers and answers[-1].found and _asks_the_number_shown(part, answers[-1]):
                # "按照哪个行动计划部署的,文号多少": the plan's number stands in the answer before, not
                # the notice's own
                answer = answers[-1]
            answers.append(answer)
        if chat is None:
            self.conversations.drop(key)
        found: list[Answer] = []
        for a in answers:  # a part answered by the same sources and fact as an earlier one adds nothing
            if a.found and not any(all(c in b.citations for c in a.citations)
                                   and a.answer.split("\n")[0] in b.answer for b in found):
                found.append(a)
        if not found:
            return answers[0]
        text = "\n\n".join(a.answer for a in found)
        missed = [p for p, a in zip(parts, answers, strict=True) if not a.found]
        if missed:
            text += "\n\n(未找到:" + ";".join(missed) + ")"
        citations: list[Citation] = []
        for c in (c for a in found for c in a.citations):
            if c not in citations:
                citations.append(c)
        return Answer(found=True, answer=text, citations=citations,
                      choices=found[0].choices)

    # -- steps ----------------------------------------------------------------

    def _scope(self, q: Query, ctx: ChatContext | None, index: Index, knowledge: Knowledge,
               doc: str | None, unit: str | None) -> Scope:
        """The units asked about; a follow-up fills only what it lacks from the chat's context.

        A question that says what it asks and what about ("天水的传真多少") inherits nothing;
        "那传真呢" inherits the notices, "那四川的呢" the question.
        """
        named = bool(q.regions or q.years or q.all_years or q.subject)
        if (ctx is not None and doc is None and q.subject and q.follow_up and not q.asks
                and not (q.regions or q.years or q.all_years)
                and index.with_subject([r for key in ctx.units if (r := knowledge.unit(*key))], q.subject)):
            named = False  # (四川…住建厅干啥?) "那水利厅呢": that unit in the chat's notice, not in every notice
        # corpus statistics (the sentence index) are needed only when there is a chat to follow up
        topical = ctx is not None and doc is None and bool(self._topical(q, index))
        complete = (q.asks or topical) and (named or (topical and not q.follow_up))
        if ctx is not None and ctx.people and PERSON_REFERRED.match(q.text) and POSITION_ASKED.search(q.text):
            q.terms = list(ctx.people)  # (谁讲的话?) "他当时什么职务": the one just named, in the chat's notices
            return Scope([r for key in ctx.units if (r := knowledge.unit(*key))], chat=True)
        if ctx is not None and complete and not (q.intents or q.terms) and ORDINAL.search(q.text):
            # (口号一共几条?) "那西林第九条是什么": the other notice's item of the same list
            q.intents = set(ctx.intents) - {"count"}  # the item asked, not how many there were
            q.answer_type, q.cue = find_answer_type(q.text, q.intents)
        if ctx is not None and not complete and doc is None:
            if not q.asks and not topical:
                q.intents = set(ctx.intents)
                q.answer_type, q.cue = ctx.answer_type, ctx.cue
                q.measure, q.measure_noun = ctx.measure, ctx.measure_noun
                if ctx.subject and not q.subject:  # (东林市搞些什么?) "西林呢": 西林市, as the notice lists it
                    q.subject = next((r.name for r in q.regions if r.name in index.subjects), None)
                if not q.subject:
                    q.terms = q.terms + [t for t in ctx.terms if t not in q.terms]
                elif ctx.terms and q.subject != ctx.subject and q.intents & {"count"}:
                    # (东林杯竞赛是第几届?) "共青团中央呢": that unit's own activities; the thing counted
                    # was the other unit's
                    q.intents, q.answer_type, q.cue = {"duty"}, OPEN_T, ""
                    q.measure = q.measure_noun = ""
            elif not q.terms and not q.subject:
                # "那是谁主持的?" after a question about a launch: the topic helps rank, never required
                q.context_terms = list(ctx.terms)
                # (…宣读了哪个比赛的获奖情况?) "谁致的辞": the event still, not the award, when a relation is asked
                q.intents |= ctx.intents & (TOPIC_INTENTS - {"award"} if q.cue else TOPIC_INTENTS)
                if not q.intents and ORDINAL.search(q.text):
                    q.intents = set(ctx.intents)  # (口号一共几条?) "第7条是啥": the 7th of those
                if PEOPLE_REFERRED.search(q.text):
                    q.intents |= ctx.intents & {"contact"}  # (联系人是谁?) "他们是哪个处的": the contacts' office
                    if "contact" in q.intents:
                        q.intents.discard("issuer")  # "她们是哪个单位的": theirs, not the notice's issuer
            if not named:
                inherited = [r for key in ctx.units if (r := knowledge.unit(*key))]
                if inherited:
                    return Scope(inherited, chat=True)
                # the chat's question found no notices: the follow-up is still of its place and year
                # ("石化联2025年QC成果申报找谁" "联系电话多少" is not any notice's phone)
                q.regions = [r for name in ctx.region_names if (r := regions().lookup(name))]
                q.years = list(ctx.years)
        elif ctx is not None and not named and doc is None:
            # "材料啥时候交" names a topic but no notice: the chat's notices first, all notices if
            # they do not answer it (see _answer)
            inherited = [r for key in ctx.units if (r := knowledge.unit(*key))]
            if inherited:
                return Scope(inherited, fallback=True)
        if doc is not None:
            ref = knowledge.unit(doc, unit or "main")
            if ctx and not q.asks:
                q.intents = set(ctx.intents)
                q.answer_type, q.cue, q.terms = ctx.answer_type, ctx.cue, list(ctx.terms)
            return Scope([ref] if ref else [])
        scope = index.scope(q.regions, [] if q.all_years else q.years)
        if len(scope.units) > 1 and (number := DOC_NUMBER.search(q.text)):
            # "东质协函〔2031〕3号是哪天发的": the notice bearing that number, where one does
            bearing = [u for u in scope.units if _bears_number(u, number.group(0))]
            if bearing:
                scope = replace(scope, units=bearing)
        if q.subject and not q.regions:
            with_subject = index.with_subject(scope.units, q.subject)
            scope = Scope(with_subject or scope.units, missing=scope.missing)
        return _by_rare_word(q, scope, index)

    def _of_no_place(self, q: Query, index: Index) -> list[Found]:
        """A question naming a place or year that no notice of it answers may be about a page that
        never states it (its place stood only in its web address; a report dated "9月6日" alone):
        the one such notice whose sentences hold all the question's words, one of them rare,
        answers, shown without the place or year it does not state."""
        terms = list(dict.fromkeys(q.terms))
        years = [] if q.all_years else q.years
        if (not (q.regions or years) or len(terms) < PLACELESS_MIN_TERMS
                or index.store.unit_count() > PLACELESS_MAX_UNITS):
            return []
        if not any(index.unit_share(t) <= RARE_TOPIC_SHARE for t in terms):
            return []  # "启动仪式在哪办的": words every launch report holds say nothing of which notice
        holders = _holding_all(terms, index)
        if not holders:
            return []
        placed = {u.key for u in index.scope(q.regions, []).units} if q.regions else set()

        def unstated(u: UnitRef) -> bool:
            """Of the place and year asked, ``u`` states one not at all and contradicts neither."""
            no_place, no_year = not u.unit.region.code, u.unit.year is None
            place_fits = not q.regions or no_place or u.key in placed
            year_fits = not years or no_year or u.unit.year in years
            return place_fits and year_fits and ((no_place and bool(q.regions)) or (no_year and bool(years)))

        unstating = [u for u in index.scope([], []).units if u.key in holders and unstated(u)]
        if len({u.meta.doc for u in unstating}) != 1:
            return []  # none, or several: which one is meant is a guess
        return self._sentences(replace(q, regions=[], years=[]), Scope(unstating), index)

    def _answer(self, q: Query, scope: Scope, index: Index) -> tuple[Answer, list[UnitRef]]:
        if scope.fallback:
            rare = _rare_share(index, FALLBACK_MAX_UNIT_SHARE)
            chat_keys = {u.key for u in scope.units}
            # "“清风”专项整治是哪个部门负责的" in a chat about another notice: a rare word only other
            # notices hold says the question is about them, whatever the chat's notice answers
            rare_words = [t for t in self._topical(q, index) if index.unit_share(t) <= rare
                          and (is_noun(t) or not word_frequency(t)) and word_frequency(t) < FALLBACK_WORD_MAX_FREQ]
            elsewhere = any(index.unit_share(t) > 0 and is_noun(t) and not index.units_holding(t) & chat_keys
                            for t in rare_words)
            if elsewhere and len(scope.units) <= MAX_UNITS_LISTED:
                # "总工对分包单位提了啥要求" of a notice writing "各分包单位" (cut 各分/包): it holds the word
                said = "".join(index.sentences_of(scope.units))
                elsewhere = any(index.unit_share(t) > 0 and is_noun(t) and t not in said
                                and not index.units_holding(t) & chat_keys for t in rare_words)
            # "“平安工地”是哪个部门抓的": a name quoted that other notices hold, and the chat's do not
            for phrase in QUOTED_NAME.findall(q.text):
                words = [t for t in tokens(phrase) if len(t) >= 2]
                held = _holding_all(words, index) if words else set()
                elsewhere = elsewhere or bool(held and not held & chat_keys)
            answer, units = ((Answer(found=False, answer=""), []) if elsewhere
                             else self._answer(q, Scope(scope.units, chat=True), index))
            open_question = q.answer_type in (OPEN_T, YESNO_T)  # all notices answer it only if one holds all its words
            if not elsewhere and (answer.found or not (open_question or rare_words)):
                if answer.found and open_question and index.store.unit_count() <= PLACELESS_MAX_UNITS:
                    # "以治理东林湖为重点要实施个什么工程": the one notice whose sentences hold all its
                    # words, where the chat's notice holds only some
                    everywhere = _by_rare_word(q, index.scope([], [] if q.all_years else q.years), index)
                    if len(everywhere.units) > MAX_UNITS_LISTED:
                        held = self._sentences(deepcopy(q), everywhere, index)
                        if held and not {f.unit.key for f in held} & {u.key for u in scope.units}:
                            return self._compose(q, held, 0, index), [f.unit for f in held]
                # "当天一共来了多少人" in a chat about one launch: not another notice's count of people
                return answer, units
            scope = _by_rare_word(q, index.scope([], [] if q.all_years else q.years), index)
        if (stated := q.stated_counts) and 1 < len(scope.units) <= STATED_COUNT_MAX_UNITS:
            # "东林11个部门开展29项活动是哪一年": the notices counting so, where one does
            stating = [u for u in scope.units if _states_counts(stated, index.sentences_of([u]))]
            if stating:
                scope = replace(scope, units=stating)
        if not scope.units and scope.missing == "year" and q.regions and len(q.years) == 1:
            # "西藏2023年重大工程验收合格率": a year's results are reported in the next year's notice,
            # in a sentence that names that year
            reported = index.scope(q.regions, [q.years[0] + 1])
            if reported.units:
                found = self._sentences(q, Scope(reported.units, reported.subject_place,
                                                 year_named=q.years[0]), index)
                if found:
                    answer = self._compose(q, found, 0, index)  # sorts ``found`` as shown
                    return answer, [f.unit for f in found[:MAX_UNITS_LISTED]]
        if not scope.units and (unplaced := self._of_no_place(q, index)):
            return self._compose(q, unplaced, 0, index), [f.unit for f in unplaced]
        if not scope.units:
            answer = self._not_found(q, scope, index)
            if scope.missing == "year" and q.regions and len(q.years) == 1:
                answer = self._offer_nearest_year(q, answer, index)
            return answer, []
        if _quotes_what_no_notice_holds(q, scope, index) or _names_whom_no_notice_names(q, scope, index):
            # "西林县2031年“东林书画展”活动谁牵头": the name quoted is what is asked about; where the
            # notices asked about never say it, whatever else they say of 活动 and 牵头 answers nothing
            return self._not_found(q, scope, index), []
        if (named := EXPANSION_ASKED.search(q.text) or SHORTHAND_ASKED.search(q.text)) \
                and len(scope.units) <= MAX_UNITS_LISTED:
            found = self._expansion(named, q.terms, scope, index)
            if found:
                return self._compose(q, found, 0, index), [f.unit for f in found]
        if (prefix := NUMBER_BY_PREFIX_ASKED.search(q.text)) and len(scope.units) <= MAX_UNITS_LISTED \
                and (found := self._numbered_with(prefix.group(1), scope, index)):
            return self._compose(q, found, 0, index), [f.unit for f in found]
        if JOINED_ASKED.search(q.text) and len(scope.units) <= MAX_UNITS_LISTED \
                and (found := self._joined_event(scope, index)):
            return self._compose(q, found, 0, index), [f.unit for f in found]
        if (number := DOC_NUMBER.search(q.text)) and WHAT_DOCUMENT_ASKED.search(q.text[number.end():]) \
                and (found := self._document_numbered(number.group(0), scope, index)):
            return self._compose(q, found, 0, index), [f.unit for f in found]
        if FULL_NAME_ASKED.search(q.text) and (quoted := ASKED_QUOTE.search(q.text)) \
                and len(scope.units) <= MAX_UNITS_LISTED and (found := self._full_name(quoted.group(0)[1:-1], scope, index)):
            return self._compose(q, found, 0, index), [f.unit for f in found]
        intents = set(q.intents)
        subject = q.subject
        if subject and (not intents or (THEMED_ACTIVITY.search(q.text) and intents <= {"theme", "event", "duty"})):
            intents = {"duty"}  # "全国工商联质量月主题活动是啥": what that unit does, not the campaign's theme
        found: list[Found] = []
        more = 0  # further notices that hold the kind asked, not rendered (a question of all notices)
        if ATTACHMENTS_ASKED.search(q.text):
            found = self._attachments(scope, index)  # "附件有几个,都是什么"
        elif named_attachment := ATTACHMENT_NAMED.search(q.text):
            # "附件2的标题是啥": that one of the attachments listed
            n = number_value(named_attachment.group(1)) or 0
            found = [Found(unit, [f"{unit.unit.label} 附件{n}:{items[n - 1]}"], [cite])
                     for unit, items, cite in self._attachment_items(scope, index) if 0 < n <= len(items)]
            if not found:  # "附件5" of three: none, whatever sentence names attachments
                return self._not_found(q, scope, index), []
        if POSITION_ASKED.search(q.text) and not found:
            found = self._position_of(q, scope, index)  # "马小华是什么职务": the title written with the name
        ordinal = bool(ORDINAL.search(q.text))
        if q.answer_type is OPEN_T and q.wants_list and not ordinal:
            found = self._outline(q, scope, index)  # "活动要求有哪几条": the heading's items
        nth_tried = ordinal and q.answer_type is OPEN_T
        if nth_tried:  # "第四项活动是干啥": the fourth item, not the programme of all of them
            found = self._nth_item(q, scope, index)
        if subject and intents == {"theme"} and not found and not any(subject in u.meta.title for u in scope.units):
            # "东林海关…的活动主题": a unit the notice lists has a theme of its own, said where the unit is
            # named; the notice's own issuer's is the campaign's
            found = self._sentences(q, scope, index)
        if intents and not found:
            units = index.in_answer_order(scope.units)  # newest first, then by notice
            kinds = {INTENT_KINDS[i] for i in intents if i in INTENT_KINDS}
            # Of many notices, one without a fact of a kind that can answer is not tried: _typed
            # finds nothing there (a duty needs the subject asked; the programme, ≤ 2 notices).
            # The same answers, without trying each of 10,000 notices in turn.
            prune = not scope.subject_place and len(scope.units) > 2
            useful = kinds if subject else kinds - {"duty"}
            likely: set[tuple[str, str]] | None = None
            tried, checked = 0, False
            cover_weights = self._cover_weights(q, index)
            for n, unit in enumerate(units if useful or not prune else []):
                if len(found) > MAX_UNITS_LISTED:  # enough to show: count the rest, cheaply
                    more = index.count_with_facts(units, kinds, start=n)
                    break
                if prune and not index.has_facts(unit, useful):
                    continue
                if prune and tried >= PREFILTER_AFTER and not checked:  # many tried in vain
                    likely, checked = self._likely_covered(q, units[n:], index), True
                if likely is not None and unit.key not in likely:
                    continue
                tried += 1
                item = self._typed(q, intents, unit, scope, subject, index)
                if item and item.kinds == {"theme"} and (event := OWN_THEMED_EVENT.search(q.text)) and not any(
                        event.group(0) in c.quote for c in item.citations):
                    item = None  # "…论坛的主题": the forum's own, said where the forum is, not the campaign's
                if item and _holds_answer(q, item) and (item.matched
                                                         or self._covers(cover_weights, item, index) >= TYPED_MIN_COVERAGE
                                                         or _the_notices_own(q, item, scope, index)) \
                        and not self._asks_beyond_the_event(q, item, index):
                    found.append(_quote_the_answer(q, item, index))
        if not found and ordinal and not nth_tried:
            found = self._nth_item(q, scope, index)
        # a page's rows are all extracted, no guessing; but a byline may name an author; "第五项是什么"
        # is the fifth item or nothing, not a sentence that mentions items
        if not found and ("page_row" not in q.intents or q.answer_type.name == "person") and not (
                ordinal and (q.answer_type.name in ORDINAL_LIST_TYPES or ITEM_ORDINAL.search(q.text))) \
                and not NTH_CONTACT.search(q.text):
            # "第二个联系人的邮箱" is that contact's, or not in the notice: not any email of it
            found = self._sentences(q, scope, index)
        if not found and q.answer_type.name == "count" and (q.measure or "") in ITEMS_COUNTED and not q.measure_noun:
            found = self._outline(q, scope, index)  # "活动重点一共几项": the items under that heading, counted
        if not found and (q.years or not any(u.unit.region.name == r.name for u in scope.units for r in q.regions)):
            # the place's own notices are not loaded, or its year's do not answer: one stating neither?
            found = self._of_no_place(q, index)
        if found and POSITION_ASKED.search(q.text) and any(surname_led(t) or names_someone(t) for t in q.terms):
            # "马小华是什么职务": an answer holding no title is no answer (the contact line merely names her)
            found = [f for f in found if any(PERSON_TITLE.search(line) for line in f.lines)]
        if not found:
            return self._not_found(q, scope, index), []
        answer = self._compose(q, found, more, index)  # sorts ``found`` as shown
        return answer, [f.unit for f in found[:MAX_UNITS_LISTED]]

    def _compose(self, q: Query, found: list[Found], more: int, index: Index) -> Answer:
        """The answer shown: the found notices newest first, each's lines and sources."""
        found.sort(key=lambda f: (-(f.unit.unit.year or 0), f.unit.meta.doc, f.unit.unit.key))
        shown = found[:MAX_UNITS_LISTED]
        blocks: list[str] = []
        citations: list[Citation] = []
        for item in shown:
            lines = list(item.lines)
            if lines and lines[0].startswith("· "):
                lines = [f"{item.unit.unit.label}的相关安排:", *lines]
            shown_text = "\n".join(lines)
            focus = _focus(lines[0]) if lines else ""
            if len(item.citations) > 2:
                lines += source_lines(item.citations[0], shown_text, focus)
                lines.append("其余出处:" + ";".join(dict.fromkeys(c.section for c in item.citations[1:])))
            else:
                for c in item.citations:
                    lines += source_lines(c, shown_text, focus)
            if q.years and item.unit.unit.year is not None and item.unit.unit.year not in q.years:
                lines.append(f"(出自{item.unit.unit.label}的通知,其中写明了{q.years[0]}年的情况。)")
            if q.years and item.unit.unit.year is None:  # an undated notice answering a dated question
                if (inferred := index.theme_year(item.unit)) is not None:
                    lines.append(f"(这份通知未写明年份;它引用的活动主题是{inferred}年的,请核对。)")
                else:
                    lines.append(f"(这份通知未写明年份,请核对是否为{'、'.join(f'{y}年' for y in q.years)}的通知。)")
            blocks.append("\n".join(lines))
            citations += item.citations
        text = "\n\n".join(blocks)
        if len(found) + more > len(shown):
            text += f"\n\n(另有{'约' if more else ''}{len(found) + more - len(shown)}份通知也有相关内容,请说明地区或年份。)"
        choices = [Choice(doc=f.unit.meta.doc, unit=f.unit.unit.key, label=f.unit.unit.label)
                   for f in shown] if len(found) > 1 else []
        return Answer(found=True, answer=text, citations=citations, choices=choices)

    def _typed(self, q: Query, intents: set[str], unit: UnitRef, scope: Scope, subject: str | None,
               index: Index) -> Found | None:
        kinds = {INTENT_KINDS[i] for i in intents if i in INTENT_KINDS}
        if scope.subject_place:
            # a city inside a provincial notice: only what the notice says of that city
            subject = subject or scope.subject_place
            kinds &= {"duty"}
            if not kinds and intents & OPEN_INTENTS:
                kinds = {"duty"}
        chosen: list[Fact] = []
        lines: list[str] = []
        cites: list[Citation] = []
        matched = False
        for kind in sorted(kinds, key=list(INTENT_KINDS.values()).index):
            if kind == "duty" and not subject:
                # "河北质量月有哪些活动": the notice's programme, or the report's activity sentences;
                # "X行动由谁负责" names a topic and wants a unit: a sentence answers it
                if q.answer_type is OPEN_T and not self._topical(q, index) and len(scope.units) <= 2:
                    chosen += self._programme(unit, index)
                continue
            of_kind = index.facts_of(unit, {kind})  # read only when used: a question of all notices
            if kind == "duty":
                of_kind = [f for f in of_kind if isinstance(f, DutyFact) and _same_unit(f.subject, subject)]
            elif kind == "count":
                of_kind = _best_counts(q, [f for f in of_kind if isinstance(f, CountFact)])
            elif kind == "event":
                of_kind = _best_events(q, [f for f in of_kind if isinstance(f, EventFact)])
            elif kind == "slogans" and not ORDINAL.search(q.text) and (words := [
                    *(t for t in q.terms if len(t) >= 2 and t not in CAMPAIGN), *_quoted_runs(q.text)]):
                # "标语有没有讲智改数转的": the slogans that say it, where some do and some do not
                slogans = [f for f in of_kind if isinstance(f, SlogansFact)]
                for fact in slogans:
                    saying = [x for x in fact.slogans if any(w in x for w in words)]
                    if saying and len(saying) < len(fact.slogans):
                        lines.append(f"{unit.unit.label}“质量月”宣传口号中:" + ";".join(saying))
                        whole = citation(unit, fact)
                        quoted = [x.strip() for x in whole.quote.splitlines() if any(s in x for s in saying)]
                        cites.append(whole.model_copy(update={"quote": "\n".join(quoted) or whole.quote}))
                if lines:
                    matched = True
                    continue
                chosen += of_kind
                continue
            elif kind == "slogans" and (m := ORDINAL.search(q.text)):  # "口号第3条", "最后一条口号"
                for fact in (f for f in of_kind if isinstance(f, SlogansFact)):
                    if nth := _nth_slogan(fact, _position(m)):
                        lines.append(f"{unit.unit.label}“质量月”宣传口号第{nth[0]}条(共{len(fact.slogans)}条):{nth[1]}")
                        whole = citation(unit, fact)  # quoted: the slogan's own line of the list
                        line = next((x for x in whole.quote.splitlines() if nth[1] in x), whole.quote)
                        cites.append(whole.model_copy(update={"quote": line.strip()}))
                continue
            elif kind == "contact" and (m := NTH_CONTACT.search(q.text)):
                # "第二个联系人的邮箱": that contact, where the notice names so many
                n = number_value(m.group(1)) or 0
                of_kind = [f for f in of_kind if isinstance(f, ContactFact) and len(f.persons) >= n]
            if kind == "contact" and not SITE_ASKED.search(q.text):
                # "网站联系电话:…", "标准查询网-电话:…": the site's line, not the campaign's contact
                of_kind = [f for f in of_kind if not SITE_LINE.search(f.quote)]
            if kind == "page_row":
                rows = [f for f in of_kind if isinstance(f, PageRowFact)]
                of_kind = [f for f in rows if asked_row(q.text, f.name)]
                if not of_kind and re.search(AUTHOR_ROWS, q.text):  # no author signed: the page's editor, so named
                    of_kind = [f for f in rows if re.fullmatch(EDITOR_ROWS, f.name)]
            chosen += of_kind
        for fact in chosen:
            rendered = render_fact(fact, unit.unit.label, intents, today=q.today)
            if not rendered:
                continue
            lines += rendered
            c = citation(unit, fact)
            if c not in cites:
                cites.append(c)
        if not lines:
            return None
        return Found(unit, lines, cites, frozenset(f.kind for f in chosen) or frozenset({"slogans"}), matched=matched)

    @staticmethod
    def _full_name(short: str, scope: Scope, index: Index) -> list[Found]:
        """"“质云”全称是什么": the name a sentence writes the short form after, in brackets
        ("东林质量云平台(质云)", "…博览会(以下简称“质博会”)"), the verb before it left out."""
        if not CJK_RUN.fullmatch(short):
            return []
        defined = re.compile(rf"([\u4e00-\u9fff“”]{{4,40}})[(（](?:以下简称|下称|简称)?[“\"]?{re.escape(short)}[”\"]?[)）]")
        out: list[Found] = []
        for ref in index.candidates(list(dict.fromkeys(t for t in tokens(short) if len(t) >= 2)) or [short],
                                    scope.units):
            if not (m := defined.search(ref.text)):
                continue
            name = noun_phrase_tail(m.group(1))
            unit = next(u for u in scope.units if u.key == (ref.doc, ref.unit))
            cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
            out.append(Found(unit, [f"{unit.unit.label}“{short}”全称:{name}"], [cite]))
            break
        return out

    @staticmethod
    def _position_of(q: Query, scope: Scope, index: Index) -> list[Found]:
        """"建研院…的马小华是什么职务": the title a sentence writes right before or after the name asked
        ("质量监督科科长马小华", "肖小华副秘书长"), from the notices in scope that name that person."""
        names = [t for t in q.terms if surname_led(t) or names_someone(t) or _name_by_its_title(t)]
        if not names or len(scope.units) > MAX_UNITS_LISTED:
            return []
        out: list[Found] = []
        for name in names:
            for ref in index.candidates([name], scope.units):
                title = _title_of(name, ref.text)
                if title:
                    unit = next(u for u in scope.units if u.key == (ref.doc, ref.unit))
                    cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
                    out.append(Found(unit, [f"{unit.unit.label} {name}:{title}"], [cite]))
                    break
            if out:
                return out
        return out

    @staticmethod
    def _likely_covered(q: Query, units: list[UnitRef], index: Index) -> set[tuple[str, str]] | None:
        """Of many notices (more than PREFILTER_MIN_UNITS), those whose sentences hold enough of
        the question's topic for a typed answer to cover it (``_covers``), found from the
        postings; None: all.

        Why: a question of thousands of notices whose facts mostly miss its topic read and
        rendered each in turn (~0.1 ms a notice). A short name (住建厅) is matched in the text by
        its characters, not as a word, so it counts as held everywhere. A notice holding the
        words only in its title, or in no sentence as jieba cuts it, is no longer tried: answers
        may differ from trying all only for questions of more than MAX_UNITS_LISTED notices."""
        if len(units) <= PREFILTER_MIN_UNITS:
            return None  # trying them costs less than finding the notices that hold the words
        weights = _weights(Engine._topical(q, index), index)
        total = sum(weights.values())
        if not total:
            return None  # no topic: every typed answer covers it
        loose = sum(w for t, w in weights.items() if len(t) >= 2 and t[-1] in ORGANISATION_ENDINGS)
        words = {t: w for t, w in weights.items() if not (len(t) >= 2 and t[-1] in ORGANISATION_ENDINGS)}
        needed = TYPED_MIN_COVERAGE * total - loose - COVERAGE_TOLERANCE  # looser, never stricter
        return index.units_with_weight(words, needed, among=units) if needed > 0 else None

    @staticmethod
    def _topical(q: Query, index: Index) -> list[str]:
        """The question's topic words that single out notices (not in most of them)."""
        return [t for t in q.terms if 0 < index.unit_share(t) <= TOPIC_MAX_UNIT_SHARE]

    @staticmethod
    def _cover_weights(q: Query, index: Index) -> dict[str, float]:
        """The words a typed answer must cover and their weights: found once per question, not per notice."""
        # a name no notice holds ("中交|东航院" cut apart) is still what the question is about
        # and so is a numbered instance no notice holds ("第十七届" forum: the notices hold the 16th)
        unheard = [t for t in q.terms if index.unit_share(t) == 0 and not _known_parts(t, index)
                   and ((is_noun(t) and word_frequency(t) < UNHEARD_MAX_FREQ) or NUMBERED_INSTANCE.search(t))]
        return _weights(Engine._topical(q, index) + unheard, index)

    @staticmethod
    def _covers(weights: dict[str, float], item: Found, index: Index) -> float:
        """IDF-weighted share of the question's topic words (``_cover_weights``) found in a typed
        answer and its sources."""
        total = sum(weights.values())
        if not total:
            return 1.0
        # the notice's title and opening say what all its facts are about ("全省住建系统“质量月”活动")
        text = "\n".join([*item.lines, *(c.quote for c in item.citations), *(c.section for c in item.citations),
                          item.unit.meta.title, item.unit.meta.issuer, index.lead(item.unit, int(LEAD_SENTENCES))])
        if any(NUMBERED_INSTANCE.search(t) and t not in text for t in weights):
            return 0.0  # "第十七届…论坛" is about that one instance: an answer not naming it is of another
        return sum(w for t, w in weights.items() if t in text or _abbreviates(t, text)
                   or (index.unit_share(t) == 0 and _shortened(t).search(text))) / total

    @staticmethod
    def _asks_beyond_the_event(q: Query, item: Found, index: Index) -> bool:
        """"启动会上发言的企业代表是哪个厂的": an open question about a detail of an event that the
        event's own date, place and host do not hold — a sentence of the report answers it."""
        if q.answer_type is not OPEN_T or item.kinds != {"event"}:
            return False
        if any(surname_led(t) or names_someone(t) for t in q.terms):
            return True  # "焦小石在启动仪式上干了啥": all the report says he did, not the event's host line
        weights = _weights([t for t in Engine._topical(q, index) if not EVENT_WORDS.search(t)], index)
        total = sum(weights.values())
        own = "\n".join([*item.lines, *(c.quote for c in item.citations)])
        return bool(total) and sum(w for t, w in weights.items() if t in own) / total < TYPED_MIN_COVERAGE

    @staticmethod
    def _programme(unit: UnitRef, index: Index) -> list[Fact]:
        arrangements = index.facts_of(unit, {"arrangement"})
        if arrangements:
            return arrangements[:PROGRAMME_ITEMS]
        return [f for f in index.activity_sentences(unit)][:3]

    def _sentences(self, q: Query, scope: Scope, index: Index) -> list[Found]:
        """Sentences of the scoped notices that hold the question's topic and an answer of its kind."""
        terms = list(dict.fromkeys(q.terms))
        if q.subject:  # "海关总署开展啥专项行动": the sentence must be about that unit
            terms.insert(0, LEVEL_PREFIX.sub("", q.subject))
        if scope.subject_place:
            terms = [t for t in terms if t not in scope.subject_place]
        open_question = q.answer_type in (OPEN_T, YESNO_T)
        if not terms and not (q.answer_type.name in SELF_EVIDENT_KINDS or q.cue or q.context_terms):
            return []  # "几号?" about nothing in particular: any date of the notice would be a guess
        # an open question about no notice in particular is too broad to answer from a sentence, unless
        # all its words stand in the sentences of one notice alone ("以治理东林湖为重点要实施个什么工程")
        placeless = not (q.regions or q.years or q.subject) and len(scope.units) > MAX_UNITS_LISTED and open_question
        if placeless and (len(terms) < PLACELESS_MIN_TERMS or index.store.unit_count() > PLACELESS_MAX_UNITS):
            return []
        min_coverage = OPEN_MIN_COVERAGE if open_question else SENTENCE_MIN_COVERAGE
        if placeless:
            min_coverage = PLACELESS_MIN_COVERAGE
            # only the notices whose sentences hold every word, from the index's postings, are read
            holders = _holding_all(terms, index)
            if not holders:
                return []  # no notice holds all its words
            scope = replace(scope, units=[u for u in scope.units if u.key in holders])
        if scope.chat and not open_question:
            # the chat is about these notices: a sentence holding the kind of answer asked may cover
            # less of the asker's own words ("当天发了多少资料" after a question about a launch day)
            min_coverage = min(min_coverage, CHAT_MIN_COVERAGE)
        weights = _weights(terms, index)
        if q.subject and (named := LEVEL_PREFIX.sub("", q.subject)) in weights:
            weights[named] = max(weights.values())  # the unit asked about counts as its rarest word
        if open_question and all(index.unit_idf(t) is None for t in terms):
            return []  # nothing the question is about occurs in any notice
        candidates = list(index.candidates(list(weights), scope.units))
        seen = {(r.doc, r.unit, r.text) for r in candidates}
        candidates += [r for r in _of_titled_notices(weights, scope, index) if (r.doc, r.unit, r.text) not in seen]
        label = (role_literal(q.cue) if q.answer_type.name in ("person", "unit") and q.cue and "|" not in q.cue
                 else ROW_LABELS.get(q.answer_type.name))
        if label:
            # "计量服务小微企业行谁牵头", "…专项整治从几月搞到几月": the rows "牵头部门:计量股",
            # "活动时间:5-12月" under the activity's heading hold none of the question's words; their section does
            candidates += _labelled_rows(candidates[:LABELLED_ROW_SOURCES], label, index, seen)
        if scope.year_named:  # the next year's notice: only what it says of the year asked
            candidates = [r for r in candidates if f"{scope.year_named}年" in _full_sentence(r, index)]
        for t in [t for t in weights if (_cut_apart(t, index) or (not open_question and _only_phrasing(t, index)))
                  and not any(t in r.text or _abbreviates(t, r.text) for r in candidates)]:
            del weights[t]  # "文是": a cut of the question's words; "市场监管局" is a short name, kept
        abbreviable = {t for t in weights if len(t) >= 2 and t[-1] in ORGANISATION_ENDINGS}  # 住建厅
        noun = q.measure_noun
        if noun and not q.measure and not any(noun[:2] in r.text for r in candidates):
            noun = ""  # "破了多少案子" read with no measure word: the notices say 案件, so count anything
        if q.answer_type.name in ("person", "unit") and q.cue and len(scope.units) <= RELATION_SCOPE_UNITS:
            # "谁主持的" about one notice: a sentence stating that relation of someone is itself evidence
            min_coverage = min(min_coverage, RELATION_MIN_COVERAGE)
        if q.answer_type.name == "count" and noun:
            # "发了多少份宣传资料": a count of the very thing asked ("宣传资料2000余份") is itself evidence
            min_coverage = min(min_coverage, COUNTED_NOUN_MIN_COVERAGE)
            # "多少个部门参加": what the counted do, said after them, is said in other verbs too (参与);
            # "安排了多少项活动": so is the verb asking the count ("将组织开展…11项活动")
            at = q.text.find(noun)  # -1: "那重庆呢", the count asked before
            weights = {t: w for t, w in weights.items()
                       if not (is_verb(t) and (at < 0 or q.text.find(t, at + len(noun)) >= 0
                                               or re.search(rf"{re.escape(t)}{VERB_BEFORE_COUNT}", q.text)))} \
                or ({} if len(scope.units) <= MAX_UNITS_LISTED else weights)  # "一共安排了多少项活动": the count alone
        total = sum(weights.values())
        specific = bool(set(weights) - {CAMPAIGN})  # topic words beyond those of every notice (质量月, 活动)
        # a launch or meeting asked about by name, or carried over from the chat ("…启动仪式在哪开?" "几号?");
        # "活动在哪个广场办的" names none
        names_event = bool(EVENT_WORDS.search(q.text)) or ("event" in q.intents and "place" not in q.intents)
        scored: list[tuple[float, float, SentenceRef, str]] = []
        units = {u.key: u for u in scope.units}
        about_activity = bool([t for t in self._topical(q, index) if t in terms])
        cited = bool(CITING.search(q.text))  # "依据的全国通知文号": another document's number is asked
        instances = [t for t in weights if NUMBERED_INSTANCE.search(t)]
        # a rare word may be mistyped or shortened; a numbered instance never is
        loose = {t for t in weights if index.unit_share(t) <= SHORT_FORM_MAX_UNIT_SHARE and t not in instances}
        ranked: list[tuple[float, SentenceRef]] = []
        rank_terms = terms + q.context_terms
        # a notice whose title or opening names the place asked is about it throughout
        about_place = {u.key for u in scope.units if scope.subject_place and _stem_in(
            scope.subject_place, f"{u.meta.title}\n{index.lead(u, int(LEAD_SENTENCES))}")}
        in_context: dict[tuple[str, str, str], frozenset[str]] = {}
        # "局长是谁": the 局长, not a 副局长; "副局长是谁": a 副局长
        titles = {t: f"副{t}" in q.text for t in weights if PERSON_ROLE.fullmatch(t)}
        # the question's rare words that single out the one notice it is about (not a chat's notice)
        identifying = ({t for t in weights if index.unit_share(t) <= RARE_TOPIC_SHARE}
                       if len(scope.units) == 1 and not scope.chat else set())
        needed = min_coverage * total
        if identifying:  # held by every sentence of the one notice whose opening holds them
            opening = index.lead(scope.units[0], int(LEAD_SENTENCES))
            identifying = {t for t in identifying if t in opening}
            needed -= sum(weights[t] for t in identifying)
        for ref in _may_cover(candidates, weights, needed, loose, abbreviable, units):
            if (scope.subject_place and (ref.doc, ref.unit) not in about_place
                    and not _mentions_place(ref, scope.subject_place)
                    and not _stem_in(scope.subject_place, index.paragraph_head(ref))):
                continue
            where = (ref.doc, ref.unit, ref.section)
            if where not in in_context:  # the words its section and title hold, once per section
                context = f"{ref.section} {units[(ref.doc, ref.unit)].meta.title}"
                # a rare word the notice opens with names what it is about throughout ("广东东林连杆有限
                # 公司" heading a report that goes on saying 公司)
                in_context[where] = frozenset(t for t in weights if t in context or t in identifying)
            held = in_context[where]
            if instances and not all(t in held or t in ref.text for t in instances):
                continue  # "第十七届…论坛": a sentence of the 第十六届 is of another
            covered = sum(w for t, w in weights.items()
                          if t in held or (t in ref.text and (t not in titles or _holds_title(t, ref.text, deputy=titles[t])))
                          or (t in loose and _holds(ref, t)) or (t in abbreviable and _abbreviates(t, ref.text)))
            coverage = covered / total if total else 1.0
            if coverage >= min_coverage:
                ranked.append((coverage, ref))
        if open_question and (kind := KIND_ASKED.search(q.text)) and any(kind.group(1) in r.text for _, r in ranked):
            # "要举办个什么论坛": a sentence naming a 论坛, where the notices name one, not any event; or
            # under a heading naming it ("讲堂讲什么内容" under "二、各项安排的内容")
            ranked = [(c, r) for c, r in ranked if kind.group(1) in r.text or kind.group(1) in r.section]
        if placeless and len({ref.doc for _, ref in ranked}) != 1:
            return []  # several notices (or none) hold all its words: which one is meant is a guess
        # the answer-type check costs most: in rank order, until enough sentences answer
        ranked.sort(key=lambda x: -x[0])
        headings_tried = 0  # short heading sentences whose next sentence was read (each reads its unit)
        speeches_continued = 0  # sentences whose next one goes on with what the person said
        beyond_of: dict[tuple[str, str], dict[str, float]] = {}  # per notice: the asked words beyond its name
        submission = bool(q.intents & SUBMISSION_INTENTS)
        # "“东林制造2031”文件全称": only a title holding the short form named
        quoted = ASKED_QUOTE.search(q.text)
        named_document = quoted.group(0)[1:-1] if quoted and FULL_NAME_ASKED.search(q.text) else ""
        doing_asked = bool(DOING_ASKED.search(q.text)) and not q.title  # "谁来搞": a person or the office
        for coverage, bm25_score, ref in _by_coverage_then_bm25(ranked, rank_terms, index):
            if len(scored) >= ANSWERING_SENTENCES_NEEDED:
                break
            if q.answer_type.name in ("person", "unit") and PAGE_ROW_LINE.search(ref.text) and not q.cue:
                continue  # "编辑:廖俊霖 点击:" names the page's editor, not who attended or presided
            if ATTACHMENT_LIST.match(ref.text) and "附件" not in q.text:
                continue  # "附件:1.… 2.…部分中央企业开展的主要活动": names an attachment, says nothing it holds
            if q.answer_type.name in CONTACT_KINDS and SITE_LINE.search(ref.text) and not SITE_ASKED.search(q.text):
                continue  # "新闻热线:0580-…" is the website's, not the campaign's contact
            if q.answer_type is DATE_T and PAGE_DATE_LINE.fullmatch(ref.text) and not PUBLISHING.search(q.text) \
                    and "issue_date" not in q.intents:
                continue  # "2031年10月05日" on a line of its own dates the page or its signing, not an event
            submitted_thing = submission and q.answer_type is UNIT_T and "deadline" not in q.intents and any(
                re.search(re.escape(t) + SUBMITTED_TO, ref.text) for t in weights if is_noun(t))
            if submission and not submitted_thing and not DEADLINE_FORM.search(ref.text) and not (
                    len(ref.text) <= HEADING_MAX_CHARS and q.answer_type.name in FOLLOWING_KINDS):
                continue  # no date to submit by: passed over below whatever its span (the span costs more)
            span = find_span(q.answer_type, ref.text, cue=q.cue, measure=q.measure or "", noun=noun,
                             day=q.wants_day, about_activity=about_activity, cited=cited,
                             iso=bool(PUBLISHING.search(q.text)), title=q.title,
                             hotline=bool(HOTLINE_ASKED.search(q.text)), mobile=bool(MOBILE_ASKED.search(q.text)),
                             carried=bool(CARRIED_ASKED.search(q.text)), address=bool(ADDRESS_ASKED.search(q.text)),
                             nth=q.wants_nth(q.measure), named=named_document, hour=q.wants_hour)
            if span is None and q.measure_alike:  # "资料多少分": 分 as asked (points), else 份 it sounds like
                span = find_span(q.answer_type, ref.text, measure=q.measure_alike, noun=noun)
            if span is None and q.answer_type.name in CLAUSE_KINDS and ref.text.endswith((";", "；")):
                # "X副市长从A;B;C三个方面,发表了重要讲话。": the verb asked closes the whole sentence
                whole = _clauses_to_full_stop(ref, index)
                span = find_span(q.answer_type, whole, cue=q.cue, title=q.title)
                if span is not None:
                    ref = SentenceRef(ref.doc, ref.unit, ref.section, whole, ref.length, ref.tf)
            if (span is None and len(ref.text) <= HEADING_MAX_CHARS and q.answer_type.name in FOLLOWING_KINDS
                    and headings_tried < ANSWERING_SENTENCES_NEEDED
                    and (following := index.following(ref)) is not None and not PAGE_DETAILS.search(following.text)
                    and not PAGE_DATE_LINE.fullmatch(following.text)):  # a heading's next line, not the page's date
                headings_tried += 1
                # "质量月宣传进社区活动。" heads a paragraph whose next sentence says when and where
                span = find_span(q.answer_type, following.text, day=q.wants_day)
                if span is not None:
                    ref = SentenceRef(ref.doc, ref.unit, ref.section, f"{ref.text}{following.text}", ref.length,
                                      ref.tf)
            if (open_question and span is not None and speeches_continued < ANSWERING_SENTENCES_NEEDED
                    and (following := index.following(ref)) is not None and SPEECH_GOES_ON.match(following.text)):
                speeches_continued += 1
                # "…副市长王小娇在致辞中指出,…。她强调,向服务要质量…": what she said goes on
                ref = SentenceRef(ref.doc, ref.unit, ref.section, f"{ref.text}{following.text}", ref.length, ref.tf)
                span = ref.text
            if span is not None and q.answer_type.name == "count" and q.more_counts:
                more = [find_span(q.answer_type, ref.text, measure=m, noun=n, nth=q.wants_nth(m)) for m, n in q.more_counts]
                span = None if None in more else "、".join([span, *more])  # type: ignore[list-item]
            if span is None and not q.cue and q.answer_type in (UNIT_T, PERSON_T) and (
                    verb := WHO_DOES.search(q.text)):
                span = _doer_before(ref.text, verb.group(1))  # "邀请东林各局负责人…撰写体会文章": 东林各局负责人…
            if span is None and q.answer_type is PERSON_T and SENT_ASKED.search(q.text):
                # "派谁去社区": "组织计量人员走进各社区" — the people sent
                sent = PEOPLE_SENT.search(ref.text)
                span = sent.group(1) if sent and PERSON_TITLE.search(sent.group(1)[-2:]) else None
            if (span is None and q.answer_type is PERSON_T and PEOPLE_OF_A_KIND.search(q.text)
                    and coverage >= PEOPLE_OF_A_KIND_MIN_COVERAGE):
                span = ref.text  # "邀请哪些人参观": "邀请企业、学生和居民代表参观" names kinds, not names
            if span is None and q.answer_type is PERSON_T and not q.cue and coverage >= SUBJECT_MIN_COVERAGE:
                # "是谁对全区活动作部署的": "区质量办相关负责人对全区…活动作了部署" names the one by a title
                acted = max((t for t in weights if t in ref.text), key=ref.text.rfind, default=None)  # what is done
                span = _subject_of(ref.text, acted) if acted else None
            if span is None and TABLE_CELLS in ref.text and q.answer_type in (UNIT_T, PERSON_T):
                span = _table_cell(ref, index, q)  # "1 | 启动仪式 | 9月1日 | 市监局"
            if span is None and (q.answer_type is UNIT_T or (q.answer_type is PERSON_T and doing_asked)):
                # a duty list's sentence under the unit's own heading ("十、东林海关"); "X谁来搞" is
                # answered by the office doing it as well as by a person
                head = HEADING_NUMBER.sub("", ref.section.split(" > ")[-1])
                span = head if UNIT.fullmatch(head) else None
                if span is None and ref.section.count(" > ") and (q.cue or doing_asked):
                    # who runs it ("谁负责", "谁来搞"): "1.东林海关开展…。组织开展进口商品抽查…"
                    span = _implied_doer(ref, index)
                if span is None and q.answer_type is PERSON_T:  # "由天津海关开展…" names the office doing it
                    span = find_span(UNIT_T, ref.text, cue=q.cue)

            if span is None and q.answer_type is PLACE_T and (kind := NAMED_KIND_ASKED.search(q.text)):
                # "哪些人流集中的地方": the text may say 场所 or 区域 for any kind of spot
                asked_kind = kind.group(1) or kind.group(2)
                said = next((k for k in ([asked_kind] + (list(SPOT_WORDS) if asked_kind in SPOT_WORDS else []))
                             if k in ref.text), None)
                if said:
                    span = _named_kind(ref.text, said)  # "在哪些平台发布": "通过…微信公众号、…微博等平台"
            if span is None and q.answer_type in (UNIT_T, PLACE_T) and ASKS_REGION_KIND.search(q.text):
                # "哪个州办…": the place a sentence, its heading or its paragraph's label names
                span = _region_named(ref, index, scope)
            if span is None and q.answer_type is PLACE_T and WHOSE_PLACE_ASKED.search(q.text):
                # "…活动是哪个地方2022年搞的": the place whose notice or report says it
                own = units[(ref.doc, ref.unit)].unit.region
                span = _region_named(ref, index, scope) or (own.name if own.level != "unknown" else None)
            if (span is not None and q.answer_type.name == "count" and q.wants_nth(q.measure) and not q.measure_noun
                    and CAMPAIGN_NTH_ASKED.search(q.text)
                    and CAMPAIGN not in ref.text[ref.text.find(span) + len(span):][:NTH_NOUN_GAP]):
                continue  # "质量月是第几届": the campaign's place in its series, not the 第四届 of a prize it names
            if span is not None and not _fits_the_ask(q, span, f"{ref.section} {ref.text}"):
                continue
            if span is not None and q.answer_type is PLACE_T and not _new_place(q, f"地点:{span}"):
                continue  # "在西宁哪个地方": 西宁 is what the question already says
            if span is None or (submission and not submitted_thing and not DEADLINE_FORM.search(ref.text)):
                continue  # "总结啥时候报" is answered by a date to submit by, not any date
            if q.answer_type.name in ("date", "place") and not _of_what_is_asked(weights, ref, units, index, beyond_of):
                continue  # "…项目的知识竞赛哪天考": the date of the 竞赛, not of the project's launch
            about_the_event = (not specific if q.answer_type.name in ("date", "place") else not q.terms)
            if (about_the_event and names_event and q.answer_type.name in EVENT_DETAIL_KINDS
                    and not EVENT_WORDS.search(ref.text)):
                continue  # "(启动仪式在哪开?) 几号", "启动仪式几月几号": the date of that event, not any date
            if (q.answer_type.name in ("date", "duration") and not specific and not names_event
                    and not q.intents - {"period"} and not CAMPAIGN_OR_ACTIVITY.search(ref.text)):
                continue  # "质量月搞多久", "活动时间": the campaign's own ("为期一个月的质量月"), not any date
            if q.answer_type.name == "date" and ENDS_ASKED.search(q.text) and not DATE_ENDING.search(ref.text):
                continue  # "搞到几号结束": a date a span ends on, not the day it was launched
            if "period" in q.intents and not q.intents & SUBMISSION_INTENTS and DEADLINE_FORM.search(ref.text):
                continue  # "活动时间" is not the date to report by ("请于10月20日前…报送")
            strength = span_strength(q.answer_type, ref.text, q.cue)
            if (listed := q.listed_count) and any(c[0] == listed[0] and c[2].startswith(listed[1])
                                                   for c in counts_in(ref.text)):
                strength += 1  # "分哪4个方面": the sentence that says "…4个方面" lists them
            if q.answer_type.name == "date" and BY_DATE.search(q.text) and DEADLINE_FORM.search(ref.text):
                strength += 1  # "几号前要反馈": a date to do something by
            if "issue_date" in q.intents and SIGNATURE_DATE.fullmatch(ref.text.strip()):
                strength += 1  # "落款日期": the date standing alone under the signature
            scored.append((coverage + strength, bm25_score, ref, span))
        if not scored and q.cue and q.answer_type.name in ("person", "unit") and len(scope.units) == 1:
            # "谁主持的" about one notice that says of one person only that he presided: that is the answer,
            # in whatever words the rest of the question is put
            stating = [(ref, span) for ref in candidates
                       if (span := find_span(q.answer_type, ref.text, cue=q.cue, title=q.title)) is not None
                       and _fits_the_ask(q, span, ref.text)]
            if len(stating) == 1 and not LITERAL_OR_CONTACT.fullmatch(q.cue):
                scored = [(0.0, 0.0, stating[0][0], stating[0][1])]
        if open_question:
            # a report's headline ("…发布“广东质量精神”") says what happened; the body says what it was
            body = [x for x in scored if x[2].text.strip("。 ") != units[(x[2].doc, x[2].unit)].meta.title]
            scored = body or scored
            # nor does the addressee line ("各县区人民政府,…市总工会,…:") say what anyone does
            scored = [x for x in scored if not _addressee_line(x[2].text)]
        if not scored:
            return []
        scored.sort(key=lambda x: (-x[0], -x[1], x[2].doc, x[2].text))
        best_cov, best_score = scored[0][0], scored[0][1]
        out: list[Found] = []
        seen_units: set[tuple[str, str]] = set()
        for coverage, score, ref, span in scored:
            key = (ref.doc, ref.unit)
            if key in seen_units or coverage < best_cov or score < best_score * SENTENCE_MARGIN:
                continue
            seen_units.add(key)
            unit = next(u for u in scope.units if u.key == key)
            if open_question and ref.text.endswith((";", "；")):
                # "提出了质量倡议,…争当卓越质量的追随者;" is the first of the clauses that answer
                ref = SentenceRef(ref.doc, ref.unit, ref.section, _clauses_to_full_stop(ref, index), ref.length,
                                  ref.tf)
                span = ref.text
            elif open_question and _heads_its_section(ref) and (following := index.following(ref)) is not None:
                # "(三)做好总结。" names what the paragraph under it says: the answer is said there
                ref = SentenceRef(ref.doc, ref.unit, ref.section, f"{ref.text}{following.text}", ref.length, ref.tf)
                span = ref.text
            cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
            lead = _span_line(q, unit, span, ref.text)
            found = Found(unit, [lead], [cite])
            more = []
            if q.wants_list:  # "哪几类活动": the unit's other sentences that answer as well
                more = [(r, sp) for c, _s, r, sp in scored if (r.doc, r.unit) == key and r is not ref
                        and c >= coverage * LIST_MIN_SHARE][: int(LIST_SENTENCES) - 1]
                if more:
                    found.lines = [f"{unit.unit.label}:", *(f"· {r.text}" for r, _sp in [(ref, span), *more])]
                    found.citations += [Citation(doc=r.doc, title=unit.meta.title, section=r.section, quote=r.text)
                                        for r, _sp in more]
            if (wanted := _listing_wanted(q)) and max(_items_listed(r.text) for r, _sp in [(ref, span), *more]) < wanted:
                continue  # "47家联合主办单位都有哪些": "…增加到了47家" counts them, lists none
            if q.answer_type is OPEN_T and NAMES_ASKED.search(q.text) and not any(
                    _enumerates(r.text, organisations=bool(ORGANISATIONS_ASKED.search(q.text)))
                    for r, _sp in [(ref, span), *more]):
                continue  # "名单有哪些": "命名了首批20个基地" says there is a list, not what is on it
            out.append(found)
        return out

    @staticmethod
    def _asked_heading(unit: UnitRef, weights: dict[str, float], index: Index,
                       min_share: float = 0.0) -> tuple[str, list[Section]] | None:
        """The heading of ``unit`` holding most of the question's topic ("工作要求", not any heading
        that mentions 质量月) — at least ``min_share`` of its weight — and the items under it."""
        sections = [x for x in index.knowledge.documents[unit.meta.doc].sections if x.unit == unit.unit.key]
        # of headings holding as much, the one naming the words together ("二、主要活动安排", not
        # "(二)…主要领域…活动"), then the outer one, then the first
        phrase = "".join(weights)
        scored = [(sum(w for t, w in weights.items() if t in head.path[-1]), phrase in head.path[-1], -len(head.path), -i)
                  for i, head in enumerate(sections) if head.path]
        best = max(scored, default=(0.0, False, 0, 1))
        if best[0] <= 0 or best[0] < min_share * sum(weights.values()):
            return None
        head = sections[-best[3]]
        return head.path[-1], [x for x in sections if len(x.path) == len(head.path) + 1 and x.path[:-1] == head.path]

    def _outline(self, q: Query, scope: Scope, index: Index) -> list[Found]:
        """"活动要求有哪几条", "活动内容分哪几块": the items of the heading the question names, by their
        headings — only where the heading holds all the question is about."""
        # words common in notices (活动, 要求) still name a heading: all but the campaign's own name count
        named = [t for t in q.terms if t != CAMPAIGN]
        topic = _weights(named, index) or dict.fromkeys(named, 1.0)
        if not topic or len(scope.units) > OUTLINE_MAX_UNITS:
            return []
        out: list[Found] = []
        for unit in scope.units:
            asked = self._asked_heading(unit, topic, index, min_share=1.0)
            if not asked or len(asked[1]) < 2:
                continue
            head, items = asked
            firsts = [sentences(item.text)[0] for item in items]
            cites = [Citation(doc=unit.meta.doc, title=unit.meta.title, section=" > ".join(item.path), quote=first)
                     for item, first in zip(items, firsts, strict=True)]
            out.append(Found(unit, [f"{unit.unit.label} {head}(共{len(items)}项):", *(f"· {x}" for x in firsts)],
                             cites))
        return out

    @staticmethod
    def _attachments(scope: Scope, index: Index) -> list[Found]:
        """"通知后面挂了几个附件,分别叫啥": the attachments a notice lists."""
        return [Found(unit, [f"{unit.unit.label} 附件(共{len(items)}个):", *(f"· {x}" for x in items)], [cite])
                for unit, items, cite in Engine._attachment_items(scope, index)]

    @staticmethod
    def _attachment_items(scope: Scope, index: Index) -> list[tuple[UnitRef, list[str], Citation]]:
        """Each notice's attachments as it lists them (附件:1.… 2.…), else those its text is divided
        into (附件1 …, 附件2 …), with the text that names them."""
        out: list[tuple[UnitRef, list[str], Citation]] = []
        for unit in scope.units[: int(OUTLINE_MAX_UNITS)]:
            sections = [x for x in index.knowledge.documents[unit.meta.doc].sections if x.unit == unit.unit.key]
            listing = next((sentence for x in sections for sentence in sentences(x.text)
                            if ATTACHMENT_LIST.search(sentence)), None)
            items, quote = _attachment_list(listing, sections) if listing else ([], "")
            if not items:
                items = list(dict.fromkeys(x.path[0] for x in sections if x.path and ATTACHMENT_HEAD.match(x.path[0])))
            if not items:
                continue
            section = next((" > ".join(x.path) or "正文" for x in sections if listing and listing in x.text),
                           items[0] if not listing else "正文")
            cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=section, quote=quote or items[0])
            out.append((unit, items, cite))
        return out

    @staticmethod
    def _document_numbered(number: str, scope: Scope, index: Index) -> list[Found]:
        """"东质发〔2031〕7号是关于什么的文件": the title of the notice bearing that number, or the
        《title》 a sentence writes right before it."""
        units = scope.units if len(scope.units) <= MAX_UNITS_LISTED else []
        for unit in units:
            if _bears_number(unit, number):
                cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section="正文", quote=unit.meta.doc_number)
                return [Found(unit, [f"{unit.unit.label} {number}:《{unit.meta.title}》"], [cite])]
        titled = re.compile(rf"《([^》]{{4,80}})》\s*[(（]?\s*{re.escape(number)}")
        for ref in index.candidates([number], units):
            if m := titled.search(ref.text):
                unit = next(u for u in units if u.key == (ref.doc, ref.unit))
                cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
                return [Found(unit, [f"{unit.unit.label} {number}:《{m.group(1)}》"], [cite])]
        return []

    @staticmethod
    def _table_row(unit: UnitRef, n: int, index: Index) -> Found | None:
        """The row of a table in ``unit`` numbered ``n`` in its first cell, if any."""
        for section in index.knowledge.documents[unit.meta.doc].sections:
            if section.unit != unit.unit.key:
                continue
            for line in section.text.split("\n"):
                if line.startswith(f"{n}{TABLE_CELLS}"):
                    cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=" > ".join(section.path) or "正文",
                                    quote=line)
                    return Found(unit, [f"{unit.unit.label} 第{n}项:{line[len(str(n)) + len(TABLE_CELLS):]}"], [cite])
        return None

    def _nth_item(self, q: Query, scope: Scope, index: Index) -> list[Found]:
        """"活动内容第一项是啥": the N-th item under the heading the question names ("最后一项": the last)."""
        m = ORDINAL.search(q.text)
        assert m
        n = _position(m)
        if (article := ARTICLE.match(m.group(0))) and len(scope.units) <= MAX_UNITS_LISTED:
            # "方案第十四条": a regulation's articles are numbered through it, whatever heads them
            out: list[Found] = []
            for unit in scope.units:
                for section in index.knowledge.documents[unit.meta.doc].sections:
                    if section.unit == unit.unit.key and (at := ARTICLE.match(section.path[-1] if section.path else "")) \
                            and number_value(at.group(1)) == number_value(article.group(1)):
                        first = sentences(section.text)[0]
                        cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=" > ".join(section.path),
                                        quote=first)
                        shown = ARTICLE.sub("", first).strip() or first
                        out.append(Found(unit, [f"{unit.unit.label} {at.group(0)}:{shown}"], [cite]))
                        break
            if out:
                return out  # else "第二条" counts the items of a list, as 项 does
        if n and n > 0 and TABLE_ASKED.search(q.text) and len(scope.units) <= MAX_UNITS_LISTED:
            # "安排表里第4项是什么活动": the table's row numbered 4 ("4 | 东林行动 | 牵头单位:…")
            rows = [row for unit in scope.units if (row := self._table_row(unit, n, index))]
            if rows:
                return rows
        topic = [t for t in q.terms if not ORDINAL.search(t) and t not in m.group(0)]
        if not n or not topic or len(scope.units) > MAX_UNITS_LISTED:
            return []
        # a heading is named by common words too ("主要活动第一条": 活动), each by its rarity
        weights = {t: index.unit_idf(t) or UNKNOWN_TERM_WEIGHT for t in topic if t != CAMPAIGN}
        out: list[Found] = []
        slogans = q.answer_type.name == "slogans"  # "附件里的口号第一条": of a list of slogans, or nothing
        for unit in scope.units:
            # it has an N-th item or the question has no answer here
            asked = self._asked_heading(unit, weights, index)
            if not asked:
                found = self._nth_enumerated(q, unit, n, weights, index)
                out += [f for f in found if not slogans or SLOGAN_WORDS.search(f.citations[0].section)]
                continue
            head_name, items = asked
            if slogans and not SLOGAN_WORDS.search(head_name):
                continue
            if not items:
                # "第3项活动" where the heading naming 活动 is itself one of a numbered run of
                # headings ("1.表彰…", "2.评选…", "3.开展…活动"): the run is the list asked
                head = next(x for x in index.knowledge.documents[unit.meta.doc].sections
                            if x.unit == unit.unit.key and x.path and x.path[-1] == head_name)
                run = [x for x in index.knowledge.documents[unit.meta.doc].sections
                       if x.unit == unit.unit.key and len(x.path) == len(head.path) and x.path[:-1] == head.path[:-1]]
                if len(run) >= 2 and all(HEADING_NUMBER.match(x.path[-1]) for x in run):
                    items = run
                    head_name = head.path[-2] if len(head.path) >= 2 else ""
            nth = _from_either_end(n, len(items))  # "最后一项": the last
            if not items:  # no numbered headings under it: a list in the running text may hold the items
                out += self._nth_enumerated(q, unit, n, weights, index)
                continue
            numbered = _numbered_item(items, n) if n > 0 else None
            if numbered is not None:
                # "附件1第十五项": the item numbered 十五, or none where the numbering skips it
                item = numbered if isinstance(numbered, Section) else None
                nth = n  # shown by the number it carries
            else:
                item = items[nth - 1] if 0 < nth <= len(items) else None
            if item is not None:
                first = sentences(item.text)[0]  # the item's heading sentence
                cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=" > ".join(item.path), quote=first)
                out.append(Found(unit, [f"{unit.unit.label} {head_name}第{nth}项(共{len(items)}项):{first}"],
                                 [cite]))
        return out

    @staticmethod
    def _nth_enumerated(q: Query, unit: UnitRef, n: int, weights: dict[str, float], index: Index) -> list[Found]:
        """"六方面里第三方面是啥", "下阶段第二方面工作": the N-th item of the list in the running text
        (一是…二是…, A;B;C after a colon) whose paragraph holds most of the question's topic."""
        best: tuple[float, int, list[str], Section, str] | None = None
        sections = [x for x in index.knowledge.documents[unit.meta.doc].sections if x.unit == unit.unit.key]
        for order, section in enumerate(sections):
            # each paragraph's list in its running text, and a table's numbered rows (a paragraph each)
            rows = numbered_rows(section.text)
            lists = [(p, enumerated_items(p)) for p in section.text.split("\n")]
            if rows:
                lists.append((section.text, rows))
            for paragraph, items in lists:
                if not items:
                    continue
                held = sum(w for t, w in weights.items() if t in paragraph or t in " ".join(section.path))
                if best is None or held > best[0]:
                    best = (held, -order, items, section, paragraph)
        if best is None:
            return []
        _held, _order, items, section, paragraph = best
        nth = _from_either_end(n, len(items))
        if not 0 < nth <= len(items):
            return []  # "第七项" of a list of six: not found
        item = items[nth - 1]
        quote = next((x for x in sentences(paragraph) if item[:ENUMERATED_QUOTE_KEY] in x), paragraph)
        if "\n" in quote:  # a table: the row that holds the item
            quote = next(line for line in quote.split("\n") if item in line)
        cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=" > ".join(section.path) or "正文",
                        quote=quote)
        return [Found(unit, [f"{unit.unit.label} 第{nth}项(共{len(items)}项):{item}"], [cite])]

    def why(self, question: str, limit: int = 5) -> str:
        """For admins ("hit testing"): the decision, then how the question was understood and
        the best candidate sentences with the numbers the decision was made on."""
        answer = self.ask(question)
        if answer.found:
            decision = [f"决定:已回答。{answer.answer.splitlines()[0]}"]
            decision += [f"  出处:《{c.title}》{c.section}" for c in answer.citations[:3]]
        else:
            decision = ["决定:未找到(没有候选同时满足覆盖门槛和答案类型)。" if not answer.choices
                        else f"决定:请选择通知({len(answer.choices)}份都符合)。"]
        thresholds = (f"门槛:句子须覆盖主题词≥{SENTENCE_MIN_COVERAGE}(开放问题≥{OPEN_MIN_COVERAGE},"
                      f"事实≥{TYPED_MIN_COVERAGE}),且含所问类型的答案")
        return "\n".join([*decision, self.explain(question, limit), thresholds])

    def explain(self, question: str, limit: int = 5) -> str:
        """Why an answer was chosen or refused: the question as understood and the top sentences."""
        knowledge, index = self._state
        q = parse_query(question, today=self.today, subjects=index.subjects,
                        known_places=index.known_place_stems, known_years=index.known_years)
        scope = self._scope(q, None, index, knowledge, None, None)
        lines = [f"理解:{q.describe()};答案类型:{q.answer_type.name};关系词:{q.cue or '-'};"
                 f"主题词:{'、'.join(f'{t}({index.idf(t):.1f})' for t in q.terms) or '-'}",
                 f"范围:{len(scope.units)}份 {'、'.join(u.unit.label for u in scope.units[:5])}"]
        weights = _weights(q.terms, index)
        total = sum(weights.values()) or 1.0
        rows = []
        for ref in index.candidates(list(weights), scope.units):
            coverage = sum(w for t, w in weights.items() if _holds(ref, t)) / total
            span = find_span(q.answer_type, ref.text, cue=q.cue, measure=q.measure or "", noun=q.measure_noun)
            rows.append((coverage, index.bm25(list(weights), ref), span, ref.text))
        rows.sort(key=lambda r: (-r[0], -r[1]))
        for coverage, score, span, text in rows[:limit]:
            lines.append(f"  覆盖{coverage:.2f} BM25 {score:.1f} 答案:{'无' if span is None else span if span != text else '(整句)'} | {text[:80]}")
        return "\n".join(lines)

    def _not_found(self, q: Query, scope: Scope, index: Index) -> Answer:
        lines = ["没有在已收录的通知中找到答案。", f"我理解的是:{q.describe()}。"]
        names = [r.name for r in q.regions]
        regional = index.regional(q.regions)
        have = regional.units
        if scope.missing == "region" and names:
            lines.append(f"知识库中没有{'、'.join(names)}的通知。")
        if scope.missing == "year" and have and q.years:
            asked = q.years[0]
            nearest = regional.nearest(asked, NOT_FOUND_LISTED)
            lines.append(f"没有{asked}年{names[0] if names else ''}的通知;最近的是:"
                         + "、".join(dict.fromkeys(u.unit.label for u in nearest)) + "。")
        elif have:
            labels = regional.labels
            more = f"等{len(labels)}份" if len(labels) > NOT_FOUND_LISTED else ""
            lines.append(f"已收录的相关通知:{'、'.join(labels[:NOT_FOUND_LISTED])}{more}。")
        elif not names:
            labels = index.unit_labels()
            more = f"等{len(labels)}份通知" if len(labels) > NOT_FOUND_LISTED else ""
            lines.append(f"已收录:{'、'.join(labels[:NOT_FOUND_LISTED])}{more}。可以说明地区和年份再问。")
        asked_kinds = [INTENT_NAMES[i] for i in sorted(q.intents) if i in INTENT_NAMES]
        if asked_kinds and scope.units:
            lines.append(f"这些通知中没有“{'、'.join(asked_kinds)}”的内容,可以换个说法或问别的事项。")
        if scope.units and len(scope.units) <= MAX_UNITS_LISTED:
            kinds = {f.kind for u in scope.units for f in index.facts_of(u, set(KIND_NAMES))}
            if kinds:
                lines.append("可以问:" + "、".join(KIND_NAMES[k] for k in KIND_NAMES if k in kinds) + "。")
        return Answer(found=False, answer="\n".join(lines))

    @staticmethod
    def _expansion(named: re.Match[str], terms: list[str], scope: Scope, index: Index) -> list[Found]:
        """"“两个提升”具体指哪两个": the sentence listing that many things ending in what they are
        ("东林制造品质提升、东林服务水平提升"); of several in a
        notice, the one holding most of the question's other words, then a quoted one."""
        n, kind = number_value(named.group(1)), named.group(2)
        if not n or n < 2:
            return []
        item = (rf"{re.escape(kind)}[^、,，。;；:：“”]{{1,{EXPANSION_ITEM_MAX_CHARS}}}" if len(kind) == 1  # 全员
                else rf"[^、,，。;；:：“”]{{1,{EXPANSION_ITEM_MAX_CHARS}}}?{re.escape(kind)}")  # 品质提升
        listing = re.compile(rf"(“?){item}(?:、{item}){{{n - 1}}}(?!、)")
        others = [t for t in terms if t not in named.group(0)]
        best: dict[tuple[str, str], tuple[tuple[int, bool], SentenceRef, str]] = {}
        for ref in index.candidates([kind], scope.units):
            if kind in ref.text and (m := listing.search(ref.text)):
                rank = (sum(t in ref.text for t in others), bool(m.group(1)))
                key = (ref.doc, ref.unit)
                if key not in best or rank > best[key][0]:
                    listed = m.group(0).lstrip("“").split("、")
                    if len(kind) == 1 and len({len(x) for x in listed[:-1]}) == 1:
                        listed[-1] = listed[-1][: len(listed[0])]  # "全面开展好": as long as the others
                    best[key] = (rank, ref, "、".join(listed))
        out: list[Found] = []
        for key, (_rank, ref, listed) in best.items():
            unit = next(u for u in scope.units if u.key == key)
            cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
            label = (f"{named.group(1)}{kind}" if len(kind) == 1  # 三全
                     else f"{named.group(1)}{named.group(0)[len(named.group(1))]}{kind}")  # 两个提升
            out.append(Found(unit, [f"{unit.unit.label} {label}:{listed}"], [cite]))
        return out

    @staticmethod
    def _numbered_with(asked: str, scope: Scope, index: Index) -> list[Found]:
        """"按国办发几号文件部署的": the number of a document whose prefix the question names (国办发),
        as a sentence of the notice cites it ("…(国办发〔2031〕18号)")."""
        out: list[Found] = []
        for unit in scope.units:
            for ref in index.store.get(list(index.store.unit_ids(unit.key))):
                number = next((m.group(0) for m in DOC_NUMBER.finditer(ref.text)
                               if len(prefix := NUMBER_YEAR_OPENS.split(m.group(0))[0]) >= NUMBER_PREFIX_MIN_CHARS
                               and prefix in asked), None)
                if number:
                    cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
                    out.append(Found(unit, [f"{unit.unit.label} 文号:{number}"], [cite]))
                    break
        return out

    @staticmethod
    def _joined_event(scope: Scope, index: Index) -> list[Found]:
        """"质量月跟什么活动一起启动的": the event launched or held together with the campaign, joined to
        it by 暨 ("…“质量月”活动启动仪式暨东林质量创新大会在京举行"), from the notice's title or sentences."""
        out: list[Found] = []
        for unit in scope.units:
            sentences = [unit.meta.title, *index.sentences_of([unit])]
            for text in sentences:
                name = _joined_to_campaign(text)
                if name:
                    section = "标题" if text == unit.meta.title else "正文"
                    cite = Citation(doc=unit.meta.doc, title=unit.meta.title, section=section, quote=text)
                    out.append(Found(unit, [f"{unit.unit.label} 同时举行:{name}"], [cite]))
                    break
        return out

    def _offer_nearest_year(self, q: Query, not_found: Answer, index: Index) -> Answer:
        """"没有2031年东林省的通知;最近的是2029年:…": what the region's nearest notice says, offered
        after the not-found, which it stays (a fact of another year answers no question of this one)."""
        asked = {r.name for r in q.regions}
        nearest = [u for u in index.regional(q.regions).nearest(q.years[0], NOT_FOUND_LISTED)
                   if u.unit.region.name in asked][:1]
        if not nearest:
            return not_found
        unit = nearest[0]
        there = deepcopy(q)
        there.years = [unit.unit.year] if unit.unit.year else []
        offered, _units = self._answer(there, Scope([unit]), index)
        if not offered.found:
            return not_found
        shown = offered.answer.split("\n\n")[0].split("\n")[:NEAREST_YEAR_LINES]
        return Answer(found=False, answer=f"{not_found.answer}\n\n{unit.unit.label}的通知中:\n" + "\n".join(shown))

    def _remember(self, chat: str | None, q: Query, units: list[UnitRef], now: float | None,
                  people: list[str] | None = None) -> None:
        """What a follow-up may inherit: this question as understood (gaps already filled)."""
        if chat is None:
            return
        new = ChatContext(
            units=[u.key for u in units][:MAX_UNITS_LISTED],
            region_names=[r.name for r in q.regions],
            years=q.years,
            subject=q.subject,
            intents=set(q.intents),
            answer_type=q.answer_type,
            cue=q.cue,
            measure=q.measure or "",
            measure_noun=q.measure_noun,
            terms=list(q.terms or q.context_terms),
            people=people or [],
        )
        self.conversations.put(chat, new, now)


# Answer kinds a typed fact's rendering must visibly hold; themes, slogans, lists and contacts
# are what their fact kinds are, so they need no second check.
# Intents whose typed facts name their unit or person by kind (an issuer, a contact, addressees).
NAMING_INTENTS = frozenset({"issuer", "contact", "addressees", "duty", "submit_to"})
SELF_EVIDENT_KINDS = frozenset({"phone", "fax", "email", "doc_number", "theme", "slogans"})
VERIFIED_KINDS = frozenset({"date", "duration", "place", "count", "phone", "fax", "email", "doc_number", "document"})


def _people_named(line: str) -> list[str]:
    """The people's names an answer line gives ("…人员:副省长王小华讲话" → 王小华)."""
    titled = [m.group(1) for pattern in (NAME_AFTER_TITLE, NAME_BEFORE_TITLE) for m in pattern.finditer(line)
              if surname_led(m.group(1)) or names_someone(m.group(1)) or _name_by_its_title(m.group(1))]
    listed = [n for m in NAMES_LISTED.finditer(line) for n in re.split(r"[、,，\s]+", m.group(1)) if surname_led(n)]
    return list(dict.fromkeys(titled + listed))[:MAX_PEOPLE_REMEMBERED]


NOT_IN_A_NAME_OPENING = "并和及与等在对为向由将也还"
NAME_OPENING_WORD_MAX_FREQ = 1000  # a "name" opening with an everyday word ("出席…", "同时…") is none
NOT_A_NAME_ENDING = ORGANISATION_ENDINGS + "省市县区州盟旗镇乡村院所股科处室队站"  # 建研院, 东林市


def _name_by_its_title(word: str) -> bool:
    """A word no dictionary knows, written with a title ("副局长符小燕主持"): a name with a rarer
    surname — not a verb ("出席并"), a function word, an organisation (建研院, 计量股) or a place."""
    return (word_frequency(word) == 0 and not ROLE_VERBS.search(word)
            and word[0] not in NOT_IN_A_NAME_OPENING and word[-1] not in NOT_IN_A_NAME_OPENING  # "大会由"
            and word_frequency(word[:2]) < NAME_OPENING_WORD_MAX_FREQ
            and word[-1] not in NOT_A_NAME_ENDING and regions().lookup(word) is None)


def _asks_the_number_shown(part: str, before: Answer) -> bool:
    """Whether a later part asks only a document's number (文号多少) and the answer before names a
    document with its number."""
    q = parse_query(normalize_query(part), today=date(2000, 1, 1), subjects=[])
    first = before.answer.split("\n")[0]
    return (q.intents == {"doc_number"} and not (q.regions or q.years or q.terms) and "《" in first
            and DOC_NUMBER.search(first) is not None)


# "按国办发几号文件部署的": the number of the document with that prefix
NUMBER_BY_PREFIX_ASKED = re.compile(rf"([\u4e00-\u9fff]{{2,10}}?)(?:第)?{DOCUMENT_NUMBER_ASKED}")
NUMBER_PREFIX_MIN_CHARS = 2  # "国办发", "东质发": an issuer's prefix of two characters at least
NUMBER_YEAR_OPENS = re.compile(r"[〔\[【(（]")  # where a document number's year opens, after its prefix
# "跟什么活动一起启动的", "同时开的什么大会", "同时是什么活动的启动": what was joined to the campaign's event
JOINED_ASKED = re.compile(r"(?:跟|和|与|同)(?:什么|啥|哪个)[\u4e00-\u9fff]{0,3}(?:一起|一块|一同|同时)"
                          r"|同时(?:开|办|举行|召开|举办|启动)?(?:的|了)?是?(?:什么|啥|哪个)"
                          r"|暨的?是?(?:个|一个)?(?:什么|啥|哪个)")  # "启动仪式暨的是个什么发布会"
# "A暨B": two events held as one; the name joined runs to the event word or the verb holding it
JOINED = re.compile(r"([^,，。;；:：]{2,60}?)暨([^,，。;；:：]{2,60}?)(?=启动仪式|启动会|仪式|(?:将于|于|在)[^,，。]{0,20}?(?:举行|召开|举办)"
                    r"|(?:举行|召开|举办|启动)|[,，。;；]|$)")


def _joined_to_campaign(text: str) -> str | None:
    """The event joined by 暨 to the campaign in ``text`` (the side not naming the campaign), or None."""
    m = JOINED.search(text)
    if not m:
        return None
    before, after = m.group(1), m.group(2)
    if CAMPAIGN in after and CAMPAIGN not in before:
        before, after = after, before  # "东林质量大会暨“质量月”启动仪式": the congress
    elif CAMPAIGN not in before:
        return None
    name = after.strip(" “”\"「」")
    if name.count("“") != name.count("”"):  # "…暨“东林精品”品牌发布会" cut inside its quotes
        name = name.replace("“", "").replace("”", "")
    return name if len(name) >= 2 else None


def _leans_on(part: str, before: str) -> bool:
    """Whether a later part of a question only asks again about what the part before asked for
    ("有没有开通投诉热线?号码多少"): nothing of its own named, the same kind of answer asked (or the
    part before asked whether there is one)."""
    q, asked = (parse_query(normalize_query(p), today=date(2000, 1, 1), subjects=[]) for p in (part, before))
    # "有文号吗?是多少": a bare 多少, counting nothing named, is the value of what the part before asked
    bare_value = q.answer_type.name == "count" and not (q.measure or q.measure_noun)
    # "开放日啥时候搞,牵头的是谁": who holds a role in what the part before named; "联系人是谁" is the notice's
    role_in_it = q.answer_type.name in ("person", "unit") and bool(q.cue) and "contact" not in q.intents
    return not (q.regions or q.years or q.terms) and (
        asked.answer_type in (q.answer_type, YESNO_T) or bare_value or (role_in_it and bool(asked.terms)))


WHO_DOES = re.compile(r"谁(?:要|来|会|将)?([\u4e00-\u9fff]{2})")  # "谁要发表…": what is done, 发表
DOER_BEFORE = r"(?:组织|要求|邀请|动员|安排|鼓励|由)([^,，。;；]{{2,30}}?){verb}"


def _subject_of(text: str, verb: str) -> str | None:
    """Who does ``verb`` in its clause, named by a title before it ("区质量办相关负责人对全区…作了部署":
    区质量办相关负责人), or None when what stands there is no one."""
    at = text.find(verb)
    if at < 0:
        return None
    clause = re.split(r"[,，;；。]", text[:at])[-1]
    subject = re.split(r"对|向|为|在|代表|给|就", clause)[0].strip()
    return subject if 2 <= len(subject) <= SUBJECT_MAX_CHARS and PERSON_TITLE.search(subject[-3:]) else None


def _doer_before(text: str, verb: str) -> str | None:
    """Who does ``verb`` in a sentence that has someone do it ("邀请东林各局负责人撰写…文章"):
    the ones named between the asking verb and it."""
    m = re.search(DOER_BEFORE.format(verb=re.escape(verb)), text)
    return m.group(1).strip() if m and (UNIT.search(m.group(1)) or PERSON_TITLE.search(m.group(1))) else None




TABLE_WHO_COLUMN = re.compile(r"(?:单位|部门|人)$")  # a column naming who: 牵头部门, 协助单位, 责任人


def _table_cell(ref: SentenceRef, index: Index, q: Query) -> str | None:
    """The cell of a table row under the column head naming the relation asked ("牵头部门" for 牵头,
    "协助部门" for "谁协助"): a table says who leads an activity by where it writes the name."""
    head = next((r.text for r in index.preceding(ref) if r.text.startswith("序号" + TABLE_CELLS)), None)
    if head is None:
        return None
    heads, cells = head.split(TABLE_CELLS), ref.text.split(TABLE_CELLS)
    relation = role_literal(q.cue) if q.cue and "|" not in q.cue else ""
    column = next((i for i, h in enumerate(heads) if TABLE_WHO_COLUMN.search(h) and (
        (relation and relation in h) or (not relation and h[:2] in q.text))), None)
    if column is None or len(cells) != len(heads) or not cells[column].strip():
        return None
    return cells[column].strip()


def _attachment_list(listing: str, sections: list[Section]) -> tuple[list[str], str]:
    """The attachments "附件:1.… 2.…" lists, on its line or numbered on the lines after it; and the
    text that lists them, to quote."""
    after = listing[ATTACHMENT_LIST.search(listing).end():]
    items = enumerated_items(after)
    if len(items) >= ENUMERATION_MIN_ITEMS:
        return items, listing
    lines = next((x.text.split("\n") for x in sections if listing in x.text), [])
    at = next((i for i, line in enumerate(lines) if listing in line), len(lines))
    items = [re.sub(r"^1\s*[.、．]\s*", "", after).strip()]
    for line in lines[at + 1 :]:
        m = re.match(rf"^{len(items) + 1}\s*[.、．]\s*", line)
        if not m:
            break
        items.append(line[m.end():].strip())
    if len(items) < ENUMERATION_MIN_ITEMS:
        return [], listing
    return items, "\n".join([listing, *lines[at + 1 : at + len(items)]])


def _heads_its_section(ref: SentenceRef) -> bool:
    """Whether the sentence is its section's own heading ("(三)做好总结。" under that heading)."""
    heading = ref.section.split(" > ")[-1]
    return bool(heading) and HEADING_NUMBER.sub("", ref.text).rstrip("。.:：") == HEADING_NUMBER.sub("", heading)


def _addressee_line(text: str) -> bool:
    """The notice's addressee line ("各县区人民政府,开发区管委会,…有关企业:"), as metadata reads it."""
    text = text.strip("。 ")
    return bool(ADDRESSEES.match(text)) and text.endswith((":", "："))


MISSING_NUMBER = object()  # a numbered list that skips the number asked


def _numbered_item(items: list[Section], n: int) -> Section | object | None:
    """The item whose heading carries the number ``n`` ("十五、…"), MISSING_NUMBER when the items
    are all numbered but none is ``n``; None when they are not all numbered (then by position)."""
    numbers = []
    for item in items:
        m = HEADING_NUMBER.match(item.path[-1])
        digits = re.sub(r"[^\d一二三四五六七八九十]", "", m.group(0)) if m else ""
        value = number_value(digits) if digits else None
        if value is None:
            return None
        numbers.append(value)
    if numbers == list(range(1, len(items) + 1)):
        return None  # numbered as they stand: position and number agree
    return next((item for item, value in zip(items, numbers, strict=True) if value == n), MISSING_NUMBER)


LABELLED_ROW_SOURCES = 12  # candidates whose sections are searched for a row labelling what is asked
ROW_LABELS = {"date": "时间", "place": "地点"}  # the label of a row holding a date or a place ("活动时间:9月")


def _labelled_rows(candidates: list[SentenceRef], label: str, index: Index,
                   seen: set[tuple[str, str, str]]) -> list[SentenceRef]:
    """The rows whose label holds ``label`` ("牵头部门:计量股", "活动时间:9月") in the sections of
    ``candidates``, not yet among them."""
    out: list[SentenceRef] = []
    sections = {(r.doc, r.unit, r.section) for r in candidates}
    for doc, unit, section in sections:
        for row in index.store.get(list(index.store.unit_ids((doc, unit)))):
            if (row.section == section and (row.doc, row.unit, row.text) not in seen
                    and (m := LABELLED_ROW.fullmatch(row.text.strip())) and label in m.group(1)):
                seen.add((row.doc, row.unit, row.text))
                out.append(row)
    return out


def _implied_doer(ref: SentenceRef, index: Index) -> str | None:
    """Who does what a sentence without a subject says ("举办全国第十次…会议"): the unit opening the
    nearest sentence before it in its section ("东林协会举办…论坛。…。举办全国第十次…"), as a
    duty list's item goes on about the unit it opened with ("1.东林海关开展…。组织开展…")."""
    for before in index.preceding(ref):
        if LABELLED_ROW.fullmatch(before.text.strip()):
            continue  # "牵头部门:计量股" labels a role: no unit opening a sentence
        leading = UNIT.match(HEADING_NUMBER.sub("", before.text))
        if leading:
            return leading.group(0)
    return None


def _fits_the_ask(q: Query, answer: str, context: str) -> bool:
    """Whether an answer (a typed fact's lines, or a sentence's span) is of the very thing asked, as
    the question words it beyond its kind; ``context``: the text it comes from (quote, section).
    One check for both paths: a typed fact and a sentence must agree with the same question."""
    if q.answer_type is PERSON_T and NAME_ASKED.search(q.text) and not names_someone(answer):
        return False  # "致辞的领导叫啥名": "局长致辞", "各方负责人" name no one
    if q.answer_type is UNIT_T and (not _of_the_kind_asked(q, answer) or (
            COMPANY_ASKED.search(q.text) and not COMPANY.search(answer)
            and (answer[-1] in GOVERNMENT_ENDINGS or ("award" in q.intents and "奖" not in answer)))):
        # "哪个科室负责", "哪家公司做的": not the office itself; "哪些企业获奖": the winners, or the award
        # whose winners they are ("东林质量奖…获奖企业"), not the government that gave it
        return False
    if q.answer_type is PLACE_T and (kind := PLACE_KIND_ASKED.search(q.text)) and kind.group(1) not in answer:
        return False  # "在哪个广场举行": a square, not the office that held it
    if q.answer_type.name in CONTACT_KINDS and HOTLINE_ASKED.search(q.text) and not HOTLINE_ASKED.search(context):
        return False  # "投诉电话": a hotline, not the campaign office's line
    if q.answer_type.name in ("date", "place") and LAUNCH_ASKED.search(q.text) and "启动" not in context:
        return False  # "启动仪式在哪": the launch's, not the year's conference
    if "award" in q.intents and (named := _award_named(q.text)) and named not in context \
            and not _spread(named).search(context):  # "海东市长质量奖" is the 海东市市长质量奖
        return False  # "首届中国质量奖哪些企业拿的": that award, not a quiz's 获奖单位
    # "获奖企业有哪些": who or what was awarded, by a text that awards; 有奖征文's number is no award
    return not ("award" in q.intents and q.answer_type.name in AWARDED_KINDS and not AWARD_EVIDENCE.search(context))


AWARD_NAME_MIN_CHARS = 4  # "中国质量奖", "东林质量奖": a named award; "大奖", "一等奖" are kinds of prize
_AWARD_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}奖")
_NOT_IN_A_NAME = re.compile(r".*(?:了|的|是|在|什么|哪|啥|几|多少|获|得|拿|颁|评|个|项|届|批|有|家|位|名|过|共|入|年|月)")


def _award_named(question: str) -> str | None:
    """The award a question names ("首届中国质量奖…" → 中国质量奖), or None ("拿了什么奖")."""
    for m in _AWARD_NAME.finditer(question):
        name = _NOT_IN_A_NAME.sub("", m.group(0))
        if len(name) >= AWARD_NAME_MIN_CHARS:
            return name
    return None


def _listing_wanted(q: Query) -> int:
    """How many items an answer must list when all of a counted set are asked for ("47家联合主办单位都有
    哪些", "那十条口号全部列一下"): up to LISTING_MIN_ITEMS of them; 0 when no such list is asked."""
    if not LIST_ALL_ASKED.search(q.text) or not (m := COUNTED_SET.search(q.text)):
        return 0
    n = number_value(m.group(1)) or 0
    return min(n, LISTING_MIN_ITEMS) if n >= 2 else 0


def _items_listed(text: str) -> int:
    """The most items one line of ``text`` lists, apart by 、 (or the lines, one item each)."""
    lines = [x for x in text.split("\n") if x.strip()]
    return max(len(lines) - 1, *(x.count("、") + 1 for x in lines)) if lines else 0


def _holds_answer(q: Query, item: Found) -> bool:
    """Whether a typed answer holds what was asked: "谁讲话" is not answered by a launch's place."""
    text = "\n".join(item.lines)
    if (wanted := _listing_wanted(q)) and _items_listed(text) < wanted:
        return False  # "那十条口号全部列一下": two of them named is not the list
    if item.kinds == {"page_row"} and q.answer_type.name not in ("date", "place", "count"):
        return True  # a page row is what it is named: "编辑:胡明珠" answers "那篇谁写的"
    if q.answer_type is UNIT_T and "contact" in q.intents and item.kinds == {"contact"}:
        # "联系人是哪个处的": the contacts' office, where the notice names it (rendered after their names)
        office = CONTACT_OFFICE.search(text)
        return office is not None and _of_the_kind_asked(q, office.group(1))
    if not _fits_the_ask(q, text, "\n".join([text, *(c.quote for c in item.citations)])):
        return False
    if q.answer_type.name in ("person", "unit") and q.cue and not q.intents & {"contact", "issuer", "addressees"}:
        # (the addressees are whom it is sent to, "印发给哪些单位", whatever verb the line leaves out)
        return re.search(re.escape(role_literal(q.cue)) if "|" not in q.cue else q.cue, text) is not None
    if (q.answer_type.name in ("person", "unit") and not q.intents & NAMING_INTENTS
            and find_span(q.answer_type, text, title=q.title) is None):
        return False  # "获奖的3家企业叫什么" is not answered by the names of the awards
    if q.answer_type is UNIT_T and COMPANY_ASKED.search(q.text) and not COMPANY.search(text):
        return False  # "哪些企业拿的奖": a company, not the award's name
    if (q.answer_type is OPEN_T and NAMES_ASKED.search(q.text) and ORGANISATIONS_ASKED.search(q.text)
            and not _enumerates(text, organisations=True)):
        return False  # "获奖企业名单有哪些": the companies, not the awards' names
    if q.answer_type is THEME_T and "theme" not in item.kinds:
        # "大会主题是啥": a launch's time and place say no theme; its quoted motto does
        return find_span(THEME_T, text, about_activity=True) is not None
    if q.answer_type.name == "place" and ADDRESS_ASKED.search(q.text):  # "地址多少": a street address
        return find_span(PLACE_T, text, address=True) is not None
    if q.answer_type.name == "place":  # "地点:武汉", or a place in the sentence, not the one asked within
        return item.kinds == {"page_row"} or _new_place(q, text)
    if q.answer_type.name not in VERIFIED_KINDS or item.kinds == {"page_row"}:
        return True  # a page row is what it is named: 浏览:1349 answers 浏览量多少
    return find_span(q.answer_type, text, measure=q.measure or "", noun=q.measure_noun, day=q.wants_day,
                     mobile=bool(MOBILE_ASKED.search(q.text)), nth=q.wants_nth(q.measure),
                     hour=q.wants_hour) is not None  # "几月几号" is not answered by "9月"


def _quote_the_answer(q: Query, item: Found, index: Index) -> Found:
    """A launch's details come from several sentences; when the one quoted does not hold the detail
    asked (who presided, when, where), quote the unit's sentence that does, so the reader can check
    the very fact at a glance."""
    label = ANSWER_LABELS.get(q.cue if q.answer_type.name == "person" else q.answer_type.name)
    if not label or not item.citations or not item.lines:
        return item
    m = re.search(rf"{label}:([^;;\n]+)", item.lines[0])
    if not m:
        return item
    value = m.group(1).strip()
    needle = value[-QUOTE_NEEDLE_CHARS:]  # a name or a place's own words, without the office before it
    if needle in item.citations[0].quote:
        return item
    ids = list(index.store.unit_ids(item.unit.key))
    holding = next((r for r in index.store.get(ids) if needle in r.text), None)
    if holding is None:
        return item
    first = item.citations[0]
    quoted = Citation(doc=first.doc, title=first.title, section=holding.section, quote=holding.text)
    return Found(item.unit, item.lines, [quoted, *item.citations[1:]], kinds=item.kinds)


BEYOND_MIN_COVERAGE = 0.5  # share of the words beyond a notice's own name a date's or place's sentence holds


def _by_coverage_then_bm25(ranked: list[tuple[float, SentenceRef]], terms: list[str],
                           index: Index) -> Iterator[tuple[float, float, SentenceRef]]:
    """The candidates in rank order — coverage, then BM25, then notice and text — with BM25 scored one
    coverage level at a time, as the reading reaches it: the answer-type check mostly stops within
    the first levels, so the sentences of the others are never scored (the same order as scoring all)."""
    for _coverage, level in groupby(ranked, key=lambda x: x[0]):
        scored = [(coverage, index.bm25(terms, ref), ref) for coverage, ref in level]
        scored.sort(key=lambda x: (-x[1], x[2].doc, x[2].text))
        yield from scored


def _of_what_is_asked(weights: dict[str, float], ref: SentenceRef, units: dict[tuple[str, str], UnitRef],
                      index: Index, beyond_of: dict[tuple[str, str], dict[str, float]]) -> bool:
    """A date or place is of the thing asked: of the question's nouns (of words the notices use) that
    do not just name the notice (its title and opening: "塔里木二期乙烯项目"), the sentence holds at
    least BEYOND_MIN_COVERAGE.

    Why: a report's every sentence is about its project, so "项目…知识竞赛哪天考" covered most of its
    weight with the launch's sentence, whose date is not the quiz's."""
    key = (ref.doc, ref.unit)
    if key not in beyond_of:  # once per notice, not per sentence
        unit = units[key]
        own = f"{unit.meta.title}\n{index.lead(unit, int(LEAD_SENTENCES))}"
        beyond_of[key] = {t: w for t, w in weights.items()
                          if t not in own and is_noun(t) and index.unit_idf(t) is not None}
    beyond = beyond_of[key]
    total = sum(beyond.values())
    if not total:
        return True
    held = f"{ref.section} {ref.text}"
    return sum(w for t, w in beyond.items() if t in held) / total >= BEYOND_MIN_COVERAGE


PEOPLE_REFERRED = re.compile(r"他们|她们|他俩|她俩|这两位|这几位|^(?:他|她)(?:是|在)")  # the people just named
NTH_CONTACT = re.compile(r"第([一二两三四五\d])(?:个|位)(?:联系人|联络人)")
SPEECH_GOES_ON = re.compile(r"(?:他|她|其|他们|她们)(?:还|并|同时|进一步)?(?:强调|指出|表示|要求|提出|说)")
POSITION_ASKED = re.compile(r"(?:什么|啥|哪个|何)\s*(?:职务|职位|职级|官职|岗位|头衔)|职务是|是干什么的|担任什么")
TITLE_WORDS = rf"(?:{PERSON_TITLE.pattern}|常委|总工程师|总师|干事|助理)"  # what a title ends with, as a person answer names one
TITLE_MAX_CHARS = 30  # an office and title written before a name ("保定市莲池区住房和城乡建设局质量监督科科长")


def _title_of(name: str, text: str) -> str | None:
    """The title ``text`` writes with ``name``: before it ("质量监督科科长马小华") or after it ("肖小华副秘书长")."""
    at = text.find(name)
    if at < 0:
        return None
    # the clause before the name, and the clauses before it that are titles too ("…办公室主任,省…局长刘小山")
    pieces = re.split(r"[,，:：;；。]", text[:at])
    titles: list[str] = []
    for piece in reversed(pieces):
        piece = re.sub(r"^.*(?:由|是)(?=[\u4e00-\u9fff]{2})", "", piece) if not titles else piece
        if not re.search(rf"{TITLE_WORDS}、?$", piece) or len(piece) > TITLE_MAX_CHARS or not re.fullmatch(
                r"[\u4e00-\u9fff、]+", piece.rstrip("、")):
            break
        titles.insert(0, piece.rstrip("、"))
    if titles:
        return ",".join(titles)
    after = re.match(rf"(?:同志)?(副?[\u4e00-\u9fff]{{0,6}}?{TITLE_WORDS})(?![\u4e00-\u9fff]{{0,1}}{re.escape(name)})",
                     text[at + len(name):])
    # "李小东同志作…讲话": 同志 is how he is addressed, no title
    return after.group(1) if after and after.group(1) != "同志" else None


QUOTED_RUN_CHARS = 4  # characters of a question a slogan may be recognised by ("智改数转", "东林名品")


def _quoted_runs(question: str) -> list[str]:
    """Runs of QUOTED_RUN_CHARS Chinese characters of a question, where jieba's cut of words a slogan
    coins ("讲智|改数转") would miss them; none holding the campaign's name."""
    return [question[i : i + QUOTED_RUN_CHARS] for i in range(len(question) - QUOTED_RUN_CHARS + 1)
            if re.fullmatch(rf"[\u4e00-\u9fff]{{{QUOTED_RUN_CHARS}}}", question[i : i + QUOTED_RUN_CHARS])
            and not any(c in question[i : i + QUOTED_RUN_CHARS] for c in "月")]


def _named_kind(text: str, kind: str) -> str | None:
    """The places of ``kind`` a sentence names: those it goes through ("通过“龙江市场监管”微信公众号、…微博等
    平台"), else the name right before the kind word ("2016质量月福州五一广场横幅": 福州五一广场)."""
    m = re.search(rf"(?:通过|依托|利用|借助)([^。;；]{{2,80}}?)等?{kind}", text)
    if m:
        return m.group(1).strip()
    # "在东林广场、东林车站等人员密集的区域": the places listed before 等 and the kind
    m = re.search(rf"在([^。;；,，在]{{2,60}}?、[^。;；,，在]{{2,60}}?)等[^。;；,，]{{0,{NAMED_KIND_MAX_CHARS}}}{kind}", text)
    if m:
        return m.group(1).strip()
    m = re.search(rf"[\u4e00-\u9fff]{{1,{NAMED_KIND_MAX_CHARS}}}{kind}", text)
    if not m:
        return None
    name = re.sub(rf"^.*(?:{CAMPAIGN}|在|于|到|的|进)", "", m.group(0))  # not what stands before the name
    return name if len(name) > len(kind) else None


def _new_place(q: Query, text: str) -> bool:
    """Whether a place in ``text`` says more than the question does: "在西宁哪个地方" is not answered by 西宁."""
    places = [m.group(1) for m in re.finditer(r"(?:地点|地址)[:：]([^;；\n]+)", text)]
    span = find_span(PLACE_T, text)
    places += [span] if span else []
    # the places the question names, also those it names without their scope ("山东…在淄博哪个场馆")
    asked = {r.name for r in q.regions} | {m.region.name for m in regions().find(q.text)}

    # "在重庆哪个会展中心": the place asked lies within 重庆; a place elsewhere (京) answers another event
    within = [m.region for m in regions().find(q.text) if re.match(r"(?:市|省|县|区)?哪", q.text[m.end:])]

    def beyond_the_question(place: str) -> bool:
        named = [m.region for m in regions().find(place)]
        named += [regions().abbreviations[place]] if place in regions().abbreviations else []  # "在京"
        if within and any(not any(region_contains(w, r) for w in within) for r in named):
            return False
        for m in regions().find(place):  # "汨罗市人民广场" for "汨罗…在人民广场什么地方": the 人民广场 asked
            if m.region.name in asked or any(region_contains(m.region, r) for r in q.regions):
                place = place.replace(m.text, "")
        place = place.strip()
        return bool(place) and place not in q.text

    return any(beyond_the_question(p) for p in places)


def _abbreviates(term: str, text: str) -> bool:
    """"住建厅" is 住房和城乡建设厅, "建协" 建筑业协会: an organisation's short name keeps its characters in
    order and its closing character (厅, 局, 协…)."""
    if len(term) < 2 or term[-1] not in ORGANISATION_ENDINGS:
        return False
    return _spread(term).search(text) is not None


@lru_cache(maxsize=1024)
def _spread(term: str) -> re.Pattern[str]:
    gap = f".{{0,{ABBREVIATION_MAX_GAP}}}?"
    return re.compile(gap.join(map(re.escape, term)))


def _of_titled_notices(weights: dict[str, float], scope: Scope, index: Index) -> list[SentenceRef]:
    """All sentences of the scoped notices whose title holds the question's words: a notice titled with
    what is asked ("…公开征集2020年“质量月”活动口号") answers in any of its sentences ("投稿截止日:
    2020年6月24日"), which need not repeat the title's words. Of a few notices in scope only."""
    total = sum(weights.values())
    if len(scope.units) > TITLED_SCAN_MAX_UNITS or not total:
        return []
    titled = [u for u in scope.units
              if sum(w for t, w in weights.items() if t in u.meta.title and t != CAMPAIGN) >= TITLED_MIN_COVERAGE * total]
    return index.store.get([i for u in titled for i in index.store.unit_ids(u.key)])


# "…主题是“东林质量 共建共享”吧", "…主题是“东林质量 共建共享”?": what is supposed, to confirm
SUPPOSING = re.compile(rf"吧[?？]?$|{QUOTE_SUPPOSED}[?？]$")
NOT_A_NAME = re.compile(r"…|\.\.\.|、")
NUMERAL = re.compile(rf"[{CN_DIGITS}两几\d]")


def _quotes_what_no_notice_holds(q: Query, scope: Scope, index: Index) -> bool:
    """Whether the question quotes a name none of the scoped notices holds every word of. A
    yes/no question may quote what it supposes wrongly ("…有“以质量诚信为荣”这一条吗"): its answer
    says what the notice does hold."""
    if ASKS_YESNO.search(q.text) or SUPPOSING.search(q.text):
        return False
    # "哪“三可”", "“四个质量”氛围": a count of what the notice lists is no name it writes, nor are
    # "“强标准……”" or "“重视、追求、崇尚”" (a name cut short, the words of a list)
    phrases = [p.replace(" ", "") for p in QUOTED_NAME.findall(q.text)
               if not NUMERAL.search(p) and not NOT_A_NAME.search(p) and p != CAMPAIGN]
    if not phrases:
        return False
    if len(scope.units) <= MAX_UNITS_LISTED:
        # read: a name is written whole, however its words are cut, or its words in one sentence
        # ("东林责任" of "…东林企业质量责任书")
        sentences = [text.replace(" ", "") for text in index.sentences_of(scope.units)]
        return any(not any(p in s or ((words := [t for t in tokens(p) if len(t) >= 2])
                                      and all(w in s for w in words)) for s in sentences) for p in phrases)
    keys = {u.key for u in scope.units}
    return any((words := tokens(p)) and not _holding_all(words, index) & keys for p in phrases)


# A person the question names by role: "联系人马小华的电话", "马小华局长", "马小华在启动仪式上说了啥",
# or by the contact details asked of them: "马小华的邮箱"
NAMED_IN_ROLE = re.compile(r"(?:联系人|连系人|联络人|对接人|主持人|记者)(?:是|为|[:：])?(?![和及与跟电的])([\u4e00-\u9fff]{2,3}?)"
                           r"(?=的|电话|手机|邮箱|传真|[,，?？\s]|$)"
                           r"|([\u4e00-\u9fff]{2,3}?)(?:局长|主任|书记|市长|省长|县长|区长|同志|在启动仪式|在会上"
                           r"|的(?=电话|手机|邮箱|传真|联系方式))")
# A pinyin gloss the notices carry inside a name ("马(mǎ)小华", "马mǎ小华")
PINYIN_GLOSS = re.compile(r"[(（]?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]?")


def _names_whom_no_notice_names(q: Query, scope: Scope, index: Index) -> bool:
    """Whether the question names a person the scoped notices never write ("镇江联系人马小华的电话" of a
    notice whose contact is another): what is asked of that person, no notice says. A yes/no question
    may name whom it supposes wrongly: its answer names the right one."""
    if ASKS_YESNO.search(q.text) or SUPPOSING.search(q.text) or len(scope.units) > MAX_UNITS_LISTED:
        return False
    text = QUOTED_NAME_SPAN.sub("", q.text)
    names = [n for m in NAMED_IN_ROLE.finditer(text)
             if (n := m.group(1) or m.group(2)) and (surname_led(n) or names_someone(n))]
    if not names:
        return False
    said = PINYIN_GLOSS.sub("", "".join(index.sentences_of(scope.units)).replace(" ", ""))
    said += "".join(u.meta.title for u in scope.units)
    # a name mistyped by one character after the surname is still written ("马晓华" for 马小华)
    return any(not re.search(re.escape(n) + "|" + "|".join(f"{re.escape(n[:i])}.{re.escape(n[i + 1:])}"
                                                            for i in range(1, len(n))), said)
               for n in names if len(n) == 3) or any(n not in said for n in names if len(n) == 2)


def _holding_all(terms: list[str], index: Index) -> set[tuple[str, str]]:
    """The units with sentences holding every one of ``terms``, the rarest looked up first."""
    holders: set[tuple[str, str]] | None = None
    for term in sorted(terms, key=index.unit_share):
        if not index.unit_share(term):
            return set()
        holders = index.units_holding(term) if holders is None else holders & index.units_holding(term)
        if not holders:
            return set()
    return holders or set()


def _rare_share(index: Index, share: float) -> float:
    """The share of notices under which a word is rare: ``share``, or one notice's alone however few
    notices are loaded ("焦小石" held by one of 14)."""
    return max(share, 1 / max(index.store.unit_count(), 1) + COVERAGE_TOLERANCE)


def _states_counts(stated: list[tuple[int, str, str]], sentences: list[str]) -> bool:
    """Whether the sentences count each thing as stated: the same number, measure and thing ("29项质量月
    活动" is stated by "29项活动": one noun opens with a word the other holds)."""
    said = [c for s in sentences for c in counts_in(s)]
    return all(any(value == v and measure == m and (not noun or not n or noun[:COUNTED_NOUN_CHARS] in n
                                                    or n[:COUNTED_NOUN_CHARS] in noun)
                   for v, m, n, _phrase, _start in said)
               for value, measure, noun in stated)


def _by_rare_word(q: Query, scope: Scope, index: Index) -> Scope:
    """"保变电气质量月推进的是啥融合工程" names no place but a word only one or two notices hold: those."""
    if q.regions or q.subject or len(scope.units) <= MAX_UNITS_LISTED:
        return scope
    words = [w for t in q.terms for w in (t, *_known_parts(t, index))]
    most = _rare_share(index, RARE_TOPIC_SHARE)
    rare = sorted((index.unit_share(t), t) for t in words if 0 < index.unit_share(t) <= most
                  and (is_noun(t) or word_frequency(t) < SCOPING_WORD_MAX_FREQ))
    if not rare:
        return scope
    holding = index.units_holding(rare[0][1])
    return Scope([u for u in scope.units if u.key in holding], missing=scope.missing)


def _known_parts(term: str, index: Index) -> list[str]:
    """A name no notice holds whole may end or open with one they hold: "中交二航院" → 二航院,
    "中冶建研总院" → 建研总院 (a group's prefix before its unit's short name)."""
    if len(term) < KNOWN_PART_MIN_CHARS + 1 or index.unit_share(term) > 0:
        return []
    parts = [term[i:] for i in range(1, len(term) - KNOWN_PART_MIN_CHARS + 1)]
    parts += [term[:j] for j in range(len(term) - 1, KNOWN_PART_MIN_CHARS - 1, -1)]
    return [p for p in parts if index.unit_share(p) > 0][:1]


def _cut_apart(term: str, index: Index) -> bool:
    """A question "word" that neither the notices' index nor the dictionary knows: jieba cut a typo or
    a colloquial phrase apart ("那个文是几号" gives 文是, "活洞" gives 项活).  It counts only where a
    sentence holds it as written (a short name such as 版纳 does)."""
    return index.unit_idf(term) is None and not word_frequency(term) and not LATIN_TERM.fullmatch(term)


def _bears_number(unit: UnitRef, number: str) -> bool:
    """Whether ``unit``'s notice is the one numbered ``number`` (spaces aside: "东质发〔2031〕 7号")."""
    return unit.meta.doc_number.replace(" ", "") == number.replace(" ", "")


def _holds_title(title: str, text: str, *, deputy: bool) -> bool:
    """Whether ``text`` holds the title (局长) as the principal's, or with ``deputy`` as a deputy's (副局长)."""
    return any((text[max(0, m.start() - 1) : m.start()] == "副") is deputy for m in re.finditer(re.escape(title), text))


def _only_phrasing(term: str, index: Index) -> bool:
    """An everyday word no notice holds that names no thing ("最晚几号要交上去" gives 上去): how the
    asker puts a question whose kind of answer is asked, not a topic a sentence must hold. A noun
    (开放日) or a rare word (东航, an abbreviation) no notice holds is still what the question is about."""
    return (index.unit_idf(term) is None and word_frequency(term) >= EVERYDAY_WORD_MIN_FREQ
            and not is_noun(term) and not NUMBERED_INSTANCE.search(term))  # "第十七届…论坛": that one


def _weights(terms: list[str], index: Index) -> dict[str, float]:
    """How much each topic word counts for coverage: its IDF over notices (corpus statistics),
    a fixed modest weight when no notice holds it."""
    out = {}
    for t in dict.fromkeys(terms):
        if index.sentence_share(t) >= GENERIC_SENTENCE_SHARE:
            continue  # a word in a large share of all sentences (质量月, 活动) singles nothing out
        idf = index.unit_idf(t)
        out[t] = UNKNOWN_TERM_WEIGHT if idf is None else idf
    # a Latin word no notice holds ("QQ号", "budget") names a thing none of them has; Chinese words
    # no notice holds are often only how the asker puts it
    rarest = max([w for t, w in out.items() if not LATIN_TERM.fullmatch(t)], default=UNKNOWN_TERM_WEIGHT)
    for t in out:
        if LATIN_TERM.fullmatch(t) and index.unit_idf(t) is None:
            out[t] = LATIN_UNKNOWN_FACTOR * max(rarest, UNKNOWN_TERM_WEIGHT)
    return out


def _the_notices_own(q: Query, item: Found, scope: Scope, index: Index) -> bool:
    """"四川质量月的材料发哪个邮箱": the one notice's own contact answers a contact question about it,
    whatever else the question mentions, unless it names a unit (that unit's phone is not the notice's)."""
    if len(scope.units) != 1 or q.subject is not None or HOTLINE_ASKED.search(q.text):
        return False  # "投诉电话": a hotline, not the notice's contact
    contact = q.answer_type.name in ("phone", "fax", "email")
    # "材料啥时候交": the notice's own deadline, whatever it calls the material; but not where the
    # question names something else the notice does ("东林巧匠故事征集最晚交到哪天": that
    # activity's own deadline, which the notice does not give)
    quoted = "".join(c.quote for c in item.citations)
    other = {t for t in q.terms if t not in quoted}
    names_an_activity = len(other) >= ACTIVITY_NAMED_MIN_TERMS and scope.units[0].key in _holding_all(list(other), index)
    deadline = bool(q.intents & SUBMISSION_INTENTS) and "deadline" in item.kinds and not names_an_activity
    if item.kinds == {"page_row"}:
        return True  # "那篇公开信息的索引号": the one page's own row
    return (contact or deadline) and all(c.section == item.citations[0].section for c in item.citations)


def _may_cover(candidates: list[SentenceRef], weights: dict[str, float], needed: float, fuzzy: set[str],
               abbreviable: set[str], units: dict[tuple[str, str], UnitRef]) -> list[SentenceRef]:
    """The candidates that may hold topic words weighing ``needed``: those holding one of the
    heaviest words, without which the rest weigh less (in the text, the section or the title,
    as the coverage check in ``_sentences`` finds them); all when that is every word.

    Why: a question over a few dozen notices at 10,000 has thousands of candidate sentences
    ("2014年全国…": 7,198 sentences of 59 notices, from a word in all of them); each was checked
    word by word in Python. One regular expression of the words that must be there (an
    abbreviable one also by its spread pattern, ``_abbreviates``; one no notice holds also by its
    short form, ``_holds``) finds the few that can pass; such a word of three characters or more
    is also matched fuzzily, as ``_holds`` does. The sentences passed on are checked in full, so
    the answer is the same."""
    if needed <= 0 or not weights:
        return candidates
    heaviest = sorted(weights, key=lambda t: -weights[t])
    for n in range(1, len(heaviest) + 1):
        if sum(weights[t] for t in heaviest[n:]) < needed - COVERAGE_TOLERANCE:
            break
    must = heaviest[:n]
    if any(" " in t or "\n" in t for t in must):
        return candidates  # a word spanning a section label and a title: not worth matching
    loose = [t for t in must if t in fuzzy and len(t) >= FUZZY_MIN_CHARS]
    forms = [re.escape(t) for t in must]
    forms += [_spread(t).pattern for t in must if t in abbreviable]
    forms += [_shortened(t).pattern for t in must if t in fuzzy and len(t) >= SHORTENED_MIN_CHARS]
    pattern = re.compile("|".join(forms))
    # the texts searched as one string, a line each (a match never spans a line break): the
    # sentences holding a word are found in C, not one Python step per sentence
    joined = "\n".join([ref.text for ref in candidates])
    if joined.count("\n") != len(candidates) - 1:
        return candidates  # a sentence with a line break of its own (``sentences`` splits lines)
    keep: set[int] = set()
    line, at = 0, 0  # ``at`` is where sentence ``line`` starts
    while (m := pattern.search(joined, at)) is not None:
        line += joined.count("\n", at, m.start())
        keep.add(line)
        end = joined.find("\n", m.end())
        if end < 0:
            break
        line, at = line + 1, end + 1
    in_sections = {x for x in {ref.section for ref in candidates} if pattern.search(x)}
    titled = {key for key, unit in units.items() if pattern.search(unit.meta.title)}
    if in_sections or titled or loose:
        keep.update(i for i, ref in enumerate(candidates) if i not in keep and (
            ref.section in in_sections or (ref.doc, ref.unit) in titled
            or any(_holds(ref, t) for t in loose)))
    return [candidates[i] for i in sorted(keep)]


def _holds(ref: SentenceRef, term: str) -> bool:
    """Whether a sentence holds a word: as a token, verbatim, (long words) nearly, or (a word no
    notice holds) as the short form people make of it: 农残 for 农药残留, 双随机 for 双随机抽查."""
    if term in ref.text:
        return True
    if len(term) >= FUZZY_MIN_CHARS and fuzz.partial_ratio(term, ref.text) >= FUZZY_TERM_SCORE:
        return True
    return len(term) >= SHORTENED_MIN_CHARS and _shortened(term).search(ref.text) is not None


@lru_cache(maxsize=1024)
def _shortened(term: str) -> re.Pattern[str]:
    """A word's characters in order, each followed by at most WORD_ABBREVIATION_MAX_GAP others."""
    gap = f"[\u4e00-\u9fff]{{0,{WORD_ABBREVIATION_MAX_GAP}}}?"
    return re.compile(gap.join(map(re.escape, term)))


def _mentions_place(ref: SentenceRef, place: str) -> bool:
    return _stem_in(place, ref.text) or _stem_in(place, ref.section)


def _stem_in(place: str, text: str) -> bool:
    return place.rstrip("市州县区盟") in text


# The kind of organisation a question asks for, and the ending a name of that kind has.
ORGANISATION_KINDS = ((re.compile(r"哪(?:个|些|几个)?(?:科室|股室|处室|科|股|处)"), re.compile(r"[科股处室所队]")),
                      (re.compile(r"哪(?:个|些|所|几所)?(?:学校|高校|大学)"), re.compile(r"[校学院]")),
                      (re.compile(r"哪(?:个|些|家)?医院"), re.compile(r"院")))


def _of_the_kind_asked(q: Query, span: str) -> bool:
    """Whether a unit answer is of the kind of organisation asked ("哪个科室": 质量股, not 市场监管局)."""
    return all(ending.search(span[-UNIT_KIND_TAIL:]) for asked, ending in ORGANISATION_KINDS if asked.search(q.text))


def _enumerates(text: str, *, organisations: bool = False) -> bool:
    """Whether a sentence lists several things: items apart by 、 or ;, quoted one after another, or
    counted off (一是…二是…); ``organisations``: items that are organisations' names ("态度积极、效果
    突出的单位" lists qualities, not units)."""
    if organisations:  # each item an organisation's name: it ends as one ("…有限公司"), it does not just mention one
        items = [x.strip(" “”\"'。,，:：") for x in re.split(r"[、;；]", text)]
        return sum(bool(ORGANISATION_ITEM.search(x)) for x in items) >= ENUMERATION_MIN_ITEMS
    return (len(re.findall(r"[、;；]", text)) + 1 >= ENUMERATION_MIN_ITEMS or len(QUOTED_ITEM.findall(text))
            >= ENUMERATION_MIN_ITEMS or bool(enumerated_items(text)))


def _region_named(ref: SentenceRef, index: Index, scope: Scope) -> str | None:
    """A region inside the notice's own that labels ``ref``: in its text, its heading or its paragraph's opening."""
    for text in (ref.text, ref.section.split(" > ")[-1], index.paragraph_head(ref)):
        for m in regions().find(text):
            if m.region.level in ("prefecture", "county") and any(
                    region_contains(u.unit.region, m.region) and u.unit.region.name != m.region.name
                    for u in scope.units):
                return m.region.name
    return None


def _in_paragraph(ref: SentenceRef, index: Index) -> tuple[str, int] | None:
    """The paragraph of its notice that ``ref`` is in, and where in it ``ref`` starts."""
    for section in index.knowledge.documents[ref.doc].sections:
        if section.unit != ref.unit or ref.text not in section.text:
            continue
        for paragraph in section.text.split("\n"):
            if (at := paragraph.find(ref.text)) >= 0:
                return paragraph, at
    return None


def _full_sentence(ref: SentenceRef, index: Index) -> str:
    """The sentence up to its full stops that ``ref`` (a clause ending in ";", or a sentence) is part of."""
    if (found := _in_paragraph(ref, index)) is None:
        return ref.text
    paragraph, at = found
    start = max(paragraph.rfind(stop, 0, at) for stop in "。!?！？") + 1
    stop = re.search(r"[。!?！？]", paragraph[at + len(ref.text) - 1 :])
    return paragraph[start : at + len(ref.text) - 1 + stop.end() if stop else len(paragraph)]


def _clauses_to_full_stop(ref: SentenceRef, index: Index) -> str:
    """A clause ending in ";" and the clauses after it in its paragraph, up to the full stop
    (at most CLAUSES_MAX_CHARS): a list written as one sentence ("一方面,…;另一方面,…;
    同时,…。") is answered whole, not by its first item."""
    if (found := _in_paragraph(ref, index)) is None:
        return ref.text
    paragraph, at = found
    rest = paragraph[at + len(ref.text) :]
    stop = re.search(r"[。!?！？]", rest)
    whole = ref.text + (rest[: stop.end()] if stop else rest)
    return whole if len(whole) <= CLAUSES_MAX_CHARS else ref.text


def _span_line(q: Query, unit: UnitRef, span: str, sentence: str) -> str:
    """The answer's first line: the span found, labelled by the kind asked for."""
    if q.answer_type in (OPEN_T, YESNO_T) or span == sentence:
        return f"{unit.unit.label}:{sentence}"
    label = q.answer_type.label
    if q.answer_type is PERSON_T and UNIT.fullmatch(span):
        label = UNIT_T.label  # "谁来做": an office answers it
    return f"{unit.unit.label} {label}:{span}" if label else f"{unit.unit.label}:{span}"


def _focus(line: str) -> str:
    """The answer in an answer line ("四川省 2024年 电话:028-…" -> "028-…"), to centre a long quote on."""
    value = re.split(r"[:：]", line, maxsplit=1)[-1]
    return re.split(r"[;；、,，]", value.strip())[0][:20]


# Who wrote a report is its author (a byline); the site's editor only where no one signed it.
AUTHOR_ROWS = "作者|谁写|写的|署名|撰稿|记者"
EDITOR_ROWS = "责任编辑|责编|编辑|审核"
# Names of a page's metadata rows that answer the same question.
PAGE_ROW_GROUPS = (
    "发布日期|发布时间|生成日期|成文日期|发文日期|信息提供日期|哪天发布|什么时候发布|成文"
    "|(?:哪天|什么时候|何时|几号)在?(?:网上|网站|网页)?上?(?:发|挂|登)",
    "信息来源|来源|哪(?:家|个|份)(?:报纸|报社|媒体|网站)|什么(?:报纸|媒体|网站)(?:报|发|登|转)",
    AUTHOR_ROWS,
    EDITOR_ROWS,
    "浏览次数|浏览|点击次数|点击数|点击|阅读",
    "索引号",
    "发布机构",
)


def _position(ordinal: re.Match[str]) -> int:
    """The place an ordinal names in a list, from 1; from the end below 0 ("最后一条" -1, "倒数第二条"
    -2); 0: none."""
    if not ordinal.group(2):
        return -1
    n = number_value(ordinal.group(2)) or 0
    return -n if ordinal.group(1) else n


def _from_either_end(n: int, length: int) -> int:
    """The place in a list of ``length`` an ordinal names: "倒数第二" (-2) is length - 1; 0: none."""
    return n if n > 0 else length + 1 + n if n < 0 else 0


def _nth_slogan(fact: SlogansFact, n: int) -> tuple[int, str] | None:
    """"口号第3条": its place and the slogan; None where the list is shorter (no 16th of 15)."""
    nth = _from_either_end(n, len(fact.slogans))
    return (nth, fact.slogans[nth - 1]) if 0 < nth <= len(fact.slogans) else None


def asked_row(question: str, name: str) -> bool:
    """Whether a page row (发布日期) answers the question (“那篇是哪天发布的”)."""
    return any(re.search(group, question) and re.fullmatch(group, name) for group in PAGE_ROW_GROUPS)


def _same_unit(a: str, b: str) -> bool:
    return a == b or LEVEL_PREFIX.sub("", a) == LEVEL_PREFIX.sub("", b)


def _shares_a_word(noun: str, text: str) -> bool:
    """Whether what a count counts (部门, 活动, 消费品) is what the question asks about."""
    pairs = {noun[i : i + 2] for i in range(len(noun) - 1)} - {"质量", "主题", "丰富", "多彩"}
    return any(p in text for p in pairs)


def _best_counts(q: Query, facts: list[CountFact]) -> list[Fact]:
    if q.measure:
        facts = [f for f in facts if f.measure == q.measure]
    facts = [f for f in facts if _shares_a_word(f.noun, q.text)]
    if not facts:
        return []
    noun = q.measure_noun or q.text

    def score(f: CountFact) -> float:
        s = fuzz.partial_ratio(f.noun, q.text) * 0.6 + fuzz.partial_ratio(f.quote, q.text) * 0.4
        if q.measure_noun and (f.noun.startswith(q.measure_noun[:2]) or q.measure_noun in f.noun):
            s += 30
        if noun and noun[:2] in f.noun:
            s += 10
        return s

    best = max(facts, key=score)
    return [best] if score(best) >= COUNT_MIN_SCORE else []


def _best_events(q: Query, facts: list[EventFact]) -> list[Fact]:
    # "东林汽车峰会" is no 东林质量大会: a kind of meeting the question names must be the event's
    kinds = set(MEETING_KINDS.findall(q.text))
    facts = [f for f in facts if not kinds or kinds & set(MEETING_KINDS.findall(f.name))]
    if not facts:
        return []
    best = max(facts, key=lambda f: fuzz.partial_ratio(f.name, q.text))
    if fuzz.partial_ratio(best.name, q.text) < EVENT_MIN_SCORE:
        return []
    return [best]
