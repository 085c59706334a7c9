"""Chinese-aware fill-in normalisation, shared bit-for-bit with quiz.js.

Full-width and half-width forms are unified (NFKC), letters lower-cased,
spaces, punctuation and symbols dropped, and runs of Chinese numerals written
as Arabic digits (三 → 3, 十五 → 15, 两百 → 200), so 「３ 天」「三天」「3天。」
all compare equal. The same steps run in the browser (practice) and here
(answer keys, exam grading); keep both in sync.
"""

from __future__ import annotations

import binascii
import re
import unicodedata

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
_RUN = re.compile("[零〇一二两三四五六七八九十百千万]+")


def _numeral(run: str) -> str:
    if not any(c in UNITS or c == "万" for c in run):
        return "".join(str(DIGITS[c]) for c in run)
    total = section = num = 0
    for c in run:
        if c in DIGITS:
            num = DIGITS[c]
        elif c == "万":
            total = (total + section + num) * 10000
            section = num = 0
        else:
            section += (num or 1) * UNITS[c]
            num = 0
    return str(total + section + num)


def _dropped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PSZ"


def normalize(value: str) -> str:
    """The comparable form of a fill-in answer."""
    text = unicodedata.normalize("NFKC", value).lower()
    text = "".join(c for c in text if not _dropped(c))
    return _RUN.sub(lambda m: _numeral(m.group()), text)


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as in quiz.js."""
    return binascii.crc_hqx(data, 0xFFFF)


def answer_hash(value: str) -> int:
    """16-bit fingerprint of a normalised fill-in answer (what exam codes carry)."""
    return crc16(normalize(value).encode("utf-8"))
