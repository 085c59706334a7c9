"""The taboo-phrase (禁语) matcher: one source of truth for site, tests and CLI.

Matching happens on a *compact* copy of the text, built for Chinese:

* Traditional characters folded to Simplified (OpenCC's ``t2s`` table, one
  character at a time so offsets stay exact), NFKC (full-width → half-width)
  and case-folding; 恩 → 嗯, 喔/噢 → 哦;
* dropped: spaces, invisible and format characters (Unicode Cf such as the soft
  hyphen and bidi marks, variation selectors, the combining grapheme joiner,
  C0/C1 controls including NUL) and the soft punctuation that people put inside
  a phrase (，、～— …), so 不是我们的，责任 matches 不是我们的责任.  A phrase
  matched across removed punctuation needs at least two characters on each
  side (不，可能 is not 不可能).  Line breaks and sentence ends are kept.

Every compact character remembers the original offset it came from, so a
:class:`Match` reports columns and text of the original line.

The phrases are compiled into a trie, and the trie into one regular expression
(CPython's regex engine then walks the trie in C and yields leftmost-longest
matches) behind a look-ahead on the first two characters.  Each hit is then
judged in context:

* ``exceptions`` of its own taboo: longer wordings written in the data; ``…``
  inside one is a gap of up to 12 characters within the sentence (不知道您…吗).
  A phrase may have a gap too (不归…管: up to 6 characters), for near-synonyms
  like 不归我们客服管; gapped phrases are searched with their own expression.
  An exception preceded by a negation (不是我们搞错了) does not count.
* ``standalone`` taboos (嗯, 哦) count only as a clause of their own (嗯，知道了),
  never inside a word (恩施, 王恩泽) or as a particle (好的哦).
* a repeated phrase (嗯嗯, 好吧好吧) is one finding;
* words inside quotation marks (您说“不可能送上楼”) are the customer's, not the
  agent's;
* a taboo scoped to channels (嗯、哦 in 在线) is reported only there when the
  channel is known.

A suppressed hit falls back to the longest unsuppressed phrase starting at the
same place, otherwise the scan moves one character on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs
import opencc

from scripts_gen import diskcache
from scripts_gen.handbook.models import Taboo

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Punctuation people put inside a phrase without ending the clause.
SOFT_PUNCT = frozenset("，,、～~—–-‐·・")
# Sentence ends: a gap in an exception never crosses one.
TERMINATORS = "。！？!?；;\n"
NEGATORS = frozenset("不没非未别")
QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}
CUSTOM = {"恩": "嗯", "喔": "哦", "噢": "哦"}
GAP = 12  # characters an exception's … may stand for
PHRASE_GAP = 6  # characters a phrase's … may stand for
_BUCKET = 24  # largest alternation the regex engine scans linearly at one node

_Node = dict[str, "_Node"]


def is_invisible(char: str) -> bool:
    """Characters that never change what a line says: format, control, selectors, spaces."""
    if char in LINE_BREAKS:
        return False
    if char in ZERO_WIDTH or char.isspace() or char == "\u034f":
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True
    return unicodedata.category(char) in ("Cf", "Cc")


def _is_ignorable(char: str) -> bool:
    return char in SOFT_PUNCT or is_invisible(char)


@cache
def _t2s() -> dict[str, str]:
    """Traditional → Simplified, character by character (OpenCC's t2s tables)."""
    converter = opencc.OpenCC("t2s")
    chars = [chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r)]
    converted = converter.convert("\n".join(chars)).split("\n")
    return {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


def normalize_char(char: str) -> str:
    """Compact form of one character ('' for ignorable characters)."""
    if _is_ignorable(char):
        return ""
    char = _t2s().get(char, char)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())
    return "".join(CUSTOM.get(c, c) for c in folded if not _is_ignorable(c))


_SELECTORS = frozenset(chr(c) for r in ((0xFE00, 0xFE10), (0xE0100, 0xE01F0)) for c in range(*r)) | {"\u034f"}
# Planes 4-13 are unassigned and 15-16 private use: nothing there changes under normalize_char.
_PLANES = ((0, 0x40000), (0xE0000, 0xF0000))


def _changed_in(chars: str, t2s: dict[str, str]) -> dict[str, str]:
    changed: dict[str, str] = {}
    for char in chars:
        if char not in CUSTOM and char not in t2s and not _is_ignorable(char) and char.casefold() == char \
                and unicodedata.is_normalized("NFKC", char):
            continue
        norm = normalize_char(char)
        if norm != char:
            changed[char] = norm
    return changed


@cache
def _changed_chars() -> dict[str, str]:
    """Every code point whose compact form differs from itself.

    A pure function of this module, Unicode's tables and OpenCC's, so it is
    computed once per version of them and then read from the disk cache.
    """
    digest = diskcache.key(Path(__file__).read_bytes(), unicodedata.unidata_version, opencc.__version__)
    table: dict[str, str] = diskcache.json_cached("changed-chars", digest, _scan_changed_chars)
    return table


def _scan_changed_chars() -> dict[str, str]:
    """Scan all of Unicode for :func:`_changed_chars` (≈0.4 s).

    Blocks of 128 code points are skipped whole when every one is printable, its
    own case fold and NFKC form, and none is special (Traditional, custom,
    soft punctuation, space, selector): only the other blocks are looked at
    one character at a time.
    """
    t2s = _t2s()
    special = frozenset(CUSTOM) | frozenset(t2s) | SOFT_PUNCT | _SELECTORS | {" "}
    changed: dict[str, str] = {}
    for low, high in _PLANES:
        for start in range(low, high, 128):
            block = "".join(chr(c) for c in range(start, start + 128) if not 0xD800 <= c < 0xE000)
            if block.isprintable() and special.isdisjoint(block) and block.casefold() == block \
                    and unicodedata.is_normalized("NFKC", block):
                continue
            changed.update(_changed_in(block, t2s))
    return changed


@cache
def _compact_table() -> dict[int, str | None]:
    """``str.translate`` table of :func:`normalize_char`: the changed characters, '' as deletion."""
    return {ord(c): n or None for c, n in _changed_chars().items()}


def normalize(text: str) -> str:
    """Compact a whole string the way phrases and text are compared (``normalize_char`` per character)."""
    return text.translate(_compact_table())


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


def exception_pieces(exception: str) -> list[str]:
    """Compact literal pieces of an exception, split at its … gaps."""
    return [normalize(piece) for piece in re.split(r"[…⋯]+", exception)]


def exception_regex(exception: str, limit: int = GAP) -> re.Pattern[str]:
    gap = f"[^{re.escape(TERMINATORS)}]{{0,{limit}}}?"
    return re.compile(gap.join(re.escape(p) for p in exception_pieces(exception)))


def _gapped(phrase: str) -> bool:
    return len(exception_pieces(phrase)) > 1


@dataclass(frozen=True)
class _Rule:
    """Everything a hit needs from its taboo."""

    taboo_id: str
    suggestions: tuple[str, ...]
    exceptions: tuple[re.Pattern[str], ...]
    standalone: bool
    channels: frozenset[str]

    def applies_to(self, channel: str | None) -> bool:
        return channel is None or not self.channels or channel in self.channels or "全渠道" in self.channels


@dataclass(frozen=True)
class _Phrase:
    rule: _Rule
    phrase: str


class _Trie:
    """Plain dict trie of compact phrases; '' marks the end of a phrase."""

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


class _Line:
    """One line being matched: its compact form and, on demand, offsets back to the original."""

    __slots__ = ("_multi", "_offsets", "_table", "norm", "spans", "text")

    def __init__(self, text: str, norm: str, table: dict[str, str], multi: re.Pattern[str]) -> None:
        self.text, self.norm, self._table, self._multi = text, norm, table, multi
        self._offsets: list[int] | None = None
        self.spans: list[tuple[int, int]] = []  # compact spans already reported

    def _build(self) -> list[int]:
        if self._offsets is None:
            expand = self._table
            if self._multi.search(self.text) is None:
                # Only removals and one-to-one folds (the usual case): keep what is not removed.
                self._offsets = [i for i, c in enumerate(self.text) if expand.get(c, c)]
            else:
                offsets: list[int] = []
                for index, char in enumerate(self.text):
                    norm = expand.get(char)
                    if norm is None:
                        offsets.append(index)
                    elif norm:
                        offsets.extend([index] * len(norm))
                self._offsets = offsets
        return self._offsets

    def original(self, start: int, end: int) -> tuple[int, int]:
        if self.norm is self.text:
            return start, end
        offsets = self._build()
        return offsets[start], offsets[end - 1] + 1

    def broken_at(self, index: int) -> bool:
        """Whether soft punctuation was removed just before compact ``index``."""
        if self.norm is self.text or index <= 0 or index >= len(self.norm):
            return False
        offsets = self._build()
        left, right = offsets[index - 1] + 1, offsets[index]
        return left < right and any(c in SOFT_PUNCT for c in self.text[left:right])

    def split_badly(self, start: int, end: int) -> bool:
        """Whether removed punctuation cuts the phrase leaving one character on a side."""
        if self.norm is self.text:
            return False
        return any(self.broken_at(b) for b in range(start + 1, end) if b - start < 2 or end - b < 2)


_QUOTE_MARKS = re.compile('[' + re.escape("".join(QUOTES) + "".join(QUOTES.values())) + '"]')


def _boundary(text: str, index: int, step: int) -> bool:
    """Whether the nearest visible character from ``index`` (walking ``step``) ends a clause."""
    while 0 <= index < len(text) and is_invisible(text[index]):
        index += step
    if not 0 <= index < len(text):
        return True
    return unicodedata.category(text[index])[0] in "PSZC"


def _quoted(text: str, start: int) -> bool:
    """Whether ``start`` lies inside quotation marks opened earlier on the line."""
    if _QUOTE_MARKS.search(text, 0, start) is None:
        return False
    depth = 0
    closing = set(QUOTES.values())
    for char in text[:start]:
        if char in QUOTES:
            depth += 1
        elif char in closing:
            depth = max(depth - 1, 0)
    return depth > 0 or text.count('"', 0, start) % 2 == 1


class Matcher:
    """Finds taboo phrases in text; build it with :meth:`from_taboos`."""

    def __init__(self, taboos: Sequence[Taboo]) -> None:
        """Build without checking specs (see :meth:`from_taboos`)."""
        self._phrases: dict[str, _Phrase] = {}
        self._gaps: list[tuple[str, re.Pattern[str], _Phrase]] = []  # (first piece, expression, phrase)
        for taboo in taboos:
            rule = _Rule(taboo.id, tuple(taboo.alternatives), tuple(exception_regex(x) for x in taboo.exceptions),
                         taboo.standalone, frozenset(taboo.channels))
            for phrase in taboo.phrases:
                if _gapped(phrase):
                    self._gaps.append((exception_pieces(phrase)[0], exception_regex(phrase, PHRASE_GAP),
                                       _Phrase(rule, phrase)))
                    continue
                norm = normalize(phrase)
                if norm and norm not in self._phrases:
                    self._phrases[norm] = _Phrase(rule, phrase)
        self._trie = _Trie(self._phrases)
        self._pattern = re.compile(self._trie.regex()) if self._phrases else None
        # Aho-Corasick (Rust) finds the same leftmost-longest candidates about twice as fast
        # as the trie expression (bench/bench_taboo.py); the expression takes over after a
        # hit is judged differently from the plain scan.
        self._ac = ahocorasick_rs.AhoCorasick(list(self._phrases), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) \
            if self._phrases else None
        alphabet = set("".join(self._phrases))
        alphabet.update(*("".join(exception_pieces(p.phrase)) for _, _, p in self._gaps))
        alphabet.update(*("".join(exception_pieces(x)) for t in taboos for x in t.exceptions))
        alphabet.update(TERMINATORS)
        self._expand = {c: n for c, n in _changed_chars().items()
                        if not n or c in alphabet or any(x in alphabet for x in n)}
        self._table: dict[int, str | None] = {ord(c): n or None for c, n in self._expand.items()}
        self._dirty = re.compile(f"[{_class_body(self._expand)}]")
        self._multi = re.compile(f"[{_class_body(c for c, n in self._expand.items() if len(n) > 1)}]" if any(
            len(n) > 1 for n in self._expand.values()) else "(?!)")
        # Most dirty lines only hold commas, spaces and full-width ？！: str.replace beats translate.
        self._common = [(c, self._expand[c]) for c in "，、 ,~～—·？！；：" if c in self._expand]
        self._rare = re.compile(f"[{_class_body(set(self._expand) - {c for c, _ in self._common})}]")

    @classmethod
    def from_taboos(cls, taboos: Sequence[Taboo]) -> Matcher:
        """Build a matcher and prove every taboo's specs; raise TabooSpecError if any fails."""
        matcher = cls(taboos)
        problems = _structure_problems(taboos) + _spec_problems(matcher, taboos)
        if problems:
            raise TabooSpecError(problems)
        return matcher

    @property
    def phrases(self) -> list[str]:
        """Compact phrases without gaps (the ones the trie expression finds)."""
        return list(self._phrases)

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The trie expression: leftmost-longest phrase candidates in compact text."""
        return self._pattern

    def compact(self, text: str) -> str:
        """``text`` as the matcher compares it (for required-phrase checks)."""
        if self._dirty.search(text) is None:
            return text
        if self._rare.search(text) is not None:
            return text.translate(self._table)
        for char, norm in self._common:
            if char in text:
                text = text.replace(char, norm)
        return text

    def find(self, text: str, channel: str | None = None) -> list[Match]:
        """Every taboo in ``text`` said on ``channel`` (None: any), judged in context."""
        norm = self.compact(text)
        gaps = [g for g in self._gaps if g[0] in norm]
        candidates = self._ac.find_matches_as_indexes(norm) if self._ac is not None else []
        if not candidates and not gaps:
            return []
        line = _Line(text, norm, self._expand, self._multi)
        found = self._find_trie(line, channel, candidates) if candidates else []
        if gaps:
            found = self._add_gapped(line, channel, found, gaps)
        return found

    def _find_trie(self, line: _Line, channel: str | None, candidates: list[tuple[int, int, int]]) -> list[Match]:
        assert self._pattern is not None
        text = line.text
        norm, search = line.norm, self._pattern.search
        found: list[Match] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        index, after = 0, 0  # next Aho-Corasick candidate; end of the one before it
        while True:
            if index < len(candidates) and after <= pos <= candidates[index][1]:
                _, start, end = candidates[index]
            elif (hit := search(norm, pos)) is not None:
                start, end = hit.span()
            else:
                break
            while index < len(candidates) and candidates[index][1] < start + 1:
                after = candidates[index][2]
                index += 1
            end = self._judged_end(line, start, end, channel)
            if end < 0:
                pos = start + 1
                continue
            phrase = norm[start:end]
            while norm.startswith(phrase, end) and not line.broken_at(end):
                end += len(phrase)
            info = self._phrases[phrase]
            if info.rule.standalone:
                first, last = line.original(start, end)
                if not (_boundary(text, first - 1, -1) and _boundary(text, last, 1)):
                    pos = start + 1
                    continue
            found.append(self._match(line, info, start, end))
            spans.append((start, end))
            pos = end
        line.spans = spans
        return found

    def _add_gapped(self, line: _Line, channel: str | None, found: list[Match],
                    gaps: list[tuple[str, re.Pattern[str], _Phrase]]) -> list[Match]:
        """Gapped phrases' hits that overlap no other hit, merged in order."""
        taken = list(line.spans)
        extra: list[tuple[int, Match]] = []
        for _, pattern, info in gaps:
            for hit in pattern.finditer(line.norm):
                start, end = hit.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                if not self._judge(line, info.rule, start, end, channel):
                    continue
                taken.append((start, end))
                extra.append((start, self._match(line, info, start, end)))
        if not extra:
            return found
        return sorted(found + [m for _, m in extra], key=lambda m: m.start)

    def _judged_end(self, line: _Line, start: int, end: int, channel: str | None) -> int:
        """End of the longest phrase at ``start`` that counts here, or -1."""
        if self._counts(line, start, end, channel):
            return end
        for other in self._trie.ends(line.norm, start):
            if other < end and self._counts(line, start, other, channel):
                return other
        return -1

    def _counts(self, line: _Line, start: int, end: int, channel: str | None) -> bool:
        return self._judge(line, self._phrases[line.norm[start:end]].rule, start, end, channel)

    def _judge(self, line: _Line, rule: _Rule, start: int, end: int, channel: str | None) -> bool:
        if not rule.applies_to(channel) or line.split_badly(start, end):
            return False
        if self._excepted(line.norm, start, end, rule):
            return False
        first, _ = line.original(start, end)
        return not _quoted(line.text, first)

    @staticmethod
    def _excepted(norm: str, start: int, end: int, rule: _Rule) -> bool:
        for pattern in rule.exceptions:
            pos = max(0, start - 64)
            while (hit := pattern.search(norm, pos)) is not None and hit.start() <= start:
                if hit.end() >= end and not (hit.start() and norm[hit.start() - 1] in NEGATORS):
                    return True
                pos = hit.start() + 1
        return False

    def _match(self, line: _Line, info: _Phrase, start: int, end: int) -> Match:
        start, end = line.original(start, end)
        return Match(info.rule.taboo_id, info.phrase, start, end, line.text[start:end], info.rule.suggestions)


def _structure_problems(taboos: Sequence[Taboo]) -> list[SpecProblem]:
    problems: list[SpecProblem] = []
    owner: dict[str, str] = {}
    for taboo in taboos:
        norms = ["".join(exception_pieces(p)) if _gapped(p) else normalize(p) for p in taboo.phrases]
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
            pieces = exception_pieces(exception)
            if "".join(pieces) in norms:
                problems.append(SpecProblem(
                    taboo.id, "exceptions", index,
                    f"禁语 {taboo.id} 的例外“{exception}”与禁语说法本身相同，会放过所有出现。",
                    "例外必须比禁语长，写出允许使用的完整说法，例如 不知道您现在方便吗。"))
            elif not any(n and n in piece for n in norms for piece in pieces) and not any(
                    _gapped(p) and exception_regex(p, PHRASE_GAP).search("".join(pieces)) for p in taboo.phrases):
                problems.append(SpecProblem(
                    taboo.id, "exceptions", index,
                    f"禁语 {taboo.id} 的例外“{exception}”不包含该禁语的任何说法，不会起作用。",
                    "例外必须是包含禁语的完整说法（“…”两边的某一段要含有禁语），例如 不知道您…吗。"))
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
