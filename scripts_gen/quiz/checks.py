"""Per-question checks that depend on the question type: answers, options, duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from scripts_gen.quiz.models import TYPE_HINTS, QType, Question
from scripts_gen.quiz.text import normalize
from scripts_gen.yamldoc import Loc

Found = tuple[Loc, str, str, str]  # (loc inside the question, code, message, fix)

MAX_OPTIONS, MAX_ITEMS, MAX_PAIRS = 8, 10, 8
_FIELDS: dict[QType, str] = {
    QType.SINGLE: "options",
    QType.MULTI: "options",
    QType.BEST_REPLY: "options",
    QType.TRUE_FALSE: "answer",
    QType.ORDER: "items",
    QType.MATCH: "pairs",
    QType.FILL: "answers",
}


def correct_indices(q: Question) -> list[int]:
    """0-based indices of the correct options of a choice question."""
    if isinstance(q.answer, int) and not isinstance(q.answer, bool):
        return [q.answer - 1]
    if isinstance(q.answer, list):
        return sorted({i - 1 for i in q.answer})
    return [i for i, o in enumerate(q.options) if o.correct]


def check_question(q: Question) -> list[Found]:
    found = _stray_fields(q)
    match q.type:
        case QType.SINGLE | QType.MULTI | QType.BEST_REPLY:
            found += _choice(q)
        case QType.TRUE_FALSE:
            if not isinstance(q.answer, bool):
                found.append(
                    (
                        ("answer",),
                        "quiz-answer",
                        "判断题需要 answer: true 或 answer: false。",
                        "加上 `answer: true`（说法正确）或 `answer: false`。",
                    )
                )
        case QType.ORDER:
            found += _sized(q.items, ("items",), 2, MAX_ITEMS, "排序项")
            found += _duplicates([normalize(t) for t in q.items], ("items",), "排序项")
        case QType.MATCH:
            found += _sized(q.pairs, ("pairs",), 2, MAX_PAIRS, "配对")
            found += _duplicates([normalize(p.left) for p in q.pairs], ("pairs",), "左侧", "left")
            found += _duplicates([normalize(p.right) for p in q.pairs], ("pairs",), "右侧", "right")
        case QType.FILL:
            found += _fill(q)
        case _:
            assert_never(q.type)
    if q.customer and q.type != QType.BEST_REPLY:
        found.append((("customer",), "quiz-stray-field", "只有最佳回复题使用 customer。", "删除 customer，或把题型改为 最佳回复。"))
    return found


def _stray_fields(q: Question) -> list[Found]:
    found: list[Found] = []
    own = _FIELDS[q.type]
    for name in ("options", "items", "pairs", "answers"):
        if name != own and getattr(q, name):
            found.append(((name,), "quiz-stray-field", f"{q.type}题不使用 {name}。", f"删除 {name}；{q.type}题需要 {TYPE_HINTS[q.type]}。"))
    if q.answer is not None and q.type in (QType.ORDER, QType.MATCH, QType.FILL):
        found.append((("answer",), "quiz-stray-field", f"{q.type}题不使用 answer。", f"删除 answer；{q.type}题需要 {TYPE_HINTS[q.type]}。"))
    return found


def _sized(values: Sequence[object], loc: Loc, low: int, high: int, what: str) -> list[Found]:
    if len(values) < low:
        return [(loc, "quiz-too-few", f"{what}只有 {len(values)} 项，至少需要 {low} 项。", f"补足到 {low} 项以上。")]
    if len(values) > high:
        return [((*loc, high), "quiz-too-many", f"{what}有 {len(values)} 项，最多 {high} 项。", "删减到上限以内，或拆成两道题。")]
    return []


def _duplicates(keys: list[str], loc: Loc, what: str, sub: str | None = None) -> list[Found]:
    found: list[Found] = []
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            where = (*loc, i, sub) if sub else (*loc, i)
            found.append(
                (
                    where,
                    "quiz-duplicate",
                    f"{what}与第 {seen[key] + 1} 项重复（忽略空格、标点和全半角后相同）。",
                    "删除重复项或改写得能区分。",
                )
            )
        else:
            seen.setdefault(key, i)
    return found


def _choice(q: Question) -> list[Found]:
    found = _sized(q.options, ("options",), 2, MAX_OPTIONS, "选项")
    found += _duplicates([normalize(o.text) for o in q.options], ("options",), "选项", "text")
    found += _answer_form(q)
    if found:
        return found
    correct = correct_indices(q)
    if not correct:
        found.append((("options",), "quiz-no-correct", f"{q.type}题没有正确选项。", "给正确的选项加上 `correct: true`。"))
    elif len(correct) > 1 and q.type != QType.MULTI:
        found.append(
            (
                ("options",),
                "quiz-many-correct",
                f"{q.type}题有 {len(correct)} 个正确选项，只能有一个。",
                "只保留一个 `correct: true`；多个都对请把题型改为 多选。",
            )
        )
    if q.type == QType.BEST_REPLY:
        found += [
            (("options", i), "quiz-missing-why", "最佳回复题的每个选项都要写 why（为什么对或错）。", "在该选项下加上 `why: …`。")
            for i, o in enumerate(q.options)
            if not o.why.strip()
        ]
    return found


def _answer_form(q: Question) -> list[Found]:
    a = q.answer
    if a is None:
        return []
    if isinstance(a, bool) or (q.type == QType.MULTI) != isinstance(a, list):
        want = "序号列表，例如 answer: [1, 3]" if q.type == QType.MULTI else "一个序号，例如 answer: 2"
        return [
            (
                ("answer",),
                "quiz-answer",
                f"{q.type}题的 answer 应为{want}。",
                f"改为{want}（从 1 开始数），或删除 answer、在选项上写 correct: true。",
            )
        ]
    found: list[Found] = []
    for n in a if isinstance(a, list) else [a]:
        if not 1 <= n <= len(q.options):
            found.append(
                (
                    ("answer",),
                    "quiz-answer-range",
                    f"answer 的序号 {n} 超出范围：本题只有 {len(q.options)} 个选项。",
                    f"写 1 到 {len(q.options)} 之间的序号。",
                )
            )
    if any(o.correct for o in q.options):
        found.append((("answer",), "quiz-answer-twice", "同时写了 answer 和选项上的 correct: true。", "只用一种方式标出正确答案。"))
    return found


def _fill(q: Question) -> list[Found]:
    if not q.answers:
        return [(("answers",), "quiz-answer", "填空题需要 answers。", "写出可接受的答案，例如 answers: [三天, 3天]。")]
    found = [
        ((("answers", i)), "quiz-answer", f"答案“{t}”去掉空格和标点后是空的。", "写出实际的文字或数字。")
        for i, t in enumerate(q.answers)
        if not normalize(t)
    ]
    return found + _duplicates([normalize(t) for t in q.answers], ("answers",), "答案")
