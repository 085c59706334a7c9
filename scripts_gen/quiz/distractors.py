"""Wrong options that look like the key: as long and as polite, drawn from a pool indexed once.

A pool is built once per scope (every rule's good examples for the whole
handbook; every line of one script) and indexed by politeness and length, so
a question looks only at the few sentences nearest its key instead of sorting
the whole pool: generation stays linear in the size of the handbook.
"""

from __future__ import annotations

import hashlib
import heapq
import random
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from scripts_gen.quiz.text import normalize

POLITE = ("您", "请", "谢谢", "感谢", "抱歉", "不好意思", "麻烦", "理解", "好的", "马上", "帮您", "为您")
# One politeness marker weighs as much as six characters of length difference.
POLITE_WEIGHT = 6
# Up to this much noise per (question, sentence), so one close sentence is not reused everywhere.
JITTER = 4.0


@dataclass(frozen=True)
class Candidate:
    """A possible option: its text and why it is right or wrong."""

    text: str
    why: str


@cache
def courtesy(text: str) -> int:
    """How many polite markers a sentence has (您, 请, 谢谢 …): the politest option must not be a tell."""
    return sum(text.count(word) for word in POLITE)


@dataclass(frozen=True)
class _Sentence:
    owned: tuple[tuple[str, Candidate], ...]  # (owner id, candidate), first seen first

    def offer(self, excluded: frozenset[str]) -> Candidate | None:
        """The candidate of the first owner that is not excluded, if any."""
        return next((c for owner, c in self.owned if owner not in excluded), None)


def _fraction(seed: str, text: str) -> float:
    """A number in [0, 1) fixed by ``seed`` and ``text`` (the same on every run and machine)."""
    digest = hashlib.blake2b(f"{seed}\0{text}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _jitter(seed: str, text: str) -> float:
    return JITTER * _fraction(seed, text)


class Pool:
    """Unique sentences (by meaning, see ``normalize``) grouped by politeness, then by length.

    A question examines at most ``NEAREST`` eligible sentences per side, the
    nearest by length and politeness; sentences equally near are taken in an
    order rotated by the question's seed, so a crowded length does not always
    offer the same few. The cost of a question is thus bounded whatever the
    size of the handbook.
    """

    NEAREST = 12

    def __init__(self, items: Iterable[tuple[str, Candidate]]) -> None:
        """``items`` are (owner id, candidate); an owner's own sentences can be excluded per question."""
        found: dict[str, tuple[str, list[tuple[str, Candidate]]]] = {}
        for owner, candidate in items:
            key = normalize(candidate.text)
            if key:
                found.setdefault(key, (candidate.text, []))[1].append((owner, candidate))
        runs: dict[int, dict[int, list[tuple[str, _Sentence]]]] = {}
        for key, (text, owned) in sorted(found.items()):
            runs.setdefault(courtesy(text), {}).setdefault(len(text), []).append((key, _Sentence(tuple(owned))))
        # politeness → sentences of each length (ascending), and those lengths for bisect
        self._runs = {p: [by_size[n] for n in sorted(by_size)] for p, by_size in sorted(runs.items())}
        self._sizes = {p: sorted(by_size) for p, by_size in sorted(runs.items())}

    def _walk(self, size: int, polite: int, longer: bool, seed: str) -> Iterator[tuple[int, str, _Sentence]]:
        """Sentences on one side of ``size`` (longer, or not longer), nearest first by length and politeness."""
        heap: list[tuple[int, int, int, int]] = []  # (base distance, politeness, run index, direction)
        for p, sizes in self._sizes.items():
            start = bisect_right(sizes, size) if longer else bisect_right(sizes, size) - 1
            if 0 <= start < len(sizes):
                heap.append((self._base(sizes[start], size, p, polite), p, start, 1 if longer else -1))
        heapq.heapify(heap)
        while heap:
            base, p, i, step = heapq.heappop(heap)
            run = self._runs[p][i]
            turn = int(_fraction(f"{seed}\0{p}", str(i)) * len(run))
            for k in range(len(run)):
                key, sentence = run[(turn + k) % len(run)]
                yield base, key, sentence
            if 0 <= i + step < len(self._sizes[p]):
                heapq.heappush(heap, (self._base(self._sizes[p][i + step], size, p, polite), p, i + step, step))

    @staticmethod
    def _base(length: int, size: int, p: int, polite: int) -> int:
        return abs(length - size) + POLITE_WEIGHT * abs(p - polite)

    def _nearest(self, key: str, count: int, seed: str, excluded: frozenset[str], longer: bool) -> list[Candidate]:
        """Up to ``count`` candidates on one side: of the ``NEAREST`` nearest, those nearest after jitter."""
        own = normalize(key)
        best: list[tuple[float, str, Candidate]] = []
        for base, norm, sentence in self._walk(len(key), courtesy(key), longer, seed):
            if len(best) >= self.NEAREST or (len(best) >= count and base > best[count - 1][0]):
                break  # nothing farther can be among the count nearest after jitter
            candidate = sentence.offer(excluded) if norm != own else None
            if candidate is not None:
                best.append((base + _jitter(seed, candidate.text), candidate.text, candidate))
                best.sort(key=lambda row: (row[0], row[1]))
        return [row[2] for row in best[:count]]

    def choose(self, key: str, count: int, seed: str, *, exclude: Iterable[str] = (), strict: bool = True) -> list[Candidate]:
        """``count`` distractors that look like the key: as polite, and lengths bracketing the key's.

        ``above`` (drawn from the seed) of them are longer than the key and the
        rest no longer, so over many questions the key's length rank is random;
        on each side the candidates closest in length and politeness win, with a
        little jitter so the same sentence is not reused in every question.
        Sentences owned only by ``exclude`` are left out. When either side has
        fewer than ``count`` candidates, no rank can be drawn freely (only the
        surviving ranks would be asked, and a guesser would learn them), so
        nothing is returned and the caller asks no question; with
        ``strict=False`` (script lines, which all have the same form) the
        closest achievable rank is used instead.
        """
        if count <= 0:
            return []
        excluded = frozenset(exclude)
        longer = self._nearest(key, count, seed, excluded, longer=True)
        shorter = self._nearest(key, count, seed, excluded, longer=False)
        if strict and (len(longer) < count or len(shorter) < count):
            return []  # the key's length would give it away whatever rank was drawn
        above = min(random.Random(seed).randint(0, count), len(longer))
        if len(shorter) < count - above:
            above = min(len(longer), count - len(shorter))
        return longer[:above] + shorter[: count - above]
