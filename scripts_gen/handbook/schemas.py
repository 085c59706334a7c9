"""JSON Schemas generated from the models, for autocomplete and hover help in editors.

The files in schemas/ are committed (editors' tools read them without running
Python); a test fails when they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from scripts_gen.handbook import models

SCHEMAS: dict[str, type[BaseModel]] = {
    "role": models.Role,
    "script": models.Script,
    "taboos": models.TabooSet,
    "rules": models.RuleSet,
    "process": models.Process,
    "guide": models.Guide,
    "glossary": models.Glossary,
    "sources": models.Sources,
    "synonyms": models.Synonyms,
}
KIND_SCHEMA = {
    "roles": "role",
    "scripts": "script",
    "taboos": "taboos",
    "rules": "rules",
    "processes": "process",
    "guides": "guide",
}


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_schemas() -> dict[str, str]:
    """File name → JSON text, one schema per kind of data file."""
    return {f"{name}.schema.json": schema_text(model, name) for name, model in SCHEMAS.items()}


def write_schemas(out: Path) -> list[str]:
    """Write changed schema files into ``out``; return the names written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(name)
    return written
