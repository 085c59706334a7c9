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


HISTORY = 30  # commits shown on the 本次更新 page


def facts(root: Path) -> GitFacts:
    """Last-changed date of every data/ file and the latest commits, from one ``git log``."""
    commits = _commits(root)
    dates: dict[str, str] = {}
    for commit in commits:
        for _, path in commit.files:
            dates.setdefault(path, commit.date)
    return GitFacts(dates, commits[:HISTORY])


def _commits(root: Path) -> list[Commit]:
    """Every commit that changed data/, newest first."""
    out = _git(root, "log", "--format=%x00%cs%x09%s", "--name-status", "--", "data")
    commits = []
    for block in (out or "").split("\x00")[1:]:
        head, *rest = [line for line in block.splitlines() if line.strip()]
        date, _, subject = head.partition("\t")
        files = tuple((parts[0][0], parts[-1]) for parts in (line.split("\t") for line in rest) if len(parts) >= 2)
        commits.append(Commit(date, subject, files))
    return commits
