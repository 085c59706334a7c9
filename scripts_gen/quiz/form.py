"""A form: the questions of one quiz page in the order and option order a learner sees.

Everything is shuffled with seeded generators, so the same bank and seed
always produce the same form. ``payload`` is the whole form as quiz.js sees
it: practice pages include the key, exam pages never do. The version is a hash
of that payload, so a changed question invalidates stored progress and old codes.

An exam form is a pool with strata (``[(count, pool indices)]``): each
learner's paper is drawn from it by ``for_learner``, seeded by the employee
number, so neighbours get different papers and ``grade`` redraws the same one.
quiz.js draws with the same hash (FNV-1a); keep both in sync.

An exam page does not carry its pool: ``exam_parts`` splits the payload into
what the page keeps (metadata, version, one line per stratum) and one question
list per stratum, which the site ships once as a shared file (many exams draw
from the same tag). An exam question's option order is therefore seeded by the
question alone (``POOL_SEED``), never by the assignment, so the same stratum is
the same file in every exam; quiz.js rebuilds the pool from the files
(``expand``) in the order ``assignment_form`` builds it.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from functools import cached_property
from typing import Any, assert_never

from scripts_gen.quiz.checks import correct_indices
from scripts_gen.quiz.models import BankQuestion, QType
from scripts_gen.quiz.text import normalize

TRUE_FALSE = ("对", "错")
# Seeds the option order of every exam question: the same question reads the same in every exam pool.
POOL_SEED = "exam-pool"


@dataclass(frozen=True)
class FormQuestion:
    item: BankQuestion
    options: list[str]  # displayed choices / items to order / right-hand sides to match
    why: list[str]  # per displayed option (choice questions)
    lefts: list[str]  # matching: the left-hand sides, in bank order
    key: Any  # in display indices: int | list[int]; fill-in: normalised accepted answers

    @property
    def q(self) -> Any:
        return self.item.q

    @cached_property
    def public(self) -> dict[str, Any]:
        """What an exam shows of this question (no key): one dict shared by every exam, never to be changed."""
        return _public(self)

    @cached_property
    def public_json(self) -> str:
        """``canonical(self.public)``, made once: an exam pool question is serialised by every exam drawing it."""
        return canonical(self.public)


@dataclass(frozen=True)
class QuizForm:
    id: str  # storage and code id: "a-<assignment>" or "t-<topic>"
    title: str
    mode: str
    pass_mark: int
    time_limit: int | None
    questions: list[FormQuestion]
    page: str  # path below docs/
    strata: tuple[tuple[int, tuple[int, ...]], ...] = ()  # exams: (count, pool indices) per draw line
    seed: str = ""

    @property
    def exam(self) -> bool:
        return self.mode == "exam"

    @property
    def size(self) -> int:
        """How many questions one learner answers."""
        return sum(n for n, _ in self.strata) if self.strata else len(self.questions)

    def drawn(self, learner: str) -> list[int]:
        """Pool indices of the learner's paper, in the order shown."""
        taken: list[int] = []
        for count, members in self.strata:
            free = [i for i in members if i not in taken]
            free.sort(key=lambda i: (fnv1a(f"{self.seed}:{learner}:{self.questions[i].q.id}"), i))
            taken += free[:count]
        return taken

    def for_learner(self, learner: str) -> QuizForm:
        """The paper one learner (by normalised employee number) answers."""
        if not self.strata:
            return self
        chosen = [self.questions[i] for i in self.drawn(learner)]
        return QuizForm(self.id, self.title, self.mode, self.pass_mark, self.time_limit, chosen, self.page)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (Math.imul in quiz.js)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _derange(order: list[int], rng: random.Random) -> list[int]:
    rng.shuffle(order)
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _rng(seed: str, item: BankQuestion) -> random.Random:
    return random.Random(f"{seed}:{item.id}")


def form_question(item: BankQuestion, seed: str) -> FormQuestion:
    q = item.q
    # Seeded only where a type shuffles: seeding a generator costs more than the rest of a question.
    match q.type:
        case QType.SINGLE | QType.MULTI | QType.BEST_REPLY:
            order = list(range(len(q.options)))
            _rng(seed, item).shuffle(order)
            correct = {order.index(i) for i in correct_indices(q)}
            key: Any = sorted(correct) if q.type == QType.MULTI else min(correct)
            return FormQuestion(item, [q.options[i].text for i in order], [q.options[i].why for i in order], [], key)
        case QType.TRUE_FALSE:
            return FormQuestion(item, list(TRUE_FALSE), ["", ""], [], 0 if q.answer else 1)
        case QType.ORDER:
            order = _derange(list(range(len(q.items))), _rng(seed, item))
            return FormQuestion(item, [q.items[i] for i in order], [], [], [order.index(i) for i in range(len(order))])
        case QType.MATCH:
            order = _derange(list(range(len(q.pairs))), _rng(seed, item))
            rights = [q.pairs[i].right for i in order]
            return FormQuestion(item, rights, [], [p.left for p in q.pairs], [order.index(i) for i in range(len(order))])
        case QType.FILL:
            return FormQuestion(item, [], [], [], sorted({normalize(a) for a in q.answers}))
        case _:
            assert_never(q.type)


def _public(fq: FormQuestion) -> dict[str, Any]:
    q = fq.q
    data: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    if q.customer:
        data["customer"] = q.customer
    if fq.options:
        data["options"] = fq.options
    if fq.lefts:
        data["lefts"] = fq.lefts
    return data


def _keyed(fq: FormQuestion, links: dict[str, dict[str, str]]) -> dict[str, Any]:
    data = _public(fq)
    data["key"] = fq.key
    if fq.q.type == QType.FILL:
        data["ref"] = fq.q.answers[0]
    if any(fq.why):
        data["why"] = fq.why
    if fq.q.explanation:
        data["explain"] = fq.q.explanation
    see = fq.q.see or fq.q.tests[0]
    if see in links:
        data["see"] = links[see]
    return data


def _joined(questions: list[FormQuestion]) -> str:
    """``canonical([fq.public for fq in questions])`` from each question's own text."""
    return "[" + ",".join(fq.public_json for fq in questions) + "]"


def payload(form: QuizForm, links: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The JSON a quiz page carries (without key material for exams)."""
    questions = [fq.public if form.exam else _keyed(fq, links) for fq in form.questions]
    data: dict[str, Any] = {"id": form.id, "mode": form.mode, "pass": form.pass_mark, "questions": questions}
    if form.strata:
        data["strata"] = [[n, list(members)] for n, members in form.strata]
        data["seed"] = form.seed
    if form.time_limit:
        data["limit"] = form.time_limit
    data["version"] = version_of(data, {"questions": _joined(form.questions)} if form.exam else None)
    return data


def exam_parts(form: QuizForm) -> tuple[dict[str, Any], list[list[dict[str, Any]]], list[str]]:
    """An exam's page data without its questions, each stratum's questions (in pool order), and
    the text of each stratum's pool file (``canonical({"questions": list})``, from texts made once per question).

    The page keeps ``draw``: ``[count, i]`` per stratum, ``i`` indexing the stratum lists (a
    list shared by two strata appears once); the site replaces ``i`` with the list's file.
    ``n`` is the pool size quiz.js must rebuild. The version still covers every question.
    """
    full = payload(form, {})
    first: dict[tuple[int, ...], int] = {}  # members → list index (pool questions are unique, so equal lists have equal members)
    lists: list[list[dict[str, Any]]] = []
    texts: list[str] = []
    draw: list[list[int]] = []
    for count, members in form.strata:
        if members not in first:
            first[members] = len(lists)
            chosen = [form.questions[i] for i in members]
            lists.append([fq.public for fq in chosen])
            texts.append('{"questions":' + _joined(chosen) + "}")
        draw.append([count, first[members]])
    page = {k: v for k, v in full.items() if k not in ("questions", "strata")}
    return page | {"draw": draw, "n": len(form.questions)}, lists, texts


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_with(data: dict[str, Any], given: dict[str, str]) -> str:
    """``canonical(data)``, where the values under ``given``'s keys come as their canonical text already."""
    # json.dumps(sort_keys=True) writes a dict as its sorted items, each "key":value, joined by commas.
    return "{" + ",".join(f"{canonical(k)}:{given[k] if k in given else canonical(v)}" for k, v in sorted(data.items())) + "}"


def version_of(data: dict[str, Any], given: dict[str, str] | None = None) -> str:
    """The version of a page's data: a hash of its canonical JSON (``given``: see ``canonical_with``)."""
    body = {k: v for k, v in data.items() if k != "version"}
    text = canonical_with(body, given) if given else canonical(body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
