"""The committed JSON Schemas match the models, and describe fields in Chinese."""

from __future__ import annotations

import json

from helpers import REPO

from scripts_gen.handbook.schemas import render_schemas


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


def test_every_data_file_points_its_editor_at_the_right_schema() -> None:
    from scripts_gen.handbook.schemas import KIND_SCHEMA

    wrong = []
    for path in sorted((REPO / "data").rglob("*.yml")):
        rel = path.relative_to(REPO / "data")
        name, up = (KIND_SCHEMA[rel.parts[0]], "../../") if len(rel.parts) == 2 else (rel.stem, "../")
        expected = f"# yaml-language-server: $schema={up}schemas/{name}.schema.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first != expected or not (path.parent / expected.split("=", 1)[1]).resolve().is_file():
            wrong.append(f"data/{rel.as_posix()}:1: 第一行应为 {expected}")
    assert wrong == [], "\n".join(wrong)


def test_every_data_file_opens_with_a_commented_example() -> None:
    missing = []
    for path in sorted((REPO / "data").rglob("*.yml")):
        head = path.read_text(encoding="utf-8").splitlines()[:40]
        comments = [line for line in head if line.startswith("#")]
        if not any("示例" in line for line in comments) or len(comments) < 4:
            missing.append(path.relative_to(REPO).as_posix())
    assert missing == [], f"这些文件开头缺少注释示例：{missing}"
