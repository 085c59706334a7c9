"""Hostile text in valid data reaches the page as text: no markup, no link, no script, no request to another host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import CASE_TITLE, REPO_URL, build_hostile_site

URL_ATTRS = {"src", "href", "srcset", "action", "data", "poster", "formaction"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path) -> Iterator[Path]:
    return (p for p in sorted(site.rglob("*.html")))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def test_no_markup_link_or_script_from_data(hostile_site: Path) -> None:
    for page in _pages(hostile_site):
        parsed = _parse(page)
        for tag, attrs in parsed.tags:
            assert not any(name.startswith("on") for name in attrs), f"{page}: <{tag} {attrs}>"
            links = [v for k, v in attrs.items() if k in URL_ATTRS and v.strip().lower().startswith("javascript:")]
            assert links in ([], ["javascript:void(0)"]), f"{page}: <{tag} {attrs}>"  # Material's own share button
            assert not (tag == "img" and attrs.get("src") == "x"), page
        assert not any("__kfHacked" in s for s in parsed.scripts), page


def test_hostile_text_is_shown_as_written(hostile_site: Path) -> None:
    sources = " ".join(_parse(hostile_site / "sources/index.html").text)
    assert '<img src=x onerror="window.__kfHacked=1">' in sources
    rules = _parse(hostile_site / "rules/callback-rules/index.html")
    text = " ".join(rules.text)
    assert f"案例：{CASE_TITLE}" in text
    assert ":smile: :+1:" in text
    assert "| 表格 | 注入 | ![图](https://cdn.example.com/x.png)" in text
    # The title stays inside its admonition: no extra heading, rule or table came out of it.
    assert [t for t, _ in rules.tags if t in ("hr", "table")] == ["table"]


def _foreign_urls(site: Path, allowed: str) -> list[str]:
    found = []
    for page in _pages(site):
        for tag, attrs in _parse(page).tags:
            for name, value in attrs.items():
                if name in URL_ATTRS and re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", value.strip(), re.I) and not value.startswith(allowed):
                    found.append(f"{page.relative_to(site)}: <{tag} {name}={value}>")
    for sheet in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", sheet.read_text(encoding="utf-8")):
            found.append(f"{sheet.relative_to(site)}: url({url})")
    return found


def test_hostile_site_requests_nothing_from_another_host(hostile_site: Path) -> None:
    assert _foreign_urls(hostile_site, REPO_URL) == []


def test_real_site_references_no_host_but_the_repository(built_site: Path) -> None:
    assert _foreign_urls(built_site, REPO_URL) == []
