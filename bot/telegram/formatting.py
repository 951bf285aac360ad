"""What the bot's Telegram messages look like: pure functions from answers and knowledge to HTML.

Why pure: every rule of presentation — fact first, the source after it, HTML escaping,
splitting at Telegram's 4,096-character limit, "还有N天" — is a table test without a bot.
All text the core hands us is plain text and is escaped here, line by line, so a question or
a notice containing ``<`` or ``&`` can never break the HTML parse mode.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo

from bot.answering.answer import countdown
from bot.knowledge.schema import Answer, DeadlineFact, DocumentMeta
from bot.query_log import Miss, Stats

MESSAGE_LIMIT = 4096  # Telegram's limit for one text message


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), so emoji count double."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Escape plain text for Telegram's HTML parse mode (quotes need no escaping there)."""
    return html.escape(text, quote=False)


# --- splitting ----------------------------------------------------------------------------


def _cut_plain(text: str, limit: int, wrap: tuple[str, str] = ("", "")) -> list[str]:
    """Cut one plain-text line into HTML pieces whose escaped, wrapped length fits ``limit``."""
    whole = f"{wrap[0]}{escape(text)}{wrap[1]}"
    if utf16_len(whole) <= limit:  # the usual case: no cutting needed
        return [whole]
    overhead = utf16_len(wrap[0]) + utf16_len(wrap[1])
    room = max(1, limit - overhead)
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in text:
        cost = utf16_len(escape(char))
        if current and used + cost > room:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += cost
    if current or not pieces:
        pieces.append("".join(current))
    return [f"{wrap[0]}{escape(piece)}{wrap[1]}" for piece in pieces]


def _cut_html(line: str, limit: int) -> list[str]:
    """Cut an over-long line of text that is already HTML, never inside an ``&entity;``."""
    pieces: list[str] = []
    while utf16_len(line) > limit:
        cut = limit
        while utf16_len(line[:cut]) > limit:
            cut -= 1
        amp = line.rfind("&", max(0, cut - 10), cut)
        if amp > 0 and ";" in line[amp : cut + 10] and line.find(";", amp) >= cut:
            cut = amp
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def pack_lines(lines: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join lines into as few messages as possible, each at most ``limit`` long.

    Lines are kept whole; a single line longer than ``limit`` is cut (see ``split_message``).
    Blank lines at the start or end of a message are dropped, and so are empty messages,
    because Telegram rejects a message that is only whitespace.
    """
    messages: list[str] = []
    current: list[str] = []
    used = 0
    for raw in lines:
        for line in _cut_html(raw, limit) if utf16_len(raw) > limit else [raw]:
            cost = utf16_len(line) + (1 if current else 0)
            if current and used + cost > limit:
                messages.append("\n".join(current))
                current, used = [], 0
                cost = utf16_len(line)
            if not current and not line.strip():
                continue  # no blank line at the top of a message
            current.append(line)
            used += cost
    if current:
        messages.append("\n".join(current))
    return [m.strip("\n") for m in messages if m.strip()]


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split a message at line boundaries into parts of at most ``limit`` characters.

    A line that alone exceeds the limit is cut at the limit (not inside an HTML entity);
    HTML tags must therefore not span lines, which every renderer here guarantees.
    """
    return pack_lines(text.split("\n"), limit)


# --- answers ------------------------------------------------------------------------------


def _title(title: str) -> str:
    return title if title.startswith("《") else f"《{title}》"


def answer_lines(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    """HTML lines of an answer: the fact (first line bold), then where it comes from.

    Citations whose quote the answer text already contains are not repeated.
    """
    lines: list[str] = []
    body = answer.answer.strip().split("\n") or [""]
    for index, line in enumerate(body):
        wrap = ("<b>", "</b>") if index == 0 and line.strip() else ("", "")
        lines.extend(_cut_plain(line, limit, wrap))
    # The engine may already quote its sources in the answer text; cite only what it does not.
    missing = [c for c in answer.citations if not (c.quote and c.quote in answer.answer)]
    if missing:
        lines.append("")
        lines.append("📄 <b>出处</b>")
        numbered = len(missing) > 1
        for number, citation in enumerate(missing, start=1):
            prefix = f"{number}. " if numbered else ""
            lines.extend(_cut_plain(f"{prefix}{_title(citation.title)}", limit))
            if citation.section:
                lines.extend(_cut_plain(f"章节：{citation.section}", limit, ("<i>", "</i>")))
            if citation.quote:
                lines.extend(_cut_plain(f"原文：“{citation.quote}”", limit))
    return lines


def render_answer(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The messages that carry one answer, in order; buttons go on the last one."""
    return pack_lines(answer_lines(answer, limit), limit) or [escape("（没有内容）")]


def render_section(title: str, section: str, text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The "原文" view: the cited section's full text under the notice title."""
    lines = [*_cut_plain(_title(title), limit, ("<b>", "</b>"))]
    if section:
        lines.extend(_cut_plain(section, limit, ("<i>", "</i>")))
    lines.append("")
    for line in text.split("\n"):
        lines.extend(_cut_plain(line, limit))
    return pack_lines(lines, limit)


# --- overviews ----------------------------------------------------------------------------


def _years(meta: DocumentMeta) -> list[int]:
    years = {u.year for u in meta.units if u.year}
    if not years and meta.issue_date[:4].isdigit():
        years.add(int(meta.issue_date[:4]))
    return sorted(years)


def _regions(meta: DocumentMeta) -> list[str]:
    return list(dict.fromkeys(u.region.name for u in meta.units if u.region.name))


# The listings below read only the notices' metadata (``Knowledge.metas()``): a compiled
# knowledge of 10,000 notices has it in memory, where each document would be decoded.


def example_questions(metas: Mapping[str, DocumentMeta], count: int = 3) -> list[str]:
    """Example questions built from what is loaded (never from a particular notice's facts)."""
    labels: list[str] = []
    for meta in sorted(metas.values(), key=lambda m: m.issue_date, reverse=True):
        if len(labels) >= count:
            break  # only the first ``count`` are used (a list scanned for each of 10,000 was quadratic)
        for unit in meta.units:
            label = unit.label.replace(" ", "")
            if label and label not in labels:
                labels.append(label)
                break
    if not labels:
        return []
    templates = (
        "{}质量月的活动主题是什么？",
        "{}的活动总结什么时候之前报送？",
        "{}质量月活动的联系人是谁？",
    )
    return [templates[i % len(templates)].format(labels[i % len(labels)]) for i in range(count)]


def render_help(
    metas: Mapping[str, DocumentMeta], bot_username: str, *, is_admin: bool = False
) -> str:
    """/start and /help: what the bot knows and how to ask."""
    regions = sorted({r for m in metas.values() for r in _regions(m)})
    years = sorted({y for m in metas.values() for y in _years(m)})
    lines = [
        "<b>质量月通知问答</b>",
        "我根据已导入的“质量月”活动通知回答问题：先给出事实，再注明出处（通知标题、章节和原文）。",
        "",
    ]
    if metas:
        lines.append(
            f"目前已导入 <b>{len(metas)}</b> 份通知，涉及 {len(regions)} 个地区"
            + (f"，年份：{escape('、'.join(str(y) for y in years))}" if years else "")
            + "。"
        )
        examples = example_questions(metas)
        if examples:
            lines += ["", "可以这样问："]
            lines += [f"• {escape(q)}" for q in examples]
            lines.append("• 联系人是谁？（接着上一个问题追问即可）")
    else:
        lines.append("目前还没有导入任何通知。")
    name = escape(bot_username)
    lines += [
        "",
        "命令：",
        "/sources — 已导入的通知（按地区和年份）",
        "/deadlines — 各通知的报送截止日期",
        "/help — 显示本帮助",
        "",
        f"在群聊中：发送 <code>/ask 问题</code>，或 @{name} 加问题，或直接回复我的消息。",
        "群管理员可用 <code>/remind 地区</code> 订阅截止日期提醒（<code>/remind off</code> 取消）。",
    ]
    if is_admin:
        lines += [
            "",
            "管理员：/reload 重新导入 · 直接发送通知文件（.txt .docx .html .pdf）导入",
            "/misses 未答出的问题 · /stats 统计 · /why 问题：为什么这样回答",
        ]
    return "\n".join(lines)


def render_sources(metas: Mapping[str, DocumentMeta]) -> str:
    """/sources: the loaded notices grouped by year (newest first), each with its regions."""
    if not metas:
        return "目前还没有导入任何通知。"
    by_year: dict[int | None, list[DocumentMeta]] = defaultdict(list)
    for meta in metas.values():
        years = _years(meta)
        by_year[years[-1] if years else None].append(meta)
    lines = [f"<b>已导入的通知（{len(metas)} 份）</b>"]
    for year in sorted(by_year, key=lambda y: (y is None, -(y or 0))):
        lines += ["", f"<b>{year}年</b>" if year else "<b>年份不详</b>"]
        for meta in sorted(by_year[year], key=lambda m: (_regions(m)[:1], m.title)):
            regions = _regions(meta)
            more = f" 等 {len(regions)} 个地区" if len(regions) > 6 else ""
            shown = "、".join(regions[:6]) + more
            lines.append(f"• {escape(shown or '地区不详')}：{escape(_title(meta.title))}")
            details = [meta.issuer, meta.issue_date, meta.doc_number]
            if any(details):
                lines.append(f"  <i>{escape(' · '.join(d for d in details if d))}</i>")
    return "\n".join(lines)


def _unit_label(meta: DocumentMeta, unit: str) -> str:
    return next((u.label for u in meta.units if u.key == unit), "")


def render_deadlines(deadlines: Sequence[tuple[DocumentMeta, DeadlineFact]], today: date) -> str:
    """/deadlines: upcoming deadlines soonest first, then past ones most recent first."""
    if not deadlines:
        return "已导入的通知中没有找到报送截止日期。"
    dated: list[tuple[date, DocumentMeta, DeadlineFact]] = []
    undated: list[tuple[DocumentMeta, DeadlineFact]] = []
    for meta, fact in deadlines:
        try:
            dated.append((date.fromisoformat(fact.date), meta, fact))
        except ValueError:
            undated.append((meta, fact))
    upcoming = sorted((d for d in dated if d[0] >= today), key=lambda d: d[0])
    past = sorted((d for d in dated if d[0] < today), key=lambda d: d[0], reverse=True)
    lines = [f"<b>报送截止日期</b>（今天：{today.isoformat()}）"]
    for when, meta, fact in [*upcoming, *past]:
        lines.append("")
        lines.append(f"• <b>{when.isoformat()}</b>（{countdown(when, today)}）")
        lines.extend(_deadline_detail(meta, fact))
    for meta, fact in undated:
        lines.append("")
        lines.append(f"• <b>{escape(fact.date or '日期不详')}</b>")
        lines.extend(_deadline_detail(meta, fact))
    return "\n".join(lines)


def _deadline_detail(meta: DocumentMeta, fact: DeadlineFact) -> list[str]:
    label = _unit_label(meta, fact.unit)
    what = "：".join(p for p in (label, fact.what or "报送材料") if p)
    lines = [f"  {escape(what)}"]
    if fact.to:
        lines.append(f"  报送至：{escape(fact.to)}")
    if fact.who:
        lines.append(f"  报送单位：{escape(fact.who)}")
    lines.append(f"  <i>{escape(_title(meta.title))}</i>")
    return lines


def render_misses(misses: Sequence[Miss], tz: tzinfo) -> str:
    """/misses: recent questions without an answer, newest first."""
    if not misses:
        return "最近没有未答出的问题。"
    lines = [f"<b>最近未答出的问题（{len(misses)} 条）</b>"]
    for miss in misses:
        when = datetime.fromtimestamp(miss.ts, tz=tz)
        chat = "私聊" if miss.chat_type == "private" else "群聊"
        lines.append(f"• {when:%m-%d %H:%M} [{chat}] {escape(miss.question)}")
    return "\n".join(lines)


_CHAT_TYPES = {"private": "私聊", "group": "群组", "supergroup": "超级群组", "channel": "频道"}


def render_stats(stats: Stats, documents: int) -> str:
    """/stats: how much is asked, how much is answered, how fast, what people think."""
    by_type = "，".join(
        f"{_CHAT_TYPES.get(kind, kind)} {count}"
        for kind, count in sorted(stats.by_chat_type.items())
    )
    return "\n".join(
        [
            "<b>统计</b>",
            f"已导入通知：{documents} 份",
            f"问题总数：{stats.questions}" + (f"（{escape(by_type)}）" if by_type else ""),
            f"已回答：{stats.answered}（{stats.answer_rate:.0%}）",
            f"请用户选择通知：{stats.clarified}",
            f"未答出：{stats.unanswered}",
            f"反馈：👍 {stats.thumbs_up} · 👎 {stats.thumbs_down}",
            f"耗时：中位数 {stats.latency_p50_ms:.1f} ms，95% 分位 {stats.latency_p95_ms:.1f} ms",
            f"被拒绝的管理操作：{stats.denied}",
        ]
    )
