"""The built handbook in a real Chromium: it opens, Chinese search works, nothing leaves the machine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from helpers import screenshot

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _search(page: Any, site_url: str, query: str) -> list[dict[str, str]]:
    """Open the site, press / and type ``query``; the result links and their text, in order."""
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("[data-kf-search-input]").fill(query)
    page.wait_for_function("q => document.querySelector('[data-kf-search-results]').dataset.done === q", arg=query, timeout=60000)
    found: list[dict[str, str]] = page.eval_on_selector_all(
        ".kf-search-hit a", "els => els.map(a => ({href: a.getAttribute('href'), text: a.innerText}))"
    )
    return found


def test_home_page_opens_in_chinese(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert page.title().startswith("客服指引手册")
    assert page.locator("html").get_attribute("lang") == "zh"
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs[:4]] == ["首页", "入职路线", "按岗位", "话术"]
    assert page.get_by_role("heading", name="新员工从这里开始").is_visible()
    screenshot(page, "home")


def test_search_finds_a_word_in_the_middle_of_a_sentence(page: Any, site_url: str) -> None:
    # 死机 occurs only inside one rule's statement ("工作中遇到电脑死机、停电、掉线等突发情况…"),
    # never in a title.
    results = _search(page, site_url, "死机")
    assert any("online-consultation" in r["href"] for r in results), results
    assert any("电脑死机" in r["text"] for r in results), results
    screenshot(page, "search-mid-sentence")


def test_search_finds_domain_words(page: Any, site_url: str) -> None:
    results = _search(page, site_url, "禁语")
    assert any("taboos/" in r["href"] for r in results), results


def test_no_request_leaves_the_machine(page: Any, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "scripts/callback/", "processes/complaint-handling/", "taboos/", "roles/online-service-specialist/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    _search(page, site_url, "回访")
    outside = [u for u in requested if urlparse(u).hostname not in LOCAL_HOSTS and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert any("/pagefind/" in u for u in requested), "the search index comes from the site itself"
    assert any(u.endswith("assets/vendor/mermaid.min.js") for u in requested)


def test_script_flowchart_is_drawn_from_the_local_mermaid(page: Any, site_url: str) -> None:
    page.goto(site_url + "scripts/callback/")
    page.wait_for_selector(".kf-diagram svg", timeout=20000)
    assert page.locator(".kf-diagram svg").count() >= 1
    assert "满意" in page.locator(".kf-diagram").first.inner_text()
    screenshot(page, "script-callback")


def test_edit_link_opens_the_yaml_source(page: Any, site_url: str) -> None:
    page.goto(site_url + "scripts/callback/")
    href = page.locator("a.md-content__button[href*='/edit/']").first.get_attribute("href")
    assert href is not None and href.endswith("/edit/main/data/scripts/callback.yml")


def test_instant_navigation_renders_diagram_once(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.click("a[href$='scripts/']")
    page.click("a[href$='callback/']")
    page.wait_for_selector(".kf-diagram svg", timeout=20000)
    page.go_back()
    page.go_forward()
    page.wait_for_selector(".kf-diagram svg", timeout=20000)
    assert page.locator(".kf-diagram").count() == page.locator("pre.kf-mermaid").count()


def test_phone_layout(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + "rules/online-consultation/")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(tab, "phone-online-consultation")
    context.close()
