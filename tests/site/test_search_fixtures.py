"""The search question sets stay valid without a browser: every answer names a page and heading
the built site has, and blind.yml, blind2.yml, dev3.yml and blind3.yml repeat no question of the sets
written before them, even reworded trivially. dev3/blind3 are one writing split by SHA-1; the split
itself is checked, and blind3's failures are reported as numbers only (it is sealed)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

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
    }
    for name, questions in sets.items():
        assert search_eval.unknown_answers(qs, questions) == [], f"{name}.yml 中这些答案在站点里找不到对应页面或标题"
    missing = len(search_eval.unknown_answers(qs, qs.blind3))  # sealed: a number, never the answers
    assert missing == 0, f"blind3.yml 有 {missing} 个答案在站点里找不到对应页面或标题"


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


def test_round5_questions_are_new(built_site: Path) -> None:
    # dev3 and blind3 are one writing of 200: none may repeat an earlier set, a term, each other,
    # or itself once filler words are removed. Only counts: a repeat would show another set's question.
    qs = search_eval.load(built_site)
    earlier = {_bare(q) for q, _ in qs.questions + qs.heldout + qs.sealed + qs.fresh + qs.blind + qs.blind2}
    earlier |= {_bare(t) for t in qs.terms}
    for name, questions in (("dev3", qs.dev3), ("blind3", qs.blind3)):
        count = len(questions)
        repeated = sum(_bare(q) in earlier for q, _ in questions)
        assert count == 100 and repeated == 0, f"{name}.yml 有 {count} 个问题，其中 {repeated} 个与之前的问题集重复"
    bare = Counter(_bare(q) for q, _ in qs.dev3 + qs.blind3)
    twice = sum(1 for n in bare.values() if n > 1)
    assert twice == 0, f"dev3.yml 与 blind3.yml 之间或内部有 {twice} 组问题只差虚词"


def test_round5_split_is_the_sha1_alternation(built_site: Path) -> None:
    # The split the headers promise: sort all 200 by the SHA-1 of the question's UTF-8 text and
    # they alternate dev3, blind3, dev3, … Anyone can redo it; nobody hand-picked which half is sealed.
    qs = search_eval.load(built_site)
    side = {q: "dev3" for q, _ in qs.dev3} | {q: "blind3" for q, _ in qs.blind3}
    order = sorted(side, key=lambda q: hashlib.sha1(q.encode("utf-8")).hexdigest())
    wrong = sum(side[q] != ("dev3" if i % 2 == 0 else "blind3") for i, q in enumerate(order))
    total = len(order)  # plain numbers: pytest would otherwise print the list (blind3's questions) on failure
    assert total == 200 and wrong == 0, f"{wrong} 个问题不在按 SHA-1 排序交替分配应在的文件里（共 {total} 个）"


def test_round5_spreads_over_the_handbook(built_site: Path) -> None:
    # As for blind2: at most three first answers per page in each file (glossary excepted).
    qs = search_eval.load(built_site)
    crowded = _crowded(qs.dev3)
    assert not crowded, f"dev3.yml 中这些页面是超过三个问题的首个答案：{crowded}"
    sealed = len(_crowded(qs.blind3))  # sealed: how many pages, never which
    assert sealed == 0, f"blind3.yml 中有 {sealed} 个页面是超过三个问题的首个答案"
