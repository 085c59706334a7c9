"""The loop from a new hire's failed search to the editors: "没找到想要的？" under the results, the
trainers' page of this browser's records, the downloaded file, and `search-misses` reading it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, run_cli, screenshot
from search_eval import shown

pytestmark = pytest.mark.browser

KEY = "kf-search-misses"
# No section of the handbook has these characters: no result at all, whatever the ranking.
NOTHING = "魑魅魍魉怎么办"
# An alias of a rule (see test_search_ui.py): results, but this reader did not find what they meant.
FLAGGED = "骂人"
HOSTILE = '<img src=x onerror="window.__pwned=1">骂人'


def _reader(browser: Any, width: int, hosts: set[str]) -> tuple[Any, Any]:
    phone = width < 600
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 844 if phone else 900}, is_mobile=phone, has_touch=phone, accept_downloads=True
    )
    tab = context.new_page()
    tab.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    return context, tab


def _records(tab: Any) -> dict[str, dict[str, Any]]:
    raw = tab.evaluate(f"localStorage.getItem('{KEY}')")
    return {item["q"]: item for item in json.loads(raw)["items"]} if raw else {}


def _open_search(tab: Any, phone: bool) -> None:
    if phone:
        tab.locator("label.md-header__button[for='__search']").click()
    else:
        tab.keyboard.press("/")


def _flag(tab: Any, query: str) -> Any:
    """Click "没找到想要的？" under the results of ``query`` (searched unless they are shown); the confirmation."""
    if tab.evaluate("document.querySelector('[data-kf-search-results]').dataset.done") != query:
        assert shown(tab, query), query
    tab.locator("[data-kf-miss] [data-kf-miss-flag]").click()
    done = tab.locator("[data-kf-miss].kf-miss--done")
    done.wait_for()
    return done


def test_a_search_that_found_something_and_was_not_flagged_is_not_recorded(browser: Any, site_url: str) -> None:
    hosts: set[str] = set()
    context, tab = _reader(browser, 1280, hosts)
    tab.goto(site_url)
    _open_search(tab, False)
    for query in ("客户", "客户骂", FLAGGED):  # typed on, each shown
        assert shown(tab, query)
    assert tab.locator("[data-kf-miss-flag]").is_visible()
    tab.wait_for_timeout(2500)  # longer than a query with no result waits before it is kept
    tab.keyboard.press("Escape")
    tab.goto(site_url + "rules/")
    assert _records(tab) == {}
    context.close()


def test_only_the_query_typed_to_the_end_is_kept_not_each_keystroke(browser: Any, site_url: str) -> None:
    """Typed one character at a time, every prefix finds nothing too: only the whole query is kept."""
    hosts: set[str] = set()
    context, tab = _reader(browser, 1280, hosts)
    tab.goto(site_url)
    _open_search(tab, False)
    tab.locator("[data-kf-search-input]").press_sequentially("魑魅魍魉", delay=300)
    tab.wait_for_function("() => document.querySelector('[data-kf-search-results]').dataset.done === '魑魅魍魉'", timeout=60000)
    tab.keyboard.press("Enter")  # done typing: kept at once
    tab.wait_for_function(f"() => localStorage.getItem('{KEY}')", timeout=30000)
    assert {q: r["n"] for q, r in _records(tab).items()} == {"魑魅魍魉": 1}
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_flagged_and_empty_searches_reach_the_trainers_page_the_file_and_the_cli(
    browser: Any, site_url: str, width: int, tmp_path: Path
) -> None:
    hosts: set[str] = set()
    context, tab = _reader(browser, width, hosts)
    phone = width < 600
    name = "phone" if phone else "desktop"
    tab.goto(site_url)
    _open_search(tab, phone)

    # No result: the box says so, offers "没找到想要的？" prominently, and keeps the query once typing stops.
    assert shown(tab, NOTHING) == []
    bar = tab.locator("[data-kf-miss]")
    assert bar.is_visible()
    assert "没找到想要的？" in bar.inner_text() and "自动记在这台设备上" in bar.inner_text()
    tab.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('魑魅魍魉')", timeout=30000)
    screenshot(tab, f"misses-empty-{name}")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width

    # Results, but not the one meant: one click keeps the query and the top results shown.
    assert shown(tab, FLAGGED)
    assert tab.locator("[data-kf-miss-flag]").is_visible()
    screenshot(tab, f"misses-offer-{name}")
    first = tab.locator(".kf-search-hit .kf-search-hit__where").first.inner_text()
    bar = _flag(tab, FLAGGED)
    told = bar.inner_text()
    assert "已记下" in told and FLAGGED in told and "前 3 个结果" in told and "只保存在这台设备的浏览器里" in told
    screenshot(tab, f"misses-flagged-{name}")
    _flag(tab, HOSTILE)
    _flag(tab, FLAGGED)  # a second time: counted, not listed twice
    assert tab.evaluate("window.__pwned") is None
    kept = _records(tab)
    assert set(kept) == {NOTHING, FLAGGED, HOSTILE}
    assert (kept[NOTHING]["kind"], kept[NOTHING]["n"], "shown" in kept[NOTHING]) == ("无结果", 1, False)
    assert (kept[FLAGGED]["kind"], kept[FLAGGED]["n"], len(kept[FLAGGED]["shown"])) == ("没找到", 2, 3)
    assert kept[FLAGGED]["shown"][0]["t"] == " ".join(first.split())

    # The trainers' page, reached from the confirmation's link (instant navigation).
    tab.locator("[data-kf-miss] a", has_text="查看或删除本机的记录").click()
    tab.wait_for_url("**/search-misses/")
    rows = tab.locator("[data-kf-misses-row]")
    rows.first.wait_for()
    table = {r.locator("td").nth(0).inner_text(): r.locator("td").nth(1).inner_text() for r in rows.all()}
    assert table == {FLAGGED: "2", NOTHING: "1", HOSTILE: "1"}
    assert tab.evaluate("window.__pwned") is None
    assert tab.locator(".kf-misses img").count() == 0
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(tab, f"misses-page-{name}")

    with tab.expect_download() as download:
        tab.locator("[data-kf-misses-download]").click()
    assert re.fullmatch(r"搜索未命中-\d{8}\.txt", download.value.suggested_filename)
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text == tab.locator(".kf-misses__text").input_value()

    result = run_cli("search-misses", str(saved), root=REPO)
    assert result.code == 1, result.err
    assert f"  {FLAGGED} — 2 次，1 个文件（没找到 2；" in result.out
    groups = {line.split("（")[0]: line for line in result.out.splitlines() if "个）：" in line}
    body = result.out.split("\n\n")
    found_in = {q: next(b.splitlines()[0].split("（")[0] for b in body if f"  {q} — " in b) for q in (FLAGGED, NOTHING)}
    assert found_in == {FLAGGED: "标题或别名已有", NOTHING: "可能缺主题"}, groups
    assert "手册里没有：魑魅魍魉" in result.out

    # Clearing asks first, then the page says the records are gone.
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator("[data-kf-misses-clear]").click()
    assert "已清空" in tab.locator(".kf-misses__summary").inner_text()
    assert _records(tab) == {}
    assert hosts == {site_url.split("/")[2]}, hosts  # no request to any other host
    context.close()


def test_copy_puts_the_same_text_as_the_file_on_the_clipboard(browser: Any, site_url: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site_url)
    tab.evaluate("() => window.kfMisses.record('退差价', '没找到', [{t: '网店议价话术', u: '/scripts/online-bargain/'}])")
    tab.goto(site_url + "search-misses/")
    tab.locator("[data-kf-misses-copy]").click()
    tab.wait_for_function("() => document.querySelector('.kf-misses__status').textContent.includes('已复制')")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == tab.locator(".kf-misses__text").input_value()
    assert re.search(r"^1 没找到 \d{4}-\d\d-\d\d \d\d:\d\d 退差价\n  > 网店议价话术 \| /scripts/online-bargain/$", copied, re.M), copied
    context.close()


@pytest.mark.parametrize("dark", [False, True])
def test_affordance_and_trainers_page_have_no_serious_accessibility_violation(browser: Any, site_url: str, dark: bool) -> None:
    """axe-core (npm, pinned) on the search results with "没找到想要的？" and on the trainers' page with records."""
    axe = REPO / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.fail("缺少 axe-core：请运行 make setup（npm ci）")
    context, tab = _reader(browser, 1280, set())
    tab.goto(site_url)
    if dark:
        tab.locator("label[for='__palette_1']").click()
        tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    tab.evaluate("() => window.kfMisses.record('魑魅魍魉', '无结果')")
    failures = []
    for where in ("results", "empty", "flagged", "page"):
        if where == "page":
            tab.goto(site_url + "search-misses/")
            tab.locator("[data-kf-misses-row]").first.wait_for()
        else:
            if not tab.locator("[data-kf-search-input]").is_visible():
                _open_search(tab, False)
            shown(tab, NOTHING if where == "empty" else FLAGGED)
            if where == "flagged":
                _flag(tab, FLAGGED)
            tab.locator("[data-kf-miss]").wait_for()
        tab.add_script_tag(path=str(axe))
        # The trainers' page's own part, or the whole results panel a reader sees (count line,
        # results, "没找到想要的？").
        mine = ".kf-misses" if where == "page" else ".kf-search .md-search__output"
        found = tab.evaluate(
            "sel => axe.run({include: [sel]}, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))",
            mine,
        )
        failures += [f"{where}: {rule} {nodes}" for rule, impact, nodes in found if impact in ("serious", "critical")]
    assert failures == []
    context.close()


def test_invisible_characters_and_foreign_links_never_reach_the_page_or_break_the_file(browser: Any, site_url: str, tmp_path: Path) -> None:
    """A query pasted from a chat with a bidi override and a zero-width space, and a stored result
    whose link is not a path of this site: the page shows text, the file still reads."""
    context, tab = _reader(browser, 1280, set())
    tab.goto(site_url)
    tab.evaluate(
        "() => window.kfMisses.record('退\\u202e差\\u200b价\\t了', '没找到', "
        "[{t: '坏链接', u: 'javascript:window.__pwned=3'}, {t: '外站', u: '//evil.example/x'}, {t: '网店议价话术', u: '/scripts/'}])"
    )
    tab.goto(site_url + "search-misses/")
    row = tab.locator("[data-kf-misses-row]").first
    assert row.locator("td").first.inner_text() == "退差价 了"
    assert [a.get_attribute("href") for a in row.locator("a").all()] == [site_url + "scripts/"]
    assert "坏链接" in row.inner_text() and "外站" in row.inner_text()
    with tab.expect_download() as download:
        tab.locator("[data-kf-misses-download]").click()
    saved = tmp_path / "misses.txt"
    download.value.save_as(saved)
    result = run_cli("search-misses", str(saved), root=REPO)
    assert result.code in (0, 1), result.err
    assert "  退差价 了 — 1 次" in result.out
    context.close()


def test_a_learner_can_delete_one_search_before_sending_the_rest(browser: Any, site_url: str) -> None:
    context, tab = _reader(browser, 390, set())
    tab.goto(site_url)
    tab.evaluate("() => { window.kfMisses.record('退差价', '无结果'); window.kfMisses.record('我想辞职', '无结果'); }")
    tab.goto(site_url + "search-misses/")
    row = tab.locator("[data-kf-misses-row]", has_text="我想辞职")
    row.locator("[data-kf-misses-drop]").click()
    assert "已删除“我想辞职”" in tab.locator(".kf-misses__status").inner_text()
    assert [r.locator("td").first.inner_text() for r in tab.locator("[data-kf-misses-row]").all()] == ["退差价"]
    assert "我想辞职" not in tab.locator(".kf-misses__text").input_value()
    assert set(_records(tab)) == {"退差价"}
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(tab, "misses-page-deleted-phone")
    context.close()
