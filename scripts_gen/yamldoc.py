"""Read YAML files safely and remember where every value came from.

libyaml's events are turned into plain Python data and the position table in
one pass; anything out of the ordinary (and every file libyaml refuses) is read
again through PyYAML's composer, whose node tree gives the messages and positions
editors are shown. Either way we build the data ourselves, so that (a) no tag
outside plain YAML data is ever constructed, (b) aliases are refused before they can expand (billion laughs),
and (c) every later error can point at ``file:line:column``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts_gen.problems import Problem

Loc = tuple[int | str, ...]

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
# Deeper than any data file needs, far below what would exhaust Python's stack.
MAX_DEPTH = 50
# A plain integer longer than this is an id, a phone number or a typo, never a count.
MAX_DIGITS = 15

# YAML 1.2 core schema, the plain scalars that are not strings.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
# Plain scalars that YAML 1.1 (PyYAML, many editors) and YAML 1.2 read differently, or
# read as a number the editor did not mean: octal 0100, sexagesimal 1:30, 1_000, 0x1F, .inf, .nan.
_AMBIGUOUS = re.compile(
    r"[-+]?0[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*\.[0-9_]*_[0-9_]*"
    r"|[-+]?0[xXoObB][0-9a-fA-F_]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# Characters that are invisible, reorder text or break lines in a page: C0/C1 controls,
# format characters (bidi overrides, soft hyphen, zero-width), line/paragraph separators.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
_CHAR_NAMES = {
    "\r": "回车符（CR）",
    "\x00": "空字符（NUL）",
    "\u00ad": "软连字符（U+00AD）",
    "\u200b": "零宽空格（U+200B）",
    "\ufeff": "零宽不换行空格（U+FEFF）",
}


def hidden_char(char: str, *, newline: bool = False) -> bool:
    """True for a character that must not reach a page (tab and newline only where ``newline``)."""
    if char in "\t\n":
        return not newline
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def char_name(char: str) -> str:
    """A Chinese name for a hidden character, e.g. 回车符（CR）."""
    if char in _CHAR_NAMES:
        return _CHAR_NAMES[char]
    code = f"U+{ord(char):04X}"
    category = unicodedata.category(char)
    if 0x202A <= ord(char) <= 0x202E or 0x2066 <= ord(char) <= 0x2069 or char in "\u200e\u200f\u061c":
        return f"文字方向控制符（{code}）"
    if category == "Cc":
        return f"控制字符（{code}）"
    if category in ("Zl", "Zp"):
        return f"分行符（{code}）"
    return f"不可见的格式字符（{code}）"


HIDDEN_FIX = (
    "删除这个看不见的字符（从别处复制文字时常会带进来）：在编辑器中打开“显示不可见字符”后删除，或把这段文字重新输入一遍。"
    "禁语检查器的例句（specs）确实要含这种字符时，放进双引号并写成转义，例如 \"不\\u0001清楚\"。"
)


@dataclass
class Document:
    """One data file: its parsed content and the position of every value and key."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Single-line scalars whose text starts at a known column: loc → 1 for a quote, 0 if plain.
    inline: dict[Loc, int] = field(default_factory=dict)
    # Scalars refused while reading (ambiguous numbers); the rest of the file still loads.
    problems: list[Problem] = field(default_factory=list)

    def where_in(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the one-line scalar at ``loc``."""
        line, column = self.where(loc)
        if loc in self.inline:
            return line, column + self.inline[loc] + offset
        return line, column

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Best known (line, column) for ``loc``, walking up to the nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


class _Reject(Exception):
    def __init__(self, node: yaml.Node | yaml.Mark, code: str, message: str, fix: str) -> None:
        mark: Any = getattr(node, "start_mark", node)  # a node, or a mark (Python's or libyaml's)
        self.line, self.column = mark.line + 1, mark.column + 1
        self.code, self.message, self.fix = code, message, fix


class _Composer(yaml.composer.Composer):
    """A composer that refuses aliases and deep nesting instead of sharing nodes or recursing."""

    depth = 0
    # Provided by the parser it is mixed with (Python's or libyaml's).
    check_event: Any
    peek_event: Any

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.depth >= MAX_DEPTH:
            event = self.peek_event()
            raise _Reject(
                event.start_mark,
                "yaml-too-deep",
                f"嵌套超过 {MAX_DEPTH} 层（列表或键值对套得太深）。",
                "数据文件只需要几层缩进：检查是否多写了“[”“{”或缩进错位，参照文件开头注释中的示例。",
            )
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Reject(
                event.start_mark,
                "yaml-alias",
                f"不支持 YAML 别名“*{event.anchor}”。",
                "把要重复的内容直接写出来；数据文件中不使用 & 锚点和 * 别名。",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _Composer, yaml.resolver.Resolver):
    """The pure-Python reader: slow, but its error messages and marks are the ones editors are shown."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)


# libyaml's event parser (about 10x faster) under the same composer and resolver, so a file
# it accepts gives the same nodes, tags and marks; a file it rejects is read again by _Loader
# for the messages and positions editors know.
_FAST = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if _FAST is not None:

    class _FastLoader(_Composer, _FAST, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _FAST.__init__(self, stream)  # type: ignore[misc]
            _Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
            node: yaml.ScalarNode = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml says "" for a plain scalar, Python None
            return node


class _Unusual(Exception):
    """Something the one-pass reader leaves to the composing readers (they say what is wrong, and where)."""


_EVENTS = yaml.events
_RESOLVER: Any = yaml.resolver.Resolver()
_SEQ, _MAP, _STR = f"{_YAML}seq", f"{_YAML}map", f"{_YAML}str"


def _scalar_tag(event: Any) -> str:
    """The tag ``_Composer`` gives a scalar event (the resolver is asked only where a rule could apply)."""
    tag: str | None = event.tag
    if tag is not None and tag != "!":
        return tag
    value: str = event.value
    implicit = event.implicit
    resolvers = _RESOLVER.yaml_implicit_resolvers
    if (implicit[0] and ((value[:1] in resolvers) or None in resolvers)) or _RESOLVER.yaml_path_resolvers:
        resolved: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)
        return resolved
    return _STR


# Untagged plain keys (id, title, …) and the key each reads as: the same few hundred in every file.
_PLAIN_KEYS: dict[str, str] = {}
_KEEP_KEYS = 4096


def _from_events(path: str, text: str) -> Document:
    """The Document ``_build`` makes from libyaml's nodes, built straight from its events in one pass.

    Only for the common case: plain data without anchors, explicit tags other than
    the core ones, ambiguous numbers, duplicate keys or deep nesting. Anything else
    raises _Unusual (or libyaml's error) and the file is read again by the composing
    readers, so every message and position stays theirs.
    """
    parser = _FAST(text)  # type: ignore[misc]
    doc = Document(path, None)
    values, keys, inline = doc.values, doc.keys, doc.inline
    get: Callable[[], Any] = parser.get_event
    scalar_event, mapping_end, sequence_end = _EVENTS.ScalarEvent, _EVENTS.MappingEndEvent, _EVENTS.SequenceEndEvent
    mapping_start, sequence_start = _EVENTS.MappingStartEvent, _EVENTS.SequenceStartEvent
    resolvers = _RESOLVER.yaml_implicit_resolvers
    simple = None not in resolvers and not _RESOLVER.yaml_path_resolvers
    plain_keys = _PLAIN_KEYS

    def scalar(event: Any) -> Any:
        tag = _scalar_tag(event)
        if tag not in _SCALAR_TAGS:
            raise _Unusual
        style = event.style or None
        if style is not None or tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style)
        try:
            return _scalar(node)
        except _Reject:
            raise _Unusual from None

    def build(event: Any, loc: Loc, depth: int) -> Any:
        if depth >= MAX_DEPTH or event.anchor is not None:
            raise _Unusual
        mark: Any = event.start_mark
        values[loc] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is scalar_event:
            value: str = event.value
            style = event.style or None
            if mark.line == event.end_mark.line and style in (None, "'", '"') and "\\" not in value:
                inline[loc] = 0 if style is None else 1
            if event.tag is None and simple and (style is not None or value[:1] not in resolvers):
                return value  # text no implicit rule applies to (most of any data file)
            return scalar(event)
        if kind is sequence_start:
            if event.tag not in (None, "!", _SEQ):
                raise _Unusual
            items: list[Any] = []
            event = get()
            while type(event) is not sequence_end:
                items.append(build(event, (*loc, len(items)), depth + 1))
                event = get()
            return items
        if kind is not mapping_start or event.tag not in (None, "!", _MAP):
            raise _Unusual  # an alias, or a tag on a list or mapping
        result: dict[str, Any] = {}
        event = get()
        while type(event) is not mapping_end:
            if type(event) is not scalar_event or depth + 1 >= MAX_DEPTH or event.anchor is not None:
                raise _Unusual
            written: str = event.value
            key = plain_keys.get(written) if event.tag is None and not event.style else None
            if key is None:
                key = str(scalar(event))
                if event.tag is None and not event.style and len(plain_keys) < _KEEP_KEYS:
                    plain_keys[written] = key
            if key in result:
                raise _Unusual
            where, mark = (*loc, key), event.start_mark
            keys[where] = (mark.line + 1, mark.column + 1)
            result[key] = build(get(), where, depth + 1)
            event = get()
        return result

    try:
        if type(get()) is not _EVENTS.StreamStartEvent or type(get()) is not _EVENTS.DocumentStartEvent:
            raise _Unusual  # an empty file
        doc.data = build(get(), (), 0)
        if type(get()) is not _EVENTS.DocumentEndEvent or type(get()) is not _EVENTS.StreamEndEvent:
            raise _Unusual  # a second document
    finally:
        parser.dispose()
    return doc


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：上一行少了引号，或冒号后缺空格、缩进不对）",
    "could not find expected ':'": "找不到应有的冒号“:”",
    "did not find expected key": "缩进不一致，找不到应有的键",
    "did not find expected '-' indicator": "列表项缩进不一致，缺少“- ”",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    "found undefined alias": "使用了未定义的别名",
    "expected a single document in the stream": "一个文件只能包含一个 YAML 文档（请删除多余的“---”）",
    "found unexpected ':'": "出现了多余的冒号“:”",
    "while scanning a quoted scalar": "引号没有闭合",
    "found character that cannot start any token": "出现了不能作为开头的字符",
}


def _syntax_problem(path: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    raw = (err.problem or err.context or "").strip()
    hint = next((zh for en, zh in _SYNTAX_HINTS.items() if raw.startswith(en)), "")
    if not hint and err.context:
        hint = next((zh for en, zh in _SYNTAX_HINTS.items() if err.context.startswith(en)), "")
    message = f"YAML 语法错误：{hint or '无法解析'}（解析器原文：{raw}）。"
    fix = "检查这一行及上一行的缩进（每级 2 个空格）、冒号后的空格和引号是否成对，例如：title: 回访话术"
    return Problem(path, line, column, "yaml-syntax", message, fix)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed); explain GBK files saved by Windows editors."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        guess = "不是 UTF-8 编码"
        try:
            raw.decode("gbk")
            guess = "不是 UTF-8 编码，看起来是 GBK/GB2312（Windows 记事本或 Excel 的默认编码）"
        except UnicodeDecodeError:
            pass
        fix = "用编辑器以 UTF-8 编码重新保存该文件（VS Code：右下角点击编码 →“通过编码保存”→ UTF-8）。"
        return None, [Problem(path, line, column, "encoding", f"文件{guess}。", fix)]


def _tab_problems(path: str, text: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\t") + 1,
                    "tab-indent",
                    "缩进中使用了制表符（Tab），YAML 只允许空格缩进。",
                    "把 Tab 换成空格（每级 2 个空格）；VS Code 可在右下角把“制表符”改为“空格”。",
                )
            )
    return problems


def _hidden_problems(path: str, text: str) -> list[Problem]:
    """Every hidden character typed into the file itself (a CR of a CRLF line end is fine)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.isprintable():  # no control or format character at all: skip the per-character scan
            continue
        for column, char in enumerate(line, start=1):
            if char != "\t" and hidden_char(char):
                problems.append(
                    Problem(path, number, column, "control-char", f"第 {column} 列有一个看不见的{char_name(char)}。", HIDDEN_FIX)
                )
    return problems


def _refuse_tag(node: yaml.Node) -> _Reject:
    return _Reject(
        node,
        "unsafe-tag",
        f"不允许使用 YAML 标签“{node.tag.replace(_YAML, '!!')}”。",
        "删除“!!”或“!”开头的标签，只写普通文字、数字、列表和键值对。",
    )


def _ambiguous(node: yaml.ScalarNode, why: str) -> _Reject:
    value = node.value if len(node.value) <= 20 else node.value[:20] + "…"
    return _Reject(
        node,
        "ambiguous-scalar",
        f"“{value}”{why}",
        f"如果要的是这几个字本身，请加引号写成 \"{value}\"（例如答案、编号、时间 \"1:30\"）；"
        "如果要的是数字，请写成普通的十进制数，例如 100。",
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar as YAML 1.2 core reads it, or the text the editor wrote; ambiguous numbers are refused."""
    if node.tag not in _SCALAR_TAGS:
        raise _refuse_tag(node)
    text = node.value
    if node.style is not None or node.tag.endswith("str"):
        return text
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _AMBIGUOUS.fullmatch(text):
        return _reject_ambiguous(node, text)
    if _INT.fullmatch(text):
        if len(text.lstrip("+-")) > MAX_DIGITS:
            raise _ambiguous(node, f"是一个 {len(text.lstrip('+-'))} 位的数字，超出了数字的合理范围。")
        return int(text)
    if _FLOAT.fullmatch(text):
        if len(text) > 40 or not math.isfinite(float(text)):
            raise _ambiguous(node, "是一个超出范围的数字，读出来会变成“无穷大”。")
        # Numbers that are not whole keep the editor's text: 1.50 stays "1.50", not 1.5.
        return text
    return text


def _reject_ambiguous(node: yaml.ScalarNode, text: str) -> Any:
    if ":" in text:
        raise _ambiguous(node, "会被当成六十进制数字读取（1:30 变成 90），而不是原样的文字。")
    if "_" in text:
        raise _ambiguous(node, "中的下划线会被忽略（1_000 变成 1000），而不是原样的文字。")
    if text.lstrip("+-").startswith("."):
        raise _ambiguous(node, "会被当成“无穷大”或“非数字”读取，而不是原样的文字。")
    if text.lstrip("+-")[1:2] in ("x", "X", "o", "O", "b", "B"):
        raise _ambiguous(node, "会被当成十六/八/二进制数字读取，而不是原样的文字。")
    raise _ambiguous(node, "以 0 开头，会被当成八进制数字读取（0100 变成 64），开头的 0 也会丢失。")


def _soft_scalar(node: yaml.ScalarNode, doc: Document) -> Any:
    """``_scalar``, but an ambiguous number is recorded and its text kept, so one run lists them all."""
    try:
        return _scalar(node)
    except _Reject as err:
        if err.code != "ambiguous-scalar":
            raise
        doc.problems.append(Problem(doc.path, err.line, err.column, err.code, err.message, err.fix))
        return node.value


def _build(node: yaml.Node, loc: Loc, doc: Document) -> Any:
    doc.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.start_mark.line == node.end_mark.line and node.style in (None, "'", '"') and "\\" not in node.value:
            doc.inline[loc] = 0 if node.style is None else 1
        return _soft_scalar(node, doc)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != f"{_YAML}seq":
            raise _refuse_tag(node)
        return [_build(item, (*loc, i), doc) for i, item in enumerate(node.value)]
    if node.tag != f"{_YAML}map":
        raise _refuse_tag(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Reject(key_node, "yaml-syntax", "键必须是简单文字。", "写成“键: 值”的形式，例如 title: 回访话术")
        key = str(_soft_scalar(key_node, doc))
        if key in result:
            first = doc.keys[(*loc, key)]
            raise _Reject(
                key_node,
                "duplicate-key",
                f"键“{key}”重复出现（第一次在第 {first[0]} 行）。",
                "删除或合并其中一个；同一层级的键不能重复。",
            )
        doc.keys[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, (*loc, key), doc)
    return result


def parse(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file's text into a positioned Document, or explain why not.

    A Document can come with problems (ambiguous numbers): its other values are
    still worth validating so that one run reports everything.
    """
    early = _hidden_problems(path, text) + _tab_problems(path, text)
    if early:
        return None, early
    if _FAST is not None:
        try:
            return _from_events(path, text), []
        except (yaml.YAMLError, _Unusual):
            pass  # read again below: the composing readers report what is wrong
        try:
            return _document(path, _compose(_FastLoader(text)))
        except (yaml.YAMLError, _Reject):
            pass  # read again below, for the pure-Python reader's message and position
    try:
        return _document(path, _compose(_Loader(text)))
    except yaml.reader.ReaderError as err:  # a character the reader refuses that the scan above does not name (U+FFFE)
        line = text.count("\n", 0, err.position) + 1
        column = err.position - text.rfind("\n", 0, err.position)
        return None, [Problem(path, line, column, "control-char", f"文件里有不可用的字符 U+{err.character:04X}。", HIDDEN_FIX)]
    except _Reject as err:
        return None, [Problem(path, err.line, err.column, err.code, err.message, err.fix)]
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(path, err)]


def _compose(loader: Any) -> yaml.Node | None:
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _document(path: str, root: yaml.Node | None) -> tuple[Document | None, list[Problem]]:
    if root is None:
        return None, [Problem(path, 1, 1, "empty-file", "文件是空的。", "参照文件开头注释中的示例填写内容，或删除该文件。")]
    doc = Document(path, None)
    try:
        doc.data = _build(root, (), doc)
    except _Reject as err:
        return None, [Problem(path, err.line, err.column, err.code, err.message, err.fix)]
    return doc, list(doc.problems)


def read(root: Path, file: Path) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse ``file``; its reported path is relative to ``root``."""
    path = file.relative_to(root).as_posix()
    try:
        raw = file.read_bytes()
    except OSError as err:
        return None, [unreadable(path, err)]
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    return parse(path, text)


def unreadable(path: str, err: OSError | None = None) -> Problem:
    """The problem for a data file that exists in the listing but cannot be read."""
    if err is None or isinstance(err, FileNotFoundError):
        message = "这是一个符号链接，但它指向的文件不存在。"
        fix = "把真正的文件放回原处，或删除这个链接。"
    elif isinstance(err, PermissionError):
        message = "没有读取这个文件的权限。"
        fix = "用 chmod a+r 或文件属性给当前用户读取权限。"
    elif isinstance(err, IsADirectoryError):
        message = "这里应是一个 YAML 文件，实际是一个文件夹。"
        fix = "把文件夹移走或改名。"
    else:
        message = f"无法读取这个文件（{err.strerror or err}）。"
        fix = "检查文件是否还在、磁盘是否正常，然后重试。"
    return Problem(path, 1, 1, "unreadable-file", message, fix)
