"""Load every data file into one validated Handbook, or report every problem.

Per-file checks (syntax, schema) come from yamldoc and schema_errors; the
checks that need the whole tree (unique ids, references, KPI sums, script
graphs) live in checks. Nothing is returned unless everything passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scripts_gen import yamldoc
from scripts_gen.handbook import checks
from scripts_gen.handbook.book import Handbook, Loaded
from scripts_gen.handbook.kinds import BY_KEY, KINDS
from scripts_gen.handbook.models import Glossary, Sources, Synonyms
from scripts_gen.handbook.schema_errors import problems_from
from scripts_gen.handbook.values import value_problems
from scripts_gen.problems import HandbookError, Problem
from scripts_gen.yamldoc import Document

M = TypeVar("M", bound=BaseModel)

Check = Callable[[Handbook], list[Problem]]
SUFFIXES = (".yml", ".yaml")
SINGLE_FILES: dict[str, type[BaseModel]] = {"glossary": Glossary, "sources": Sources, "synonyms": Synonyms}


def _files(data_dir: Path) -> list[Path]:
    # A dangling symlink is listed too, so it is reported rather than silently skipped.
    return sorted(p for p in data_dir.rglob("*") if (p.is_file() or p.is_symlink()) and not p.name.startswith("."))


def _model_for(rel: Path) -> type[BaseModel] | None:
    parts = rel.parts
    if len(parts) == 1:
        return SINGLE_FILES.get(rel.stem)
    if len(parts) == 2:
        kind = BY_KEY.get(parts[0])
        return kind.model if kind else None
    return None


def _misplaced(root: Path, file: Path, rel: Path) -> Problem:
    path = file.relative_to(root).as_posix()
    if rel.suffix not in SUFFIXES:
        return Problem(path, 1, 1, "unknown-file", "data/ 下只能放 .yml 数据文件。", "把其他文件移出 data/ 目录。")
    kinds = "、".join(f"data/{k.key}/" for k in KINDS)
    return Problem(
        path,
        1,
        1,
        "unknown-file",
        "不认识这个文件的位置，无法判断它是哪一类条目。",
        f"把文件放进对应目录：{kinds}，或命名为 data/glossary.yml、data/sources.yml、data/synonyms.yml。",
    )


def validate(model: type[M], doc: Document, hint: str = "参照文件开头注释中的示例，从 id: 开始写。") -> tuple[M | None, list[Problem]]:
    """``doc`` as a ``model``, or every schema problem with its position."""
    if not isinstance(doc.data, dict):
        return None, [Problem(doc.path, 1, 1, "wrong-type", "文件的最外层应为键值对（“键: 值”）。", hint)]
    problems = value_problems(model, doc)
    try:
        entry = model.model_validate(doc.data)
    except ValidationError as error:
        return None, problems + problems_from(model, doc, error)
    return entry, problems


def _load_one(root: Path, file: Path, data_dir: Path) -> tuple[Loaded[Any] | None, list[Problem]]:
    rel = file.relative_to(data_dir)
    model = _model_for(rel)
    if model is None or rel.suffix not in SUFFIXES:
        return None, [_misplaced(root, file, rel)]
    doc, problems = yamldoc.read(root, file)
    if doc is None:
        return None, problems
    entry, found = validate(model, doc)
    return (Loaded(entry, doc) if entry is not None else None), problems + found


def collect(root: Path, extra_checks: Sequence[Check] = ()) -> tuple[Handbook, list[Problem]]:
    """Every file of ``root/data`` that loads, and every problem found in all of them.

    A file that failed to load still names its ids (read from its raw text), so
    references to them are not reported as broken while every other reference,
    and ``extra_checks`` from higher layers (the taboo list applied to the
    handbook's wording), are checked in the same run.
    """
    data_dir = root / "data"
    book, problems = Handbook(root), []
    for file in _files(data_dir):
        loaded, found = _load_one(root, file, data_dir)
        problems += found
        parts = file.relative_to(data_dir).parts
        if loaded is None or found:
            book.pending |= pending_ids(file)
        if loaded is not None:
            _place(book, parts[0] if len(parts) == 2 else file.stem, loaded)
    problems += checks.check(book)
    for extra in extra_checks:
        problems += extra(book)
    return book, problems


def load(root: Path, extra_checks: Sequence[Check] = ()) -> Handbook:
    """Load and validate ``root/data``; raise HandbookError listing every problem."""
    book, problems = collect(root, extra_checks)
    if problems:
        raise HandbookError(problems)
    return book


_ID_LINE = re.compile(r"^[ \t-]*(?:id|\"id\"|'id'):[ \t]*[\"']?([A-Za-z0-9-]+)", re.MULTILINE)


def pending_ids(file: Path) -> set[str]:
    """Ids a file that did not load would define, read from its raw lines (and its name)."""
    try:
        text = file.read_bytes().decode("utf-8", "replace")
    except OSError:
        text = ""
    return {file.stem, *_ID_LINE.findall(text)}


def _place(book: Handbook, kind: str, loaded: Loaded[Any]) -> None:
    if kind == "glossary":
        book.glossary = loaded
    elif kind == "sources":
        book.sources = loaded
    elif kind == "synonyms":
        book.synonyms = loaded
    else:
        getattr(book, BY_KEY[kind].key).append(loaded)
