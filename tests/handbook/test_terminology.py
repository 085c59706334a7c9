"""The terminology table: one word for one thing, enforced by check with a located fix."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, edit, heads, problems, run_cli

from scripts_gen.handbook import terminology
from scripts_gen.project import load_handbook

TABLE = """usage:
  - preferred: 客户
    avoid: [顾客, 买家]
    scope: 条目内
    allow: [顾客投诉登记表]
  - preferred: 首次问题解决率
    avoid: [一次解决率]
terms:
"""


def _with_table(mini: Path) -> None:
    edit(mini, "data/glossary.yml", "terms:\n", TABLE)


def test_mixed_words_in_one_entry_are_located_to_the_character(mini: Path) -> None:
    _with_table(mini)
    edit(mini, "data/rules/callback-rules.yml", "    statement: 必须保证在三天之内回访。", "    statement: 必须保证在三天之内回访顾客。")
    edit(mini, "data/rules/callback-rules.yml", "    good: [服务次日致电回访。]", "    good: [服务次日致电回访客户。]")
    assert heads(mini) == [
        "data/rules/callback-rules.yml:10:27: [term-variant] 用词不统一：“顾客”应写作“客户”（本条目其他地方用的是“客户”）。"
    ]
    fix = problems(mini)[0].splitlines()[1]
    assert "把“顾客”改为“客户”" in fix and "allow" in fix


def test_entry_scope_accepts_a_page_that_never_says_the_preferred_word(mini: Path) -> None:
    _with_table(mini)
    edit(mini, "data/rules/callback-rules.yml", "    statement: 必须保证在三天之内回访。", "    statement: 必须保证在三天之内回访顾客。")
    edit(mini, "data/rules/callback-rules.yml", "    rationale: 时间越久，客户记忆越模糊。", "    rationale: 时间越久，顾客记忆越模糊。")
    assert heads(mini) == []


def test_handbook_scope_quotes_form_titles_and_allowed_phrases(mini: Path) -> None:
    _with_table(mini)
    rules = "data/rules/callback-rules.yml"
    edit(mini, rules, "    rationale: 时间越久，客户记忆越模糊。", "    rationale: 时间越久，客户记忆越模糊，一次解决率也越低。")
    edit(mini, rules, "    bad: [一周后才回访。]", "    bad: [一周后才回访，原文称“顾客”，表格《顾客回访表》，顾客投诉登记表。]")
    assert heads(mini) == [
        "data/rules/callback-rules.yml:11:29: [term-variant] 用词不统一：“一次解决率”应写作“首次问题解决率”（全手册统一）。"
    ]


def test_check_cli_reports_and_fails(mini: Path) -> None:
    _with_table(mini)
    edit(mini, "data/rules/callback-rules.yml", "    rationale: 时间越久，客户记忆越模糊。", "    rationale: 时间越久，买家记忆越模糊。")
    edit(mini, "data/rules/callback-rules.yml", "    statement: 必须保证在三天之内回访。", "    statement: 必须保证在三天之内回访客户。")
    run = run_cli("check", root=mini)
    assert run.code == 1
    assert "[term-variant] 用词不统一：“买家”应写作“客户”" in run.out + run.err


def test_the_handbook_itself_follows_its_table() -> None:
    book = load_handbook(REPO)
    assert book.glossary is not None
    table = book.glossary.entry.usage
    preferred = {u.preferred for u in table}
    assert {"客户", "客服专员", "首次问题解决率"} <= preferred
    assert terminology.problems(book) == []
    # The table is not empty words: the variants do occur in the sources and were replaced.
    assert any(v in (REPO / "data" / "glossary.yml").read_text(encoding="utf-8") for u in table for v in u.avoid)


def test_variants_skip_quotations_and_find_every_occurrence() -> None:
    book = load_handbook(REPO)
    assert book.glossary is not None
    usage = next(u for u in book.glossary.entry.usage if u.preferred == "客户")
    found = list(terminology.variants("顾客说“顾客永远是对的”，买家在《顾客投诉登记表》上签字，顾客投诉登记表", usage))
    assert found == [(0, "顾客"), (13, "买家")]
