"""Glossary terms marked in the generated Markdown, so a reader can hover, tap or focus them.

Python-Markdown's ``abbr`` needs word boundaries, which continuous Chinese text
does not have; so the generator marks terms itself: the first occurrence of
each term (or alias) per section, never in headings, code, links, raw HTML or
front matter. A mark is a link to the term's glossary entry (it works without
JavaScript) carrying the definition, which docs/assets/js/kefu.js shows as a tooltip.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import ahocorasick_rs

from scripts_gen.handbook.models import Glossary
from scripts_gen.site import escaping
from scripts_gen.site.urls import relative, url_of

# Spans a term must never be marked inside: Markdown links, inline code, HTML tags
# with what a slot span holds, and attribute lists.
_PROTECTED = re.compile(
    r"(?<!\\)\[(?:\\.|[^\]\\])*\]\([^)]*\)"
    r"|`[^`]*`"
    r'|<span class="kf-slot">.*?</span>'
    r"|<[^>]*>"
    r"|\{[:#.][^}]*\}"
)
_SKIP_LINE = re.compile(r"^\s*(?:#|<|!!!|\?\?\?|```|\|\s*-)")


@dataclass(frozen=True)
class Mark:
    term_id: str
    term: str
    definition: str


class Vocabulary:
    """Escaped surface forms (term or alias, as they appear in generated Markdown) → their mark.

    Found with one Aho-Corasick automaton built once (leftmost-longest, like a regex
    alternation of the words longest first), so marking a page costs its length,
    not its length times the size of the glossary.
    """

    def __init__(self, words: dict[str, Mark]) -> None:
        self.words = words
        self._forms = list(words)
        self._automaton = ahocorasick_rs.AhoCorasick(self._forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if words else None

    def __bool__(self) -> bool:
        return bool(self.words)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface form) of each term in ``text``, leftmost-longest, not overlapping."""
        if self._automaton is None:
            return []
        return [(start, end, self._forms[i]) for i, start, end in self._automaton.find_matches_as_indexes(text)]


def vocabulary(glossary: Glossary) -> Vocabulary:
    """Every term and alias of two characters or more, as it appears in generated Markdown."""
    found: dict[str, Mark] = {}
    for t in glossary.terms:
        for word in (t.term, *t.aliases):
            if len(word) >= 2:
                found.setdefault(str(escaping.text(word)), Mark(t.id, t.term, t.definition))
    return Vocabulary(found)


def mark(markdown: str, words: Vocabulary, here: str) -> str:
    """``markdown`` with the first occurrence of each term per section turned into a tooltip link."""
    # One automaton pass over the page says which lines hold a term at all: no form holds a line
    # break, so the page's matches are exactly each line's; the other lines are copied unchanged.
    starts = [start for start, _, _ in words.find(markdown)]
    if not starts:
        return markdown
    seen: set[str] = set()
    out: list[str] = []
    fenced = front = False
    end, nxt = -1, 0  # where the line before this one ends; the first term start not yet passed
    for number, line in enumerate(markdown.split("\n")):
        end += len(line) + 1
        has_term = nxt < len(starts) and starts[nxt] < end
        while nxt < len(starts) and starts[nxt] < end:
            nxt += 1
        if number == 0 and line == "---":
            front = True
        elif front:
            front = line != "---"
        elif line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.lstrip().startswith("#"):
            seen = set()
        elif not fenced and has_term and not _SKIP_LINE.match(line):  # only lines the page pass found a term in
            line = _mark_line(line, words, seen, here)
        out.append(line)
    return "\n".join(out)


def _mark_line(line: str, words: Vocabulary, seen: set[str], here: str) -> str:
    pieces: list[str] = []
    last = 0
    for protected in _PROTECTED.finditer(line):
        pieces.append(_mark_text(line[last : protected.start()], words, seen, here))
        pieces.append(protected.group(0))
        last = protected.end()
    pieces.append(_mark_text(line[last:], words, seen, here))
    return "".join(pieces)


def _mark_text(text: str, words: Vocabulary, seen: set[str], here: str) -> str:
    pieces: list[str] = []
    last = 0
    for start, end, form in words.find(text):
        m = words.words[form]
        if m.term_id in seen:
            continue
        seen.add(m.term_id)
        href = html.escape(relative(url_of("glossary.md", m.term_id), here), quote=True)
        tip = html.escape(f"{m.term}：{m.definition}", quote=True)
        pieces += [text[last:start], f'<a class="kf-term" href="{href}" data-kf-def="{tip}">{form}</a>']
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
