"""Every item cites a source section or is marked general, and a reader can see which."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, edit, heads

from scripts_gen.handbook import provenance
from scripts_gen.handbook.book import walk
from scripts_gen.project import load_handbook
from scripts_gen.site.pages import render_pages

BADGE = '<span class="kf-general"'


def test_every_item_of_the_handbook_cites_a_section_or_is_marked_general() -> None:
    book = load_handbook(REPO)
    cited = provenance.items(book)
    assert len(cited) > 200
    missing = provenance.unsourced(book)
    assert missing == [], f"{len(missing)} 个条目没有出处：\n" + "\n".join(missing)
    # Day-one material is the team's own: it must say so, item by item.
    assert sum(c.general for c in cited) >= 40


def test_an_item_without_sources_is_listed_with_its_line(mini: Path) -> None:
    edit(mini, "data/scripts/callback.yml", "  - id: cb-open\n", "  - id: cb-open\n    sources: [001-callback]\n")
    missing = provenance.unsourced(load_handbook(mini))
    assert "data/scripts/callback.yml:9: cb-open: 没有写出处（sources），写章节编号或 general" not in missing
    assert "data/scripts/callback.yml:14: cb-ask: 没有写出处（sources），写章节编号或 general" in missing


def test_item_sources_are_checked_against_sources_yml(mini: Path) -> None:
    edit(mini, "data/rules/callback-rules.yml", "    title: 三天内回访\n", "    title: 三天内回访\n    sources: [001-calback]\n")
    assert heads(mini) == [
        "data/rules/callback-rules.yml:10:15: [unknown-ref] 引用了不存在的出处章节编号“001-calback”。你是不是想写“001-callback”？"
    ]


def test_general_items_carry_a_visible_badge_and_cited_items_none(mini: Path) -> None:
    edit(mini, "data/scripts/callback.yml", "      - id: cb-satisfied\n", "      - id: cb-satisfied\n        sources: [general]\n")
    mixed = "      - id: cb-unsatisfied\n        sources: [001-callback, general]\n"
    edit(mini, "data/scripts/callback.yml", "      - id: cb-unsatisfied\n", mixed)
    edit(mini, "data/scripts/callback.yml", "  - id: cb-ask\n", "  - id: cb-ask\n    sources: [001-callback]\n")
    page = render_pages(load_handbook(mini))["scripts/callback.md"]
    satisfied = page.index("{#cb-satisfied}")
    unsatisfied = page.index("{#cb-unsatisfied}")
    assert page.count(BADGE) == 2
    assert page.index(BADGE, satisfied) < unsatisfied
    assert ">行业通用</span>" in page[satisfied:unsatisfied]
    assert ">含行业通用补充</span>" in page[unsatisfied:]
    assert BADGE not in page[:satisfied]
    # The standing note says who wrote the reasons and examples.
    assert "由编写组撰写" in page


def test_the_built_page_shows_the_badge_beside_its_item(built_site: Path) -> None:
    html = (built_site / "scripts" / "inbound-call" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="kf-general"') >= 5
    assert "编写说明" in html


def test_each_page_lists_every_section_its_items_cite() -> None:
    book = load_handbook(REPO)
    missing = []
    for _, loaded in book.everything():
        inner = {ref for loc, node in walk(loaded.entry) if loc for ref in getattr(node, "sources", [])}
        extra = inner - set(loaded.entry.sources)
        if extra:
            missing.append(f"{loaded.path}: 页面的 sources 缺少 {sorted(extra)}")
    assert missing == [], "\n".join(missing)
