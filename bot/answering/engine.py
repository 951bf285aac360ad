"""The question-answering engine: question in, cited answer out.

It ties query understanding, conversation context, retrieval and answer
composition together.  It is synchronous, pure apart from the per-chat context,
and swaps its knowledge in one assignment so a reload never shows half a state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from bot.answering.answer import citation, render_fact, source_lines
from bot.answering.conversation import ChatContext, Conversations
from bot.answering.query import INTENT_NAMES, Query, parse_query
from bot.answering.retrieval import Index, Scope
from bot.knowledge import Knowledge, UnitRef
from bot.regions import region_contains
from bot.schema import Answer, Choice, Citation, CountFact, DutyFact, EventFact, Fact

TIMEZONE = ZoneInfo("Asia/Shanghai")
MAX_UNITS_LISTED = 6  # a question that matches more notices lists this many and offers choices
MAX_QUESTION_CHARS = 500
COUNT_MIN_SCORE = 40.0  # rapidfuzz partial_ratio of a count's phrase against the question
EVENT_MIN_SCORE = 30.0
PROGRAMME_ITEMS = 12  # arrangement items listed for "有哪些活动"

INTENT_KINDS: dict[str, str] = {
    "theme": "theme", "slogans": "slogans", "contact": "contact", "phone": "contact",
    "fax": "contact", "email": "contact", "deadline": "deadline", "submit_to": "deadline",
    "submit_what": "deadline", "period": "period", "issuer": "issuer", "issue_date": "issuer",
    "doc_number": "doc_number", "duty": "duty", "count": "count", "event": "event",
    "place": "event", "award": "award",
}
KIND_NAMES = {
    "theme": "活动主题", "period": "活动时间", "contact": "联系人和电话", "deadline": "报送时间和对象",
    "duty": "各单位/各地的活动", "slogans": "宣传口号", "event": "启动仪式等活动", "count": "部门和活动数量",
    "issuer": "发文单位和日期", "doc_number": "文号", "award": "奖项",
}
# Intents answered by a sentence when no typed fact holds them: the open-ended ones.
# Events, places and counts are not: a sentence that merely mentions 启动仪式 or 部门 is not an answer.
OPEN_INTENTS = {"duty", "award"}


@dataclass
class Found:
    unit: UnitRef
    lines: list[str]
    citations: list[Citation]


def today_in_china() -> date:
    return datetime.now(TIMEZONE).date()


class Engine:
    def __init__(self, knowledge: Knowledge, *, today: date | None = None) -> None:
        self._state: tuple[Knowledge, Index] = (knowledge, Index(knowledge))
        self.today = today
        self.conversations = Conversations()

    @property
    def knowledge(self) -> Knowledge:
        return self._state[0]

    def swap(self, knowledge: Knowledge) -> None:
        """Build the new index first (sentences too), then replace both in one assignment."""
        index = Index(knowledge)
        index.warm()
        self._state = (knowledge, index)

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
        today = self.today or today_in_china()
        q = parse_query(question, today=today, subjects=index.subjects)
        ctx = self.conversations.get(chat, now)
        scope = self._scope(q, ctx, index, knowledge, doc, unit)
        answer, answered_units = self._answer(q, scope, index)
        self._remember(chat, q, ctx, answered_units or scope.units, now)
        return answer

    # -- steps ----------------------------------------------------------------

    def _scope(self, q: Query, ctx: ChatContext | None, index: Index, knowledge: Knowledge,
               doc: str | None, unit: str | None) -> Scope:
        if doc is not None:
            ref = knowledge.unit(doc, unit or "main")
            if ctx and not q.intents:
                q.intents = set(ctx.intents)
            return Scope([ref] if ref else [])
        if ctx is not None:
            if not q.intents and (q.follow_up or q.regions or q.subject or q.years):
                q.intents = set(ctx.intents)
            if not (q.regions or q.years or q.all_years):
                inherited = [r for key in ctx.units if (r := knowledge.unit(*key))]
                if inherited and (q.follow_up or q.intents or q.subject):
                    return Scope(inherited)
        scope = index.scope(q.regions, [] if q.all_years else q.years)
        if q.subject and not q.regions:
            with_subject = [u for u in scope.units if any(
                isinstance(f, DutyFact) and f.subject == q.subject for f in index.facts_of(u, {"duty"}))]
            scope = Scope(with_subject or scope.units, missing=scope.missing)
        return scope

    def _answer(self, q: Query, scope: Scope, index: Index) -> tuple[Answer, list[UnitRef]]:
        if not scope.units:
            return self._not_found(q, scope, index), []
        intents = set(q.intents)
        subject = q.subject
        if not intents and subject:
            intents = {"duty"}
        found: list[Found] = []
        if intents:
            for unit in scope.units:
                item = self._typed(q, intents, unit, scope, subject, index)
                if item:
                    found.append(item)
        if not found and (not intents or intents <= OPEN_INTENTS):
            found = self._sentences(q, scope, index)
        if not found:
            return self._not_found(q, scope, index), []
        found.sort(key=lambda f: (-(f.unit.unit.year or 0), f.unit.meta.doc, f.unit.unit.key))
        shown = found[:MAX_UNITS_LISTED]
        blocks: list[str] = []
        citations: list[Citation] = []
        for item in shown:
            lines = list(item.lines)
            if lines and lines[0].startswith("· "):
                lines = [f"{item.unit.unit.label}的相关安排:", *lines]
            if len(item.citations) > 2:
                lines += source_lines(item.citations[0])
                lines.append("其余出处:" + ";".join(c.section for c in item.citations[1:]))
            else:
                for c in item.citations:
                    lines += source_lines(c)
            blocks.append("\n".join(lines))
            citations += item.citations
        text = "\n\n".join(blocks)
        if len(found) > len(shown):
            text += f"\n\n(另有{len(found) - len(shown)}份通知也有相关内容,请说明地区或年份。)"
        choices = [Choice(doc=f.unit.meta.doc, unit=f.unit.unit.key, label=f.unit.unit.label)
                   for f in found] if len(found) > 1 else []
        return Answer(found=True, answer=text, citations=citations, choices=choices), [f.unit for f in shown]

    def _typed(self, q: Query, intents: set[str], unit: UnitRef, scope: Scope, subject: str | None,
               index: Index) -> Found | None:
        kinds = {INTENT_KINDS[i] for i in intents if i in INTENT_KINDS}
        if scope.subject_place:
            # a city inside a provincial notice: only what the notice says of that city
            subject = subject or scope.subject_place
            kinds &= {"duty"}
            if not kinds and intents & OPEN_INTENTS:
                kinds = {"duty"}
        facts = index.facts_of(unit, kinds)
        chosen: list[Fact] = []
        for kind in sorted(kinds, key=list(INTENT_KINDS.values()).index):
            of_kind = [f for f in facts if f.kind == kind]
            if kind == "duty" and not subject:
                # "河北质量月有哪些活动": the notice's programme, or the report's activity sentences
                chosen += self._programme(unit, index) if len(scope.units) <= 2 else []
                continue
            if kind == "duty":
                of_kind = [f for f in of_kind if isinstance(f, DutyFact) and _same_unit(f.subject, subject)]
            elif kind == "count":
                of_kind = _best_counts(q, [f for f in of_kind if isinstance(f, CountFact)])
            elif kind == "event":
                of_kind = _best_events(q, [f for f in of_kind if isinstance(f, EventFact)])
            chosen += of_kind
        lines: list[str] = []
        cites: list[Citation] = []
        for fact in chosen:
            rendered = render_fact(fact, unit, intents)
            if not rendered:
                continue
            lines += rendered
            c = citation(unit, fact)
            if c not in cites:
                cites.append(c)
        if not lines:
            return None
        return Found(unit, lines, cites)

    @staticmethod
    def _programme(unit: UnitRef, index: Index) -> list[Fact]:
        arrangements = index.facts_of(unit, {"arrangement"})
        if arrangements:
            return arrangements[:PROGRAMME_ITEMS]
        return [f for f in index.activity_sentences(unit)][:3]

    def _sentences(self, q: Query, scope: Scope, index: Index) -> list[Found]:
        narrowed = bool(q.regions or q.years or q.subject) or len(scope.units) <= 1
        if not narrowed:
            return []
        text = q.text
        if scope.subject_place:
            text = text.replace(scope.subject_place, "")
        best = index.best_sentences(text, scope.units)
        if scope.subject_place:
            stem = scope.subject_place.rstrip("市州县区")
            best = [b for b in best if stem in b[1].text or stem in b[1].section]
        out: list[Found] = []
        for _score, ref in best:
            unit = next(u for u in scope.units if u.key == (ref.doc, ref.unit))
            cite = Citation(doc=ref.doc, title=unit.meta.title, section=ref.section, quote=ref.text)
            out.append(Found(unit, [f"{unit.unit.label}:{ref.text}"], [cite]))
        return out

    def _not_found(self, q: Query, scope: Scope, index: Index) -> Answer:
        lines = ["没有在已收录的通知中找到答案。", f"我理解的是:{q.describe()}。"]
        names = [r.name for r in q.regions]
        have = [u for u in index.units if any(
            region_contains(u.unit.region, r) or region_contains(r, u.unit.region) for r in q.regions)]
        if scope.missing == "region" and names:
            lines.append(f"知识库中没有{'、'.join(names)}的通知。")
        if have:
            listed = "、".join(sorted({f"{u.unit.label}" for u in have}))
            lines.append(f"已收录的相关通知:{listed}。")
        elif not names:
            listed = "、".join(sorted({u.unit.label for u in index.units}))
            lines.append(f"已收录:{listed}。")
        asked = [INTENT_NAMES[i] for i in sorted(q.intents) if i in INTENT_NAMES]
        if asked and scope.units:
            lines.append(f"这些通知中没有“{'、'.join(asked)}”的内容,可以换个说法或问别的事项。")
        if scope.units:
            kinds = {f.kind for u in scope.units for f in index.facts_of(u, set(KIND_NAMES))}
            if kinds:
                lines.append("可以问:" + "、".join(KIND_NAMES[k] for k in KIND_NAMES if k in kinds) + "。")
        return Answer(found=False, answer="\n".join(lines))

    def _remember(self, chat: str | None, q: Query, ctx: ChatContext | None, units: list[UnitRef],
                  now: float | None) -> None:
        if chat is None:
            return
        new = ChatContext(
            units=[u.key for u in units][:MAX_UNITS_LISTED] or (ctx.units if ctx else []),
            region_names=[r.name for r in q.regions] or (ctx.region_names if ctx else []),
            years=q.years or (ctx.years if ctx else []),
            subject=q.subject,
            intents=set(q.intents) or (set(ctx.intents) if ctx else set()),
        )
        self.conversations.put(chat, new, now)


def _same_unit(a: str, b: str) -> bool:
    return a == b or a.lstrip("省市") == b.lstrip("省市")


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
    if not facts:
        return []
    best = max(facts, key=lambda f: fuzz.partial_ratio(f.name, q.text))
    if fuzz.partial_ratio(best.name, q.text) < EVENT_MIN_SCORE:
        return []
    return [best]
