"""An exam's pool ships once, as a shared file its page names: the site grows with questions, not with exams × pool."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import helpers
import pytest
from helpers import REPO, edit, run_cli

from bench import synth
from scripts_gen.project import load
from scripts_gen.quiz.code import tag_of
from scripts_gen.quiz.grade import ExamTable
from scripts_gen.site.pages import render_pages

BANK = "quizzes/service-basics.yml"
RETAKE = """\
# 补考：和第一周考试抽同一个题池，只是种子和题数不同。
id: week1-retake
title: 第一周补考
roles: [agent]
mode: exam
pass_mark: 60
seed: 11
draw:
  - tag: 考试
    count: 3
"""


@pytest.fixture
def book(mini: Path) -> Path:
    shutil.copytree(helpers.QUIZZES, mini / "quizzes")
    return mini


def _data(page: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(page.split('class="kf-quiz-data">', 1)[1].split("</script>", 1)[0])
    return result


def _built(book: Path, out: Path) -> dict[str, bytes]:
    done = run_cli("build", "--out", str(out), root=book)
    assert done.code == 0, done.err
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _pools(files: dict[str, bytes]) -> list[str]:
    return [rel for rel in files if rel.startswith("quiz/pools/")]


def test_two_exams_drawing_the_same_line_name_one_file(book: Path, tmp_path: Path) -> None:
    (book / "quizzes/assignments/week1-retake.yml").write_text(RETAKE, encoding="utf-8")
    files = _built(book, tmp_path / "docs")
    first = _data(files["quiz/week1-exam.md"].decode("utf-8"))
    retake = _data(files["quiz/week1-retake.md"].decode("utf-8"))
    assert [c for c, _ in first["draw"]] == [4] and [c for c, _ in retake["draw"]] == [3]
    assert first["draw"][0][1] == retake["draw"][0][1]
    assert _pools(files) == [first["draw"][0][1]]
    # quiz.js fetches nothing but a pool path of this shape (so never another host).
    accepted = re.search(r"var POOL_PATH = /(.+)/;", (REPO / "docs/assets/js/quiz.js").read_text(encoding="utf-8"))
    assert accepted is not None and re.fullmatch(accepted.group(1), first["draw"][0][1])
    assert "questions" not in first and "questions" not in retake
    # Each exam keeps its own version (id, seed and counts differ), both covering the shared questions.
    assert first["version"] != retake["version"]
    questions = json.loads(files[first["draw"][0][1]])["questions"]
    assert [q["id"] for q in questions] == sorted(q["id"] for q in questions) and len(questions) == first["n"] == 5


def test_a_changed_question_renames_the_file_changes_the_version_and_drops_the_old_file(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    before = _built(book, out)
    old = _data(before["quiz/week1-exam.md"].decode("utf-8"))
    edit(book, BANK, "prompt: 投诉处理完之后，由谁总结评价？", "prompt: 投诉处理结束后，由谁做总结评价？")
    after = _built(book, out)
    new = _data(after["quiz/week1-exam.md"].decode("utf-8"))
    assert new["version"] != old["version"] and new["draw"][0][1] != old["draw"][0][1]
    assert _pools(after) == [new["draw"][0][1]]  # the old pool file is gone, not left beside the new one
    assert "由谁做总结评价" in after[new["draw"][0][1]].decode("utf-8")
    # The trainer's grader checks codes against the same version the page stores progress under.
    quiz = load(book).quizzes
    assert quiz is not None
    assert ExamTable(quiz).forms[tag_of("week1-exam")][2] == int(new["version"][:4], 16)
    # A broken bank writes nothing: the pages and the pool stay as they were.
    edit(book, BANK, "prompt: 投诉处理结束后，由谁做总结评价？", "prompt: [未闭合")
    assert run_cli("build", "--out", str(out), root=book).code != 0
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == after


def test_hostile_question_text_stays_inert_in_the_pool_file(book: Path) -> None:
    hostile = "</script><script>window.__kfHacked=1</script> & <!--"
    edit(book, BANK, "prompt: 投诉处理完之后，由谁总结评价？", f"prompt: {json.dumps(hostile)}")
    project = load(book)
    pages = render_pages(project.book, project.quizzes)
    [[_, path]] = _data(pages["quiz/week1-exam.md"])["draw"]
    body = pages[path]
    assert not {"<", ">", "&"} & set(body)
    assert hostile in [q["prompt"] for q in json.loads(body)["questions"]]
    assert "__kfHacked" not in pages["quiz/week1-exam.md"]


def _exam_figures(project: Path) -> tuple[int, list[str], set[str], int, int]:
    """new-agent-exam's page bytes and pool files; every exam's pool files; bytes of all exam pages and pools; exam count."""
    loaded = load(project)
    pages = render_pages(loaded.book, loaded.quizzes)
    exams = {rel: _data(text) for rel, text in pages.items() if rel.startswith("quiz/") and rel.endswith(".md") and '"draw":[' in text}
    assert exams and all("questions" not in data for data in exams.values())
    pools = {path for data in exams.values() for _, path in data["draw"]}
    total = sum(len(pages[rel].encode("utf-8")) for rel in exams) + sum(len(pages[p].encode("utf-8")) for p in pools)
    page = "quiz/new-agent-exam.md"
    return len(pages[page].encode("utf-8")), [p for _, p in exams[page]["draw"]], pools, total, len(exams)


def test_exam_page_size_does_not_grow_with_the_pool(tmp_path: Path) -> None:
    # Copies keep their tags, so at 3× every exam draws from three times the questions (bench/synth.py).
    page1, own1, _, total1, count1 = _exam_figures(synth.generate(tmp_path / "x1", 1, src=REPO))
    page3, own3, every3, total3, count3 = _exam_figures(synth.generate(tmp_path / "x3", 3, src=REPO))
    assert count3 == 3 * count1
    # The page itself: the same form data, only the pool size a digit longer.
    assert abs(page3 - page1) < 40, (page1, page3)
    # The three copies of each exam name the same files; the files grow with the questions.
    assert len(own3) == len(own1) and every3 == set(own3)
    # Everything the exams ship grows linearly (a pool embedded in every page grew with exams × pool, ~9× here).
    assert total3 < 3.5 * total1, (total1, total3)
