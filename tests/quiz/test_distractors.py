"""Distractors: the indexed pool picks what a full sort would pick, and looks at a few sentences, not all."""

from __future__ import annotations

import random
from typing import Any

import pytest

from scripts_gen.quiz import distractors
from scripts_gen.quiz.distractors import Candidate, Pool, _jitter, courtesy
from scripts_gen.quiz.text import normalize

WORDS = "您请谢谢好的马上帮您为您客户订单退款查询核实处理登记回复时间地址电话问题情况原因结果系统稍等确认已经可以"


def _sentences(n: int, seed: int) -> list[tuple[str, Candidate]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = "".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))) + f"{i}。"
        rows.append((f"owner-{i % 97}", Candidate(text, f"来自第 {i} 句")))
    return rows


def _brute(rows: list[tuple[str, Candidate]], key: str, count: int, seed: str, exclude: set[str], strict: bool) -> list[Candidate]:
    """The definition, over every sentence: of the NEAREST eligible by length/politeness distance
    (equal distances in an order rotated by the seed), the ``count`` nearest after jitter."""
    owned: dict[str, list[tuple[str, Candidate]]] = {}
    for owner, c in rows:
        if normalize(c.text):
            owned.setdefault(normalize(c.text), []).append((owner, c))
    first = {norm: group[0][1].text for norm, group in owned.items()}
    runs: dict[tuple[int, int], list[str]] = {}
    for norm in sorted(owned):
        runs.setdefault((courtesy(first[norm]), len(first[norm])), []).append(norm)
    sizes = {p: sorted(n for q, n in runs if q == p) for p, _ in runs}

    def order(norm: str) -> tuple[int, int, int]:
        p, n = courtesy(first[norm]), len(first[norm])
        run = runs[(p, n)]
        turn = int(_jitter(f"{seed}\0{p}", str(sizes[p].index(n))) * len(run) / distractors.JITTER)
        base = abs(n - len(key)) + 6 * abs(p - courtesy(key))
        return base, p, (run.index(norm) - turn) % len(run)

    def side(longer: bool) -> list[Candidate]:
        near = []
        for norm in sorted((m for m in owned if (len(first[m]) > len(key)) == longer and m != normalize(key)), key=order):
            offered = [c for o, c in owned[norm] if o not in exclude]
            if offered:
                near.append((order(norm)[0] + _jitter(seed, offered[0].text), offered[0].text, offered[0]))
        return [row[2] for row in sorted(near[: Pool.NEAREST], key=lambda row: (row[0], row[1]))[:count]]

    longer, shorter = side(True), side(False)
    if strict and (len(longer) < count or len(shorter) < count):
        return []
    above = min(random.Random(seed).randint(0, count), len(longer))
    if len(shorter) < count - above:
        above = min(len(longer), count - len(shorter))
    return longer[:above] + shorter[: count - above]


@pytest.mark.parametrize("strict", [True, False])
def test_indexed_choice_equals_a_full_sort(strict: bool) -> None:
    rows = _sentences(300, 1)
    pool = Pool(rows)
    rng = random.Random(2)
    for n in range(120):
        key = rows[rng.randrange(len(rows))][1].text[: rng.randint(3, 45)]
        exclude = {f"owner-{rng.randrange(97)}"}
        count = rng.randint(0, 3)
        assert pool.choose(key, count, f"q{n}", exclude=exclude, strict=strict) == _brute(rows, key, count, f"q{n}", exclude, strict), key


def test_a_question_looks_at_a_few_sentences_however_big_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generation is linear: the sentences one question examines do not grow with the handbook."""
    seen = {"n": 0}
    walk = Pool._walk

    def counting(self: Pool, *args: Any) -> Any:
        for row in walk(self, *args):
            seen["n"] += 1
            yield row

    monkeypatch.setattr(distractors.Pool, "_walk", counting)
    looked = {}
    for size in (1_000, 20_000):
        rows = _sentences(size, 3)
        pool = Pool(rows)
        seen["n"] = 0
        keys = [rows[i][1].text for i in range(0, 400) if 15 < len(rows[i][1].text) < 30][:150]
        for i, key in enumerate(keys):
            assert len(pool.choose(key, 3, f"k{i}", exclude={rows[i][0]})) == 3
        looked[size] = seen["n"] / len(keys)
    # 20x the sentences: a question looks at about as many close neighbours, never at 20x more.
    print(f"sentences examined per question: {looked}")
    assert looked[20_000] < 2 * looked[1_000], looked


def test_own_sentences_and_the_key_itself_are_never_offered() -> None:
    rows = [("r1", Candidate("请您稍等，我马上为您查询。", "a")), ("r2", Candidate("请您稍等，我马上为您查询！", "b"))]
    rows += [(f"o{i}", Candidate("好的" * (i % 9 + 1) + f"第{i}句。", "c")) for i in range(40)]
    pool = Pool(rows)
    for seed in range(30):
        chosen = [c.text for c in pool.choose("请您稍等，我马上为您查询。", 3, str(seed), exclude={"r1"})]
        assert "请您稍等，我马上为您查询。" not in chosen and "请您稍等，我马上为您查询！" not in chosen
