"""What a learner reads on the generated pages: no rendering slips (issue 13), learning paths, glossary marks."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from helpers import MINI, REPO

from scripts_gen.handbook.history import Commit, GitFacts
from scripts_gen.handbook.models import Glossary, Step
from scripts_gen.project import load, load_handbook
from scripts_gen.site import learning, terms
from scripts_gen.site.pages import render_pages


@cache
def _real() -> dict[str, str]:
    project = load(REPO)
    return render_pages(project.book, project.quizzes)


def test_branch_conditions_are_conditions_not_customer_speech() -> None:
    book = load(REPO).book
    for item in book.scripts:
        page = _real()[f"scripts/{item.entry.id}.md"]
        assert "**客户：**" not in page
        for step in item.entry.steps:
            for branch in step.branches:
                # The condition heads its branch; it is never quoted as what the customer said.
                assert re.search(rf"^### 若{re.escape(str(branch.condition))} \{{#{branch.id}\}}$", page, re.M), branch.id
    bargaining = _real()["scripts/online-bargaining.md"]
    assert "客户：在权限或规定范围内" not in bargaining
    assert "### 若在权限或规定范围内可以给予优惠" in bargaining


def test_book_title_marks_are_never_doubled_nor_put_on_things_that_are_not_documents() -> None:
    for rel, text in _real().items():
        assert "《《" not in text and "》》" not in text, rel
    complaint = _real()["processes/complaint-handling.md"]
    assert "《顾客投诉登记表》（初步填写）" in complaint
    assert "《确定的责任部门》" not in complaint and "确定的责任部门" in complaint


def test_role_page_lists_lateral_moves_once_without_prefixes() -> None:
    page = _real()["roles/online-service-specialist.md"]
    row = next(line for line in page.splitlines() if line.startswith("| 可适应岗位 |"))
    assert row == "| 可适应岗位 | 网络销售、电话销售、网络推广 |"


def test_sources_name_each_document_once_in_one_compact_line() -> None:
    for rel, text in _real().items():
        for summary in re.findall(r"<summary[^>]*>出处：(.*?)</summary>", text):
            names = re.findall(r"《[^》]+》", summary)
            assert len(names) == len(set(names)), (rel, summary)
    role = _real()["roles/online-service-specialist.md"]
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", role)
    assert summary is not None
    # Seven cited sections of one document: the title appears once, not seven times.
    assert summary.group(1) == "出处：《网络客服月度工作总结与网络客服专员岗位说明书》"
    assert role.count("网络客服月度工作总结与网络客服专员岗位说明书") == 1
    callback = _real()["scripts/callback.md"]
    assert "、行业通用</summary>" in callback and "《行业通用》" not in callback, "industry practice is not a document"


def test_slots_are_marked_everywhere_never_left_as_raw_braces() -> None:
    for rel, text in _real().items():
        if rel.startswith(("quiz/", "_search/")):
            continue  # quiz text is JSON, drawn by quiz.js (checked in the browser)
        body = re.sub(r"```.*?```", "", text, flags=re.S)
        assert not re.search(r"\\\{[^}]*\\\}", body), rel
    assert '<span class="kf-slot">公司名称</span>' in _real()["rules/phone-consultation.md"]


def test_updates_page_lists_each_entry_once_per_day_and_no_raw_paths() -> None:
    book = load_handbook(MINI)
    commits = [
        Commit("2026-11-22", "修改", (("M", "data/scripts/callback.yml"), ("M", "data/sources.yml"))),
        Commit("2026-11-22", "新增", (("A", "data/scripts/callback.yml"), ("D", "data/rules/old-rules.yml"))),
        Commit("2026-11-20", "修改", (("M", "data/scripts/callback.yml"),)),
    ]
    page = render_pages(book, None, GitFacts({}, commits))["updates.md"]
    day = page.split("## 2026\\-11\\-22")[1].split("## ")[0]
    assert day.count("回访话术") == 1 and "**新增**　[话术：回访话术]" in day
    assert "[资料来源](sources.md)" in day
    body = page.split("# 本次更新")[1]
    assert "data/" not in body and ".yml" not in body
    assert "规范：old\\-rules（已移除）" in day


def test_summary_is_navigation_only_and_coverage_is_not_in_it() -> None:
    summary = _real()["SUMMARY.md"]
    assert "coverage.md" not in summary
    assert "coverage.md" in _real()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"exclude_docs: \|\n(?:  .*\n)*  /SUMMARY\.md\n", config)


def test_every_role_has_a_learning_path_from_the_home_page() -> None:
    pages = _real()
    book = load(REPO).book
    assert any(g.entry.first_day for g in book.guides), "the handbook marks its day-one guide"
    home = pages["index.md"]
    assert home.index("## 我是……") < home.index("## 新员工从这里开始")
    for item in book.roles:
        role = item.entry
        path = pages[f"learn/{role.id}.md"]
        assert f"](learn/{role.id}.md){{ .kf-role }}" in home
        reading = re.findall(r"^\d+\. \[[^\]]+\]\(\.\./([^)#]+)\)", path, re.M)
        assert reading[0] == f"roles/{role.id}.md", "the path starts from the role's own page"
        day_one = [f"guides/{g.entry.id}.md" for g in book.guides if g.entry.first_day and role.id in g.entry.audience]
        assert reading[1 : 1 + len(day_one)] == day_one, "the day-one guide comes right after the role's duties"
        assert reading.count("guides/first-day.md") <= 1
        assert all(f"taboos/{t.entry.id}.md" in reading for t in book.taboos), "taboos apply to every role"
        for script in book.scripts:
            assert (f"scripts/{script.entry.id}.md" in reading) == (role.id in script.entry.roles or script.entry.id in role.related)
        boxes = re.findall(r'<input type="checkbox" value="([^"]+)">', path)
        assert len(boxes) == len(set(boxes)) >= len(reading) + len(role.training)
        practice = path.split("## 练习与测验")[1].split("## 第一周清单")[0]
        for rel in re.findall(r"\]\(\.\./(quiz/practice/[^)]+)\)", practice):
            assert rel.replace("\\", "") in pages, rel


def test_a_handbook_with_many_taboo_pages_lists_their_overview_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_TABOO_STEPS taboo pages, a learning path links the taboo overview instead of each page."""
    project = load(REPO)
    monkeypatch.setattr(learning, "MAX_TABOO_STEPS", len(project.book.taboos) - 1)
    pages = render_pages(project.book, project.quizzes)
    for item in project.book.roles:
        path = pages[f"learn/{item.entry.id}.md"]
        reading = re.findall(r"^\d+\. \[([^\]]+)\]\(\.\./([^)#]+)\)", path, re.M)
        assert (f"全部禁语（{len(project.book.taboos)} 页）", "taboos/index.md") in reading
        assert not [rel for _, rel in reading if rel.startswith("taboos/") and rel != "taboos/index.md"]
        assert 'value="read:taboos"' in path, "the overview is one box of the first-week checklist"
    assert "taboos/index.md" in pages


GLOSSARY = """\
terms:
  - id: term-callback
    term: 回访
    definition: 服务后主动联系客户，了解“满意度”<b>。
    sources: [general]
  - id: term-fcr
    term: 首问负责制
    definition: 第一个接待的人负责到底。
    aliases: [首问责任制]
    sources: [general]
"""


def test_glossary_terms_are_marked_in_continuous_chinese_once_per_section() -> None:
    root_words = terms.vocabulary(_glossary())
    page = "\n".join(
        [
            "---",
            "kf_source: 回访",
            "---",
            "# 回访话术",
            "客服在服务完成后进行回访，回访时遵守首问责任制。",
            "再次回访也一样。",
            "## 回访流程 {#flow}",
            "- 见[回访规范](x.md)，不要在 `回访` 代码里标记；第三次回访要记录。",
            "```mermaid",
            "a[回访]",
            "```",
            '<p class="x">回访</p>',
        ]
    )
    out = terms.mark(page, root_words, "scripts/callback.md").splitlines()
    assert out[0:4] == ["---", "kf_source: 回访", "---", "# 回访话术"], "front matter and headings untouched"
    assert out[4].count('class="kf-term"') == 2 and 'href="../../glossary/#term-fcr"' in out[4]
    assert ">首问责任制</a>" in out[4], "an alias is marked and points at its term"
    assert "kf-term" not in out[5], "only the first occurrence in a section"
    assert out[6] == "## 回访流程 {#flow}"
    assert "[回访规范](x.md)" in out[7] and "`回访`" in out[7], "never inside a link or code"
    assert out[7].count("kf-term") == 1 and out[7].endswith(">回访</a>要记录。")
    assert 'data-kf-def="回访：服务后主动联系客户，了解“满意度”&lt;b&gt;。"' in out[4]
    assert "<b>" not in "\n".join(out), "a definition cannot inject markup"
    assert out[9] == "a[回访]" and out[11] == '<p class="x">回访</p>'


def _glossary() -> Glossary:
    return Glossary.model_validate(yaml.safe_load(GLOSSARY))


def test_real_pages_mark_glossary_terms_but_never_in_headings() -> None:
    for rel, text in _real().items():
        for line in text.splitlines():
            if line.startswith("#") or line.startswith("    n_"):
                assert "kf-term" not in line, (rel, line)
    assert _real()["scripts/callback.md"].count('class="kf-term"') >= 3
    assert "kf-term" not in _real()["glossary.md"]


@pytest.mark.parametrize("value", ["《顾客投诉登记表》", "顾客投诉登记表"])
def test_form_names_get_one_pair_of_book_title_marks(mini: Path, value: str) -> None:
    path = mini / "data/roles/agent.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"forms:\n  - name: {value}\n", encoding="utf-8")
    page = render_pages(load_handbook(mini))["roles/agent.md"]
    assert "《顾客投诉登记表》" in page and "《《" not in page


def test_built_site_has_no_summary_page_no_editor_page_in_nav_and_no_numbered_anchors(built_site: Path) -> None:
    assert not (built_site / "SUMMARY").exists()
    assert (built_site / "coverage" / "index.html").is_file()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "coverage/" not in home and "learn/service-specialist/" in home
    numbered = []
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        numbered += [f"{page.parent.name}#{i}" for i in re.findall(r'<h[1-6] id="([^"]+)"', html) if re.search(r"(^_|_\d+$)", i)]
    assert numbered == []


def test_trainers_page_of_search_misses_is_built_but_neither_in_nav_nor_indexed(built_site: Path) -> None:
    """Like the coverage page: reached from the link under search results and from CONTRIBUTING, not by learners browsing."""
    page = (built_site / "search-misses" / "index.html").read_text(encoding="utf-8")
    assert "data-kf-misses" in page and "data-pagefind-body" not in page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "search-misses/" not in home
    assert "search-misses.md" not in _real()["SUMMARY.md"]


def _section(page: str, anchor: str) -> str:
    start = page.index(f"{{#{anchor}}}")
    end = page.find("\n## ", start)
    return page[start : end if end != -1 else len(page)]


def test_a_step_reached_through_a_branch_says_which_step_and_branch_lead_to_it() -> None:
    # Steps are numbered in file order; without this line "第 2 步：约定时间并结束" reads as the second
    # stage of every callback, though only a busy customer gets there (found by a reader in round 6).
    silent, unlinked = [], []
    for item in load(REPO).book.scripts:
        steps = item.entry.steps
        page = _real()[f"scripts/{item.entry.id}.md"]
        for i, step in enumerate(steps[1:], start=1):
            ways: list[tuple[Step, str | None]] = [(s, b.id) for s in steps for b in s.branches if b.next == step.id]
            ways += [(s, None) for s in steps if s.next == step.id]
            above = steps[i - 1]
            outs = {b.next for b in above.branches} | ({above.next} if above.next else set())
            section = _section(page, step.id)
            line = next((ln for ln in section.splitlines() if "上一步：" in ln), "")
            if {s.id for s, _ in ways} == {above.id} and outs == {step.id}:
                assert not line, f"{item.entry.id} {step.id}: plain sequence needs no 上一步 line"
                continue
            if not line:
                silent.append(f"{item.entry.id} {step.id}")
            for s, branch in ways:
                number = steps.index(s) + 1
                if f"第 {number} 步" not in line or f"(#{branch or s.id})" not in line:
                    unlinked.append(f"{item.entry.id} {step.id} ← {branch or s.id}")
    assert not silent and not unlinked, f"没有说明从哪来：{silent}；漏了来路：{unlinked}"
    callback = _section(_real()["scripts/callback.md"], "callback-reschedule")
    assert "上一步：第 1 步“[开场](#callback-open)”，若[客户表示正在忙、正在休息或不方便接听](#callback-open-busy)" in callback
