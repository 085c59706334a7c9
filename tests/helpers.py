"""Helpers every test module shares: paths, the CLI runner, editing a copy, builds, a loopback server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts_gen.cli import main
from scripts_gen.problems import HandbookError
from scripts_gen.project import load_handbook

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
MINI = TESTS / "fixtures" / "mini"
QUIZZES = TESTS / "fixtures" / "quiz" / "quizzes"
GOLDEN = TESTS / "golden" / "mini"
ARTIFACTS = REPO / "test-artifacts"
MKDOCS_ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1735689600"}


def problems(root: Path) -> list[str]:
    """Formatted problems of loading ``root`` (empty when it is valid)."""
    try:
        load_handbook(root)
    except HandbookError as err:
        return [p.format() for p in err.problems]
    return []


def heads(root: Path) -> list[str]:
    """Only the first line of each problem: ``path:line:col: [code] message``."""
    return [p.splitlines()[0] for p in problems(root)]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, root: Path | None = None, stdin: str = "", subprocess_: bool = False, cwd: Path | None = None) -> Run:
    """``python -m scripts_gen [--root ROOT] ARGS``: in process (fast) or, with ``subprocess_``, as a user runs it."""
    argv = [*(["--root", str(root)] if root else []), *args]
    if subprocess_:
        done = subprocess.run(
            [sys.executable, "-m", "scripts_gen", *argv], cwd=cwd or REPO, input=stdin, capture_output=True, text=True, check=False
        )
        return Run(done.returncode, done.stdout, done.stderr)
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        sys.stdin = old
    return Run(code, out.getvalue(), err.getvalue())


def mkdocs_build(root: Path, out: Path, env: dict[str, str] | None = None, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``root`` (with ``config``, default its mkdocs.yml) into ``out``."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(config or root / "mkdocs.yml"), "-d", str(out)],
        cwd=root,
        env={**MKDOCS_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def repo_copy(dest: Path) -> Path:
    """The repository's sources (working tree, uncommitted edits included) at ``dest``, sharing its Git history.

    Building the real handbook here instead of in the repository keeps a test run from
    rewriting the developer's docs/ (with test settings) while they serve or build.
    """
    for name in ("data", "quizzes", "overrides", "docs/assets"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copytree(REPO / "scripts_gen", dest / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs-print.yml", "pagefind.yml"):
        shutil.copy(REPO / name, dest / name)
    # Last-changed dates and the 本次更新 page come from `git log` of data/.
    git_dir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=REPO, capture_output=True, text=True, check=True)
    (dest / ".git").write_text(f"gitdir: {git_dir.stdout.strip()}\n", encoding="utf-8")
    return dest


def pagefind_index(site: Path) -> subprocess.CompletedProcess[str]:
    """Index a built site with the pinned Pagefind (``make site`` does the same), using pagefind.yml."""
    return subprocess.run(
        [str(REPO / "node_modules" / ".bin" / "pagefind"), "--site", str(site), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (instant navigation needs http, not file://); yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def screenshot(tab: Any, name: str) -> Path:
    """Save a screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path


REPO_URL = "https://git.example.com/kefu/kefu-handbook"
CASE_TITLE = "[点我](javascript:window.__kfHacked=2) <b>粗</b>"
HOSTILE_CASES = f"""cases:
  - title: "{CASE_TITLE}"
    story: "经过 :smile: <script>window.__kfHacked=3</script> *强调*"
    lesson: "| 表格 | 注入 | ![图](https://cdn.example.com/x.png)"
"""


def build_hostile_site(tmp: Path) -> Path:
    """The small handbook with markup, links, scripts and emoji shortcodes in valid data, built by MkDocs; its site folder."""
    root = tmp / "book"
    shutil.copytree(MINI, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "scripts_gen", root / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    if (REPO / "overrides").is_dir():
        shutil.copytree(REPO / "overrides", root / "overrides")
    edit(root, "data/sources.yml", "file: 001_example.txt", "file: '<img src=x onerror=\"window.__kfHacked=1\">'")
    edit(root, "data/roles/agent.yml", "title: 客服专员", "title: '客服](javascript:alert(1)) :smile: 专员'")
    edit(root, "data/rules/callback-rules.yml", "statement: 必须保证在三天之内回访。", "statement: '必须保证在三天之内回访 :smile: :+1:。'")
    with (root / "data/rules/callback-rules.yml").open("a", encoding="utf-8") as out:
        out.write(HOSTILE_CASES)
    site = root / "site"
    result = mkdocs_build(root, site, env={"KEFU_REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr
    return site
