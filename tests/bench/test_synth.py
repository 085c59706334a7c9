"""The benchmark's synthetic handbook must stay valid, or `make bench` measures nothing."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, run_cli

from bench import synth


def test_twice_the_real_content_passes_check_and_builds(tmp_path: Path) -> None:
    project = synth.generate(tmp_path / "x2", 2)
    check = run_cli("check", root=project)
    assert check.code == 0, check.err
    real = run_cli("check", root=REPO)
    assert real.code == 0, real.err
    # Every page-level entry is there twice, and the copies are linked to their own copies.
    count = int(check.out.split("：")[1].split(" ")[0])
    assert count == 2 * int(real.out.split("：")[1].split(" ")[0])
    build = run_cli("build", "--out", str(tmp_path / "docs"), root=project)
    assert build.code == 0, build.err
    callback = (tmp_path / "docs/scripts/callback-x1.md").read_text(encoding="utf-8")
    assert "（第1册）" in callback
    assert "service-specialist-x1" in callback  # the copy's role link points at the copied role
    assert (tmp_path / "docs/quiz/new-agent-exam-x1.md").is_file()


def test_copied_taboo_phrases_stay_distinct_and_flagged(tmp_path: Path) -> None:
    project = synth.generate(tmp_path / "x3", 3)
    text = (project / "data/taboos/evasive-x2.yml").read_text(encoding="utf-8")
    assert "不知道丙" in text and "- 不知道\n" not in text
