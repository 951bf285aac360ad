"""Text normalisation: make notices from any website comparable, keep them quotable.

Notices arrive in traditional or simplified characters, full or half width, with
website chrome around them and with two kinds of damage seen in the wild:

* GBK text decoded one byte off ("?。ㄒ唬" where "（一）" was): a byte was lost
  before a run, so every pair is read across two characters until the run
  re-synchronises.  We re-encode the run, put the lost lead byte back and decode
  again.
* pinyin glued after a character by a ruby-annotation converter ("戰(zhàn)略").

Quotes in the knowledge are substrings of the *normalised* text, so everything
here is deterministic and pure.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from bot.cn_numbers import arabic_dates

UNKNOWN_CHAR = "□"  # stands for a character the damage destroyed

_HAN = r"\u3400-\u9fff"
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# "戰(zhàn)" -> "戰"; "?lián)" is the same glue whose "(" the GBK damage swallowed.
_PINYIN_GLUE = re.compile(rf"(?:(?<=[{_HAN}])\(|\?)([a-z{_TONE_VOWELS}]{{1,7}})\)")

# Characters that do not occur in ordinary notice text but are what GBK pairs read
# one byte off typically turn into: bopomofo, box drawing, lone pinyin letters.
_DAMAGE_CHARS = re.compile(r"[\u3100-\u312f\u2500-\u257f\ufffd" + _TONE_VOWELS + r"]")
_LONE_LATIN = re.compile(rf"(?<=[{_HAN}\u3000-\u303f,;:?_|])[A-Za-z_|](?=[{_HAN}])")
_NUMERALS = "一二三四五六七八九十"


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def _damage_score(text: str) -> int:
    return len(_DAMAGE_CHARS.findall(text)) + len(_LONE_LATIN.findall(text))


def _gbk_bytes_with_lead(run: str) -> bytes | None:
    """GBK bytes of ``run`` as the shifted reader saw them, lost lead byte 0xA1 put back.

    The damaged text went through a full-to-half-width step after the shift, so an
    ASCII punctuation mark that sits where a trail byte is expected, and cannot be
    one (below 0x40), was a full-width one (0xA3 xx) and is turned back.
    """
    out = bytearray(b"\xa1")
    pending_lead = True
    for ch in run:
        if pending_lead and 0x21 <= ord(ch) < 0x40 and not ch.isalnum():
            raw = chr(ord(ch) + 0xFEE0).encode("gbk", errors="strict")
        else:
            try:
                raw = ch.encode("gbk")
            except UnicodeEncodeError:
                return None
        out += raw
        # walk the bytes to know whether a lead byte waits for its trail
        for byte in raw:
            pending_lead = (not pending_lead) and byte >= 0x81
    return bytes(out)


def _decode_lenient(data: bytes) -> tuple[str, list[int]]:
    """Decode GBK, marking each undecodable pair with UNKNOWN_CHAR; return text and marks."""
    text: list[str] = []
    lost: list[int] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            text.append(chr(b))
            i += 1
            continue
        pair = data[i : i + 2]
        try:
            text.append(pair.decode("gbk"))
        except UnicodeDecodeError:
            lost.append(len(text))
            text.append(UNKNOWN_CHAR)
        i += 2
    return "".join(text), lost


def _restore_heading_numeral(text: str) -> str:
    """"（泉加强" → "（三）加强": the numeral's trail byte and "（"'s lead were lost together.

    The first pair after "（" then starts with the numeral's lead byte, which is
    unique among 一…十, and ends with "）"'s trail byte 0xA9.
    """
    m = re.match(r"^(\u3000*（)(.)", text)
    if not m or m.group(2) in _NUMERALS:
        if m and len(text) > m.end() and text[m.end()] == UNKNOWN_CHAR:
            return text[: m.end()] + "）" + text[m.end() :]
        return text
    raw = m.group(2).encode("gbk", errors="replace")
    if len(raw) == 2 and raw[1] == 0xA9:
        for numeral in _NUMERALS:
            if numeral.encode("gbk")[0] == raw[0]:
                return m.group(1) + numeral + "）" + text[m.end() :]
    return text


def repair_gbk_shift(line: str) -> str:
    """Repair runs that a one-byte-off GBK reader damaged; leave sound text alone."""
    pos = 0
    while True:
        q = line.find("?", pos)
        if q < 0:
            return line
        run = line[q + 1 :]
        window = run[:6]
        if _damage_score(window) == 0:
            pos = q + 1
            continue
        data = _gbk_bytes_with_lead(run)
        if data is None:
            pos = q + 1
            continue
        fixed, _lost = _decode_lenient(data)
        fixed = _restore_heading_numeral(fixed)
        if _damage_score(fixed[:12]) >= _damage_score(window):
            pos = q + 1
            continue
        fixed = fixed.lstrip("\u3000")
        line = line[:q] + fixed
        pos = q + 1


def strip_pinyin_glue(text: str) -> str:
    return _PINYIN_GLUE.sub("", text)


def drop_stray_question_marks(text: str) -> str:
    """A line cannot open with "?" or "?。": that is a lost character and its damaged neighbour.

    A "?" inside a sentence is left alone: notices and questions use half-width marks too.
    """
    return re.sub(rf"^\?[。,]?(?=[{_HAN}])", UNKNOWN_CHAR, text, flags=re.M)


# --- website chrome -------------------------------------------------------

_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"欢迎(?:访问|光临|来到).{0,30}[!！]?$"
    r"|.*(?:版权所有|Copyright|©|ICP备|ICP证|公网安备|本站部分信息|本网部分转载|转载请注明"
    r"|办公区[:：]|主办单位[:：].{0,40}承办).*"
    r"|[^。,，;；]{0,20}(?:联系我们|网站地图|设为首页|加入收藏|网站首页|无障碍)[^。,，;；]{0,20}"
    r"|(?:上一篇|下一篇|相关阅读|相关新闻|推荐阅读|打印本页|关闭窗口|返回顶部|分享到)[:：]?.{0,60}"
    r")$",
    re.IGNORECASE,
)
_TEASER_LINE = re.compile(r"^.{2,40}(?:\.\.\.|…+)$")
_KEYWORDS_TRAILER = re.compile(r"\s*[|｜]?\s*关键[词字][:：].*$")
_TRAILING_BAR = re.compile(r"\s*[|｜]\s*$")


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop banners, header lines, navigation teasers, footers and keyword trailers.

    A page's metadata rows (发布时间:…, 来源:…, 点击:…) are kept: they are facts a reader asks about."""
    kept: list[str] = []
    for line in lines:
        line = _KEYWORDS_TRAILER.sub("", line)
        line = _TRAILING_BAR.sub("", line).strip()
        if not line or _BOILERPLATE_LINE.match(line) or _TEASER_LINE.match(line):
            continue
        kept.append(line)
    return kept


_SPACES = re.compile(r"[ \t\u3000\xa0]+")
# A web page's label set out letter by letter ("索 引 号:", "标 题:"): the label itself.
_SPACED_LABEL = re.compile(rf"(?<![{_HAN}])((?:[{_HAN}] ){{1,4}}[{_HAN}])(?= ?[:：])")


# "①实施…;②深化…": NFKC would glue a bare digit to the item (1实施…); written "(1)" it stays a marker
CIRCLED_NUMBER = re.compile("[\u2460-\u2473]")


TABLE_CELLS = " | "  # how a table row's cells are written: "1 | 全市启动仪式 | 9月1日 | 市市场监管局"
_CELL_BAR = re.compile(r"\s*\|\s*")
TABLE_ROW_MIN_BARS = 2  # "1|启动仪式|市监局": three cells; one bar alone ("关键词:质量 |") is no table


# "2〇21-〇8-27": a scan read the zero of a number as the Chinese 〇; next to a digit it is one
OCR_ZERO = re.compile(r"(?<=\d)〇|〇(?=\d)")


def normalize_line(line: str) -> str:
    line = CIRCLED_NUMBER.sub(lambda m: f"({ord(m.group()) - 0x245F})", line)
    line = unicodedata.normalize("NFKC", to_simplified(line))
    while "〇" in line and OCR_ZERO.search(line):  # "3〇〇": each zero next to a digit once the one before is
        line = OCR_ZERO.sub("0", line)
    line = arabic_dates(line)
    line = _SPACES.sub(" ", line).strip()
    if line.count("|") >= TABLE_ROW_MIN_BARS:  # a table row's cells, however pasted: "1 | 启动仪式 | 市监局"
        line = _CELL_BAR.sub(TABLE_CELLS, line).strip()
    return _SPACED_LABEL.sub(lambda m: m.group(1).replace(" ", ""), line)


def normalize_text(raw: str) -> str:
    """The normalised text of a notice: the one every quote is taken from."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [repair_gbk_shift(strip_pinyin_glue(line)) for line in raw.split("\n")]
    lines = [normalize_line(drop_stray_question_marks(x)) for x in lines]
    lines = ["" if RULE_LINE.fullmatch(x) else x for x in lines]  # "━━━━": a drawn rule says nothing
    return "\n".join(label_table_cells(rejoin_table_rows(strip_boilerplate(lines))))


RULE_LINE = re.compile(r"[━─═—\-_=*~·.]{3,}")  # a line drawn across the page between its parts


TABLE_HEAD = "序号"  # the first column head of an arrangement table
TABLE_CELL_MAX_CHARS = 10  # a column head is a short label ("牵头部门")
TABLE_MIN_COLUMNS = 3
TABLE_MIN_ROWS = 2


def rejoin_table_rows(lines: list[str]) -> list[str]:
    """A table pasted from a web page one cell per line ("序号", "活动内容", …, "1", "…", …), with
    stray "|" lines between cells, back to one row per line: "1 | 全市启动仪式 | 9月1日 | 市市场监管局".
    A row read across lines is one sentence again: what it says of an activity stays together."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        columns = _table_head(lines, i) if lines[i] == TABLE_HEAD else None
        if columns is None:
            out.append(lines[i])
            i += 1
            continue
        rows, at = _table_rows(lines, i + _head_span(lines, i, columns), columns)
        if len(rows) < TABLE_MIN_ROWS:
            out.append(lines[i])
            i += 1
            continue
        out.append(" | ".join(columns))
        out.extend(" | ".join(row) for row in rows)
        i = at
    return out


# A column head naming a cell's role ("牵头单位", "配合部门", "完成时间"), not the row's subject ("活动名称")
ROLE_COLUMN = re.compile(r"(?:单位|部门|时间|日期|地点|对象|责任人|联系人)$")
EMPTY_CELL = re.compile(r"[—\-/、\s]*")  # "——", "/": nothing in that cell


def label_table_cells(lines: list[str]) -> list[str]:
    """The rows under a table's head with each role cell labelled by its column head:
    "东林行动 | 省农业厅 | 省商务厅" under "活动名称 | 牵头单位 | 配合单位" becomes
    "东林行动 | 牵头单位:省农业厅 | 配合单位:省商务厅".

    Why: a row read alone (a sentence, a quote) names units without saying which leads and which
    supports; labelled, "东林行动谁牵头" is answered by the row itself. A cell already labelled stays
    as it is, so normalising twice changes nothing. A table whose cells were set apart by spaces
    (full-width ones: "序号　活动名称　牵头单位") is written with bars, row by row while the rows have
    as many cells as its head."""
    out = list(lines)
    heads: list[str] | None = None
    spaced = False  # the table's cells are set apart by spaces (full-width ones, pasted), not bars
    for i, line in enumerate(lines):
        barred = TABLE_CELLS in line
        cells = line.split(TABLE_CELLS) if barred else line.split(" ") if heads is None or spaced else []
        if (len(cells) >= TABLE_MIN_COLUMNS and all(0 < len(c) <= TABLE_CELL_MAX_CHARS for c in cells)
                and not any(re.search(r"\d", c) for c in cells) and any(ROLE_COLUMN.search(c) for c in cells)):
            heads, spaced = cells, not barred
            out[i] = TABLE_CELLS.join(cells)
            continue
        if heads is None or len(cells) != len(heads):
            heads = None
            continue
        out[i] = TABLE_CELLS.join(
            f"{head}:{cell}" if ROLE_COLUMN.search(head) and not EMPTY_CELL.fullmatch(cell)
            and not cell.startswith(f"{head}:") else cell
            for head, cell in zip(heads, cells, strict=True))
    return out


def _cells(lines: list[str], start: int):
    """(index, cell) of the lines from ``start`` on, stray "|" lines skipped."""
    for j in range(start, len(lines)):
        if lines[j].strip(" |"):
            yield j, lines[j].strip(" |")


def _table_head(lines: list[str], start: int) -> list[str] | None:
    """The column heads from "序号" on: short labels without digits, up to the first row's "1"."""
    heads = []
    for _j, cell in _cells(lines, start):
        if cell == "1":
            break
        if len(cell) > TABLE_CELL_MAX_CHARS or re.search(r"[\d。,;:]", cell):
            return None
        heads.append(cell)
    return heads if len(heads) >= TABLE_MIN_COLUMNS else None


def _head_span(lines: list[str], start: int, columns: list[str]) -> int:
    """How many lines the column heads take, stray "|" lines included."""
    for seen, (j, _cell) in enumerate(_cells(lines, start), 1):
        if seen == len(columns):
            return j - start + 1
    return len(lines) - start


def _table_rows(lines: list[str], start: int, columns: list[str]) -> tuple[list[list[str]], int]:
    """Rows numbered 1, 2, … of up to ``len(columns)`` cells each (an empty cell leaves no line:
    a row also ends where the next number starts); where the rows end."""
    rows: list[list[str]] = []
    cells = list(_cells(lines, start))
    k, end = 0, start
    while k < len(cells) and cells[k][1] == str(len(rows) + 1):
        row = [cells[k][1]]
        k += 1
        while k < len(cells) and len(row) < len(columns) and cells[k][1] != str(len(rows) + 2):
            row.append(cells[k][1])
            k += 1
        rows.append(row + [""] * (len(columns) - len(row)))
        end = cells[k - 1][0] + 1
    return rows, end


# "在那里办的": 那 typed for 哪 (same sound, next to each other in pinyin input) where only a question fits
_WHERE_TYPO = re.compile(r"在那(里|儿)(?=[办开举搞弄].{0,3}$)")
_HOW_MANY_TYPO = re.compile(r"多小(?![型微])")  # "发了多小资料": 小 typed for 少
# "付省长", "起动仪式": 付 typed for 副 before a title, 起 for 启 in a launch (same sounds)
_DEPUTY_TYPO = re.compile(r"付(?=[省市县区州]长|局长|厅长|部长|组长|主任|秘书长|书记|主席)")
_LAUNCH_TYPO = re.compile(r"起动(?=仪式|大会|会)|(?<=宣布)起动")


def normalize_query(text: str) -> str:
    """Questions are matched against documents, so they get the same treatment (and a question's
    own typing slips are mended)."""
    text = _HOW_MANY_TYPO.sub("多少", _WHERE_TYPO.sub(r"在哪\1", normalize_line(text)))
    return _LAUNCH_TYPO.sub("启动", _DEPUTY_TYPO.sub("副", text))
