"""Shared fixtures: a small valid handbook to mutate, and problem helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts_gen import handbook
from scripts_gen.problems import HandbookError

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid handbook, safe to edit."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    return root


def problems(root: Path) -> list[str]:
    """Formatted problems of loading ``root`` (empty when it is valid)."""
    try:
        handbook.load(root)
    except HandbookError as err:
        return [p.format() for p in err.problems]
    return []


def heads(root: Path) -> list[str]:
    """Only the first line of each problem: ``path:line:col: [code] message``."""
    return [p.splitlines()[0] for p in problems(root)]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
