"""Turn a notice file's bytes into text, or say clearly why not.

Notices come as UTF-8 or GBK/GB18030 text from Chinese government sites, and
admins upload .docx/.html/.pdf; binary junk, empty files and oversized files
are refused with a reason so that one bad file never stops an ingest.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".text", ".md")
RICH_SUFFIXES = (".docx", ".html", ".htm", ".pdf")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + RICH_SUFFIXES
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_CJK = re.compile(r"[\u3400-\u9fff]")


class UnreadableNotice(Exception):
    """A file that cannot be read as a notice; the message is for the person who sent it."""


@dataclass(frozen=True)
class ReadLimits:
    """What one notice file may cost to read: a hostile upload is refused before it is unpacked.

    A real notice is a few pages: its .docx unpacks to well under a megabyte and its text is a few
    ten thousand characters; the defaults leave a wide margin and stop zip bombs and 2,000-page PDFs.
    """

    max_bytes: int = 5 * 1024 * 1024  # the file as sent
    max_unpacked_bytes: int = 25 * 1024 * 1024  # a .docx's members, unpacked
    max_zip_members: int = 1000
    max_compression_ratio: int = 100  # unpacked / packed size of any one .docx member
    max_pdf_pages: int = 200
    max_text_chars: int = 500_000  # the text a notice yields, any format


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030."""
    if not data.strip():
        raise UnreadableNotice("文件是空的 (empty file)")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UnreadableNotice("不是文本文件 (binary file: contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise UnreadableNotice(f"无法识别文件编码 (not UTF-8 or GB18030: {exc.reason})") from exc
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise UnreadableNotice("不是文本文件 (binary file: too many control characters)")
    if not _CJK.search(text):
        raise UnreadableNotice("文件中没有中文内容 (no Chinese text found)")
    return text


def _size(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n:.0f} B"


def read_notice_bytes(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
                      limits: ReadLimits | None = None) -> str:
    limits = limits or ReadLimits(max_bytes=max_bytes)
    max_bytes = limits.max_bytes
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = " ".join(SUPPORTED_SUFFIXES)
        raise UnreadableNotice(f"不支持的文件类型 {suffix or '(无扩展名)'} (supported: {allowed})")
    if len(data) > max_bytes:
        raise UnreadableNotice(
            f"文件过大: {_size(len(data))}, 上限 {_size(max_bytes)} (file too large)"
        )
    if suffix in TEXT_SUFFIXES:
        from bot.ingest.formats import rejoin_hard_wrapped

        text = rejoin_hard_wrapped(decode_text(data))
    else:
        from bot.ingest.formats import FileTooBig, extract_text

        try:
            text = extract_text(name, data, limits=limits)
        except FileTooBig as exc:
            raise UnreadableNotice(str(exc)) from exc
        except ValueError as exc:
            raise UnreadableNotice(f"无法读取 {name}: {exc}") from exc
        if not _CJK.search(text or ""):
            raise UnreadableNotice(f"{name} 中没有中文内容 (no Chinese text found)")
    if len(text) > limits.max_text_chars:
        raise UnreadableNotice(f"{name} 的文字太多: {len(text):,} 字, 上限 {limits.max_text_chars:,} "
                               "(text too long for one notice)")
    return text


def read_notice(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits | None = None) -> str:
    limits = limits or ReadLimits(max_bytes=max_bytes)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise UnreadableNotice(f"文件过大: {_size(size)}, 上限 {_size(limits.max_bytes)} (file too large)")
    return read_notice_bytes(path.name, path.read_bytes(), limits=limits)
