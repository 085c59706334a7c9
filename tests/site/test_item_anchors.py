"""List items a search can open: every alternative, example, note and key step has its own anchor,
unique on its page and the same on every build; and the search scorer reads an item as the
section (or page) that holds it."""

from __future__ import annotations

import re
from pathlib import Path

import search_eval
from helpers import MINI, REPO

from scripts_gen.project import load_handbook
from scripts_gen.site.escaping import item_key
from scripts_gen.site.pages import render_pages

ANCHORS = re.compile(r"\{:? ?#([^\s}]+)")


def test_item_key_keeps_only_safe_characters() -> None:
    assert item_key("taboo-buxing", "alt") == "taboo-buxing--alt"
    # Whatever reaches it, the key is plain ASCII: no markup, quote or attribute-list brace survives.
    assert item_key('x"><script>}{', "alt 1") == "xscript--alt1"


def test_every_item_of_a_list_gets_its_own_stable_anchor_unique_on_its_page() -> None:
    book = load_handbook(REPO)
    first, again = render_pages(book), render_pages(book)
    assert first == again
    items = 0
    for path, text in first.items():
        anchors = ANCHORS.findall(text)
        assert len(anchors) == len(set(anchors)), (path, sorted(a for a in anchors if anchors.count(a) > 1))
        items += sum("--" in a for a in anchors)
    assert items >= 500  # every taboo alternative, rule example and note, script and process note …
    taboo = first["taboos/blunt-refusal.md"]
    alternatives = taboo.split("**推荐说法：**")[1].split("##")[0]
    bullets = [line for line in alternatives.splitlines() if line.startswith("- ")]
    assert bullets and len(re.findall(r"\{: #taboo-[a-z]+--alt-\d+ \}", alternatives)) == len(bullets)


def test_the_small_handbook_marks_its_items_too() -> None:
    pages = render_pages(load_handbook(MINI))
    assert any("--alt-1 }" in text for text in pages.values())
    assert any("--good-1 }" in text for text in pages.values())


PAGE = """<h1 id="规范">规范</h1><p>引言</p>
<h2 id="rule-a">第 1 条</h2><ul><li id="rule-a--good-1">好</li><li id="rule-a--good-2">也好</li></ul>
<h3 id="rule-a-more">细则</h3><ol><li id="rule-a-more--note-1">注</li></ol>
<h2 id="rule-b">第 2 条</h2><ul><li>没有锚点</li><li class="x" id="rule-b--bad-1">坏</li></ul>"""


def test_an_item_anchor_counts_as_the_section_that_holds_it(tmp_path: Path) -> None:
    page = tmp_path / "rules" / "x"
    page.mkdir(parents=True)
    (page / "index.html").write_text(PAGE, encoding="utf-8")
    owners = search_eval.item_owners(PAGE)
    assert owners == {
        "rule-a--good-1": "rule-a",
        "rule-a--good-2": "rule-a",
        "rule-a-more--note-1": "rule-a-more",
        "rule-b--bad-1": "rule-b",
    }
    qs = search_eval.QuerySet([], [], [], outlines=search_eval.sections(tmp_path), owners=search_eval.items(tmp_path))
    top = {"q": ["/rules/x/#rule-a--good-2"], "sub": ["/rules/x/#rule-a-more--note-1"], "page": ["/rules/x/#rule-b--bad-1"]}
    # The item answers its own section, any section around it and the page, never a sibling section.
    assert search_eval.top3(qs, [("q", ["rules/x/#rule-a"])], top)[0] == 1
    assert search_eval.top3(qs, [("sub", ["rules/x/#rule-a"])], top)[0] == 1
    assert search_eval.top3(qs, [("page", ["rules/x/"])], top)[0] == 1
    assert search_eval.top3(qs, [("q", ["rules/x/#rule-b"])], top)[0] == 0
    assert search_eval.top3(qs, [("page", ["rules/x/#rule-a"])], top)[0] == 0
