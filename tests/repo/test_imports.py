"""The package's shape: layers import only downward, no cycle, no lazy import to dodge one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

PACKAGE = REPO / "scripts_gen"
# Lower layers first: a module may import from its own layer and the ones before it.
# "base" is problems, yamldoc and argparse_zh; "entry" the command line and the MkDocs hook.
LAYERS = ("base", "handbook", "taboo", "quiz", "project", "site", "entry")
ENTRY = {"scripts_gen.cli", "scripts_gen.mkdocs_hooks", "scripts_gen.__main__"}


def _name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(imported scripts_gen module, line, inside a function) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("scripts_gen"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.append((sub if sub in known else node.module, node.lineno, id(node) in nested))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(("<relative>", node.lineno, id(node) in nested))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in nested) for a in node.names if a.name.startswith("scripts_gen")]
    return found


def _layer(module: str) -> str:
    if module in ENTRY:
        return "entry"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "base"


def _graph() -> tuple[dict[str, set[str]], list[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    gaps = []
    for module, path in modules.items():
        for target, line, lazy in _imports(path, set(modules)):
            where = f"{path.relative_to(REPO)}:{line}"
            if target == "<relative>":
                gaps.append(f"{where}: 相对导入，请写 from scripts_gen.… import …")
                continue
            if lazy:
                gaps.append(f"{where}: 函数内导入 {target}（不要用延迟导入绕开循环）")
            if target in graph:
                graph[module].add(target)
            here, there = _layer(module), _layer(target)
            if LAYERS.index(there) > LAYERS.index(here):
                gaps.append(f"{where}: {here} 层向上导入了 {target}（{there} 层）")
    return graph, gaps


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_cycle_and_layers_import_downward() -> None:
    graph, gaps = _graph()
    cycle = _cycle(graph)
    assert not cycle, " → ".join(cycle)
    assert not gaps, "\n".join(gaps)


def test_cycle_detector_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("package", ["handbook", "taboo", "quiz", "site"])
def test_each_subpackage_imports_on_its_own(package: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import scripts_gen.{package}"], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
