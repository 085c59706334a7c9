"""Turn pydantic's validation errors into Chinese problems with positions."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from scripts_gen.problems import Problem, closest, did_you_mean
from scripts_gen.yamldoc import Document, Loc

_TYPE_NAMES = {
    str: "文字",
    int: "整数",
    list: "列表（每项以“- ”开头）",
    dict: "键值对（“键: 值”）",
    bool: "是/否（true/false）",
    float: "数字",
}
_INPUT_NAMES = {str: "文字", int: "整数", float: "数字", bool: "是/否", list: "列表", dict: "键值对", type(None): "空值"}
_EXPECTED = {
    "string_type": str,
    "int_type": int,
    "int_parsing": int,
    "int_from_float": int,
    "list_type": list,
    "model_type": dict,
    "model_attributes_type": dict,
    "dict_type": dict,
    "bool_type": bool,
    "bool_parsing": bool,
}


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and list[] down to the item type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping found at ``loc``."""
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field(current, part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_at(root: type[BaseModel], loc: Loc) -> Any:
    """The pydantic FieldInfo of the field holding the value at ``loc`` (list items belong to their list), or None."""
    keys = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not keys:
        return None
    last = keys[-1]
    parent = model_at(root, loc[:last])
    return _field(parent, str(loc[last])) if parent else None


def _field(model: type[BaseModel], name: str) -> Any:
    for key, field in model.model_fields.items():
        if name in (key, field.alias):
            return field
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or key for key, field in model.model_fields.items()]


def _describe(root: type[BaseModel], loc: Loc) -> str:
    parent = model_at(root, loc[:-1]) if loc else None
    if parent is None or not isinstance(loc[-1], str):
        return ""
    field = _field(parent, loc[-1])
    return (field.description or "") if field else ""


def _label(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else "（根）"


def _example(root: type[BaseModel], loc: Loc) -> str:
    name = _label(loc)
    hint = _describe(root, loc)
    return f"例如 `{name}: …`" + (f"（{hint.rstrip('。')}）" if hint else "")


def _unknown_key(root: type[BaseModel], loc: Loc) -> tuple[str, str]:
    key = str(loc[-1])
    parent = model_at(root, loc[:-1])
    valid = _keys(parent) if parent else []
    message = f"未知字段“{key}”。" + did_you_mean(key, valid)
    close = closest(key, valid)
    fix = (f"改为 `{close}:`。" if close else "删除该字段。") + (f"此处可用的字段：{'、'.join(valid)}。" if valid else "")
    return message, fix


def _one(root: type[BaseModel], doc: Document, err: Any) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind, name = err["type"], _label(loc)
    line, column = doc.where(loc, key=kind in ("extra_forbidden", "missing"))
    code, message, fix = _translate(root, loc, kind, name, err)
    return Problem(doc.path, line, column, code, message, fix)


def _translate(root: type[BaseModel], loc: Loc, kind: str, name: str, err: Any) -> tuple[str, str, str]:
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "extra_forbidden":
        return ("unknown-key", *_unknown_key(root, loc))
    if kind == "missing":
        return "missing-field", f"缺少必填字段“{name}”。", f"在这一条目中添加该字段，{_example(root, loc)}。"
    if kind == "string_too_short":
        return "empty-text", f"“{name}”不能为空。", f"填写内容，{_example(root, loc)}。"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return "empty-list", f"“{name}”至少需要 {need} 项。", f"按列表写出，每项以“- ”开头，{_example(root, loc)}。"
    if kind in ("literal_error", "enum"):
        return ("bad-enum", *_bad_enum(name, value, ctx))
    if kind == "string_too_long":
        return "invalid-value", f"“{name}”太长：最多 {ctx.get('max_length')} 个字。", f"改短一些，{_example(root, loc)}。"
    if kind == "string_pattern_mismatch":
        return _bad_pattern(name, value)
    if kind in _EXPECTED:
        expected = _TYPE_NAMES[_EXPECTED[kind]]
        got = _INPUT_NAMES.get(type(value), type(value).__name__)
        return "wrong-type", f"“{name}”应为{expected}，实际是{got}。", f"改写为{expected}，{_example(root, loc)}。"
    if kind in ("greater_than_equal", "less_than_equal"):
        return "out-of-range", f"“{name}”的值 {value} 超出范围（0–100）。", "填写 0 到 100 之间的整数。"
    return "invalid-value", f"“{name}”的值无效：{err.get('msg')}。", f"{_example(root, loc)}。"


def _bad_enum(name: str, value: Any, ctx: dict[str, Any]) -> tuple[str, str]:
    allowed = [v.strip(" '") for v in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if v.strip(" '")]
    message = f"“{value}”不是有效的“{name}”。" + did_you_mean(str(value), allowed, cutoff=0.3)
    return message, f"只能是以下之一：{'、'.join(allowed)}。"


def _bad_pattern(name: str, value: Any) -> tuple[str, str, str]:
    if name in ("handbook", "everyday"):  # a word of the search's synonym table
        return (
            "invalid-value",
            f"“{value}”不是一个词：搜索同义词只能由汉字、字母和数字组成，不能有空格、标点或符号。",
            "一项只写一个词，例如 骂人；几个说法分成几项写。",
        )
    if name == "sources" or (name == "id" and str(value)[:3].isdigit()):
        return (
            "bad-source",
            f"出处“{value}”格式不对。",
            "写 data/sources.yml 中的章节编号，例如 001-callback；行业通用做法写 general。",
        )
    return (
        "bad-id",
        f"编号“{value}”格式不对。",
        "编号只用小写英文字母、数字和连字符，以字母或数字开头和结尾，例如 callback-satisfied。",
    )


def _typo_fixes(root: type[BaseModel], errors: list[Any]) -> set[Loc]:
    """Required fields that an unknown key in the same mapping is a typo of."""
    found: set[Loc] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(err["loc"])
            parent = model_at(root, loc[:-1])
            close = closest(str(loc[-1]), _keys(parent)) if parent else None
            if close:
                found.add((*loc[:-1], close))
    return found


def problems_from(root: type[BaseModel], doc: Document, error: ValidationError) -> list[Problem]:
    """Every error pydantic found in ``doc``, each with its position and fix.

    A misspelt required key is reported once, as the unknown key with its
    correction, not again as a missing field.
    """
    errors = error.errors()
    typos = _typo_fixes(root, errors)
    return [_one(root, doc, err) for err in errors if not (err["type"] == "missing" and tuple(err["loc"]) in typos)]
