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


def vocabulary(glossary: Glossary) -> dict[str, Mark]:
    """Escaped surface form (term or alias, as it appears in generated Markdown) → its mark."""
    found: dict[str, Mark] = {}
    for t in glossary.terms:
        for word in (t.term, *t.aliases):
            if len(word) >= 2:
                found.setdefault(str(escaping.text(word)), Mark(t.id, t.term, t.definition))
    return found


def mark(markdown: str, words: dict[str, Mark], here: str) -> str:
    """``markdown`` with the first occurrence of each term per section turned into a tooltip link."""
    if not words:
        return markdown
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
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
        elif not fenced and not _SKIP_LINE.match(line):
            line = _mark_line(line, pattern, words, seen, here)
        out.append(line)
    return "\n".join(out)


def _mark_line(line: str, pattern: re.Pattern[str], words: dict[str, Mark], seen: set[str], here: str) -> str:
    pieces: list[str] = []
    last = 0
    for protected in _PROTECTED.finditer(line):
        pieces.append(_mark_text(line[last : protected.start()], pattern, words, seen, here))
        pieces.append(protected.group(0))
        last = protected.end()
    pieces.append(_mark_text(line[last:], pattern, words, seen, here))
    return "".join(pieces)


def _mark_text(text: str, pattern: re.Pattern[str], words: dict[str, Mark], seen: set[str], here: str) -> str:
    def one(match: re.Match[str]) -> str:
        m = words[match.group(0)]
        if m.term_id in seen:
            return match.group(0)
        seen.add(m.term_id)
        href = html.escape(relative(url_of("glossary.md", m.term_id), here), quote=True)
        tip = html.escape(f"{m.term}：{m.definition}", quote=True)
        return f'<a class="kf-term" href="{href}" data-kf-def="{tip}">{match.group(0)}</a>'

    return pattern.sub(one, text)
