"""Reading the handbook as a new hire does: phone and desktop, light and dark, and the accessibility audit (issue 13)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ARTIFACTS, REPO, screenshot

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SCRIPTS = ("callback", "cod-order-confirm", "online-after-sales", "online-bargaining")
PROCESSES = (
    "callback-process",
    "complaint-closed-loop",
    "complaint-handling",
    "customer-data-management",
    "online-order-followup",
    "special-inspection",
    "upgraded-complaint-flow",
    "upgraded-consult-intake",
    "upgraded-issue-followup",
)
# One page of every type a reader meets.
PAGE_TYPES = {
    "首页": "",
    "入职路线": "learn/service-specialist/",
    "岗位": "roles/online-service-specialist/",
    "话术": "scripts/online-bargaining/",
    "流程": "processes/complaint-handling/",
    "规范": "rules/online-consultation/",
    "禁语": "taboos/evasive/",
    "指引": "guides/team-lead-guide/",
    "总览": "taboos/",
    "术语表": "glossary/",
    "资料来源": "sources/",
    "本次更新": "updates/",
    "测验总览": "quiz/",
    "练习": "quiz/practice/callback/",
    "考试": "quiz/new-agent-exam/",
    "我的进度": "quiz/progress/",
}


@pytest.fixture
def open_page(browser: Any, site_url: str) -> Iterator[Any]:
    """open_page(path, phone=False, dark=False): a fresh tab on ``path``, diagrams drawn."""
    contexts: list[Any] = []

    def opener(path: str, phone: bool = False, dark: bool = False) -> Any:
        context = browser.new_context(locale="zh-CN", **(PHONE if phone else DESKTOP))
        contexts.append(context)
        tab = context.new_page()
        tab.goto(site_url + path)
        if dark:
            # As a reader does: the header's palette switch (after any diagram has drawn).
            _diagrams_drawn(tab)
            tab.locator("label[for='__palette_1']").click()
            tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        tab.wait_for_load_state("networkidle")
        _diagrams_drawn(tab)
        return tab

    yield opener
    for context in contexts:
        context.close()


def _diagrams_drawn(tab: Any) -> None:
    tab.wait_for_function("() => window.kfDiagramsDone && window.kfDiagramsDone()", timeout=60000, polling=250)


@pytest.mark.parametrize("path", [f"scripts/{s}/" for s in SCRIPTS] + [f"processes/{p}/" for p in PROCESSES])
def test_mermaid_source_is_never_shown_under_the_diagram(open_page: Any, path: str) -> None:
    tab = open_page(path)
    assert tab.locator(".kf-diagram svg").count() == tab.locator("pre.kf-mermaid").count() >= 1
    assert "flowchart TD" not in tab.locator("article").inner_text()
    tab.emulate_media(media="print")
    assert "flowchart TD" not in tab.locator("article").inner_text()


@pytest.mark.parametrize(("phone", "dark"), [(True, False), (True, True), (False, True)])
def test_mermaid_source_hidden_on_phone_and_in_dark_mode(open_page: Any, phone: bool, dark: bool) -> None:
    tab = open_page("scripts/callback/", phone=phone, dark=dark)
    assert tab.locator(".kf-diagram svg").count() == 1
    assert not tab.locator("pre.kf-mermaid").is_visible()
    assert "flowchart TD" not in tab.locator("article").inner_text()


def _node_fill(tab: Any) -> list[int]:
    rgb: str = tab.eval_on_selector(".kf-diagram svg .node rect, .kf-diagram svg .node path", "el => getComputedStyle(el).fill")
    return [int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]


def test_switching_to_dark_after_the_diagram_drew_redraws_it_dark(open_page: Any) -> None:
    tab = open_page("scripts/online-bargaining/")
    light = _node_fill(tab)
    assert sum(light) / 3 > 160, light
    tab.locator("label[for='__palette_1']").click()
    _diagrams_drawn(tab)
    dark = _node_fill(tab)
    assert sum(dark) / 3 < 100, dark
    screenshot(tab, "script-bargaining-dark-after-switch")


@pytest.mark.parametrize("script", SCRIPTS)
def test_flowchart_labels_do_not_overlap(open_page: Any, script: str) -> None:
    tab = open_page(f"scripts/{script}/")
    boxes: list[dict[str, float]] = tab.eval_on_selector_all(
        ".kf-diagram svg .nodeLabel, .kf-diagram svg .edgeLabel",
        "els => els.filter(e => e.textContent.trim()).map(e => { const r = e.getBoundingClientRect();"
        " return {x: r.left, y: r.top, r: r.right, b: r.bottom, t: e.textContent}; })",
    )
    assert len(boxes) >= 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a["r"] <= b["x"] + 1 or b["r"] <= a["x"] + 1 or a["b"] <= b["y"] + 1 or b["b"] <= a["y"] + 1
            assert apart, (a["t"], b["t"])


def test_a_chart_wider_than_the_phone_says_it_scrolls(open_page: Any) -> None:
    phone = open_page("scripts/online-bargaining/", phone=True)
    box = phone.locator(".kf-diagram")
    assert box.evaluate("d => d.scrollWidth > d.clientWidth")  # this chart is wider than 390px
    hint = phone.locator(".kf-diagram-hint")
    assert hint.count() == 1 and hint.is_visible() and "左右滑动" in hint.inner_text()
    assert hint.evaluate("h => h.nextElementSibling.classList.contains('kf-diagram')")  # read before the chart
    # On a desktop the same chart fits its column: no hint.
    desktop = open_page("scripts/online-bargaining/")
    assert desktop.locator(".kf-diagram").evaluate("d => d.scrollWidth <= d.clientWidth + 1")
    assert desktop.locator(".kf-diagram-hint").count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "roles/online-service-specialist/",
        "roles/online-shop-agent/",
        "roles/team-lead/",
        "roles/service-supervisor/",
        "taboos/",
        "learn/team-lead/",
    ],
)
def test_phone_pages_fit_and_short_table_cells_keep_words_whole(open_page: Any, path: str) -> None:
    tab = open_page(path, phone=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    split: list[str] = tab.eval_on_selector_all(
        "article td, article th",
        "cells => cells.filter(c => { const t = c.innerText.trim(); if (!t || t.length > 8) return false;"
        " const range = document.createRange(); range.selectNodeContents(c);"
        " const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));"
        " return tops.size > 1; }).map(c => c.innerText)",
    )
    assert split == []


def test_quiz_wording_shows_slots_not_raw_braces(open_page: Any) -> None:
    tab = open_page("quiz/practice/callback/")
    tab.wait_for_selector(".kf-quiz [data-kf-q], .kf-quiz fieldset, .kf-quiz li")
    text = tab.locator(".kf-quiz").inner_text()
    # The slot reads as a slot (marked 【…】 by the generator or 〔…〕 by quiz.js), never as raw braces.
    assert "约定时间" in text
    assert "{" not in text and "}" not in text


def test_glossary_tooltip_on_hover_focus_and_tap(open_page: Any) -> None:
    tab = open_page("scripts/callback/")
    term = tab.locator("article a.kf-term").first
    tip = tab.locator("#kf-tip")
    term.hover()
    assert tip.is_visible() and tip.inner_text() == term.get_attribute("data-kf-def")
    assert term.get_attribute("aria-describedby") == "kf-tip"
    tab.keyboard.press("Escape")
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible()
    screenshot(tab, "tooltip-desktop")

    phone = open_page("scripts/callback/", phone=True, dark=True)
    term = phone.locator("article a.kf-term").first
    term.scroll_into_view_if_needed()
    before = phone.url
    term.tap()
    tip = phone.locator("#kf-tip")
    assert tip.is_visible() and len(tip.inner_text()) > 5
    assert phone.url == before, "the first tap shows the definition instead of leaving the page"
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.wait_for_timeout(800)  # let the header's title transition settle before the picture
    screenshot(phone, "tooltip-phone-dark")
    term.tap()
    phone.wait_for_url("**/glossary/**")
    assert "#term-" in phone.url


def test_first_week_checklist_ticks_survive_a_reload(open_page: Any) -> None:
    tab = open_page("learn/service-specialist/", phone=True)
    boxes = tab.locator("[data-kf-checklist] input[type=checkbox]")
    total = boxes.count()
    assert total >= 10
    boxes.nth(0).check()
    boxes.nth(3).check()
    tab.reload()
    tab.wait_for_selector("[data-kf-checklist][data-kf-ready]")
    assert [boxes.nth(i).is_checked() for i in range(5)] == [True, False, False, True, False]
    assert tab.locator("[data-kf-checklist-status]").inner_text() == f"已完成 2 / {total} 项"


def test_home_starts_from_picking_a_role(open_page: Any) -> None:
    tab = open_page("")
    first = tab.locator("article h2").first.inner_text().replace("¶", "").strip()
    assert first == "我是……"
    tab.locator("a.kf-role", has_text="客服专员").first.click()
    tab.wait_for_url("**/learn/**")
    assert tab.locator("h1").inner_text().startswith("入职路线：")


def test_anchors_are_readable_not_numbered(open_page: Any) -> None:
    tab = open_page("roles/online-service-specialist/")
    ids: list[str] = tab.eval_on_selector_all("article [id]", "els => els.map(e => e.id)")
    assert "基本技能" in ids
    assert [i for i in ids if i.startswith("_") or (i[-2:-1] == "_" and i[-1].isdigit())] == []


@pytest.mark.parametrize(("phone", "dark"), [(False, False), (False, True), (True, False), (True, True)])
def test_no_serious_accessibility_violation_on_any_page_type(open_page: Any, site_url: str, phone: bool, dark: bool) -> None:
    if not AXE.is_file():
        pytest.fail("缺少 axe-core：请运行 make setup（npm ci）")
    mode = ("手机" if phone else "桌面") + ("·深色" if dark else "·浅色")
    figures: dict[str, dict[str, int]] = {}
    failures = []
    tab = open_page("", phone=phone, dark=dark)
    for name, path in PAGE_TYPES.items():
        tab.goto(site_url + path)
        tab.wait_for_load_state("networkidle")
        _diagrams_drawn(tab)
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => [v.id, v.impact, v.nodes.length]))"
        )
        count = {"serious": 0, "critical": 0, "moderate": 0, "minor": 0}
        for rule, impact, nodes in result:
            count[impact] = count.get(impact, 0) + nodes
            if impact in ("serious", "critical"):
                failures.append(f"{mode} {name}: {rule} ×{nodes}")
        figures[name] = count
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{'phone' if phone else 'desktop'}-{'dark' if dark else 'light'}.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert failures == []


@pytest.mark.parametrize(("phone", "dark"), [(False, False), (False, True), (True, False), (True, True)])
def test_screenshots_for_a_person_to_look_at(open_page: Any, phone: bool, dark: bool) -> None:
    suffix = ("phone" if phone else "desktop") + ("-dark" if dark else "-light")
    for name, path in (("home", ""), ("role", "roles/service-specialist/"), ("learn", "learn/service-specialist/")):
        tab = open_page(path, phone=phone, dark=dark)
        screenshot(tab, f"{name}-{suffix}")
    tab = open_page("scripts/online-bargaining/", phone=phone, dark=dark)
    tab.locator(".kf-diagram").scroll_into_view_if_needed()
    screenshot(tab, f"script-flowchart-{suffix}")
    assert Path(ARTIFACTS / f"script-flowchart-{suffix}.png").is_file()
