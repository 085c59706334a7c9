"""Escaping for text that reaches Markdown (and through it, HTML).

Everything that comes from YAML goes through ``text`` before it reaches a
page: HTML special characters become entities and Markdown syntax characters
are backslash-escaped, so a YAML value can neither inject HTML nor turn into a
link, heading or attribute list.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Markdown syntax characters, each backslash-escaped, and what html.escape(quote=False) replaces
# (the entities hold no Markdown syntax character): str.translate, one C pass per value.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+!|-"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Any character the table replaces. Most values (Chinese prose) hold none, and one C scan for them costs a
# tenth of str.translate with a dict table, which looks up every character outside ASCII (about 3 µs a value).
_MD_SPECIAL_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _MD_SPECIAL) + "]")
_LIST_START = re.compile(r"^(\d+)\.")
_SLOT = re.compile(r"\\\{([^{}]+?)\\\}")


def _escaped(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    # Any line break (CR, U+2028 …) would end a heading, table row or admonition title; check reports
    # them as problems, and this keeps a page intact even for a value that slipped past. Every line
    # break is unprintable, so a printable value (nearly all) is left as it is without splitting it.
    raw = str(value)
    if not raw.isprintable():
        raw = " ".join(raw.splitlines())
    return _escaped_line(raw)


def _escaped_line(raw: str) -> str:
    escaped = raw.translate(_MD_SPECIAL) if _MD_SPECIAL_ANY.search(raw) else raw
    return _LIST_START.sub(r"\1\\.", escaped) if escaped[:1].isdigit() else escaped


def _markup(escaped: str) -> Markup:
    # Markup.__new__ (Python) first looks for __html__, which escaped text never has.
    return str.__new__(Markup, escaped)


def text(value: object) -> Markup:
    """Escape one YAML string for inline use in Markdown."""
    return value if isinstance(value, Markup) else _markup(_escaped(value))


def wording(value: object) -> Markup:
    """Escape an agent's wording and mark ``{占位}`` slots the agent fills in."""
    if type(value) is str and value.isprintable():
        escaped = _escaped_line(value)  # a YAML string, as in most of the 120,000 calls of a 10× build
    elif isinstance(value, Markup) and "\\{" not in value:
        return value  # already escaped, no slot to mark: what the lines below would rebuild
    else:
        escaped = _escaped(value)
    return _markup(_SLOT.sub(r'<span class="kf-slot">\1</span>', escaped) if "\\{" in escaped else escaped)


def code(value: object) -> Markup:
    """An inline code span holding ``value`` verbatim: a fence longer than any backtick run inside, one line."""
    raw = " ".join(str(value).splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", raw)), default=0) + 1)
    pad = " " if raw.startswith("`") or raw.endswith("`") else ""
    return Markup(f"{fence}{pad}{raw}{pad}{fence}")


def book_title(value: object) -> Markup:
    """A document's name in 《》, never doubled when the data already has the marks."""
    raw = str(value).strip()
    return wording(raw if raw.startswith("《") else f"《{raw}》")


def attr(value: object) -> Markup:
    """Escape for an HTML attribute value (always double-quoted in templates)."""
    return Markup(html.escape(str(value), quote=True))


def mermaid_label(value: object) -> Markup:
    """A Mermaid node or edge label: one line, quotes and brackets as entities."""
    raw = " ".join(str(value).split())
    for char, entity in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        raw = raw.replace(char, entity)
    return Markup(raw)


def mermaid_id(value: str) -> Markup:
    """A Mermaid node id from a validated handbook id (or ``end``)."""
    return Markup("n_" + value.replace("-", "_"))


def anchor(value: object) -> Markup:
    """A readable anchor that keeps Chinese: 平均响应时间, not _1 (letters, digits and CJK; the rest becomes -)."""
    return Markup(re.sub(r"[^\w]+", "-", str(value)).strip("-_").lower())


def item_key(owner: object, part: object) -> Markup:
    """The anchor prefix of the items of one list: ``<owner id>--<part>`` (items add ``-1``, ``-2`` …).

    Entry ids never hold ``--`` (lowercase words joined by single hyphens), so an item's
    anchor cannot collide with an entry's; it depends only on the owner's id, the list and
    the item's place in it (same YAML, same anchors). Anything but ASCII letters, digits and hyphens is dropped, so the key is safe
    in an attribute list and in a URL.
    """
    clean = [re.sub(r"[^a-z0-9-]+", "", str(v).lower()).strip("-") for v in (owner, part)]
    return Markup("--".join(clean))
