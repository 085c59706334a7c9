"""Hostile text in valid data reaches the page as text: no markup, no link, no script, no request to another host."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import MINI, REPO, edit, mkdocs_build

REPO_URL = "https://git.example.com/kefu/kefu-handbook"
CASE_TITLE = "[点我](javascript:window.__kfHacked=2) <b>粗</b>"
HOSTILE_CASES = f"""cases:
  - title: "{CASE_TITLE}"
    story: "经过 :smile: <script>window.__kfHacked=3</script> *强调*"
    lesson: "| 表格 | 注入 | ![图](https://cdn.example.com/x.png)"
"""
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
    root = tmp_path_factory.mktemp("hostile") / "book"
    shutil.copytree(MINI, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "scripts_gen", root / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    edit(root, "data/sources.yml", "file: 001_example.txt", "file: '<img src=x onerror=\"window.__kfHacked=1\">'")
    edit(root, "data/roles/agent.yml", "title: 客服专员", "title: '客服](javascript:alert(1)) :smile: 专员'")
    edit(root, "data/rules/callback-rules.yml", "statement: 必须保证在三天之内回访。", "statement: '必须保证在三天之内回访 :smile: :+1:。'")
    with (root / "data/rules/callback-rules.yml").open("a", encoding="utf-8") as out:
        out.write(HOSTILE_CASES)
    out_dir = root / "site"
    result = mkdocs_build(root, out_dir, env={"KEFU_REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    return out_dir


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
