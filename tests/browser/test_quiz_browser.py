"""The quiz widget in real Chromium, on a site built from the small handbook plus the quiz fixture."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import helpers
import pytest
from helpers import MINI, REPO, mkdocs_build, screenshot, serve

from scripts_gen.project import load
from scripts_gen.quiz.draw import assignment_form, find_assignment

pytestmark = pytest.mark.browser

QUIZZES = helpers.QUIZZES
PRACTICE = "quiz/week1-practice/"
EXAM = "quiz/week1-exam/"


@pytest.fixture(scope="session")
def quiz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("quizbook") / "book"
    shutil.copytree(MINI, root)
    shutil.copytree(QUIZZES, root / "quizzes")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "scripts_gen", root / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    return root


@pytest.fixture(scope="session")
def quiz_site(quiz_project: Path) -> Path:
    out = quiz_project.parent / "site"
    result = mkdocs_build(quiz_project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def quiz_url(quiz_site: Path) -> Iterator[str]:
    with serve(quiz_site) as url:
        yield url


@pytest.fixture
def tab(page: Any) -> Any:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    assert errors == []


def _data(tab: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(tab.locator(".kf-quiz-data").first.text_content())
    return result


def _right(q: dict[str, Any]) -> Any:
    return q["key"][0] if q["type"] == "填空" else q["key"]


def _wrong(q: dict[str, Any]) -> Any:
    n = len(q.get("options", []))
    if q["type"] == "填空":
        return "不知道"
    if q["type"] == "多选":
        return [i for i in range(n) if i not in q["key"]] or [0]
    if q["type"] == "排序":
        return list(range(n))  # the displayed order, never the right one
    if q["type"] == "配对":
        return q["key"][1:] + q["key"][:1]
    return (q["key"] + 1) % n


def _answer(tab: Any, i: int, q: dict[str, Any], answer: Any) -> None:
    box = tab.locator(".kf-q").nth(i)
    if q["type"] in ("单选", "判断", "最佳回复"):
        box.locator(".kf-opt").nth(answer).click()
    elif q["type"] == "多选":
        for j in answer:
            box.locator(".kf-opt").nth(j).click()
    elif q["type"] == "填空":
        box.locator("input.kf-fill").fill(answer)
    elif q["type"] == "配对":
        for k, j in enumerate(answer):
            box.locator("select").nth(k).select_option(str(j))
    else:
        for position, j in enumerate(answer):
            while True:
                order = [int(x) for x in box.locator("li").evaluate_all("els => els.map(e => e.dataset.j)")]
                if order.index(j) == position:
                    break
                box.locator(f"li[data-j='{j}'] button").first.press("Enter")


def _practice(tab: Any, answers: list[Any]) -> str:
    data = _data(tab)
    for i, (q, a) in enumerate(zip(data["questions"], answers, strict=True)):
        _answer(tab, i, q, a)
        tab.locator(".kf-q").nth(i).get_by_role("button", name="检查").click()
        tab.locator(".kf-q").nth(i).locator(".kf-fb").wait_for()
    return str(tab.locator(".kf-score-line").inner_text())


def test_all_right_scores_100_and_passes(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + PRACTICE)
    data = _data(tab)
    line = _practice(tab, [_right(q) for q in data["questions"]])
    assert line == f"全部完成：答对 6/6 题，得分 100%，通过（及格线 {data['pass']}%）。"
    assert tab.locator(".kf-right").count() == 6 and tab.locator(".kf-wrong").count() == 0
    assert "手册出处" in tab.locator(".kf-fb").first.inner_text()
    for href in tab.locator(".kf-fb a").evaluate_all("els => els.map(a => a.href)"):
        assert tab.request.get(href.split("#")[0]).status == 200, href
    screenshot(tab, "quiz-practice-done")


def test_chosen_wrong_answers_give_the_exact_score_and_retry(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + PRACTICE)
    questions = _data(tab)["questions"]
    wrong = {1, 3}  # the ordering and the matching question
    answers = [_wrong(q) if i in wrong else _right(q) for i, q in enumerate(questions)]
    assert _practice(tab, answers) == "全部完成：答对 4/6 题，得分 67%，未通过（及格线 80%）。"
    assert tab.locator(".kf-wrong").count() == 2
    assert "正确顺序：" in tab.locator(".kf-q").nth(1).inner_text()
    tab.get_by_role("button", name="重做错题（2）").click()
    assert tab.locator(".kf-right").count() == 4 and tab.locator(".kf-wrong").count() == 0
    # Focus lands in the first question still open (the ordering question), not on a checked one.
    assert tab.evaluate("document.activeElement.closest('.kf-q') === document.querySelectorAll('.kf-q')[1]")
    assert tab.locator(".kf-score-line").inner_text() == "已完成 4/6 题，答对 4 题。"


def test_reload_keeps_progress_and_bad_storage_is_ignored(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + PRACTICE)
    q = _data(tab)["questions"][0]
    _answer(tab, 0, q, _right(q))
    tab.get_by_role("button", name="检查").first.click()
    _answer(tab, 2, _data(tab)["questions"][2], 0)  # answered, not yet checked
    tab.reload()
    assert tab.locator(".kf-q").nth(0).locator(".kf-fb.kf-right").count() == 1
    assert tab.locator(".kf-q").nth(2).locator("input").nth(0).is_checked()
    tab.evaluate("localStorage.setItem('kf-quiz:a-week1-practice', '{not json')")
    tab.reload()
    assert tab.locator(".kf-q").count() == 6 and tab.locator(".kf-fb").count() == 0
    old = {"v": "00000000", "a": {q["id"]: _right(q)}, "d": {q["id"]: True}}
    tab.evaluate("s => localStorage.setItem('kf-quiz:a-week1-practice', s)", json.dumps(old))
    tab.reload()
    assert tab.locator(".kf-fb").count() == 0  # progress from another version is discarded


def test_instant_navigation_away_and_back_initialises_once(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + PRACTICE)
    tab.locator("nav a[href$='progress/']").first.click()
    tab.wait_for_selector(".kf-progress-table")
    tab.go_back()
    tab.wait_for_selector(".kf-q")
    tab.locator("nav a[href$='week1-practice/']").first.click()
    tab.wait_for_selector(".kf-q")
    assert tab.evaluate("() => !!window.document$")  # really instant navigation, not a reload
    assert tab.locator(".kf-q").count() == 6
    q = _data(tab)["questions"][0]
    _answer(tab, 0, q, _right(q))
    tab.get_by_role("button", name="检查").first.click()
    assert tab.locator(".kf-fb").count() == 1
    assert tab.locator(".kf-score-line").count() == 1


def test_progress_page_lists_the_quiz(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + PRACTICE)
    q = _data(tab)["questions"][0]
    _answer(tab, 0, q, _right(q))
    tab.get_by_role("button", name="检查").first.click()
    tab.goto(quiz_url + "quiz/progress/")
    row = tab.locator("tr", has_text="第一周练习")
    assert row.locator("td").all_inner_texts()[1:] == ["练习", "1/1", "进行中（1/6）"]


def test_keyboard_ordering_without_drag(tab: Any, quiz_url: str) -> None:
    tab.set_viewport_size({"width": 375, "height": 740})  # a phone
    tab.goto(quiz_url + PRACTICE)
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = tab.locator(".kf-q").nth(1)
    first = box.locator("li").first
    label = first.locator("span").inner_text()
    first.locator("button").nth(1).focus()
    tab.keyboard.press("Enter")
    assert box.locator("li").nth(1).locator("span").inner_text() == label
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == f"下移：{label}"
    assert "移到第 2 位" in box.locator("[aria-live]").first.inner_text()
    assert box.locator("legend").count() == 1
    screenshot(tab, "quiz-phone")


def test_html_in_questions_is_shown_as_text(tab: Any, quiz_url: str) -> None:
    tab.goto(quiz_url + "quiz/practice/safety/")
    legend = tab.locator(".kf-q legend").inner_text()
    assert "<b>不加粗</b> & </script><img" in legend
    assert tab.locator(".kf-q b, .kf-q img, .kf-q i").count() == 0
    assert tab.evaluate("window.__kfHacked") is None


def _grade(project: Path, code: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(project), "grade", "--csv", *extra],
        input=f"张三 发给您的结果码：{code} 谢谢\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def _answer_key(project: Path, learner: str = "") -> list[dict[str, Any]]:
    """The key of the whole pool, or of one learner's paper (what the trainer's answer-key --learner prints)."""
    quiz = load(project).quizzes
    assert quiz is not None
    la = find_assignment(quiz, "week1-exam")
    assert la is not None
    form = assignment_form(quiz, la)
    form = form.for_learner(learner) if learner else form
    return [{"id": fq.q.id, "type": fq.q.type, "key": fq.key, "options": fq.options} for fq in form.questions]


def test_exam_taken_as_a_learner_and_graded_by_the_cli(tab: Any, quiz_url: str, quiz_project: Path) -> None:
    tab.add_init_script("Object.defineProperty(window, 'isSecureContext', {value: false})")  # an intranet over plain HTTP
    tab.set_viewport_size({"width": 375, "height": 700})  # a phone: the sticky timer covers a real share of the screen
    fetched: list[str] = []
    tab.on("requestfinished", lambda request: fetched.append(request.url))
    tab.goto(quiz_url + EXAM)
    on_page = _data(tab)
    tab.get_by_label("姓名").fill("张三")
    tab.get_by_label("工号").fill("a-1001")
    tab.get_by_role("button", name="开始答题").click()
    assert "剩余时间" in tab.locator(".kf-timer").inner_text()
    # Focus goes to the first question, and a control focused near the top never hides under the timer.
    assert tab.evaluate("document.activeElement.closest('.kf-q') === document.querySelector('.kf-q')")
    for i in range(tab.locator(".kf-q").count()):
        target = tab.locator(".kf-q").nth(i).locator("input, select, button").first
        tab.evaluate("document.activeElement.blur()")
        tab.evaluate(
            "el => window.scrollTo({top: el.getBoundingClientRect().top + window.scrollY - 70, behavior: 'instant'})",
            target.element_handle(),
        )
        target.focus()
        gap = tab.evaluate(
            "el => el.getBoundingClientRect().top - document.querySelector('.kf-timer').getBoundingClientRect().bottom",
            target.element_handle(),
        )
        assert gap >= 0, (i, gap)
    key = _answer_key(quiz_project, "A1001")
    shown = tab.locator(".kf-q legend").all_inner_texts()
    assert len(shown) == len(key) == 4
    # The questions came from the shared pool file, same origin, not from the page.
    pools = [u for u in fetched if "/quiz/pools/" in u]
    assert len(pools) == 1 and pools[0].startswith(quiz_url) and pools[0].endswith(".json")
    assert "questions" not in on_page and on_page["n"] == 5
    # Right except the last question; the first left unanswered; a fill-in typed in the handbook's own words.
    for i, q in enumerate(key[1:3], start=1):
        _answer(tab, i, q, "三天之内" if q["type"] == "填空" else q["key"])
    _answer(tab, 3, key[3], _wrong(key[3]))
    screenshot(tab, "quiz-exam-phone")
    tab.get_by_role("button", name="交卷").click()
    assert "还有 1 题未作答：第 1 题" in tab.locator(".kf-warn").inner_text()
    tab.get_by_role("button", name="仍然交卷").click()
    code = tab.locator(".kf-code").inner_text()
    shown_result = tab.locator(".kf-result").inner_text()
    assert code.startswith("KF-") and "得分" not in shown_result and "%" not in shown_result
    tab.get_by_role("button", name="复制结果码").click()
    assert tab.evaluate("window.getSelection().toString()") == code  # the fallback selects the code
    assert "复制" in tab.locator(".kf-result .kf-hint").first.inner_text()
    tab.reload()
    assert tab.locator(".kf-code").inner_text() == code  # submitted once; the code stays
    assert tab.locator(".kf-q").count() == 0
    report = quiz_project.parent / "report"
    result = _grade(quiz_project, code, "--report", str(report))
    assert result.returncode == 0, result.stderr
    row = result.stdout.splitlines()[1].split(",")
    assert row[:8] == ["A1001", "张三", "week1-exam", "第一周考试", "2", "4", "50", "未通过"]
    assert row[8] == "1" and row[11] == "0"  # first sitting, on time
    # A retake is possible but reported: the second code says 第 2 次 and grade flags it.
    tab.get_by_role("button", name="重新考试").click()
    tab.get_by_role("button", name="确定重新考试（培训师会看到这是第 2 次）").click()
    tab.get_by_label("姓名").fill("张三")
    tab.get_by_label("工号").fill("A1001")
    tab.get_by_role("button", name="开始答题").click()
    assert "第 2 次作答" in tab.locator(".kf-who-line").inner_text()
    tab.get_by_role("button", name="交卷").click()
    tab.get_by_role("button", name="仍然交卷").click()
    second = tab.locator(".kf-code").inner_text()
    both = subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(quiz_project), "grade", code, second, "--report", str(report)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert both.returncode == 0, both.stderr
    assert "重考：工号 A1001 在“week1-exam”中作答了不止一次" in both.stderr
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto((report / "题目分析.html").as_uri())
    assert tab.locator("svg rect").count() == 4 and tab.locator("h1").inner_text() == "题目分析报告"
    screenshot(tab, "quiz-report")


def test_built_site_contains_no_exam_answer(quiz_site: Path, quiz_project: Path) -> None:
    key = _answer_key(quiz_project)
    secrets = ["考试专用解析庚辛壬", "机密解析甲乙丙", "机密解析丁戊己", "72小时"]
    files = [p for p in quiz_site.rglob("*") if p.suffix in (".html", ".js", ".json", ".xml", ".txt", ".md")]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not [s for s in secrets if s in text], path
    exam_ids = {q["id"] for q in key}
    pools = sorted((quiz_site / "quiz/pools").glob("*.json"))
    assert len(pools) == 1
    for path in pools:
        questions = json.loads(path.read_text(encoding="utf-8"))["questions"]
        assert {q["id"] for q in questions} == exam_ids
        assert not {"key", "why", "explain", "see", "ref"} & {k for q in questions for k in q}, path
    for path in quiz_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for block in text.split('class="kf-quiz-data">')[1:]:
            data = json.loads(block.split("</script>", 1)[0])
            for q in data.get("questions", []):
                if q["id"] in exam_ids or data["mode"] == "exam":
                    assert data["mode"] == "exam" and not {"key", "why", "explain", "see"} & set(q), path
    assert len(key) == 5 and "q-basics-secret" in exam_ids


def test_an_exam_whose_pool_cannot_be_loaded_says_so_in_chinese(tab: Any, quiz_url: str) -> None:
    tab.set_viewport_size({"width": 375, "height": 740})  # a phone
    tab.route("**/quiz/pools/*.json", lambda route: route.fulfill(status=404, body="not found"))
    tab.goto(quiz_url + EXAM)
    alert = tab.get_by_role("alert")
    assert "试题加载失败：服务器上没有找到题库文件（网站可能刚更新过），暂时无法开始考试。" in alert.inner_text()
    assert tab.locator(".kf-q").count() == 0 and tab.get_by_role("button", name="开始答题").count() == 0
    alert.scroll_into_view_if_needed()
    screenshot(tab, "quiz-exam-pool-missing")
    tab.unroute("**/quiz/pools/*.json")
    tab.route("**/quiz/pools/*.json", lambda route: route.abort("internetdisconnected"))
    tab.reload()
    assert "试题加载失败：网络连接失败" in tab.get_by_role("alert").inner_text()
    tab.unroute("**/quiz/pools/*.json")
    tab.route("**/quiz/pools/*.json", lambda route: route.fulfill(status=200, content_type="application/json", body='{"questions": 1}'))
    tab.reload()
    assert "题库文件内容不完整或已损坏" in tab.get_by_role("alert").inner_text()
    tab.unroute("**/quiz/pools/*.json")
    tab.get_by_role("button", name="重新加载本页").click()
    tab.get_by_role("button", name="开始答题").wait_for()
    assert tab.get_by_role("alert").count() == 0


def test_exam_reached_by_instant_navigation_and_without_directory_urls(tab: Any, quiz_url: str, quiz_project: Path) -> None:
    # Instant navigation from the quiz index: the pool URL resolves against the site, not the first page loaded.
    tab.goto(quiz_url + "quiz/")
    tab.locator("article a[href$='week1-exam/']").first.click()
    tab.get_by_role("button", name="开始答题").wait_for()
    assert tab.evaluate("() => !!window.document$")
    # The same exam on a site built with use_directory_urls: false (pages at quiz/week1-exam.html).
    config = quiz_project / "flat.yml"
    text = (quiz_project / "mkdocs.yml").read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false")
    config.write_text(text, encoding="utf-8")
    flat = quiz_project.parent / "site-flat"
    done = mkdocs_build(quiz_project, flat, config=config)
    assert done.returncode == 0, done.stderr
    with serve(flat) as url:
        tab.goto(url + "quiz/week1-exam.html")
        tab.get_by_label("姓名").fill("李四")
        tab.get_by_label("工号").fill("B7")
        tab.get_by_role("button", name="开始答题").click()
        assert tab.locator(".kf-q").count() == 4
        tab.get_by_role("button", name="交卷").click()
        tab.get_by_role("button", name="仍然交卷").click()
        assert tab.locator(".kf-code").inner_text().startswith("KF-")


def test_the_learner_fills_in_the_form_while_the_pool_loads(tab: Any, quiz_url: str) -> None:
    held: list[Any] = []
    tab.route("**/quiz/pools/*.json", lambda route: held.append(route))
    tab.goto(quiz_url + EXAM)
    tab.get_by_label("姓名").fill("赵六")
    tab.get_by_label("工号").fill("D4")
    tab.get_by_role("button", name="开始答题").click()
    tab.get_by_role("status").filter(has_text="正在加载试题").wait_for()
    assert tab.get_by_role("button", name="开始答题").is_disabled()
    assert tab.evaluate("localStorage.getItem('kf-quiz:a-week1-exam')") is None  # nothing saved before the paper is there
    assert held
    for route in held:
        route.continue_()
    tab.locator(".kf-timer").wait_for()
    assert tab.locator(".kf-q").count() == 4 and tab.get_by_role("status").count() == 0
    assert "赵六（工号 D4）" in tab.locator(".kf-who-line").inner_text()
