"""Documentation coverage: is every rule, branch, taboo and step fully documented?

"Documented" is defined per kind below (one function each) and reported like
coverage.py: per kind documented / quizzed / total, then every gap as
``file:line: id: what is missing``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from scripts_gen.handbook import models
from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.kinds import BY_KEY
from scripts_gen.yamldoc import Loc

KIND_LABELS = {
    "rule": "规范条目",
    "branch": "话术分支",
    "taboo": "禁语",
    "process-step": "流程步骤",
    "duty": "岗位职责",
}


@dataclass(frozen=True)
class Item:
    """One thing the handbook promises to document."""

    kind: str
    ident: str
    path: str
    line: int
    missing: tuple[str, ...]

    @property
    def documented(self) -> bool:
        return not self.missing


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)
    quizzed: set[str] = field(default_factory=set)
    quizzes_known: bool = False

    def by_kind(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = {k: [] for k in KIND_LABELS}
        for item in self.items:
            grouped[item.kind].append(item)
        return grouped

    def gaps(self) -> list[str]:
        lines = [f"{i.path}:{i.line}: {i.ident}: 缺少{'、'.join(i.missing)}" for i in self.items if i.missing]
        if self.quizzes_known:
            lines += [
                f"{i.path}:{i.line}: {i.ident}: 没有测验题"
                for i in self.items
                if i.kind in ("rule", "branch") and i.ident not in self.quizzed
            ]
        return sorted(lines)

    def percent(self) -> float:
        total = len(self.items)
        return 100.0 if total == 0 else 100.0 * sum(i.documented for i in self.items) / total


def _rule(rule: models.Rule) -> list[str]:
    missing = []
    if not rule.rationale.strip():
        missing.append("理由（rationale）")
    if not (rule.good or rule.bad or rule.notes):
        missing.append("示例或说明（good / bad / notes）")
    return missing


def _branch(branch: models.Branch) -> list[str]:
    g = branch.guidance
    return [] if (g.when or g.why or g.avoid).strip() else ["使用指导（guidance 的 when / why / avoid 至少一项）"]


def _taboo(taboo: models.Taboo) -> list[str]:
    return [] if taboo.alternatives and taboo.reason else ["理由或替代说法"]


def _step(step: models.ProcessStep) -> list[str]:
    return [] if step.outputs else ["产出记录（outputs）"]


def _items(
    book: Handbook, kind: str, field_path: Callable[[Any], Iterator[tuple[Loc, Any]]], label: str, judge: Callable[[Any], list[str]]
) -> Iterator[Item]:
    for loaded in book.of(BY_KEY[kind]):
        for loc, node in field_path(loaded.entry):
            line = loaded.doc.where((*loc, "id"))[0]
            yield Item(label, node.id, loaded.path, line, tuple(judge(node)))


def _rules(e: models.RuleSet) -> Iterator[tuple[Loc, Any]]:
    return ((("rules", i), r) for i, r in enumerate(e.rules))


def _branches(e: models.Script) -> Iterator[tuple[Loc, Any]]:
    return ((("steps", i, "branches", j), b) for i, s in enumerate(e.steps) for j, b in enumerate(s.branches))


def _taboos(e: models.TabooSet) -> Iterator[tuple[Loc, Any]]:
    return ((("taboos", i), t) for i, t in enumerate(e.taboos))


def _steps(e: models.Process) -> Iterator[tuple[Loc, Any]]:
    return ((("steps", i), s) for i, s in enumerate(e.steps))


def _duties(book: Handbook) -> Iterator[Item]:
    for loaded in book.roles:
        role: models.Role = loaded.entry
        for i, area in enumerate(role.duties):
            line = loaded.doc.where(("duties", i, "area"))[0]
            yield Item("duty", f"{role.id}#{i + 1}", loaded.path, line, () if area.items else ("职责内容",))


def measure(book: Handbook, quizzed: set[str] | None = None) -> Report:
    """Coverage of ``book``; ``quizzed`` is the set of ids some question tests, when known."""
    items = [
        *_items(book, "rules", _rules, "rule", _rule),
        *_items(book, "scripts", _branches, "branch", _branch),
        *_items(book, "taboos", _taboos, "taboo", _taboo),
        *_items(book, "processes", _steps, "process-step", _step),
        *_duties(book),
    ]
    return Report(items, quizzed or set(), quizzed is not None)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(cells: list[str]) -> str:
    widths = (10, 10, 8, 6, 8)
    first = cells[0] + " " * (widths[0] - _width(cells[0]))
    rest = [" " * (w - _width(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)]
    return first + "".join(rest)


def rows(report: Report) -> list[list[str]]:
    """Per kind: label, documented, quizzed (or —), total, percent; then the total."""
    result = []
    for kind, items in report.by_kind().items():
        done = sum(i.documented for i in items)
        quizzed = str(sum(i.ident in report.quizzed for i in items)) if report.quizzes_known and kind in ("rule", "branch") else "—"
        pct = 100.0 if not items else 100.0 * done / len(items)
        result.append([KIND_LABELS[kind], str(done), quizzed, str(len(items)), f"{pct:.1f}%"])
    done_all = sum(i.documented for i in report.items)
    result.append(["合计", str(done_all), "", str(len(report.items)), f"{report.percent():.1f}%"])
    return result


def table(report: Report) -> list[str]:
    """The summary table for a terminal, aligned for Chinese (double-width) characters."""
    return [_row(["类别", "已文档化", "有测验", "总数", "覆盖率"])] + [_row(r) for r in rows(report)]
