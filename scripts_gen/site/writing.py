"""Write generated pages into docs/ without disturbing a running server.

Only files whose content changed are rewritten (so ``mkdocs serve`` sees no
spurious change and never loops), each through a temporary file and an atomic
rename, and stale pages the generator owns are removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from scripts_gen.site.pages import OWNED


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _owned_files(out: Path) -> set[str]:
    found = set()
    for name in OWNED:
        path = out / name
        if path.is_file():
            found.add(name)
        elif path.is_dir():
            found |= {p.relative_to(out).as_posix() for p in path.rglob("*.md")}
    return found


def _write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(content, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def write_pages(pages: dict[str, str], out: Path) -> WriteReport:
    """Make ``out`` hold exactly ``pages`` among the files the generator owns."""
    report = WriteReport()
    for rel in sorted(pages):
        target = out / rel
        if target.is_file() and target.read_text(encoding="utf-8") == pages[rel]:
            report.unchanged += 1
            continue
        _write_atomic(target, pages[rel])
        report.written.append(rel)
    for rel in sorted(_owned_files(out) - set(pages)):
        (out / rel).unlink()
        report.removed.append(rel)
    return report
