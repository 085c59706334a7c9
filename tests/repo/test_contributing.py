"""CONTRIBUTING.md explains every problem code an editor can meet."""

from __future__ import annotations

import re

from helpers import REPO

from scripts_gen.problems import CODES, Problem


def test_every_problem_code_is_documented_for_editors() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", text, flags=re.MULTILINE))
    assert sorted(set(CODES) - rows) == [], "CONTRIBUTING.md 的错误代码表缺少这些代码"
    assert sorted(rows - set(CODES)) == [], "CONTRIBUTING.md 列出了不存在的错误代码"


def test_an_unregistered_code_cannot_reach_an_editor() -> None:
    try:
        Problem("data/x.yml", 1, 1, "made-up-code", "x")
    except ValueError as err:
        assert "made-up-code" in str(err)
    else:
        raise AssertionError("unregistered code accepted")
