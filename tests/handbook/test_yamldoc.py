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
    "anchor-unused": "a: &x [1, 2]\nb: 3\n",
    "duplicate-anchor": "a: &x 1\nb: &x 2\n",
    "core-tags": "a: !!str 12\nb: !!int 7\nc: !!float 0100\nd: !!seq [1]\ne: !!map {x: 1}\nf: !!null ''\n",
    "non-specific-tag": "a: ! 12\nb: ! [1]\nc: ! {x: 1}\n",
    "tag-on-list": "a: !!set {x: null}\nb: !!omap [a: 1]\n",
    "odd-keys": "1: a\nnull: b\ntrue: c\n1.50: d\n'q': e\n\"\": f\n",
    "merge-key": "a: {x: 1}\n<<: {y: 2}\n",
    "value-key": "=: 1\n",
    "ambiguous-key": "0100: a\n",
    "empty-values": "a:\nb: ''\nc: []\nd: {}\ne: ~\n",
    "yaml11-words": "a: yes\nb: off\nc: 0o17\nd: 2001-12-14\ne: 1e3\n",
    "escapes": 'a: "x\\\\y"\nb: \'x\\y\'\nc: plain\\back\nd: |\n  a\\b\ne: "two\n  lines"\n',
    "nested-flow": "a: [{b: [1, {c: d}]}, [e, [f]]]\n",
    "scalar-document": "只是一句话\n",
    # The mapping is level 0: the innermost list is level 49 (allowed) or 50 (refused).
    "level-49": "a: " + "[" * 49 + "]" * 49 + "\n",
    "level-50": "a: " + "[" * 50 + "]" * 50 + "\n",
    "deep-key": "a: " + "{b: " * 49 + "c" + "}" * 49 + "\n",
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


def _composed(text: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """What the libyaml reader gives when it composes nodes (the one-pass reader switched off)."""

    def refuse(path: str, text: str) -> yamldoc.Document:
        raise yamldoc._Unusual

    with monkeypatch.context() as m:
        m.setattr(yamldoc, "_from_events", refuse)
        doc, problems = yamldoc.parse("x.yml", text)
    return (astuple(doc) if doc else None), problems


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_one_pass_reader_gives_what_the_composing_reader_gives(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SNIPPETS[name]
    assert repr(_parse(text, monkeypatch, fast=True)) == repr(_composed(text, monkeypatch))  # repr: True is not 1


def test_one_pass_reader_reads_every_data_file_itself() -> None:
    """The data files are the common case the one-pass reader exists for: none is handed back."""
    files = sorted((ROOT / "data").rglob("*.yml")) + sorted((ROOT / "quizzes").rglob("*.yml"))
    docs = [yamldoc._from_events(f.name, f.read_text(encoding="utf-8")) for f in files]
    assert all(doc.values for doc in docs)


def test_hostile_snippets_are_refused_with_located_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("tag", "alias", "deep", "duplicate-key")
    codes = {name: [p.code for p in _parse(SNIPPETS[name], monkeypatch, fast=True)[1]] for name in names}
    assert codes == {"tag": ["unsafe-tag"], "alias": ["yaml-alias"], "deep": ["yaml-too-deep"], "duplicate-key": ["duplicate-key"]}
