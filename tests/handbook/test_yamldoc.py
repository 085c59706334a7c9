"""libyaml's parser reads data files ~10x faster; it must give exactly what the pure-Python reader gives."""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

import pytest
from helpers import REPO as ROOT

from scripts_gen import yamldoc

DEEP = "a: " + "[" * 60 + "]" * 60 + "\n"
SNIPPETS = {
    "plain": "id: callback\ntitle: 回访话术\nsteps:\n  - id: s1\n    agent: 您好，{客户称呼}！\n",
    "multiline": "text: |\n  第一行\n  第二行：冒号\nfolded: >\n  一\n  二\n",
    "quoted": "a: '单引号 ''里'' 面'\nb: \"双引号\\t转义\"\nc: 中文：冒号\n",
    "wide-columns": "标题: 回访\n说明: {a: 1, b: [x, y]}\n  # 注释\nlist: [甲, 乙, '丙']\n",
    "ambiguous": "a: 0100\nb: 1:30\nc: 1_000\nd: .inf\ne: 0x1F\nf: 010\n",
    "numbers": "a: 12\nb: -3\nc: 1.50\nd: 2e3\ne: true\nf: null\ng: ~\nh: yes\n",
    "huge-number": "a: " + "9" * 40 + "\n",
    "duplicate-key": "id: a\ntitle: x\nid: b\n",
    "tag": "a: !!python/object:os.system ls\n",
    "local-tag": "a: !mine x\n",
    "alias": "a: &x [1, 2]\nb: *x\n",
    "deep": DEEP,
    "syntax-colon": "title: 回访: 话术\n",
    "syntax-indent": "a:\n  - b\n c: d\n",
    "unclosed-quote": "a: \"没有闭合\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "complex-key": "? [a, b]\n: c\n",
    "empty": "# 只有注释\n",
    "bad-char": "a: x\ufffe\n",
    "bom-crlf": "a: 1\r\nb: 二\r\n",
}


def _parse(text: str, monkeypatch: pytest.MonkeyPatch, *, fast: bool) -> Any:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(yamldoc, "_FAST", None)
        doc, problems = yamldoc.parse("x.yml", text)
    return (astuple(doc) if doc else None), problems


def test_libyaml_is_available_so_the_fast_reader_is_used() -> None:
    assert yamldoc._FAST is not None, "PyYAML 没有带 libyaml：pip install 的是源码包？"


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_fast_and_pure_readers_agree_on_hostile_input(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SNIPPETS[name]
    assert _parse(text, monkeypatch, fast=True) == _parse(text, monkeypatch, fast=False)


def test_fast_and_pure_readers_agree_on_every_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((ROOT / "data").rglob("*.yml")) + sorted((ROOT / "quizzes").rglob("*.yml"))
    assert len(files) > 30
    differ = [
        f.relative_to(ROOT).as_posix()
        for f in files
        if _parse(f.read_text(encoding="utf-8"), monkeypatch, fast=True) != _parse(f.read_text(encoding="utf-8"), monkeypatch, fast=False)
    ]
    assert differ == []


def test_hostile_snippets_are_refused_with_located_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("tag", "alias", "deep", "duplicate-key")
    codes = {name: [p.code for p in _parse(SNIPPETS[name], monkeypatch, fast=True)[1]] for name in names}
    assert codes == {"tag": ["unsafe-tag"], "alias": ["yaml-alias"], "deep": ["yaml-too-deep"], "duplicate-key": ["duplicate-key"]}
