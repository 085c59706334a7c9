"""Exam result codes: what a learner copies, what the trainer's CLI grades.

Layout (bits, most significant first), then padded to whole bytes, followed
by a CRC-16 of those bytes, all written in Crockford base32 after ``KF`` in
groups of four (``KF-1A2B-…``):

    4   format version (2)
    16  assignment tag: CRC-16 of the assignment id
    16  form version: first 16 bits of the form's content hash (the exam pool)
    4   length L of the employee number (1–15), then 6 bits per character (0-9, A-Z)
    4   attempt: 1 for the first sitting, 2 after one retake … (15 = 15 or more)
    24  start: minutes since 2025-01-01 00:00 UTC
    12  minutes from start to submission (4095 = that long or longer)
    …   one answer per question of the learner's paper (drawn from the pool by
        employee number, see form.QuizForm.for_learner), widths known from the form:
        single / best reply / true-false  w = n.bit_length()   0 = unanswered, else option + 1
        multiple                          n bits, one per option
        ordering / matching               one w-bit field per position / left side
        fill-in                           1 bit answered, then 16-bit fingerprint of the normalised text

The CRC catches typos and casual edits; it is not a signature (the page's
JS is public). What makes the exam trustworthy is that the key never ships.
quiz.js holds the encoder; keep both in sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, assert_never

from scripts_gen.quiz.models import QType
from scripts_gen.quiz.text import crc16

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"I": 1, "L": 1, "O": 0, "U": 27}
LEARNER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
FORMAT = 2
PREFIX = "KF"
EPOCH = 1735689600  # 2025-01-01 00:00 UTC, in seconds
CODE_TOKEN = re.compile(r"(?<![0-9A-Za-z])KF[-\s]?[0-9A-Za-z]{2,}(?:[-\s][0-9A-Za-z]{1,})*", re.IGNORECASE)

Answer = Any  # int | list[int] | list[int | None] | str | None; fill-in decoded as its 16-bit hash


class CodeError(Exception):
    """A code that cannot be read; the message is Chinese and meant for the trainer."""


@dataclass(frozen=True)
class Shape:
    """What the encoder needs to know about one question of a form."""

    type: QType
    n: int  # options / items / right-hand sides
    m: int = 0  # matching: number of left-hand sides


@dataclass(frozen=True)
class Decoded:
    tag: int
    version: int
    learner: str
    answers: list[Answer]
    attempt: int = 1
    start: int = 0  # minutes since EPOCH
    minutes: int = 0  # from start to submission

    @property
    def started(self) -> int:
        """Start time in seconds since 1970 (UTC)."""
        return EPOCH + self.start * 60


@dataclass(frozen=True)
class Sitting:
    """When and how often: what the page adds to the answers."""

    attempt: int = 1
    start: int = 0
    minutes: int = 0


def tag_of(assignment_id: str) -> int:
    return crc16(assignment_id.encode("utf-8"))


def normalize_learner(value: str) -> str:
    return "".join(c for c in value.upper() if c in LEARNER)[:15]


class _Bits:
    def __init__(self) -> None:
        self.bits: list[int] = []

    def put(self, value: int, width: int) -> None:
        self.bits += [(value >> (width - 1 - i)) & 1 for i in range(width)]


class _Reader:
    def __init__(self, bits: list[int]) -> None:
        self.bits, self.pos = bits, 0

    def get(self, width: int) -> int:
        if self.pos + width > len(self.bits):
            raise CodeError("结果码太短，少抄了几位。")
        value = 0
        for bit in self.bits[self.pos : self.pos + width]:
            value = value << 1 | bit
        self.pos += width
        return value


def _put_answer(out: _Bits, shape: Shape, answer: Answer) -> None:
    w = shape.n.bit_length()
    match shape.type:
        case QType.MULTI:
            chosen = set(answer or [])
            out.put(sum(1 << (shape.n - 1 - i) for i in chosen), shape.n)
        case QType.ORDER | QType.MATCH:
            slots = list(answer or [])
            for i in range(shape.m if shape.type == QType.MATCH else shape.n):
                value = slots[i] if i < len(slots) else None
                out.put(0 if value is None else value + 1, w)
        case QType.FILL:
            out.put(0 if answer is None else 1, 1)
            if answer is not None:
                out.put(answer, 16)
        case QType.SINGLE | QType.BEST_REPLY | QType.TRUE_FALSE:
            out.put(0 if answer is None else answer + 1, w)
        case _:
            assert_never(shape.type)


def _get_answer(reader: _Reader, shape: Shape) -> Answer:
    w = shape.n.bit_length()
    match shape.type:
        case QType.MULTI:
            mask = reader.get(shape.n)
            return [i for i in range(shape.n) if mask >> (shape.n - 1 - i) & 1]
        case QType.ORDER | QType.MATCH:
            slots = [reader.get(w) for _ in range(shape.m if shape.type == QType.MATCH else shape.n)]
            if shape.type == QType.ORDER and not any(slots):
                return None
            return [s - 1 if s else None for s in slots]
        case QType.FILL:
            return reader.get(16) if reader.get(1) else None
        case QType.SINGLE | QType.BEST_REPLY | QType.TRUE_FALSE:
            value = reader.get(w)
            return value - 1 if value else None
        case _:
            assert_never(shape.type)


def _to_base32(data: bytes) -> str:
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 5)
    chars = "".join(ALPHABET[int(bits[i : i + 5], 2)] for i in range(0, len(bits), 5))
    return "-".join([PREFIX, *(chars[i : i + 4] for i in range(0, len(chars), 4))])


FIRST = Sitting()


def encode(tag: int, version: int, learner: str, shapes: list[Shape], answers: list[Answer], sitting: Sitting = FIRST) -> str:
    """The code for these answers (fill-in answers given as their 16-bit hash)."""
    learner = normalize_learner(learner)
    out = _Bits()
    out.put(FORMAT, 4)
    out.put(tag, 16)
    out.put(version, 16)
    out.put(len(learner), 4)
    for c in learner:
        out.put(LEARNER.index(c), 6)
    out.put(min(max(sitting.attempt, 1), 15), 4)
    out.put(min(max(sitting.start, 0), 2**24 - 1), 24)
    out.put(min(max(sitting.minutes, 0), 4095), 12)
    for shape, answer in zip(shapes, answers, strict=True):
        _put_answer(out, shape, answer)
    out.bits += [0] * (-len(out.bits) % 8)
    data = bytes(int("".join(map(str, out.bits[i : i + 8])), 2) for i in range(0, len(out.bits), 8))
    return _to_base32(data + crc16(data).to_bytes(2, "big"))


def _raw_bits(code: str) -> list[int]:
    body = re.sub(r"[\s\-]", "", code.strip()).upper()
    if not body.startswith(PREFIX):
        raise CodeError("不是结果码：结果码以 KF 开头。")
    bits: list[int] = []
    for char in body[len(PREFIX) :]:
        if char not in _DECODE:
            raise CodeError(f"结果码中出现了不会用到的字符“{char}”，可能抄错了。")
        bits += [(_DECODE[char] >> (4 - i)) & 1 for i in range(5)]
    return bits


def read_header(code: str) -> tuple[Decoded, list[int], int]:
    """Check the CRC and read the header; returns the header, payload bits and read position."""
    bits = _raw_bits(code)
    whole = len(bits) // 8
    if whole < 7 or len(bits) - whole * 8 >= 5:
        raise CodeError("结果码长度不对，可能少抄或多抄了几位。")
    data = bytes(int("".join(map(str, bits[i * 8 : i * 8 + 8])), 2) for i in range(whole))
    # A typo in the last character lands in the CRC or in the padding: both are a checksum failure.
    if any(bits[whole * 8 :]) or crc16(data[:-2]) != int.from_bytes(data[-2:], "big"):
        raise CodeError("校验不通过：结果码抄错了，或被改动过。")
    reader = _Reader([int(b) for byte in data[:-2] for b in f"{byte:08b}"])
    if reader.get(4) != FORMAT:
        raise CodeError("不认识的结果码格式版本：可能来自旧版页面，请让学员在现在的页面上重考。")
    tag, version = reader.get(16), reader.get(16)
    length = reader.get(4)
    learner = "".join(LEARNER[min(reader.get(6), len(LEARNER) - 1)] for _ in range(length))
    attempt, start, minutes = reader.get(4), reader.get(24), reader.get(12)
    return Decoded(tag, version, learner, [], attempt, start, minutes), reader.bits, reader.pos


def read_answers(bits: list[int], pos: int, shapes: list[Shape]) -> list[Answer]:
    reader = _Reader(bits)
    reader.pos = pos
    answers = [_get_answer(reader, shape) for shape in shapes]
    if len(bits) - reader.pos >= 8 or any(bits[reader.pos :]):
        raise CodeError("结果码的内容与试卷对不上（长度不符）。")
    return answers
