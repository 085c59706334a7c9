"""Fill-in answers compared as meaning, shared step for step with quiz.js.

``normalize`` turns what a learner types into a canonical form, so that the
handbook's own wordings of one fact compare equal and different facts do not:

- full-width and half-width forms are unified (NFKC), letters lower-cased;
- percentages: 百分之百, 百分百, 百分之九十 → 100%, 90% (``%`` is kept);
- runs of Chinese numerals become Arabic digits (三 → 3, 十五 → 15, 两百 → 200);
- ranges keep their meaning: 3–5, 3-5, 3~5, 三到五, 三至五, 三声到五声 → 3~5(声);
- units and their spoken forms: 秒钟 → 秒, 分钟 → 分, 个小时/钟头 → 小时, 日 → 天;
- bounds are dropped: 之内, 以内, 内 after a figure, and 不超过, 最多, 最迟 … before it;
- then spaces, punctuation and other symbols are dropped (except ``~`` and ``%``).

So 「三天之内」「3天内」「３ 天。」 all become ``3天``, while 「35」 never equals
「3–5」. quiz.js runs the same steps in the browser (practice feedback, and the
fingerprint an exam code carries); tests/quiz/test_parity.py runs both on the
same inputs. Keep them in sync.
"""

from __future__ import annotations

import binascii
import re
import unicodedata

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = "零〇一二两三四五六七八九十百千万"
_RUN = re.compile(f"[{_NUM}]+")
_PERCENT = re.compile(f"百分之([{_NUM}]+|[0-9]+)")
_RANGE = re.compile(r"([0-9]+)([^0-9~]{0,2}?)(?:~|到|至)([0-9]+)\2")
_SPOKEN = (
    (re.compile(r"(?<=[0-9])秒钟"), "秒"),
    (re.compile(r"(?<=[0-9])分钟"), "分"),
    (re.compile(r"(?<=[0-9])(?:个小时|个钟头|钟头)"), "小时"),
    (re.compile(r"(?<=[0-9])日"), "天"),
)
_AFTER = re.compile(r"之内|以内|(?<=[0-9秒分天时声行种号次%])内")
_BEFORE = re.compile(r"^(?:不超过|不多于|不晚于|最多|至多|最迟|最晚|最长|在)(?=[0-9])")
_DASHES = re.compile("[–—\\-～〜]")


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
    return char not in "~%" and (char.isspace() or unicodedata.category(char)[0] in "PSZ")


class _DropTable(dict[int, int | None]):
    """A ``str.translate`` table deleting what ``_dropped`` drops, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if _dropped(chr(code)) else code
        self[code] = kept
        return kept


_DROP = _DropTable()


def normalize(value: str) -> str:
    """The comparable form of a fill-in answer."""
    text = unicodedata.normalize("NFKC", value).lower()
    text = "".join(text.split())  # every whitespace character, as str.isspace says
    text = text.replace("百分百", "100%")
    text = _PERCENT.sub(lambda m: m.group(1) + "%", text)
    text = _RUN.sub(lambda m: _numeral(m.group()), text)
    text = _DASHES.sub("~", text)
    for pattern, unit in _SPOKEN:
        text = pattern.sub(unit, text)
    text = _RANGE.sub(lambda m: f"{m.group(1)}~{m.group(3)}{m.group(2)}", text)
    text = _AFTER.sub("", text)
    text = _BEFORE.sub("", text)
    return text.translate(_DROP)


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as in quiz.js."""
    return binascii.crc_hqx(data, 0xFFFF)


def answer_hash(value: str) -> int:
    """16-bit fingerprint of a normalised fill-in answer (what exam codes carry)."""
    return crc16(normalize(value).encode("utf-8"))
