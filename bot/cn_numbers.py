"""Numbers as notices write them: 22, 二十二, 两."""

from __future__ import annotations

import re
from functools import lru_cache

CN_DIGITS = "零一二两三四五六七八九十百千万"
ROUND_NUMBERS = {"百": 100, "千": 1000, "万": 10000}


@lru_cache(maxsize=1)
def _cn2an():
    """cn2an takes 0.2 s to import: loaded when a Chinese numeral is first read."""
    import cn2an

    return cn2an


def number_value(text: str) -> int | None:
    """22 for "22" and for "二十二"; None when it is not a whole number."""
    if text.isdigit():
        return int(text)
    if re.fullmatch(r"\d+(?:\.\d+)?万", text):  # "1万余人", "2.5万份"
        return int(float(text[:-1]) * 10000)
    if text in ROUND_NUMBERS:  # "万余份", "千余人": a round number said alone
        return ROUND_NUMBERS[text]
    try:
        value = _cn2an().cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_MONTH = r"十[一二]?|[一二三四五六七八九]"
_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# "二〇二五年十月十五日", "十月十五日", "二〇二五年九月": a date in Chinese numerals (a day needs its 日/号
# unless the year is written: "十月" alone may be a name)
CN_DATE = re.compile(rf"(?:([〇零一二三四五六七八九]{{4}})年)?({_MONTH})月(?:({_DAY})([日号]))?")


def arabic_dates(text: str) -> str:
    """Dates written in Chinese numerals in Arabic ones (2025年10月15日), as notices mostly write them:
    a deadline is read and asked the same way however it is written."""
    if "月" not in text and "年" not in text:
        return text

    def arabic(m: re.Match[str]) -> str:
        year, month, day, unit = m.groups()
        if not day and not year:
            return m.group(0)
        out = f"{year.translate(_YEAR_DIGITS)}年" if year else ""
        out += f"{number_value(month)}月"
        return out + (f"{number_value(day)}{unit}" if day else "")

    return CN_YEAR.sub(lambda m: f"{m.group(1).translate(_YEAR_DIGITS)}年", CN_DATE.sub(arabic, text))


# "二〇一三年“质量月”": a year alone, written digit by digit (a 〇 or a 19/20 opening says it is one)
CN_YEAR = re.compile(r"((?:一九|二〇|二零)[〇零一二三四五六七八九]{2})年")


#: A weekday written after a date ("10月12日(星期五)前"): part of the date, as a pattern to insert.
WEEKDAY = r"(?:\s*[(（](?:星期|周)[一二三四五六日天][)）])?"
