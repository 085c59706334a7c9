"""The command line as a user meets it: Chinese messages, documented and consistent exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, edit, run_cli


def test_help_lists_every_command_and_the_exit_codes() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for command in ("check", "build", "lint", "diff", "schema", "coverage", "grade", "answer-key", "export"):
        assert command in result.out
    assert "退出码：0 成功；1 发现问题" in result.out
    assert "用法：" in result.out and "usage:" not in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "参数 命令 的取值 'nope' 无效"),
        ([], "缺少必需的参数：命令"),
        (["check", "--format", "xml"], "参数 --format 的取值 'xml' 无效"),
        (["coverage", "--fail-under", "abc"], "参数 --fail-under 的值 'abc' 不是有效的数字或取值"),
        (["lint"], "缺少必需的参数：FILE"),
        (["check", "--bogus"], "不认识的参数：--bogus"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err, result.err
    assert "error:" not in result.err and "usage:" not in result.err


def test_problems_found_exit_1_and_input_errors_exit_2(mini: Path, tmp_path: Path) -> None:
    assert run_cli("check", root=mini).code == 0
    edit(mini, "data/scripts/callback.yml", "channel: 回访", "channel: 电语")
    assert run_cli("check", root=mini).code == 1
    assert run_cli("build", root=mini).code == 1
    # lint cannot run at all on invalid data: an input error, not a finding.
    (tmp_path / "t.txt").write_text("客服：您好\n", encoding="utf-8")
    assert run_cli("lint", str(tmp_path / "t.txt"), root=mini).code == 2


def test_lint_output_flag_is_format_and_the_old_name_still_works(mini: Path, tmp_path: Path) -> None:
    log = tmp_path / "t.txt"
    log.write_text("客服：您好，请问有什么可以帮您？\n", encoding="utf-8")
    for flag in ("--format", "--format-out"):
        result = run_cli("lint", flag, "json", str(log), root=mini)
        assert result.code == 0, result.err
        assert result.out.lstrip().startswith("{")
    assert "--format-out" not in run_cli("lint", "--help", root=mini).out


def test_output_piped_into_head_is_not_a_traceback(mini: Path) -> None:
    """`python -m scripts_gen coverage | head -1`: the reader leaves early, the command still exits cleanly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "scripts_gen", "--root", str(mini), "coverage"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()  # like head: stop reading before the command has finished writing
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipeError" not in err
