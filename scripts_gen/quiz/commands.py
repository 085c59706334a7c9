"""Trainer commands: ``grade``, ``answer-key`` and ``export gift``.

Exit codes: 0 ok, 1 a code could not be graded, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts_gen.quiz.code import CODE_TOKEN, CodeError, normalize_learner
from scripts_gen.quiz.draw import assignment_form, find_assignment
from scripts_gen.quiz.export import export_gift
from scripts_gen.quiz.grade import ExamTable, Graded
from scripts_gen.quiz.key import answer_key
from scripts_gen.quiz.models import QuizSet

QuizHandler = Callable[[QuizSet, argparse.Namespace], int]
Handler = Callable[[argparse.Namespace], int]
ReportWriter = Callable[[QuizSet, list[Graded], Path, str], list[Path]]
BOM = "\ufeff"  # so Excel and WPS open the CSV as UTF-8


def add_commands(sub: argparse._SubParsersAction[Any], with_quizzes: Callable[[QuizHandler], Handler], report: ReportWriter) -> None:
    """Register the trainer commands; ``with_quizzes`` loads the bank, ``report`` writes the item analysis."""
    grade = sub.add_parser("grade", help="为考试结果码评分（结果码或包含结果码的文件；不写则从标准输入读取）")
    grade.add_argument(
        "codes", nargs="*", metavar="结果码或文件", help="结果码，或每行一个结果码的文本文件（可以直接粘贴聊天记录）；- 表示标准输入"
    )
    grade.add_argument("--csv", action="store_true", help="输出 CSV 花名册（UTF-8 带 BOM，Excel/WPS 可直接打开；问题仍写到标准错误）")
    grade.add_argument("--report", type=Path, default=None, metavar="目录", help="另外写出题目分析报告（HTML 图表 + CSV）到这个目录")
    grade.add_argument(
        "--site-url", default="", metavar="网址", help="报告中手册链接的站点地址，例如 http://kefu.intranet/（默认链接到本地构建的 site/）"
    )
    grade.set_defaults(func=with_quizzes(lambda quiz, args: _grade(quiz, args, report)))
    key = sub.add_parser("answer-key", help="打印某个测验的答案（供培训师使用，不上网站）")
    key.add_argument("assignment", metavar="测验编号", help="quizzes/assignments/ 下的文件名（不含 .yml）")
    key.add_argument("--learner", default="", metavar="工号", help="考试：只打印这个工号抽到的那一份（默认打印整个题池）")
    key.set_defaults(func=with_quizzes(lambda quiz, args: _answer_key(quiz, args.assignment, args.learner)))
    export = sub.add_parser("export", help="导出题库，例如 export gift（Moodle GIFT 格式）")
    export.add_argument("format", choices=("gift",), help="导出格式：gift")
    export.add_argument("--out", type=Path, default=None, help="输出文件（默认标准输出）")
    export.set_defaults(func=with_quizzes(_export))


def _export(quiz: QuizSet, args: argparse.Namespace) -> int:
    text, skipped = export_gift(quiz)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    counted = sum(1 for line in text.splitlines() if line.startswith("::"))
    print(f"已导出 {counted} 道题；{len(skipped)} 道题 GIFT 无法表示，已跳过（见文件中的注释）。", file=sys.stderr)
    return 0


def _answer_key(quiz: QuizSet, ident: str, learner: str = "") -> int:
    la = find_assignment(quiz, ident)
    if la is None:
        names = "、".join(sorted(la.a.id for la in quiz.assignments)) or "（无）"
        print(f"没有编号为“{ident}”的测验。已有的测验：{names}。", file=sys.stderr)
        return 2
    form = assignment_form(quiz, la)
    number = normalize_learner(learner)
    if learner and not number:
        print(f"工号“{learner}”无效：工号只含字母和数字。", file=sys.stderr)
        return 2
    sys.stdout.write(answer_key(quiz, la, form, number))
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


_CHATTER = re.compile(
    r"发给您的|发给你的|发给老师|发给您|发给你|结果码|我的|这是|我是|老师|您好|你好|谢谢|麻烦|考试|成绩|请查收|收到|如下|的"
)


def learner_label(line: str, match: re.Match[str]) -> str:
    """The learner's name from a pasted line: the first word around the code that is not chat."""
    before, after = line[: match.start()], line[match.end() :]
    for part in (before, after):
        for word in re.split(r"[\s,，;；:：。.!！?？、()（）\[\]【】\"'“”‘’<>《》]+", part):
            name = _CHATTER.sub("", word).strip("-_")
            if name and not name.isdigit():  # a chat timestamp is no name
                return name[:20]
    return ""


def _grade(quiz: QuizSet, args: argparse.Namespace, report: ReportWriter) -> int:
    table = ExamTable(quiz)
    results: list[Graded] = []
    errors: list[str] = []
    for where, line in _lines(args.codes):
        tokens = list(CODE_TOKEN.finditer(line))
        if not tokens:
            errors.append(f"{where}：没有找到结果码（结果码以 KF- 开头）：{line[:40]}")
            continue
        for match in tokens:
            try:
                results.append(table.grade(match.group(), learner_label(line, match)))
            except CodeError as err:
                errors.append(f"{where}：{match.group()}：{err}")
    _print_csv(results) if args.csv else _print_table(results)
    _print_problems(results, errors)
    if args.report is not None and results:
        site = args.site_url or (args.root.resolve() / "site").as_uri() + "/"
        written = report(quiz, results, args.report, site)
        print("题目分析报告：" + "、".join(str(p) for p in written), file=sys.stderr)
    return 1 if errors else 0


def when(g: Graded) -> str:
    """Start time in Beijing time, as the trainer reads it."""
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(g.header.started + 8 * 3600))


def timing(g: Graded) -> str:
    over = f"，超时 {g.overtime} 分钟" if g.overtime else ""
    return f"{g.header.minutes} 分钟{over}"


def _print_table(results: list[Graded]) -> None:
    if not results:
        print("没有可评分的结果码。")
        return
    for title, group in _by_assignment(results).items():
        first = group[0]
        limit = f"，限时 {first.form.time_limit} 分钟" if first.form.time_limit else ""
        print(f"\n{title}（{first.assignment.a.id}，每人 {first.total} 题，及格线 {first.form.pass_mark}%{limit}）")
        print(f"{'工号':<10}{'姓名':<8}{'得分':<12}{'结果':<6}{'第几次':<5}{'开始（北京时间）':<18}{'用时':<10}薄弱主题")
        for g in group:
            score = f"{g.correct}/{g.total} {g.percent}%"
            verdict = "通过" if g.passed else "未通过"
            print(
                f"{g.learner:<12}{g.label or '—':<8}{score:<14}{verdict:<6}{g.header.attempt:<8}{when(g):<20}{timing(g):<12}"
                f"{'、'.join(g.weak_topics()) or '—'}"
            )
        passed = sum(g.passed for g in group)
        print(f"共 {len({g.learner for g in group})} 人，{len(group)} 份，通过 {passed} 份。")


def _by_assignment(results: list[Graded]) -> dict[str, list[Graded]]:
    groups: dict[str, list[Graded]] = {}
    for g in sorted(results, key=lambda g: (g.learner, g.header.start)):
        groups.setdefault(g.assignment.a.title, []).append(g)
    return groups


def _print_csv(results: list[Graded]) -> None:
    sys.stdout.write(BOM)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        [
            "工号",
            "姓名",
            "测验编号",
            "测验",
            "答对",
            "题数",
            "得分",
            "结果",
            "第几次",
            "开始（北京时间）",
            "用时（分钟）",
            "超时（分钟）",
            "薄弱主题",
        ]
    )
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
                g.header.attempt,
                when(g),
                g.header.minutes,
                g.overtime,
                "、".join(g.weak_topics()),
            ]
        )


def _print_problems(results: list[Graded], errors: list[str]) -> None:
    sittings: dict[tuple[str, str], list[Graded]] = {}
    for g in results:
        sittings.setdefault((g.learner, g.assignment.a.id), []).append(g)
    for (learner, ident), group in sorted(sittings.items()):
        codes = {g.code for g in group}
        retakes = len(codes) > 1 or any(g.header.attempt > 1 for g in group)
        if retakes:
            times = "；".join(
                f"第 {g.header.attempt} 次 {when(g)} 开始，{g.correct}/{g.total}" for g in sorted(group, key=lambda g: g.header.start)
            )
            print(f"重考：工号 {learner} 在“{ident}”中作答了不止一次（{times}）。请核实以哪一次为准。", file=sys.stderr)
        for g in group:
            if g.overtime:
                print(f"超时：工号 {learner} 在“{ident}”中用时 {g.header.minutes} 分钟，超过限时 {g.overtime} 分钟。", file=sys.stderr)
    if errors:
        print(f"\n无法评分的结果码 {len(errors)} 个（均不计为通过）：", file=sys.stderr)
        print("\n".join(f"  {e}" for e in errors), file=sys.stderr)
