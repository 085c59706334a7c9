"""Lint real transcripts for taboo phrases and required wording (``python -m scripts_gen lint FILE…``).

Files are streamed line by line in bounded memory: a line longer than
:data:`MAX_LINE_BYTES` is skipped (and reported) without ever being held whole.
The argparse-free core is :func:`lint_lines` (any iterable of text lines, e.g. a
generator) and :func:`lint_path` (a file on disk, decoded line by line so that an
encoding error names its line); both yield :class:`Violation`,
:class:`InputProblem` (``warning=True`` for lines that were not understood) and,
last, one :class:`Summary`.

Plain-text transcripts are read the way call centres export them::

    ==== 会话 20240501-001 渠道：在线 话术：callback-script ====
    [09:12:03] 客服小林：您好，请问有什么可以帮您？
    2024-05-01 09:12:09 客户：我的快递……
    【客服】好的，   坐席(1023)：……   Agent: ……
    a line without a prefix continues the message above it

A separator line (``===``/``---``/``会话 …``) starts a session and may name its
channel (渠道) and script (话术); CSV/JSONL carry the same in ``session``,
``channel``, ``agent`` and ``script`` columns.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from scripts_gen.taboo.matcher import Matcher
from scripts_gen.taboo.required import Requirement, SessionCheck

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MAX_LINE_BYTES = 1 << 20
AGENT_LABELS = ("客服", "坐席", "座席", "人工客服", "话务员", "agent")
CUSTOMER_LABELS = ("客户", "顾客", "买家", "用户", "访客", "来电人", "customer")
OTHER_LABELS = ("系统", "机器人", "自动回复", "system", "bot")
CHANNELS = ("电话", "在线", "回访", "短信", "邮件", "面谈")
# What exports call the channels: values are matched case-insensitively.
CHANNEL_ALIASES = {"phone": "电话", "call": "电话", "voice": "电话", "电话咨询": "电话", "热线": "电话", "语音": "电话",
                   "online": "在线", "chat": "在线", "im": "在线", "在线咨询": "在线", "网聊": "在线", "旺旺": "在线",
                   "sms": "短信", "email": "邮件", "mail": "邮件", "callback": "回访"}


def canonical_channel(value: str | None) -> str | None:
    """The handbook's name for a channel value (电话、在线 …), or the value itself if unknown."""
    if not value:
        return None
    value = value.strip()
    return value if value in CHANNELS else CHANNEL_ALIASES.get(value.casefold(), value)


@dataclass(frozen=True)
class Options:
    """What counts as an agent line and how input files are read."""

    agent_prefixes: tuple[str, ...] = AGENT_LABELS
    customer_prefixes: tuple[str, ...] = CUSTOMER_LABELS
    all_speakers: bool = False
    fmt: str = "auto"  # auto, text, csv or jsonl
    encoding: str = "utf-8"
    speaker_column: str = "speaker"
    text_column: str = "text"
    channel: str | None = None  # when the transcript does not say
    script: str | None = None  # when the transcript does not say


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    column: int  # 1-based, in characters
    taboo_id: str  # the taboo, or the rule / script step that requires wording
    matched: str
    suggestions: tuple[str, ...]
    agent: str = ""
    session: str = ""
    kind: str = "taboo"  # 'taboo' or 'required'
    message: str = ""
    text: str = field(default="", compare=False)
    fingerprint: str = field(default="", compare=False)
    channel: str = field(default="", compare=False)
    at: int = field(default=-1, compare=False)  # where ``matched`` starts in ``text``

    def format(self) -> str:
        if self.kind == "required":
            return f"{self.path}:{self.line}:{self.column}: {self.taboo_id} {self.message} → 应说：{'；'.join(self.suggestions)}"
        return f"{self.path}:{self.line}:{self.column}: {self.taboo_id} «{self.matched}» → 建议：{'；'.join(self.suggestions)}"


@dataclass(frozen=True)
class InputProblem:
    path: str
    line: int
    message: str
    fatal: bool = False  # the rest of the file was not read
    warning: bool = False  # reported, but the run still counts as a success

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Summary:
    path: str
    agent_lines: int
    violations: int
    agents: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # agent → agent lines
    unrecognised: int = field(default=0, compare=False)
    required: int = field(default=0, compare=False)  # of ``violations``: missing required wording

    @property
    def per_100(self) -> float:
        return round(self.violations * 100 / self.agent_lines, 2) if self.agent_lines else 0.0

    def format(self) -> str:
        missing = f"必说缺失 {self.required} 处，" if self.required else ""
        return (f"{self.path}：客服发言 {self.agent_lines} 行，禁语 {self.violations - self.required} 处，{missing}"
                f"每百行 {self.per_100:.2f} 处")


Event = Violation | InputProblem | Summary


@dataclass(slots=True)
class Utterance:
    line: int
    speaker: str  # 'agent', 'customer' or 'other'
    text: str
    offset: int  # characters before ``text`` in the reported line
    agent: str = ""
    session: str = ""
    channel: str | None = None
    script: str | None = None
    continued: bool = False  # continues the message of the line before


@dataclass(frozen=True)
class _SessionStart:
    line: int
    session: str
    channel: str | None
    script: str | None


@dataclass(frozen=True)
class _Unrecognised:
    line: int
    text: str


_Item = Utterance | InputProblem | _SessionStart | _Unrecognised

_STAMP = r"(?:\[\s*)?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]+)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*\])?"
_PREFIX = re.compile(
    rf"\s*(?:{_STAMP}\s*)?"
    r"(?:【(?P<blabel>[^】\s]{1,16})】\s*[：:]?"
    r"|(?P<label>[^\s：:【】\[\]()（）,，。]{1,16}?)\s*(?:[(（]\s*(?P<id>[^)）]{1,16}?)\s*[)）])?\s*[：:])\s*"
)
_SEPARATOR = re.compile(r"\s*(?:[=\-*#~_]{3,}|[【\[]?\s*(?:会话|session)\s*(?:编号|id)?\s*[：:#]?\s*[A-Za-z0-9])",
                        re.IGNORECASE)
_SESSION_ID = re.compile(r"(?:会话|session)\s*(?:编号|id)?\s*[：:#]?\s*([A-Za-z0-9][\w.-]*)", re.IGNORECASE)
_CHANNEL = re.compile(r"渠道\s*[：:]\s*(\S+?)(?=[\s=\-*#】\]]|$)")
_SCRIPT = re.compile(r"(?:话术|script)\s*[：:]\s*([a-z0-9]+(?:-[a-z0-9]+)*)", re.IGNORECASE)


class _Speakers:
    def __init__(self, options: Options) -> None:
        self.agents = sorted((p.casefold() for p in options.agent_prefixes), key=len, reverse=True)
        self.customers = tuple(p.casefold() for p in options.customer_prefixes)
        self._known: dict[str, tuple[str, str]] = {}

    def of_label(self, label: str) -> tuple[str, str]:
        """('agent' | 'customer' | 'other' | '', agent name) of a speaker label ('' = not a speaker)."""
        known = self._known.get(label)
        if known is None:
            known = self._classify(label)
            if len(self._known) < 4096:  # labels repeat; a hostile file must not grow this without bound
                self._known[label] = known
        return known

    def _classify(self, label: str) -> tuple[str, str]:
        key = label.strip().casefold()
        for prefix in self.agents:
            if key.startswith(prefix):
                return "agent", label.strip()[len(prefix):].strip()
        if key.startswith(self.customers):
            return "customer", ""
        if key.startswith(tuple(OTHER_LABELS)):
            return "other", ""
        return "", ""


def _header(number: int, line: str, count: int) -> _SessionStart:
    sid = _SESSION_ID.search(line)
    channel = _CHANNEL.search(line)
    script = _SCRIPT.search(line)
    return _SessionStart(number, sid.group(1) if sid else str(count),
                         canonical_channel(channel.group(1)) if channel else None, script.group(1) if script else None)


def _text_items(lines: Iterable[tuple[int, str]], speakers: _Speakers) -> Iterator[_Item]:
    previous: Utterance | None = None
    sessions = 0
    session = ""
    for number, line in lines:
        line = line.rstrip("\r\n")
        if not line or line.isspace():
            previous = None
            continue
        hit = _PREFIX.match(line)
        if hit is None and _SEPARATOR.match(line):
            sessions += 1
            start = _header(number, line, sessions)
            session = start.session
            previous = None
            yield start
            continue
        who, name = speakers.of_label(hit.group("blabel") or hit.group("label")) if hit else ("", "")
        if hit and who:
            ident = hit.group("id")
            agent = (f"{name}/{ident}" if name else ident) if ident else name
            previous = Utterance(number, who, line[hit.end():], hit.end(), agent, session)
            yield previous
        elif previous is not None and not hit:
            yield Utterance(number, previous.speaker, line, 0, previous.agent, session, continued=True)
        else:
            previous = None
            yield _Unrecognised(number, line)


def _columns(header: Sequence[str], options: Options) -> dict[str, int]:
    names = {"speaker": options.speaker_column, "text": options.text_column,
             "session": "session", "channel": "channel", "agent": "agent", "script": "script"}
    return {key: header.index(name) for key, name in names.items() if name in header}


_FIELDS = ("speaker", "text", "session", "channel", "agent", "script")


def _record(number: int, cells: dict[str, str], speakers: _Speakers) -> Utterance:
    who, name = speakers.of_label(cells.get("speaker", ""))
    return Utterance(number, who or "other", cells.get("text", ""), 0, cells.get("agent", "").strip() or name,
                     cells.get("session", "").strip(), canonical_channel(cells.get("channel")),
                     cells.get("script", "").strip() or None)


def _csv_items(lines: Iterable[tuple[int, str]], path: str, speakers: _Speakers,
               options: Options) -> Iterator[_Item]:
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
    cols = _columns(header, options)
    needed = max(cols["speaker"], cols["text"])
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
        if len(row) <= needed:
            yield InputProblem(path, start, f"这一行只有 {len(row)} 列，缺少说话人或文本列；已跳过。")
            continue
        yield _record(start, {key: row[i] for key, i in cols.items() if i < len(row)}, speakers)


def _jsonl_items(lines: Iterable[tuple[int, str]], path: str, speakers: _Speakers,
                 options: Options) -> Iterator[_Item]:
    keys = {"speaker": options.speaker_column, "text": options.text_column}
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(path, number, f"不是有效的 JSON（第 {err.colno} 列：{err.msg}）；已跳过这一行。")
            continue
        if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in keys.values()):
            yield InputProblem(path, number, f"每行应是含字符串字段“{keys['speaker']}”和“{keys['text']}”的 JSON 对象；"
                               "已跳过这一行。")
            continue
        yield _record(number, {key: str(record.get(keys.get(key, key)) or "") for key in _FIELDS}, speakers)


def detect_format(path: str, options: Options) -> str:
    """text, csv or jsonl: ``options.fmt`` unless auto, else by file extension."""
    return options.fmt if options.fmt != "auto" else FORMATS.get(Path(path).suffix.lower(), "text")


def fingerprint(name: str, session: str, agent: str, rule: str, text: str, occurrence: int) -> str:
    """A finding's identity that survives lines moving: file name, session, agent, rule, words, which time."""
    key = "\x1f".join((name, session, agent, rule, text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def lint_lines(lines: Iterable[str], matcher: Matcher, options: Options = Options(),
               path: str = "<stdin>", fmt: str = "text", requirements: Sequence[Requirement] = ()) -> Iterator[Event]:
    """Lint already-decoded lines (numbered from 1); the last event is the Summary."""
    notes: list[InputProblem] = []
    return _lint(_capped(enumerate(lines, 1), path, notes), matcher, options, path, fmt, notes, requirements)


def _capped(numbered: Iterable[tuple[int, str]], path: str, notes: list[InputProblem]) -> Iterator[tuple[int, str]]:
    for number, line in numbered:
        if len(line) > MAX_LINE_BYTES:
            notes.append(_too_long(path, number))
            line = ""
        yield number, line


def _too_long(path: str, number: int) -> InputProblem:
    return InputProblem(path, number, f"第 {number} 行超过 {MAX_LINE_BYTES // (1 << 20)} MiB，不像一条对话，已跳过未检查。"
                        "修改方法：确认导出的文件有换行，或按会话拆分后重新检查。", warning=True)


class _Session:
    """Where one session is: its id, channel, script and required-wording check."""

    def __init__(self, start: _SessionStart | None, options: Options, requirements: Sequence[Requirement]) -> None:
        self.id = start.session if start else ""
        self.line = start.line if start else 1
        channel = (start.channel if start else None) or canonical_channel(options.channel)
        self.channel = channel if channel in CHANNELS else None  # unknown: warned about, checked as any channel
        self.script = (start.script if start else None) or options.script
        self.check = SessionCheck(requirements, self.channel, self.script)


def _lint(numbered: Iterable[tuple[int, str]], matcher: Matcher, options: Options,
          path: str, fmt: str, notes: list[InputProblem], requirements: Sequence[Requirement] = ()) -> Iterator[Event]:
    speakers = _Speakers(options)
    name = Path(path).name
    if fmt == "csv":
        items: Iterable[_Item] = _csv_items(numbered, path, speakers, options)
    elif fmt == "jsonl":
        items = _jsonl_items(numbered, path, speakers, options)
    else:
        items = _text_items(numbered, speakers)
    agent_lines = violations = required = 0
    agents: Counter[str] = Counter()
    seen: Counter[tuple[str, ...]] = Counter()
    unrecognised: list[int] = []  # the first few line numbers
    unrecognised_count = 0
    unknown_channels: set[str] = set()
    session = _Session(None, options, requirements)

    def close() -> Iterator[Violation]:
        for found in session.check.missing():
            key = (session.id, found.agent, found.rule_id, found.message)
            seen[key] += 1
            yield Violation(path, found.line or session.line, 1, found.rule_id, "", found.suggestions, found.agent,
                            session.id, "required", found.message, "",
                            fingerprint(name, session.id, found.agent, found.rule_id, found.message, seen[key]),
                            session.channel or "")

    for item in items:
        yield from notes
        notes.clear()
        if isinstance(item, InputProblem):
            yield item
            continue
        if isinstance(item, _Unrecognised):
            unrecognised_count += 1
            if len(unrecognised) < 5:
                unrecognised.append(item.line)
            continue
        if isinstance(item, _SessionStart):
            for found in close():
                violations += 1
                required += 1
                yield found
            session = _Session(item, options, requirements)
            continue
        if item.session and item.session != session.id:
            for found in close():
                violations += 1
                required += 1
                yield found
            session = _Session(_SessionStart(item.line, item.session, item.channel, item.script), options, requirements)
        if item.speaker == "agent":
            if not item.continued:
                agent_lines += 1
                agents[item.agent] += 1
            session.check.add(item.line, item.agent, item.text, item.continued)
        if item.speaker != "agent" and not options.all_speakers:
            continue
        channel = item.channel or session.channel
        if channel is not None and channel not in CHANNELS:
            if channel not in unknown_channels:
                unknown_channels.add(channel)
                yield InputProblem(path, item.line, f"不认识的渠道“{channel}”，这些会话按渠道未知处理（所有禁语都检查）。"
                                   f"修改方法：写成 {'、'.join(CHANNELS)} 之一。", warning=True)
            channel = None
        for hit in matcher.find(item.text, channel):
            violations += 1
            line, column = _position(item, hit.start)
            key = (item.session or session.id, item.agent, hit.taboo_id, item.text)
            seen[key] += 1
            yield Violation(path, line, column, hit.taboo_id, hit.matched_text, hit.suggestions, item.agent,
                            item.session or session.id, "taboo", "", item.text,
                            fingerprint(name, key[0], item.agent, hit.taboo_id, matcher.compact(item.text), seen[key]),
                            channel or "", hit.start)
    yield from notes
    for found in close():
        violations += 1
        required += 1
        yield found
    if unrecognised:
        shown = "、".join(map(str, unrecognised)) + ("……" if unrecognised_count > 5 else "")
        yield InputProblem(path, unrecognised[0],
                           f"有 {unrecognised_count} 行认不出说话人，未检查（第 {shown} 行）。修改方法：给这些行加上"
                           "“客服：”“客户：”这样的前缀，或用 --agent-prefix / --customer-prefix 指定本文件的写法。",
                           warning=True)
    yield Summary(path, agent_lines, violations, tuple(sorted(agents.items())), unrecognised_count, required)


def _position(item: Utterance, start: int) -> tuple[int, int]:
    """1-based line and column of ``start``; a CSV cell may span several lines."""
    breaks = item.text.count("\n", 0, start)
    if not breaks:
        return item.line, item.offset + start + 1
    return item.line + breaks, start - item.text.rfind("\n", 0, start)


class DecodeProblem(Exception):
    def __init__(self, problem: InputProblem) -> None:
        self.problem = problem
        super().__init__(problem.format())


class _LineSource(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _raw_lines(handle: _LineSource, path: str, notes: list[InputProblem]) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines, never holding more than MAX_LINE_BYTES of one line."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1 << 16)
            notes.append(_too_long(path, number))
            raw = b"\n"
        yield number, raw


def _decoded(handle: _LineSource, path: str, encoding: str, notes: list[InputProblem]) -> Iterator[tuple[int, str]]:
    for number, raw in _raw_lines(handle, path, notes):
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
              handle: BinaryIO | None = None, requirements: Sequence[Requirement] = ()) -> Iterator[Event]:
    """Lint one file (or an open binary ``handle``), streaming it line by line."""
    fmt = detect_format(path, options)
    notes: list[InputProblem] = []
    try:
        with (handle if handle is not None else open(path, "rb")) as source:
            events = _lint(_decoded(source, path, options.encoding, notes), matcher, options, path, fmt, notes,
                           requirements)
            try:
                yield from events
            except DecodeProblem as err:
                yield err.problem
    except LookupError:
        yield InputProblem(path, 0, f"不认识的编码“{options.encoding}”，例如可写 --encoding gbk。", True)
    except OSError as err:
        yield InputProblem(path, 0, f"无法打开文件：{err.strerror}。", True)
