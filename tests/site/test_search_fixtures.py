"""The search question sets stay valid without a browser: every answer names a page and heading
the built site has, and blind.yml and blind2.yml repeat no question of the sets written before them,
even reworded trivially."""

from __future__ import annotations

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
    }
    for name, questions in sets.items():
        assert search_eval.unknown_answers(qs, questions) == [], f"{name}.yml 中这些答案在站点里找不到对应页面或标题"


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
