"""The kinds of page-level entry: one typed table instead of parallel dicts.

Each kind names its folder (under data/ and docs/), its model, its Chinese
title and the one-line introduction on its index page. Order is the order of
the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts_gen.handbook.models import Entry, Guide, Process, Role, RuleSet, Script, TabooSet


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[Entry]
    title: str
    intro: str

    def page(self, ident: str) -> str:
        """The generated page of entry ``ident``, relative to docs/."""
        return f"{self.key}/{ident}.md"

    @property
    def template(self) -> str:
        return f"{self.key}.md.j2"


ROLES = Kind("roles", Role, "岗位", "每个岗位的职责、任职要求、技能等级、绩效考核，以及与之相关的话术、规范和流程。")
SCRIPTS = Kind("scripts", Script, "话术", "常用服务话术：按步骤展开，遇到客户不同回应时如何应对。")
TABOOS = Kind("taboos", TabooSet, "禁语", "服务中不能说的话、为什么不能说，以及更好的说法。")
RULES = Kind("rules", RuleSet, "规范", "各类工作的具体规范：要做什么、为什么、关键数字和正反示例。")
PROCESSES = Kind("processes", Process, "流程", "按顺序执行的工作流程：每一步谁负责、做什么、留下什么记录。")
GUIDES = Kind("guides", Guide, "指引", "班组长核心工作指引及其他管理指引。")

KINDS: tuple[Kind, ...] = (ROLES, SCRIPTS, TABOOS, RULES, PROCESSES, GUIDES)
BY_KEY: dict[str, Kind] = {k.key: k for k in KINDS}
