"""What changed, in handbook terms: from git history and between two revisions.

Git is optional: outside a repository (a tarball, a copy) there is simply no
history and no dates, and every page still builds.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from scripts_gen.handbook import load
from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.kinds import KINDS

KIND_NAMES = {
    **{k.key: k.title for k in KINDS},
    "Rule": "规范条目",
    "Branch": "话术分支",
    "Step": "话术步骤",
    "Taboo": "禁语条目",
    "ProcessStep": "流程步骤",
    "Section": "指引章节",
    "CoreWork": "核心工作",
    "Term": "术语",
}


@dataclass(frozen=True)
class Item:
    ident: str
    kind: str
    title: str
    path: str
    digest: str


def snapshot(book: Handbook) -> dict[str, Item]:
    """Every id in the handbook with a digest of its content."""
    items: dict[str, Item] = {}
    sources: list[tuple[str, Any]] = [(kind.key, loaded) for kind, loaded in book.everything()]
    if book.glossary:
        sources.append(("glossary", book.glossary))
    for kind, loaded in sources:
        for loc, node in loaded.nodes:
            ident = getattr(node, "id", None)
            if not isinstance(ident, str):
                continue
            label = kind if not loc else type(node).__name__
            body = json.dumps(node.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
            title = str(
                getattr(node, "title", "")
                or getattr(node, "term", "")
                or getattr(node, "condition", "")
                or "、".join(getattr(node, "phrases", []))
            )
            items[ident] = Item(ident, KIND_NAMES.get(label, label), title, loaded.path, hashlib.sha256(body.encode()).hexdigest())
    return items


def load_at(root: Path, rev: str) -> Handbook:
    """The handbook as it was at git revision ``rev``."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "data"], cwd=root, capture_output=True, check=True)
    tmp = Path(tempfile.mkdtemp(prefix="kefu-diff-"))
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp, filter="data")
    return load.load(tmp)


def compare(old: dict[str, Item], new: dict[str, Item]) -> dict[str, list[Item]]:
    return {
        "新增": [new[i] for i in sorted(new.keys() - old.keys())],
        "修改": [new[i] for i in sorted(new.keys() & old.keys()) if new[i].digest != old[i].digest],
        "删除": [old[i] for i in sorted(old.keys() - new.keys())],
    }


def report(base: str, groups: dict[str, list[Any]]) -> str:
    """Markdown for a pull-request description."""
    lines = [f"## 手册改动（相对 {base}）", ""]
    for label, items in groups.items():
        lines.append(f"### {label}（{len(items)}）")
        lines += [f"- {i.kind} `{i.ident}`：{i.title}（{i.path}）" for i in items] or ["- 无"]
        lines.append("")
    return "\n".join(lines)
