"""What changed: git dates on pages, the 本次更新 page, and `diff BASE` for pull requests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import REPO, edit

from scripts_gen.handbook import history
from scripts_gen.project import load_handbook
from scripts_gen.site.pages import render_pages

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_AUTHOR_DATE": "2026-03-01T10:00:00",
    "GIT_COMMITTER_DATE": "2026-03-01T10:00:00",
}


def _git(root: Path, *args: str, date: str = "2026-03-01T10:00:00") -> None:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _repo(mini: Path) -> Path:
    _git(mini, "init", "-q", "-b", "main")
    _git(mini, "add", "data")
    _git(mini, "commit", "-qm", "初版")
    edit(mini, "data/scripts/callback.yml", "title: 开场", "title: 开场问候")
    (mini / "data/guides/lead.yml").unlink()
    _git(mini, "add", "-A", "data")
    _git(mini, "commit", "-qm", "改开场", date="2026-04-02T09:00:00")
    return mini


def test_pages_show_when_their_yaml_last_changed(mini: Path) -> None:
    root = _repo(mini)
    pages = render_pages(load_handbook(root), git=history.facts(root))
    assert pages["scripts/callback.md"].endswith('<p class="kf-updated">本页内容最后修改于 2026-04-02</p>\n')
    assert pages["roles/agent.md"].endswith('<p class="kf-updated">本页内容最后修改于 2026-03-01</p>\n')
    updates = pages["updates.md"]
    assert updates.index("## 2026\\-04\\-02") < updates.index("## 2026\\-03\\-01")
    assert "- **修改**　[话术：回访话术](scripts/callback.md)" in updates
    # A removed file is named for a reader (kind and old id), never as a raw path.
    assert "- **删除**　指引：lead（已移除）" in updates and "data/guides/lead.yml" not in updates
    assert "* [本次更新](updates.md)" in pages["SUMMARY.md"]


def test_without_git_there_are_no_dates_and_no_updates_page(mini: Path) -> None:
    pages = render_pages(load_handbook(mini), git=history.facts(mini))
    assert "updates.md" not in pages
    assert "kf-updated" not in pages["scripts/callback.md"]


def test_diff_summarises_a_change_in_handbook_terms(mini: Path) -> None:
    root = _repo(mini)
    edit(
        root,
        "data/rules/callback-rules.yml",
        "    bad: [一周后才回访。]",
        (
            "    bad: [一周后才回访。]\n  - id: cb-record\n    title: 完整记录\n"
            "    statement: 必须保证回访信息的完整记录。\n    rationale: 便于分析。\n    notes: [填写回访记录表。]"
        ),
    )
    run = subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(root), "diff", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "## 手册改动（相对 HEAD）",
        "",
        "### 新增（1）",
        "- 规范条目 `cb-record`：完整记录（data/rules/callback-rules.yml）",
        "",
        "### 修改（1）",
        "- 规范 `callback-rules`：回访规范（data/rules/callback-rules.yml）",
        "",
        "### 删除（0）",
        "- 无",
        "",
    ]
