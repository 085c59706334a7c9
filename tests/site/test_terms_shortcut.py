"""Marking glossary terms with one automaton pass per page gives what the line-by-line definition gives."""

from __future__ import annotations

import random

import pytest
import yaml
from helpers import REPO

from scripts_gen.handbook.models import Glossary
from scripts_gen.project import load
from scripts_gen.site import terms
from scripts_gen.site.pages import render_pages

GLOSSARY = """\
terms:
  - id: term-callback
    term: 回访
    definition: 服务后主动联系客户。
    sources: [general]
  - id: term-callback-record
    term: 回访记录
    definition: 回访的书面结果。
    sources: [general]
  - id: term-fcr
    term: 首问负责制
    definition: 第一个接待的人负责到底。
    aliases: [首问责任制]
    sources: [general]
  - id: term-sla
    term: SLA
    definition: 服务水平协议。
    sources: [general]
"""


def reference_mark(markdown: str, words: terms.Vocabulary, here: str) -> str:
    """The definition: every line looked at on its own (the code before the one-pass shortcut)."""
    if not words:
        return markdown
    seen: set[str] = set()
    out: list[str] = []
    fenced = front = False
    for number, line in enumerate(markdown.split("\n")):
        if number == 0 and line == "---":
            front = True
        elif front:
            front = line != "---"
        elif line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.lstrip().startswith("#"):
            seen = set()
        elif not fenced and not terms._SKIP_LINE.match(line):
            line = terms._mark_line(line, words, seen, here)
        out.append(line)
    return "\n".join(out)


def _words() -> terms.Vocabulary:
    return terms.vocabulary(Glossary.model_validate(yaml.safe_load(GLOSSARY)))


PIECES = [
    "回访", "回访记录", "首问负责制", "首问责任制", "SLA", "回", "访", "记录", "客户", " ", "\u3000", "\t", "\n", "\n", "\n",
    "\r", "---", "#", "## ", "```", "`", "[", "]", "(", ")", "x.md", "<", ">", '<span class="kf-slot">', "</span>",
    "{#a}", "{:.c}", "!!!", "???", "| -", "\\", "- ",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_one_pass_is_the_line_by_line_definition_on_random_pages(seed: int) -> None:
    words, rng = _words(), random.Random(seed)
    for _ in range(50):
        page = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120)))
        assert terms.mark(page, words, "rules/a.md") == reference_mark(page, words, "rules/a.md"), repr(page)


def test_one_pass_is_the_line_by_line_definition_on_the_real_pages() -> None:
    project = load(REPO)
    assert project.book.glossary is not None
    words = terms.vocabulary(project.book.glossary.entry)
    pages = render_pages(project.book, project.quizzes)
    for here, page in pages.items():
        # Pages come marked; strip the marks so the terms are found again, then mark both ways.
        plain = page.replace('class="kf-term"', 'class="kf-x"')
        assert terms.mark(plain, words, here) == reference_mark(plain, words, here), here


def test_no_term_on_the_page_returns_it_unchanged() -> None:
    page = "# 标题\n\n没有任何术语的一段话。\n"
    assert terms.mark(page, _words(), "rules/a.md") is page
