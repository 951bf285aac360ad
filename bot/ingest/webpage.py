"""A saved web page's notice: its main content, title and metadata rows, without the site around it.

Why: a government page is one notice inside a site menu, breadcrumbs, a side list of other
notices' titles, "上一篇/下一篇" links and a footer (网站标识码, ICP备案号, 主办单位, addresses and
phone numbers). Read whole, the other notices' titles and the site's phone number become facts of
this one. trafilatura, the field's maintained main-content extractor, finds the body; but it also
drops what the bot needs from around the body: the title (in an ``<h1>`` above it) and the page's
metadata rows (发布日期, 来源, 文号, 索引号, 成文日期 …), from which the bot reads the date and year
and answers "哪天发布的". Those lines are taken from the whole page's text and kept, in page order.
When trafilatura finds no body worth the name (a fragment, an odd page), the whole page is used,
as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import trafilatura

#: A body with fewer CJK characters than this is not a notice's main content: the whole page is read.
MIN_MAIN_CJK = 40
#: Share of the body's CJK text that must be found as whole lines of the page to use the body.
MIN_MATCHED_SHARE = 0.8
_CJK = re.compile(r"[\u3400-\u9fff]")
#: The labels of a page's metadata rows (the bot reads dates, sources and numbers from them).
PAGE_META_LABELS = (
    "发布日期", "发布时间", "发文日期", "成文日期", "印发日期", "生成日期", "更新时间", "日期",
    "来源", "信息来源", "文章来源", "作者", "编辑", "责任编辑", "文号", "发文字号", "索引号",
    "发布机构", "发文机关", "发文单位", "主题分类", "公开方式", "浏览次数", "浏览", "点击", "阅读",
)  # fmt: skip
_META_ROW = re.compile(r"(?:^|[\s\t|｜])(?:" + "|".join(PAGE_META_LABELS) + r")\s*[:：]")
_ATTACHMENT_ROW = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]")

PageText = Callable[[str], str]


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _key(line: str) -> str:
    """A line compared without its spacing: the two extractions space cells and inline tags differently."""
    return re.sub(r"\s+", "", line)


def main_content(html: str, page_text: PageText) -> str:
    """The page's title and metadata rows, then its main content; ``page_text`` renders HTML as
    lines (the whole page, or the body trafilatura returns as HTML) the same way for both.

    The result is always the whole page's lines with some dropped, never lines trafilatura
    rewrote: where its body does not match the page's own lines (it merged or split blocks),
    the whole page is read instead.
    """
    whole = page_text(html)
    body_html = trafilatura.extract(html, output_format="html", include_tables=True, include_links=False,
                                    include_images=False, include_comments=False)
    if not body_html:
        return whole
    page = _lines(whole)
    keys = [_key(line) for line in page]
    body_keys = {_key(line) for line in _lines(page_text(body_html))}
    inside = [i for i, k in enumerate(keys) if k in body_keys]
    matched = "".join(page[i] for i in inside)
    if not inside or len(_CJK.findall(matched)) < max(MIN_MAIN_CJK, MIN_MATCHED_SHARE * len(_CJK.findall(
            "".join(body_keys)))):
        return whole
    start, end = inside[0], inside[-1]
    meta = trafilatura.extract_metadata(html)
    title = _key(meta.title) if meta is not None and meta.title else ""
    kept = [
        line for i, line in enumerate(page)
        if (start <= i <= end and keys[i] in body_keys)
        or (i < start and ((title and keys[i] == title) or _META_ROW.search(line)))
        or (i > end and (_META_ROW.search(line) or _ATTACHMENT_ROW.match(line)))
    ]
    return "\n".join(kept)
