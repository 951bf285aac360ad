"""What kind of answer a question wants, and where such an answer sits in a sentence.

A question asks for a person, a unit, a date, a place, a count, a phone number…  A
sentence may answer it only if it holds an answer of that kind: "传真多少" is never answered
by a sentence without a fax number, "哪天" never by one without a date.  ``find_span``
returns the answer itself (the phone number, "9月5日", "22个部门", "张三主持"), so it can be put
first, before the citation whose quote is the whole sentence.

The patterns read the form of Chinese official writing (labels, dates, measure words,
〔year〕 numbers), never any notice's content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.cn_numbers import CN_DIGITS, number_value
from bot.ingest.normalize import TABLE_CELLS
from bot.segment import first_name, name_part, names_someone, person_name, surname_led, word_frequency

# (a number run on into 日 or 号 is a mangled date, "至2020930日", not a phone)
PHONE = re.compile(r"(?<![\d-])(?:\(?0\d{2,3}\)?[-\s]?)?[2-9]\d{6,7}(?![\d日号])|(?<!\d)1[3-9]\d{9}(?![\d日号])"
                   r"|(?<![\d-])12[0-9]{3}(?![\d年])")  # 12315-style public hotlines
PUBLIC_HOTLINE = re.compile(r"12\d{3}")  # 12315, 12365: nation-wide service numbers, nobody's office
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
FAX_LABEL = re.compile(r"传\s*真")
# How long or how often: "为期一个月", "3个月", "15天", "两周", "9月1日至30日", "每两年评选一次".
# ("上半年", "下半年" name a half of the year, not how long something lasts)
_SPAN_NUMBER = rf"(?<![\d.上下前后])(?:\d{{1,3}}|[{CN_DIGITS}两半]{{1,3}})"
DURATION = re.compile(rf"(?:为期|持续|历时)?\s*{_SPAN_NUMBER}\s*(?:个\s*(?:月|星期|工作日)|天|周|年|小时|个?季度)(?:左右|多|余)?"
                      rf"|\d{{1,2}}月\d{{1,2}}日?\s*[-—~至到]\s*(?:(?:19|20)\d\d年)?(?:\d{{1,2}}月)?\d{{1,2}}日"
                      rf"|每{_SPAN_NUMBER}?\s*(?:个)?(?:年|月|周|季度)[^,，。;；]{{0,8}}?一次")
# Where knowledge or a campaign is carried ("知识进哪些地方"): "质量安全知识进企业、进社区", "质量意识进家庭".
CARRIED_TO = (re.compile(r"(?:走?进[\u4e00-\u9fff]{2,4}?)(?:、走?进[\u4e00-\u9fff]{2,4}?)+(?=[”\"]|活动|[,，。;；、]|$)"),
              re.compile(r"(?<=知识|宣传|活动|服务|教育|意识)走?进[\u4e00-\u9fff]{2,12}?(?=[“\"]|活动|[,，。;；、]|$)"))
# A street address: "地址:成都市青羊区东城根上街95号", "江苏路19号", "…大厦3楼".
ADDRESS = re.compile(r"(?:地址|地点)[:：]\s*[^,，;；。\s]{4,40}"
                     r"|(?:(?![至到于在寄送将])[\u4e00-\u9fff\d]){2,30}?(?:路|街|巷|道)\d{1,5}号"
                     r"(?:[\u4e00-\u9fff\d]{0,12}(?:楼|室|层))?")
MOBILE = re.compile(r"1[3-9]\d{9}")  # a mobile number: what "手机号" asks, not an office line
PHONE_LABEL = re.compile(r"电\s*话|手\s*机|座\s*机|热线|联系方式")
# A time of day, with the day it falls on if written: "9月26日上午10时30分", "下午2点", "14:30"
CLOCK_TIME = re.compile(r"(?:(?:\d{1,2}月)?\d{1,2}[日号])?(?:上午|下午|晚上?|早上|中午|凌晨)?\s*"
                        r"(?<![\d.])\d{1,2}(?:[:：][0-5]\d|[点时](?:[0-5]?\d分|半|整)?)(?![\d%])"
                        r"(?!要求|意见|建议|措施|希望|体会|内容|做法|工作)")  # "提出3点要求" counts points
DATE = re.compile(
    r"(?:19|20)\d\d-\d{1,2}-\d{1,2}"  # a page's 发布日期: 2023-09-25
    # "9月1日至30日", "5月至12月", and "5-12月": a span of months written with one 月
    r"|(?:\d{4}年)?(?:(?<![\d-])\d{1,2}\s*(?:至|到|—|-|~)\s*(?=\d{1,2}月))?\d{1,2}月(?:\d{1,2}[日号](?:上午|下午|晚上?)?|上旬|中旬|下旬|底|初)?"
    r"(?:\s*(?:至|到|—|-|~)\s*(?:\d{4}年)?(?:\d{1,2}月\d{1,2}[日号]?|\d{1,2}月|\d{1,2}[日号]?))?"
    # a report's "15日上午": the day alone, its month said earlier ("今年9月…15日上午"); not "3日内"
    r"|(?<![\d月年.共近每满第])[1-3]?\d日(?:上午|下午|晚上?)?(?![内起后以]|\d)"
    # a paper's "昨(9)日上午": yesterday, the 9th
    r"|[昨今前]\s*[(（][1-3]?\d[)）]日(?:上午|下午|晚上?)?"
)
DAY = re.compile(r"\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号](?:上午|下午)")
YEAR_ONLY = re.compile(r"(?:19|20)\d\d年")
MEASURES = "个项条家类场次批所名支大位人件台份届期天副座篇元册本张幅块起周级层道套首"  # 3级政府, 3个层面, 400道题
INDEFINITE_ONE = "批起道"  # "一批" is some, "一起" and "一道" together: none is a number of things
COUNT = re.compile(
    rf"(?<![\d.])(\d{{1,6}}(?:\.\d+)?万?|[{CN_DIGITS}]{{1,6}})\s*(?:余|多)?\s*([{MEASURES}])(?:余|多)?"
    r"([\u4e00-\u9fff“”]{0,10})"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*\d{1,4}\s*号"
                        # "(建质[2006]191)": in square brackets the number is plain without its 号
                        r"|[\u4e00-\u9fff]{1,12}[〔\[【]\s*(?:19|20)\d\d\s*[〕\]】]\s*\d{1,4}(?![\d号.])")
# 在 or 于 saying where, not 旨在/存在/现在/正在/以此 ("旨在以此次启动仪式…")
_AT = r"(?<![旨存现正实所好内自])(?:在|于)(?!线|此)"
_ADVERB = r"(?:隆重|正式|集中|联合|共同|同时|再次|广泛|成功|顺利|积极|大力|深入)?(?:组织)?"
PLACE = re.compile(
    # the place starts at the last 在/于 before the verb: "于9月12日上午在万强商厦前举行"
    rf"{_AT}((?:(?!在|于)[^,，。;；“”]){{1,30}}?){_ADVERB}(?:举行|举办|召开|开幕|启动|拉开帷幕|发布)"
    r"(?!的|之际|前夕)"
    # "在进出口商品领域开展": with a general verb only a name of a place is a place
    r"|设在((?:(?!在|于)[^,，。;；“”]){2,29}?)(?=[,，。;；]|$)"  # "主会场设在市人民广场"

    r"|以((?:(?!在|于)[^,，。;；“”]){2,12}?)作为(?:主|分)?会场"  # "以湛江作为主会场"
    # "在民乐社区步行街,开展…": a news report may set the place off with a comma
    rf"|{_AT}((?:(?!在|于)[^,，。;；“”]){{1,29}}(?:[场园馆心区县市镇乡村街路楼厦店站所局厅室堂校院宫坪湖口处]|位置))[,，]?"
    rf"{_ADVERB}(?:开启|开展|展开|进行|设点|设置|设立|悬挂|张贴|摆放)(?!的|之际|前夕)"  # "在中心门口醒目位置悬挂了横幅"
)
# "始于1978年", "1978年起": the year something began
SINCE_YEAR = re.compile(r"(?:始于|起于|开始于|创办于|设立于)\s*(?:19|20)\d\d\s*年?|(?:19|20)\d\d\s*年(?:开始|起)")
AMOUNT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:亿|万)?(?:元|美元)|(?<![\d.])\d+(?:\.\d+)?\s*(?:亿|万)")  # 114.4亿元
PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%|百分之[一二三四五六七八九十百点]+")
COUNTED_BEFORE = 12  # characters before a number where what it counts may stand
COUNTED_AFTER = 8  # ... and after its measure word, past a list of qualities ("18家名优、特色企业")
QUOTED = re.compile(r"“([^“”]{2,60})”")
UNIT = re.compile(  # a unit's name never opens with a function word ("的部", "和市局")
    r"(?![的了和与及是在为对将并由向从])[\u4e00-\u9fff]{1,16}?(?:办公室|领导小组|委员会|总局|总署|协会|联合会|促进会|研究会|政府|部门|单位|中心|集团|公司|海关|银行|分行|[总支]队|[验测试究定量]所|"
    r"(?<!干)部(?!署|分)|[厅局委院]|社(?!会|区)|(?<![社大年晚峰进场谈布训摩员动流讨彰贯气面介告全领体理机])会|(?<![举承主协创开督申代筹兴])办|(?<!部)署)"
    r"(?![\u4e00-\u9fff]{0,1}(?:议|场|员))"
    # 部署 deploys, 举办 holds, 社会 is society, 干部 are cadres, 大会 a meeting: not a 署, 办, 社, 部 or 会;
    # nor is a 推进会, 现场会, 座谈会, 发布会, 培训会, 观摩会, 动员会, 启动会, 交流会, 研讨会, 表彰会, 宣贯会,
    # 通气会, 见面会, 推介会, 报告会 or 全会; 领会, 体会, 理会 and 机会 are no 会 at all
)
# People a clause names only as a group: "相关人员", "各单位负责同志", "企业代表们"
UNNAMED_GROUP = re.compile(r"(?:相关|有关|各)[\u4e00-\u9fff]{0,6}?(?:人员|代表|负责同志|负责人)|代表们|人员们")
# "牵头部门:计量股", "活动时间:9月": a row labelling who holds a role, or when or where
LABELLED_ROW = re.compile(r"(?:^|(?<=\s))([\u4e00-\u9fff]{2,8}):([^:\s|]{2,40})(?=\s|$)")
# Who does what a verb says, named right before it: "…,王波宣布…", "会上,魏媛媛详细宣读了…";
# also with 在 or 作 before the verb: "甘小远在讲话中指出", "马小华作重要讲话"
DOER = re.compile(r"(?:^|[,，。;；、:：\s由])([\u4e00-\u9fff]{2,3}?)(?:详细|正式|亲自|现场|郑重|在|作了?(?:重要)?)?$")
GENERIC_UNITS = frozenset({"部门", "单位", "企业", "政府", "机构", "公司", "集团", "协会", "有关部门", "相关部门"})  # no name
UNIT_MIN_CHARS = 2  # "社", "局" alone name no unit
# a two-character unit is a level's own office (市局, 省厅, 县委, 国办); "为民办实事" names no 民办
SHORT_UNIT_LEVELS = "省市县区州盟旗镇乡国"
SHORT_UNIT_ENDINGS = "委会"  # 团委, 工会: two characters naming a body whole
# "…四公司长春地铁…": 司长 read across a company and a city is no one's title
PERSON_ROLE = re.compile(r"(?:书记|市长|省长|县长|区长|州长|主任|局长|厅长|部长|(?<!公)司长|处长|科长|主席|理事长|总经理|"
                         r"院长|专员|副[^\s,，。]{1,4}长|委员|主持人)")


# A document named in a sentence, with its number if one follows: "《…的通知》(国市监质发〔2024〕74号)".
DOCUMENT_TITLE = re.compile(r"《[^《》]{2,80}》(?:\s*[(（][^()（）]{0,12}〔\d{4}〕\d{1,4}号[)）])?")
DEPLOYS_BY = re.compile(r"按照?|根据|依据|依照|遵照")  # "按照《…》部署": what a campaign is run by
IMPLEMENTS = re.compile(r"贯彻|落实|宣贯")  # "贯彻《纲要》": the policy it carries out
FOLLOWS = re.compile(f"{DEPLOYS_BY.pattern}|{IMPLEMENTS.pattern}")
FOLLOWS_WINDOW = 12


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer: its name (for /why and not-found), what signals it in a question."""

    name: str
    label: str  # how an answer of this kind is introduced: "电话", "时间", "地点"


PHONE_T = AnswerType("phone", "电话")
FAX_T = AnswerType("fax", "传真")
EMAIL_T = AnswerType("email", "邮箱")
DATE_T = AnswerType("date", "时间")
DURATION_T = AnswerType("duration", "时长")
PLACE_T = AnswerType("place", "地点")
COUNT_T = AnswerType("count", "数量")
PERSON_T = AnswerType("person", "人员")
UNIT_T = AnswerType("unit", "单位")
DOC_NUMBER_T = AnswerType("doc_number", "文号")
DOCUMENT_T = AnswerType("document", "文件")
THEME_T = AnswerType("theme", "主题")
SLOGANS_T = AnswerType("slogans", "口号")
YEAR_T = AnswerType("year", "年份")
YESNO_T = AnswerType("yesno", "")
OPEN_T = AnswerType("open", "")

# Relation verbs of a person or unit question: "谁主持" wants the clause with 主持.  Verbs of
# one group say the same relation, so "谁讲的话" is answered by "…致辞".
ROLE_GROUPS = (
    "主持",
    "讲的?话|致的?辞|发的?言|表态|作报告|动员|介绍|强调|指出|表示",  # a report gives a speech as "X强调"
    "出席|参加|参与|到场|到现场|参会",
    "主办|承办|协办|牵头|领头|带头|挑头|主抓|负责|配合|组织|举办",
    "宣布|启动",
    "宣读|通报|解读|念的?|读的?",
    "颁发|颁奖|授牌|揭牌",
    "发布|印发|发文|联合发",
    "写的?|撰稿|撰写|采写|拍的?照|拍的|摄影|拍摄",
)
AUTHORSHIP = ROLE_GROUPS[-1]
# A report's byline: "(记者 陈必扬)", "作者:纪世强", "本报讯(罗莎)", "文/张三".
BYLINE = re.compile(r"(?:记者|作者|通讯员|撰稿|文\s*/|摄\s*/?|实习生)[:：\s/]*([\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4})*)"
                    r"|本报讯\s*[(（](?:记者|通讯员|实习生)?\s*([^)）]{2,20})[)）]"
                    # a report signed at its end: "(涉县质量技术监督局 崔晨光)"
                    r"|[(（][\u4e00-\u9fff]{2,20}\s+([\u4e00-\u9fff]{2,4})[)）]\s*$"
                    # a photo's credit: "图为牌板展现场。 樊小龙 摄"
                    r"|(?:^|\s)([\u4e00-\u9fff]{2,4})\s*摄(?:影)?\s*$")
# A report signed with a name alone at the end of its text: "…氛围。(李旭)", "(文 谢丹)" — a byline only
# when what the brackets hold is a person's name ("(试行)", "(盖章)" are not).
SIGNATURE = re.compile(r"[(（]\s*(?:文|记者|通讯员|文\/图|图\/文)?\s*([\u4e00-\u9fff]{2,4}(?:[、,，\s]+[\u4e00-\u9fff]{2,4})*)\s*[)）]\s*$")


# "作者: 来源: 浏览:1507": an empty row's label followed by the next row's, which names no one
EMPTY_ROW_FOLLOWS = re.compile(r"(?:来源|编辑|责编|审核|浏览|点击|发布|日期|时间)(?:\s*[:：]|$)")


def byline(text: str) -> str | None:
    """Who signed a report in ``text``: a labelled byline ("记者 梁明"), or a name bracketed at its end.

    The span as written ("(文 谢丹)"); ``byline_name`` gives the name alone."""
    if (m := BYLINE.search(text)) and not EMPTY_ROW_FOLLOWS.match(next(g for g in m.groups() if g)):
        return m.group(0).strip()
    if (m := SIGNATURE.search(text)) and person_name(m.group(1)) == m.group(1) and names_someone(m.group(0)):
        return m.group(0).strip()
    return None


def byline_name(text: str) -> str | None:
    """The names a byline in ``text`` signs, only people's ("记者从市场监管局获悉" signs nothing;
    "记者/吴家跃 实习生/覃敏飞" signs 吴家跃 first)."""
    for pattern in (BYLINE, SIGNATURE):
        if m := pattern.search(text):
            names = signed_names(next(g for g in m.groups() if g))
            if names and names_someone(names):
                return names
    return None


def signed_names(text: str) -> str:
    """The people's names that open ``text`` ("周婷 王凯 初审编辑:…" → "周婷 王凯")."""
    names = []
    for word in re.split(r"[\s、,，]+", text.strip()):
        if not word or person_name(word) != word:
            break
        names.append(word)
    return " ".join(names)


# What a clause answering "谁…" names: a title or role ("副市长", "调研员", "局长", "代表").
ROLE_NOUN = re.compile(r"记者|责编|编辑|审核|作者|通讯员|摄影|副组长|组长|主持人|联络员")
PERSON_TITLE = re.compile(r"长|员|主任|书记|主席|理事|经理|代表|专家|教授|负责人|领导|同志|总监|官|嘉宾|主持人")
ROLE_VERBS = re.compile("|".join(ROLE_GROUPS))
ATTENDANCE = re.compile(ROLE_GROUPS[2] + "|" + ROLE_GROUPS[4])  # 出席, 参加, 启动: being there
# Roles a text states in so many words ("由X牵头", "X主办、Y承办"): a sentence without them names
# no one in that role, whatever units it mentions.
STATED_ROLES = re.compile("牵头|主办|承办|协办|配合")
# An office that joins others to a campaign leads it: "…领导小组办公室联合省委宣传部、…等18个部门开展".
# "东林省质量技术监督局、东林省委宣传部等部门联合发出…": offices listed, the first leading
JOINT_ISSUERS = re.compile(r"([^,，。;；:：]{2,80}?)等(?:[\d一二三四五六七八九十]+个)?(?:部门|单位)联合")
LEAD_ROLES = frozenset({"牵头", "领头", "带头", "挑头", "主抓"})
LEADS_BY_JOINING = re.compile(r"(?<=[局厅委办室会组府部署院])(?:会同|联合)(?!会|举办的|主办的)")
LITERAL_ROLES = re.compile("牵头|承办|协办|配合")
# Relations a sentence must state for a unit to answer: who presided, spoke, read out, or held a stated role.
SAID_ROLES = re.compile("|".join((ROLE_GROUPS[0], ROLE_GROUPS[1], ROLE_GROUPS[5], LITERAL_ROLES.pattern)))
ORGANISATION_ENDINGS = "厅局委办会部院协所站处科股"  # how the name of an office ends (住建厅, 团市委)
UNIT_ROLES = re.compile(ROLE_GROUPS[3] + "|" + ROLE_GROUPS[6])


def role_pattern(cue: str) -> str:
    """The verbs saying the same relation as ``cue``."""
    return next((g for g in ROLE_GROUPS if re.fullmatch(g, cue)), re.escape(cue))


def role_literal(cue: str) -> str:
    """The cue as a text would write it: "讲的话" is 讲话."""
    return cue.replace("的", "")


def _role_match(cue: str, text: str) -> re.Match[str] | None:
    """The cue itself, else a verb of its group that is not part of a name ("启动仪式").

    A role a text states in so many words (承办, 协办, 牵头, 配合) is matched only as written: "由X举办"
    names who held it, not who 承办."""
    literal = role_literal(cue).replace("的", "")
    # "组长是谁" is not answered by 副组长X: a deputy's title holds the title asked
    m = re.search(("" if literal.startswith("副") else "(?<!副)") + literal, text)
    if not m and role_literal(cue) in LEAD_ROLES:
        m = LEADS_BY_JOINING.search(text)  # "省市场监管局联合省发改委等21个部门开展": it leads
    if m or LITERAL_ROLES.fullmatch(role_literal(cue)):
        return m
    for m in re.finditer(role_pattern(cue), text):
        deputy = not literal.startswith("副") and text[m.start() - 1 : m.start()] == "副"
        if not deputy and not re.match(r"仪式|会|式", text[m.end() : m.end() + 2]):
            return m
    return None


def _clause(text: str, start: int, end: int) -> str:
    """The comma-delimited clause of ``text`` around [start, end); a comma inside quotes
    ("以“夯实质量基础建设,增强质量发展活力”为主题") delimits nothing."""
    masked = QUOTED_SPAN.sub(lambda m: "“" + "_" * (len(m.group()) - 2) + "”", text) if "“" in text else text
    left = max(masked.rfind(ch, 0, start) for ch in ",，;；。:：\n")
    rights = [i for ch in ",，;；。\n" if (i := masked.find(ch, end)) >= 0]
    right = min(rights) if rights else len(text)
    return text[left + 1 : right].strip()


QUOTED_SPAN = re.compile(r"“[^“”]*”")


def _names_a_person(clause: str) -> bool:
    """A name, or a person by office ("市市场监督管理局负责人", "企业代表"); "动员全社会" names no one."""
    return names_someone(clause) or PERSON_BY_OFFICE.search(clause) is not None


PERSON_BY_OFFICE = re.compile(r"(?:[局厅委办部处科市县区省州盟旗镇乡院所会组府]|(?<!公)司)(?:副)?(?:长|书记|主任|主席)"
                              # "各方负责人纷纷表示", "有关负责人": no one in particular
                              r"|(?<!各方)(?<!有关)(?<!相关)(?<!各)负责(?:人|同志)|专家|嘉宾|主持人|秘书长")


def _listed_run(text: str, found: list[re.Match[str]]) -> list[re.Match[str]]:
    """The longest run of units listed one after another ("A、B和C"), of LISTED_UNITS_MIN or more."""
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in found:
        if run and text[run[-1].end() : m.start()] in ("、", "和", "及", "与"):
            run.append(m)
        else:
            run = [m]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= LISTED_UNITS_MIN else []


LISTED_UNITS_MIN = 3  # two may be a pair in a sentence ("省局和市政府共同举办"); three are a list


def _titled_person(text: str, title: str) -> str | None:
    """The clause naming a person with ``title``: "局长陈殿军介绍", "徐美健副市长出席"; never "副局长X" for 局长,
    never a title followed by a verb ("总经理发言")."""
    not_deputy = "" if title.startswith("副") else "(?<!副)"
    for m in re.finditer(not_deputy + re.escape(title), text):
        before = text[max(0, m.start() - NAME_BEFORE_TITLE):m.start()]
        after = re.sub(r"^[:：\s]+", "", text[m.end():])  # "组长:陈振邦"
        # a name jieba does not know ("欧阳彪", "多吉欧珠") is still a name between a title and what he did
        speaking = re.match(rf"((?:(?!{ROLE_VERBS.pattern})[\u4e00-\u9fff]){{2,4}}?)(?:{ROLE_VERBS.pattern})", after)
        if (person_name(after) or (speaking and word_frequency(speaking.group(1)) < NAME_MAX_WORD_FREQ)
                or any(person_name(before[-n:]) == before[-n:] for n in (2, 3))):
            return _clause(text, m.start(), m.end())
        # "东林局党组书记、局长,省质量工作领导小组副组长兼办公室主任马小华出席": more titles, then the name
        chained = re.match(rf"[,，]([^,，。;；]{{2,{TITLE_CHAIN_MAX_CHARS}}}?)"
                           rf"((?:(?!{ROLE_VERBS.pattern})[\u4e00-\u9fff]){{2,3}}?)(?:{ROLE_VERBS.pattern})", text[m.end():])
        if (chained and PERSON_TITLE.search(chained.group(1)[-2:]) and (
                person_name(chained.group(2)) or word_frequency(chained.group(2)) < NAME_MAX_WORD_FREQ)):
            return text[text.find(_clause(text, m.start(), m.end())) : m.end() + chained.end(2)]
    return None


NAME_MAX_WORD_FREQ = 50  # a name is a rare word: "详细介绍" is no 详细 speaking
NAME_BEFORE_TITLE = 3  # a name written before its title: 徐美健副市长
TITLE_CHAIN_MAX_CHARS = 30  # more titles between the one asked and the name ("…副组长兼办公室主任")


QUOTED_NAME_SPAN = re.compile(r"“[^“”]{2,12}”")


def counts_in(text: str) -> list[tuple[int, str, str, str, int]]:
    """(value, measure, noun, phrase, start) for every count in ``text``; Chinese numerals included."""
    out = []
    quoted = [q.span() for q in QUOTED_NAME_SPAN.finditer(text)] if "“" in text else []
    for m in COUNT.finditer(text):
        digits, measure, noun = m.group(1), m.group(2), m.group(3)
        if digits in ("一", "1") and any(start < m.start() < end for start, end in quoted):
            continue  # "开展“解决一个问题”活动": one in an activity's quoted name counts nothing ("五个强" may)
        if digits[0] in CN_DIGITS and len(digits) == 1 and digits in "一两" and not noun:
            continue
        if digits == "一" and measure in INDEFINITE_ONE:
            continue  # "公布一批典型案件" says how many no more than "一起参加" counts cases
        value = number_value(digits)
        if value is None:
            continue
        if measure == "大" and not noun:
            continue
        if measure == "人" and noun.startswith("次"):  # 人次 counts visits, not people: "多少人" is not 300余人次
            measure, noun = "人次", noun[1:]
        out.append((value, measure, noun, m.group(0), m.start()))
    return out


CAMPAIGN = "质量月"  # the campaign the bot is about: its name is no theme, slogan or topic of a question
THEME_QUOTE_GAP = 8  # characters between 主题 and its quoted wording ("以“…”为活动主题", "主题确定为“…”")
THEME_STRONG = re.compile(r"以“[^“”]{4,60}”为(?:活动)?主题|主题(?:是|为|确定为)[:：]?\s*“")


def span_strength(kind: AnswerType, text: str, cue: str = "") -> int:
    """How plainly a sentence states an answer of ``kind``: 1 for the canonical form, else 0."""
    if kind.name == "theme":
        return int(bool(THEME_STRONG.search(text)))
    if kind.name in ("person", "unit") and cue and "|" not in cue:
        return int(role_literal(cue) in text)
    return 0


# "以线上形式召开", "通过网络直播方式启动": a meeting held online has no venue, and that is where it was
ONLINE_HELD = re.compile(r"(?:以|通过|采取|采用)?((?:在线|线上|网络|视频|云端)(?:直播)?(?:形式|方式))(?:举行|举办|召开|启动|开展)")


def find_span(kind: AnswerType, text: str, *, cue: str = "", measure: str = "", noun: str = "",
              day: bool = False, about_activity: bool = False, cited: bool = False,
              iso: bool = False, title: str = "", hotline: bool = True, mobile: bool = False,
              carried: bool = False, address: bool = False, nth: bool = False, named: str = "",
              hour: bool = False) -> str | None:
    """The answer of ``kind`` in ``text`` (a sentence), or None when the sentence holds none.

    ``cue`` is the question's relation verb for person/unit questions (主持, 牵头);
    ``measure``/``noun`` narrow a count question ("多少个部门": 个, 部门); ``day`` asks a date to the day;
    ``about_activity``: the question names an activity, whose theme may be its quoted motto;
    ``cited``: the question asks the number of a document the notice cites; ``iso``: a page's
    publication date (2017-09-06) may answer; ``title``: the title a person question asks about
    ("哪个副市长"): a clause naming someone with that title answers it whatever the verb;
    ``hotline``: a public hotline (12315) may answer; ``mobile``: only a mobile number answers ("手机号");
    ``hour``: a time of day is asked ("几点开始");
    ``carried``: a place asked as where something is carried ("知识进哪些地方": 进社区、进学校);
    ``address``: a street address asked ("地址多少": 江苏路19号); ``nth``: a place in a series asked
    ("第几届": 第十届, 首批); ``named``: a document asked by a short form of its title ("东林制造2031").
    """
    name = kind.name
    if name == "phone":
        phones = [m for m in PHONE.finditer(text) if not FAX_LABEL.search(text[max(0, m.start() - 6) : m.start()])
                  and (hotline or not PUBLIC_HOTLINE.fullmatch(m.group(0)))
                  and (not mobile or MOBILE.fullmatch(m.group(0)))]
        return "、".join(dict.fromkeys(m.group(0) for m in phones)) or None
    if name == "fax":
        m = FAX_LABEL.search(text)
        if not m:
            return None
        found = PHONE.findall(text[m.end() : m.end() + 40])
        return "、".join(dict.fromkeys(found)) or None
    if name == "email":
        return "、".join(dict.fromkeys(EMAIL.findall(text))) or None
    if name == "date" and hour:  # "几点开始": a time of day, not a date alone
        m = CLOCK_TIME.search(text)
        return m.group(0) if m else None
    if name == "date":
        # a page's 2017-09-06 is when it was published: it answers only a question about that
        dates = [m.group(0) for m in DATE.finditer(text)
                 if ("月" in m.group(0) or "日" in m.group(0) or ("-" in m.group(0) and iso))
                 and (not day or re.search(r"\d[)）]?[日号]|-\d{1,2}$", m.group(0)))]
        return "、".join(dict.fromkeys(dates)) or None
    if name == "year":
        m = SINCE_YEAR.search(text) if cue else re.search(r"(?:始于|起于|从|自)?\s*((?:19|20)\d\d)\s*年", text)
        return m.group(0).strip() if m else None
    if name == "place" and carried:
        m = CARRIED_TO[0].search(text) or CARRIED_TO[1].search(text)  # a list of places first
        return m.group(0) if m else None
    if name == "place" and address:  # "地址多少": a street address, not where something was held
        m = ADDRESS.search(text)
        return m.group(0) if m else None
    if name == "place":
        found = (next(g for g in m.groups() if g) for m in PLACE.finditer(text))
        places = [p for p in found if not re.search(r"\d|[年月日天晚]$|^(?:今年|本月|近日|日前|期间|全[省市县区国]|当[日天晚]|同日|今日|是日)", p)
                  and (len(p) > 1 or p in "京沪津渝")]  # "在京召开": a capital's one-character name
        if not places and (online := ONLINE_HELD.search(text)):
            return online.group(1)  # "以线上形式召开…启动会": held nowhere but online
        return places[0] if places else None
    if name == "duration":
        m = DURATION.search(text)
        return m.group(0) if m else None
    if name == "document":
        # "按照《…行动计划》(东办发〔2019〕8号)的部署": the document a campaign follows, with its number
        titles = [m for m in DOCUMENT_TITLE.finditer(text) if named in m.group(0)]
        asked = DEPLOYS_BY if not cue or DEPLOYS_BY.fullmatch(cue) else IMPLEMENTS  # 按照… / 贯彻…
        before = [text[max(0, m.start() - FOLLOWS_WINDOW) : m.start()] for m in titles]
        chosen = next((m for m, b in zip(titles, before, strict=True) if asked.search(b)), None) or next(
            (m for m, b in zip(titles, before, strict=True) if FOLLOWS.search(b)), None) or (titles or [None])[0]
        return chosen.group(0) if chosen else None
    if name == "count" and measure == "%":  # "合格率多少": a rate, never a count of things
        m = PERCENT.search(text)
        return m.group(0) if m else None
    if name == "count" and nth:  # "第几届": "第十届", "首批", "第46个“质量月”"
        m = re.search(rf"(?:第\s*[{CN_DIGITS}\d]{{1,4}}|首)\s*{re.escape(measure or '')}(?:[“\"]?{re.escape(noun)}[”\"]?)?",
                      text) if measure else None
        return m.group(0) if m else None
    if name == "count":
        found = counts_in(text)
        if measure and not (measure == "个" and noun):  # 个 is the everyday measure: "几个执法人员" is 15人
            found = [c for c in found if c[1] == measure or (measure in "个家" and c[1] in "个家")
                     # "三大类" answers 几类, "十大行动" 几项行动
                     or (c[1] == "大" and (c[2].startswith(measure) or (noun and c[2].startswith(noun[:2]))))]
        if noun:  # what is counted stands after the number ("22个部门", "18家名优、特色企业") or before it
            stem = noun[:2]  # ("资料260余份")
            # ("45项丰富多彩的质量主题活动": what is counted may run past the phrase read)
            found = [c for c in found if stem in c[2] or stem in text[max(0, c[4] - COUNTED_BEFORE) : c[4]]
                     or stem in text[c[4] + len(c[3]) - len(c[2]) : c[4] + len(c[3]) + COUNTED_AFTER]]
        if measure and len(measure) == 1 and measure not in MEASURES:  # "几米": a measure of its own, after the number
            m = re.search(rf"(?<![\d.])(?:\d{{1,6}}(?:\.\d+)?|[{CN_DIGITS}]{{2,5}}|[{CN_DIGITS.replace('一', '')}])"
                          rf"\s*(?:余|多)?{re.escape(measure)}", text)
            return m.group(0) if m else None
        # "一场别开生面的…", "一次": one, written as an article, counts only what is asked by its own measure
        found = [c for c in found if not (c[0] == 1 and c[1] != measure)]
        if not found and noun:  # "25部门联合指导": a number right before what it counts ("统一投稿" is none)
            m = re.search(rf"(?<![\d.{CN_DIGITS}])(?:\d{{1,6}}|[{CN_DIGITS}]{{2,5}}|[{CN_DIGITS.replace('一', '')}])"
                          rf"\s*(?:余|多)?{re.escape(noun[:2])}", text)
            if m:
                return m.group(0)
        if found:
            value, measure_word, counted, phrase, _start = found[0]
            if noun and counted.startswith(noun):  # "二十二个部门联合开展" -> "二十二个部门"
                return phrase[: len(phrase) - len(counted) + len(noun)]
            if noun and noun[:2] not in counted:  # "18家名优、特色企业": the number and its measure
                return phrase[: len(phrase) - len(counted)]
            if noun and noun in counted:  # "31个市级部门将根据…": up to what is counted
                return phrase[: len(phrase) - len(counted) + counted.find(noun) + len(noun)]
            return phrase
        if not measure:  # "合格率是多少", "品牌价值达到多少": a rate or an amount
            m = PERCENT.search(text) or AMOUNT.search(text)
            return m.group(0) if m else None
        return None
    if name == "person" and cue and re.fullmatch(AUTHORSHIP + "|记者|作者|通讯员|摄影|署名", cue):  # "谁写的": the byline
        return byline(text)
    # "哪个副市长参加了…", "局长叫什么": a clause naming someone with that title ("湛江市副市长欧先伟"); a
    # relation beyond being there (主持, 讲话) must be in the sentence too
    if name == "person" and title:
        # "哪个副市长参加了…", "局长叫什么": someone named with that title ("湛江市副市长欧先伟", "徐美健副市长"); a
        # relation beyond being there (主持, 讲话) must be in the sentence too
        if not cue or ATTENDANCE.fullmatch(role_literal(cue)) or _role_match(cue, text):
            named = _titled_person(text, title)
            if named:
                return named
        if not cue or title not in text or (role_literal(cue) == title and not names_someone(text)
                                             and f"为{title}" not in text):
            # the title asked names no one here ("局长是谁" is not answered by 副局长X; "组长是谁" not by
            # "抄送:…领导小组组长、副组长", but by "以副总经理为组长")
            return None
        # else the relation asked (出席, 主持) may name him: "副市长、质量强市办副组长付剑伟参加"
    if name in ("person", "unit") and cue:
        # a table row's labelled cell: "… | 牵头单位:市科协 | 配合单位:…" (normalize.label_table_cells),
        # or a line of its own under an activity's heading: "牵头部门:计量股"
        literal = role_literal(cue)
        cells = [cell.partition(":")[::2] for cell in text.split(TABLE_CELLS)] if TABLE_CELLS in text else []
        held = re.compile(("" if literal.startswith("副") else "(?<!副)") + re.escape(literal)) if literal else None
        for head, value in cells + LABELLED_ROW.findall(text):
            if value and held and held.search(head):  # "副组长:王小明" is no 组长
                return value.strip()
    if name in ("person", "unit"):
        if cue:
            m = re.search(cue, text) if "|" in cue else _role_match(cue, text)
            if (not m and name == "unit" and role_literal(cue) in LEAD_ROLES
                    and (joint := JOINT_ISSUERS.search(text))):
                # "东林省质监局、省委宣传部等部门联合发出…通知": the first named leads
                return re.split(r"[、和及]", joint.group(1))[0]
            if m and m.group(0) in ("联合", "会同") and name == "unit":
                joining = [u for u in UNIT.finditer(text[: m.start()]) if u.end() == m.start()]
                if joining:
                    return joining[-1].group(0)  # "…领导小组办公室联合…": the office that joins the others
            if m and name == "person" and (doer := DOER.search(text[: m.start()])) and (
                    surname_led(doer.group(1)) or names_someone(doer.group(1))):
                return _clause(text, m.start(), m.end())  # "会上,魏媛媛详细宣读了…": named right before the verb
            if m:
                clause = _clause(text, m.start(), m.end())
                # the clause must name someone: a title for a person, an organisation for a unit
                # ("联系人|…" of a contact question names them by label); "史应明出席…,并作重要讲话"
                # names him in the clause before
                names = PERSON_TITLE if name == "person" else UNIT
                if "|" in cue or (ROLE_NOUN.fullmatch(cue) and (name == "unit" or _names_a_person(clause))):
                    return clause  # "组长:陈振邦", not "抄送:…领导小组组长、副组长"
                before = text[: text.find(clause) + len(clause)].strip()
                if name == "unit":
                    # "省商务厅牵头,会同…": the clause right before, not a whole sentence of clauses;
                    # "X局作为…办公室,牵头组织十几个市级部门": the doer is X, not the units it organises
                    verb_at = clause.find(m.group(0))
                    in_clause = UNIT.search(clause)
                    if in_clause and in_clause.end() <= verb_at:
                        return clause
                    head = text[: text.find(clause)].rstrip(",，:：")  # "市工商局:牵头开展…"
                    previous = _clause(head, len(head), len(head)) if head else ""
                    if previous and UNIT.search(previous):
                        return before[before.rfind(previous):]
                    return clause if in_clause else None  # "牵头单位为X"
                if names.search(clause) and _names_a_person(clause):
                    return clause
                # "州人民政府肖小华副秘书长,…领导出席了": a title with no name here, a name in the clause before;
                # but "…,受邀单位相关人员做了讲话": people named as a group did it, not the one named before
                if UNNAMED_GROUP.search(clause):
                    return None
                return before if names.search(before) and _names_a_person(before) else None
            if name == "person" or SAID_ROLES.fullmatch(role_literal(cue)):
                return None  # the relation asked (主持, 讲话, 牵头) is not in this sentence
            # a unit's duty is often written with a plain verb ("省商务厅将开展…"): the unit it names
        if name == "person":
            m = PERSON_ROLE.search(text)
            clause = _clause(text, m.start(), m.end()) if m else ""
            if clause and _names_a_person(clause):
                return clause
            # "青海桥头铝电有限责任公司王玉珍以《…》为题": a person named without a title
            named = first_name(text)
            return _clause(text, named[0], named[1]) if named else None  # "动员全社会" names no one
        # "为进一步贯彻落实国务院…" names 国务院: a unit's name opens with a place or a noun
        matches: Iterator[re.Match[str]] = UNIT.finditer(text)
        if not cue and "、" in text:  # "参观市检验所、市测试所、市药检所": the units listed, each named whole
            found = list(matches)
            run = _listed_run(text, found)
            if run:
                return "、".join(name_part(m.group(0)) if i == 0 else m.group(0) for i, m in enumerate(run))
            matches = iter(found)
        units = (name_part(m.group(0)) for m in matches)
        return next((u for u in units if len(u) >= UNIT_MIN_CHARS and u not in GENERIC_UNITS
                     and (len(u) > UNIT_MIN_CHARS or u[0] in SHORT_UNIT_LEVELS or u[-1] in SHORT_UNIT_ENDINGS)), None)
    if name == "doc_number":
        # "按照《…的通知》(国市监质发〔2024〕74号)" cites another document: not the notice's own number
        numbers = [m for m in DOC_NUMBER.finditer(text)
                   if cited or not re.search(r"》\s*[(（]?\s*$", text[max(0, m.start() - 3) : m.start()])]
        return numbers[0].group(0) if numbers else None
    if name == "theme":
        m = re.search(r"主题", text)
        if m:
            # the quote next to 主题 ("以“…”为主题", "主题是“…”"), not any quote of the sentence
            quoted = [q for q in QUOTED.finditer(text) if q.group(1) != CAMPAIGN
                      and (0 <= m.start() - q.end() <= THEME_QUOTE_GAP or 0 <= q.start() - m.end() <= THEME_QUOTE_GAP)]
            if not about_activity and text.startswith("主题活动", m.start()) and not THEME_STRONG.search(text):
                quoted = []  # "开展“…考核”主题活动" names an activity, not the campaign's theme
            if quoted:
                return min(quoted, key=lambda q: abs(q.start() - m.start())).group(1)
            after = re.search(r"主题(?:是|为|确定为)[:：]?\s*([^。;；,，]{4,40})", text)
            return after.group(1) if after else None
        if not about_activity:
            return None
        # "“厚植质量意识”…知识竞赛是啥主题": an activity's theme is its quoted motto
        mottos = [q.group(1) for q in QUOTED.finditer(text) if q.group(1) != CAMPAIGN and len(q.group(1)) >= 6]
        return mottos[0] if mottos else None
    if name == "slogans":
        if not re.search(r"口号|标语|宣传语", QUOTED.sub("", text)):
            return None  # "开展“东林质量精神口号征集”…“你点我检”": the word only inside an activity's name
        # a slogan is a quote of its own: not the theme ("主题是“…”"), not an activity's name
        # ("“湖北质量精神口号征集”", "“我最喜爱的100个湖北名牌”评选")
        items = [q.group(1) for q in QUOTED.finditer(text) if q.group(1) != CAMPAIGN
                 and not re.search(r"口号|标语|征集", q.group(1))
                 and not re.search(r"主题(?:是|为)?[:：]?\s*$", text[max(0, q.start() - THEME_QUOTE_GAP) : q.start()])
                 and not re.match(r"评选|活动|征集|主题", text[q.end() : q.end() + 2])]
        return "、".join(items) if items else None
    return text  # open and yes/no questions: the sentence itself
