"""Seeded, stratified drawing of assignment forms, and the per-topic practice forms.

An exam is a pool: every question any of its draw lines can pick. Each
learner's paper is drawn from that pool in the browser, seeded by the
employee number (``QuizForm.for_learner``), and ``grade`` redraws it.

Nothing an exam can ask is published with its key: the pool, exam_only
questions, and every generated question that tests the same handbook entry
as a pool question are kept off every practice page. A hand-written practice
question that tests such an entry would give the exam's answer away, so it is
an error (``quiz-exam-leak``) that fails the build.
"""

from __future__ import annotations

import random
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from scripts_gen.problems import Problem, did_you_mean, located
from scripts_gen.quiz.form import POOL_SEED, FormQuestion, QuizForm, form_question
from scripts_gen.quiz.models import BankQuestion, Draw, LoadedAssignment, QuizSet
from scripts_gen.yamldoc import Document


def _matches(item: BankQuestion, d: Draw) -> bool:
    return (d.topic is None or item.topic == d.topic) and (d.tag is None or d.tag in item.q.tags)


@dataclass(frozen=True)
class Stratum:
    count: int
    pool: list[BankQuestion]


def _candidates(quiz: QuizSet, d: Draw, practice: bool) -> tuple[list[BankQuestion], frozenset[str]]:
    """The questions draw line ``d`` can pick (in id order) and their ids.

    Computed once per (topic, tag, mode) and bank: exams that draw from the same
    tag share one pool, which grows with the bank, so redoing it per exam would
    cost exams × pool.
    """

    def pool() -> tuple[list[BankQuestion], frozenset[str]]:
        banned = _practice_banned(quiz) if practice else frozenset()
        candidates = quiz.in_topic(d.topic) if d.topic is not None else quiz.tagged(d.tag or "")
        found = sorted((q for q in candidates if _matches(q, d) and q.id not in banned), key=lambda q: q.id)
        return found, frozenset(q.id for q in found)

    return quiz.cached(f"draw-pool:{(d.topic, d.tag, practice)!r}", pool)


def _strata(quiz: QuizSet, la: LoadedAssignment, practice: bool) -> tuple[list[Stratum], list[Problem]]:
    """Each draw line's candidates (in id order), or the problems that make it undrawable.

    A practice assignment leaves out exam_only questions and everything an exam can ask (``_practice_banned``).
    """
    a, doc = la.a, la.doc
    strata: list[Stratum] = []
    taken: list[frozenset[str]] = []  # the ids of each stratum so far
    problems: list[Problem] = []
    for i, d in enumerate(a.draw):
        spec = _draw_spec_problems(quiz, doc, i, d)
        if spec:
            problems += spec
            continue
        pool, ids = _candidates(quiz, d, practice)
        shared = sum(s.count for s, before in zip(strata, taken, strict=True) if not ids.isdisjoint(before))
        count = d.count or len(pool) - shared
        if len(pool) - shared < count or count <= 0:
            why = "（练习不使用 exam_only 的题和考试题库中的题）" if a.mode == "practice" else ""
            also = f"，其中 {shared} 道可能已被前面的抽题项抽走" if shared else ""
            problems.append(
                located(
                    doc,
                    ("draw", i, "count" if d.count else "topic"),
                    "quiz-pool-small",
                    f"这一项要抽 {count} 道题，但符合条件的只有 {len(pool)} 道{also}{why}。",
                    "减少 count，或在该主题下补充题目。",
                )
            )
            continue
        strata.append(Stratum(count, pool))
        taken.append(ids)
    return strata, problems


def _draw_spec_problems(quiz: QuizSet, doc: Document, i: int, d: Draw) -> list[Problem]:
    found = []
    if d.topic is None and d.tag is None:
        found.append(
            located(doc, ("draw", i), "quiz-draw-empty", "抽题项既没有 topic 也没有 tag。", "写 `topic: 主题编号` 和/或 `tag: 标签`。")
        )
    if d.topic is not None and d.topic not in quiz.topics and d.topic not in quiz.book.pending:
        hint = did_you_mean(d.topic, quiz.topics)
        found.append(
            located(
                doc,
                ("draw", i, "topic"),
                "unknown-ref",
                f"没有编号为“{d.topic}”的主题。{hint}",
                "主题是 quizzes/ 下题库文件的编号，或手册条目（规范、话术、禁语、流程）的编号。",
            )
        )
    # A question that did not load may carry the tag; only a complete bank can say it is unused.
    if d.tag is not None and d.tag not in quiz.tags() and not quiz.book.pending:
        found.append(
            located(doc, ("draw", i, "tag"), "unknown-ref", f"没有题目带标签“{d.tag}”。", f"可用的标签：{'、'.join(sorted(quiz.tags()))}。")
        )
    return found


def exam_pool(quiz: QuizSet) -> list[BankQuestion]:
    """Every question any exam can ask (drawn once per bank and assignments, not once per caller)."""

    def draw() -> tuple[BankQuestion, ...]:
        found: dict[str, BankQuestion] = {}
        merged: set[int] = set()  # candidate pools are shared by the exams drawing alike (see _candidates)
        for la in quiz.assignments:
            if la.a.mode == "exam":
                for stratum in _strata(quiz, la, practice=False)[0]:
                    if id(stratum.pool) not in merged:
                        merged.add(id(stratum.pool))
                        found |= {q.id: q for q in stratum.pool}
        return tuple(found[k] for k in sorted(found))

    return list(quiz.cached("exam-pool", draw))


def exam_questions(quiz: QuizSet) -> set[str]:
    """Ids of every question in any exam pool."""
    return {q.id for q in exam_pool(quiz)}


def exam_facts(quiz: QuizSet) -> set[str]:
    """Handbook ids that some exam question tests."""
    return {ref for q in exam_pool(quiz) for ref in q.q.tests}


def _practice_banned(quiz: QuizSet) -> AbstractSet[str]:
    def banned() -> frozenset[str]:
        facts = exam_facts(quiz)
        pool = exam_questions(quiz)
        return frozenset(pool | {q.id for q in quiz.questions.values() if q.q.exam_only or (q.generated and facts & set(q.q.tests))})

    return quiz.cached("practice-banned", banned)


def leak_problems(quiz: QuizSet) -> list[Problem]:
    """Hand-written practice questions that test what an exam asks (their key would give the answer away)."""
    exams_testing: dict[str, list[str]] = {}  # handbook id → exam questions testing it, in id order
    for q in exam_pool(quiz):
        for ref in dict.fromkeys(q.q.tests):
            exams_testing.setdefault(ref, []).append(q.id)
    banned = _practice_banned(quiz)
    problems: list[Problem] = []
    for item in sorted(quiz.questions.values(), key=lambda q: q.id):
        if item.id in banned or item.doc is None:
            continue
        for i, ref in enumerate(item.q.tests):
            exam = exams_testing.get(ref, [])
            if exam:
                problems.append(
                    located(
                        item.doc,
                        (*item.loc, "tests", i),
                        "quiz-exam-leak",
                        f"练习题“{item.id}”考查的“{ref}”也是考试题“{exam[0]}”考查的内容：练习页面会公布答案，学员可以照抄到考试里。",
                        "给这道题加上 `exam_only: true`（只用于考试），或让考试不再抽到考查同一条目的题。",
                    )
                )
                break
    return problems


def draw_problems(quiz: QuizSet, la: LoadedAssignment) -> list[Problem]:
    return _strata(quiz, la, practice=la.a.mode == "practice")[1]


def assignment_form(quiz: QuizSet, la: LoadedAssignment) -> QuizForm:
    """A practice assignment's fixed form, or an exam's pool with its strata (see ``QuizForm.for_learner``)."""
    a = la.a
    seed = f"{a.id}:{a.seed}"
    page = f"quiz/{a.id}.md"
    if a.mode == "exam":
        strata, _ = _strata(quiz, la, practice=False)
        index: dict[str, int] = {}
        pool: list[BankQuestion] = []
        for stratum in strata:
            for q in stratum.pool:
                if q.id not in index:
                    index[q.id] = len(pool)
                    pool.append(q)
        shape = tuple((s.count, tuple(index[q.id] for q in s.pool)) for s in strata)
        formed: dict[str, FormQuestion] = quiz.cached("pool-forms", dict)
        questions = [_pooled(formed, item) for item in pool]
        return QuizForm(f"a-{a.id}", a.title, a.mode, a.pass_mark, a.time_limit, questions, page, shape, seed)
    rng = random.Random(seed)
    chosen: list[BankQuestion] = []
    for stratum in _strata(quiz, la, practice=True)[0]:
        taken = {q.id for q in chosen}
        chosen += rng.sample([q for q in stratum.pool if q.id not in taken], stratum.count)
    return QuizForm(f"a-{a.id}", a.title, a.mode, a.pass_mark, a.time_limit, [form_question(item, seed) for item in chosen], page)


def _pooled(formed: dict[str, FormQuestion], item: BankQuestion) -> FormQuestion:
    """An exam pool's form of ``item``: the same in every exam (POOL_SEED), so formed once per bank (``formed``)."""
    found = formed.get(item.id)
    if found is None:
        found = formed[item.id] = form_question(item, POOL_SEED)
    return found


def topic_forms(quiz: QuizSet) -> list[QuizForm]:
    """One practice form per topic that has practice questions (formed once per bank, asked for by several pages)."""

    def forms() -> tuple[QuizForm, ...]:
        banned = _practice_banned(quiz)
        found = []
        for topic in sorted(quiz.topics):
            items = [q for q in quiz.in_topic(topic) if q.id not in banned]
            if items:
                questions = [form_question(item, f"topic:{topic}") for item in items]
                found.append(QuizForm(f"t-{topic}", quiz.topics[topic], "practice", 80, None, questions, f"quiz/practice/{topic}.md"))
        return tuple(found)

    return list(quiz.cached("topic-forms", forms))


def find_assignment(quiz: QuizSet, ident: str) -> LoadedAssignment | None:
    return next((la for la in quiz.assignments if la.a.id == ident), None)
