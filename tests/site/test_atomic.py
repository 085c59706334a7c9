"""Builds are all-or-nothing and safe to run at once: docs/ and site/ are either the old or the new version."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import REPO, edit, mkdocs_build

from scripts_gen.site.writing import build_lock

TITLE = "title: 客服专员"
# Runs the build command, killed (SIGKILL, no clean-up) when it writes its third file.
KILLED_BUILD = """
import os, signal, sys
from scripts_gen.site import writing
real, calls = writing._write, []
def write(path, text):
    calls.append(path)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(path, text)
writing._write = write
from scripts_gen.cli import main
sys.exit(main(["--root", sys.argv[1], "build"]))
"""


def _cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scripts_gen", "--root", str(root), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    proc = _cli(root, *args, env=env)
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if ".staging-" in p.name or ".building-" in p.name or ".old-" in p.name)


def test_concurrent_builds_all_succeed(tmp_path: Path) -> None:
    """Five builds of the real handbook into an empty docs/ at once (each has every page to write)."""
    root = tmp_path / "book"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "quizzes", root / "quizzes")
    procs = [_cli(root, "build") for _ in range(5)]
    results = [(p.wait(timeout=600), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0] * 5, results
    assert not any("Traceback" in err for _, err in results)
    written = _snapshot(root / "docs")
    shutil.rmtree(root / "docs")
    assert _run(root, "build")[0] == 0
    assert _snapshot(root / "docs") == written
    assert not [p for p in (root / "docs").rglob("*") if p.name.endswith(".tmp")]
    assert _leftovers(root) == []


def test_killed_build_leaves_docs_as_they_were(mini: Path) -> None:
    assert _run(mini, "build")[0] == 0
    before = _snapshot(mini / "docs")
    edit(mini, "data/roles/agent.yml", TITLE, "title: 客服专员（新）")
    edit(mini, "data/rules/callback-rules.yml", "title: 回访规范", "title: 回访规范（新）")
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(mini)], cwd=REPO, capture_output=True, text=True, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert _snapshot(mini / "docs") == before  # no page, no navigation, no stray temporary file
    code, out, _ = _run(mini, "build")
    assert code == 0 and "删除 0 个" in out
    assert _leftovers(mini) == []
    assert "客服专员（新）" in (mini / "docs/SUMMARY.md").read_text(encoding="utf-8")


def test_a_second_build_waits_and_then_says_why(mini: Path) -> None:
    (mini / "docs").mkdir()
    with build_lock(mini / "docs"):
        code, _, err = _run(mini, "build", env={"KEFU_BUILD_LOCK_WAIT": "1"})
    assert code == 2, err
    assert "另一个构建正在进行" in err and "Traceback" not in err
    assert not (mini / "docs/SUMMARY.md").exists()
    assert _run(mini, "build")[0] == 0  # the lock is released with its holder


def _project(mini: Path) -> Path:
    shutil.copy(REPO / "mkdocs.yml", mini / "mkdocs.yml")
    shutil.copytree(REPO / "scripts_gen", mini / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", mini / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    if (REPO / "overrides").is_dir():
        shutil.copytree(REPO / "overrides", mini / "overrides")
    return mini


def test_carriage_return_in_a_nav_title_is_a_problem_not_a_crash(mini: Path, tmp_path: Path) -> None:
    project = _project(mini)
    edit(project, "data/roles/agent.yml", TITLE, 'title: "客服\\r专员"')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "data/roles/agent.yml:2:11: [control-char]" in result.stderr


def test_site_is_replaced_only_by_a_complete_build(mini: Path) -> None:
    project = _project(mini)
    site = project / "site"
    code, _, err = _run(project, "site")
    assert code == 0, err
    assert (site / "404.html").is_file() and (site / "rules/callback-rules/index.html").is_file()
    before = _snapshot(site)

    edit(project, "data/roles/agent.yml", TITLE, 'title: "客服\\r专员"')
    code, _, err = _run(project, "site")
    assert code != 0 and "[control-char]" in err and "Traceback" not in err
    assert _snapshot(site) == before

    edit(project, "data/roles/agent.yml", 'title: "客服\\r专员"', "title: 客服专员（新）")
    proc = _cli(project, "site")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not any(p.is_file() for d in project.glob(".site.building-*") for p in d.rglob("*")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _snapshot(site) == before  # killed mid-build: the old site, whole

    code, _, err = _run(project, "site")
    assert code == 0, err
    assert "客服专员（新）" in (site / "roles/agent/index.html").read_text(encoding="utf-8")
    assert (site / "404.html").is_file() and (site / "rules/callback-rules/index.html").is_file()
    assert _leftovers(project) == []
