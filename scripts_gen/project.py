"""The whole project loaded at once: handbook, the taboo list applied to it, quiz bank.

The one load path behind every command and the MkDocs hook: it returns
everything validated or raises one HandbookError listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts_gen.handbook import load as handbook
from scripts_gen.handbook.book import Handbook
from scripts_gen.problems import HandbookError
from scripts_gen.quiz import bank
from scripts_gen.quiz.models import QuizSet
from scripts_gen.taboo import specs


@dataclass(frozen=True)
class Project:
    book: Handbook
    quizzes: QuizSet | None


def load_handbook(root: Path) -> Handbook:
    """``root/data`` validated, including the taboo list applied to the handbook's own wording."""
    return handbook.load(root, extra_checks=(specs.problems,))


def load(root: Path) -> Project:
    """Handbook and quiz bank (None without quizzes/), or HandbookError with every problem of both."""
    book, problems = handbook.collect(root, extra_checks=(specs.problems,))
    quizzes, found = bank.collect(book)
    if problems + found:
        raise HandbookError(problems + found)
    return Project(book, quizzes)
