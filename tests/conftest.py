"""Fixtures shared by every test package: a copy of the small handbook, and the real site built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import MINI, mkdocs_build, pagefind_index, repo_copy


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid handbook, safe to edit (the one project-copy fixture)."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built and search-indexed once per test session, as a center with its own Git server configures it."""
    out = tmp_path_factory.mktemp("site")
    root = repo_copy(tmp_path_factory.mktemp("repo"))
    result = mkdocs_build(root, out, env={"KEFU_REPO_URL": "https://git.example.com/kefu/kefu-handbook"})
    assert result.returncode == 0, result.stderr
    index = pagefind_index(out)
    assert index.returncode == 0, index.stderr
    # Quiet Pagefind prints only warnings: an attribute it cannot read (data-pagefind-ignore
    # written as a boolean by md_in_html) is guessed at, and the guess may index hidden text.
    assert not (index.stdout + index.stderr).strip(), index.stdout + index.stderr
    return out
