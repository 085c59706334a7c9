"""Quiz banks and assignments: validation, generation, drawing, codes, grading, answer key, GIFT."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import helpers
import pytest
from helpers import REPO, edit

from scripts_gen.cli import main
from scripts_gen.problems import HandbookError
from scripts_gen.project import load_handbook
from scripts_gen.quiz import bank as quiz_bank
from scripts_gen.quiz.code import CodeError, encode, tag_of
from scripts_gen.quiz.draw import assignment_form, exam_questions, find_assignment, topic_forms
from scripts_gen.quiz.export import escape, export_gift
from scripts_gen.quiz.generate import coverage
from scripts_gen.quiz.grade import ExamTable, shape
from scripts_gen.quiz.models import QuizSet
from scripts_gen.quiz.text import answer_hash, normalize
from scripts_gen.site.pages import render_pages

QUIZZES = helpers.QUIZZES
BANK = "quizzes/service-basics.yml"
EXAM = "quizzes/assignments/week1-exam.yml"


@pytest.fixture
def book(mini: Path) -> Path:
    """The small handbook with the quiz fixture (banks and assignments)."""
    shutil.copytree(QUIZZES, mini / "quizzes")
    return mini



def encode_answers(table: ExamTable, assignment_id: str, learner: str, answers: list[Any]) -> str:
    """The code a learner would get: mirrors quiz.js, so the CLI can be tested against it."""
    _, form, version = table.forms[tag_of(assignment_id)]
    hashed = [answer_hash(a) if fq.q.type == "填空" and a is not None else a for fq, a in zip(form.questions, answers, strict=True)]
    return encode(tag_of(assignment_id), version, learner, [shape(fq) for fq in form.questions], hashed)


def load(root: Path) -> QuizSet:
    quiz = quiz_bank.load(load_handbook(root))
    assert quiz is not None
    return quiz


def heads(root: Path) -> list[str]:
    try:
        load(root)
    except HandbookError as err:
        return [p.format().splitlines()[0] for p in err.problems]
    return []


def exam_form(quiz: QuizSet) -> object:
    la = find_assignment(quiz, "week1-exam")
    assert la is not None
    return assignment_form(quiz, la)


# --- bank validation ---------------------------------------------------------


def test_fixture_bank_is_valid_and_merges_generated_questions(book: Path) -> None:
    quiz = load(book)
    generated = [q for q in quiz.questions.values() if q.generated]
    assert {q.q.type for q in generated} == {"单选", "判断", "排序", "填空", "最佳回复"}
    assert all(q.id.startswith("g-") and "自动生成" in q.q.tags for q in generated)
    assert "q-basics-secret" in quiz.questions


def test_no_quizzes_folder_means_no_quiz_pages(mini: Path) -> None:
    assert quiz_bank.load(load_handbook(mini)) is None
    assert not any(p.startswith("quiz/") for p in render_pages(load_handbook(mini)))


def test_every_rule_and_branch_is_tested(book: Path) -> None:
    quiz = load(book)
    for what, (total, missing) in coverage(quiz.book, quiz.tested()).items():
        assert total > 0 and missing == [], what


def test_answer_index_out_of_range(book: Path) -> None:
    edit(book, BANK, "    answer: 2\n", "    answer: 4\n")
    assert heads(book) == ["quizzes/service-basics.yml:15:13: [quiz-answer-range] answer 的序号 4 超出范围：本题只有 3 个选项。"]


def test_multiple_choice_without_correct_option(book: Path) -> None:
    text = (book / BANK).read_text(encoding="utf-8")
    text = text.replace("      - text: 三天之内回访\n        correct: true", "      - text: 三天之内回访")
    text = text.replace("      - text: 客户不满意时不辩解\n        correct: true", "      - text: 客户不满意时不辩解")
    (book / BANK).write_text(text, encoding="utf-8")
    assert heads(book) == ["quizzes/service-basics.yml:56:7: [quiz-no-correct] 多选题没有正确选项。"]


def test_duplicate_options_ignore_width_and_punctuation(book: Path) -> None:
    edit(book, BANK, "      - text: 介绍新产品", "      - text: 直接询问满意度！")
    assert heads(book) == ["quizzes/service-basics.yml:13:15: [quiz-duplicate] 选项与第 1 项重复（忽略空格、标点和全半角后相同）。"]


def test_single_choice_with_two_correct(book: Path) -> None:
    edit(book, BANK, "    answer: 2\n", "")
    edit(book, BANK, "        why: 回访不是推销。", "        why: 回访不是推销。\n        correct: true")
    edit(book, BANK, "        why: 先让客户知道你是谁。", "        why: 先让客户知道你是谁。\n        correct: true")
    assert heads(book) == ["quizzes/service-basics.yml:9:7: [quiz-many-correct] 单选题有 2 个正确选项，只能有一个。"]


def test_best_reply_needs_why_on_every_option(book: Path) -> None:
    edit(book, BANK, "        why: 推卸责任，会激化矛盾。\n", "")
    assert heads(book) == ["quizzes/service-basics.yml:45:9: [quiz-missing-why] 最佳回复题的每个选项都要写 why（为什么对或错）。"]


def test_unknown_reference_suggests_the_closest(book: Path) -> None:
    edit(book, BANK, "    tests: [cb-open]\n    explanation: 开场", "    tests: [cb-opne]\n    explanation: 开场")
    assert heads(book) == ["quizzes/service-basics.yml:16:13: [unknown-ref] 引用了不存在的手册编号“cb-opne”。你是不是想写“cb-open”？"]


def test_stray_field_and_wrong_answer_form(book: Path) -> None:
    edit(book, BANK, "    answer: false\n", "    answer: 1\n    items: [甲, 乙]\n")
    assert heads(book) == [
        "quizzes/service-basics.yml:21:13: [quiz-answer] 判断题需要 answer: true 或 answer: false。",
        "quizzes/service-basics.yml:22:12: [quiz-stray-field] 判断题不使用 items。",
    ]


def test_reserved_and_duplicate_ids(book: Path) -> None:
    edit(book, BANK, "  - id: q-basics-tf", "  - id: g-basics-tf")
    edit(book, BANK, "  - id: q-basics-order", "  - id: q-basics-single")
    assert heads(book) == [
        "quizzes/service-basics.yml:18:9: [quiz-reserved-id] 题目编号“g-basics-tf”以 g- 开头，这个前缀留给自动生成的题目。",
        "quizzes/service-basics.yml:24:9: [duplicate-id] 题目编号“q-basics-single”重复：已在 quizzes/service-basics.yml:5 使用。",
    ]


def test_schema_errors_have_positions(book: Path) -> None:
    edit(book, BANK, "    type: 判断", "    type: 判定")
    [head] = heads(book)
    assert head.startswith("quizzes/service-basics.yml:19:11: [bad-enum] “判定”不是有效的“type”。")


def test_assignment_problems(book: Path) -> None:
    edit(book, EXAM, "    count: 3", "    count: 9")
    edit(book, EXAM, "roles: [agent]", "roles: [agnet]")
    edit(book, EXAM, "  - topic: callback\n", "  - topic: calback\n")
    assert heads(book) == [
        "quizzes/assignments/week1-exam.yml:4:9: [unknown-ref] 引用了不存在的岗位编号“agnet”。",
        "quizzes/assignments/week1-exam.yml:11:12: [quiz-pool-small] 这一项要抽 9 道题，但符合条件的只有 3 道。",
        "quizzes/assignments/week1-exam.yml:14:12: [unknown-ref] 没有编号为“calback”的主题。你是不是想写“callback”？",
    ]


def test_check_command_reports_quiz_problems(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(book), "check"]) == 0
    edit(book, BANK, "    answer: 2\n", "    answer: 0\n")
    assert main(["--root", str(book), "check"]) == 1
    assert "quizzes/service-basics.yml:15:13: [quiz-answer-range]" in capsys.readouterr().err


# --- fill-in normalisation ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("３ 天。", "三天"),
        ("3天", "三天"),
        ("十五秒", "15 秒"),
        ("两百", "200"),
        ("ＡＢＣ", "abc"),
        ("3 - 5声", "3–5声"),
        ("一万二千", "12000"),
    ],
)
def test_fill_in_normalisation(typed: str, accepted: str) -> None:
    assert normalize(typed) == normalize(accepted)


def test_fill_in_keeps_different_answers_apart() -> None:
    assert normalize("三天") != normalize("五天")
    assert normalize("十三") == "13" and normalize("三十") == "30"


# --- drawing -----------------------------------------------------------------


def test_drawing_is_seeded_stratified_and_reproducible(book: Path) -> None:
    first, again = exam_form(load(book)), exam_form(load(book))
    ids = [fq.q.id for fq in first.questions]  # type: ignore[attr-defined]
    assert ids == [fq.q.id for fq in again.questions]  # type: ignore[attr-defined]
    assert sorted(ids[:3]) == ["q-basics-fill", "q-basics-multi", "q-basics-secret"]  # tag 考试, count 3
    assert ids[3] == "g-complaint-order" and ids[4].startswith("g-cb-")
    edit(book, EXAM, "seed: 3", "seed: 4")
    options = [fq.options for fq in exam_form(load(book)).questions]  # type: ignore[attr-defined]
    assert options != [fq.options for fq in first.questions]  # type: ignore[attr-defined]


def test_exam_questions_never_reach_practice(book: Path) -> None:
    quiz = load(book)
    banned = exam_questions(quiz) | {q.id for q in quiz.questions.values() if q.q.exam_only}
    practice = [assignment_form(quiz, la) for la in quiz.assignments if la.a.mode == "practice"] + topic_forms(quiz)
    shown = {fq.q.id for form in practice for fq in form.questions}
    assert "q-basics-secret" in banned and not shown & banned


def test_ordering_and_matching_never_start_solved(book: Path) -> None:
    for form in topic_forms(load(book)):
        for fq in form.questions:
            if fq.q.type in ("排序", "配对"):
                assert fq.key != list(range(len(fq.key)))


# --- result codes and grading ------------------------------------------------


def _right(form: object) -> list[object]:
    return [fq.key if fq.q.type != "填空" else "３天。" for fq in form.questions]  # type: ignore[attr-defined]


def test_code_round_trip_grades_all_right(book: Path) -> None:
    quiz = load(book)
    table = ExamTable(quiz)
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(quiz)))
    assert re.fullmatch(r"KF(-[0-9A-Z]{1,4})+", code) and len(code) < 40
    graded = table.grade(code, "张三")
    assert (graded.learner, graded.label, graded.correct, graded.total, graded.passed) == ("A1001", "张三", 5, 5, True)


def test_partial_answers_give_the_exact_score_and_weak_topics(book: Path) -> None:
    quiz = load(book)
    table = ExamTable(quiz)
    form = exam_form(quiz)
    answers = _right(form)
    answers[3] = None  # the ordering question left untouched
    answers[4] = (answers[4] + 1) % 3  # type: ignore[operator]
    graded = table.grade(encode_answers(table, "week1-exam", "b2", answers))
    assert (graded.correct, graded.percent, graded.passed) == (3, 60, True)
    assert graded.weak_topics() == ["流程：投诉处理流程", "话术：回访话术"]


def test_every_single_character_typo_is_detected(book: Path) -> None:
    table = ExamTable(load(book))
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    body = code.replace("-", "")
    for i in range(2, len(body)):
        for char in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
            if char != body[i]:
                with pytest.raises(CodeError):
                    table.grade(body[:i] + char + body[i + 1 :])


@pytest.mark.parametrize("garbage", ["", "hello", "KF", "KF-", "KF-!!!!", "KF-0000-0000-0000-0000-0000", "kf-zzzz"])
def test_garbage_is_an_error_not_a_crash(book: Path, garbage: str) -> None:
    with pytest.raises(CodeError):
        ExamTable(load(book)).grade(garbage)


def test_code_from_an_older_form_is_rejected(book: Path) -> None:
    table = ExamTable(load(book))
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    edit(book, BANK, "prompt: 投诉受理时必须记录什么？", "prompt: 投诉受理时要记录什么？")
    with pytest.raises(CodeError, match="版本不符"):
        ExamTable(load(book)).grade(code)


def test_grade_cli_reports_each_bad_code_and_never_counts_it(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = load(book)
    table = ExamTable(quiz)
    form = exam_form(quiz)
    good = encode_answers(table, "week1-exam", "a1001", _right(form))
    poor = encode_answers(table, "week1-exam", "b2002", [None] * 5)
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    codes = book / "codes.txt"
    codes.write_text(f"# 第一周考试\n张三 {good}\n李四，{poor}\n王五 {typo}\n随便写的一行\n", encoding="utf-8")
    assert main(["--root", str(book), "grade", str(codes), "KF-XXXX"]) == 1
    out, err = capsys.readouterr()
    assert re.search(r"A1001\s+张三\s+5/5 100%\s+通过", out)
    assert re.search(r"B2002\s+李四\s+0/5 0%\s+未通过", out)
    assert "共 2 人，通过 1 人。" in out
    assert f"codes.txt:4：{typo}：校验不通过" in err
    assert "codes.txt:5：没有找到结果码" in err
    assert "命令行：KF-XXXX：" in err
    assert "无法评分的结果码 3 个（均不计为通过）" in err


def test_grade_csv_from_stdin(book: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    table = ExamTable(load(book))
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"张三 {code}\n"))
    assert main(["--root", str(book), "grade", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["工号,姓名,测验编号,测验,答对,题数,得分,结果,薄弱主题", "A1001,张三,week1-exam,第一周考试,5,5,100,通过,"]


# --- answer key, GIFT, pages -------------------------------------------------


def test_answer_key_lists_every_answer(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(book), "answer-key", "week1-exam"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("第一周考试 —— 答案（培训师专用，请勿外传）")
    assert "答案：三天 / 72小时" in out and "正确顺序：投诉受理 → 总结评价" in out and "考试专用解析庚辛壬" in out
    assert main(["--root", str(book), "answer-key", "nope"]) == 2


def test_gift_export(book: Path) -> None:
    text, skipped = export_gift(load(book))
    assert "::q-basics-single::[plain]回访时第一句话应该做什么？ {" in text
    assert "\t=问候并报上工号，确认客户身份#先让客户知道你是谁。" in text
    assert "::q-basics-tf::[plain]客户表示满意时，回访就可以马上结束，不必再问建议。 {F}" in text
    assert "\t~%50%三天之内回访" in text and "\t~%-100%一周后再回访" in text
    assert "\t=客户满意 -> 感谢认可并征求建议" in text
    assert "::q-basics-fill::[plain]服务完成后，最迟几天之内必须回访？ {=三天 =72小时}" in text
    assert "$CATEGORY: $course$/客服指引手册/服务基础" in text
    assert set(skipped) == {"q-basics-order", "g-complaint-order"}
    assert escape("a=b {c} #d ~e :f \\") == "a\\=b \\{c\\} \\#d \\~e \\:f \\\\"


def test_exam_page_ships_no_key_and_html_is_escaped(book: Path) -> None:
    pages = render_pages(load_handbook(book), load(book))
    exam = pages["quiz/week1-exam.md"]
    data = json.loads(exam.split('class="kf-quiz-data">', 1)[1].split("</script>", 1)[0])
    assert data["mode"] == "exam" and len(data["questions"]) == 5
    assert not {"key", "why", "explain", "see"} & {k for q in data["questions"] for k in q}
    for word in ("庚辛壬", "甲乙丙", "72小时"):
        assert not any(word in text for text in pages.values())
    safety = pages["quiz/practice/safety.md"]
    assert "<b>" not in safety and "</script><img" not in safety and "\\u003cb\\u003e" in safety


def test_quiz_pages_are_identical_across_processes(book: Path, tmp_path: Path) -> None:
    # Separate interpreters with different hash seeds: set and dict order must not leak into pages.
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"docs{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "scripts_gen", "--root", str(book), "build", "--out", str(out)],
                              cwd=REPO, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert any(k.startswith("quiz/") for k in outs[0])
    assert outs[0] == outs[1]


def test_widget_fits_the_budget() -> None:
    size = sum(len(gzip.compress((REPO / "docs/assets" / f).read_bytes(), 9)) for f in ("js/quiz.js", "css/quiz.css"))
    assert size <= 12 * 1024, f"quiz.js + quiz.css gzip {size} 字节"
