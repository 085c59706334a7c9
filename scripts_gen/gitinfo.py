"""Facts from git about data/: when each file last changed, and recent history.

Git is optional: outside a repository (a tarball, a copy) there is no history
and no dates, and every page still builds. Same commit, same facts, so the
pages stay deterministic.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return run.stdout.decode("utf-8", "replace") if run.returncode == 0 else None


def last_changed(root: Path) -> dict[str, str]:
    """data/ file path → date (YYYY-MM-DD) of the last commit that touched it."""
    out = _git(root, "log", "--format=%x00%cs", "--name-only", "--", "data")
    dates: dict[str, str] = {}
    for block in (out or "").split("\x00")[1:]:
        date, *files = [line for line in block.splitlines() if line.strip()]
        for path in files:
            dates.setdefault(path, date)
    return dates


@dataclass(frozen=True)
class Commit:
    date: str
    subject: str
    files: tuple[tuple[str, str], ...]  # (status letter, path)


@dataclass(frozen=True)
class GitFacts:
    """What the renderer needs from git; empty when there is no repository."""

    dates: dict[str, str] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)


def facts(root: Path) -> GitFacts:
    return GitFacts(last_changed(root), history(root))


def history(root: Path, limit: int = 30) -> list[Commit]:
    """The latest commits that changed data/, newest first."""
    out = _git(root, "log", f"-{limit}", "--format=%x00%cs%x09%s", "--name-status", "--", "data")
    commits = []
    for block in (out or "").split("\x00")[1:]:
        head, *rest = [line for line in block.splitlines() if line.strip()]
        date, _, subject = head.partition("\t")
        files = tuple((parts[0][0], parts[-1]) for parts in (line.split("\t") for line in rest) if len(parts) >= 2)
        commits.append(Commit(date, subject, files))
    return commits


