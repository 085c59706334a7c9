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
    monkeypatch.setattr(pages, "NAV_GROUP", 3)
    loaded = load(project)
    summary = pages.render_pages(loaded.book)["SUMMARY.md"]
    rules = [line.strip() for line in summary.splitlines() if "](rules/callback-rules" in line]
    assert rules == sorted(rules) and len(rules) == len(set(rules)) == 5
    assert "    * 第 1–2 项\n" in summary and "    * 第 3–5 项\n" in summary
    assert all(line.startswith("        * [") for line in summary.splitlines() if "](rules/callback-rules" in line)
    # The day-one learning paths are grouped the same way (5 copies of each role).
    learn = summary.split("* 入职路线\n")[1].split("\n* ")[0]
    assert learn.startswith("    * 第 1–") and "        * [" in learn


@pytest.mark.parametrize("count", [1, 2, 3, 4, 9, 10, 27, 100])
def test_no_level_lists_more_than_a_group_and_every_link_stays_in_order(count: int) -> None:
    links = [(f"第{i}页", f"p/{i}.md") for i in range(count)]
    rows = pages.nav_rows(links, 1, size=3)
    assert [(t, p) for _, t, p in rows if p] == links
    # Children of each group (and the top level) are at most 3, one level deeper than their group.
    children: dict[int, list[int]] = {}
    parents = [-1]
    for i, (depth, _, path) in enumerate(rows):
        del parents[depth:]
        assert len(parents) == depth, "a row is more than one level below its group"
        children.setdefault(parents[-1], []).append(i)
        if not path:
            parents.append(i)
    assert max(len(c) for c in children.values()) <= 3
    assert all(children.get(i) for i, (_, _, path) in enumerate(rows) if not path), "an empty group"
    # A group's label names the positions of the links below it, counted from 1.
    for i, (depth, title, path) in enumerate(rows):
        if not path:
            end = next((j for j in range(i + 1, len(rows)) if rows[j][0] <= depth), len(rows))
            held = [int(t[1:-1]) + 1 for _, t, p in rows[i + 1:end] if p]
            assert title == f"第 {held[0]}–{held[-1]} 项"


def test_a_page_carries_its_own_group_not_the_whole_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = synth.generate(tmp_path / "x5", 5, src=MINI)
    flat = _build(project, tmp_path / "flat")
    monkeypatch.setattr(pages, "NAV_GROUP", 3)
    grouped = _build(project, tmp_path / "grouped")
    # x1 (second of group base, x1) is neither in x4's group (x2, x3, x4), nor its neighbour in
    # page order, nor the link a pruned group keeps (its first page).
    assert 'href="../callback-rules-x1/"' in flat
    assert 'href="../callback-rules-x1/"' not in grouped
    assert 'href="../callback-rules-x2/"' in grouped
