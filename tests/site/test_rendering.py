"""Golden tests: the small handbook renders to exactly the Markdown in tests/golden/.

After an intended template change run `make golden`, review the diff, commit.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import helpers
import pytest
from helpers import MINI, edit
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from scripts_gen import diskcache
from scripts_gen.project import load, load_handbook
from scripts_gen.site import escaping, renderer
from scripts_gen.site.pages import render_pages

GOLDEN = helpers.GOLDEN


def _pages(root: Path = MINI) -> dict[str, str]:
    return render_pages(load_handbook(root))


def test_pages_match_golden_files() -> None:
    pages = _pages()
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(pages) == sorted(expected), "生成的页面集合与基准不同；确认无误后运行 make golden"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} 与基准不同；确认无误后运行 make golden"



def test_yaml_text_cannot_inject_html_or_markdown(mini: Path) -> None:
    edit(
        mini,
        "data/roles/agent.yml",
        "summary: 负责接待与回访。",
        'summary: "<script>alert(1)</script>[点我](javascript:alert(2)) {: onclick=x}"',
    )
    page = _pages(mini)["roles/agent.md"]
    assert "<script>" not in page
    # Braces read as a slot the agent fills in (marked, its content still escaped), never as an attribute list.
    escaped = "&lt;script&gt;alert\\(1\\)&lt;/script&gt;\\[点我\\]\\(javascript:alert\\(2\\)\\) "
    assert escaped + '<span class="kf-slot">: onclick=x</span>' in page


def test_every_script_branch_and_rule_has_its_own_anchor() -> None:
    pages = _pages()
    assert "### 若客户表示满意 {#cb-satisfied}" in pages["scripts/callback.md"]
    assert "### 若客户表示不满意或一般 {#cb-unsatisfied}" in pages["scripts/callback.md"]
    assert "## 第 1 条　三天内回访 {#cb-within-3-days}" in pages["rules/callback-rules.md"]


def test_role_page_collects_what_names_the_role() -> None:
    page = _pages()["roles/agent.md"]
    for link in (
        "[回访话术](../scripts/callback.md)",
        "[回访规范](../rules/callback-rules.md)",
        "[投诉处理流程](../processes/complaint.md)",
        "[班组长指引](../guides/lead.md)",
    ):
        assert link in page


@pytest.mark.parametrize("rel", ["roles/agent.md", "scripts/callback.md", "glossary.md"])
def test_generated_pages_name_their_yaml_source(rel: str) -> None:
    page = _pages()[rel]
    source = "data/glossary.yml" if rel == "glossary.md" else f"data/{rel[:-3]}.yml"
    assert page.startswith(f"---\nkf_source: {source}\n---\n")


def test_one_pass_escaping_is_html_escape_then_markdown_escape() -> None:
    """The single translate table does what html.escape(quote=False) followed by the Markdown escaping did."""
    md = {c: "\\" + c for c in "\\`*_{}[]()#+!|-"}
    samples = ["".join(chr(c) for c in range(32, 127)), "&lt;已转义&gt; & <b>粗</b> #1 [链接](x) {占位}", "1. 列表", "a&amp;b", "\\&<>"]
    for sample in samples:
        two_steps = "".join(md.get(c, c) for c in html.escape(sample, quote=False))
        expected = escaping._LIST_START.sub(r"\1\\.", two_steps) if two_steps[:1].isdigit() else two_steps
        assert escaping._escaped(sample) == expected
    slot = escaping.text("{a}")
    assert escaping.wording(slot) == Markup('<span class="kf-slot">a</span>') and escaping.wording(Markup("x<b>")) == "x<b>"


def test_printable_values_skip_the_line_break_join_and_nothing_else_changes() -> None:
    """The shortcut (no split for a printable value) against the definition: split at every line break, join with spaces."""

    def definition(value: object) -> str:
        raw = " ".join(str(value).splitlines())
        escaped = raw.translate(escaping._MD_SPECIAL)
        return escaping._LIST_START.sub(r"\1\\.", escaped) if escaped[:1].isdigit() else escaped

    breaks = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    samples: list[object] = ["", " ", "\u3000全角空格", "1. 列表", 12, 3.5, None, "尾\n", "\r\n", "a\tb", "\x00\x7f", "\u200b零宽"]
    samples += [f"前{c}后" for c in breaks] + [c for c in breaks] + [f"{c}{c}" for c in breaks]
    samples += ["".join(chr(c) for c in range(0, 0x3000, 7))]
    for sample in samples:
        assert escaping._escaped(sample) == definition(sample), repr(sample)


def test_the_scan_for_special_characters_finds_exactly_what_the_table_replaces() -> None:
    """A value the scan passes over is left as it is, so it must hold no character that translate would change."""
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert (escaping._MD_SPECIAL_ANY.search(char) is not None) == (char.translate(escaping._MD_SPECIAL) != char), hex(code)


def _all_pages() -> dict[str, str]:
    project = load(MINI)
    return render_pages(project.book, project.quizzes)


def test_escaping_once_renders_what_jinjas_own_compiler_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our compiler drops Jinja's escape() around the finalize that already escapes: same pages, no escape() left."""
    monkeypatch.setattr(diskcache, "DIR", tmp_path)
    ours = _all_pages()
    env = renderer.Renderer(load_handbook(MINI)).env
    source, name, _ = env.loader.get_source(env, "rules.md.j2") if env.loader else ("", "", None)
    assert "escape(" not in str(env.compile(source, "rules.md.j2", name, raw=True))
    monkeypatch.setattr(renderer, "_EscapeOnce", CodeGenerator)
    monkeypatch.setattr(renderer._Bytecode, "COMPILER", "jinja")  # Jinja's code must not come from our cache, nor go into it
    assert _all_pages() == ours


def test_compiled_templates_are_reused_and_recompiled_when_the_compiler_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diskcache, "DIR", tmp_path)
    monkeypatch.delenv("KEFU_NO_CACHE", raising=False)
    first = _all_pages()
    stored = {p.name: p.read_bytes() for p in (tmp_path / "jinja").iterdir()}
    assert len(stored) >= 10
    assert _all_pages() == first  # read back from the cache
    assert {p.name: p.read_bytes() for p in (tmp_path / "jinja").iterdir()} == stored
    monkeypatch.setattr(renderer._Bytecode, "COMPILER", "another version of renderer.py")
    assert _all_pages() == first
    rewritten = {p.name: p.read_bytes() for p in (tmp_path / "jinja").iterdir()}
    assert rewritten.keys() == stored.keys() and all(rewritten[k] != stored[k] for k in stored)


def test_wordings_shortcut_for_plain_strings_equals_the_general_path() -> None:
    """wording() takes a printable str straight to the escaping; every value must come out as the general path makes it."""

    def general(value: object) -> str:
        escaped = escaping._escaped(value)
        return escaping._SLOT.sub(r'<span class="kf-slot">\1</span>', escaped) if "\\{" in escaped else escaped

    samples: list[object] = ["客户来电", "1. 列表", "{客户姓名}您好", "a<b>&c", "\\{已转义\\}", "多\n行", "\u2028", "", 7, None]
    samples += ["".join(chr(c) for c in range(32, 127)), "".join(chr(c) for c in range(0, 0x3000, 7))]
    for sample in samples:
        out = escaping.wording(sample)
        assert type(out) is Markup and out == general(sample), repr(sample)
    assert escaping.wording(Markup("\\{x\\}")) == '<span class="kf-slot">x</span>'
