"""The pre-commit hooks an editor installs pass on the repository as it is, and catch a bad file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REPO

BIN = Path(sys.executable).parent


def _yamllint(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "yamllint"), "-c", ".yamllint.yml", "--strict", *paths], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_yamllint_accepts_our_data() -> None:
    result = _yamllint("data")
    assert result.returncode == 0, result.stdout


def test_yamllint_rejects_trailing_spaces(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("id: x   \ntitle: 标题\n", encoding="utf-8")
    result = _yamllint(str(bad))
    assert result.returncode == 1
    assert "1:6" in result.stdout and "trailing spaces" in result.stdout


def test_json_schema_hook_catches_a_typo(tmp_path: Path) -> None:
    bad = tmp_path / "callback.yml"
    shutil.copy(REPO / "data/scripts/callback.yml", bad)
    bad.write_text(bad.read_text(encoding="utf-8").replace("channel:", "chanel:", 1), encoding="utf-8")
    cmd = [str(BIN / "check-jsonschema"), "--schemafile", "schemas/script.schema.json"]
    assert subprocess.run([*cmd, "data/scripts/callback.yml"], cwd=REPO, capture_output=True, check=False).returncode == 0
    result = subprocess.run([*cmd, str(bad)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "chanel" in result.stdout


def test_precommit_config_hooks_cover_every_kind() -> None:
    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"handbook-check", "yamllint"} <= ids
    for kind in ("roles", "scripts", "taboos", "rules", "processes", "guides", "glossary", "sources"):
        assert f"schema-{kind}" in ids
