"""The build command and the MkDocs build: nothing half-written, deterministic, warning-free."""

from __future__ import annotations

import filecmp
import gc
import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import MKDOCS_ENV, REPO, edit, mkdocs_build
from jinja2.runtime import Context
from pydantic import BaseModel

from bench.run import HOOK_CPU
from scripts_gen.site import writing
from scripts_gen.site.build import build
from scripts_gen.site.pages import OWNED


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts_gen", "--root", str(root), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def _project(mini: Path) -> Path:
    """A full project (config, assets, generator) around the small handbook."""
    shutil.copy(REPO / "mkdocs.yml", mini / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", mini / "overrides")
    shutil.copytree(REPO / "scripts_gen", mini / "scripts_gen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "assets", mini / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    return mini


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_and_build_writes_pages(mini: Path) -> None:
    assert _cli(mini, "check").returncode == 0
    result = _cli(mini, "build")
    assert result.returncode == 0, result.stderr
    assert (mini / "docs/scripts/callback.md").is_file()
    assert (mini / "docs/SUMMARY.md").is_file()


def test_invalid_data_writes_nothing_and_keeps_previous_pages(mini: Path) -> None:
    assert _cli(mini, "build").returncode == 0
    before = _snapshot(mini / "docs")
    edit(mini, "data/roles/agent.yml", "title: 客服专员", "title: 新标题")
    edit(mini, "data/scripts/callback.yml", "channel: 回访", "channel: 电语")
    result = _cli(mini, "build")
    assert result.returncode == 1
    assert "data/scripts/callback.yml:6:10: [bad-enum]" in result.stderr
    assert "共发现 1 个问题，未生成任何页面。" in result.stderr
    assert _snapshot(mini / "docs") == before


def test_the_files_a_build_owns_are_every_page_and_data_file_in_its_folders(tmp_path: Path) -> None:
    """The os.walk listing against its definition: pathlib's suffix (.md or .json) of every file below the owned names."""
    out = tmp_path / "docs"
    for rel in (
        "index.md",
        "rules/a.md",
        "rules/.md",
        "rules/b.md.bak",
        "rules/deep/c.json",
        "rules/d.md/e.md",
        "quiz/pools/x.json",
        "assets/keep.md",
        "notes.md",
        "learn/书.md",
        "rules/README",
    ):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("x", encoding="utf-8")
    (out / "rules/link.md").symlink_to(out / "rules/a.md")
    (out / "rules/linked").symlink_to(out / "quiz", target_is_directory=True)
    definition = set()
    for name in OWNED:
        path = out / name
        if path.is_file():
            definition.add(name)
        elif path.is_dir():
            definition |= {p.relative_to(out).as_posix() for p in path.rglob("*") if p.suffix in writing.OWNED_SUFFIXES and p.is_file()}
    assert writing._owned_files(out) == definition
    assert "rules/d.md/e.md" in definition and "assets/keep.md" not in definition and "rules/.md" not in definition


def test_unchanged_data_rewrites_no_file(mini: Path) -> None:
    _cli(mini, "build")
    assert _cli(mini, "build").stdout.startswith("已生成页面：更新 0 个，删除 0 个，未变 ")


def test_stale_pages_are_removed_but_hand_written_files_kept(mini: Path) -> None:
    _cli(mini, "build")
    (mini / "docs/assets").mkdir(exist_ok=True)
    (mini / "docs/assets/keep.css").write_text("a{}", encoding="utf-8")
    (mini / "data/guides/lead.yml").unlink()
    edit(mini, "data/roles/agent.yml", "related: [callback-rules]", "related: []")
    result = _cli(mini, "build")
    assert result.returncode == 0, result.stderr
    assert not (mini / "docs/guides/lead.md").exists()
    assert (mini / "docs/assets/keep.css").exists()


def test_mkdocs_strict_build_is_clean_and_byte_identical(mini: Path, tmp_path: Path) -> None:
    project = _project(mini)
    first, second = tmp_path / "a", tmp_path / "b"
    result = mkdocs_build(project, first)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert mkdocs_build(project, second).returncode == 0
    diff = filecmp.dircmp(first, second)
    assert _snapshot(first) == _snapshot(second), f"differ: {diff.diff_files}, only in one: {diff.left_only + diff.right_only}"


def test_verbose_build_logs_the_cpu_time_of_our_hook(mini: Path, tmp_path: Path) -> None:
    # `mkdocs build -v` shows what importing and running the generator cost inside MkDocs (bench/run.py reads it).
    project = _project(mini)
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    cmd = [mkdocs, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")]
    verbose = subprocess.run([*cmd, "-v"], cwd=project, env=MKDOCS_ENV, capture_output=True, text=True, check=False)
    assert verbose.returncode == 0, verbose.stderr
    found = re.findall(r"DEBUG +- +(导入生成器|校验与生成)用时 (\S+) 秒（CPU 时间）", verbose.stderr)
    assert [what for what, _ in found] == ["导入生成器", "校验与生成"]
    assert all(float(seconds) > 0 for _, seconds in found)
    assert HOOK_CPU.findall(verbose.stderr) == [seconds for _, seconds in found]
    quiet = subprocess.run(cmd, cwd=project, env=MKDOCS_ENV, capture_output=True, text=True, check=False)
    assert quiet.returncode == 0 and "用时" not in quiet.stderr


def test_a_build_leaves_no_cyclic_garbage_holding_the_handbook(mini: Path, tmp_path: Path) -> None:
    """The hook builds inside MkDocs' process: the handbook must be freed when the build returns, not at MkDocs' next full collection."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build(mini, tmp_path / "docs")
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, BaseModel | Context)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert (tmp_path / "docs/rules/callback-rules.md").is_file()
    assert not left, f"{len(left)} handbook entries or page contexts only the garbage collector frees"


def test_mkdocs_build_fails_on_invalid_data_and_leaves_site(mini: Path, tmp_path: Path) -> None:
    project = _project(mini)
    out = tmp_path / "site"
    assert mkdocs_build(project, out).returncode == 0
    before = _snapshot(out)
    edit(project, "data/scripts/callback.yml", "channel: 回访", "channel: 电语")
    result = mkdocs_build(project, out)
    assert result.returncode != 0
    assert "[bad-enum]" in result.stderr
    assert _snapshot(out) == before


def test_edit_link_points_at_the_yaml(mini: Path, tmp_path: Path) -> None:
    project = _project(mini)
    assert mkdocs_build(project, tmp_path / "s", env={"KEFU_REPO_URL": "https://git.example.com/kefu/kefu-handbook"}).returncode == 0
    html = (tmp_path / "s/scripts/callback/index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.com/kefu/kefu-handbook/edit/main/data/scripts/callback.yml"' in html


def test_no_edit_or_repository_link_without_a_repository(mini: Path, tmp_path: Path) -> None:
    project = _project(mini)
    assert mkdocs_build(project, tmp_path / "s", env={"KEFU_REPO_URL": ""}).returncode == 0
    html = (tmp_path / "s/scripts/callback/index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in html
    assert "md-source" not in html
