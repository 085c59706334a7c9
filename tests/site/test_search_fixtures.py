"""The search question sets stay valid without a browser: every answer names a page and heading
the built site has, and blind.yml, blind2.yml, dev3/blind3 and dev4/blind4 repeat no question of the
sets written before them, even reworded trivially. dev3/blind3 (round 5) and dev4/blind4 (round 6)
are each one writing split by SHA-1; the split itself is checked, and the sealed halves' (blind3,
blind4) failures are reported as numbers only."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
import search_eval

# Words that change a question's wording but not what it asks (a near duplicate differs only in these).
FILLER = [
    "怎么办",
    "怎么",
    "咋办",
    "咋",
    "如何",
    "什么",
    "啥",
    "能不能",
    "可以",
    "是不是",
    "要不要",
    "哪些",
    "那些",
    "吗",
    "呢",
    "吧",
    "的",
    "得",
    "了",
]


def _bare(question: str) -> str:
    text = re.sub(r"[\W_]+", "", question)
    for word in FILLER:
        text = text.replace(word, "")
    return text


def test_every_answer_exists_on_the_built_site(built_site: Path) -> None:
    qs = search_eval.load(built_site)
    sets = {
        "queries": qs.questions,
        "heldout": qs.heldout,
        "sealed": qs.sealed,
        "fresh": qs.fresh,
        "blind": qs.blind,
        "blind2": qs.blind2,
        "dev3": qs.dev3,
        "dev4": qs.dev4,
    }
    for name, questions in sets.items():
        assert search_eval.unknown_answers(qs, questions) == [], f"{name}.yml 中这些答案在站点里找不到对应页面或标题"
    for name, questions in (("blind3", qs.blind3), ("blind4", qs.blind4)):
        missing = len(search_eval.unknown_answers(qs, questions))  # sealed: a number, never the answers
        assert missing == 0, f"{name}.yml 有 {missing} 个答案在站点里找不到对应页面或标题"


def test_blind_questions_are_new(built_site: Path) -> None:
    qs = search_eval.load(built_site)
    earlier = {_bare(q) for q, _ in qs.questions + qs.heldout + qs.sealed + qs.fresh} | {_bare(t) for t in qs.terms}
    repeated = [q for q, _ in qs.blind if _bare(q) in earlier]
    count = len(qs.blind)  # a plain number: a failing assert must not print the QuerySet (the other sets' questions)
    # Only the count: naming them would show which questions the other sets hold.
    assert count >= 80 and not repeated, f"blind.yml 有 {len(repeated)} 个问题与其他问题集重复"


def test_blind2_questions_are_new(built_site: Path) -> None:
    qs = search_eval.load(built_site)
    earlier = {_bare(q) for q, _ in qs.questions + qs.heldout + qs.sealed + qs.fresh + qs.blind} | {_bare(t) for t in qs.terms}
    repeated = [q for q, _ in qs.blind2 if _bare(q) in earlier]
    twice = [q for q, n in Counter(_bare(q) for q, _ in qs.blind2).items() if n > 1]
    count = len(qs.blind2)  # a plain number, as above
    # Only the counts, as for blind.yml.
    assert count >= 100 and not repeated, f"blind2.yml 有 {len(repeated)} 个问题与其他问题集重复"
    assert not twice, f"blind2.yml 内部有 {len(twice)} 组问题只差虚词"


def test_blind2_spreads_over_the_handbook(built_site: Path) -> None:
    # A set that piles onto a few pages measures those pages, not the search: at most three
    # questions may have their first answer on one page (the glossary, one page of many
    # separately anchored terms, excepted).
    qs = search_eval.load(built_site)
    pages = Counter(answers[0].partition("#")[0].strip("/") for _, answers in qs.blind2)
    crowded = {page: n for page, n in pages.items() if n > 3 and page != "glossary"}
    assert not crowded, f"blind2.yml 中这些页面是超过三个问题的首个答案：{crowded}"


def _crowded(questions: list[tuple[str, list[str]]]) -> dict[str, int]:
    """Pages (glossary excepted) that are the first answer of more than three of ``questions``."""
    pages = Counter(answers[0].partition("#")[0].strip("/") for _, answers in questions)
    return {page: n for page, n in pages.items() if n > 3 and page != "glossary"}


# Each round after 4 is one writing of 200 split into a dev half and a sealed half; the sets
# written before it are the ones its questions must not repeat.
ROUNDS = {
    "round5": ("dev3", "blind3", ("questions", "heldout", "sealed", "fresh", "blind", "blind2")),
    "round6": ("dev4", "blind4", ("questions", "heldout", "sealed", "fresh", "blind", "blind2", "dev3", "blind3")),
}


def _set(qs: search_eval.QuerySet, name: str) -> list[tuple[str, list[str]]]:
    questions: list[tuple[str, list[str]]] = getattr(qs, name)
    return questions


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_round_questions_are_new(built_site: Path, round_: str) -> None:
    # The 200 of a round: none may repeat an earlier set, a term, each other, or itself once
    # filler words are removed. Only counts: a repeat would show another set's question.
    dev, sealed, before = ROUNDS[round_]
    qs = search_eval.load(built_site)
    earlier = {_bare(q) for name in before for q, _ in _set(qs, name)} | {_bare(t) for t in qs.terms}
    for name in (dev, sealed):
        questions = _set(qs, name)
        count = len(questions)
        repeated = sum(_bare(q) in earlier for q, _ in questions)
        assert count == 100 and repeated == 0, f"{name}.yml 有 {count} 个问题，其中 {repeated} 个与之前的问题集重复"
    bare = Counter(_bare(q) for q, _ in _set(qs, dev) + _set(qs, sealed))
    twice = sum(1 for n in bare.values() if n > 1)
    assert twice == 0, f"{dev}.yml 与 {sealed}.yml 之间或内部有 {twice} 组问题只差虚词"


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_round_split_is_the_sha1_alternation(built_site: Path, round_: str) -> None:
    # The split the headers promise: sort all 200 by the SHA-1 of the question's UTF-8 text and
    # they alternate dev, sealed, dev, … Anyone can redo it; nobody hand-picked which half is sealed.
    dev, sealed, _ = ROUNDS[round_]
    qs = search_eval.load(built_site)
    side = {q: dev for q, _ in _set(qs, dev)} | {q: sealed for q, _ in _set(qs, sealed)}
    order = sorted(side, key=lambda q: hashlib.sha1(q.encode("utf-8")).hexdigest())
    wrong = sum(side[q] != (dev if i % 2 == 0 else sealed) for i, q in enumerate(order))
    total = len(order)  # plain numbers: pytest would otherwise print the list (the sealed questions) on failure
    assert total == 200 and wrong == 0, f"{wrong} 个问题不在按 SHA-1 排序交替分配应在的文件里（共 {total} 个）"


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_round_spreads_over_the_handbook(built_site: Path, round_: str) -> None:
    # As for blind2: at most three first answers per page in each file (glossary excepted).
    dev, sealed, _ = ROUNDS[round_]
    qs = search_eval.load(built_site)
    crowded = _crowded(_set(qs, dev))
    assert not crowded, f"{dev}.yml 中这些页面是超过三个问题的首个答案：{crowded}"
    pages = len(_crowded(_set(qs, sealed)))  # sealed: how many pages, never which
    assert pages == 0, f"{sealed}.yml 中有 {pages} 个页面是超过三个问题的首个答案"
