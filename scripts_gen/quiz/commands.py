"""Trainer commands: ``grade``, ``answer-key`` and ``export gift``.

Exit codes: 0 ok, 1 a code could not be graded, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts_gen.quiz.code import CODE_TOKEN, CodeError
from scripts_gen.quiz.draw import assignment_form, find_assignment
from scripts_gen.quiz.export import export_gift
from scripts_gen.quiz.grade import ExamTable, Graded
from scripts_gen.quiz.key import answer_key
from scripts_gen.quiz.models import QuizSet

QuizHandler = Callable[[QuizSet, argparse.Namespace], int]
Handler = Callable[[argparse.Namespace], int]


def add_commands(sub: argparse._SubParsersAction[Any], with_quizzes: Callable[[QuizHandler], Handler]) -> None:
    """Register the trainer commands; ``with_quizzes`` loads the bank before a handler runs."""
    grade = sub.add_parser("grade", help="为考试结果码评分（结果码或包含结果码的文件；不写则从标准输入读取）")
    grade.add_argument("codes", nargs="*", metavar="结果码或文件", help="结果码，或每行一个结果码的文本文件；- 表示标准输入")
    grade.add_argument("--csv", action="store_true", help="输出 CSV 花名册（问题仍写到标准错误）")
    grade.set_defaults(func=with_quizzes(_grade_command))
    key = sub.add_parser("answer-key", help="打印某个测验的答案（供培训师使用，不上网站）")
    key.add_argument("assignment", metavar="测验编号", help="quizzes/assignments/ 下的文件名（不含 .yml）")
    key.set_defaults(func=with_quizzes(lambda quiz, args: _answer_key(quiz, args.assignment)))
    export = sub.add_parser("export", help="导出题库，例如 export gift（Moodle GIFT 格式）")
    export.add_argument("format", choices=("gift",), help="导出格式：gift")
    export.add_argument("--out", type=Path, default=None, help="输出文件（默认标准输出）")
    export.set_defaults(func=with_quizzes(_export))


def _grade_command(quiz: QuizSet, args: argparse.Namespace) -> int:
    return _grade(quiz, args.codes, as_csv=args.csv)


def _export(quiz: QuizSet, args: argparse.Namespace) -> int:
    text, skipped = export_gift(quiz)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    counted = sum(1 for line in text.splitlines() if line.startswith("::"))
    print(f"已导出 {counted} 道题；{len(skipped)} 道题 GIFT 无法表示，已跳过（见文件中的注释）。", file=sys.stderr)
    return 0


def _answer_key(quiz: QuizSet, ident: str) -> int:
    la = find_assignment(quiz, ident)
    if la is None:
        names = "、".join(sorted(la.a.id for la in quiz.assignments)) or "（无）"
        print(f"没有编号为“{ident}”的测验。已有的测验：{names}。", file=sys.stderr)
        return 2
    sys.stdout.write(answer_key(quiz, la, assignment_form(quiz, la)))
    return 0


# --- grade -----------------------------------------------------------------


def _texts(args: list[str]) -> list[tuple[str, str | None, str]]:
    """(where, file text or None, literal code) for every argument; stdin when there is none."""
    found: list[tuple[str, str | None, str]] = []
    for arg in args or ["-"]:
        if arg == "-":
            found.append(("标准输入", sys.stdin.read(), ""))
        elif Path(arg).is_file():
            found.append((arg, Path(arg).read_text(encoding="utf-8", errors="replace"), ""))
        else:
            found.append(("命令行", None, arg))
    return found


def _lines(args: list[str]) -> list[tuple[str, str]]:
    """(where, line) for every input line that is not empty or a comment."""
    found = []
    for where, text, literal in _texts(args):
        if text is None:
            found.append((where, literal))
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                found.append((f"{where}:{number}", line.strip()))
    return found


def _grade(quiz: QuizSet, args: list[str], *, as_csv: bool) -> int:
    table = ExamTable(quiz)
    results: list[Graded] = []
    errors: list[str] = []
    for where, line in _lines(args):
        tokens = list(CODE_TOKEN.finditer(line))
        if not tokens:
            errors.append(f"{where}：没有找到结果码（结果码以 KF- 开头）：{line[:40]}")
            continue
        label = CODE_TOKEN.sub(" ", line).strip(" \t,，;；:：")
        for match in tokens:
            try:
                results.append(table.grade(match.group(), label))
            except CodeError as err:
                errors.append(f"{where}：{match.group()}：{err}")
    _print_csv(results) if as_csv else _print_table(results)
    _print_problems(results, errors)
    return 1 if errors else 0


def _print_table(results: list[Graded]) -> None:
    if not results:
        print("没有可评分的结果码。")
        return
    for title, group in _by_assignment(results).items():
        first = group[0]
        print(f"\n{title}（{first.assignment.a.id}，{len(first.marks)} 题，及格线 {first.form.pass_mark}%）")
        print(f"{'工号':<10}{'姓名':<8}{'得分':<12}{'结果':<6}薄弱主题")
        for g in group:
            score = f"{g.correct}/{g.total} {g.percent}%"
            verdict = "通过" if g.passed else "未通过"
            print(f"{g.learner:<12}{g.label or '—':<8}{score:<14}{verdict:<6}{'、'.join(g.weak_topics()) or '—'}")
        passed = sum(g.passed for g in group)
        print(f"共 {len(group)} 人，通过 {passed} 人。")


def _by_assignment(results: list[Graded]) -> dict[str, list[Graded]]:
    groups: dict[str, list[Graded]] = {}
    for g in results:
        groups.setdefault(g.assignment.a.title, []).append(g)
    return groups


def _print_csv(results: list[Graded]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["工号", "姓名", "测验编号", "测验", "答对", "题数", "得分", "结果", "薄弱主题"])
    for g in results:
        writer.writerow(
            [
                g.learner,
                g.label,
                g.assignment.a.id,
                g.assignment.a.title,
                g.correct,
                g.total,
                g.percent,
                "通过" if g.passed else "未通过",
                "、".join(g.weak_topics()),
            ]
        )


def _print_problems(results: list[Graded], errors: list[str]) -> None:
    counts = Counter((g.learner, g.assignment.a.id) for g in results)
    for (learner, ident), n in sorted(counts.items()):
        if n > 1:
            print(f"注意：工号 {learner} 在“{ident}”中提交了 {n} 个结果码，请核实以哪一次为准。", file=sys.stderr)
    if errors:
        print(f"\n无法评分的结果码 {len(errors)} 个（均不计为通过）：", file=sys.stderr)
        print("\n".join(f"  {e}" for e in errors), file=sys.stderr)
