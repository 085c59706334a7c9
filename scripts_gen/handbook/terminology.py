"""The terminology table (glossary ``usage``) applied to every text of the handbook.

A learner who reads 客户 in one paragraph and 顾客 in the next wonders whether they are
different people. Each ``usage`` line names the preferred word and the variants to avoid;
scope 条目内 only objects when the same entry also uses the preferred word. Titles of
forms in 《》 and quotations in “” keep the source's own wording and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from scripts_gen.handbook.book import Handbook, Loaded
from scripts_gen.handbook.models import Glossary, Usage
from scripts_gen.problems import Problem
from scripts_gen.yamldoc import Loc

# Fields that hold references or codes, not prose.
NOT_PROSE = frozenset({"id", "sources", "next", "roles", "audience", "related", "channel", "channels", "term", "aliases", "usage"})
QUOTED = re.compile(r"《[^》]*》|“[^”]*”")


def _texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    for name, info in type(model).model_fields.items():
        if name in NOT_PROSE:
            continue
        key = info.alias or name
        value = getattr(model, name)
        if isinstance(value, str):
            yield (*loc, key), value
        elif isinstance(value, BaseModel):
            yield from _texts(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*loc, key, i), item
                elif isinstance(item, BaseModel):
                    yield from _texts(item, (*loc, key, i))


def _masked(text: str, words: list[str]) -> str:
    """``text`` with quotations, form titles and ``words`` blanked out (same length, so offsets hold)."""
    text = QUOTED.sub(lambda m: "\0" * len(m.group()), text)
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "\0" * len(word))
    return text


def variants(text: str, usage: Usage) -> Iterator[tuple[int, str]]:
    """(offset, variant) of every variant of ``usage`` in ``text``, outside quotations and allowed phrases."""
    if not any(variant in text for variant in usage.avoid):
        return  # almost every text: masking only hides matches, it never makes one
    masked = _masked(text, [*usage.allow, usage.preferred])
    for variant in sorted(usage.avoid, key=len, reverse=True):
        for match in re.finditer(re.escape(variant), masked):
            yield match.start(), variant
        masked = masked.replace(variant, "\0" * len(variant))


def _uses(texts: list[tuple[Loc, str]], word: str) -> bool:
    return any(word in _masked(text, []) for _, text in texts)


def _units(book: Handbook) -> Iterator[tuple[Loaded[Any], list[tuple[Loc, str]]]]:
    """The texts that must agree with each other: one page entry, or one glossary term."""
    for _, item in book.everything():
        yield item, list(_texts(item.entry))
    if book.glossary is not None:
        for i, term in enumerate(book.glossary.entry.terms):
            yield book.glossary, list(_texts(term, ("terms", i)))


def problems(book: Handbook) -> list[Problem]:
    """Every variant of a terminology-table word, located to the character."""
    if book.glossary is None or not book.glossary.entry.usage:
        return []
    glossary: Glossary = book.glossary.entry
    found = []
    for item, texts in _units(book):
        whole = "\0".join(text for _, text in texts)
        for usage in glossary.usage:
            if not any(variant in whole for variant in usage.avoid):
                continue  # no variant in any text of the unit (the common case): nothing to report
            if usage.scope == "条目内" and not _uses(texts, usage.preferred):
                continue
            where = "全手册统一" if usage.scope == "全手册" else "本条目其他地方用的是“" + usage.preferred + "”"
            for loc, text in texts:
                for offset, variant in sorted(variants(text, usage)):
                    line, column = item.doc.where_in(loc, offset)
                    found.append(
                        Problem(
                            item.path,
                            line,
                            column,
                            "term-variant",
                            f"用词不统一：“{variant}”应写作“{usage.preferred}”（{where}）。",
                            f"把“{variant}”改为“{usage.preferred}”；表格名称或原文引语请放进《》或“”，"
                            f"确需保留的完整说法加进 data/glossary.yml 用词统一表该条的 allow。",
                        )
                    )
    return found
