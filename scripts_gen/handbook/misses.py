"""The searches new hires say found nothing, collected from their browsers, read against the handbook.

Each learner's browser keeps the queries of "没找到想要的？" and of searches with no
result (docs/assets/js/feedback.js); the trainers' page exports them as a text file:

    # comment lines
    3 无结果 2026-11-23 20:05 客户薅羊毛
    1 没找到 2026-11-23 20:12 退差价
      > 网店议价话术 › 第 2 步 | /scripts/online-bargain/#bargain-2

(count, kind, last time, the query; ``>`` lines are the results shown when it was
flagged). ``read`` parses such files, every bad line reported as ``file:line``;
``merge`` adds them up across learners; ``classify`` says for each query whether a
section of the handbook already holds its words (in a title or an alias, or only in
the text), holds some of them (an alias would bring the rest), or none (a topic the
handbook lacks).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from scripts_gen.handbook.book import Handbook, Loaded, field_of, title_of
from scripts_gen.handbook.checks import ALIAS_FIELDS as CHECKED_ALIASES
from scripts_gen.handbook.synonyms import strings

KINDS = ("无结果", "没找到")
EXAMPLE = "2 无结果 2026-11-23 20:05 退差价"
RECORD = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2})\s+(\S.*?)\s*$")
SHOWN = re.compile(r"^\s+>\s?(.*)$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class MissesError(Exception):
    """Files that cannot be read as exported search records; ``problems`` are ``file:line: …`` lines (Chinese)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Record:
    """One line of one exported file."""

    query: str
    count: int
    kind: str
    time: str
    path: str
    line: int
    shown: list[str] = field(default_factory=list)


def read(paths: Sequence[Path]) -> list[Record]:
    """Every record of every file; all problems of all files at once (``MissesError``)."""
    records: list[Record] = []
    problems: list[str] = []
    for path in paths:
        found, bad = _read_one(path)
        records += found
        problems += bad
    if problems:
        raise MissesError(problems)
    return records


def _read_one(path: Path) -> tuple[list[Record], list[str]]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [f"{name}: 找不到这个文件。请检查文件名和路径。"]
    except OSError as err:
        return [], [f"{name}: 无法读取（{err.strerror or err}）。"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        return [], [f"{name}:{bad_line}: 不是 UTF-8 文本。请用“搜索未命中记录”页面的“下载文件”重新导出，不要用其他软件另存。"]
    records: list[Record] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if CONTROL.search(line):
            problems.append(f"{name}:{number}: 这一行有看不见的控制字符。请删掉这一行，或重新从“搜索未命中记录”页面导出。")
            continue
        shown = SHOWN.match(line)
        if shown:
            if not records:
                problems.append(f"{name}:{number}: “>”开头的结果行前面没有搜索词行。请把它放在所属的搜索词下面，或删掉。")
            else:
                records[-1].shown.append(shown.group(1).strip())
            continue
        match = RECORD.match(line)
        if not match:
            problems.append(f"{name}:{number}: 看不懂这一行：“{_clip(line)}”。每行应为“次数 类型 日期 时间 搜索词”，例如“{EXAMPLE}”。")
            continue
        count, kind, day, clock, query = match.groups()
        if kind not in KINDS:
            problems.append(f"{name}:{number}: 类型“{_clip(kind)}”不对：只能是“无结果”或“没找到”，例如“{EXAMPLE}”。")
            continue
        if int(count) < 1:
            problems.append(f"{name}:{number}: 次数应为正整数（1、2、3……），这里是 {count}。")
            continue
        records.append(Record(query, int(count), kind, f"{day} {clock}", name, number))
    if not records and not problems:
        problems.append(f"{name}: 文件里没有任何搜索记录。是不是选错了文件？应是“搜索未命中记录”页面下载的 搜索未命中-日期.txt。")
    return records, problems


def _clip(text: str, width: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= width else text[:width] + "…"


def norm(text: str) -> str:
    """The form compared: full-width letters and digits folded, lower case, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass
class Query:
    """One query merged over every file: how often and by how many learners (files)."""

    text: str
    count: int = 0
    files: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    last: str = ""
    shown: list[str] = field(default_factory=list)


def merge(records: Iterable[Record]) -> list[Query]:
    """Records of the same query (compared by ``norm``) added up; most learners and most searches first."""
    merged: dict[str, Query] = {}
    for r in records:
        key = norm(r.query)
        q = merged.setdefault(key, Query(r.query))
        q.count += r.count
        q.files.add(r.path)
        q.kinds[r.kind] += r.count
        q.last = max(q.last, r.time)
        q.shown += [s for s in r.shown if s not in q.shown]
    return sorted(merged.values(), key=lambda q: (-len(q.files), -q.count, q.text))


# ---- What the handbook already says -------------------------------------------------------

ALIAS_FIELDS = tuple(name for name, _ in CHECKED_ALIASES)
# Question phrasing: says how, not what; dropped before the words are looked up.
QUESTION = re.compile(
    r"怎么办|怎么样|怎么|怎样|如何|为什么|为啥|是什么|什么|咋办|咋整|咋|啥|是不是|能不能|可不可以|有没有|要不要|请问|一下"
)
# Characters that carry no topic alone; trimmed off the ends of a word.
GLUE = frozenset("的了吗呢吧啊呀嘛啦么要在是我你您他她它们这那哪能会该可以有和跟与及或都也还就再又把被给从向之很太个一些")
PIECE = 4  # longest piece of the handbook's text a query is cut into
# A word in at least this share of the sections (客户, 服务) does not point to any of them.
COMMON = 0.1
# How much such a word still counts towards the section nearest to a query (1: a rare word).
COMMON_WEIGHT = 0.3
# Sections named for a query that needs an alias: the answer is among the first three far more
# often than it is the first (see tests/handbook/test_misses.py).
NEAREST = 3


@dataclass(frozen=True)
class Section:
    """A part of the handbook with an id: its title, its aliases and all its text (normalised)."""

    title: str
    where: str  # data/…yml:line:column of the node
    url: str  # its page and anchor on the site: rules/abusive-callers/#abusive-recover
    names: str  # title and aliases, normalised
    text: str  # everything, normalised
    size: int


def sections(book: Handbook) -> list[Section]:
    """Every node with an id, in every entry and in the glossary."""
    items: list[tuple[str, Loaded[Any]]] = [(kind.key + "/" + item.entry.id + "/", item) for kind, item in book.everything()]
    if book.glossary:
        items.append(("glossary/", book.glossary))
    out = []
    for page, item in items:
        for loc, node in item.nodes:
            ident = field_of(node, "id")
            if not isinstance(ident, str):
                continue
            title = title_of(node)  # the title links to it carry on the site
            aliases = [a for name in ALIAS_FIELDS for a in (field_of(node, name) or [])]
            line, column = item.doc.where(loc)
            text = norm("\n".join(strings(node)))
            url = page + (f"#{ident}" if loc else "")
            out.append(Section(title, f"{item.path}:{line}:{column}", url, norm(" ".join([title, *aliases])), text, len(text)))
    return out


class Verdict(StrEnum):
    IN_NAMES = "标题或别名已有"
    IN_TEXT = "正文已有"
    NEEDS_ALIAS = "需要加别名"
    NEW_TOPIC = "可能缺主题"
    VAGUE = "太笼统"


# What each verdict asks of the editors, in the order the report lists them.
ADVICE = {
    Verdict.NEEDS_ALIAS: "手册有相关条目，但没有学员用的词：把缺的词加进该条目的 aliases。",
    Verdict.NEW_TOPIC: "手册里没有这些词，相关的词也只有“客户”“服务”这类处处都有的：可能缺一个主题，考虑新增条目。",
    Verdict.IN_TEXT: "某个条目的正文已有全部的词，但标题和别名里没有：若这是新员工常用的说法，加进该条目的 aliases，让它排到前面。",
    Verdict.IN_NAMES: "某个条目的标题或别名已有全部的词：搜索应能找到；学员仍说没找到时，请把这个词交给维护搜索排序的人。",
    Verdict.VAGUE: "只有“怎么办”“可以吗”这类问法，没有实际内容的词：不需要处理。",
}
ORDER = (Verdict.NEEDS_ALIAS, Verdict.NEW_TOPIC, Verdict.IN_TEXT, Verdict.IN_NAMES, Verdict.VAGUE)


@dataclass
class Finding:
    """What the handbook says about one query: the verdict, its words, and the section nearest to it."""

    query: Query
    verdict: Verdict
    words: list[str]
    missing: list[str]
    sections: list[Section]  # nearest first
    common: list[str] = field(default_factory=list)


class Corpus:
    """The handbook's sections and all their text, for looking words up."""

    def __init__(self, book: Handbook) -> None:
        self.sections = sections(book)
        self.all = "\n".join(s.text for s in self.sections)
        self._df: dict[str, int] = {}
        self._count: dict[str, int] = {}

    def df(self, word: str) -> int:
        if word not in self._df:
            self._df[word] = sum(1 for s in self.sections if word in s.text)
        return self._df[word]

    def common(self, word: str) -> bool:
        return self.df(word) >= COMMON * max(1, len(self.sections))

    def words(self, query: str) -> list[str]:
        """The query's words: each run of Chinese cut into the longest pieces the handbook uses
        (a piece it never uses is kept whole as a missing word), question phrasing dropped."""
        out: list[str] = []
        for run in re.findall(r"[\u4e00-\u9fff]+|[0-9a-z]+", QUESTION.sub(" ", norm(query))):
            out += self._cut(run) if re.match(r"[\u4e00-\u9fff]", run) else [run]
        return list(dict.fromkeys(out))

    def count(self, piece: str) -> int:
        if piece not in self._count:
            self._count[piece] = self.all.count(piece)
        return self._count[piece]

    def _cut(self, run: str) -> list[str]:
        """``run`` cut where the handbook's own text says words end: of every way to cut it into
        pieces the handbook uses (2–4 characters) and single characters, the one whose pieces are
        most frequent in the handbook (each scores log(1 + uses) × length). Neighbouring single
        characters that are not glue are then one word (退 差 价 → 退差价, a word the handbook lacks)."""
        best: list[tuple[float, list[str]]] = [(0.0, [])]
        for j in range(1, len(run) + 1):
            options = []
            for i in range(max(0, j - PIECE), j):
                piece = run[i:j]
                uses = self.count(piece) if len(piece) > 1 else 0
                if len(piece) > 1 and not uses:
                    continue
                options.append((best[i][0] + math.log(1 + uses) * len(piece) * (len(piece) > 1), [*best[i][1], piece]))
            best.append(max(options, key=lambda o: o[0]))
        words: list[str] = []
        single = ""
        for piece in [*best[-1][1], ""]:
            if len(piece) == 1 and piece not in GLUE:
                single += piece
                continue
            words += [single] if single else []
            single = ""
            if piece and not all(c in GLUE for c in piece):
                words.append(piece)
        return words

    def classify(self, query: Query) -> Finding:
        words = self.words(query.text)
        missing = [w for w in words if w not in self.all]
        if not words:
            return Finding(query, Verdict.VAGUE, words, [], [])
        if not missing:
            named = [s for s in self.sections if all(w in s.names for w in words)]
            if named:
                return Finding(query, Verdict.IN_NAMES, words, [], self.ranked(words, named)[:1])
            holding = [s for s in self.sections if all(w in s.text for w in words)]
            if holding:
                return Finding(query, Verdict.IN_TEXT, words, [], self.ranked(words, holding)[:1])
        if all(w in missing or self.common(w) for w in words):
            return Finding(query, Verdict.NEW_TOPIC, words, missing, [], [w for w in words if w not in missing])
        near = self.ranked(words, self.sections)[:NEAREST]
        absent = missing + [w for w in words if w not in missing and w not in near[0].text]
        return Finding(query, Verdict.NEEDS_ALIAS, words, absent, near)

    def ranked(self, words: list[str], among: list[Section]) -> list[Section]:
        """``among`` nearest to ``words`` first: each word a section holds counts by its rarity (a
        word on most sections, such as 客户, a little), twice in its title or aliases; a smaller
        section first among equals. Only sections holding some word, each place once."""
        n = len(self.sections)

        def score(s: Section) -> float:
            return sum(
                math.log(1 + n / self.df(w)) * (COMMON_WEIGHT if self.common(w) else 1) * (2 if w in s.names else 1)
                for w in words
                if w in s.text
            )

        scored = sorted(((score(s), s) for s in among), key=lambda p: (-p[0], p[1].size, p[1].url))
        return [s for value, s in scored if value > 0]


def report(queries: list[Query], findings: list[Finding], records: int, files: int) -> str:
    """The editors' report (Chinese): one group per verdict, queries most asked first."""
    lines = [f"读取了 {files} 个文件，共 {records} 条记录，合并为 {len(queries)} 个不同的搜索词。"]
    for verdict in ORDER:
        group = [f for f in findings if f.verdict is verdict]
        if not group:
            continue
        lines += ["", f"{verdict}（{len(group)} 个）：{ADVICE[verdict]}"]
        for f in group:
            q = f.query
            kinds = "，".join(f"{k} {q.kinds[k]}" for k in KINDS if q.kinds[k])
            lines.append(f"  {q.text} — {q.count} 次，{len(q.files)} 个文件（{kinds}；最近 {q.last}）")
            if f.missing:
                lines.append(f"    {'手册里没有' if verdict is Verdict.NEW_TOPIC else '缺的词'}：{'、'.join(f.missing)}")
            if verdict is Verdict.NEW_TOPIC and f.common:
                lines.append(f"    处处都有、指不出条目的词：{'、'.join(f.common)}")
            if f.sections:
                first, *rest = f.sections
                lines.append(f"    {'最相关' if verdict is Verdict.NEEDS_ALIAS else '已有'}：{first.title}（{first.where}）")
                if rest:
                    lines.append(f"    其次：{'；'.join(f'{s.title}（{s.where}）' for s in rest)}")
            if verdict is Verdict.NEEDS_ALIAS:
                lines.append(f"    修改方法：在该条目的 aliases 里加上“{q.text}”或其中缺的词。")
    return "\n".join(lines)
