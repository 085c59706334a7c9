"""Required wording (必说): what an agent must say, taken from the handbook's rules and scripts.

A rule may require an opening (开场) within the first N agent turns of a session
or a closing (结束) within the last N; a script step may list wording the agent
must say somewhere in a session tagged with that script (话术：callback-script).
Wording is compared the way taboos are (Traditional folded, invisible characters
and soft punctuation dropped); ``…`` is a gap inside one sentence.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from scripts_gen.taboo.matcher import exception_regex, normalize

OPENING, CLOSING, STEP = "开场", "结束", "步骤"


@dataclass(frozen=True)
class Requirement:
    """One thing an agent must say, and the handbook entry that says so."""

    rule_id: str  # a rule id, or a script step id
    title: str
    position: str  # OPENING, CLOSING or STEP
    within: int  # agent turns counted from the start (opening) or the end (closing)
    wordings: tuple[str, ...]  # any one of them will do
    channels: frozenset[str] = frozenset()
    script: str = ""  # the script a STEP belongs to

    def applies(self, channel: str | None, script: str | None) -> bool:
        if self.position == STEP:
            return script == self.script
        return channel is None or not self.channels or channel in self.channels

    def describe(self) -> str:
        said = "”或“".join(self.wordings[:3])
        if self.position == OPENING:
            return f"客服前 {self.within} 句没有开场问候（{self.title}：应说“{said}”之类）"
        if self.position == CLOSING:
            return f"客服最后 {self.within} 句没有结束语（{self.title}：应说“{said}”之类）"
        return f"没有说到话术 {self.script} 的“{self.title}”这一步（应说“{said}”之类）"


@dataclass(frozen=True)
class Missing:
    rule_id: str
    line: int
    agent: str
    message: str
    suggestions: tuple[str, ...]


@cache
def _patterns(wordings: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(exception_regex(w) for w in wordings)


def said(requirement: Requirement, text: str) -> bool:
    """Whether ``text`` contains one of the requirement's wordings."""
    norm = normalize(text)
    return any(p.search(norm) for p in _patterns(requirement.wordings))


class SessionCheck:
    """Required wording of one session, checked turn by turn in bounded memory.

    Only the first and last ``within`` agent turns are kept (for openings and
    closings); script steps are ticked off as the turns go by.
    """

    def __init__(self, requirements: Sequence[Requirement], channel: str | None, script: str | None) -> None:
        mine = [r for r in requirements if r.applies(channel, script)]
        self.openings = [r for r in mine if r.position == OPENING]
        self.closings = [r for r in mine if r.position == CLOSING]
        self.steps = [r for r in mine if r.position == STEP]
        self.first: list[tuple[int, str, str]] = []
        self.last: deque[tuple[int, str, str]] = deque(maxlen=max((r.within for r in self.closings), default=1))
        self.keep_first = max((r.within for r in self.openings), default=0)
        self.done: set[str] = set()

    def add(self, line: int, agent: str, text: str, continued: bool = False) -> None:
        """One agent turn, or (``continued``) a wrapped line of the turn before."""
        if continued and self.last:
            line, agent, before = self.last[-1]
            text = before + "\n" + text
            self.last[-1] = (line, agent, text)
            if self.first and self.first[-1][0] == line:
                self.first[-1] = (line, agent, text)
        elif not continued:
            self.last.append((line, agent, text))
            if len(self.first) < self.keep_first:
                self.first.append((line, agent, text))
        for req in self.steps:
            if req.rule_id not in self.done and said(req, text):
                self.done.add(req.rule_id)

    def missing(self) -> Iterator[Missing]:
        if not self.last:
            return
        for req in self.openings:
            if not any(said(req, text) for _, _, text in self.first[:req.within]):
                yield Missing(req.rule_id, self.first[0][0], self.first[0][1], req.describe(), req.wordings[:2])
        for req in self.closings:
            if not any(said(req, text) for _, _, text in list(self.last)[-req.within:]):
                yield Missing(req.rule_id, self.last[-1][0], self.last[-1][1], req.describe(), req.wordings[:2])
        for req in self.steps:
            if req.rule_id not in self.done:
                yield Missing(req.rule_id, self.last[-1][0], self.last[-1][1], req.describe(), req.wordings[:2])
