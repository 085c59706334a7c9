"""Apply the taboo list to the handbook itself.

The taboo entries must pass their own specs, every recommended alternative
must be clean, and the agent's words in scripts (and good rule examples) must
never say what the handbook forbids. Customer lines and bad examples are out
of scope on purpose: they are allowed to show the wrong thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scripts_gen.handbook.book import Handbook, Loaded
from scripts_gen.handbook.models import Taboo
from scripts_gen.problems import Problem
from scripts_gen.taboo.matcher import Matcher, SpecProblem, check_alternatives, check_specs
from scripts_gen.taboo.required import STEP, Requirement, said
from scripts_gen.yamldoc import Loc


def all_taboos(book: Handbook) -> list[Taboo]:
    """Every taboo, each carrying its page's channels unless it names its own."""
    return [t if t.channels or not item.entry.channels else t.model_copy(update={"channels": item.entry.channels})
            for item in book.taboos for t in item.entry.taboos]


def _spec_problem(book: Handbook, sp: SpecProblem, code: str) -> Problem:
    for item in book.taboos:
        for i, taboo in enumerate(item.entry.taboos):
            if taboo.id == sp.taboo_id:
                line, column = item.doc.where(("taboos", i, *sp.loc))
                return Problem(item.path, line, column, code, sp.message, sp.fix)
    return Problem("data/taboos", 1, 1, code, sp.message, sp.fix)


def spec_problems(book: Handbook, matcher: Matcher) -> list[Problem]:
    """Failing ``specs`` examples, and alternatives that are themselves taboo."""
    taboos = all_taboos(book)
    found = [_spec_problem(book, sp, "taboo-spec") for sp in check_specs(taboos, matcher)]
    return found + [_spec_problem(book, sp, "taboo-alternative") for sp in check_alternatives(taboos, matcher)]


def _agent_texts(item: Loaded[Any]) -> Iterator[tuple[Loc, str]]:
    entry = item.entry
    for i, step in enumerate(getattr(entry, "steps", [])):
        if getattr(step, "agent", ""):
            yield ("steps", i, "agent"), step.agent
        for j, branch in enumerate(getattr(step, "branches", [])):
            yield ("steps", i, "branches", j, "agent"), branch.agent
    for i, rule in enumerate(getattr(entry, "rules", [])):
        for j, good in enumerate(rule.good):
            yield ("rules", i, "good", j), good


def usage_problems(book: Handbook, matcher: Matcher) -> list[Problem]:
    """Every taboo phrase in an agent's wording or a good example."""
    found = []
    items: list[Loaded[Any]] = [*book.scripts, *book.rules]
    for item in items:
        channel = getattr(item.entry, "channel", None)
        for loc, text in _agent_texts(item):
            for match in matcher.find(text, channel):
                line, column = item.doc.where_in(loc, match.start)
                found.append(
                    Problem(
                        item.path,
                        line,
                        column,
                        "uses-taboo",
                        f"客服用语中出现禁语“{match.matched_text}”（{match.taboo_id}）。",
                        f"换成推荐说法，例如：{'；'.join(match.suggestions[:2])}",
                    )
                )
    return found


def requirements(book: Handbook) -> list[Requirement]:
    """Required wording from rules (opening / closing) and script steps, in handbook order."""
    found: list[Requirement] = []
    for rules in book.rules:
        for rule in rules.entry.rules:
            if rule.required is not None:
                need = rule.required
                found.append(Requirement(rule.id, rule.title, need.position, need.within, tuple(need.any_of),
                                         frozenset(need.channels or rules.entry.channels)))
    for script in book.scripts:
        for step in script.entry.steps:
            if step.required:
                found.append(Requirement(step.id, step.title, STEP, 0, tuple(step.required),
                                         frozenset({script.entry.channel}), script.entry.id))
    return found


def required_problems(book: Handbook) -> list[Problem]:
    """Required wording the handbook's own examples never say: the rule would fail every agent."""
    found: list[Problem] = []
    for rules in book.rules:
        for i, rule in enumerate(rules.entry.rules):
            if rule.required is None:
                continue
            req = Requirement(rule.id, rule.title, rule.required.position, rule.required.within,
                              tuple(rule.required.any_of))
            if not any(said(req, good) for good in rule.good):
                line, column = rules.doc.where(("rules", i, "required", "any_of"))
                found.append(Problem(rules.path, line, column, "required-wording",
                                     f"规范 {rule.id} 要求的必说内容“{'、'.join(rule.required.any_of)}”"
                                     "在它自己的正确示例（good）里一条也没有出现。",
                                     "在 good 里补一条说到它的示例，或修改 any_of。"))
    for script in book.scripts:
        for i, step in enumerate(script.entry.steps):
            texts = [step.agent, *(b.agent for b in step.branches)]
            req = Requirement(step.id, step.title, STEP, 0, tuple(step.required))
            if step.required and not any(said(req, text) for text in texts):
                line, column = script.doc.where(("steps", i, "required"))
                found.append(Problem(script.path, line, column, "required-wording",
                                     f"话术步骤 {step.id} 的必说内容“{'、'.join(step.required)}”与这一步自己的话术对不上。",
                                     "让 required 中至少一条出现在这一步的 agent 里（“…”可代表中间的字）。"))
    return found


def problems(book: Handbook) -> list[Problem]:
    """The taboo list applied to the handbook: failing specs first, then taboo wording.

    Wording is checked only once the specs pass, since a broken spec means the
    matcher itself cannot be trusted yet.
    """
    matcher = Matcher(all_taboos(book))
    found = spec_problems(book, matcher) + required_problems(book)
    return found or usage_problems(book, matcher)
