"""make pdf: the whole handbook as one PDF with a table of contents, diagrams, page numbers, CJK fonts embedded, no quizzes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ARTIFACTS, REPO, mkdocs_build, repo_copy

from scripts_gen.project import load

pytestmark = pytest.mark.browser


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"缺少 {name}：请运行 make pdf-tools"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _tool("chromium")
    out = tmp_path_factory.mktemp("print")
    root = repo_copy(out / "repo")
    built = mkdocs_build(root, out / "site", config=root / "mkdocs-print.yml")
    assert built.returncode == 0, built.stderr
    path = out / "handbook.pdf"
    # As make pdf runs it (its own process: the session's Playwright is already running here).
    # It waits until every flowchart on the print page is drawn and fails if one cannot be.
    printed = subprocess.run(
        [sys.executable, "-m", "scripts_gen.pdf", str(out / "site"), str(path)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert printed.returncode == 0, printed.stderr
    return path


def _text(pdf: Path) -> str:
    return subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_has_every_page_numbered_and_embeds_a_cjk_font(pdf: Path) -> None:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 60 <= pages <= 400, pages
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", f) for f in fonts), "every font embedded"
    assert any("WenQuanYiMicroHei" in f for f in fonts), fonts[:5]
    text = _text(pdf)
    for n in (1, pages // 2, pages):
        assert f"第 {n} 页 / 共 {pages} 页" in text
    subprocess.run([_tool("pdftoppm"), "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "pdf-page")], check=True)


def test_pdf_has_contents_diagrams_and_every_entry_but_no_quizzes(pdf: Path) -> None:
    text = _text(pdf)
    assert text.lstrip().startswith("目录")
    book = load(REPO).book
    for _, item in book.everything():
        assert item.entry.title in text, item.entry.title
    # Owners in parentheses are only drawn inside process flowcharts, and 若… conditions as chart nodes.
    assert "（客服专员）" in text
    assert text.count("若顾客接受现价") >= 2
    assert "flowchart TD" not in text
    assert "新员工考试" not in text and "交卷" not in text and "第一周清单" not in text
