"""Provenance of every item: does it cite a source section, or say it was added (general)?

Items are the things a learner reads one by one (a rule, a script step or branch, a taboo,
a process step, a guide section or core work, a role's duty area). A guide point may leave
``sources`` out and take its section's. The site marks ``general`` items with a badge, so an
item without ``sources`` would be an item nobody can tell apart from the source material.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from scripts_gen.handbook import models
from scripts_gen.handbook.book import Handbook

# The item models that must carry their own sources (Point inherits its Section's).
ITEMS: tuple[type[BaseModel], ...] = (
    models.Rule,
    models.Branch,
    models.Step,
    models.Taboo,
    models.ProcessStep,
    models.Section,
    models.CoreWork,
    models.DutyArea,
)


@dataclass(frozen=True)
class Cited:
    path: str
    line: int
    label: str
    sources: tuple[str, ...]

    @property
    def general(self) -> bool:
        return "general" in self.sources


def items(book: Handbook) -> list[Cited]:
    """Every item of the handbook with its own sources (empty when it cites none)."""
    found = []
    for _, loaded in book.everything():
        for loc, node in loaded.nodes:
            if isinstance(node, ITEMS):
                key = "area" if isinstance(node, models.DutyArea) else "id"
                label = str(getattr(node, key))
                line = loaded.doc.where((*loc, key))[0]
                found.append(Cited(loaded.path, line, label, tuple(getattr(node, "sources", ()))))
    return found


def unsourced(book: Handbook) -> list[str]:
    """``path:line: item: …`` for every item that neither cites a section nor says general."""
    return [f"{c.path}:{c.line}: {c.label}: 没有写出处（sources），写章节编号或 general" for c in items(book) if not c.sources]
