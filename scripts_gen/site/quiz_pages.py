"""Quiz pages: one per assignment (stable URL quiz/<id>/), one per topic, an index and "my progress".

Each page is Markdown with one HTML block whose ``<script type="application/json">``
holds the form; docs/assets/js/quiz.js turns it into the widget. The JSON is
escaped so no YAML text can close the script element or inject markup.

An exam page holds no questions: each of its draw lines names a pool file,
``quiz/pools/<content hash>.json`` (site-root-relative; quiz.js resolves it
against the site root it was loaded from, so it works at any depth and with or
without directory URLs). Exams that draw from the same tag or topic share the
file, so the site grows with the number of questions, not exams × pool size.
The files are generated like the pages: same content, same name; a pool no
exam uses any more is removed with the stale pages.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from markupsafe import Markup

from scripts_gen.quiz.draw import assignment_form, topic_forms
from scripts_gen.quiz.form import QuizForm, exam_parts, payload
from scripts_gen.quiz.models import MODE_TITLES, QuizSet
from scripts_gen.site.renderer import Renderer
from scripts_gen.site.urls import relative, url_of

POOLS = "quiz/pools"


def safe_json(data: Any) -> str:
    """Canonical JSON in which no <, > or & survives (escaped as \\u003c …): inert in any HTML context."""
    return _inert(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def _inert(text: str) -> str:
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def embed(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">."""
    return Markup(safe_json(data))


def exam_data(form: QuizForm, files: dict[str, str]) -> dict[str, Any]:
    """An exam page's data; its pool files are added to ``files`` (path below docs/ → content)."""
    data, _, texts = exam_parts(form)
    paths = []
    for text in texts:
        body = _inert(text) + "\n"  # safe_json({"questions": …}) of the list, from texts made once per question
        # quiz.js fetches only paths of exactly this shape (POOL_PATH there).
        path = f"{POOLS}/{hashlib.sha256(body.encode('utf-8')).hexdigest()[:16]}.json"
        files[path] = body
        paths.append(path)
    data["draw"] = [[count, paths[i]] for count, i in data["draw"]]
    return data


def links(r: Renderer) -> dict[str, dict[str, str]]:
    """Every handbook id: its site-root-relative URL and title."""
    return {ident: {"href": url_of(t.page, t.anchor), "label": t.title} for ident, t in sorted(r.targets.items())}


def _page_links(table: dict[str, dict[str, str]], form: QuizForm) -> dict[str, dict[str, str]]:
    wanted = sorted({fq.q.see or fq.q.tests[0] for fq in form.questions} & table.keys())
    return {k: {"href": relative(table[k]["href"], form.page), "label": table[k]["label"]} for k in wanted}


def _source(files: dict[str, str], form: QuizForm) -> str:
    docs = [fq.item.doc.path for fq in form.questions if fq.item.doc is not None]
    if docs:
        return docs[0]
    return files.get(form.questions[0].item.topic, "quizzes")


def render(r: Renderer, quiz: QuizSet) -> dict[str, str]:
    """Every quiz page, keyed by its path below docs/."""
    table = links(r)
    pages: dict[str, str] = {}
    assignments = [(la, assignment_form(quiz, la)) for la in sorted(quiz.assignments, key=lambda la: la.a.id)]
    topics = topic_forms(quiz)
    files: dict[str, str] = {}
    for _, item in quiz.book.everything():
        files.setdefault(item.entry.id, item.path)
    versions: dict[str, str] = {}
    for la, form in assignments:
        data = exam_data(form, pages) if form.exam else payload(form, _page_links(table, form))
        data["title"] = form.title
        versions[form.id] = data["version"]
        pages[form.page] = r.render("quiz.md.j2", form.page, a=la.a, form=form, data=embed(data), src=la.doc.path, modes=MODE_TITLES)
    for form in topics:
        data = payload(form, _page_links(table, form)) | {"title": form.title}
        versions[form.id] = data["version"]
        pages[form.page] = r.render("quiz_topic.md.j2", form.page, form=form, data=embed(data), src=_source(files, form))
    everything = [f for _, f in assignments] + topics
    listing = [
        {
            "id": f.id,
            "title": f.title,
            "href": relative(url_of(f.page), "quiz/progress.md"),
            "mode": f.mode,
            "n": f.size,
            "pass": f.pass_mark,
            "version": versions[f.id],
        }
        for f in everything
    ]
    pages["quiz/progress.md"] = r.render("quiz_progress.md.j2", "quiz/progress.md", data=embed({"quizzes": listing}))
    pages["quiz/index.md"] = r.render("quiz_index.md.j2", "quiz/index.md", assignments=assignments, topics=topics, modes=MODE_TITLES)
    return pages


def nav(quiz: QuizSet) -> list[tuple[str, str]]:
    """(title, path) of the assignment pages, for SUMMARY.md."""
    return [(la.a.title, f"quiz/{la.a.id}.md") for la in sorted(quiz.assignments, key=lambda la: la.a.id)]


def topic_nav(quiz: QuizSet) -> list[tuple[str, str]]:
    return [(f.title, f.page) for f in topic_forms(quiz)]
