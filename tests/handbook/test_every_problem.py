"""One run lists every problem: a broken file hides neither the references broken elsewhere nor the quiz errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import QUIZZES, edit, run_cli

# Thirteen references broken in eleven files, each with the position check must report.
BROKEN = [
    ("data/scripts/callback.yml", "roles: [agent]", "roles: [agnet]", "7:9"),
    ("data/scripts/callback.yml", "sources: [001-callback]", "sources: [002-callback]", "4:11"),
    ("data/roles/agent.yml", "related: [callback-rules]", "related: [callback-rulez]", "25:11"),
    ("data/rules/callback-rules.yml", "sources: [001-callback]", "sources: [001-calback]", "4:11"),
    ("data/rules/callback-rules.yml", "roles: [agent]", "roles: [agentx]", "5:9"),
    ("data/guides/lead.yml", "audience: [agent]", "audience: [lead-x]", "5:12"),
    ("data/guides/lead.yml", "sources: [001-complaint]", "sources: [001-complain]", "4:11"),
    ("data/processes/complaint.yml", "roles: [agent]", "roles: [agnt]", "5:9"),
    ("data/taboos/shirking.yml", "sources: [001-complaint]", "sources: [001-compl]", "4:11"),
    ("quizzes/service-basics.yml", "tests: [cb-open]\n    explanation", "tests: [cb-opne]\n    explanation", "16:13"),
    ("quizzes/safety.yml", "tests: [cb-open]", "tests: [cb-xx]", "12:13"),
    ("quizzes/assignments/week1-exam.yml", "roles: [agent]", "roles: [agen]", "4:9"),
    ("quizzes/assignments/week1-practice.yml", "topic: shirking", "topic: shirkin", "12:12"),
]


def test_a_broken_file_hides_no_other_problem(mini: Path) -> None:
    shutil.copytree(QUIZZES, mini / "quizzes")
    for rel, old, new, _ in BROKEN:
        edit(mini, rel, old, new)
    edit(mini, "data/glossary.yml", "    term: 回访", "    term: 回访\n   bad-indent: x")  # a data typo
    edit(mini, "quizzes/service-basics.yml", "answer: 2", "answer: 9")  # a quiz error in a file that loads
    result = run_cli("check", root=mini)
    assert result.code == 1
    heads = [line for line in result.err.splitlines() if ": [" in line]
    refs = sorted(line.split(": [")[0] for line in heads if "[unknown-ref]" in line)
    assert refs == sorted(f"{rel}:{where}" for rel, _, _, where in BROKEN), result.err
    assert any(line.startswith("data/glossary.yml:") and "[yaml-syntax]" in line for line in heads), result.err
    assert any(line.startswith("quizzes/service-basics.yml:") and "[quiz-answer-range]" in line for line in heads), result.err
    assert f"共发现 {len(heads)} 个问题" in result.err


def test_a_reference_into_a_file_that_did_not_load_is_not_reported(mini: Path) -> None:
    """The broken file's own problem is reported; its ids are not called missing elsewhere."""
    edit(mini, "data/rules/callback-rules.yml", "title: 回访规范", "title: 回访规范\n bad: [")
    result = run_cli("check", root=mini)
    heads = [line for line in result.err.splitlines() if ": [" in line]
    assert [h.split(": [")[1].split("]")[0] for h in heads] == ["yaml-syntax"], result.err
