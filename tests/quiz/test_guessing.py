"""Guessability: learners who know nothing must fail every assignment and stay near chance on the bank.

The strategies (tests/quiz/guessers.py) answer from the page alone: longest
or shortest option, most or fewest polite words, most overlap with the stem,
the option most like the others, a fixed position, always 对 or 错, the
number in the stem, orders left as shown. Each exam is checked on 200
learners' papers (each drawn by employee number). Run with ``-s`` to see the
table and the questions each strategy solves.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO, edit
from quiz import guessers

from scripts_gen.project import load
from scripts_gen.quiz.form import FormQuestion
from scripts_gen.quiz.models import QType, QuizSet

SLACK = 10  # percentage points above chance a strategy may reach on the whole bank


@pytest.fixture(scope="module")
def real() -> QuizSet:
    quiz = load(REPO).quizzes
    assert quiz is not None
    return quiz


def _check(quiz: QuizSet) -> list[str]:
    forms = guessers.every_form(quiz)
    bank = guessers.bank_questions(quiz)
    print("\n" + guessers.report(forms, bank))
    passes = {f.id: f.pass_mark for f in forms}
    chance = guessers.chance_percent(bank)
    failures = []
    for name in guessers.STRATEGIES:
        whole = guessers.play(name, bank)
        if whole.percent > chance + SLACK:
            failures.append(f"{name}：题库 {whole.percent:.1f}% > 随机 {chance:.1f}% + {SLACK}；答对 {whole.solved}")
        for ident, (right, total) in guessers.worst(name, forms).items():
            if ident.startswith("a-") and right * 100 >= passes[ident] * total:
                failures.append(f"{name}：{ident} 得 {right}/{total}，达到及格线 {passes[ident]}%")
    return failures


def test_no_strategy_passes_an_assignment_or_beats_chance_on_the_real_bank(real: QuizSet) -> None:
    assert _check(real) == []


def test_the_strategies_do_find_a_guessable_bank(book: Path) -> None:
    # The test must be able to fail: a bank whose keys are the longest, politest options is caught.
    quiz = load(book).quizzes
    assert quiz is not None
    failures = _check(quiz)
    assert any(f.startswith("最长选项：") for f in failures), failures


def _entries(text: str, n: int) -> str:
    return "".join(text.replace("@", str(i)) for i in range(n))


@pytest.fixture
def book(mini: Path) -> Path:
    """A bank written the old way: every key the longest, politest option; practice and exam on it."""
    quizzes = mini / "quizzes"
    (quizzes / "assignments").mkdir(parents=True)
    question = """  - id: q-long-@
    type: 单选
    prompt: 客户等了很久，客服说什么？
    options:
      - text: 非常抱歉让您久等了，我马上为您处理，请您稍等片刻，谢谢您的理解。
        correct: true
      - text: 等着吧。
      - text: 马上。
    tests: [cb-satisfied]
    tags: [考试]
"""
    (quizzes / "old.yml").write_text("id: old\ntitle: 旧题\nquestions:\n" + _entries(question, 12), encoding="utf-8")
    (quizzes / "assignments" / "exam.yml").write_text(
        "id: exam\ntitle: 考试\nmode: exam\npass_mark: 80\ndraw:\n  - tag: 考试\n    count: 5\n", encoding="utf-8"
    )
    return mini


HOSTILE = """  - id: hostile-@
    title: 规范@
    statement: 第@条要求。
    good: [您好，非常抱歉让您久等了，第@个问题我马上为您处理，请您稍等片刻。]
    bad: [第@个不管。, 不归我管@。]
"""
NEAR = """    near_misses:
      - 您好，非常抱歉让您久等了，第@个问题我明天再为您处理，请您耐心等等，谢谢您。
      - 您好，抱歉让您久等了，第@个问题请您自己先查查，我马上为您转过去。
      - 非常抱歉让您久等了，第@个问题不归我们管，麻烦您马上打总部电话。
"""


def _hostile(mini: Path, near: bool) -> list[FormQuestion]:
    rule = HOSTILE + (NEAR if near else "")
    edit(mini, "data/rules/callback-rules.yml", "rules:\n", "rules:\n" + _entries(rule, 16))
    (mini / "quizzes").mkdir()
    quiz = load(mini).quizzes
    assert quiz is not None
    return [fq for fq in guessers.bank_questions(quiz) if fq.q.id.startswith("g-hostile-")]


def test_examples_that_give_the_key_away_are_not_asked(mini: Path) -> None:
    """Sixteen rules whose good examples are long and polite and whose bad ones short and curt: no question."""
    assert _hostile(mini, near=False) == []


def test_near_misses_make_questions_that_stay_near_chance(mini: Path) -> None:
    """The same rules with hand-written near-misses (data the generator was not tuned on) are asked, near chance."""
    generated = _hostile(mini, near=True)
    assert len(generated) == 32 and sum(fq.q.answer is True for fq in generated) == 16
    chance = guessers.chance_percent(generated)
    scores = {name: guessers.play(name, generated).percent for name in guessers.STRATEGIES}
    assert {k: v for k, v in scores.items() if v > chance + 2 * SLACK} == {}, scores


def test_generated_questions_read_cleanly_and_are_balanced(real: QuizSet) -> None:
    generated = [item.q for item in real.questions.values() if item.generated]
    texts = [(q.id, t) for q in generated for t in [q.prompt, q.explanation, *(o.text for o in q.options), *(o.why for o in q.options)]]
    assert [(i, t) for i, t in texts if re.search(r"[{}]", t)] == []  # no raw {约定时间} placeholders
    assert [(i, t) for i, t in texts if re.search(r"[。！？；：，、][。！？；：，、]", t)] == []  # no doubled punctuation
    truths = Counter(q.answer for q in generated if q.type == QType.TRUE_FALSE)
    assert abs(truths[True] - truths[False]) <= 1, truths
    titles = {r.id: r.title for item in real.book.rules for r in item.entry.rules}
    assert [q.id for q in generated if any(titles.get(t, "\0") in q.prompt for t in q.tests)] == []  # no heading match
    for q in generated:
        if q.type == QType.MATCH:
            assert len(q.pairs) >= 3 and len({p.right for p in q.pairs}) == len(q.pairs)
        if q.type.is_choice:
            assert len(q.options) >= 3, q.id
