"""Item analysis of graded exams: which questions work, which topics and learners need another look.

Per question: how many learners got it, the share who answered it right, and
its discrimination (the correlation between getting this question right and
the learner's score on the rest of the paper; near zero or negative means the
question does not separate those who know from those who do not: check the
key and the wording). Per topic: the share right. Per learner: topics below
the pass mark, with the handbook entries behind the questions they missed.
Each learner counts once: the latest sitting (by start time) is analysed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scripts_gen.quiz.grade import Graded, passed
from scripts_gen.quiz.models import QuizSet

LOW_P, HIGH_P, LOW_D = 0.3, 0.95, 0.2


@dataclass
class Item:
    id: str
    prompt: str
    topic: str
    see: str
    marks: list[bool] = field(default_factory=list)
    rest: list[float] = field(default_factory=list)  # each learner's share right on the other questions

    @property
    def n(self) -> int:
        return len(self.marks)

    @property
    def p(self) -> float:
        return sum(self.marks) / self.n if self.n else 0.0

    @property
    def discrimination(self) -> float | None:
        """Point-biserial correlation of this item with the rest score; None when it cannot be computed."""
        if self.n < 3:
            return None
        xs = [1.0 if m else 0.0 for m in self.marks]
        mx, my = sum(xs) / self.n, sum(self.rest) / self.n
        sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
        sy = math.sqrt(sum((y - my) ** 2 for y in self.rest))
        if sx == 0 or sy == 0:
            return None
        return sum((x - mx) * (y - my) for x, y in zip(xs, self.rest, strict=True)) / (sx * sy)

    @property
    def flag(self) -> str:
        d = self.discrimination
        if self.n and self.p < LOW_P:
            return "太难或答案有误：请核对答案和题干"
        if d is not None and d < LOW_D:
            return "区分度低：会的和不会的答得差不多"
        if self.n and self.p > HIGH_P:
            return "太容易"
        return ""


@dataclass(frozen=True)
class Weak:
    learner: str
    label: str
    percent: int
    passed: bool
    topics: list[tuple[str, int, int, list[str]]]  # (topic title, right, asked, handbook ids to re-read)


@dataclass(frozen=True)
class Analysis:
    title: str
    learners: int
    items: list[Item]
    topics: list[tuple[str, int, int]]  # (title, right, asked)
    weak: list[Weak]


def latest(results: list[Graded]) -> list[Graded]:
    """One result per learner and assignment: the latest sitting."""
    found: dict[tuple[str, str], Graded] = {}
    for g in results:
        key = (g.learner, g.assignment.a.id)
        if key not in found or g.header.start >= found[key].header.start:
            found[key] = g
    return [found[k] for k in sorted(found)]


def analyse(quiz: QuizSet, results: list[Graded]) -> list[Analysis]:
    """One analysis per assignment found among the results."""
    groups: dict[str, list[Graded]] = {}
    for g in latest(results):
        groups.setdefault(g.assignment.a.id, []).append(g)
    return [_analyse(quiz, group) for _, group in sorted(groups.items())]


def _analyse(quiz: QuizSet, group: list[Graded]) -> Analysis:
    items: dict[str, Item] = {}
    topics: dict[str, list[int]] = {}
    weak: list[Weak] = []
    for g in group:
        for fq, mark in zip(g.form.questions, g.marks, strict=True):
            q = fq.q
            item = items.setdefault(q.id, Item(q.id, q.prompt, quiz.topics.get(fq.item.topic, fq.item.topic), q.see or q.tests[0]))
            others = g.total - 1
            item.marks.append(mark)
            item.rest.append((g.correct - mark) / others if others else 0.0)
            tally = topics.setdefault(item.topic, [0, 0])
            tally[0] += mark
            tally[1] += 1
        missed: dict[str, list[str]] = {}
        for fq, mark in zip(g.form.questions, g.marks, strict=True):
            if not mark:
                missed.setdefault(quiz.topics.get(fq.item.topic, fq.item.topic), []).append(fq.q.see or fq.q.tests[0])
        rows = []
        for topic, (right, total) in sorted(g.by_topic().items()):
            title = quiz.topics.get(topic, topic)
            if not passed(right, total, g.form.pass_mark):
                rows.append((title, right, total, sorted(set(missed.get(title, [])))))
        weak.append(Weak(g.learner, g.label, g.percent, g.passed, sorted(rows, key=lambda r: r[1] / r[2])))
    ordered = sorted(items.values(), key=lambda i: (i.p, i.id))
    return Analysis(
        group[0].assignment.a.title,
        len(group),
        ordered,
        sorted(((t, r, n) for t, (r, n) in topics.items()), key=lambda t: (t[1] / t[2], t[0])),
        weak,
    )
