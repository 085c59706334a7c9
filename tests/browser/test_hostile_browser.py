"""Hostile text in valid data, opened in Chromium: nothing runs, no dialog opens, nothing is fetched from another host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from helpers import CASE_TITLE, build_hostile_site, screenshot, serve

PAGES = ("", "sources/", "rules/callback-rules/", "roles/agent/")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))) as url:
        yield url


def _links_to(page: Any, scheme: str) -> int:
    return int(page.evaluate(f"[...document.querySelectorAll('a[href]')].filter(a => a.href.startsWith('{scheme}')).length"))


def test_hostile_pages_run_nothing_and_fetch_nothing_outside(page: Any, hostile_url: str) -> None:
    dialogs: list[str] = []
    requested: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__kfHacked === undefined"), path
        assert _links_to(page, "javascript:window") == 0, path
    assert dialogs == []
    outside = [u for u in requested if urlparse(u).hostname not in ("127.0.0.1", "localhost") and not u.startswith(("data:", "blob:"))]
    assert outside == []


def test_hostile_text_is_visible_as_written(page: Any, hostile_url: str) -> None:
    page.goto(hostile_url + "rules/callback-rules/")
    title = page.locator(".admonition.example .admonition-title").first.inner_text()
    assert title == f"案例：{CASE_TITLE}"
    assert ":smile: :+1:" in page.locator("article").inner_text()
    screenshot(page, "hostile-rules-case")
    page.goto(hostile_url + "sources/")
    assert '<img src=x onerror="window.__kfHacked=1">' in page.locator("article").inner_text()
    screenshot(page, "hostile-sources")
