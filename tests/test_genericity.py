"""Extraction reads the form of a notice, not the seeds' content.

Altered copies of the seeds (other names, numbers, regions, dates, themes) must give
the altered facts and none of the originals; an unseen notice in another layout must
work too; and no seed fact may be written into the code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pytest

from bot.ingest import build_document
from bot.knowledge.schema import DocumentKnowledge
from tests.conftest import DATA, REPO


@dataclass(frozen=True)
class Alteration:
    seed: str
    replace: tuple[tuple[str, str], ...]
    # "meta.<field>", "unit.<key>" or "<kind>.<field>": some fact of that kind has that value
    expect: tuple[tuple[str, object], ...]
    gone: tuple[str, ...]  # original facts that must not come out any more


def altered(alteration: Alteration) -> DocumentKnowledge:
    raw = (DATA / alteration.seed).read_text(encoding="utf-8")
    for old, new in alteration.replace:
        assert old in raw, f"{old!r} is not in {alteration.seed}"
        raw = raw.replace(old, new)
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return build_document("altered", alteration.seed, raw, sha)


def values(doc: DocumentKnowledge, key: str) -> list[object]:
    scope, field = key.split(".", 1)
    if scope == "meta":
        return [getattr(doc.meta, field)]
    if scope == "unit":
        return [(u.region.name, u.year) for u in doc.meta.units if u.key == field]
    return [getattr(f, field) for f in doc.facts if f.kind == scope]


def facts_json(doc: DocumentKnowledge) -> str:
    """Everything the bot could answer from: metadata, units and every fact field."""
    meta = doc.meta.model_dump(exclude={"source", "sha256"})
    return json.dumps([meta, [f.model_dump() for f in doc.facts]], ensure_ascii=False)


ROUNDUP_ALTERATION = Alteration(
    seed="provinces-2022-quality-month-roundup.txt",
    replace=(
        ("河北", "山西"), ("18個部門", "26個部門"), ("湖北", "湖南"), ("武漢", "長沙"),
        ("8月31日", "8月30日"), ("玉林市", "桂林市"), ("45項", "60項"),
        ("鼓樓實驗小學", "台江第二中心小學"), ("23個部門", "19個部門"),
        ("2022", "2023"),
    ),
    expect=(
        ("unit.u1", ("山西省", 2023)),
        ("unit.u5", ("湖南省", 2023)),
        ("unit.u10", ("甘肃省", 2023)),
        ("count.text", "26个部门"),
        ("count.text", "60项丰富多彩的质量主题活动"),
        ("count.text", "19个部门"),
        ("event.place", "长沙"),
        ("event.date", "8月30日"),
        ("event.place", "桂林市"),
        ("event.place", "福州市台江第二中心小学教育集团屏山校区"),
    ),
    gone=("河北", "湖北", "18个部门", "45项", "23个部门", "武汉", "8月31日", "玉林市", "鼓楼", "2022"),
)

ALTERATIONS = [
    pytest.param(Alteration(
        seed="sichuan-2024-quality-month-notice.txt",
        replace=(
            ("四川省", "云南省"), ("四川", "云南"), ("胡珊莉", "李明华"), ("张洋", "王强"),
            ("028-86980073", "0871-63215678"), ("83281770", "63219999"),
            ("1927456654@qq.com", "yn_zlyue@163.com"), ("10月8日", "10月12日"),
            ("加强质量支撑 共建质量强省", "质量强省 品质云南"), ("成都市", "昆明市"), ("凉山州", "大理州"),
            ("省质量强省办", "省质量发展办"), ("2024年8月26日", "2025年8月25日"), ("2024", "2025"),
        ),
        expect=(
            ("meta.issuer", "云南省质量强省建设协调推进领导小组办公室"),
            ("meta.issue_date", "2025-08-25"),
            ("meta.title", "云南省质量强省建设协调推进领导小组办公室关于开展2025年“质量月”活动的通知"),
            ("unit.main", ("云南省", 2025)),
            ("theme.theme", "质量强省 品质云南"),
            ("contact.persons", ["李明华", "王强"]),
            ("contact.phones", ["0871-63215678", "63219999"]),
            ("contact.emails", ["yn_zlyue@163.com"]),
            ("deadline.date", "2025-10-12"),
            ("deadline.to", "省质量发展办"),
            ("duty.subject", "昆明市"),
            ("duty.subject", "大理州"),
            ("duty.subject", "人行云南省分行"),
            ("issuer.date", "2025-08-25"),
        ),
        gone=("四川", "胡珊莉", "张洋", "86980073", "83281770", "1927456654", "2024-10-08", "成都市",
              "凉山州", "加强质量支撑", "省质量强省办", "2024"),
    ), id="sichuan-to-yunnan"),
    pytest.param(Alteration(
        seed="tianshui-2016-quality-month-notice.txt",
        replace=(
            ("天水", "酒泉"), ("杨维斌", "赵国庆"), ("0938-6822622", "0937-2612345"),
            ("0938-6822606", "0937-2612346"), ("305450879@qq.com", "jqzl@163.com"),
            ("天质组发〔2016〕2号", "酒质组发〔2017〕5号"), ("9月25日", "9月28日"), ("8月31日", "8月29日"),
            ("实施质量强市战略,推进卓越酒泉建设", "建设质量强市,打造品质酒泉"), ("8类消费品", "12类消费品"),
            ("2016", "2017"),
        ),
        expect=(
            ("meta.title", "酒泉市质量发展领导小组关于开展2017年全市“质量月”活动的通知"),
            ("meta.issuer", "酒泉市质量发展领导小组"),
            ("meta.doc_number", "酒质组发〔2017〕5号"),
            ("unit.main", ("酒泉市", 2017)),
            ("theme.theme", "建设质量强市,打造品质酒泉"),
            ("period.start", "2017-09-01"),
            ("period.end", "2017-09-30"),
            ("contact.persons", ["赵国庆"]),
            ("contact.phones", ["0937-2612345"]),
            ("contact.fax", ["0937-2612346"]),
            ("contact.emails", ["jqzl@163.com"]),
            ("deadline.date", "2017-09-28"),
            ("doc_number.doc_number", "酒质组发〔2017〕5号"),
            ("issuer.date", "2017-08-29"),
            ("count.number", 12),
        ),
        gone=("天水", "杨维斌", "6822622", "6822606", "305450879", "天质组发", "卓越天水", "2016",
              "8类消费品"),
    ), id="tianshui-to-jiuquan"),
    pytest.param(Alteration(
        seed="beijing-2024-quality-month-notice.txt",
        replace=(
            ("北京", "上海"), ("常翠賢", "陳麗華"), ("55526466", "63217788"),
            ("zhiliangyue2016@163.com", "shzly@126.com"), ("10月14日", "10月20日"),
            ("加強質量支撐 共建質量強國", "質量引領發展 品質成就未來"), ("2024年8月20日", "2025年8月18日"),
            ("2024", "2025"),
        ),
        expect=(
            ("meta.issuer", "上海市贯彻质量强国战略工作领导小组办公室"),
            ("meta.issue_date", "2025-08-18"),
            ("unit.main", ("上海市", 2025)),
            ("theme.theme", "质量引领发展 品质成就未来"),
            ("contact.persons", ["陈丽华"]),
            ("contact.phones", ["63217788"]),
            ("contact.emails", ["shzly@126.com"]),
            ("deadline.date", "2025-10-20"),
            ("deadline.to", "上海市市场监督管理局"),
            ("slogans.slogans", [
                "实施质量强国战略 推动首都高质量发展", "开展质量提升行动 推进质量强国建设",
                "培育新质生产力 赋能高质量发展", "创新质量管理模式 打造首都质量品牌",
                "坚持首善标准 推动质量变革", "夯实质量技术基础 推动科技成果转化",
                "树立质量标杆 打造首都精品", "质量意识始于心 主体责任践于行", "厚植质量文化 弘扬工匠精神",
                "共筑质量强国 共享美好生活", "质量发展 利民惠民", "首都质量 共建共享",
                "推动质量变革创新 促进质量强国建设", "坚持以质取胜 提高竞争实力", "全民讲质量 质量利全民",
            ]),
        ),
        gone=("北京", "常翠贤", "55526466", "zhiliangyue2016", "加强质量支撑", "2024-10-14", "2024-08-20"),
    ), id="beijing-to-shanghai"),
    pytest.param(Alteration(
        seed="national-2014-quality-month-notice.txt",
        replace=(
            ("国质检质联〔2014〕432号", "国质检质联〔2015〕318号"),
            ("推动“三个转变”,建设质量强国", "坚持质量第一,建设质量强国"),
            ("8月13日", "8月17日"), ("农业部", "农业农村部"), ("在北京举办", "在杭州举办"), ("2014", "2015"),
        ),
        expect=(
            ("meta.doc_number", "国质检质联〔2015〕318号"),
            ("meta.issue_date", "2015-08-17"),
            ("unit.main", ("全国", 2015)),
            ("theme.theme", "坚持质量第一,建设质量强国"),
            ("doc_number.doc_number", "国质检质联〔2015〕318号"),
            ("issuer.date", "2015-08-17"),
            ("duty.subject", "农业农村部"),
            ("event.place", "杭州"),
        ),
        gone=("432号", "三个转变", "2014-08-13", "农业部", "北京"),
    ), id="national-2014-to-2015"),
    pytest.param(ROUNDUP_ALTERATION, id="roundup-other-provinces"),
]


@pytest.mark.parametrize("alteration", ALTERATIONS)
def test_altered_seed_yields_the_altered_facts(alteration: Alteration) -> None:
    doc = altered(alteration)
    missing = [(key, value) for key, value in alteration.expect if value not in values(doc, key)]
    assert missing == []
    assert doc.warnings == []


@pytest.mark.parametrize("alteration", ALTERATIONS)
def test_altered_seed_keeps_none_of_the_original_facts(alteration: Alteration) -> None:
    dumped = facts_json(altered(alteration))
    assert [x for x in alteration.gone if x in dumped] == []


def test_altered_roundup_counts_stay_with_their_province() -> None:
    doc = altered(ROUNDUP_ALTERATION)
    counts = {(f.unit, f.text) for f in doc.facts if f.kind == "count"}
    assert {("u1", "26个部门"), ("u7", "60项丰富多彩的质量主题活动"), ("u8", "19个部门")} <= counts


# --- an unseen notice, another province, another year, another layout ------------------------

HUNAN = """湖南省质量强省工作领导小组办公室关于开展2025年全省“质量月”活动的通知
湘质强办〔2025〕7号
各市州质量强市工作领导小组办公室，省直有关单位：
　　为深入实施质量强省战略，按照全国“质量月”活动的统一部署，定于2025年9月在全省开展“质量月”活动。现将有关事项通知如下：
一、活动主题
质量引领　湘品出彩
二、活动时间
2025年9月1日至9月30日
三、主要活动
（一）举办全省“质量月”启动仪式。9月3日上午，全省“质量月”活动启动仪式在株洲市举行，由省市场监管局会同株洲市人民政府主办。
（二）开展质量提升行动。围绕轨道交通、工程机械等产业链开展质量诊断帮扶。
（三）开展质量宣传活动。组织质量开放日、质量知识竞赛等群众性质量活动。
四、工作要求
各市州质量强市工作领导小组办公室请于2025年10月10日前将活动总结报送省质量强省工作领导小组办公室。
联系人：刘芳华
电　话：0731-89991234
传　真：0731-89991235
邮　箱：hnzlyue@163.com
附件：2025年全省“质量月”活动口号
湖南省质量强省工作领导小组办公室
2025年8月22日
附件
2025年全省“质量月”活动口号
1.质量引领发展　品质成就未来
2.建设质量强省　打造湘字品牌
3.人人关心质量　共享品质生活
"""


@pytest.fixture(scope="module")
def hunan() -> DocumentKnowledge:
    return build_document("hunan-2025", "hunan-2025.txt", HUNAN, hashlib.sha256(HUNAN.encode()).hexdigest())


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("meta.title", "湖南省质量强省工作领导小组办公室关于开展2025年全省“质量月”活动的通知"),
        ("meta.title_derived", False),
        ("meta.issuer", "湖南省质量强省工作领导小组办公室"),
        ("meta.issue_date", "2025-08-22"),
        ("meta.doc_number", "湘质强办〔2025〕7号"),
        ("unit.main", ("湖南省", 2025)),
        ("theme.theme", "质量引领 湘品出彩"),
        ("theme.section", "一、活动主题"),
        ("period.start", "2025-09-01"),
        ("period.end", "2025-09-30"),
        ("contact.persons", ["刘芳华"]),
        ("contact.phones", ["0731-89991234"]),
        ("contact.fax", ["0731-89991235"]),
        ("contact.emails", ["hnzlyue@163.com"]),
        ("deadline.date", "2025-10-10"),
        ("deadline.what", "活动总结"),
        ("deadline.to", "省质量强省工作领导小组办公室"),
        ("slogans.slogans", ["质量引领发展 品质成就未来", "建设质量强省 打造湘字品牌",
                             "人人关心质量 共享品质生活"]),
        ("slogans.section", "附件 2025年全省“质量月”活动口号"),
        ("event.place", "株洲市"),
        ("event.date", "9月3日上午"),
        ("event.organizer", "省市场监管局"),
        ("arrangement.title", "(二)开展质量提升行动"),
        ("issuer.issuer", "湖南省质量强省工作领导小组办公室"),
        ("doc_number.doc_number", "湘质强办〔2025〕7号"),
    ],
)
def test_unseen_notice_of_another_province_is_extracted(
    hunan: DocumentKnowledge, key: str, value: object
) -> None:
    assert value in values(hunan, key)


def test_unseen_notice_gives_one_fact_of_each_single_kind(hunan: DocumentKnowledge) -> None:
    kinds = [f.kind for f in hunan.facts]
    for kind in ("theme", "period", "contact", "deadline", "slogans", "issuer", "doc_number", "event"):
        assert kinds.count(kind) == 1, kind
    assert kinds.count("arrangement") == 3
    assert hunan.warnings == []


# --- no seed fact is written into the code ----------------------------------------------------

SEED_STRINGS = [
    pytest.param(text, id=f"{category}-{n}")
    for category, texts in [
        ("phone", ["86980073", "83281770", "6822622", "6822606", "55526466"]),
        ("person", ["胡珊莉", "杨维斌", "常翠贤", "常翠賢", "苗庆旺", "巫家世", "刘荣山", "张世珍", "焦石"]),
        ("email", ["1927456654", "305450879", "zhiliangyue2016"]),
        ("theme", ["加强质量支撑", "共建质量强省", "共建质量强国", "卓越天水", "三个转变"]),
        ("doc-number", ["天质组发", "国质检质联", "〔2016〕2号", "〔2014〕432号"]),
        ("place-or-office", ["鼓楼实验小学", "省质量强省办", "市质监局"]),
    ]
    for n, text in enumerate(texts, 1)
]


def code_files() -> list[str]:
    bot = REPO / "bot"
    return sorted(str(p.relative_to(REPO)) for p in bot.rglob("*.py") if "resources" not in p.parts)


def test_the_code_files_are_found() -> None:
    assert "bot/ingest/extract.py" in code_files()
    assert "bot/ingest/normalize.py" in code_files()


@pytest.mark.parametrize("seed_string", SEED_STRINGS)
def test_no_seed_fact_appears_in_the_code(seed_string: str) -> None:
    hits = [
        f"{name}:{n}"
        for name in code_files()
        for n, line in enumerate((REPO / name).read_text(encoding="utf-8").splitlines(), 1)
        if seed_string in line
    ]
    assert hits == []
