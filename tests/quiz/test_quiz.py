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
from scripts_gen.quiz import text
from scripts_gen.quiz.code import CodeError, Sitting, encode, normalize_learner, tag_of
from scripts_gen.quiz.draw import assignment_form, exam_facts, exam_questions, find_assignment, topic_forms
from scripts_gen.quiz.export import escape, export_gift
from scripts_gen.quiz.form import QuizForm, canonical, canonical_with, exam_parts, form_question, payload, version_of
from scripts_gen.quiz.generate import coverage
from scripts_gen.quiz.grade import ExamTable, is_correct, shape
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



SITTING = Sitting(1, 900_000, 9)


def encode_answers(table: ExamTable, assignment_id: str, learner: str, answers: list[Any], sitting: Sitting = SITTING) -> str:
    """The code a learner would get for their own paper: mirrors quiz.js, so the CLI can be tested against it."""
    _, pool, version = table.forms[tag_of(assignment_id)]
    form = pool.for_learner(normalize_learner(learner))
    hashed = [answer_hash(a) if fq.q.type == "填空" and a is not None else a for fq, a in zip(form.questions, answers, strict=True)]
    return encode(tag_of(assignment_id), version, learner, [shape(fq) for fq in form.questions], hashed, sitting)


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


def exam_form(quiz: QuizSet, learner: str = "A1001") -> QuizForm:
    """The paper learner ``learner`` gets (the pool itself with ``learner=""``)."""
    la = find_assignment(quiz, "week1-exam")
    assert la is not None
    pool = assignment_form(quiz, la)
    return pool.for_learner(learner) if learner else pool


# --- bank validation ---------------------------------------------------------


def test_fixture_bank_is_valid_and_merges_generated_questions(book: Path) -> None:
    quiz = load(book)
    generated = [q for q in quiz.questions.values() if q.generated]
    assert {q.q.type for q in generated} == {"判断", "填空", "最佳回复"}
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
    edit(book, EXAM, "    count: 4", "    count: 9\n  - topic: calback\n    count: 1")
    edit(book, EXAM, "roles: [agent]", "roles: [agnet]")
    assert heads(book) == [
        "quizzes/assignments/week1-exam.yml:4:9: [unknown-ref] 引用了不存在的岗位编号“agnet”。",
        "quizzes/assignments/week1-exam.yml:11:12: [quiz-pool-small] 这一项要抽 9 道题，但符合条件的只有 5 道。",
        "quizzes/assignments/week1-exam.yml:12:12: [unknown-ref] 没有编号为“calback”的主题。你是不是想写“callback”？",
    ]


def test_practice_question_on_an_exam_fact_fails_the_build(book: Path) -> None:
    # q-basics-secret (exam) tests cp-accept; a practice question on cp-accept would publish its answer.
    edit(book, BANK, "    tests: [cb-open]\n    explanation: 开场", "    tests: [cb-open, cp-accept]\n    explanation: 开场")
    assert heads(book) == [
        "quizzes/service-basics.yml:16:22: [quiz-exam-leak] 练习题“q-basics-single”考查的“cp-accept”也是考试题“q-basics-secret”考查的内容："
        "练习页面会公布答案，学员可以照抄到考试里。"
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
        ("三天之内", "3天"),
        ("三天内", "3天"),
        ("3日以内", "三天"),
        ("5秒钟", "5秒"),
        ("1分钟内", "一分钟"),
        ("百分之百", "100%"),
        ("百分百", "100%"),
        ("三声到五声", "3–5声"),
        ("三到五", "3-5"),
        ("三至五", "3~5"),
        ("不超过4行", "四行"),
        ("七十二个小时", "72小时"),
    ],
)
def test_fill_in_normalisation(typed: str, accepted: str) -> None:
    assert normalize(typed) == normalize(accepted)


@pytest.mark.parametrize(("typed", "other"), [("三天", "五天"), ("35", "3–5"), ("100", "10"), ("5秒", "5分钟"), ("内容", "容")])
def test_fill_in_keeps_different_answers_apart(typed: str, other: str) -> None:
    assert normalize(typed) != normalize(other)
    assert normalize("十三") == "13" and normalize("三十") == "30"


def test_fill_in_drops_spaces_punctuation_and_symbols_across_unicode() -> None:
    """The table-driven deletion keeps and drops exactly what the per-character rule says, for every BMP character."""
    chars = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF) + "\U0001f600\U00020000\U000e0020"
    assert "".join(chars.split()) == "".join(c for c in chars if not c.isspace())
    assert chars.translate(text._DropTable()) == "".join(c for c in chars if not text._dropped(c))


def test_fill_in_reference_answer_is_the_authors_wording(mini: Path) -> None:
    # The handbook's own wordings of its figures are all accepted, and 参考答案 shows the figure as written.
    (mini / "quizzes").mkdir()
    quiz = load(mini)
    item = quiz.questions["g-cb-within-3-days-n1"]
    fq = form_question(item, "x")
    for typed in ("三天之内", "三天内", "3天", "３ 天。", "三日"):
        assert is_correct(fq, typed), typed
    assert not is_correct(fq, "100") and not is_correct(fq, "33")
    data = payload(QuizForm("t", "t", "practice", 80, None, [fq], "quiz/t.md"), {})
    assert data["questions"][0]["ref"] == "3"


# --- drawing -----------------------------------------------------------------


def test_each_learner_gets_a_reproducible_paper_from_the_pool(book: Path) -> None:
    quiz = load(book)
    pool = exam_form(quiz, "")
    assert sorted(fq.q.id for fq in pool.questions) == [
        "q-basics-exam-late", "q-basics-exam-review", "q-basics-fill", "q-basics-multi", "q-basics-secret"
    ]
    papers = {n: [fq.q.id for fq in exam_form(quiz, n).questions] for n in ("A1001", "A1002", "A1003", "B7", "C9")}
    assert all(len(ids) == 4 == len(set(ids)) for ids in papers.values())
    assert len({tuple(ids) for ids in papers.values()}) > 1  # neighbours get different papers
    assert papers["A1001"] == [fq.q.id for fq in exam_form(load(book), "A1001").questions]
    edit(book, EXAM, "seed: 3", "seed: 4")
    reseeded = load(book)
    # A new seed draws new papers; the option order belongs to the pool, which every exam drawing it shares.
    assert {n: [fq.q.id for fq in exam_form(reseeded, n).questions] for n in papers} != papers
    assert [fq.options for fq in exam_form(reseeded, "").questions] == [fq.options for fq in pool.questions]


def test_nothing_an_exam_asks_is_practised_with_its_key(book: Path) -> None:
    quiz = load(book)
    banned = exam_questions(quiz) | {q.id for q in quiz.questions.values() if q.q.exam_only}
    practice = [assignment_form(quiz, la) for la in quiz.assignments if la.a.mode == "practice"] + topic_forms(quiz)
    shown = [fq.q for form in practice for fq in form.questions]
    assert "q-basics-secret" in banned and not {q.id for q in shown} & banned
    # Not even another question on the same fact: the generated fill-in on the 3-day rule is withheld.
    assert "cb-within-3-days" in exam_facts(quiz) and "g-cb-within-3-days-n1" in quiz.questions
    assert not [q.id for q in shown if set(q.tests) & exam_facts(quiz)]


def test_ordering_and_matching_never_start_solved(book: Path) -> None:
    for form in topic_forms(load(book)):
        for fq in form.questions:
            if fq.q.type in ("排序", "配对"):
                assert fq.key != list(range(len(fq.key)))


# --- result codes and grading ------------------------------------------------


def _right(form: QuizForm) -> list[object]:
    return [fq.key if fq.q.type != "填空" else "３天之内。" for fq in form.questions]


def test_code_round_trip_grades_all_right(book: Path) -> None:
    quiz = load(book)
    table = ExamTable(quiz)
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(quiz)), Sitting(2, 1000, 21))
    assert re.fullmatch(r"KF(-[0-9A-Z]{1,4})+", code) and len(code) < 48
    graded = table.grade(code, "张三")
    assert (graded.learner, graded.label, graded.correct, graded.total, graded.passed) == ("A1001", "张三", 4, 4, True)
    assert (graded.header.attempt, graded.header.start, graded.header.minutes, graded.overtime) == (2, 1000, 21, 6)


def test_partial_answers_give_the_exact_score_and_weak_topics(book: Path) -> None:
    quiz = load(book)
    table = ExamTable(quiz)
    form = exam_form(quiz, "B2")
    answers = _right(form)
    answers[0] = None
    answers[1] = (answers[1] + 1) % 2 if isinstance(answers[1], int) else None
    graded = table.grade(encode_answers(table, "week1-exam", "b2", answers))
    assert (graded.correct, graded.percent, graded.passed) == (2, 50, False)
    assert graded.weak_topics() == ["服务基础"]


def test_every_single_character_typo_is_detected(book: Path) -> None:
    table = ExamTable(load(book))
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    body = code.replace("-", "")
    for i in range(2, len(body)):
        for char in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
            if char != body[i]:
                with pytest.raises(CodeError):
                    table.grade(body[:i] + char + body[i + 1 :])


def test_a_mistyped_last_character_fails_the_checksum(book: Path) -> None:
    table = ExamTable(load(book))
    code = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    for char in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
        if char != code[-1]:
            with pytest.raises(CodeError, match="校验不通过"):
                table.grade(code[:-1] + char)


def test_code_pasted_in_a_chat_message_keeps_the_name_clean(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = ExamTable(load(book))
    a = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)))
    b = encode_answers(table, "week1-exam", "b7", [None] * 4)
    c = encode_answers(table, "week1-exam", "c9", [None] * 4)
    chat = book / "chat.txt"
    chat.write_text(f"赵六 发给您的结果码：{a} 谢谢\n老师您好，我是钱七，结果码 {b}\n[10:02] 孙八: {c}\n", encoding="utf-8")
    assert main(["--root", str(book), "grade", str(chat), "--csv"]) == 0
    rows = [line.split(",")[:2] for line in capsys.readouterr().out.splitlines()[1:]]
    assert rows == [["A1001", "赵六"], ["B7", "钱七"], ["C9", "孙八"]]


def test_retakes_and_overtime_are_reported(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = ExamTable(load(book))
    first = encode_answers(table, "week1-exam", "a1001", [None] * 4, Sitting(1, 900_000, 10))
    again = encode_answers(table, "week1-exam", "a1001", _right(exam_form(table.quiz)), Sitting(2, 900_100, 40))
    assert main(["--root", str(book), "grade", first, again]) == 0
    err = capsys.readouterr().err
    assert "重考：工号 A1001 在“week1-exam”中作答了不止一次（第 1 次 2026-09-18 08:00 开始，0/4；" in err
    assert "第 2 次 2026-09-18 09:40 开始，4/4）" in err
    assert "超时：工号 A1001 在“week1-exam”中用时 40 分钟，超过限时 25 分钟。" in err


def test_report_analyses_items_topics_and_learners(book: Path, tmp_path: Path) -> None:
    table = ExamTable(load(book))
    codes = []
    for n in range(12):  # stronger learners answer more questions right, in paper order
        number = f"L{n:02d}"
        right = _right(exam_form(table.quiz, number))
        answers = [a if i < n % 5 else None for i, a in enumerate(right)]
        codes.append(encode_answers(table, "week1-exam", number, answers))
    out = tmp_path / "报告"
    assert main(["--root", str(book), "grade", *codes, "--report", str(out), "--site-url", "http://kefu.example/"]) == 0
    page = (out / "题目分析.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page
    assert "http" not in page.replace("http://kefu.example/", "").replace("http://www.w3.org", "")  # no third-party host
    assert 'href="http://kefu.example/processes/complaint/#cp-accept"' in page or 'href="http://kefu.example/' in page
    items = (out / "题目分析.csv").read_text(encoding="utf-8")
    assert items.startswith("\ufeff测验,题目编号,")
    rows = {line.split(",")[1]: line.split(",") for line in items.splitlines()[1:]}
    assert set(rows) == {fq.q.id for fq in exam_form(table.quiz, "").questions}
    assert sum(int(r[4]) for r in rows.values()) == 12 * 4  # every answer of every learner counted once
    weak = (out / "学员薄弱项.csv").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("第一周考试,L00,") for line in weak) and not any(",L04," in line for line in weak)


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
    poor = encode_answers(table, "week1-exam", "b2002", [None] * 4)
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    codes = book / "codes.txt"
    codes.write_text(f"# 第一周考试\n张三 {good}\n李四，{poor}\n王五 {typo}\n随便写的一行\n", encoding="utf-8")
    assert main(["--root", str(book), "grade", str(codes), "KF-XXXX"]) == 1
    out, err = capsys.readouterr()
    assert re.search(r"A1001\s+张三\s+4/4 100%\s+通过", out)
    assert re.search(r"B2002\s+李四\s+0/4 0%\s+未通过", out)
    assert "共 2 人，2 份，通过 1 份。" in out
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
    assert lines == [
        "\ufeff工号,姓名,测验编号,测验,答对,题数,得分,结果,第几次,开始（北京时间）,用时（分钟）,超时（分钟）,薄弱主题",
        "A1001,张三,week1-exam,第一周考试,4,4,100,通过,1,2026-09-18 08:00,9,0,",
    ]


# --- answer key, GIFT, pages -------------------------------------------------


def test_answer_key_lists_every_answer(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(book), "answer-key", "week1-exam"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("第一周考试 —— 答案（培训师专用，请勿外传）")
    assert "答案：三天 / 72小时" in out and "考试专用解析庚辛壬" in out
    assert "这是整个题池（5 题）：每位学员按工号从中抽 4 题" in out
    assert main(["--root", str(book), "answer-key", "week1-exam", "--learner", "a-1001"]) == 0
    mine = capsys.readouterr().out
    ids = [fq.q.id for fq in exam_form(load(book), "A1001").questions]
    assert "工号 A1001 抽到的试卷（共 4 题" in mine
    assert [re.search(r"题目编号：(\S+)（", line).group(1) for line in mine.splitlines() if "题目编号：" in line] == ids  # type: ignore[union-attr]
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
    assert set(skipped) == {"q-basics-order"}
    assert escape("a=b {c} #d ~e :f \\") == "a\\=b \\{c\\} \\#d \\~e \\:f \\\\"


def test_exam_page_ships_no_key_and_html_is_escaped(book: Path) -> None:
    pages = render_pages(load_handbook(book), load(book))
    exam = pages["quiz/week1-exam.md"]
    data = json.loads(exam.split('class="kf-quiz-data">', 1)[1].split("</script>", 1)[0])
    assert data["mode"] == "exam" and data["n"] == 5 and "questions" not in data
    [[count, path]] = data["draw"]
    pool = json.loads(pages[path])["questions"]
    assert count == 4 and len(pool) == 5
    assert not {"key", "why", "explain", "see"} & {k for q in pool for k in q}
    for word in ("庚辛壬", "甲乙丙", "72小时"):
        assert not any(word in text for text in pages.values())
    safety = pages["quiz/practice/safety.md"]
    assert "<b>" not in safety and "</script><img" not in safety and "\\u003cb\\u003e" in safety


def test_exam_data_made_from_per_question_text_is_the_canonical_json() -> None:
    """Exam versions and pool files are assembled from each question's own JSON text: the same bytes as serialising it all."""
    quiz = load(REPO)
    assert quiz is not None
    exams = [assignment_form(quiz, la) for la in quiz.assignments if la.a.mode == "exam"]
    assert exams
    for form in exams:
        full = payload(form, {})
        assert full["version"] == version_of(json.loads(canonical(full)))  # the slow way: everything through json.dumps
        page, lists, texts = exam_parts(form)
        assert page["version"] == full["version"]
        assert texts == [canonical({"questions": questions}) for questions in lists]
        assert len(texts) == len({members for _, members in form.strata})
    nested = {"b": [1, {"z": "＜&>", "a": None}], "a": "中文", "c": {"y": 2.5, "x": True}}
    assert canonical_with(nested, {"b": canonical(nested["b"])}) == canonical(nested)


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
