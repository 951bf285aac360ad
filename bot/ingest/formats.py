"""Plain text out of the office formats notices arrive in: Word (.docx), web pages, PDF.

Why: coordinating offices forward notices as whatever they received — a .docx attachment, a
saved web page, a PDF. The rest of the pipeline only knows text, so this module turns each
format into lines of text in reading order and nothing else: no normalisation (that is
``bot.ingest.normalize``), no guessing at structure. A file that cannot be read raises ``ValueError``
with a message an office worker can act on; that message is shown to the admin who uploaded it.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePath

from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)
from lxml import etree

from bot.ingest.readers import ReadLimits
from bot.ingest.sections import heading_level

__all__ = ["FORMAT_SUFFIXES", "extract_text"]


class FileTooBig(ValueError):
    """A file that would cost too much to read (a zip bomb, a 2,000-page PDF): refused unread."""


def extract_text(name: str, data: bytes, *, limits: ReadLimits | None = None) -> str:
    """Text of a .docx, .html/.htm or .pdf file, one paragraph (or table row) per line."""
    limits = limits or ReadLimits()
    suffix = PurePath(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ValueError(
            f"不支持的文件类型 {suffix or '（无扩展名）'}：{name}；"
            f"支持 {', '.join(sorted(FORMAT_SUFFIXES))}"
        )
    if not data:
        raise ValueError(f"文件是空的：{name}")
    text = _tidy(reader(name, data, limits))
    if not text:
        raise ValueError(f"文件中没有可读取的文字：{name}")
    return text


def _tidy(text: str) -> str:
    """Strip each line and fold runs of blank lines, so every format yields the same shape."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class PdfPasswordError(ValueError):
    """A PDF that opens only with a password."""


# What parsers of damaged zip/XML/PDF files raise besides their own error classes.
_BROKEN_FILE_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    etree.LxmlError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OSError,
    EOFError,
    RecursionError,
)


# --- Word ---------------------------------------------------------------------------------


def check_zip(name: str, data: bytes, limits: ReadLimits) -> None:
    """Refuse a .docx that would unpack to too much, before anything is unpacked (a zip bomb):
    the sizes come from the zip directory, which costs nothing to read."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, *_BROKEN_FILE_ERRORS) as exc:
        raise ValueError(f"Word 文件已损坏，无法读取：{name}（{type(exc).__name__}）") from exc
    if len(members) > limits.max_zip_members:
        raise FileTooBig(f"{name} 不像一份通知：压缩包内有 {len(members)} 个文件，上限 {limits.max_zip_members}")
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.max_unpacked_bytes:
        raise FileTooBig(f"{name} 解压后过大：{unpacked / 1024 / 1024:.0f} MB，"
                         f"上限 {limits.max_unpacked_bytes / 1024 / 1024:.0f} MB（疑似压缩炸弹）")
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > limits.max_compression_ratio * max(m.compress_size, 1):
            raise FileTooBig(f"{name} 中的 {m.filename} 压缩比异常（{m.file_size // max(m.compress_size, 1)}:1），"
                             "疑似压缩炸弹，已拒绝")


def _read_docx(name: str, data: bytes, limits: ReadLimits) -> str:
    import docx  # python-docx; imported here so the module loads fast for the other formats
    from docx.opc.exceptions import PackageNotFoundError

    if data[:2] != b"PK":
        old_word = data[:4] == b"\xd0\xcf\x11\xe0"
        hint = "（这可能是旧版 .doc 文件，请另存为 .docx）" if old_word else ""
        raise ValueError(f"不是有效的 Word .docx 文件：{name}{hint}")
    check_zip(name, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_blocks(document.iter_inner_content()))
    except (PackageNotFoundError, *_BROKEN_FILE_ERRORS) as exc:
        raise ValueError(f"Word 文件已损坏，无法读取：{name}（{type(exc).__name__}）") from exc
    return "\n".join(lines)


def _docx_blocks(blocks: Iterator[object]) -> Iterator[str]:
    """Paragraphs and tables in document order; a table row becomes one tab-separated line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                        continue
                    seen.add(id(cell._tc))
                    text = "\n".join(_docx_blocks(cell.iter_inner_content())).strip()
                    cells.append(text.replace("\n", " "))
                yield "\t".join(c for c in cells if c)


# --- HTML ---------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
})  # fmt: skip
_CELL_TAGS = frozenset({"td", "th"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Declared names whose real-world content is a superset encoding.
_ENCODING_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
}


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: BOM, then the declared charset, then UTF-8, then GB18030."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    candidates: list[str] = []
    if match:
        declared = match.group(1).decode("ascii", errors="ignore").lower()
        candidates.append(_ENCODING_ALIASES.get(declared, declared))
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _read_html(name: str, data: bytes, limits: ReadLimits) -> str:
    """A saved page's notice: main content, title and metadata rows (``bot.ingest.webpage``)."""
    if b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(f"不是有效的网页文件（看起来是二进制文件）：{name}")
    from bot.ingest.webpage import main_content  # trafilatura loads only when a page is read

    return main_content(decode_html(data), html_page_text)


def html_page_text(html: str) -> str:
    """All the text of an HTML page or fragment, one block per line, table cells tab-separated."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    parts: list[str] = []
    _html_text(soup, parts.append, preformatted=False)
    # Nested blocks emit several breaks in a row; a web page has no meaningful blank lines.
    # &nbsp; is how web pages space words, not content.
    text = "".join(parts).replace("\xa0", " ")
    return "\n".join(line for line in text.split("\n") if line.strip())


def _html_text(node: Tag, emit: Callable[[str], None], *, preformatted: bool) -> None:
    """Emit text with a line break around block elements and a tab between table cells."""
    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            emit(text if preformatted else re.sub(r"[ \t\r\n\f]+", " ", text))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name == "br":
            emit("\n")
        elif name in _CELL_TAGS:
            emit("\t")
            _html_text(child, emit, preformatted=preformatted)
        elif name in _BLOCK_TAGS:
            emit("\n")
            _html_text(child, emit, preformatted=preformatted or name == "pre")
            emit("\n")
        else:
            _html_text(child, emit, preformatted=preformatted)


# --- PDF ----------------------------------------------------------------------------------


#: A PDF line at least this share of the page's full line width was wrapped by the layout,
#: not ended by the writer (unless it ends a sentence or the next line is a heading).
WRAP_MIN_SHARE = 0.9
#: The page's full line width: this quantile of its line widths (titles and last lines are shorter).
FULL_WIDTH_QUANTILE = 0.9
#: Fewer lines than this on a page say nothing about its line width.
WRAP_MIN_LINES = 3
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:]\s*$")


def display_width(text: str) -> int:
    """Width in half-width cells: a Chinese character takes two, a digit or Latin letter one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def rejoin_wrapped_lines(page: str, width: Callable[[str], int] = display_width) -> str:
    """Undo a PDF's line wrapping: a PDF stores where the layout broke each line, and a
    sentence cut at a break ("…报送市市场监\n督管理局") loses its deadline or its phone number.

    A full-width line that does not end a sentence is joined to the next line, unless that one
    starts a heading (一、 (二) 3. 附件). Full width is read from the page itself.
    """
    lines = [line.strip() for line in page.split("\n")]
    widths = sorted(width(line) for line in lines if line)
    if len(widths) < WRAP_MIN_LINES:
        return page
    full = widths[min(len(widths) - 1, int(FULL_WIDTH_QUANTILE * len(widths)))]

    def wrapped(line: str, following: str) -> bool:
        return bool(
            line and following
            and width(line) >= WRAP_MIN_SHARE * full
            and not _ENDS_SENTENCE.search(line)
            and heading_level(following.replace("（", "(").replace("）", ")")) is None
        )

    out: list[str] = []
    continues = False
    for i, line in enumerate(lines):
        if continues:
            out[-1] += line
        else:
            out.append(line)
        continues = wrapped(line, lines[i + 1] if i + 1 < len(lines) else "")
    return "\n".join(out)


#: A text file pasted from a PDF keeps its line breaks: most of its lines are as wide as one
#: another (within this share of the commonest width) …
HARD_WRAP_WIDTH_TOLERANCE = 0.1
#: … this share of its lines at least, of this many lines and this many cells each.
HARD_WRAP_MIN_SHARE = 0.5
HARD_WRAP_MIN_LINES = 8
HARD_WRAP_MIN_WIDTH = 20  # characters: a line of a page, not a menu entry
#: … or, when a flattened table's short cells ("序号", "1", "9月") fill half the lines, this share of
#: the page-wide lines (and at least HARD_WRAP_MIN_LINES of them) is of the commonest width
HARD_WRAP_MIN_SHARE_OF_WIDE = 0.65
_PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$")  # "- 2 -" between pages


def rejoin_hard_wrapped(text: str) -> str:
    """A text file pasted from a PDF ("…推进供给侧结构性改革\n,按照…"): its wrapped lines joined and its
    page numbers dropped, as a PDF read here would be. Text written a paragraph per line, whose
    widths vary, is returned as it is."""
    # a paste keeps the PDF's characters per line, whatever their widths on the page
    lines = list(dict.fromkeys(line.strip() for line in text.split("\n") if line.strip()))  # a repeated caption once
    widths = [len(line) for line in lines if len(line) >= HARD_WRAP_MIN_WIDTH]
    if len(widths) < HARD_WRAP_MIN_LINES:
        return text
    common = max(set(widths), key=widths.count)
    near = sum(abs(w - common) <= HARD_WRAP_WIDTH_TOLERANCE * common for w in widths)
    if near < HARD_WRAP_MIN_SHARE * len(lines) and (
            near < HARD_WRAP_MIN_LINES or near < HARD_WRAP_MIN_SHARE_OF_WIDE * len(widths)):
        return text
    kept = "\n".join(line for line in text.split("\n") if line.strip() and not _PAGE_NUMBER.match(line))
    return rejoin_wrapped_lines(kept, len)


def _read_pdf(name: str, data: bytes, limits: ReadLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise ValueError(f"不是有效的 PDF 文件：{name}")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfPasswordError(f"PDF 文件有密码保护，无法读取：{name}")
        if len(reader.pages) > limits.max_pdf_pages:
            raise FileTooBig(f"{name} 有 {len(reader.pages)} 页，上限 {limits.max_pdf_pages} 页：不像一份通知，已拒绝")
        pages = [rejoin_wrapped_lines(page.extract_text() or "") for page in reader.pages]
    except (PdfPasswordError, FileTooBig):
        raise
    except (PyPdfError, *_BROKEN_FILE_ERRORS) as exc:
        raise ValueError(f"PDF 文件已损坏，无法读取：{name}（{type(exc).__name__}）") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ValueError(
            f"PDF 中没有可提取的文字（可能是扫描件）：{name}；请提供文字版 PDF 或 .docx"
        )
    return text


_READERS: dict[str, Callable[[str, bytes, ReadLimits], str]] = {
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}
FORMAT_SUFFIXES: frozenset[str] = frozenset(_READERS)
