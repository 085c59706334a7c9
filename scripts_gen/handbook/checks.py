"""Checks that need the whole handbook: ids, references, KPI sums, script graphs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scripts_gen.handbook import synonyms, terminology
from scripts_gen.handbook.book import Handbook, Loaded, field_of
from scripts_gen.handbook.scriptgraph import END, check_script
from scripts_gen.problems import Problem, closest, did_you_mean, located
from scripts_gen.yamldoc import Loc


def _all_items(book: Handbook) -> Iterator[Loaded[Any]]:
    # Sorted by path, so "already used in …" always names the same file.
    yield from sorted((item for _, item in book.everything()), key=lambda i: i.path)
    if book.glossary:
        yield book.glossary


def collect_ids(book: Handbook) -> tuple[dict[str, tuple[Loaded[Any], Loc]], list[Problem]]:
    """Map every id to where it is defined; report duplicates and reserved ids."""
    seen: dict[str, tuple[Loaded[Any], Loc]] = {}
    problems = []
    for item in _all_items(book):
        for loc, node in item.nodes:
            ident = field_of(node, "id")
            if not isinstance(ident, str):
                continue
            if ident == END:
                problems.append(
                    located(
                        item.doc,
                        (*loc, "id"),
                        "reserved-id",
                        "“end”是保留字，表示话术结束，不能用作编号。",
                        "换一个编号，例如 callback-end-step。",
                    )
                )
            elif ident in seen:
                first, first_loc = seen[ident]
                line, _ = first.doc.where((*first_loc, "id"))
                problems.append(
                    located(
                        item.doc,
                        (*loc, "id"),
                        "duplicate-id",
                        f"编号“{ident}”重复：已在 {first.path}:{line} 使用。",
                        "全手册的编号必须唯一；给其中一个加上所属页面的前缀，例如 callback-satisfied。",
                    )
                )
            else:
                seen[ident] = (item, loc)
    return seen, problems


def _file_names(book: Handbook) -> list[Problem]:
    problems = []
    for _, item in book.everything():
        stem = item.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if item.entry.id != stem:
            problems.append(
                located(
                    item.doc,
                    ("id",),
                    "id-filename",
                    f"编号“{item.entry.id}”与文件名“{stem}”不一致。",
                    f"把文件改名为 {item.entry.id}.yml，或把 id 改为 {stem}。",
                )
            )
    return problems


def _references(book: Handbook, ids: dict[str, tuple[Loaded[Any], Loc]]) -> list[Problem]:
    roles = {i.entry.id for i in book.roles}
    problems = []
    for item in _all_items(book):
        entry = item.entry
        for field in ("roles", "audience"):
            for i, ref in enumerate(getattr(entry, field, [])):
                if ref not in roles and ref not in book.pending:
                    problems.append(_unknown(item, (field, i), ref, roles, "岗位"))
        for i, ref in enumerate(getattr(entry, "related", [])):
            if ref not in ids and ref not in book.pending:
                problems.append(_unknown(item, ("related", i), ref, set(ids), "条目"))
    return problems


def _unknown(item: Loaded[Any], loc: Loc, ref: str, known: set[str], what: str) -> Problem:
    close = closest(ref, known)
    hint = did_you_mean(ref, known)
    return located(
        item.doc,
        loc,
        "unknown-ref",
        f"引用了不存在的{what}编号“{ref}”。{hint}",
        f"写一个已有的{what}编号{('，例如 ' + close) if close else ''}，或先创建该{what}。",
    )


def _sources(book: Handbook) -> list[Problem]:
    if book.sources is None and "sources" in book.pending:
        return []  # data/sources.yml exists but did not load; its own problems say why.
    if book.sources is None:
        return [
            Problem(
                "data/sources.yml", 1, 1, "missing-file", "缺少资料来源文件 data/sources.yml。", "创建该文件，列出每份来源文档及其章节。"
            )
        ]
    known = {s.id for d in book.sources.entry.documents for s in d.sections} | {"general"}
    problems = []
    for item in _all_items(book):
        for loc, node in item.nodes:
            for i, ref in enumerate(field_of(node, "sources") or []):
                if ref not in known and ref not in book.pending:
                    problems.append(_unknown(item, (*loc, "sources", i), ref, known, "出处章节"))
    return problems


def _kpis(book: Handbook) -> list[Problem]:
    problems = []
    for item in book.roles:
        groups = item.entry.kpis
        for g, group in enumerate(groups):
            total = sum(k.weight for k in group.items)
            if total != group.weight:
                parts = " + ".join(str(k.weight) for k in group.items)
                problems.append(
                    located(
                        item.doc,
                        ("kpis", g, "weight"),
                        "kpi-sum",
                        f"指标组“{group.name}”的权重是 {group.weight}%，但组内各项相加为 {parts} = {total}%。",
                        "调整组内各项权重或该组的 weight，使两者相等。",
                    )
                )
        if groups and (total := sum(g.weight for g in groups)) != 100:
            problems.append(
                located(
                    item.doc,
                    ("kpis",),
                    "kpi-sum",
                    f"各指标组权重之和为 {total}%，应为 100%。",
                    "调整各组的 weight，使总和为 100。",
                    key=True,
                )
            )
    return problems


# Alias fields and the heading each stands beside (None: the node's own title or term).
ALIAS_FIELDS = (("aliases", None), ("qualifications_aliases", "任职资格"))


def _aliases(book: Handbook) -> list[Problem]:
    """An alias repeated, or equal to the title it stands beside, finds nothing new."""
    problems = []
    for item in _all_items(book):
        for loc, node in item.nodes:
            for name, heading in ALIAS_FIELDS:
                aliases = field_of(node, name)
                if aliases:  # most nodes have none (or no such field)
                    title = heading or field_of(node, "title") or field_of(node, "term") or field_of(node, "condition")
                    problems += _alias_problems(item, (*loc, name), aliases, title)
    return problems


def _alias_problems(item: Loaded[Any], loc: Loc, aliases: list[str], name: object) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, alias in enumerate(aliases):
        # An alias inside its own title finds nothing new and, weighted, pulls searches
        # for a part of the title to this heading ahead of the section that answers.
        inside = bool(name) and alias != name and alias in str(name)
        if alias == name or alias in seen or inside:
            what = "和标题相同" if alias == name else "已包含在标题里" if inside else "重复"
            problems.append(
                located(item.doc, (*loc, i), "alias-duplicate", f"搜索别名“{alias}”{what}。",
                        "别名只写正文里没有、新员工却可能输入的说法；删掉这一项。")
            )
        seen.add(alias)
    return problems


def check(book: Handbook) -> list[Problem]:
    """All whole-handbook problems among the entries that loaded (``book.pending`` names the ids of those that did not)."""
    ids, problems = collect_ids(book)
    problems += _file_names(book)
    problems += _references(book, ids)
    problems += _sources(book)
    problems += terminology.problems(book)
    problems += _kpis(book)
    problems += _aliases(book)
    problems += synonyms.problems(book)
    for item in book.scripts:
        problems += [located(item.doc, loc, *rest) for loc, *rest in check_script(item.entry)]
    return problems
