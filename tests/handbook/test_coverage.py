"""Every rule and script branch is documented, in the YAML and in the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import REPO, edit

from scripts_gen.handbook import coverage
from scripts_gen.project import load_handbook
from scripts_gen.quiz import bank as quiz_bank
from scripts_gen.site.urls import missing_anchors


def test_real_handbook_has_no_documentation_gap() -> None:
    book = load_handbook(REPO)
    quizzes = quiz_bank.load(book)
    assert quizzes is not None, "quizzes/ 不存在"
    # Quizzes exist, so a rule or a script branch without a question is a gap too. Generation skips
    # rules whose only examples would make a guessable question (issue 11); editors close that gap
    # with a good example plus near_misses, and every rule now has them.
    report = coverage.measure(book, quizzes.tested())
    gaps = report.gaps()
    written = [g for g in gaps if not g.endswith("没有测验题")]
    unquizzed = [g for g in gaps if g.endswith("没有测验题")]
    assert written == [], f"{len(written)} 处未写全：\n" + "\n".join(written)
    assert unquizzed == [], f"{len(unquizzed)} 条规范没有测验题（请补 good 和 near_misses）：\n" + "\n".join(unquizzed)
    assert len(report.items) > 0


def test_every_item_has_its_own_anchor_in_the_built_site(built_site: Path) -> None:
    book = load_handbook(REPO)
    gaps = missing_anchors(book, coverage.measure(book), built_site)
    assert gaps == [], "\n".join(gaps)


def test_gaps_name_file_line_id_and_what_is_missing(mini: Path) -> None:
    edit(mini, "data/rules/callback-rules.yml", "    rationale: 时间越久，客户记忆越模糊。\n", "")
    edit(mini, "data/rules/callback-rules.yml", "    good: [服务次日致电回访。]\n    bad: [一周后才回访。]\n", "")
    edit(mini, "data/scripts/callback.yml", "        guidance:\n          why: 满意的客户也能给出改进意见。\n", "")
    edit(mini, "data/processes/complaint.yml", "    outputs: [顾客投诉登记表]\n", "")
    report = coverage.measure(load_handbook(mini))
    assert report.gaps() == [
        "data/processes/complaint.yml:7: cp-accept: 缺少产出记录（outputs）",
        "data/rules/callback-rules.yml:8: cb-within-3-days: 缺少理由（rationale）、示例或说明（good / bad / notes）",
        "data/scripts/callback.yml:17: cb-satisfied: 缺少使用指导（guidance 的 when / why / avoid 至少一项）",
    ]
    assert f"{report.percent():.1f}" == "57.1"


def test_quizzed_column_and_missing_questions(mini: Path) -> None:
    report = coverage.measure(load_handbook(mini), quizzed={"cb-satisfied"})
    assert report.gaps() == [
        "data/rules/callback-rules.yml:8: cb-within-3-days: 没有测验题",
        "data/scripts/callback.yml:23: cb-unsatisfied: 没有测验题",
    ]
    assert coverage.rows(report)[1] == ["话术分支", "2", "1", "2", "100.0%"]


def test_cli_fails_under_threshold(mini: Path) -> None:
    edit(mini, "data/processes/complaint.yml", "    outputs: [顾客投诉登记表]\n", "")
    run = subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(mini), "coverage", "--fail-under", "100"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "data/processes/complaint.yml:7: cp-accept: 缺少产出记录（outputs）" in run.stdout
    assert "覆盖率 85.7% 低于要求的 100.0%。" in run.stderr
