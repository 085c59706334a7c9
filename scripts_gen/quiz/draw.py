"""Seeded, stratified drawing of assignment forms, and the per-topic practice forms.

Exams are drawn first; any question an exam uses is kept off every practice
page (as are questions marked exam_only), so no practice page ships an exam
question's key.
"""

from __future__ import annotations

import random

from scripts_gen.problems import Problem, did_you_mean, located
from scripts_gen.quiz.form import QuizForm, form_question
from scripts_gen.quiz.models import BankQuestion, Draw, LoadedAssignment, QuizSet
from scripts_gen.yamldoc import Document


def _matches(item: BankQuestion, d: Draw) -> bool:
    return (d.topic is None or item.topic == d.topic) and (d.tag is None or d.tag in item.q.tags)


def _draw(quiz: QuizSet, la: LoadedAssignment, banned: set[str]) -> tuple[list[BankQuestion], list[Problem]]:
    a, doc = la.a, la.doc
    rng = random.Random(f"{a.id}:{a.seed}")
    chosen: list[BankQuestion] = []
    problems: list[Problem] = []
    for i, d in enumerate(a.draw):
        spec = _draw_spec_problems(quiz, doc, i, d)
        if spec:
            problems += spec
            continue
        taken = {c.id for c in chosen}
        pool = sorted(
            (q for q in quiz.questions.values() if _matches(q, d) and q.id not in banned and q.id not in taken), key=lambda q: q.id
        )
        count = d.count or len(pool)
        if len(pool) < count or not pool:
            why = "（练习不使用 exam_only 的题和考试已抽中的题）" if a.mode == "practice" else ""
            problems.append(
                located(
                    doc,
                    ("draw", i, "count" if d.count else "topic"),
                    "quiz-pool-small",
                    f"这一项要抽 {count} 道题，但符合条件的只有 {len(pool)} 道{why}。",
                    "减少 count，或在该主题下补充题目。",
                )
            )
            continue
        chosen += rng.sample(pool, count)
    return chosen, problems


def _draw_spec_problems(quiz: QuizSet, doc: Document, i: int, d: Draw) -> list[Problem]:
    found = []
    if d.topic is None and d.tag is None:
        found.append(
            located(doc, ("draw", i), "quiz-draw-empty", "抽题项既没有 topic 也没有 tag。", "写 `topic: 主题编号` 和/或 `tag: 标签`。")
        )
    if d.topic is not None and d.topic not in quiz.topics:
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
    if d.tag is not None and d.tag not in quiz.tags():
        found.append(
            located(doc, ("draw", i, "tag"), "unknown-ref", f"没有题目带标签“{d.tag}”。", f"可用的标签：{'、'.join(sorted(quiz.tags()))}。")
        )
    return found


def exam_questions(quiz: QuizSet) -> set[str]:
    """Ids of every question that any exam form contains."""
    found: set[str] = set()
    for la in quiz.assignments:
        if la.a.mode == "exam":
            found |= {q.id for q in _draw(quiz, la, set())[0]}
    return found


def _practice_banned(quiz: QuizSet) -> set[str]:
    return exam_questions(quiz) | {q.id for q in quiz.questions.values() if q.q.exam_only}


def draw_problems(quiz: QuizSet, la: LoadedAssignment) -> list[Problem]:
    banned = _practice_banned(quiz) if la.a.mode == "practice" else set()
    return _draw(quiz, la, banned)[1]


def assignment_form(quiz: QuizSet, la: LoadedAssignment) -> QuizForm:
    a = la.a
    banned = _practice_banned(quiz) if a.mode == "practice" else set()
    chosen, _ = _draw(quiz, la, banned)
    seed = f"{a.id}:{a.seed}"
    questions = [form_question(item, seed) for item in chosen]
    return QuizForm(f"a-{a.id}", a.title, a.mode, a.pass_mark, a.time_limit, questions, f"quiz/{a.id}.md")


def topic_forms(quiz: QuizSet) -> list[QuizForm]:
    """One practice form per topic that has practice questions."""
    banned = _practice_banned(quiz)
    forms = []
    for topic in sorted(quiz.topics):
        items = [q for q in quiz.in_topic(topic) if q.id not in banned]
        if items:
            questions = [form_question(item, f"topic:{topic}") for item in items]
            forms.append(QuizForm(f"t-{topic}", quiz.topics[topic], "practice", 80, None, questions, f"quiz/practice/{topic}.md"))
    return forms


def find_assignment(quiz: QuizSet, ident: str) -> LoadedAssignment | None:
    return next((la for la in quiz.assignments if la.a.id == ident), None)
