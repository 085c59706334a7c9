"""The search question sets stay valid without a browser: every answer names a page and heading
the built site has, and blind.yml repeats no question of the other sets, even reworded trivially."""

from __future__ import annotations

import re
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
    sets = {"queries": qs.questions, "heldout": qs.heldout, "sealed": qs.sealed, "fresh": qs.fresh, "blind": qs.blind}
    for name, questions in sets.items():
        assert search_eval.unknown_answers(qs, questions) == [], f"{name}.yml 中这些答案在站点里找不到对应页面或标题"


def test_blind_questions_are_new(built_site: Path) -> None:
    qs = search_eval.load(built_site)
    earlier = {_bare(q) for q, _ in qs.questions + qs.heldout + qs.sealed + qs.fresh} | {_bare(t) for t in qs.terms}
    repeated = [q for q, _ in qs.blind if _bare(q) in earlier]
    # Only the count: naming them would show which questions the other sets hold.
    assert len(qs.blind) >= 80 and not repeated, f"blind.yml 有 {len(repeated)} 个问题与其他问题集重复"
