"""Questions generated from the handbook data, deterministically, built so that guessing does not pay.

Families: which reply uses a taboo and which does not (choice and true/false),
what is right or wrong under a rule set (the rule's own examples against
look-alike wrong ones), the numbers in rules (fill-in, true/false, and
matching where a rule set has three or more figures), process step order, and
the best reply for every script branch.

Knowledge-free strategies (longest option, politest option, most overlap
with the stem, a fixed position, always 对) must not win: distractors are
chosen so that the key's rank by length is spread evenly over the questions,
the stem never names the key's own heading, true/false keys alternate, and
matching is used only where no two pairs can be swapped. Editors can add
hand-written ``near_misses`` to rules and script branches; those come first.
Ids start with ``g-`` (reserved for generated questions) and every question
is tagged 自动生成; the same data always yields the same questions.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from scripts_gen.handbook import models
from scripts_gen.handbook.book import Handbook, Loaded
from scripts_gen.handbook.kinds import BY_KEY, PROCESSES, RULES, SCRIPTS, TABOOS, Kind
from scripts_gen.quiz.distractors import Candidate, Pool
from scripts_gen.quiz.models import Option, Pair, QType, Question
from scripts_gen.quiz.text import normalize
from scripts_gen.taboo.specs import all_taboos

GENERATED_TAG = "自动生成"
E = TypeVar("E", bound=models.Entry)
_SLOT = re.compile(r"\{([^{}]+)\}")
_PUNCT_RUN = re.compile(r"([。！？；：，、])[。！？；：，、]+")
_END = "。！？；：，、.!?;:,"


@dataclass(frozen=True)
class Generated:
    topic: str
    title: str
    question: Question


def tidy(text: str) -> str:
    """Question text as a learner reads it: ``{占位}`` as 【占位】, no doubled punctuation."""
    if "{" in text:
        text = _SLOT.sub(r"【\1】", text)
    # Most texts have nothing to tidy: searching first spares re.sub its replacement-template set-up.
    return _PUNCT_RUN.sub(r"\1", text) if _PUNCT_RUN.search(text) else text


def clause(text: str) -> str:
    """``text`` without its closing punctuation, to be followed by more text."""
    return text.rstrip(_END + " ")


def _q(kind: str, **fields: Any) -> Question:
    fields.setdefault("tags", [BY_KEY[kind].title, GENERATED_TAG])
    for name in ("prompt", "explanation"):
        if name in fields:
            fields[name] = tidy(fields[name])
    fields["options"] = [_tidy_option(o) for o in fields.get("options", [])]
    return Question.model_validate(fields)


def _tidy_option(option: Option) -> Option:
    text, why = tidy(option.text), tidy(option.why)
    if text == option.text and why == option.why:
        return option  # frozen: the same value as a copy
    return option.model_copy(update={"text": text, "why": why})


def _rng(seed: str) -> random.Random:
    return random.Random(seed)


def _options(right: Candidate, wrong: list[Candidate]) -> list[Option]:
    return [Option(text=right.text, correct=True, why=right.why), *(Option(text=c.text, why=c.why) for c in wrong)]


def generate(book: Handbook) -> list[Generated]:
    """Every generated question, in a stable order."""
    truths = balanced([f"{r.id}-n{n}" for item in book.rules for r in item.entry.rules for n in range(1, len(r.figures) + 1)])
    goods = [(r.id, Candidate(g, "这是正确的做法。")) for item in book.rules for r in item.entry.rules for g in r.good]
    replies = [("", Candidate(a, "这是得体的说法。")) for t in all_taboos(book) for a in t.alternatives]
    practices = Pool(goods + replies)
    return [
        *_family(TABOOS, book.taboos, lambda e: _taboos(book, e)),
        *_family(PROCESSES, book.processes, _process),
        *_family(RULES, book.rules, lambda e: _rules(e, truths, practices)),
        *_family(SCRIPTS, book.scripts, _script),
    ]


def _family(kind: Kind, items: list[Loaded[E]], make: Callable[[E], Iterator[Question]]) -> Iterator[Generated]:
    for item in sorted(items, key=lambda i: i.entry.id):
        title = f"{kind.title}：{item.entry.title}"
        yield from (Generated(item.entry.id, title, q) for q in make(item.entry))


def balanced(keys: list[str]) -> dict[str, bool]:
    """True for one half of ``keys`` and False for the other, chosen by a fixed shuffle."""
    order = sorted(keys)
    _rng("balanced").shuffle(order)
    return {k: i % 2 == 0 for i, k in enumerate(order)}


# --- taboos ----------------------------------------------------------------


def _uses(t: models.Taboo) -> list[Candidate]:
    """Replies that use this taboo (the checker's own examples, or the bare phrase)."""
    sentences = t.specs.flag or [p + "。" for p in t.phrases]
    return [Candidate(s, f"用了禁语「{t.phrases[0]}」：{t.reason}") for s in sentences]


def _clean(t: models.Taboo) -> list[Candidate]:
    """Replies without a taboo: recommended wording, and allowed sentences that only look like one."""
    found = [Candidate(a, f"没有禁语，是「{t.phrases[0]}」的推荐说法。") for a in t.alternatives]
    found += [Candidate(s, f"没有用禁语：这里的“{t.phrases[0]}”是正常用法，意思不同。") for s in t.specs.allow]
    return found


def _taboos(book: Handbook, entry: models.TabooSet) -> Iterator[Question]:
    """Two judgements per taboo, one 对 and one 错: a reply that uses it, and one that only looks like it does."""
    for t in entry.taboos:
        tricky = [c for c in _clean(t) if any(p in c.text for p in t.phrases)] or _clean(t)
        for n, (reply, flagged) in enumerate(((_pick(_uses(t), t.id), True), (_pick(tricky, t.id), False)), start=1):
            yield _q(
                "taboos",
                id=f"g-{t.id}-{n}",
                type=QType.TRUE_FALSE,
                tests=[t.id],
                answer=flagged,
                prompt=f"判断：回复“{clause(reply.text)}”用了禁语。",
                explanation=f"{reply.why}" + ("" if flagged else f"禁语「{t.phrases[0]}」指的是：{t.reason}"),
            )


def _pick(values: list[Candidate], seed: str) -> Candidate:
    return values[_rng(seed).randrange(len(values))]


# --- processes -------------------------------------------------------------


def _process(entry: models.Process) -> Iterator[Question]:
    steps = entry.steps[:10]
    if len(steps) >= 3 and len({normalize(s.title) for s in steps}) == len(steps):
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


def _rules(entry: models.RuleSet, truths: dict[str, bool], practices: Pool) -> Iterator[Question]:
    for rule in entry.rules:
        choice = _rule_choice(entry, rule, practices)
        if choice is not None:
            yield choice
        yield from _near_miss_judgements(entry, rule)
        for n, figure in enumerate(rule.figures, start=1):
            yield _figure(entry, rule, figure, n)
            yield _figure_judgement(entry, rule, figure, n, truths[f"{rule.id}-n{n}"])
    yield from _figure_match(entry)


def _rule_choice(entry: models.RuleSet, rule: models.Rule, practices: Pool) -> Question | None:
    """Which is wrong: a bad example among other rules' good examples of bracketing length.

    The opposite question (a good example among bad ones) is not asked: the
    good example would be the politest option.
    """
    if not rule.bad:
        return None
    right = Candidate(rule.bad[0], f"这是错的：{clause(rule.statement)}。")
    wrong = practices.choose(right.text, 3, rule.id, exclude=[rule.id])
    if len(wrong) < 3:
        return None
    return _q(
        "rules",
        id=f"g-{rule.id}",
        type=QType.SINGLE,
        tests=[rule.id],
        options=_options(right, wrong),
        prompt=f"（{entry.title}）下面哪一种做法是错的？",
        explanation=clause(rule.statement) + "。" + (f"理由：{rule.rationale}" if rule.rationale else ""),
    )


def _near_miss_judgements(entry: models.RuleSet, rule: models.Rule) -> Iterator[Question]:
    """With hand-written near-misses: one 对 (the good example) and one 错 (a near-miss), judged alone.

    Near-misses are edits of the good example, so among them the good example
    would be the one most like the others; judged one at a time it is not.
    """
    if not (rule.good and rule.near_misses):
        return
    near = rule.near_misses[_rng("near:" + rule.id).randrange(len(rule.near_misses))]
    why = f"{clause(rule.statement)}。" + (f"理由：{rule.rationale}" if rule.rationale else "")
    for n, (text, truth) in enumerate(((rule.good[0], True), (near, False)), start=1):
        yield _q(
            "rules",
            id=f"g-{rule.id}-j{n}",
            type=QType.TRUE_FALSE,
            tests=[rule.id],
            answer=truth,
            prompt=f"判断：按「{entry.title}」，这样做是对的：“{clause(text)}”。",
            explanation=("对。" if truth else "不对。") + why,
        )


_DASHES = ("–", "—", "-", "~", "～")


def figure_answers(figure: models.Figure) -> list[str]:
    """The author's wording first, then the same value with its unit (meaning is compared by normalize)."""
    value = figure.value
    for dash in _DASHES[1:]:
        value = value.replace(dash, "–")
    return _unique([figure.value, value + figure.unit] if figure.unit else [figure.value])


def _figure(entry: models.RuleSet, rule: models.Rule, figure: models.Figure, n: int) -> Question:
    unit = f"（单位：{figure.unit}）" if figure.unit else ""
    return _q(
        "rules",
        id=f"g-{rule.id}-n{n}",
        type=QType.FILL,
        tests=[rule.id],
        answers=figure_answers(figure),
        prompt=f"按「{entry.title}」，“{figure.label}”是多少？{unit}",
        explanation=f"{clause(rule.statement)}。（{figure.label}：{figure.value}{figure.unit}）",
    )


def wrong_value(value: str, unit: str) -> str:
    """A plausible but wrong figure of the same form: a range stays a range, a percentage stays below 100."""
    numbers = [int(x) for x in re.findall(r"\d+", value)]
    if len(numbers) == 2:
        high = numbers[1]
        return f"{high + 1}–{2 * high + 1}"
    if not numbers:
        return value + "以上"
    n = numbers[0]
    if unit == "%":
        return str(max(n - 20, 10))
    return str(n * 2 + 1)


def _figure_judgement(entry: models.RuleSet, rule: models.Rule, figure: models.Figure, n: int, truth: bool) -> Question:
    shown = figure.value if truth else wrong_value(figure.value, figure.unit)
    return _q(
        "rules",
        id=f"g-{rule.id}-n{n}-tf",
        type=QType.TRUE_FALSE,
        tests=[rule.id],
        answer=truth,
        prompt=f"判断：按「{entry.title}」，“{figure.label}”是 {shown}{figure.unit}。",
        explanation=f"{figure.label}是 {figure.value}{figure.unit}：{clause(rule.statement)}。",
    )


def _figure_match(entry: models.RuleSet) -> Iterator[Question]:
    """Figure ↔ value, only where every value differs (so no two pairs can be swapped) and there are ≥ 3."""
    pairs = [(r, f) for r in entry.rules for f in r.figures]
    values = {normalize(f.value) for _, f in pairs}
    labels = {normalize(f.label) for _, f in pairs}
    if 3 <= len(pairs) <= 8 and len(values) == len(labels) == len(pairs):
        yield _q(
            "rules",
            id=f"g-{entry.id}-figures",
            type=QType.MATCH,
            tests=[r.id for r, _ in pairs],
            see=entry.id,
            prompt=f"按「{entry.title}」，为每一项选出对应的数值（单位已略去）。",
            pairs=[Pair(left=f.label, right=f.value) for _, f in pairs],
            explanation="；".join(f"{f.label}：{f.value}{f.unit}" for _, f in pairs) + "。",
        )


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (normalize(v) in seen or seen.add(normalize(v)))]  # type: ignore[func-returns-value]


# --- scripts ---------------------------------------------------------------


def _lines(entry: models.Script) -> Iterator[tuple[str, Candidate]]:
    """Every line of a script with its owner: a step's own line, then its branches' replies."""
    for s in entry.steps:
        if s.agent:
            yield s.id, Candidate(s.agent, f"这是“{clause(s.title)}”一步的说法。")
        for b in s.branches:
            yield b.id, Candidate(b.agent, f"这是“{clause(b.condition)}”时的说法。")


def _script(entry: models.Script) -> Iterator[Question]:
    lines = Pool(_lines(entry))
    for number, step in enumerate(entry.steps, start=1):
        for branch in step.branches:
            question = _best_reply(entry, number, step, branch, lines)
            if question is not None:
                yield question


def _best_reply(entry: models.Script, number: int, step: models.Step, branch: models.Branch, lines: Pool) -> Question | None:
    """The branch's reply among near-misses and the script's other lines (not this step's own line)."""
    right = Candidate(branch.agent, branch.guidance.why or "这是话术中针对这种情况的说法。")
    near = [Candidate(t, f"不适合“{clause(branch.condition)}”这种情况。") for t in branch.near_misses]
    wrong = near[:3] + lines.choose(right.text, 3 - len(near[:3]), branch.id, exclude=[branch.id, step.id], strict=False)
    if len(wrong) < 2:
        return None
    return _q(
        "scripts",
        id=f"g-{branch.id}",
        type=QType.BEST_REPLY,
        tests=[branch.id],
        options=_options(right, wrong),
        prompt=f"「{entry.title}」第 {number} 步“{clause(step.title)}”：{clause(branch.condition)}。客服最好怎么说？",
        explanation=branch.guidance.why or f"{clause(branch.condition)}时，按话术这样回应。",
    )


def coverage(book: Handbook, tested: set[str]) -> dict[str, tuple[int, list[str]]]:
    """For rules and script branches: (how many exist, ids that no question tests)."""
    rules = [r.id for item in book.rules for r in item.entry.rules]
    branches = [b.id for item in book.scripts for s in item.entry.steps for b in s.branches]
    return {
        "规范条目": (len(rules), [r for r in rules if r not in tested]),
        "话术分支": (len(branches), [b for b in branches if b not in tested]),
    }
