"""Fault corpus: hostile or mistaken input is a located Chinese problem, never a traceback, and writes nothing.

Each case edits a copy of the small handbook (with its quiz bank) in one way an
editor or a broken checkout can, then runs ``build`` on a docs/ that holds the
previous good pages: the run must fail with ``file:line:column: [code]`` and a
fix, print no traceback, and leave every byte of docs/ as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import QUIZZES, REPO, edit, run_cli

ROLE = "data/roles/agent.yml"
RULES = "data/rules/callback-rules.yml"
BANK = "quizzes/service-basics.yml"
FILL = """  - id: q-fault-fill
    type: 填空
    prompt: 工号是多少？
    answers: [{answer}]
    tests: [cb-open]
"""


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(root), *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: edit(root, rel, old, new)


def _raw(rel: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new, 1))

    return apply


def _fill(answer: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with (root / BANK).open("a", encoding="utf-8") as out:
            out.write(FILL.format(answer=answer))

    return apply


def _nested(root: Path) -> None:
    (root / "data/rules/deep.yml").write_text("id: deep\nnotes: " + "[" * 450 + "]" * 450 + "\n", encoding="utf-8")


def _dangling(root: Path) -> None:
    (root / "data/rules/moved.yml").symlink_to(root / "data/rules/does-not-exist.yml")


@dataclass(frozen=True)
class Fault:
    name: str
    apply: Callable[[Path], None]
    where: str  # "path:line:column: [code]" the first line of the problem starts with


# The fill-in answer appended to the bank sits on the fourth line after the bank's own.
FILL_AT = f"{BANK}:{len((QUIZZES / 'service-basics.yml').read_text(encoding='utf-8').splitlines()) + 4}:15"
CORPUS = [
    Fault("cr-in-nav-title", _replace(ROLE, "title: 客服专员", 'title: "客服\\r专员"'), f"{ROLE}:2:11: [control-char]"),
    Fault("raw-cr-in-text", _raw(ROLE, "负责接待".encode(), "负责\r接待".encode()), f"{ROLE}:3:12: [control-char]"),
    Fault("nul-byte", _raw(ROLE, "客服部".encode(), "客服\x00部".encode()), f"{ROLE}:5:15: [control-char]"),
    Fault("bidi-override", _replace(RULES, "一个避免", "一个\u202e避免"), f"{RULES}:3:12: [control-char]"),
    Fault("zero-width-space", _replace(RULES, "三天内回访", "三天\u200b内回访"), f"{RULES}:9:14: [control-char]"),
    Fault("soft-hyphen", _replace(RULES, "回访时限", "回访\u00ad时限"), f"{RULES}:13:18: [control-char]"),
    Fault("c1-control-escape", _replace(ROLE, "department: 客服部", 'department: "客服\\x85部"'), f"{ROLE}:5:16: [control-char]"),
    Fault("newline-in-title", _replace(ROLE, "title: 客服专员", 'title: "客服专员\\n# 标题"'), f"{ROLE}:2:13: [single-line]"),
    Fault("leading-zero-0100", _fill("0100"), f"{FILL_AT}: [ambiguous-scalar]"),
    Fault("leading-zero-010", _fill("010"), f"{FILL_AT}: [ambiguous-scalar]"),
    Fault("leading-zero-id", _replace(RULES, "id: cb-within-3-days", "id: 0123"), f"{RULES}:8:9: [ambiguous-scalar]"),
    Fault("sexagesimal", _fill("1:30"), f"{FILL_AT}: [ambiguous-scalar]"),
    Fault("underscores", _fill("1_000"), f"{FILL_AT}: [ambiguous-scalar]"),
    Fault("infinity", _replace(RULES, "value: 3", "value: .inf"), f"{RULES}:14:16: [ambiguous-scalar]"),
    Fault("not-a-number", _replace(RULES, "value: 3", "value: .nan"), f"{RULES}:14:16: [ambiguous-scalar]"),
    Fault("overflowing-float", _replace(RULES, "value: 3", "value: 1.0e+999"), f"{RULES}:14:16: [ambiguous-scalar]"),
    Fault("5000-digit-number", _replace(RULES, "value: 3", "value: " + "9" * 5000), f"{RULES}:14:16: [ambiguous-scalar]"),
    Fault("nesting-450-levels", _nested, "data/rules/deep.yml:2:57: [yaml-too-deep]"),
    Fault("dangling-symlink", _dangling, "data/rules/moved.yml:1:1: [unreadable-file]"),
]


@pytest.fixture
def project(mini: Path) -> Path:
    shutil.copytree(QUIZZES, mini / "quizzes")
    result = _cli(mini, "build")
    assert result.returncode == 0, result.stderr
    return mini


def _fails_located(result: subprocess.CompletedProcess[str], where: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    heads = [line for line in result.stderr.splitlines() if line.startswith(where)]
    assert heads, f"no problem at {where}:\n{result.stderr}"
    assert "修改方法：" in result.stderr
    assert "未生成任何页面" in result.stderr


@pytest.mark.parametrize("fault", CORPUS, ids=[f.name for f in CORPUS])
def test_fault_is_located_and_writes_nothing(project: Path, fault: Fault) -> None:
    docs = _snapshot(project / "docs")
    fault.apply(project)
    _fails_located(_cli(project, "check"), fault.where)
    _fails_located(_cli(project, "build"), fault.where)
    assert _snapshot(project / "docs") == docs


def test_unreadable_file_is_located(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the read itself is made to fail as it does for an ordinary user."""
    target = project / RULES
    target.chmod(0)
    if os.access(target, os.R_OK):
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == target:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    docs = _snapshot(project / "docs")
    result = run_cli("build", root=project)
    target.chmod(0o644)
    assert result.code == 1
    assert f"{RULES}:1:1: [unreadable-file]" in result.err
    assert _snapshot(project / "docs") == docs


def test_unwritable_docs_is_a_clear_cli_error(project: Path) -> None:
    """docs/ that cannot be written (a file in its place stops root too): exit 2, one Chinese line, no traceback."""
    edit(project, ROLE, "title: 客服专员", "title: 客服专员（新）")
    roles = project / "docs/roles"
    shutil.rmtree(roles)
    roles.write_text("not a folder", encoding="utf-8")
    docs = _snapshot(project / "docs")
    result = _cli(project, "build")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2
    assert "无法写入" in result.stderr and "docs/roles" in result.stderr
    assert _snapshot(project / "docs") == docs


def test_line_breaks_are_kept_out_only_of_single_line_fields(mini: Path) -> None:
    """A story may span lines (the schema marks it multiline) and renders as one paragraph; a title may not."""
    with (mini / RULES).open("a", encoding="utf-8") as out:
        out.write("cases:\n  - title: 一次回访\n    story: |\n      第一行\n      # 第二行\n    lesson: 及时。\n")
    assert _cli(mini, "check").returncode == 0
    assert _cli(mini, "build").returncode == 0
    page = (mini / "docs/rules/callback-rules.md").read_text(encoding="utf-8")
    assert "第一行 \\# 第二行" in page
    schema = (REPO / "schemas/rules.schema.json").read_text(encoding="utf-8")
    assert '"multiline": true' in schema
