"""Synthetic handbook at N× the real content, for benchmarks (not a test fixture).

    python bench/synth.py OUT --scale 10 [--one-file-rules 4000]

Copy k (k = 1 … N-1) of every data and quiz file gets every id suffixed with
``-x<k>`` and every reference (roles, audience, related, next, tests, see, draw
topics) remapped to the same copy, so the result passes ``check`` exactly as the
real data does: same Chinese text and text lengths, same branches, questions
and assignments, N times over. Titles get a "（第 k 册）" suffix so navigation
labels stay distinguishable. data/sources.yml is shared (copies cite the same
source sections). ``--one-file-rules`` adds one rules file holding that many
rules (the real rules repeated), to measure cost per rules in one file.

The project around the data (mkdocs.yml, docs/assets, scripts_gen) is linked
from this checkout, so ``mkdocs build`` works in OUT.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Keys whose values are references to ids (a string or a list of strings).
REF_KEYS = frozenset({"roles", "audience", "related", "next", "tests", "see", "topic"})
TITLE_KEYS = frozenset({"title"})
SHARED = ("sources.yml", "synonyms.yml")  # one per project, not copied per scale
STEMS = "甲乙丙丁戊己庚辛壬癸"


def _ids(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            else:
                yield from _ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from _ids(value)


def _remap(data: Any, known: set[str], suffix: str, title: str, top: bool = True) -> Any:
    """A copy of ``data`` with ids and references to ``known`` ids suffixed."""
    if isinstance(data, list):
        return [_remap(v, known, suffix, title, False) for v in data]
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "id" and isinstance(value, str):
            out[key] = value + suffix
        elif key in REF_KEYS:
            if isinstance(value, str):
                out[key] = value + suffix if value in known else value
            elif isinstance(value, list):
                out[key] = [v + suffix if isinstance(v, str) and v in known else v for v in value]
            else:
                out[key] = value
        elif key in TITLE_KEYS and top and isinstance(value, str):
            out[key] = value + title
        else:
            out[key] = _remap(value, known, suffix, title, False)
    return out


def _header(text: str) -> str:
    """The leading comment block of a data file (the editor's example), kept as is."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _visible(data: Any) -> Any:
    """``data`` without invisible format characters: a dump would write them raw, and check rejects raw ones."""
    if isinstance(data, str):
        return "".join(c for c in data if unicodedata.category(c) != "Cf")
    if isinstance(data, list):
        return [_visible(v) for v in data]
    if isinstance(data, dict):
        return {k: _visible(v) for k, v in data.items()}
    return data


def _dump(path: Path, header: str, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = _visible(data)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    path.write_text(header + body, encoding="utf-8")


def _sources(src: Path) -> list[tuple[Path, str, Any]]:
    """(path relative to the project, header, data) of every YAML file to scale."""
    found = []
    for folder in ("data", "quizzes"):
        for path in sorted((src / folder).rglob("*.y*ml")) if (src / folder).is_dir() else []:
            text = path.read_text(encoding="utf-8")
            found.append((path.relative_to(src), _header(text), yaml.safe_load(text)))
    return found


def _marker(k: int) -> str:
    """Copy ``k`` in characters no real text uses, so copied taboo phrases stay distinct."""
    return "".join(STEMS[int(d)] for d in str(k))


def _distinct_phrases(taboo: dict[str, Any], k: int) -> dict[str, Any]:
    """A taboo phrase belongs to one entry only: copy k says each phrase with a marker appended."""
    phrases = sorted(taboo["phrases"], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(p) for p in phrases))
    mark = _marker(k)

    def sub(text: str) -> str:
        return pattern.sub(lambda m: m.group(0) + mark, text)

    out = {**taboo, "phrases": [p + mark for p in taboo["phrases"]]}
    out["exceptions"] = [sub(e) for e in taboo.get("exceptions", [])]
    specs = taboo.get("specs")
    if specs:
        # Examples that reach a phrase only through the matcher's tolerance (inserted words,
        # invisible characters) would be caught by the original entry, so copies keep the literal ones.
        flag = [sub(f) for f in specs.get("flag", []) if pattern.search(f)] or [f"{out['phrases'][0]}。"]
        out["specs"] = {**specs, "flag": flag}
    return out


def _glossary(data: Any, known: set[str], scale: int) -> Any:
    terms = list(data["terms"])
    for k in range(1, scale):
        for term in data["terms"]:
            copy = _remap(term, known, f"-x{k}", "", False)
            copy["term"] = f"{term['term']}（第{k}册）"
            copy["aliases"] = [f"{a}（第{k}册）" for a in term.get("aliases", [])]
            terms.append(copy)
    return {**data, "terms": terms}


def _one_file_rules(files: list[tuple[Path, str, Any]], known: set[str], count: int) -> tuple[str, Any]:
    # One rule set's rules, repeated: rules of different sets may word things differently
    # (顾客 / 客户), and one entry must use one word (the glossary's usage table).
    header, first = max(((h, d) for rel, h, d in files if rel.parts[:2] == ("data", "rules")), key=lambda hd: len(hd[1]["rules"]))
    rules: list[Any] = []
    k = 0
    while len(rules) < count:
        k += 1
        rules += [_remap(rule, known, f"-big{k}", "", False) for rule in first["rules"]][: count - len(rules)]
    return header, {**first, "id": "big-rules", "title": f"合成大文件：{count} 条规范", "rules": rules, "cases": []}


def generate(out: Path, scale: int, src: Path = ROOT, one_file_rules: int = 0) -> Path:
    """Write the project at ``scale``× into ``out`` (created; must not exist) and return it."""
    if scale < 1:
        raise ValueError("scale must be ≥ 1")
    files = _sources(src)
    known = {i for _, _, data in files for i in _ids(data)}
    for rel, header, data in files:
        if rel.name in SHARED:
            _dump(out / rel, header, data)
        elif rel.as_posix() == "data/glossary.yml":
            _dump(out / rel, header, _glossary(data, known, scale))
        else:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / rel, out / rel)  # the original as written (escapes included)
            for k in range(1, scale):
                copy = _remap(data, known, f"-x{k}", f"（第{k}册）")
                if rel.parts[:2] == ("data", "taboos"):
                    copy["taboos"] = [_distinct_phrases(t, k) for t in copy["taboos"]]
                _dump(out / rel.with_name(f"{copy['id']}{rel.suffix}"), header, copy)
    if one_file_rules:
        header, data = _one_file_rules(files, known, one_file_rules)
        _dump(out / "data/rules/big-rules.yml", header, data)
    _link_project(out)
    return out


def _link_project(out: Path) -> None:
    """What ``mkdocs build`` needs besides data, from this checkout: configuration, hand-written assets, the generator."""
    shutil.copy2(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs/assets").symlink_to(ROOT / "docs/assets", target_is_directory=True)
    (out / "scripts_gen").symlink_to(ROOT / "scripts_gen", target_is_directory=True)
    if (ROOT / "overrides").is_dir():  # the theme's custom_dir (the Pagefind search box)
        (out / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="new project directory")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--one-file-rules", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists")
    generate(args.out, args.scale, one_file_rules=args.one_file_rules)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
