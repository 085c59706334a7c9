"""The QA report a reviewer opens: the corpus linted to HTML, looked at in a real Chromium, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_tools import CORPUS
from helpers import run_cli, screenshot

pytestmark = pytest.mark.browser


def test_html_report_renders_offline_with_tables_and_handbook_links(page: Any, tmp_path: Path) -> None:
    report = tmp_path / "质检报告.html"
    files = [str(CORPUS / "tuning" / name) for name in ("chat.txt", "sessions.csv", "sessions.jsonl")]
    done = run_cli("lint", *files, "--format", "html", "--output", str(report))
    assert done.code == 1, done.err
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    assert page.locator("h1").inner_text() == "会话质检报告"
    assert [h.inner_text() for h in page.locator("h2").all()][:4] == ["读取提示", "按文件", "按客服", "按禁语和规范"]
    agents = page.locator("h2:has-text('按客服') + table tr").count()
    assert agents > 5  # one row per agent and file, plus the header
    link = page.locator("a[href*='#taboo-buzhidao']").first
    assert link.get_attribute("href").endswith("/site/taboos/evasive/index.html#taboo-buzhidao")
    assert page.locator("mark").count() >= 90  # every taboo finding highlighted in the agent's words
    screenshot(page, "lint-report")
    page.locator("h2:has-text('chat.txt')").scroll_into_view_if_needed()
    screenshot(page, "lint-report-findings")
    assert [url for url in requests if not url.startswith("file://")] == []
