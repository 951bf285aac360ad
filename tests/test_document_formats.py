"""Text out of .docx, .html/.htm and .pdf notices; broken files are a clear ValueError."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from bot.ingest.formats import FORMAT_SUFFIXES, decode_html, extract_text


def make_docx(
    *,
    paragraphs_before: list[str],
    table: list[list[str]],
    paragraphs_after: list[str],
    merge_first_row: bool = False,
) -> bytes:
    document = docx.Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    if merge_first_row:
        grid.cell(0, 0).merge(grid.cell(0, len(table[0]) - 1)).text = table[0][0]
    for text in paragraphs_after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, xref offsets computed so pypdf reads it."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


NOTICE_HTML = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某网站 - 通知公告</title><style>p {{ color: red }}</style>
<script>var tracker = "不应出现";</script></head>
<body><nav><a href="/">首页</a> &gt; 通知公告</nav>
<div class="article"><h1>关于开展2025年“质量月”活动的通知</h1>
<p>一、活动主题</p><p>提升质量水平&nbsp;共建品质城市</p>
<p>联系人：王明<br>电话：0931-8123456</p>
<table><tr><td>单位</td><td>活动</td></tr>
<tr><td>市场监管局</td><td>质量开放日 &amp; 咨询</td></tr></table>
<!-- 注释不应出现 -->
</div></body></html>"""


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "notice.docx",
            make_docx(
                paragraphs_before=["关于开展质量月活动的通知", "一、活动主题"],
                table=[["单位", "活动"], ["公安厅", "护品牌促发展"]],
                paragraphs_after=["联系人：张三"],
            ),
            "关于开展质量月活动的通知\n一、活动主题\n单位\t活动\n公安厅\t护品牌促发展\n联系人：张三",
        ),
        (
            "merged.DOCX",  # suffix case does not matter; a merged cell appears once
            make_docx(
                paragraphs_before=["标题"],
                table=[["分工表", "x"], ["教育厅", "抽检"]],
                paragraphs_after=[],
                merge_first_row=True,
            ),
            "标题\n分工表\n教育厅\t抽检",
        ),
        (
            "page.html",
            NOTICE_HTML.encode("gb18030"),
            (
                "关于开展2025年“质量月”活动的通知\n一、活动主题\n提升质量水平 共建品质城市\n"
                "联系人：王明\n电话：0931-8123456\n单位\t活动\n市场监管局\t质量开放日 & 咨询"
            ),
        ),
        (
            "page.htm",
            "<p>第一段</p><div>第二段<p>嵌套段</p></div>".encode(),
            "第一段\n第二段\n嵌套段",
        ),
        ("simple.pdf", tiny_pdf("Quality Month 2025 notice"), "Quality Month 2025 notice"),
    ],
)
def test_extract_text_keeps_paragraphs_tables_and_line_breaks_in_reading_order(
    name: str, data: bytes, expected: str
) -> None:
    assert extract_text(name, data) == expected


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ('<meta charset="gbk"><p>质量月</p>'.encode("gbk"), "declared gbk"),
        ('<meta charset="utf-8"><p>质量月</p>'.encode(), "declared utf-8"),
        ("<p>质量月</p>".encode(), "undeclared utf-8"),
        ("<p>质量月</p>".encode("gb18030"), "undeclared gb18030"),
        ("\ufeff<p>质量月</p>".encode("utf-8"), "utf-8 with BOM"),
        ("<p>质量月</p>".encode("utf-16"), "utf-16 with BOM"),
        ('<meta charset="utf-8"><p>质量月</p>'.encode("gb18030"), "wrong declaration"),
    ],
)
def test_html_charset_is_detected_from_meta_or_bytes(data: bytes, encoding: str) -> None:
    assert "质量月" in decode_html(data), encoding
    assert extract_text("x.html", data) == "质量月"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.docx", b"PK\x03\x04 definitely not a zip archive", "Word 文件已损坏"),
        ("text.docx", "这其实是文本".encode(), "不是有效的 Word .docx 文件"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版 .doc"),
        ("fake.pdf", b"this is not a PDF at all", "不是有效的 PDF 文件"),
        ("cut.pdf", tiny_pdf("hello")[:60], "PDF 文件已损坏"),
        ("blank.pdf", tiny_pdf(""), "没有可提取的文字"),
        ("binary.html", b"\x00\x01\x02\x03" * 50, "二进制"),
        ("empty.html", b"", "文件是空的"),
        ("scripts.html", b"<script>only()</script><style>x{}</style>", "没有可读取的文字"),
        ("notice.doc", b"whatever", "不支持的文件类型 .doc"),
        ("notice", b"whatever", "不支持的文件类型"),
    ],
)
def test_unreadable_files_raise_value_error_with_a_clear_message(
    name: str, data: bytes, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        extract_text(name, data)
    assert name in str(caught.value) or "不支持" in str(caught.value)


def test_supported_suffixes_are_the_rich_formats() -> None:
    assert {".docx", ".html", ".htm", ".pdf"} == set(FORMAT_SUFFIXES)


def test_readers_use_extract_text_for_rich_formats() -> None:
    from bot.ingest.readers import read_notice_bytes

    data = make_docx(paragraphs_before=["质量月通知"], table=[["甲", "乙"]], paragraphs_after=[])
    assert read_notice_bytes("n.docx", data) == "质量月通知\n甲\t乙"


# -- bounded readers: a hostile file is refused before it is unpacked ---------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("bomb.docx", _zip({"word/document.xml": b"\0" * (40 * 1024 * 1024)}), "解压后过大"),
        ("ratio.docx", _zip({"word/document.xml": b"\0" * (3 * 1024 * 1024)}), "压缩比异常"),
        ("many.docx", _zip({f"word/m{i}.xml": b"<x/>" for i in range(1200)}), "个文件"),
        ("long.pdf", _blank_pdf(201), "页"),
    ],
)
def test_a_hostile_file_is_refused_before_it_is_read(name: str, data: bytes, says: str) -> None:
    from bot.ingest.formats import FileTooBig

    with pytest.raises(FileTooBig, match=says):
        extract_text(name, data)


def test_limits_are_settings_of_the_reader() -> None:
    from bot.ingest.formats import FileTooBig
    from bot.ingest.readers import ReadLimits

    with pytest.raises(FileTooBig):
        extract_text("short.pdf", _blank_pdf(3), limits=ReadLimits(max_pdf_pages=2))


def test_a_notice_with_too_much_text_is_refused_with_the_numbers() -> None:
    from bot.ingest.readers import ReadLimits, UnreadableNotice, read_notice_bytes

    text = ("质量月活动通知。" * 1000).encode("utf-8")
    with pytest.raises(UnreadableNotice, match="上限 1,000"):
        read_notice_bytes("long.txt", text, limits=ReadLimits(max_text_chars=1000))


# --- PDF line wrapping ------------------------------------------------------------------------

WRAPPED_NOTICE = (
    "关于开展2023年全市质量月活动的通知\n"
    "一、活动要求\n"
    "请各单位于2023年10月8日前将活动总结报送市市场监督管理局质量发展科，逾期不报的将予以通报。"
    "联系人：王小明，联系电话：0551-62345678。\n"
    "（一）加强组织领导\n"
    "各县区要高度重视，结合本地实际认真制定活动方案，明确责任分工，确保各项活动落到实处。\n"
    "二、其他事项"
)


def chinese_pdf(text: str, *, line_width: float) -> bytes:
    """A PDF laid out as a word processor would: each paragraph wrapped at ``line_width``
    points, measured with the font (reportlab's built-in CJK font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont(font, 12)
    y = 800.0
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if pdfmetrics.stringWidth(line + ch, font, 12) > line_width:
                page.drawString(50, y, line)
                y, line = y - 16, ""
            line += ch
        page.drawString(50, y, line)
        y -= 16
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize("line_width", [180.0, 240.0, 320.0])
def test_a_pdf_sentence_wrapped_by_the_layout_is_read_whole(line_width: float) -> None:
    from bot.ingest.readers import read_notice_bytes

    text = read_notice_bytes("notice.pdf", chinese_pdf(WRAPPED_NOTICE, line_width=line_width))
    lines = text.splitlines()
    assert any("2023年10月8日前将活动总结报送市市场监督管理局质量发展科" in line for line in lines)
    assert any("联系电话：0551-62345678" in line for line in lines)
    assert "一、活动要求" in lines and "（一）加强组织领导" in lines and "二、其他事项" in lines


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("短标题\n一、活动要求\n二、其他", "短标题\n一、活动要求\n二、其他"),  # short lines stay
        ("甲乙丙丁戊己庚辛壬癸\n甲乙丙丁戊己庚辛壬癸\n一、标题\n甲乙丙丁戊己庚辛。\n下一句",
         "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸\n一、标题\n甲乙丙丁戊己庚辛。\n下一句"),
        ("甲乙丙丁戊己庚辛壬癸\n(二)标题\n甲乙丙丁戊己庚辛壬。\n子丑", "甲乙丙丁戊己庚辛壬癸\n(二)标题\n甲乙丙丁戊己庚辛壬。\n子丑"),
    ],
)
def test_only_full_width_lines_that_end_no_sentence_are_joined_and_never_into_a_heading(
    page: str, expected: str
) -> None:
    from bot.ingest.formats import rejoin_wrapped_lines

    assert rejoin_wrapped_lines(page) == expected


# -- saved web pages: the notice, not the site around it ------------------------------------------

GOV_PAGE = Path(__file__).parent / "fixtures" / "web" / "gov-notice-page.html"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("关于开展2025年全市“质量月”活动的通知", True),  # the title, in an <h1> above the body
        ("发布日期：2025-08-22", True),  # metadata rows: the bot reads date and year from them
        ("来源：临川市市场监督管理局", True),
        ("文号：\t临市监发〔2025〕18号", True),
        ("索引号：\t11361000MB1234567X/2025-00321", True),
        ("成文日期：\t2025-08-20", True),
        ("推进质量强市建设，增强高质量发展动能。", True),  # the body
        ("于2025年10月15日前将活动总结报送市市场监管局质量发展科", True),
        ("联系电话：0794-8223456", True),
        ("2025年8月20日", True),  # the signature date
        ("附件：2025年“质量月”活动安排表.docx", True),
        ("欢迎访问", False),  # top bar
        ("机构简介", False),  # site menu
        ("当前位置", False),  # breadcrumbs
        ("食品安全宣传周", False),  # other notices' titles in the side list and 上一篇
        ("上一篇", False),
        ("下一篇", False),
        ("打印本页", False),
        ("友情链接", False),
        ("网站标识码", False),  # footer
        ("ICP备", False),
        ("公网安备", False),
        ("主办单位", False),
        ("0794-8220000", False),  # the site's phone number, not the notice's contact
    ],
)
def test_saved_page_keeps_title_metadata_rows_and_body_and_drops_the_site(
    text: str, kept: bool, encoding: str
) -> None:
    html = GOV_PAGE.read_text(encoding="utf-8")
    if encoding != "utf-8":
        html = html.replace('charset="utf-8"', f'charset="{encoding}"')
    assert (text in extract_text("page.html", html.encode(encoding))) is kept


def test_saved_page_keeps_metadata_rows_before_the_body_in_page_order() -> None:
    lines = extract_text("page.htm", GOV_PAGE.read_bytes()).split("\n")
    assert lines[0] == "关于开展2025年全市“质量月”活动的通知"
    assert lines[1].startswith("发布日期：2025-08-22 来源：")
    assert lines[4] == "各县（区）市场监督管理局，市直有关单位："


def test_saved_page_notice_is_built_from_its_main_content() -> None:
    from bot.ingest import build_document
    from bot.ingest.readers import read_notice_bytes

    doc = build_document("page", "page.html", read_notice_bytes("page.html", GOV_PAGE.read_bytes()), "0")
    quotes = " ".join(f.quote for f in doc.facts)
    assert doc.meta.title == "关于开展2025年全市“质量月”活动的通知"
    assert [u.year for u in doc.meta.units] == [2025]
    assert "0794-8223456" in quotes and "0794-8220000" not in quotes
    assert "食品安全宣传周" not in " ".join(s.text for s in doc.sections)


# A notice pasted from a PDF into a text file: 30 characters a line, a page number between pages.
_PASTED_BODY = ("为深入贯彻质量强区战略，按照全国“质量月”活动总体部署，现就有关事项通知如下：请各盟市于2031年10月17日前将活动"
                "总结报送自治区质量强区办，联系人：马小华，电话：0471-6602318，邮箱：donglin@example.cn。各盟市要加强统筹，"
                "精心组织，确保活动取得实效，营造良好氛围，推动质量强区建设迈上新台阶。各有关部门要结合职能，组织开展质量"
                "宣传、质量帮扶和质量惠民活动，及时报送活动信息，不断扩大“质量月”活动的社会影响。")
_PASTED_LINES = [_PASTED_BODY[i : i + 30] for i in range(0, len(_PASTED_BODY), 30)]
HARD_WRAPPED = "\n".join(["关于开展2031年全区“质量月”活动的通知", *_PASTED_LINES[:3], "- 2 -", *_PASTED_LINES[3:]])
_MORE_BODY = ("二、重点安排。西林市质量强市办于9月3日上午在西林国际会堂举行启动仪式，同期颁发第四届西林市市长质量奖，发布西林质量状况"
              "白皮书。各县区要围绕养老托育、物业服务、出租车客运等民生领域开展质量惠民行动，推动质量进企业、进园区、进社区、"
              "进乡村，组织中小学生走进检验检测机构，普及质量安全知识，营造人人关心质量的氛围。")
HARD_WRAPPED_WITH_TABLE = "\n".join([HARD_WRAPPED, *(_MORE_BODY[i : i + 30] for i in range(0, len(_MORE_BODY), 30)),
                                     "附件1", *(f"{n}\n西林市场监管局\n9月" for n in range(1, 16))])


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (HARD_WRAPPED, _PASTED_BODY),
        # ... also when an annex table flattened a cell per line makes most lines short
        (HARD_WRAPPED_WITH_TABLE, _PASTED_BODY),
        # a notice written a paragraph per line is left as it is
        ("东林市关于开展质量月活动的通知\n一、活动主题\n质量引领 东林先行\n二、活动时间\n2031年9月1日至30日\n"
         "三、工作要求\n请于10月8日前报送活动总结。联系人:马小华,电话:0931-1234567。\n各单位要高度重视,认真组织,务求实效。\n", None),
    ],
)
def test_a_text_pasted_from_a_pdf_has_its_wrapped_lines_joined(text: str, joined: str | None) -> None:
    from bot.ingest.formats import rejoin_hard_wrapped

    out = rejoin_hard_wrapped(text)
    if joined is None:
        assert out == text
    else:
        assert joined in out.splitlines(), out
        assert "- 2 -" not in out
