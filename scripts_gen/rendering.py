"""Render a validated Handbook into Markdown pages with Jinja2 templates.

Plain Python that returns ``{relative path: markdown}``; writing to disk and
MkDocs specifics live elsewhere, so another engine could consume the same pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from . import coverage, markdown, models
from .crossrefs import walk
from .gitinfo import GitFacts
from .handbook import Handbook, Loaded
from .scriptgraph import edges, paths

if TYPE_CHECKING:
    from .quiz_bank import QuizSet

TEMPLATES = {
    "roles": "role.md.j2",
    "scripts": "script.md.j2",
    "taboos": "taboos.md.j2",
    "rules": "rules.md.j2",
    "processes": "process.md.j2",
    "guides": "guide.md.j2",
}
KIND_ORDER = ("roles", "scripts", "taboos", "rules", "processes", "guides")
KIND_INTROS = {
    "roles": "每个岗位的职责、任职要求、技能等级、绩效考核，以及与之相关的话术、规范和流程。",
    "scripts": "常用服务话术：按步骤展开，遇到客户不同回应时如何应对。",
    "taboos": "服务中不能说的话、为什么不能说，以及更好的说法。",
    "rules": "各类工作的具体规范：要做什么、为什么、关键数字和正反示例。",
    "processes": "按顺序执行的工作流程：每一步谁负责、做什么、留下什么记录。",
    "guides": "班组长核心工作指引及其他管理指引。",
}
# Top-level names in docs/ that the generator owns (and may delete when stale).
OWNED = ("index.md", "SUMMARY.md", "glossary.md", "sources.md", "coverage.md", "updates.md", "quiz", *KIND_ORDER)


@dataclass(frozen=True)
class Target:
    """Where an id is rendered: page, anchor and a display title."""

    page: str
    anchor: str
    title: str


def page_path(kind: str, ident: str) -> str:
    return f"{kind}/{ident}.md"


def _title(node: Any) -> str:
    for attr in ("title", "term", "condition"):
        if isinstance(getattr(node, attr, None), str):
            return str(getattr(node, attr))
    phrases = getattr(node, "phrases", None)
    return "、".join(phrases) if phrases else str(getattr(node, "id", ""))


def targets(book: Handbook) -> dict[str, Target]:
    """Every id in the handbook and where its anchor lives."""
    found: dict[str, Target] = {}
    for kind in KIND_ORDER:
        for item in book.of(kind):
            page = page_path(kind, item.entry.id)
            for loc, node in walk(item.entry):
                ident = getattr(node, "id", None)
                if isinstance(ident, str):
                    found[ident] = Target(page, "" if not loc else ident, _title(node))
    if book.glossary:
        for term in book.glossary.entry.terms:
            found[term.id] = Target("glossary.md", term.id, term.term)
    return found


class Renderer:
    """Holds the Jinja2 environment and the cross-reference tables of one build."""

    def __init__(self, book: Handbook) -> None:
        self.book = book
        self.targets = targets(book)
        self.sections = _source_sections(book)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("scripts_gen", "templates"),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=markdown.text,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Markdown attribute lists use "{#anchor}", so Jinja comments need other delimiters.
            comment_start_string="{%#",
            comment_end_string="#%}",
        )
        self.env.filters.update(
            t=markdown.text,
            wording=markdown.wording,
            attr=markdown.attr,
            mlabel=markdown.mermaid_label,
            mid=markdown.mermaid_id,
        )

    def link(self, ident: str, here: str) -> Markup:
        """A Markdown link from page ``here`` to the anchor of ``ident``."""
        target = self.targets[ident]
        href = posixpath.relpath(target.page, posixpath.dirname(here) or ".")
        if target.anchor:
            href = f"{href}#{target.anchor}" if target.page != here else f"#{target.anchor}"
        return Markup(f"[{markdown.text(target.title)}]({href})")

    def source(self, ref: str, here: str) -> Markup:
        doc_title, section_title = self.sections.get(ref, ("行业通用", "行业通用做法"))
        href = posixpath.relpath("sources.md", posixpath.dirname(here) or ".")
        label = "行业通用" if ref == "general" else f"{doc_title} › {section_title}"
        return Markup(f"[{markdown.text(label)}]({href}#src-{ref})")

    def render(self, template: str, here: str, **context: Any) -> str:
        helpers = {
            "link": lambda ident: self.link(ident, here),
            "source": lambda ref: self.source(ref, here),
            "here": here,
            "book": self.book,
            "titles": models.KIND_TITLES,
        }
        return self.env.get_template(template).render(**helpers, **context)


def _source_sections(book: Handbook) -> dict[str, tuple[str, str]]:
    if book.sources is None:
        return {}
    return {s.id: (d.title, s.title) for d in book.sources.entry.documents for s in d.sections}


def related_to_role(book: Handbook, role: models.Role) -> dict[str, list[str]]:
    """Ids of pages linked to a role, by kind: both the role's list and the pages naming it."""
    found: dict[str, list[str]] = {}
    kinds = {i.entry.id: k for k in KIND_ORDER for i in book.of(k)}
    for kind in KIND_ORDER:
        for item in book.of(kind):
            names = list(getattr(item.entry, "roles", [])) + list(getattr(item.entry, "audience", []))
            if role.id in names:
                found.setdefault(kind, []).append(item.entry.id)
    for ident in role.related:
        kind = kinds.get(ident, "other")
        if ident not in found.get(kind, []):
            found.setdefault(kind, []).append(ident)
    return {k: found[k] for k in (*KIND_ORDER, "other") if k in found}


def render_pages(book: Handbook, quizzes: QuizSet | None = None, git: GitFacts | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path below docs/.

    Quiz pages come with ``quizzes``; "last changed" dates and the 本次更新 page
    with ``git`` (facts from the repository's history of data/).
    """
    r = Renderer(book)
    git = git or GitFacts()
    pages: dict[str, str] = {}
    quiz_nav = _quiz_pages(r, quizzes, pages)
    for kind in KIND_ORDER:
        items = sorted(book.of(kind), key=lambda i: i.entry.id)
        for item in items:
            here = page_path(kind, item.entry.id)
            pages[here] = r.render(TEMPLATES[kind], here, e=item.entry, src=item.path, **_extras(book, kind, item))
            pages[here] += _updated(git.dates.get(item.path))
        if items:
            here = f"{kind}/index.md"
            pages[here] = r.render("kind_index.md.j2", here, kind=kind, items=[i.entry for i in items], intro=KIND_INTROS[kind])
    pages["index.md"] = r.render("home.md.j2", "index.md", kinds=KIND_ORDER, intros=KIND_INTROS, quiz_nav=quiz_nav)
    if book.glossary:
        pages["glossary.md"] = r.render("glossary.md.j2", "glossary.md", e=book.glossary.entry, src=book.glossary.path)
    pages["sources.md"] = r.render("sources.md.j2", "sources.md", carriers=carriers(book))
    report = coverage.measure(book, quizzes.tested() if quizzes else None)
    pages["coverage.md"] = r.render("coverage.md.j2", "coverage.md", rows=coverage.rows(report), gaps=report.gaps())
    if git.commits:
        pages["updates.md"] = r.render("updates.md.j2", "updates.md", days=_updates(book, git))
    pages["SUMMARY.md"] = r.render("SUMMARY.md.j2", "SUMMARY.md", kinds=KIND_ORDER, pages=pages, quiz_nav=quiz_nav)
    return dict(sorted(pages.items()))


def _updated(date: str | None) -> str:
    return f'\n<p class="kf-updated">本页内容最后修改于 {date}</p>\n' if date else ""


def _updates(book: Handbook, git: GitFacts) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per day, newest first: (status, title, link target or "") of each changed entry."""
    by_path = {i.path: (k, i.entry) for k in KIND_ORDER for i in book.of(k)}
    if book.glossary:
        by_path[book.glossary.path] = ("glossary", None)
    labels = {"A": "新增", "M": "修改", "D": "删除", "R": "改名"}
    days: dict[str, list[tuple[str, str, str]]] = {}
    for commit in git.commits:
        for status, path in commit.files:
            kind, entry = by_path.get(path, ("", None))
            if kind == "glossary":
                row = (labels.get(status, "修改"), "术语表", "glossary.md")
            elif entry is not None:
                row = (labels.get(status, "修改"), f"{models.KIND_TITLES[kind]}：{entry.title}", page_path(kind, entry.id))
            else:
                row = (labels.get(status, "删除"), path, "")
            if row not in days.setdefault(commit.date, []):
                days[commit.date].append(row)
    return list(days.items())


def _quiz_pages(r: Renderer, quizzes: QuizSet | None, pages: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Add the quiz pages; return the quiz navigation (empty without quizzes/)."""
    if quizzes is None:
        return {}
    from . import quiz_pages

    pages.update(quiz_pages.render(r, quizzes))
    return {"assignments": quiz_pages.nav(quizzes), "topics": quiz_pages.topic_nav(quizzes)}


def _extras(book: Handbook, kind: str, item: Loaded[Any]) -> dict[str, Any]:
    if kind == "roles":
        return {"related": related_to_role(book, item.entry)}
    if kind == "scripts":
        conditions = {b.id: b.condition for s in item.entry.steps for b in s.branches}
        return {"edges": edges(item.entry), "paths": list(paths(item.entry)), "conditions": conditions}
    return {}


def carriers(book: Handbook) -> dict[str, list[str]]:
    """Source section id → ids of the entries that cite it (the source map)."""
    found: dict[str, list[str]] = {}
    for kind in KIND_ORDER:
        for item in book.of(kind):
            for _, node in walk(item.entry):
                for ref in getattr(node, "sources", []) or []:
                    found.setdefault(ref, []).append(item.entry.id)
    if book.glossary:
        for term in book.glossary.entry.terms:
            for ref in term.sources:
                found.setdefault(ref, []).append(term.id)
    return {k: sorted(set(v)) for k, v in found.items()}


SEARCH_WORDS = ("禁语", "话术", "规范", "流程", "指引", "岗位", "回访", "首问", "投诉", "班组长", "客服专员")


def search_words(book: Handbook) -> list[str]:
    """Domain words the Chinese segmenter must keep whole, so search finds them mid-sentence."""
    words = set(SEARCH_WORDS)
    if book.glossary:
        for term in book.glossary.entry.terms:
            words |= {term.term, *term.aliases}
    for item in book.of("taboos"):
        for taboo in item.entry.taboos:
            words |= set(taboo.phrases)
    return sorted(w for w in words if " " not in w)
