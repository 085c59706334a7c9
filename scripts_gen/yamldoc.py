"""Read YAML files safely and remember where every value came from.

PyYAML's composer gives us a node tree with positions; we build plain Python
data from it ourselves, so that (a) no tag outside plain YAML data is ever
constructed, (b) aliases are refused before they can expand (billion laughs),
and (c) every later error can point at ``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts_gen.problems import Problem

Loc = tuple[int | str, ...]

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class Document:
    """One data file: its parsed content and the position of every value and key."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Single-line scalars whose text starts at a known column: loc → 1 for a quote, 0 if plain.
    inline: dict[Loc, int] = field(default_factory=dict)

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
        mark = node if isinstance(node, yaml.Mark) else node.start_mark
        self.line, self.column = mark.line + 1, mark.column + 1
        self.code, self.message, self.fix = code, message, fix


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses aliases instead of sharing nodes."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Reject(
                event.start_mark,
                "yaml-alias",
                f"不支持 YAML 别名“*{event.anchor}”。",
                "把要重复的内容直接写出来；数据文件中不使用 & 锚点和 * 别名。",
            )
        return super().compose_node(parent, index)


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


def _refuse_tag(node: yaml.Node) -> _Reject:
    return _Reject(
        node,
        "unsafe-tag",
        f"不允许使用 YAML 标签“{node.tag.replace(_YAML, '!!')}”。",
        "删除“!!”或“!”开头的标签，只写普通文字、数字、列表和键值对。",
    )


def _scalar(loader: _Loader, node: yaml.ScalarNode) -> Any:
    if node.tag not in _SCALAR_TAGS:
        raise _refuse_tag(node)
    if node.tag.endswith(("str", "timestamp")):
        return node.value
    return loader.construct_object(node, deep=True)


def _build(loader: _Loader, node: yaml.Node, loc: Loc, doc: Document) -> Any:
    doc.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.start_mark.line == node.end_mark.line and node.style in (None, "'", '"') and "\\" not in node.value:
            doc.inline[loc] = 0 if node.style is None else 1
        return _scalar(loader, node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != f"{_YAML}seq":
            raise _refuse_tag(node)
        return [_build(loader, item, (*loc, i), doc) for i, item in enumerate(node.value)]
    if node.tag != f"{_YAML}map":
        raise _refuse_tag(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Reject(key_node, "yaml-syntax", "键必须是简单文字。", "写成“键: 值”的形式，例如 title: 回访话术")
        key = str(_scalar(loader, key_node))
        if key in result:
            first = doc.keys[(*loc, key)]
            raise _Reject(
                key_node,
                "duplicate-key",
                f"键“{key}”重复出现（第一次在第 {first[0]} 行）。",
                "删除或合并其中一个；同一层级的键不能重复。",
            )
        doc.keys[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(loader, value_node, (*loc, key), doc)
    return result


def parse(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file's text into a positioned Document, or explain why not."""
    tabs = _tab_problems(path, text)
    if tabs:
        return None, tabs
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:  # a control character: the reader refuses the whole text
        line = text.count("\n", 0, err.position) + 1
        column = err.position - text.rfind("\n", 0, err.position)
        return None, [Problem(path, line, column, "yaml-syntax",
                              f"YAML 语法错误：文件里有不可见的控制字符 U+{err.character:04X}。",
                              "删除这个字符；确实要写进例句时，放进双引号并写成转义，例如 \"不\\u0001清楚\"。")]
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Problem(path, 1, 1, "empty-file", "文件是空的。", "参照文件开头注释中的示例填写内容，或删除该文件。")]
        doc = Document(path, None)
        doc.data = _build(loader, root, (), doc)
        return doc, []
    except _Reject as err:
        return None, [Problem(path, err.line, err.column, err.code, err.message, err.fix)]
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(path, err)]
    finally:
        loader.dispose()


def read(root: Path, file: Path) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse ``file``; its reported path is relative to ``root``."""
    path = file.relative_to(root).as_posix()
    text, problems = decode(path, file.read_bytes())
    if text is None:
        return None, problems
    return parse(path, text)
