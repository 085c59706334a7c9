"""Questions generated from the handbook data, deterministically.

Taboo → better wording, process step order, the numbers in rules, what each
rule asks for, and the best reply for every script branch. Ids start with
``g-`` (reserved for generated questions) and every question is tagged
自动生成; the same data always yields the same questions.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from scripts_gen.handbook import models
from scripts_gen.handbook.book import Handbook, Loaded
from scripts_gen.handbook.kinds import BY_KEY, PROCESSES, RULES, SCRIPTS, TABOOS, Kind
from scripts_gen.quiz.models import Option, Pair, QType, Question
from scripts_gen.quiz.text import normalize
from scripts_gen.taboo.specs import all_taboos

GENERATED_TAG = "自动生成"
E = TypeVar("E", bound=models.Entry)


@dataclass(frozen=True)
class Generated:
    topic: str
    title: str
    question: Question


def _q(kind: str, **fields: Any) -> Question:
    fields.setdefault("tags", [BY_KEY[kind].title, GENERATED_TAG])
    return Question.model_validate(fields)


def _distinct(options: list[dict[str, Any]], limit: int = 4) -> list[dict[str, Any]]:
    seen: set[str] = set()
    kept: list[dict[str, Any]] = []
    for option in options:
        key = normalize(option["text"])
        if key and key not in seen and len(kept) < limit:
            seen.add(key)
            kept.append(option)
    return kept


def _pick(pool: list[Any], count: int, seed: str) -> list[Any]:
    ordered = sorted(pool, key=str)
    return random.Random(seed).sample(ordered, min(count, len(ordered)))


def generate(book: Handbook) -> list[Generated]:
    """Every generated question, in a stable order."""
    return [
        *_family(TABOOS, book.taboos, lambda e: _taboos(book, e)),
        *_family(PROCESSES, book.processes, lambda e: _process(book, e)),
        *_family(RULES, book.rules, lambda e: _rules(book, e)),
        *_family(SCRIPTS, book.scripts, lambda e: _script(book, e)),
    ]


def _family(kind: Kind, items: list[Loaded[E]], make: Callable[[E], Iterator[Question]]) -> Iterator[Generated]:
    for item in sorted(items, key=lambda i: i.entry.id):
        title = f"{kind.title}：{item.entry.title}"
        yield from (Generated(item.entry.id, title, q) for q in make(item.entry))


# --- taboos ----------------------------------------------------------------


def _taboos(book: Handbook, entry: models.TabooSet) -> Iterator[Question]:
    everyone = all_taboos(book)
    for t in entry.taboos:
        yield _taboo_choice(t, everyone)
        if t.exceptions:
            yield _q(
                "taboos",
                id=f"g-{t.id}-exc",
                type=QType.TRUE_FALSE,
                tests=[t.id],
                answer=False,
                prompt=f"“{t.exceptions[0]}”这句话违反了禁语「{t.phrases[0]}」。",
                explanation=f"不违反。这是允许的固定说法，意思与禁语不同。禁语「{t.phrases[0]}」的问题在于：{t.reason}",
            )
    pairs = [{"left": t.phrases[0], "right": t.alternatives[0]} for t in entry.taboos][:8]
    lefts, rights = {normalize(p["left"]) for p in pairs}, {normalize(p["right"]) for p in pairs}
    if len(pairs) >= 2 and len(lefts) == len(rights) == len(pairs):
        yield _q(
            "taboos",
            id=f"g-{entry.id}-match",
            type=QType.MATCH,
            tests=[t.id for t in entry.taboos[:8]],
            see=entry.id,
            prompt=f"「{entry.category}」类禁语：为每句禁语选出推荐的替代说法。",
            pairs=[Pair(**p) for p in pairs],
            explanation="每句禁语的推荐说法见禁语页面。",
        )


def _taboo_choice(t: models.Taboo, everyone: list[models.Taboo]) -> Question:
    others = [o for o in everyone if o.id != t.id]
    wrong = [{"text": o.phrases[0], "why": f"「{o.phrases[0]}」本身也是禁语：{o.reason}"} for o in _pick(others, 3, t.id)]
    wrong.append({"text": t.phrases[0], "why": f"这正是要替换的禁语：{t.reason}"})
    options = _distinct([{"text": t.alternatives[0], "correct": True, "why": "这是推荐的替代说法。"}, *wrong])
    return _q(
        "taboos",
        id=f"g-{t.id}",
        type=QType.SINGLE,
        tests=[t.id],
        options=[Option(**o) for o in options],
        prompt=f"「{t.phrases[0]}」是禁语。下面哪种说法更合适？",
        explanation=f"不能说「{t.phrases[0]}」，因为{t.reason}",
    )


# --- processes -------------------------------------------------------------


def _process(book: Handbook, entry: models.Process) -> Iterator[Question]:
    steps = entry.steps[:10]
    if len({normalize(s.title) for s in steps}) == len(steps):
        yield _q(
            "processes",
            id=f"g-{entry.id}-order",
            type=QType.ORDER,
            tests=[s.id for s in steps],
            see=entry.id,
            prompt=f"把「{entry.title}」的步骤按正确顺序排列。",
            items=[s.title for s in steps],
            explanation="正确顺序：" + " → ".join(s.title for s in steps) + "。",
        )


# --- rules -----------------------------------------------------------------


def _rules(book: Handbook, entry: models.RuleSet) -> Iterator[Question]:
    for rule in entry.rules:
        for n, figure in enumerate(rule.figures, start=1):
            yield _figure(entry, rule, figure, n)
        yield _rule_choice(entry, rule)


def _figure(entry: models.RuleSet, rule: models.Rule, figure: models.Figure, n: int) -> Question:
    values = [figure.value]
    for dash in ("–", "—", "-", "~", "～"):
        if dash in figure.value:
            values += [figure.value.replace(dash, sep) for sep in ("到", "至")]
    answers = _unique(values + [v + figure.unit for v in values if figure.unit])
    unit = f"（单位：{figure.unit}）" if figure.unit else ""
    return _q(
        "rules",
        id=f"g-{rule.id}-n{n}",
        type=QType.FILL,
        tests=[rule.id],
        answers=answers,
        prompt=f"根据「{entry.title}」，“{figure.label}”是多少？{unit}",
        explanation=f"{rule.statement}（{figure.label}：{figure.value}{figure.unit}）",
    )


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (normalize(v) in seen or seen.add(normalize(v)))]  # type: ignore[func-returns-value]


def _rule_choice(entry: models.RuleSet, rule: models.Rule) -> Question:
    others = [r for r in entry.rules if r.id != rule.id]
    base = {"id": f"g-{rule.id}", "tests": [rule.id], "explanation": rule.statement + (f"理由：{rule.rationale}" if rule.rationale else "")}
    other_bad = [(b, r) for r in others for b in r.bad]
    if rule.good and (rule.bad or other_bad):
        wrong = [{"text": b, "why": f"错误示例。{rule.rationale}"} for b in rule.bad[:2]]
        wrong += [{"text": b, "why": f"这是「{r.title}」的错误示例。"} for b, r in _pick(other_bad, 3 - len(wrong), rule.id)]
        options = _distinct([{"text": rule.good[0], "correct": True, "why": "正确示例。"}, *wrong])
        prompt = f"关于「{rule.title}」，下面哪种做法是对的？"
    elif others:
        wrong = [{"text": r.statement, "why": f"这是「{r.title}」的要求。"} for r in _pick(others, 3, rule.id)]
        options = _distinct([{"text": rule.statement, "correct": True, "why": "这正是该条规范。"}, *wrong])
        prompt = f"下面哪一句是「{rule.title}」这条规范的要求？"
    else:
        return _q("rules", **base, type=QType.TRUE_FALSE, answer=True, prompt=f"{entry.title}要求：{rule.statement}")
    if len(options) < 2:
        return _q("rules", **base, type=QType.TRUE_FALSE, answer=True, prompt=f"{entry.title}要求：{rule.statement}")
    return _q("rules", **base, type=QType.SINGLE, prompt=prompt, options=[Option(**o) for o in options])


# --- scripts ---------------------------------------------------------------


def _script(book: Handbook, entry: models.Script) -> Iterator[Question]:
    for number, step in enumerate(entry.steps, start=1):
        for branch in step.branches:
            question = _best_reply(entry, number, step, branch)
            if question is not None:
                yield question


def _best_reply(entry: models.Script, number: int, step: models.Step, branch: models.Branch) -> Question | None:
    right = {"text": branch.agent, "correct": True, "why": branch.guidance.why or "这是话术中针对这种情况的说法。"}
    siblings = [{"text": b.agent, "why": f"这是“{b.condition}”时的说法。"} for b in step.branches if b.id != branch.id]
    elsewhere = [{"text": s.agent, "why": f"这是“{s.title}”一步的说法。"} for s in entry.steps if s.id != step.id and s.agent]
    options = _distinct([right, *siblings, *_pick(elsewhere, 3, branch.id)])
    if len(options) < 2:
        return None
    return _q(
        "scripts",
        id=f"g-{branch.id}",
        type=QType.BEST_REPLY,
        tests=[branch.id],
        options=[Option(**o) for o in options],
        prompt=f"「{entry.title}」第 {number} 步“{step.title}”：{branch.condition}。客服最好怎么说？",
        explanation=branch.guidance.why or f"{branch.condition}时，按话术这样回应。",
    )


def coverage(book: Handbook, tested: set[str]) -> dict[str, tuple[int, list[str]]]:
    """For rules and script branches: (how many exist, ids that no question tests)."""
    rules = [r.id for item in book.rules for r in item.entry.rules]
    branches = [b.id for item in book.scripts for s in item.entry.steps for b in s.branches]
    return {
        "规范条目": (len(rules), [r for r in rules if r not in tested]),
        "话术分支": (len(branches), [b for b in branches if b not in tested]),
    }
