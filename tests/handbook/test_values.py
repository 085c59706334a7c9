"""The shortcut of the value checks (skip the walk when every value is printable) against the walk itself."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import REPO

from scripts_gen import yamldoc
from scripts_gen.handbook.values import _all_printable, _strings

SAMPLES: list[Any] = [
    {},
    [],
    "",
    "普通的一行",
    {"title": "回访", "items": ["一", "二", {"deep": ["三", 4, None, True, 1.5]}]},
    {"story": "第一行\n第二行\n"},  # a | block: ends with a line break
    {"title": "尾部换行\n"},
    {"title": "  前后空白  "},
    {"a": ["ok", ["ok", ["ok", "藏\u202e字"]]]},
    {"a": {"b": {"c": "零宽\u200b空格"}}},
    ["tab\tinside"],
    [{"k": "ok"}, {"k": "\x01"}],
    {"n": 3, "b": False, "none": None},
    {"key\n": "a key is not a value"},
]


@pytest.mark.parametrize("data", SAMPLES, ids=range(len(SAMPLES)))
def test_shortcut_is_the_walk(data: Any) -> None:
    assert _all_printable(data) == all(text.isprintable() for _, text in _strings(data))


def test_shortcut_on_every_data_file() -> None:
    files = sorted((REPO / "data").rglob("*.yml"))
    assert files
    for path in files:
        doc, _ = yamldoc.read(REPO, path)
        assert doc is not None, path
        assert _all_printable(doc.data) == all(text.isprintable() for _, text in _strings(doc.data)), path


def test_only_printable_values_take_the_shortcut() -> None:
    # A value whose stripped body is printable but which is not (trailing line break) still gets the walk.
    assert not _all_printable({"title": "标题\n"})
    assert _all_printable({"title": "标题"})
