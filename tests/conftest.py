"""Shared fixtures: a small valid handbook to mutate, and problem helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts_gen import handbook
from scripts_gen.problems import HandbookError

REPO = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid handbook, safe to edit."""
    root = tmp_path / "book"
    shutil.copytree(MINI, root)
    return root


def problems(root: Path) -> list[str]:
    """Formatted problems of loading ``root`` (empty when it is valid)."""
    try:
        handbook.load(root)
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


# --- built site, served on loopback, and a real Chromium ----------------------

import contextlib  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

MKDOCS_ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1735689600"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``root`` into ``out``."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
        cwd=root,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


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


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real handbook's built site, served."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    path = shutil.which("chromium")
    if path is None:
        message = "缺少 chromium：请运行 make browser（或 sudo apt-get install chromium）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


ARTIFACTS = REPO / "test-artifacts"


def screenshot(tab: Any, name: str) -> Path:
    """Save a screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path
