"""The heading hierarchy of Chinese official documents.

Notices number their parts 一、 / (一) / 1. / (1) (web pages also 【活动主题】, long plans 第一部分),
and put attachments after the signature under 附件1, 附件2….  Whole notices sometimes arrive on one line and
numbers get skipped, so a heading is recognised by its own form, never by
counting, and a one-line notice is first cut before each heading marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CN_NUM = "一二三四五六七八九十"
LEVEL_ATTACHMENT = 0
ARTICLE = re.compile(rf"^第([{CN_NUM}百\d]{{1,4}})条")  # a regulation's article ("第十四条 举办…")
PART_MARKS = "▌▍■◆●▶►"  # what a WeChat article or web page sets before a part's name ("▌活动主题")
_HEADING_FORMS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (LEVEL_ATTACHMENT, re.compile(r"^附件\s*(\d{1,2})?(?![:：,，、])(?:\s+|$)")),
    (1, re.compile(rf"^[{CN_NUM}]{{1,3}}、")),
    (1, re.compile(r"^【[^】]{2,12}】$")),  # "【活动主题】" alone on its line, as web pages head parts
    (1, re.compile(r"^【\d{1,2}】\s*[\u4e00-\u9fff]{2,15}$")),  # "【01】一个主题": a numbered panel's name
    (1, re.compile(rf"^[{PART_MARKS}]\s*[\u4e00-\u9fff][\u4e00-\u9fff()\d]{{1,15}}$")),  # "▌重点活动(共八项)"
    (1, re.compile(rf"^第[{CN_NUM}]{{1,3}}(?:部分|章)")),  # a long plan's parts, a regulation's chapters
    (3, re.compile(ARTICLE.pattern + r"(?![,，、的])\s*\S")),
    (2, re.compile(rf"^\([{CN_NUM}]{{1,3}}\)")),
    (3, re.compile(r"^\d{1,2}[.、．](?!\d)")),
    (4, re.compile(r"^\(\d{1,2}\)")),
)
# Where a heading may start inside a long line: after a full stop or a space.
_INLINE_BREAK = re.compile(
    rf"(?:(?<=[。;；])|(?<=\s))\s*(?=附件\s?\d{{1,2}}\s|[{CN_NUM}]{{1,3}}、|\([{CN_NUM}]{{1,3}}\)"
    r"|\d{1,2}\.(?!\d)\s*\S)"
)
_SPACED_HEADING = re.compile(rf"^((?:[{CN_NUM}]{{1,3}}、|\([{CN_NUM}]{{1,3}}\))[\u4e00-\u9fff]{{2,10}}) (?=\S{{2}})")
LONG_LINE = 300
MAX_LABEL = 40


@dataclass
class Block:
    """A heading with the lines under it (the heading line is the first line)."""

    path: tuple[str, ...]
    level: int
    lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def body(self) -> str:
        """The text under the heading: the heading line minus its label, then the rest."""
        first = self.lines[0] if self.lines else ""
        if first.startswith(self.label):
            rest = first[len(self.label) :].lstrip("。:： ")
        else:  # "【活动主题】", "▌活动主题" name their label after a mark and nothing else
            rest = "" if first == f"【{self.label}】" or first.lstrip(f"{PART_MARKS} ") == self.label else first
        return "\n".join(x for x in [rest, *self.lines[1:]] if x)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def section(self) -> str:
        return " > ".join(self.path)


def split_long_lines(lines: list[str]) -> list[str]:
    """Cut a line that holds several headings before each of them."""
    out: list[str] = []
    for line in lines:
        if len(line) < LONG_LINE:
            out.append(line)
            continue
        parts: list[str] = []
        for part in (p.strip() for p in _INLINE_BREAK.split(line) if p.strip()):
            if parts and re.search(r"附件\s*[:：][^。]*$", parts[-1]) and re.match(r"^\d{1,2}\.", part):
                parts[-1] += " " + part  # "附件:1. … 2. …" lists the attachments; it heads nothing
            else:
                parts.append(part)
        out.extend(parts)
    return out


def heading_level(line: str) -> int | None:
    for level, form in _HEADING_FORMS:
        if form.match(line):
            return level
    return None


def heading_label(line: str, level: int) -> str:
    """The short name of a heading: the line itself, or its first clause when long."""
    if level == LEVEL_ATTACHMENT:
        return line[:MAX_LABEL].strip()
    bracketed = re.fullmatch(rf"【([^】]+)】|[{PART_MARKS}]\s*(\S+)", line)
    if bracketed:  # "【活动主题】", "▌活动主题": the name inside the brackets, after the mark
        return bracketed.group(1) or bracketed.group(2)
    colon = re.match(r"^(.{2,24}?)[:：]", line)
    if colon:  # "七、公安厅:开展…" — a list of units and what each does
        return colon.group(1)
    spaced = _SPACED_HEADING.match(line)
    if spaced:  # "二、活动主题 加强市场监管 建设质量强国": a one-line notice puts a space after the heading
        return spaced.group(1)
    if len(line) <= MAX_LABEL and not re.search(r"[。;；]", line[:-1]):
        return line.rstrip("。:：")
    m = re.match(rf"^(.{{2,{MAX_LABEL}}}?)[。:：;；]", line)
    if m:
        return m.group(1)
    m = re.match(rf"^(.{{2,{MAX_LABEL}}}?)[,，]", line)
    return m.group(1) if m else line[:MAX_LABEL]


def parse_blocks(text: str) -> list[Block]:
    """Blocks in document order; text before the first heading is a block with an empty path."""
    lines = split_long_lines([x for x in text.split("\n") if x.strip()])
    blocks: list[Block] = [Block(path=(), level=-1)]
    stack: list[tuple[int, str]] = []
    pending_attachment: Block | None = None
    for line in lines:
        level = heading_level(line)
        if level is None:
            if pending_attachment is not None and len(line) <= MAX_LABEL * 2:
                # "附件1" alone on its line: the next line is the attachment's title
                title = f"{pending_attachment.path[-1]} {line}"
                pending_attachment.path = (title,)
                stack[-1] = (LEVEL_ATTACHMENT, title)
                pending_attachment.lines.append(line)
                pending_attachment = None
                continue
            blocks[-1].lines.append(line)
            pending_attachment = None
            continue
        label = heading_label(line, level)
        if level == LEVEL_ATTACHMENT:
            stack = []
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, label))
        block = Block(path=tuple(x[1] for x in stack), level=level, lines=[line])
        blocks.append(block)
        pending_attachment = block if level == LEVEL_ATTACHMENT and line.strip() == label else None
        if pending_attachment is not None and re.fullmatch(r"附件\s*\d{0,2}", label) is None:
            pending_attachment = None
    return [b for b in blocks if b.lines]


# A photo's credit after its caption: a name and 摄 ("樊小龙 摄"), no sentence of its own.
CREDIT = re.compile(r"[\u4e00-\u9fff]{2,4}\s*摄(?:影)?")


def sentences(text: str) -> list[str]:
    """Sentences ending in 。！？; or line ends; the unit quotes are made of."""
    out: list[str] = []
    for line in text.split("\n"):
        parts = [p.strip() for p in re.findall(r"[^。!?！？;；]+[。!?！？;；]?", line)]
        for n, part in enumerate(parts):
            if part and n and CREDIT.fullmatch(part) and out:
                out[-1] += " " + part  # "图为牌板展现场。 樊小龙 摄": the credit belongs to its caption
            elif part:
                out.append(part)
    return out


# Items a paragraph enumerates in its running text: "一是…;二是…", "(一)…(二)…", "1.… 2.…", or a list
# after a colon ("主要内容包括六方面:A;B;C").
ENUMERATION_MARKERS = (
    re.compile(r"(?:^|(?<=[;；。,，:：\s]))([一二三四五六七八九十]{1,2})是"),
    re.compile(r"[(（]([一二三四五六七八九十]{1,2})[)）]"),
    re.compile(r"(?:^|(?<=[;；。:：\s]))(\d{1,2})[.、．](?!\d)"),
    re.compile(r"[(（](\d{1,2})[)）]"),  # "(1)…;(2)…", circled numbers as normalised
)
LIST_AFTER_COLON = re.compile(r"(?:包括|如下|以下|主要有|分为|分别是|为)[^:：;；。]{0,12}[:：]([^。]+)")
ENUMERATION_MIN_ITEMS = 2


def enumerated_items(paragraph: str) -> list[str]:
    """The items ``paragraph`` enumerates in order, without their markers; [] where it lists none."""
    from bot.cn_numbers import number_value

    for marker in ENUMERATION_MARKERS:
        found = list(marker.finditer(paragraph))
        numbers = [number_value(m.group(1)) for m in found]
        # the markers must count 1, 2, 3…: "一是" alone, or a stray "3." is no list
        run = [m for n, m in zip(numbers, found, strict=True) if n]
        if len(run) >= ENUMERATION_MIN_ITEMS and [number_value(m.group(1)) for m in run] == list(
                range(1, len(run) + 1)):
            ends = [m.start() for m in run[1:]] + [len(paragraph)]
            items = [paragraph[m.end() : end].strip(" ;；,，。") for m, end in zip(run, ends, strict=True)]
            return [x.split("。")[0] if i == len(items) - 1 else x for i, x in enumerate(items)]
    if m := LIST_AFTER_COLON.search(paragraph):
        items = [x.strip() for x in re.split(r"[;；]", m.group(1)) if x.strip()]
        if len(items) >= ENUMERATION_MIN_ITEMS:
            return items
    for run in QUOTED_RUN.finditer(paragraph):  # 对“开展质量主题宣传”“深入实施质量提升行动”“…”作出部署
        items = [x for x in re.findall(r"“([^“”]+)”", run.group(0)) if len(x) >= QUOTED_ITEM_MIN_CHARS]
        if len(items) >= QUOTED_RUN_MIN_ITEMS:
            return items
    return []


# Quotes written one after another name the items of a list; a short one (“质量月”) opening the run
# is the campaign's name, not an item.
QUOTED_RUN = re.compile(r"(?:“[^“”]{2,60}”[、,，]?){3,}")
QUOTED_RUN_MIN_ITEMS = 3
QUOTED_ITEM_MIN_CHARS = 4
# A table's rows numbered in their first cell ("1 | 举办…启动仪式 | 举办…"): the rows are a list.
NUMBERED_ROW = re.compile(r"^\s*(\d{1,2})\s*\|\s*([^|]+?)\s*(?:\||$)", re.MULTILINE)


def numbered_rows(text: str) -> list[str]:
    """The first cells after the number of a table's rows numbered 1, 2, 3… in ``text``; [] where
    there is no such table."""
    rows = [(int(m.group(1)), m.group(2)) for m in NUMBERED_ROW.finditer(text)]
    if len(rows) >= ENUMERATION_MIN_ITEMS and [n for n, _cell in rows] == list(range(1, len(rows) + 1)):
        return [cell for _n, cell in rows]
    return []
