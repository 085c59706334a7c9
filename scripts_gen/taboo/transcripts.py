"""Lint real transcripts for taboo phrases (``python -m scripts_gen lint FILE…``).

Files are streamed line by line in constant memory.  The argparse-free core is
:func:`lint_lines` (any iterable of text lines, e.g. a generator) and
:func:`lint_path` (a file on disk, decoded line by line so that an encoding
error names its line); both yield :class:`Violation`, :class:`InputProblem`
and, last, one :class:`Summary`. The command line is in ``lint``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from scripts_gen.taboo.matcher import Matcher

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class Options:
    """What counts as an agent line and how input files are read."""

    agent_prefixes: tuple[str, ...] = ("客服",)
    customer_prefixes: tuple[str, ...] = ("客户",)
    all_speakers: bool = False
    fmt: str = "auto"  # auto, text, csv or jsonl
    encoding: str = "utf-8"
    speaker_column: str = "speaker"
    text_column: str = "text"


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    column: int  # 1-based, in characters
    taboo_id: str
    matched: str
    suggestions: tuple[str, ...]

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.taboo_id} «{self.matched}» → 建议：{'；'.join(self.suggestions)}"


@dataclass(frozen=True)
class InputProblem:
    path: str
    line: int
    message: str
    fatal: bool = False  # the rest of the file was not read

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Summary:
    path: str
    agent_lines: int
    violations: int

    @property
    def per_100(self) -> float:
        return round(self.violations * 100 / self.agent_lines, 2) if self.agent_lines else 0.0

    def format(self) -> str:
        return (f"{self.path}：客服发言 {self.agent_lines} 行，禁语 {self.violations} 处，"
                f"每百行 {self.per_100:.2f} 处")


Event = Violation | InputProblem | Summary


@dataclass(frozen=True)
class _Utterance:
    line: int
    speaker: str  # 'agent', 'customer' or 'other'
    text: str
    offset: int  # characters before ``text`` in the reported line


class _Speakers:
    def __init__(self, options: Options) -> None:
        agents = "|".join(map(re.escape, options.agent_prefixes)) or "(?!)"
        customers = "|".join(map(re.escape, options.customer_prefixes)) or "(?!)"
        self.prefix = re.compile(rf"\s*(?:(?P<agent>{agents})|(?P<customer>{customers}))\s*[：:]")
        self.agents = {p.casefold() for p in options.agent_prefixes} | {"agent"}
        self.customers = {p.casefold() for p in options.customer_prefixes} | {"customer"}

    def of_label(self, label: str) -> str:
        label = label.strip().casefold()
        return "agent" if label in self.agents else "customer" if label in self.customers else "other"


def _text_utterances(lines: Iterable[tuple[int, str]], speakers: _Speakers) -> Iterator[_Utterance]:
    for number, line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        hit = speakers.prefix.match(line)
        if hit is None:
            yield _Utterance(number, "other", line, 0)
        else:
            yield _Utterance(number, hit.lastgroup or "other", line[hit.end():], hit.end())


def _csv_utterances(lines: Iterable[tuple[int, str]], path: str, speakers: _Speakers,
                    options: Options) -> Iterator[_Utterance | InputProblem]:
    numbered = iter(lines)
    current = [0]

    def feed() -> Iterator[str]:
        for number, line in numbered:
            current[0] = number
            yield line

    reader = csv.reader(feed())
    try:
        header = next(reader)
    except StopIteration:
        return
    wanted = (options.speaker_column, options.text_column)
    if any(col not in header for col in wanted):
        yield InputProblem(path, current[0], f"CSV 表头缺少列“{'”“'.join(c for c in wanted if c not in header)}”"
                           f"（现有列：{'、'.join(header)}）。可用 --speaker-column / --text-column 指定列名。", True)
        return
    who, what = header.index(options.speaker_column), header.index(options.text_column)
    while True:
        start = current[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield InputProblem(path, start, f"CSV 格式错误：{err}；已跳过这一行。")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(who, what):
            yield InputProblem(path, start, f"这一行只有 {len(row)} 列，缺少说话人或文本列；已跳过。")
            continue
        yield _Utterance(start, speakers.of_label(row[who]), row[what], 0)


def _jsonl_utterances(lines: Iterable[tuple[int, str]], path: str, speakers: _Speakers,
                      options: Options) -> Iterator[_Utterance | InputProblem]:
    keys = (options.speaker_column, options.text_column)
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(path, number, f"不是有效的 JSON（第 {err.colno} 列：{err.msg}）；已跳过这一行。")
            continue
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in keys):
            yield InputProblem(path, number, f"每行应是含字符串字段“{keys[0]}”和“{keys[1]}”的 JSON 对象；已跳过这一行。")
            continue
        yield _Utterance(number, speakers.of_label(record[keys[0]]), record[keys[1]], 0)


def detect_format(path: str, options: Options) -> str:
    """text, csv or jsonl: ``options.fmt`` unless auto, else by file extension."""
    return options.fmt if options.fmt != "auto" else FORMATS.get(Path(path).suffix.lower(), "text")


def lint_lines(lines: Iterable[str], matcher: Matcher, options: Options = Options(),
               path: str = "<stdin>", fmt: str = "text") -> Iterator[Event]:
    """Lint already-decoded lines (numbered from 1); the last event is the Summary."""
    return _lint(enumerate(lines, 1), matcher, options, path, fmt)


def _lint(numbered: Iterable[tuple[int, str]], matcher: Matcher, options: Options,
          path: str, fmt: str) -> Iterator[Event]:
    speakers = _Speakers(options)
    if fmt == "csv":
        items: Iterable[_Utterance | InputProblem] = _csv_utterances(numbered, path, speakers, options)
    elif fmt == "jsonl":
        items = _jsonl_utterances(numbered, path, speakers, options)
    else:
        items = _text_utterances(numbered, speakers)
    agent_lines = violations = 0
    for item in items:
        if isinstance(item, InputProblem):
            yield item
            continue
        agent_lines += item.speaker == "agent"
        if item.speaker != "agent" and not options.all_speakers:
            continue
        for hit in matcher.find(item.text):
            violations += 1
            line, column = _position(item, hit.start)
            yield Violation(path, line, column, hit.taboo_id, hit.matched_text, hit.suggestions)
    yield Summary(path, agent_lines, violations)


def _position(item: _Utterance, start: int) -> tuple[int, int]:
    """1-based line and column of ``start``; a CSV cell may span several lines."""
    breaks = item.text.count("\n", 0, start)
    if not breaks:
        return item.line, item.offset + start + 1
    return item.line + breaks, start - item.text.rfind("\n", 0, start)


class DecodeProblem(Exception):
    def __init__(self, problem: InputProblem) -> None:
        self.problem = problem
        super().__init__(problem.format())


def _decoded(handle: BinaryIO, path: str, encoding: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise DecodeProblem(InputProblem(path, 1, "文件是 UTF-16 编码，无法逐行读取。修改方法：用编辑器把文件另存为 UTF-8。", True))
        if number == 1 and encoding.replace("_", "-").lower() in ("utf-8", "utf8") and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode(encoding)
        except UnicodeDecodeError as err:
            raise DecodeProblem(_decode_problem(path, number, raw, encoding, err)) from None


def _decode_problem(path: str, number: int, raw: bytes, encoding: str, err: UnicodeDecodeError) -> InputProblem:
    guess = ""
    for other in ("utf-8", "gbk"):
        if other != encoding.lower():
            try:
                raw.decode(other)
                guess = other
                break
            except UnicodeDecodeError:
                pass
    hint = {"gbk": "看起来是 GBK/GB2312 编码（Windows 记事本或 Excel 的默认编码）",
            "utf-8": "看起来是 UTF-8 编码"}.get(guess, "编码无法识别")
    fix = f"加上 --encoding {guess} 重新运行" if guess else "确认文件的实际编码后用 --encoding 指定"
    return InputProblem(path, number, f"无法按 {encoding} 编码读取第 {number} 行（第 {err.start + 1} 个字节处），"
                        f"{hint}。修改方法：{fix}，或用编辑器把文件另存为 UTF-8。", True)


def lint_path(path: str, matcher: Matcher, options: Options = Options(),
              handle: BinaryIO | None = None) -> Iterator[Event]:
    """Lint one file (or an open binary ``handle``), streaming it line by line."""
    fmt = detect_format(path, options)
    try:
        with (handle if handle is not None else open(path, "rb")) as source:
            events = _lint(_decoded(source, path, options.encoding), matcher, options, path, fmt)
            try:
                yield from events
            except DecodeProblem as err:
                yield err.problem
    except LookupError:
        yield InputProblem(path, 0, f"不认识的编码“{options.encoding}”，例如可写 --encoding gbk。", True)
    except OSError as err:
        yield InputProblem(path, 0, f"无法打开文件：{err.strerror}。", True)
