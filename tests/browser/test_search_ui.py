"""The search box as a reader uses it: header, shortcuts, phone layout, results that open the section."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import screenshot
from search_eval import shown

pytestmark = pytest.mark.browser


def _reader(browser: Any, site_url: str, width: int, hosts: set[str] | None = None) -> tuple[Any, Any, bool]:
    """A reader on a phone (width < 600) or a desktop, the search box open; every host the page
    asks for goes into ``hosts`` when given."""
    phone = width < 600
    viewport = {"width": width, "height": 844 if phone else 900}
    context = browser.new_context(locale="zh-CN", viewport=viewport, is_mobile=phone, has_touch=phone)
    tab = context.new_page()
    if hosts is not None:
        tab.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    tab.goto(site_url)
    if phone:
        tab.locator("label.md-header__button[for='__search']").click()
    return context, tab, phone


def test_box_sits_in_the_header_in_chinese_and_opens_with_slash_or_s(page: Any, site_url: str) -> None:
    page.goto(site_url + "rules/online-consultation/")
    box = page.locator("header [data-kf-search-input]")
    assert box.get_attribute("placeholder").startswith("搜索")
    for key in ("/", "s"):
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press("Escape")
        assert not page.evaluate("document.activeElement.matches('[data-kf-search-input]')")
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.matches('[data-kf-search-input]')"), key
        assert box.input_value() == "", "the shortcut key is not typed into the box"


def test_result_shows_page_section_and_highlight_and_opens_the_section(page: Any, site_url: str) -> None:
    page.goto(site_url)
    links = shown(page, "骂人")  # the rule's own text says 不恶言; 骂人 is its alias
    target = "rules/complaint-conduct/#complaint-conduct-no-argue"
    assert any(link.endswith(target) for link in links[:5]), links
    hit = page.locator(".kf-search-hit", has=page.locator(f"a[href$='{target}']")).first
    assert hit.locator(".kf-search-hit__page").inner_text() == "投诉处理准则"
    assert "不争论" in hit.locator(".kf-search-hit__section").inner_text()
    assert hit.locator("mark").first.inner_text() in ("骂人", "骂")
    screenshot(page, "search-desktop")
    hit.locator("a").click()
    page.wait_for_url("**/rules/complaint-conduct/#complaint-conduct-no-argue")
    assert page.locator("#complaint-conduct-no-argue").is_visible()
    assert not page.locator("#__search").is_checked()


def test_phone_search_fills_the_screen_without_sideways_scroll(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url)
    tab.locator("label.md-header__button[for='__search']").click()
    links = shown(tab, "客户要退货怎么办")
    assert links
    box = tab.locator(".md-search__inner").bounding_box()
    assert box["width"] >= 380
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    assert tab.locator(".kf-search-hit").first.is_visible()
    screenshot(tab, "search-phone")
    context.close()


def test_hostile_query_and_snippets_stay_text(page: Any, site_url: str) -> None:
    page.goto(site_url)
    shown(page, '<img src=x onerror="window.__pwned=1">客户')
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".md-search-result img").count() == 0
    assert "<img" in page.locator("[data-kf-search-meta]").inner_text() or page.locator(".kf-search-hit").count()


@pytest.mark.parametrize("width", [1280, 390])
def test_question_opens_the_answering_section_first_on_desktop_and_phone(browser: Any, site_url: str, width: int) -> None:
    """A question worded unlike any title: the first result is a section that answers, its words marked."""
    hosts: set[str] = set()
    context, tab, phone = _reader(browser, site_url, width, hosts)
    links = shown(tab, "客户骂人怎么办")
    answers = ("rules/abusive-callers/", "scripts/abusive-caller/", "rules/complaint-conduct/#complaint-conduct-no-argue")
    assert any(a in links[0] for a in answers), links[:3]
    first = tab.locator(".kf-search-hit").first
    assert first.locator(".kf-search-hit__section").inner_text()
    assert {m.inner_text() for m in first.locator("mark").all()} & {"骂人", "骂", "客户"}
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(tab, f"search-question-{'phone' if phone else 'desktop'}")
    assert hosts == {site_url.split("/")[2]}, hosts  # no third-party request
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_colloquial_words_find_the_section_through_its_alias(browser: Any, site_url: str, width: int) -> None:
    """被客户骂哭了: the handbook says 事后可以申请短暂休整, never 骂哭; the rule's alias 被骂哭
    brings it first, and the reader sees the alias line that explains why it was found."""
    context, tab, phone = _reader(browser, site_url, width)
    links = shown(tab, "被客户骂哭了")
    assert "rules/abusive-callers/#abusive-recover" in links[0], links[:3]
    first = tab.locator(".kf-search-hit").first
    assert "短暂休整" in first.locator(".kf-search-hit__section").inner_text()
    # The whole alias word is marked (骂哭), not only the piece the index stores first (骂).
    assert "骂哭" in {m.inner_text() for m in first.locator("mark").all()}
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(tab, f"search-colloquial-{'phone' if phone else 'desktop'}")
    tab.locator(".kf-search-hit a").first.click()
    tab.wait_for_url("**/rules/abusive-callers/**")
    assert "被骂哭" in tab.locator("#abusive-recover ~ .kf-aliases").first.inner_text()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_result_can_open_the_one_list_item_that_answers(browser: Any, site_url: str, width: int) -> None:
    """我帮您查一下 is the wording of one alternative under the taboo 你自己看: the first result names
    the page and the taboo, and opens that alternative itself, marked on arrival."""
    context, tab, phone = _reader(browser, site_url, width)
    links = shown(tab, "我帮您查一下")
    assert "/taboos/impatience/#taboo-zijikan--alt-" in links[0], links[:3]
    first = tab.locator(".kf-search-hit").first
    assert first.locator(".kf-search-hit__page").inner_text() == "不耐烦与指责类禁语"
    assert "你自己看" in first.locator(".kf-search-hit__section").inner_text()
    assert any("帮" in m.inner_text() for m in first.locator("mark").all())
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(tab, f"search-item-{'phone' if phone else 'desktop'}")
    first.locator("a").click()
    anchor = links[0].split("#")[1]
    tab.wait_for_url(f"**#{anchor}")
    item = tab.locator(f"li[id='{anchor}']")
    assert item.evaluate("el => el.matches(':target')")
    assert item.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    in_view = "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    tab.wait_for_function(in_view, arg=anchor)
    screenshot(tab, f"search-item-opened-{'phone' if phone else 'desktop'}")
    context.close()


def test_words_are_read_whole_however_the_question_spells_them(page: Any, site_url: str) -> None:
    """Three ways a question used to be misread: part of a longer alias (不想 of 不想活了), a word the
    browser's segmenter cuts after a filler (在|线), and an ordinal in Chinese numerals (第一步 for 第 1 步)."""
    page.goto(site_url)
    page.wait_for_function("() => window.kfSearch")
    threat = "rules/abusive-callers/#abusive-threat-report"
    assert threat in shown(page, "客户说不想活了")[0]
    assert not [link for link in shown(page, "客户嫌贵不想买")[:5] if threat in link]
    assert "在线" in page.evaluate("q => window.kfSearch.keywords(q)", "在线聊天只回个嗯")
    assert "第1步" in page.evaluate("q => window.kfSearch.keywords(q)", "投诉处理第一步")
    second = shown(page, "投诉处理流程第二步做什么")
    assert any("processes/complaint-handling/#complaint-judge" in link for link in second[:3]), second[:3]
