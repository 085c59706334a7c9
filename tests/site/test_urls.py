"""Links between pages: the site's own relative-path function agrees with posixpath.relpath."""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path

import pytest

from scripts_gen.site.urls import relative, relpath

PATHS = [
    ".",
    "index.md",
    "sources.md",
    "rules/callback-standards.md",
    "rules",
    "rules/",
    "rules/sub/deep.md",
    "scripts/callback",
    "quiz/pools/abc.json",
    "rulesx/a.md",
    "./rules/a.md",
    "rules//a.md",
    "a/./b",
    "../outside.md",
    "rules/../scripts/x.md",
    "/abs/page.md",
    "中文/页面.md",
]


@pytest.mark.parametrize("path,start", list(itertools.product(PATHS, PATHS)))
def test_relpath_is_posixpath_relpath(path: str, start: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path / "..")  # ".." must not depend on where the build runs from, except as posixpath says
    assert relpath(path, start) == posixpath.relpath(path, start)


def test_relpath_refuses_an_empty_path_like_posixpath() -> None:
    with pytest.raises(ValueError):
        relpath("", "rules")


def test_relative_links_from_nested_pages() -> None:
    assert relative("rules/callback-standards/#r1", "scripts/callback.md") == "../../rules/callback-standards/#r1"
    assert relative("", "index.md") == "./"
    assert relative("quiz/#x", "quiz/index.md") == "./#x"
