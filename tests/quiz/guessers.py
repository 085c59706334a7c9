"""Knowledge-free test-takers: strategies that answer from the form alone, never from the handbook.

Each strategy looks only at what a learner sees (stem, options in display
order) and picks by a surface feature: the longest option, the one sharing
most characters with the stem, the politest, a fixed position, always 对,
the number in the stem, the order as shown. A bank that measures knowledge
keeps every one of them near chance. Run as a script to print the figures
for the real handbook: ``python tests/quiz/guessers.py``.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts_gen.project import load
from scripts_gen.quiz.draw import assignment_form, topic_forms
from scripts_gen.quiz.form import FormQuestion, QuizForm, form_question
from scripts_gen.quiz.grade import is_correct
from scripts_gen.quiz.models import QType, QuizSet

Strategy = Callable[[FormQuestion], Any]
POLITE = ("您", "请", "谢谢", "感谢", "抱歉", "不好意思", "麻烦", "理解", "好的", "马上", "帮您", "为您")
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+")


def _stem(fq: FormQuestion) -> str:
    return str(fq.q.prompt + fq.q.customer)


def _argbest(fq: FormQuestion, score: Callable[[str], float]) -> int:
    """The first displayed option with the highest score."""
    scores = [score(text) for text in fq.options]
    return scores.index(max(scores))


def _overlap(text: str, stem: str) -> float:
    chars = set(stem)
    return sum(1 for c in text if c in chars) / max(len(text), 1) + 0.001 * len(text)


def _polite(text: str) -> float:
    return sum(text.count(p) for p in POLITE)


def _centroid(text: str, others: list[str]) -> float:
    own = set(text)
    return sum(len(own & set(o)) / max(len(own | set(o)), 1) for o in others if o != text)


def _stem_number(fq: FormQuestion) -> str:
    found = _NUMBER.findall(_stem(fq))
    return found[0] if found else "100"


def _default(fq: FormQuestion) -> Any:
    """What a guesser does where its rule has nothing to say: the first option, the order as shown."""
    match fq.q.type:
        case QType.TRUE_FALSE | QType.SINGLE | QType.BEST_REPLY:
            return 0
        case QType.MULTI:
            return list(range(len(fq.options)))
        case QType.ORDER:
            return list(range(len(fq.options)))
        case QType.MATCH:
            return list(range(len(fq.lefts)))
        case QType.FILL:
            return "100"
    raise AssertionError(fq.q.type)


def _by_option(score: Callable[[FormQuestion, str], float], tf: int | None = None) -> Strategy:
    def strategy(fq: FormQuestion) -> Any:
        if fq.q.type == QType.TRUE_FALSE and tf is not None:
            return tf
        if fq.q.type in (QType.SINGLE, QType.BEST_REPLY):
            return _argbest(fq, lambda text: score(fq, text))
        if fq.q.type == QType.MULTI:
            scores = [score(fq, text) for text in fq.options]
            cut = sorted(scores, reverse=True)[len(scores) // 2 - 1] if len(scores) > 1 else scores[0]
            return [i for i, s in enumerate(scores) if s >= cut]
        if fq.q.type == QType.MATCH:
            return _match_by(fq, score)
        return _default(fq)

    return strategy


def _match_by(fq: FormQuestion, score: Callable[[FormQuestion, str], float]) -> list[int]:
    """Matching: give each left side the free right side sharing most characters with it."""
    free = list(range(len(fq.options)))
    chosen = []
    for left in fq.lefts:
        best = max(free, key=lambda j: (_overlap(fq.options[j], left), -j))
        free.remove(best)
        chosen.append(best)
    return chosen


def _position(last: bool) -> Strategy:
    def strategy(fq: FormQuestion) -> Any:
        if fq.q.type in (QType.SINGLE, QType.BEST_REPLY, QType.TRUE_FALSE):
            return len(fq.options) - 1 if last else 0
        if fq.q.type == QType.ORDER:
            return list(range(len(fq.options)))[::-1] if last else list(range(len(fq.options)))
        return _default(fq)

    return strategy


def _copy_number(fq: FormQuestion) -> Any:
    if fq.q.type == QType.FILL:
        return _stem_number(fq)
    if fq.q.type in (QType.SINGLE, QType.BEST_REPLY):
        numbers = set(_NUMBER.findall(_stem(fq)))
        return _argbest(fq, lambda text: float(sum(1 for n in _NUMBER.findall(text) if n in numbers)))
    return _default(fq)


def _combined(fq: FormQuestion) -> Any:
    """The issue's 8/10 learner: longest option, 对, "100" in every blank, orders left alone."""
    if fq.q.type == QType.TRUE_FALSE:
        return 0
    return STRATEGIES["最长选项"](fq)


STRATEGIES: dict[str, Strategy] = {
    "最长选项": _by_option(lambda fq, t: len(t)),
    "最短选项": _by_option(lambda fq, t: -len(t)),
    "与题干重合最多": _by_option(lambda fq, t: _overlap(t, _stem(fq))),
    "礼貌用语最多": _by_option(lambda fq, t: _polite(t)),
    "礼貌用语最少": _by_option(lambda fq, t: -_polite(t)),
    "与其他选项最像": _by_option(lambda fq, t: _centroid(t, fq.options)),
    "总选第一项": _position(last=False),
    "总选最后一项": _position(last=True),
    "判断全选对": _by_option(lambda fq, t: 0.0, tf=0),
    "判断全选错": _by_option(lambda fq, t: 0.0, tf=1),
    "照抄题干中的数字": _copy_number,
    "最长+对+填100+不动排序": _combined,
}


def chance(fq: FormQuestion) -> float:
    """Expected score of a uniformly random answer."""
    n = len(fq.options)
    match fq.q.type:
        case QType.SINGLE | QType.BEST_REPLY | QType.TRUE_FALSE:
            return 1 / n
        case QType.MULTI:
            return 1 / float(2**n - 1)
        case QType.ORDER:
            return 1 / math.factorial(n)
        case QType.MATCH:
            return 1 / math.factorial(len(fq.lefts))
        case QType.FILL:
            return 0.0
    raise AssertionError(fq.q.type)


@dataclass(frozen=True)
class Result:
    strategy: str
    right: int
    total: int
    solved: list[str]

    @property
    def percent(self) -> float:
        return 100 * self.right / self.total if self.total else 0.0


def play(name: str, questions: list[FormQuestion]) -> Result:
    strategy = STRATEGIES[name]
    solved = [fq.q.id for fq in questions if is_correct(fq, strategy(fq))]
    return Result(name, len(solved), len(questions), solved)


def chance_percent(questions: list[FormQuestion]) -> float:
    return 100 * sum(chance(fq) for fq in questions) / len(questions) if questions else 0.0


def report(forms: list[QuizForm], bank: list[FormQuestion]) -> str:
    """Each strategy's score on the whole bank, its best score on each assignment, and what it solves."""
    lines = [f"整个题库 {len(bank)} 题，随机作答期望 {chance_percent(bank):.1f}%（考试按 {len(LEARNERS)} 个工号各抽一份，取最高分）"]
    for name in STRATEGIES:
        whole = play(name, bank)
        best = worst(name, forms)
        per_form = "  ".join(f"{k}:{r}/{t}" for k, (r, t) in best.items() if k.startswith("a-"))
        lines.append(f"{name:<14} 题库 {whole.right}/{whole.total} = {whole.percent:.1f}%   {per_form}")
        lines.append(f"    答对：{', '.join(whole.solved) or '—'}")
    return "\n".join(lines)


def bank_questions(quiz: QuizSet) -> list[FormQuestion]:
    """Every question of the bank, hand-written and generated, shuffled as a page would."""
    return [form_question(item, "bank") for _, item in sorted(quiz.questions.items())]


LEARNERS = [f"A{n:04d}" for n in range(1, 201)]


def every_form(quiz: QuizSet, learners: list[str] = LEARNERS) -> list[QuizForm]:
    """Every paper a learner can get: practice forms, topic forms, and each sample learner's exam paper."""
    forms: list[QuizForm] = []
    for la in sorted(quiz.assignments, key=lambda la: la.a.id):
        form = assignment_form(quiz, la)
        forms += [form.for_learner(n) for n in learners] if form.exam else [form]
    return forms + topic_forms(quiz)


def worst(name: str, forms: list[QuizForm]) -> dict[str, tuple[int, int]]:
    """Per assignment or topic id: the best score the strategy reaches on any of its papers."""
    found: dict[str, tuple[int, int]] = {}
    for form in forms:
        result = play(name, form.questions)
        if form.id not in found or result.right * found[form.id][1] > found[form.id][0] * result.total:
            found[form.id] = (result.right, result.total)
    return found


if __name__ == "__main__":
    quiz = load(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()).quizzes
    assert quiz is not None
    print(report(every_form(quiz), bank_questions(quiz)))
