"""The validated handbook: typed lists of loaded entries, and a walk over their trees."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from scripts_gen.handbook.kinds import KINDS, Kind
from scripts_gen.handbook.models import Entry, Glossary, Guide, Process, Role, RuleSet, Script, Sources, Synonyms, TabooSet
from scripts_gen.yamldoc import Document, Loc

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated entry together with the document it came from."""

    entry: M
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path

    @cached_property
    def nodes(self) -> tuple[tuple[Loc, BaseModel], ...]:
        """``walk(entry)``, done once: several checks and the renderer each visit every node."""
        return tuple(walk(self.entry))


@dataclass
class Handbook:
    """Everything under data/, validated. One list per kind, named like its folder."""

    root: Path
    roles: list[Loaded[Role]] = field(default_factory=list)
    scripts: list[Loaded[Script]] = field(default_factory=list)
    taboos: list[Loaded[TabooSet]] = field(default_factory=list)
    rules: list[Loaded[RuleSet]] = field(default_factory=list)
    processes: list[Loaded[Process]] = field(default_factory=list)
    guides: list[Loaded[Guide]] = field(default_factory=list)
    glossary: Loaded[Glossary] | None = None
    sources: Loaded[Sources] | None = None
    synonyms: Loaded[Synonyms] | None = None  # the search's synonym table (data/synonyms.yml)
    # Ids named in files that did not load: references to them are not reported as broken.
    pending: set[str] = field(default_factory=set)

    def of(self, kind: Kind) -> Sequence[Loaded[Entry]]:
        """The entries of ``kind``, for code that treats every kind alike."""
        items: Sequence[Loaded[Entry]] = getattr(self, kind.key)
        return items

    def everything(self) -> Iterator[tuple[Kind, Loaded[Entry]]]:
        """Every page-level entry with its kind, in navigation order."""
        for kind in KINDS:
            for item in self.of(kind):
                yield kind, item

    def count(self) -> int:
        return sum(len(self.of(k)) for k in KINDS)


def field_of(node: BaseModel, name: str, default: Any = None) -> Any:
    """``getattr(node, name, default)`` for a model field: a field the model lacks costs a dict
    lookup here, but an exception raised inside pydantic there (checks visit every node)."""
    return getattr(node, name) if name in type(node).model_fields else default


def title_of(node: BaseModel) -> str:
    """What a node with an id is called: its title, term or branch condition, a taboo's phrases, or its id."""
    for name in ("title", "term", "condition"):
        value = field_of(node, name)
        if isinstance(value, str):
            return value
    phrases = field_of(node, "phrases")
    return "、".join(phrases) if phrases else str(field_of(node, "id", ""))


def walk(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Yield ``model`` and every nested model with its location in the YAML."""
    yield loc, model
    for name, field_info in type(model).model_fields.items():
        key = field_info.alias or name
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*loc, key, i))
