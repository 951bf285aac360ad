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
