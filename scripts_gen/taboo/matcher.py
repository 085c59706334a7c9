"""The taboo-phrase (禁语) matcher: one source of truth for site, tests and CLI.

Matching happens on a *normalised* copy of the text, built for Chinese:

* NFKC (full-width → half-width, compatibility forms) and case-folding;
* 恩 → 嗯, 喔/噢 → 哦;
* spaces and zero-width characters are dropped, so 不 知 道 matches 不知道
  (line breaks are kept: a phrase never spans two lines).

Every normalised character remembers the original offset it came from, so a
:class:`Match` reports columns and text of the original line.

The phrases are compiled into a trie, and the trie into one regular expression
(CPython's regex engine then walks the trie in C and yields leftmost-longest
matches): a look-ahead on the first two characters rejects most positions at
once, and the root's branches are split into character-class buckets so no
position tries hundreds of alternatives.  Only characters whose normalisation
can matter to the list are normalised, and only lines containing one pay for
it.  A match that one of
its own taboo's exceptions covers is re-examined with the Python trie: the
longest *unsuppressed* phrase starting at the same place wins, otherwise the
scan moves one character on.  No ``\\b`` word boundaries anywhere.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from scripts_gen.handbook.models import Taboo

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
CUSTOM = {"恩": "嗯", "喔": "哦", "噢": "哦"}
_BUCKET = 24  # largest alternation the regex engine scans linearly at one node

_Node = dict[str, "_Node"]


def _is_ignorable(char: str) -> bool:
    return char in ZERO_WIDTH or (char.isspace() and char not in LINE_BREAKS)


def normalize_char(char: str) -> str:
    """Normalised form of one character ('' for ignorable characters)."""
    if _is_ignorable(char):
        return ""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())
    return "".join(CUSTOM.get(c, c) for c in folded if not _is_ignorable(c))


@cache
def _changed_chars() -> dict[str, str]:
    """Every code point whose normalised form differs from itself (≈0.2 s once)."""
    changed: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if char not in CUSTOM and not _is_ignorable(char) and char.casefold() == char \
                and unicodedata.is_normalized("NFKC", char):
            continue
        norm = normalize_char(char)
        if norm != char:
            changed[char] = norm
    return changed


def normalize(text: str) -> str:
    """Normalise a whole string the way phrases and text are compared."""
    return "".join(normalize_char(c) for c in text)


class Match(NamedTuple):
    """One taboo found in a text; ``start``/``end`` index the original text."""

    taboo_id: str
    phrase: str
    start: int
    end: int
    matched_text: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class SpecProblem:
    """Something wrong with one taboo; ``field``/``index`` point into its YAML."""

    taboo_id: str
    field: str  # 'phrases', 'exceptions', 'alternatives', 'specs.flag' or 'specs.pass'
    index: int  # 0-based position in that list
    message: str
    fix: str = ""

    @property
    def loc(self) -> tuple[str | int, ...]:
        """Path inside the taboo entry, e.g. ('specs', 'pass', 2)."""
        return (*self.field.split("."), self.index)

    def format(self) -> str:
        return f"{self.message}\n    修改方法：{self.fix}" if self.fix else self.message


class TabooSpecError(Exception):
    """Raised by :meth:`Matcher.from_taboos` with every spec problem found."""

    def __init__(self, problems: list[SpecProblem]) -> None:
        self.problems = problems
        lines = [p.format() for p in problems]
        lines.append(f"禁语检查器的正反例共有 {len(problems)} 个问题。")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class _Phrase:
    taboo_id: str
    phrase: str
    suggestions: tuple[str, ...]
    guards: tuple[tuple[str, int], ...]  # (normalised exception, offset of phrase in it)


class _Trie:
    """Plain dict trie of normalised phrases; '' marks the end of a phrase."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.root: _Node = {}
        for phrase in phrases:
            node = self.root
            for char in phrase:
                node = node.setdefault(char, {})
            node[""] = {}

    def ends(self, text: str, start: int) -> list[int]:
        """End offsets of every phrase starting at ``start``, longest first."""
        found: list[int] = []
        node: _Node | None = self.root
        for pos in range(start, len(text)):
            node = node.get(text[pos]) if node is not None else None
            if node is None:
                break
            if "" in node:
                found.append(pos + 1)
        return found[::-1]

    def regex(self) -> str:
        """The trie as one regex, behind a look-ahead on the first two characters."""
        if not self.root:
            return ""
        first = _class_body(self.root)
        second = _class_body({c for child in self.root.values() for c in child if c})
        singles = _class_body({c for c, child in self.root.items() if "" in child})
        gate = f"[{first}][{second}]" if second else ""
        if singles:
            gate = f"[{singles}]|{gate}" if gate else f"[{singles}]"
        return f"(?={gate}){_node_regex(self.root, top=True)}"


def _class_body(chars: Iterable[str]) -> str:
    """Inside of a character class; astral characters collapse into one range so
    that the regex engine keeps the BMP part as a constant-time bitmap."""
    chars = set(chars)
    body = "".join(re.escape(c) for c in sorted(chars) if ord(c) <= 0xFFFF)
    if any(ord(c) > 0xFFFF for c in chars):
        body += "\\U00010000-\\U0010ffff"
    return body


def _node_regex(node: _Node, top: bool = False) -> str:
    alts = [(c, re.escape(c) + _node_regex(child)) for c, child in sorted(node.items()) if c]
    if not alts:
        return ""
    if len(alts) == 1 and not top:
        body = alts[0][1]
        return f"(?:{body})?" if "" in node else body
    body = _bucketed(alts)
    return body + "?" if "" in node else body


def _bucketed(alts: list[tuple[str, str]]) -> str:
    """Alternation whose branches are split by character-class look-aheads."""
    if len(alts) <= _BUCKET:
        return "(?:" + "|".join(a for _, a in alts) + ")"
    half = len(alts) // 2
    left, right = alts[:half], alts[half:]
    return f"(?:(?=[{_class_body(c for c, _ in left)}]){_bucketed(left)}|{_bucketed(right)})"


class Matcher:
    """Finds taboo phrases in text; build it with :meth:`from_taboos`."""

    def __init__(self, taboos: Sequence[Taboo]) -> None:
        """Build without checking specs (see :meth:`from_taboos`)."""
        self._phrases: dict[str, _Phrase] = {}
        for taboo in taboos:
            for phrase in taboo.phrases:
                norm = normalize(phrase)
                if norm and norm not in self._phrases:
                    self._phrases[norm] = _Phrase(
                        taboo.id, phrase, tuple(taboo.alternatives), _guards(norm, taboo.exceptions)
                    )
        self._guarded = {p for p, info in self._phrases.items() if info.guards}
        self._trie = _Trie(self._phrases)
        self._pattern = re.compile(self._trie.regex()) if self._phrases else None
        alphabet = set("".join(self._phrases))
        alphabet.update(*(normalize(x) for t in taboos for x in t.exceptions))
        self._expand = {c: n for c, n in _changed_chars().items()
                        if not n or c in alphabet or any(x in alphabet for x in n)}
        self._table: dict[int, str | None] = {ord(c): n or None for c, n in self._expand.items()}
        self._dirty = re.compile(f"[{_class_body(self._expand)}]")

    @classmethod
    def from_taboos(cls, taboos: Sequence[Taboo]) -> Matcher:
        """Build a matcher and prove every taboo's specs; raise TabooSpecError if any fails."""
        matcher = cls(taboos)
        problems = _structure_problems(taboos) + _spec_problems(matcher, taboos)
        if problems:
            raise TabooSpecError(problems)
        return matcher

    def find(self, text: str) -> list[Match]:
        """Every taboo in ``text``: leftmost-longest, not covered by its own exceptions."""
        if self._pattern is None:
            return []
        norm, offsets = self._normalize(text)
        search, guarded = self._pattern.search, self._guarded
        found: list[Match] = []
        pos = 0
        while (hit := search(norm, pos)) is not None:
            start, end = hit.span()
            if hit.group() in guarded:
                end = self._unsuppressed_end(norm, start, end)
                if end < 0:
                    pos = start + 1
                    continue
            found.append(self._match(text, norm, offsets, start, end))
            pos = end
        return found

    def _normalize(self, text: str) -> tuple[str, list[int] | None]:
        """Normalised text and, unless identical, normalised → original offsets."""
        if self._dirty.search(text) is None:
            return text, None
        return text.translate(self._table), self._offsets(text)

    def _offsets(self, text: str) -> list[int]:
        offsets: list[int] = []
        expand = self._expand
        for index, char in enumerate(text):
            norm = expand.get(char)
            if norm is None:
                offsets.append(index)
            else:
                offsets.extend([index] * len(norm))
        return offsets

    def _unsuppressed_end(self, norm: str, start: int, end: int) -> int:
        if not self._suppressed(norm, start, end):
            return end
        for other in self._trie.ends(norm, start):
            if other < end and not self._suppressed(norm, start, other):
                return other
        return -1

    def _suppressed(self, norm: str, start: int, end: int) -> bool:
        guards = self._phrases[norm[start:end]].guards
        return any(start >= k and norm.startswith(x, start - k) for x, k in guards)

    def _match(self, text: str, norm: str, offsets: list[int] | None, start: int, end: int) -> Match:
        info = self._phrases[norm[start:end]]
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        return Match(info.taboo_id, info.phrase, start, end, text[start:end], info.suggestions)


def _guards(phrase: str, exceptions: Iterable[str]) -> tuple[tuple[str, int], ...]:
    guards = []
    for exception in exceptions:
        norm = normalize(exception)
        at = norm.find(phrase)
        while at >= 0:
            guards.append((norm, at))
            at = norm.find(phrase, at + 1)
    return tuple(guards)


def _structure_problems(taboos: Sequence[Taboo]) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    owner: dict[str, str] = {}
    for taboo in taboos:
        norms = [normalize(p) for p in taboo.phrases]
        for index, (phrase, norm) in enumerate(zip(taboo.phrases, norms, strict=True)):
            if not norm:
                problems.append(SpecProblem(
                    taboo.id, "phrases", index, f"禁语 {taboo.id} 的说法“{phrase}”去掉空格后是空的。",
                    "删除这一项，或写出真正的说法。"))
            elif owner.setdefault(norm, taboo.id) != taboo.id:
                problems.append(SpecProblem(
                    taboo.id, "phrases", index,
                    f"禁语 {taboo.id} 的说法“{phrase}”已经是禁语 {owner[norm]} 的说法。",
                    "同一种说法只能属于一个禁语条目；删除其中一处。"))
        for index, exception in enumerate(taboo.exceptions):
            if normalize(exception) in norms:
                problems.append(SpecProblem(
                    taboo.id, "exceptions", index,
                    f"禁语 {taboo.id} 的例外“{exception}”与禁语说法本身相同，会放过所有出现。",
                    "例外必须比禁语长，写出允许使用的完整说法，例如 不知道您现在方便吗。"))
            elif not any(n and n in normalize(exception) for n in norms):
                problems.append(SpecProblem(
                    taboo.id, "exceptions", index,
                    f"禁语 {taboo.id} 的例外“{exception}”不包含该禁语的任何说法，不会起作用。",
                    "例外必须是包含禁语的完整说法，例如 不知道您现在方便吗。"))
    return problems


def _spec_problems(matcher: Matcher, taboos: Sequence[Taboo]) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    for taboo in taboos:
        for index, sentence in enumerate(taboo.specs.flag):
            if not any(m.taboo_id == taboo.id for m in matcher.find(sentence)):
                problems.append(SpecProblem(
                    taboo.id, "specs.flag", index,
                    f"禁语 {taboo.id} 的正例（specs.flag 第 {index + 1} 条）“{sentence}”没有被检查出来。",
                    "在 phrases 中补上这句话里的说法，或检查 exceptions 是否把它放过了。"))
        for index, sentence in enumerate(taboo.specs.allow):
            hits = [m.matched_text for m in matcher.find(sentence) if m.taboo_id == taboo.id]
            if hits:
                problems.append(SpecProblem(
                    taboo.id, "specs.pass", index,
                    f"禁语 {taboo.id} 的反例（specs.pass 第 {index + 1} 条）“{sentence}”"
                    f"被误报，命中“{'”“'.join(hits)}”。",
                    "把包含禁语的这句完整说法加入 exceptions，或修改这条反例。"))
    return problems


def check_specs(taboos: Sequence[Taboo], matcher: Matcher | None = None) -> list[SpecProblem]:
    """Problems with phrases, exceptions and specs.flag / specs.pass of ``taboos``."""
    return _structure_problems(taboos) + _spec_problems(matcher or Matcher(taboos), taboos)


def check_alternatives(taboos: Sequence[Taboo], matcher: Matcher | None = None) -> list[SpecProblem]:
    """Problems where a recommended alternative itself contains a taboo (any taboo)."""
    matcher = matcher or Matcher(taboos)
    problems: list[SpecProblem] = []
    for taboo in taboos:
        for index, alternative in enumerate(taboo.alternatives):
            for hit in matcher.find(alternative):
                problems.append(SpecProblem(
                    taboo.id, "alternatives", index,
                    f"禁语 {taboo.id} 推荐的替代说法“{alternative}”本身含有禁语 {hit.taboo_id}"
                    f"（“{hit.matched_text}”）。",
                    f"改写这条替代说法；如确属正当用法，把它加入禁语 {hit.taboo_id} 的 exceptions。"))
    return problems
