"""Export the question bank as Moodle GIFT, so centres with an LMS can import it.

GIFT expresses single and multiple choice (with per-option feedback), true/false,
matching (Moodle needs at least three pairs) and short answer. It has no
ordering question type: ordering questions, and matching questions with fewer
than three pairs, are listed in a comment and skipped. Fill-in answers are
exported as listed; Moodle compares them literally, without our normalisation.
"""

from __future__ import annotations

from typing import assert_never

from scripts_gen.quiz.checks import correct_indices
from scripts_gen.quiz.models import BankQuestion, QType, QuizSet

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Backslash GIFT's special characters and flatten newlines."""
    out = "".join("\\" + c if c in _SPECIAL else c for c in text)
    return " ".join(out.split("\n"))


def _choice(item: BankQuestion) -> str:
    q = item.q
    right = set(correct_indices(q))
    lines = []
    for i, option in enumerate(q.options):
        feedback = f"#{escape(option.why)}" if option.why else ""
        if q.type == QType.MULTI:
            weight = f"%{_weight(len(right), i in right)}%"
            lines.append(f"\t~{weight}{escape(option.text)}{feedback}")
        else:
            lines.append(f"\t{'=' if i in right else '~'}{escape(option.text)}{feedback}")
    return "\n".join(lines)


def _weight(count: int, correct: bool) -> str:
    if not correct:
        return "-100"
    value = 100 / count
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _body(item: BankQuestion) -> str | None:
    q = item.q
    match q.type:
        case QType.SINGLE | QType.MULTI | QType.BEST_REPLY:
            return "{\n" + _choice(item) + "\n}"
        case QType.TRUE_FALSE:
            return "{T}" if q.answer else "{F}"
        case QType.MATCH:
            if len(q.pairs) < 3:
                return None
            return "{\n" + "\n".join(f"\t={escape(p.left)} -> {escape(p.right)}" for p in q.pairs) + "\n}"
        case QType.FILL:
            return "{" + " ".join(f"={escape(a)}" for a in q.answers) + "}"
        case QType.ORDER:  # GIFT has no ordering question
            return None
        case _:
            assert_never(q.type)


def _prompt(item: BankQuestion) -> str:
    q = item.q
    text = escape(q.prompt)
    return f"{text} 客户：“{escape(q.customer)}”" if q.customer else text


def _question(item: BankQuestion) -> str | None:
    body = _body(item)
    if body is None:
        return None
    q = item.q
    general = f"\n####{escape(q.explanation)}" if q.explanation else ""
    note = f"// {q.type}；考查：{'、'.join(q.tests)}{'；自动生成' if item.generated else ''}"
    return f"{note}\n::{escape(q.id)}::[plain]{_prompt(item)} {body}{general}\n"


def export_gift(quiz: QuizSet) -> tuple[str, list[str]]:
    """The GIFT text, and the ids of questions GIFT cannot express."""
    parts = [
        "// 客服指引手册题库（由 python -m scripts_gen export gift 生成）。",
        "// GIFT 不支持排序题；少于 3 对的配对题 Moodle 无法导入。这些题目在下文以注释标出并跳过。",
        "",
    ]
    skipped: list[str] = []
    for topic in sorted(quiz.topics):
        items = quiz.in_topic(topic)
        if not items:
            continue
        parts += [f"$CATEGORY: $course$/客服指引手册/{escape(quiz.topics[topic]).replace('/', '／')}", ""]
        for item in items:
            text = _question(item)
            if text is None:
                skipped.append(item.id)
                parts.append(f"// 已跳过 {item.id}（{item.q.type}题，GIFT 无法表示）\n")
            else:
                parts.append(text)
    return "\n".join(parts), skipped
