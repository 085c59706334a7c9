"""The committed JSON Schemas match the models, and describe fields in Chinese."""

from __future__ import annotations

import json

from conftest import REPO

from scripts_gen.schemas import render_schemas


def test_schemas_are_up_to_date() -> None:
    stale = [
        name
        for name, text in render_schemas().items()
        if not (REPO / "schemas" / name).is_file() or (REPO / "schemas" / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"schemas/ 已过期：{stale}；运行 python -m scripts_gen schema 后提交"


def test_schema_descriptions_are_chinese_and_extra_keys_forbidden() -> None:
    schema = json.loads(render_schemas()["script.schema.json"])
    assert schema["properties"]["channel"]["description"] == "渠道。"
    assert schema["additionalProperties"] is False
    branch = schema["$defs"]["Branch"]
    assert branch["properties"]["next"]["description"].startswith("下一步")
