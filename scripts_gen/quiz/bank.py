"""Load quizzes/: question banks, generated questions and assignments, or report every problem.

Hand-written questions live in ``quizzes/<topic>.yml``, assignments in
``quizzes/assignments/<id>.yml``. Everything is checked against the handbook:
the ids a question tests, the roles an assignment targets, the topics and
tags it draws from, and whether there are enough questions to draw.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from scripts_gen import yamldoc
from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.checks import collect_ids
from scripts_gen.handbook.load import pending_ids, validate
from scripts_gen.problems import HandbookError, Problem, did_you_mean, located
from scripts_gen.quiz.checks import check_question
from scripts_gen.quiz.draw import draw_problems, leak_problems
from scripts_gen.quiz.generate import generate
from scripts_gen.quiz.models import Assignment, Bank, BankQuestion, LoadedAssignment, QuizSet
from scripts_gen.yamldoc import Document, Loc

M = TypeVar("M", bound=BaseModel)
RESERVED = {"index", "progress", "practice", "topics"}


def _read_all(root: Path, folder: Path, model: type[M], pending: set[str]) -> tuple[list[tuple[M, Document]], list[Problem]]:
    """Every file of ``folder`` that validates; the ids of those that do not go into ``pending``."""
    loaded: list[tuple[M, Document]] = []
    problems: list[Problem] = []
    entry: M | None = None
    for file in sorted(p for p in folder.glob("*") if (p.is_file() or p.is_symlink()) and not p.name.startswith(".")):
        if file.suffix not in (".yml", ".yaml"):
            if file.suffix != ".md":
                problems.append(
                    Problem(
                        file.relative_to(root).as_posix(), 1, 1, "unknown-file", "quizzes/ 下只能放 .yml 题库文件。", "把其他文件移走。"
                    )
                )
            continue
        doc, errs = yamldoc.read(root, file)
        found, problems = errs, problems + errs
        if doc is not None:
            entry, errs = validate(model, doc, "从 id: 开始写，参照 quizzes/README 中的示例。")
            found, problems = found + errs, problems + errs
        if found:
            pending |= pending_ids(file)
        if doc is not None and entry is not None:
            ident = str(getattr(entry, "id", file.stem))
            if ident != file.stem:
                problems.append(
                    located(
                        doc,
                        ("id",),
                        "id-filename",
                        f"编号“{ident}”与文件名“{file.stem}”不一致。",
                        f"把文件改名为 {ident}.yml，或把 id 改为 {file.stem}。",
                    )
                )
            loaded.append((entry, doc))
    return loaded, problems


def load(book: Handbook) -> QuizSet | None:
    """Load ``root/quizzes`` against ``book``; None when the project has no quizzes/ folder."""
    quiz, problems = collect(book)
    if problems:
        raise HandbookError(problems)
    return quiz


def collect(book: Handbook) -> tuple[QuizSet | None, list[Problem]]:
    """The quiz set and every problem in it, checked against ``book`` even if the handbook itself has problems.

    Files and questions that did not load cannot be drawn from; so that they add no
    knock-on errors, their ids join ``book.pending`` and pool sizes are not checked.
    """
    folder = book.root / "quizzes"
    if not folder.is_dir():
        return None, []
    banks, problems = _read_all(book.root, folder, Bank, book.pending)
    if (folder / "assignments").is_dir():
        assignments, found = _read_all(book.root, folder / "assignments", Assignment, book.pending)
        problems += found
    else:
        assignments = []
    quiz = QuizSet(book)
    problems += _merge(quiz, banks)
    quiz.assignments = [LoadedAssignment(a, doc) for a, doc in assignments]
    incomplete = bool(problems or book.pending)
    found = _assignment_problems(quiz)
    problems += [p for p in found if not (incomplete and p.code == "quiz-pool-small")]
    return quiz, problems


def _merge(quiz: QuizSet, banks: list[tuple[Bank, Document]]) -> list[Problem]:
    for g in generate(quiz.book):
        quiz.topics.setdefault(g.topic, g.title)
        quiz.questions[g.question.id] = BankQuestion(g.question, g.topic)
    ids = set(collect_ids(quiz.book)[0])
    known = ids | quiz.book.pending  # built once, not once per question
    problems: list[Problem] = []
    for bank, doc in banks:
        quiz.topics[bank.id] = bank.title
        for i, q in enumerate(bank.questions):
            item = BankQuestion(q, bank.id, doc, ("questions", i))
            found = _question_problems(quiz, item, known)
            problems += found
            if not found:
                quiz.questions[q.id] = item
    return problems


def _question_problems(quiz: QuizSet, item: BankQuestion, ids: set[str]) -> list[Problem]:
    assert item.doc is not None
    doc, q = item.doc, item.q
    found = [located(doc, (*item.loc, *loc), code, msg, fix) for loc, code, msg, fix in check_question(q)]
    if q.id.startswith("g-"):
        found.append(
            located(
                doc,
                (*item.loc, "id"),
                "quiz-reserved-id",
                f"题目编号“{q.id}”以 g- 开头，这个前缀留给自动生成的题目。",
                "换一个编号，例如 q-" + q.id[2:] + "。",
            )
        )
    elif q.id in quiz.questions:
        other = quiz.questions[q.id]
        where = f"{other.doc.path}:{other.doc.where((*other.loc, 'id'))[0]}" if other.doc else "自动生成的题目"
        found.append(
            located(doc, (*item.loc, "id"), "duplicate-id", f"题目编号“{q.id}”重复：已在 {where} 使用。", "题目编号在整个题库中必须唯一。")
        )
    for i, ref in enumerate(q.tests):
        if ref not in ids:
            found.append(_unknown(doc, (*item.loc, "tests", i), ref, ids))
    if q.see and q.see not in ids:
        found.append(_unknown(doc, (*item.loc, "see"), q.see, ids))
    return found


def _unknown(doc: Document, loc: Loc, ref: str, known: set[str]) -> Problem:
    hint = did_you_mean(ref, known)
    return located(
        doc, loc, "unknown-ref", f"引用了不存在的手册编号“{ref}”。{hint}", "写手册中已有的编号（规范条目、话术分支、禁语、流程步骤等）。"
    )


def _assignment_problems(quiz: QuizSet) -> list[Problem]:
    roles = {i.entry.id for i in quiz.book.roles}
    problems: list[Problem] = []
    for la in quiz.assignments:
        a, doc = la.a, la.doc
        if a.id in RESERVED:
            problems.append(located(doc, ("id",), "reserved-id", f"“{a.id}”是测验页面的保留名称。", "换一个编号。"))
        for i, role in enumerate(a.roles):
            if role not in roles and role not in quiz.book.pending:
                problems.append(
                    located(
                        doc, ("roles", i), "unknown-ref", f"引用了不存在的岗位编号“{role}”。", f"可用的岗位：{'、'.join(sorted(roles))}。"
                    )
                )
        problems += draw_problems(quiz, la)
    return problems + leak_problems(quiz)
