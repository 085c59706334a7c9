"""Every generated page of one build: ``{path below docs/: Markdown}``.

Plain Python: the caller decides where the pages go (see ``writing``) and which
engine turns them into HTML.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scripts_gen.handbook import coverage, synonyms
from scripts_gen.handbook.book import Handbook, Loaded, field_of
from scripts_gen.handbook.history import GitFacts
from scripts_gen.handbook.kinds import BY_KEY, KINDS, ROLES, SCRIPTS, Kind
from scripts_gen.handbook.models import Entry, Role, Script
from scripts_gen.handbook.scriptgraph import arrivals, edges, paths
from scripts_gen.quiz.models import QuizSet
from scripts_gen.site import learning, quiz_pages, terms
from scripts_gen.site.renderer import Renderer

# Top-level names in docs/ that the generator owns (and may delete when stale).
OWNED = (
    "index.md", "SUMMARY.md", "learn", "glossary.md", "sources.md", "coverage.md", "search-misses.md", "updates.md", "quiz",
    "search-synonyms.json",
    *(k.key for k in KINDS),
)


@dataclass(frozen=True)
class RoleLinks:
    """Who names which role, gathered in one pass over the handbook."""

    kinds: dict[str, str]  # entry id → kind key
    naming: dict[str, dict[str, list[str]]]  # role id → kind key → ids of entries listing the role

    @classmethod
    def of(cls, book: Handbook) -> RoleLinks:
        kinds: dict[str, str] = {}
        naming: dict[str, dict[str, list[str]]] = {}
        for kind, item in book.everything():
            kinds[item.entry.id] = kind.key
            names = list(getattr(item.entry, "roles", [])) + list(getattr(item.entry, "audience", []))
            for role in dict.fromkeys(names):
                naming.setdefault(role, {}).setdefault(kind.key, []).append(item.entry.id)
        return cls(kinds, naming)


def related_to_role(book: Handbook, role: Role, links: RoleLinks | None = None) -> dict[str, list[str]]:
    """Ids of pages linked to a role, by kind: both the role's list and the pages naming it."""
    links = links or RoleLinks.of(book)
    found = {k: list(v) for k, v in links.naming.get(role.id, {}).items()}
    for ident in role.related:
        key = links.kinds.get(ident, "other")
        if ident not in found.get(key, []):
            found.setdefault(key, []).append(ident)
    return {k: found[k] for k in (*(k.key for k in KINDS), "other") if k in found}


def render_pages(book: Handbook, quizzes: QuizSet | None = None, git: GitFacts | None = None, *, edit_base: str = "") -> dict[str, str]:
    """Every generated page, keyed by its path below docs/.

    Quiz pages come with ``quizzes``; "last changed" dates and the 本次更新 page
    with ``git`` (facts from the repository's history of data/); "编辑此页"
    buttons with ``edit_base`` (the repository's edit URL prefix).
    """
    r = Renderer(book, edit_base)
    git = git or GitFacts()
    pages: dict[str, str] = {}
    quiz_nav = _quiz_pages(r, quizzes, pages)
    words = terms.vocabulary(book.glossary.entry) if book.glossary else terms.Vocabulary({})
    role_links = RoleLinks.of(book)
    entries: dict[str, list[tuple[str, str]]] = {}  # kind → (title, page) in navigation order
    for kind in KINDS:
        items = sorted(book.of(kind), key=lambda i: i.entry.id)
        entries[kind.key] = [(i.entry.title, kind.page(i.entry.id)) for i in items]
        for item in items:
            here = kind.page(item.entry.id)
            page = r.render(kind.template, here, e=item.entry, src=item.path, **_extras(book, kind, item, role_links))
            pages[here] = terms.mark(page, words, here)
            pages[here] += _updated(git.dates.get(item.path))
        if items:
            here = f"{kind.key}/index.md"
            pages[here] = r.render("kind_index.md.j2", here, kind=kind, items=[i.entry for i in items], intro=kind.intro)
    learn = learning.paths(book, quizzes)
    for p in learn:
        pages[p.page] = r.render("learn.md.j2", p.page, p=p, src=p.src, why=learning.WHY)
    pages["index.md"] = r.render("home.md.j2", "index.md", kinds=KINDS, quiz_nav=quiz_nav, learn=learn)
    if book.glossary:
        pages["glossary.md"] = r.render("glossary.md.j2", "glossary.md", e=book.glossary.entry, src=book.glossary.path)
    pages["sources.md"] = r.render("sources.md.j2", "sources.md", carriers=carriers(book))
    report = coverage.measure(book, quizzes.tested() if quizzes else None)
    pages["coverage.md"] = r.render("coverage.md.j2", "coverage.md", rows=coverage.rows(report), gaps=report.gaps())
    # The trainers' page of searches that found nothing: filled in the browser by feedback.js.
    pages["search-misses.md"] = r.render("search_misses.md.j2", "search-misses.md")
    # The search's synonym table (data/synonyms.yml), fetched on the first search, not with a page.
    if book.synonyms:
        pages[synonyms.PAGE] = synonyms.render(book)
    if git.commits:
        pages["updates.md"] = r.render("updates.md.j2", "updates.md", days=_updates(book, git))
    pages["SUMMARY.md"] = r.render("SUMMARY.md.j2", "SUMMARY.md", kinds=KINDS, pages=pages, quiz_nav=quiz_nav,
                                   learn=[(p.role.title, p.page) for p in learn], entries=entries, nav_rows=nav_rows)
    return dict(sorted(pages.items()))


# A section of the navigation lists at most this many pages directly; beyond it the pages go
# into numbered groups, nested when there are more than this many groups. With
# navigation.prune a page then carries its own group and the titles of the groups on its
# path, never every page of the kind, so the site does not grow with pages².
NAV_GROUP = 40

# (depth, title, path); a group title has no path.
NavRow = tuple[int, str, str]


def nav_rows(links: Sequence[tuple[str, str]], depth: int, prefix: str = "", size: int | None = None) -> list[NavRow]:
    """(title, path) ``links`` in order at ``depth``, in groups labelled ``prefix``第 a–b 项 when too many for one level."""
    return _nav_rows(list(links), 0, len(links), depth, prefix, size or NAV_GROUP)


def _nav_rows(links: list[tuple[str, str]], lo: int, hi: int, depth: int, prefix: str, size: int) -> list[NavRow]:
    if hi - lo <= size:
        return [(depth, title, path) for title, path in links[lo:hi]]
    # Groups of equal size (the last one is never a stub), at most ``size`` of them on a level.
    count = min(size, -(-(hi - lo) // size))
    bounds = [lo + (hi - lo) * g // count for g in range(count + 1)]
    rows: list[NavRow] = []
    for a, b in itertools.pairwise(bounds):
        rows.append((depth, f"{prefix}第 {a + 1}–{b} 项", ""))
        rows += _nav_rows(links, a, b, depth + 1, prefix, size)
    return rows


def _updated(date: str | None) -> str:
    return f'\n<p class="kf-updated">本页内容最后修改于 {date}</p>\n' if date else ""


_STATUS = {"A": "新增", "M": "修改", "D": "删除", "R": "改名"}
# When one day touches an entry several times, the reader needs the strongest fact only.
_STRENGTH = ("修改", "改名", "删除", "新增")


def _updates(book: Handbook, git: GitFacts) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per day, newest first: one (status, title, link target or "") per changed entry, never a raw path."""
    by_path: dict[str, tuple[str, str]] = {i.path: (f"{k.title}：{i.entry.title}", k.page(i.entry.id)) for k, i in book.everything()}
    if book.glossary:
        by_path[book.glossary.path] = ("术语表", "glossary.md")
    if book.sources:
        by_path[book.sources.path] = ("资料来源", "sources.md")
    days: dict[str, dict[tuple[str, str], str]] = {}
    for commit in git.commits:
        day = days.setdefault(commit.date, {})
        for letter, path in commit.files:
            key = by_path.get(path) or (_gone(path), "")
            status = _STATUS.get(letter, "修改") if key[1] else "删除"
            if _STRENGTH.index(status) >= _STRENGTH.index(day.get(key, "修改")):
                day[key] = status
    return [(date, [(status, title, target) for (title, target), status in sorted(rows.items())]) for date, rows in days.items()]


def _gone(path: str) -> str:
    """A readable name for a data file that is no longer in the handbook."""
    parts = path.removesuffix(".yml").removesuffix(".yaml").split("/")
    kind = BY_KEY.get(parts[1]) if len(parts) > 2 else None
    return f"{kind.title if kind else '内容'}：{parts[-1]}（已移除）"


def _quiz_pages(r: Renderer, quizzes: QuizSet | None, pages: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Add the quiz pages; return the quiz navigation (empty without quizzes/)."""
    if quizzes is None:
        return {}
    pages.update(quiz_pages.render(r, quizzes))
    return {"assignments": quiz_pages.nav(quizzes), "topics": quiz_pages.topic_nav(quizzes)}


def _extras(book: Handbook, kind: Kind, item: Loaded[Entry], role_links: RoleLinks) -> dict[str, Any]:
    entry = item.entry
    if kind is ROLES and isinstance(entry, Role):
        return {"related": related_to_role(book, entry, role_links)}
    if kind is SCRIPTS and isinstance(entry, Script):
        conditions = {b.id: b.condition for s in entry.steps for b in s.branches}
        return {"edges": edges(entry), "paths": list(paths(entry)), "conditions": conditions, "arrivals": arrivals(entry)}
    return {}


def carriers(book: Handbook) -> dict[str, list[str]]:
    """Source section id → ids of the entries that cite it (the source map)."""
    found: dict[str, list[str]] = {}
    for _, item in book.everything():
        for _, node in item.nodes:
            for ref in field_of(node, "sources") or []:
                found.setdefault(ref, []).append(item.entry.id)
    if book.glossary:
        for term in book.glossary.entry.terms:
            for ref in term.sources:
                found.setdefault(ref, []).append(term.id)
    return {k: sorted(set(v)) for k, v in found.items()}
