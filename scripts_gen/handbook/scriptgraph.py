"""Script steps form a graph: check it and list every path through it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from scripts_gen.handbook.models import Script
from scripts_gen.yamldoc import Loc

END = "end"

Edge = tuple[str, str, str | None]  # (from step, to step or end, branch id)


def edges(script: Script) -> list[Edge]:
    """Every transition: a step's ``next`` or one per branch."""
    result: list[Edge] = []
    for step in script.steps:
        if step.branches:
            result += [(step.id, b.next, b.id) for b in step.branches]
        elif step.next:
            result.append((step.id, step.next, None))
    return result


def check_script(script: Script) -> list[tuple[Loc, str, str, str]]:
    """Problems as (loc, code, message, fix)."""
    found: list[tuple[Loc, str, str, str]] = []
    ids = [s.id for s in script.steps]
    for i, step in enumerate(script.steps):
        found += _step_problems(i, step.id, bool(step.branches), step.next)
        for j, branch in enumerate(step.branches):
            if branch.next != END and branch.next not in ids:
                found.append(_dangling(("steps", i, "branches", j, "next"), branch.next, ids))
        if step.next and step.next != END and step.next not in ids:
            found.append(_dangling(("steps", i, "next"), step.next, ids))
    if found:
        return found
    return _unreachable(script) + _cycles(script)


def _step_problems(i: int, step_id: str, has_branches: bool, nxt: str | None) -> list[tuple[Loc, str, str, str]]:
    if has_branches and nxt:
        return [
            (
                ("steps", i, "next"),
                "script-next-conflict",
                f"步骤“{step_id}”同时写了 branches 和 next。",
                "有分支时删除 next，在每个分支里写 next。",
            )
        ]
    if not has_branches and not nxt:
        return [
            (
                ("steps", i),
                "script-dead-end",
                f"步骤“{step_id}”没有 next，也没有分支，话术会在这里中断。",
                "加上 `next: 下一步编号`；如果这是最后一步，写 `next: end`。",
            )
        ]
    return []


def _dangling(loc: Loc, target: str, ids: list[str]) -> tuple[Loc, str, str, str]:
    return (loc, "unknown-ref", f"next 指向不存在的步骤“{target}”。", f"写本话术中的步骤编号（{'、'.join(ids)}）或 end。")


def _unreachable(script: Script) -> list[tuple[Loc, str, str, str]]:
    reach, todo = set(), [script.steps[0].id]
    graph = _graph(script)
    while todo:
        node = todo.pop()
        if node in reach or node == END:
            continue
        reach.add(node)
        todo += graph.get(node, [])
    return [
        (
            ("steps", i, "id"),
            "script-unreachable",
            f"步骤“{s.id}”从开始步骤无法到达。",
            "在前面某一步或分支的 next 中指向它，或删除该步骤。",
        )
        for i, s in enumerate(script.steps)
        if s.id not in reach
    ]


def _graph(script: Script) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for src, dst, _ in edges(script):
        graph.setdefault(src, []).append(dst)
    return graph


def _cycles(script: Script) -> list[tuple[Loc, str, str, str]]:
    found: list[tuple[Loc, str, str, str]] = []
    start = script.steps[0].id
    _visit(script, _graph(script), {s.id: i for i, s in enumerate(script.steps)}, {}, found, start, [start])
    return found


# A module-level function, not a closure calling itself: such a closure is a reference cycle that keeps
# the script (and through the pages, the handbook) alive until the next full garbage collection.
def _visit(
    script: Script,
    graph: dict[str, list[str]],
    index: dict[str, int],
    state: dict[str, int],
    found: list[tuple[Loc, str, str, str]],
    node: str,
    trail: list[str],
) -> None:
    """Depth-first from ``node`` (reached by ``trail``): every ``next`` that closes a loop goes into ``found``."""
    state[node] = 1
    for nxt in graph.get(node, []):
        if nxt == END:
            continue
        if state.get(nxt) == 1:
            loop = " → ".join([*trail[trail.index(nxt) :], nxt])
            found.append(
                (
                    _next_loc(script, index[node], nxt),
                    "script-cycle",
                    f"话术出现循环：{loop}。",
                    "让循环中的某一步指向后面的步骤或 end。",
                )
            )
        elif nxt not in state:
            _visit(script, graph, index, state, found, nxt, [*trail, nxt])
    state[node] = 2


def _next_loc(script: Script, i: int, target: str) -> Loc:
    """Where the ``next`` that jumps from step ``i`` to ``target`` is written."""
    for j, branch in enumerate(script.steps[i].branches):
        if branch.next == target:
            return ("steps", i, "branches", j, "next")
    return ("steps", i, "next")


def paths(script: Script) -> Iterator[list[str]]:
    """Every path from the first step to the end, as step and branch ids."""
    graph: dict[str, list[tuple[str, str | None]]] = {}
    for src, dst, branch in edges(script):
        graph.setdefault(src, []).append((dst, branch))

    def go(node: str, trail: list[str]) -> Iterator[list[str]]:
        for dst, branch in graph.get(node, []):
            here = [*trail, branch] if branch else trail
            if dst == END:
                yield here
            else:
                yield from go(dst, [*here, dst])

    yield from go(script.steps[0].id, [script.steps[0].id])


Arrival = tuple[int, str, str | None]  # (number of the step it comes from, that step's id, branch id)


def arrivals(script: Script) -> dict[str, list[Arrival]]:
    """How a reader gets to each step that is not simply the one after the step above it.

    Steps are numbered in file order, so a step reached only through a branch (the customer is busy)
    reads like the next stage of every call unless the page says where it comes from.
    """
    number = {step.id: i + 1 for i, step in enumerate(script.steps)}
    came: dict[str, list[Arrival]] = {}
    for src, dst, branch in edges(script):
        if dst != END:
            came.setdefault(dst, []).append((number[src], src, branch))
    graph = _graph(script)
    above = {step.id: prev.id for prev, step in itertools.pairwise(script.steps)}
    # Plain sequence, nothing to say: every way out of the step above leads here, and nothing else does.
    return {
        dst: froms
        for dst, froms in came.items()
        if not (dst in above and {src for _, src, _ in froms} == {above[dst]} and set(graph[above[dst]]) == {dst})
    }
