"""Large sections of the navigation are split into groups, so a page does not carry every page of its kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINI, mkdocs_build

from bench import synth
from scripts_gen.project import load
from scripts_gen.site import pages
from scripts_gen.site.writing import write_pages


def _build(project: Path, site: Path) -> str:
    """Generate docs/, build with MkDocs alone (no hook), return the HTML of the last rules page."""
    loaded = load(project)
    write_pages(pages.render_pages(loaded.book, loaded.quizzes), project / "docs")
    config = project / "nohook.yml"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text("".join(line for line in text.splitlines(keepends=True) if "hooks" not in line), encoding="utf-8")
    done = mkdocs_build(project, site, config=config)
    assert done.returncode == 0, done.stderr
    return (site / "rules/callback-rules-x4/index.html").read_text(encoding="utf-8")


def test_groups_keep_every_entry_once_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = synth.generate(tmp_path / "x5", 5, src=MINI)
    monkeypatch.setattr(pages, "NAV_GROUP", 2)
    loaded = load(project)
    summary = pages.render_pages(loaded.book)["SUMMARY.md"]
    rules = [line.strip() for line in summary.splitlines() if "](rules/callback-rules" in line]
    assert rules == sorted(rules) and len(rules) == len(set(rules)) == 5
    assert "* 第 1–1 项" in summary and "* 第 4–5 项" in summary
    assert all(line.startswith("        * [") for line in summary.splitlines() if "](rules/callback-rules" in line)


def test_a_page_carries_its_own_group_not_the_whole_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = synth.generate(tmp_path / "x5", 5, src=MINI)
    flat = _build(project, tmp_path / "flat")
    monkeypatch.setattr(pages, "NAV_GROUP", 2)
    grouped = _build(project, tmp_path / "grouped")
    # x2 (second of group x1, x2) is neither in x4's group (x3, x4), nor its neighbour in page
    # order, nor the link a pruned group keeps (its first page).
    assert 'href="../callback-rules-x2/"' in flat
    assert 'href="../callback-rules-x2/"' not in grouped
    assert 'href="../callback-rules-x3/"' in grouped
