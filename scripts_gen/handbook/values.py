"""Checks on every text value before it can reach a page: hidden characters and line breaks.

Escapes in quoted YAML ("\\r", "\\u202e") produce characters the raw-text scan in
yamldoc cannot see; this walk finds them in the parsed values. A line break is
allowed only in fields the schema marks ``multiline`` (explanations and stories,
rendered as one paragraph); everywhere else a title, option or id stays one line.
Fields marked ``hidden_chars`` (taboo-checker examples) never reach a page and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from scripts_gen.handbook.schema_errors import field_at
from scripts_gen.problems import Problem
from scripts_gen.yamldoc import HIDDEN_FIX, Document, Loc, char_name, hidden_char


def _strings(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*loc, i))


def _marked(root: type[BaseModel], loc: Loc, mark: str) -> bool:
    extra = getattr(field_at(root, loc), "json_schema_extra", None)
    return isinstance(extra, dict) and bool(extra.get(mark))


def _all_printable(data: Any) -> bool:
    """True when every text value is printable: then no value can have a problem (the common case).

    The same values ``_strings`` yields, without building each one's location on the way.
    """
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if not value.isprintable():
                return False
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def value_problems(root: type[BaseModel], doc: Document) -> list[Problem]:
    """One problem per text value holding a hidden character or a line break it may not have."""
    if _all_printable(doc.data):
        return []  # a printable value stays printable stripped: the loop below would find nothing
    problems = []
    for loc, text in _strings(doc.data):
        body = text.strip()
        if body.isprintable() or _marked(root, loc, "hidden_chars"):
            continue  # printable: no hidden character nor line break (the common case, decided in C)
        allowed = _marked(root, loc, "multiline")
        for offset, char in enumerate(body):
            if not hidden_char(char, newline=allowed):
                continue
            line, column = doc.where_in(loc, text.index(body) + offset)
            if char in "\n\t":
                what = "换行" if char == "\n" else "制表符（Tab）"
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        column,
                        "single-line",
                        f"这个字段只能写一行，这里有一个{what}（它会在页面上变成标题、列表或代码块）。",
                        "把内容合并成一行（去掉引号里的 \\n 或 \\t，或不要用 | 写多行）。",
                    )
                )
            else:
                problems.append(Problem(doc.path, line, column, "control-char", f"文字里有一个看不见的{char_name(char)}。", HIDDEN_FIX))
            break
    return problems
