"""Where every id lives on the site: page, anchor and title; and URLs between pages."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from scripts_gen.handbook.book import Handbook, field_of, title_of
from scripts_gen.handbook.coverage import Report


@dataclass(frozen=True)
class Target:
    """Where an id is rendered: page, anchor and a display title."""

    page: str
    anchor: str
    title: str


def targets(book: Handbook) -> dict[str, Target]:
    """Every id in the handbook and where its anchor lives."""
    found: dict[str, Target] = {}
    for kind, item in book.everything():
        page = kind.page(item.entry.id)
        for loc, node in item.nodes:  # the walk made once per entry (see Loaded.nodes)
            ident = field_of(node, "id")
            if isinstance(ident, str):
                found[ident] = Target(page, "" if not loc else ident, title_of(node))
    if book.glossary:
        for term in book.glossary.entry.terms:
            found[term.id] = Target("glossary.md", term.id, term.term)
    return found


def url_of(page: str, anchor: str = "") -> str:
    """Site-root-relative URL of a docs/ page (use_directory_urls: true), for quiz.js to resolve."""
    path = page[: -len(".md")]
    path = path[: -len("index")] if posixpath.basename(path) == "index" else path + "/"
    return path + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1 << 16)
def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own relative paths, without asking the OS for the working directory.

    Every link of every page goes through here; paths that leave the site's root
    (absolute, or ``..`` after normalising) are left to ``posixpath.relpath``.
    """
    to = [part for part in posixpath.normpath(path).split("/") if part != "."]
    base = [part for part in posixpath.normpath(start).split("/") if part != "."]
    if not path or not start or path.startswith("/") or start.startswith("/") or ".." in to or ".." in base:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def relative(href: str, page: str) -> str:
    """``href`` (site-root-relative) as seen from ``page``'s URL, so it survives instant navigation."""
    path, _, anchor = href.partition("#")
    rel = relpath(path or ".", url_of(page).rstrip("/") or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def _anchors(site: Path, page: str) -> set[str]:
    html = site / page.removesuffix(".md") / "index.html"
    if page.endswith("index.md"):
        html = site / page.removesuffix("index.md") / "index.html"
    if not html.is_file():
        return set()
    return set(re.findall(r'\bid="([^"]+)"', html.read_text(encoding="utf-8")))


def missing_anchors(book: Handbook, report: Report, site: Path) -> list[str]:
    """Items that do not appear under their own anchor in the built HTML."""
    where = targets(book)
    cache: dict[str, set[str]] = {}
    gaps = []
    for item in report.items:
        if item.kind == "duty":
            continue
        target = where[item.ident]
        anchors = cache.setdefault(target.page, _anchors(site, target.page))
        if item.ident not in anchors:
            gaps.append(f"{item.path}:{item.line}: {item.ident}: 站点页面 {target.page} 中没有锚点 #{item.ident}")
    return gaps
