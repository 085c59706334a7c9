"""The Jinja2 environment of one build and the link helpers templates call.

Plain Python that turns entries into Markdown; writing to disk and MkDocs
specifics live elsewhere, so another engine could consume the same pages.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import Markup

from scripts_gen import diskcache
from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.kinds import KINDS
from scripts_gen.site import escaping
from scripts_gen.site.urls import relpath, targets

# Material Design Icons "file-document-edit-outline" (Apache-2.0), inline so the button needs no icon font.
PENCIL = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 2c-1.11 0-2 .89-2 2v16a2 2 0 0 0 2 2h4'
    'v-1.91L12.09 18H6v-2h8.09l2-2H6v-2h12.09L20 10.09V8l-6-6zm7 1.5L18.5 9H13zm7.15 9.5a.55.55 0 0 0-.4.16l-1.02 1.02 2.09 2.08'
    ' 1.02-1.01c.21-.22.21-.58 0-.79l-1.3-1.3a.54.54 0 0 0-.39-.16m-2.01 1.77L12 20.94V23h2.06l6.16-6.18z"/></svg>'
)

# Material Design Icons "check-circle" / "close-circle" (Apache-2.0), inline: the site has no emoji
# extension, so ":smile:" in data stays text and no page ever loads an image from a CDN.
ICONS = {
    "good": Markup(
        '<span class="twemoji kf-good"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<path d="M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2m-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z"/></svg></span>'
    ),
    "bad": Markup(
        '<span class="twemoji kf-bad"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<path d="M12 2c5.53 0 10 4.47 10 10s-4.47 10-10 10S2 17.53 2 12 6.47 2 12 2m3.59 5L12 10.59 8.41 7 7 8.41 10.59 12 7 15.59 '
        '8.41 17 12 13.41 15.59 17 17 15.59 13.41 12 17 8.41z"/></svg></span>'
    ),
}


class _EscapeOnce(CodeGenerator):
    """Compiles ``{{ value }}`` to ``environment.finalize(value)`` where Jinja writes ``escape(environment.finalize(value))``.

    Our finalize (``escaping.wording``) escapes every value and returns Markup, which Jinja's
    escape() would only copy into a new Markup: 1.4 µs for each of the 118,000 outputs of a 10×
    build. Output outside autoescaping (none of our templates turns it off) is compiled as Jinja does.
    """

    def _escapes_once(self, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> bool:
        return finalize.src is not None and frame.eval_ctx.autoescape and not frame.eval_ctx.volatile

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._escapes_once(frame, finalize):
            self.write(finalize.src or "")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._escapes_once(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Compiled templates, stale when the template or this module (which compiles them) changes."""

    COMPILER = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()

    def get_source_checksum(self, source: str) -> str:
        return super().get_source_checksum(self.COMPILER + source)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    where = diskcache.folder("jinja")
    return _Bytecode(str(where)) if where else None


class Renderer:
    """Holds the Jinja2 environment and the cross-reference tables of one build."""

    def __init__(self, book: Handbook, edit_base: str = "") -> None:
        self.book = book
        self.edit_base = edit_base
        self.targets = targets(book)
        self.sections = _source_sections(book)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("scripts_gen.site", "templates"),
            # Compiling the templates is a fixed cost of every run; Jinja checks each template's source.
            bytecode_cache=_bytecode_cache(),
            # One environment per build: a template is read once, never checked on disk again (two stat calls
            # for each of the two get_template calls of every page).
            auto_reload=False,
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            # Every YAML value is escaped, and {占位} slots are marked wherever they appear.
            finalize=escaping.wording,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Markdown attribute lists use "{#anchor}", so Jinja comments need other delimiters.
            comment_start_string="{%#",
            comment_end_string="#%}",
        )
        self.env.code_generator_class = _EscapeOnce
        self.env.filters.update(
            t=escaping.text,
            wording=escaping.wording,
            attr=escaping.attr,
            code=escaping.code,
            booktitle=escaping.book_title,
            anchor=escaping.anchor,
            mlabel=escaping.mermaid_label,
            mid=escaping.mermaid_id,
        )

    def link(self, ident: str, here: str) -> Markup:
        """A Markdown link from page ``here`` to the anchor of ``ident``."""
        target = self.targets[ident]
        href = relpath(target.page, posixpath.dirname(here) or ".")
        if target.anchor:
            href = f"{href}#{target.anchor}" if target.page != here else f"#{target.anchor}"
        return Markup(f"[{escaping.text(target.title)}]({href})")

    def sources_by_doc(self, refs: list[str], here: str) -> list[tuple[Markup, list[Markup]]]:
        """Cited sections grouped per document, in first-cited order: (document name, section links)."""
        href = relpath("sources.md", posixpath.dirname(here) or ".")
        groups: dict[str, list[Markup]] = {}
        for ref in refs:
            doc_title, section_title = self.sections.get(ref, ("", "行业通用做法"))
            groups.setdefault(doc_title, []).append(Markup(f"[{escaping.text(section_title)}]({href}#src-{ref})"))
        general = self.sections.get("general", ("", ""))[0]
        # Industry practice is not a document: no book-title marks.
        return [(escaping.book_title(d) if d and d != general else escaping.text(d or "行业通用"), links) for d, links in groups.items()]

    def edit_link(self, src: str) -> Markup:
        """The "编辑此页" button for a page generated from YAML file ``src``; nothing without a repository."""
        if not self.edit_base or not src.endswith((".yml", ".yaml")):
            return Markup("")
        href = escaping.attr(self.edit_base + src)
        return Markup(f'<a class="md-content__button md-icon kf-edit" href="{href}" title="编辑此页" rel="edit">{PENCIL}</a>\n')

    def render(self, template: str, here: str, **context: Any) -> str:
        helpers = {
            "edit_link": self.edit_link,
            "link": lambda ident: self.link(ident, here),
            "sources_by_doc": lambda refs: self.sources_by_doc(refs, here),
            "here": here,
            "book": self.book,
            "titles": {k.key: k.title for k in KINDS},
            "icons": ICONS,
            "item_key": escaping.item_key,
        }
        return self.env.get_template(template).render(**helpers, **context)


def _source_sections(book: Handbook) -> dict[str, tuple[str, str]]:
    if book.sources is None:
        return {}
    return {s.id: (d.title, s.title) for d in book.sources.entry.documents for s in d.sections}
