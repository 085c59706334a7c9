"""One generator run: load and check everything, render, write docs/. Engine-neutral.

What an engine hook used to do at build time is written into the output here:
the "编辑此页" button sits in each page's Markdown. Search (Pagefind) indexes the
built HTML afterwards, so nothing here depends on the search engine.
"""

from __future__ import annotations

import os
from pathlib import Path

from scripts_gen.handbook import history
from scripts_gen.project import load
from scripts_gen.site.pages import render_pages
from scripts_gen.site.writing import WriteReport, write_pages


def edit_base() -> str:
    """Prefix of "编辑此页" links, from KEFU_REPO_URL (and KEFU_EDIT_URI); empty when no repository is configured."""
    repo = os.environ.get("KEFU_REPO_URL", "").strip().rstrip("/")
    if not repo:
        return ""
    return f"{repo}/{os.environ.get('KEFU_EDIT_URI', 'edit/main/').strip('/')}/"


def build(root: Path, out: Path | None = None) -> WriteReport:
    """Validate ``root`` and write every page below ``out`` (default ROOT/docs); raises HandbookError."""
    project = load(root)
    pages = render_pages(project.book, project.quizzes, history.facts(root), edit_base=edit_base())
    return write_pages(pages, out or root / "docs")
