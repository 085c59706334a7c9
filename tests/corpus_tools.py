"""The labelled transcript corpus: render ``corpus/*.src`` into real formats and score the linter.

A ``.src`` file is written by hand, one session at a time (see corpus/README.md).
:func:`render` turns each split into the files a call centre would export — a plain
text transcript mixing the prefix styles seen in the wild, a CSV and a JSONL — plus
``expected.jsonl`` naming, for every agent line, the taboo ids a QA reviewer marks.
The rendered files are committed; ``python tests/corpus_tools.py`` rewrites them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "taboo" / "corpus"
SPLITS = ("tuning", "holdout")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass
class Line:
    kind: str  # 'A' agent, 'A+' agent continuation, 'C' customer, '!' raw line
    text: str
    expected: tuple[str, ...] = ()


@dataclass
class Session:
    id: str
    channel: str
    fmt: str  # text, csv or jsonl
    style: str  # prefix style of text sessions
    lines: list[Line] = field(default_factory=list)


def parse(path: Path) -> list[Session]:
    sessions: list[Session] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("== "):
            sid, channel, fmt = raw[3:].split()
            fmt, _, style = fmt.partition(":")
            sessions.append(Session(sid, channel, fmt, style or "plain"))
            continue
        kind, _, rest = raw.partition(" ")
        if kind not in ("A", "A+", "C", "!") or not sessions:
            raise ValueError(f"{path}:{number}: 不认识的行：{raw}")
        text, expected = rest, ""
        if kind.startswith("A"):
            text, sep, expected = rest.rpartition(" | ")
            if not sep:
                raise ValueError(f"{path}:{number}: 客服行缺少“ | 期望”：{raw}")
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        ids = tuple(f"taboo-{x.strip()}" for x in expected.split(",") if x.strip() not in ("", "-"))
        sessions[-1].lines.append(Line(kind, text, ids))
    return sessions


AGENT_NAMES = ("小林", "小周", "小陈")
AGENT_IDS = ("1023", "1045", "2001")


def _prefix(style: str, agent: bool, index: int, clock: int) -> str:
    stamp = f"[{9 + clock // 3600:02d}:{clock // 60 % 60:02d}:{clock % 60:02d}] "
    return {
        "ts": stamp + ("客服：" if agent else "客户："),
        "name": f"客服{AGENT_NAMES[index % 3]}：" if agent else "顾客：",
        "seat": "坐席：" if agent else "客户：",
        "bracket": "【客服】" if agent else "【客户】",
        "id": f"客服({AGENT_IDS[index % 3]})：" if agent else "客户：",
        "en": "Agent: " if agent else "Customer: ",
        "plain": "客服：" if agent else "客户：",
    }[style]


Expected = dict[str, object]


def _text(sessions: list[Session], name: str) -> tuple[str, list[Expected]]:
    out: list[str] = []
    expected: list[Expected] = []
    clock = 0
    for index, session in enumerate(sessions):
        out.append(f"==== 会话 {session.id} 渠道：{session.channel} ====")
        for line in session.lines:
            clock += 7
            if line.kind == "!" or line.kind == "A+":
                out.append(line.text)
            else:
                out.append(_prefix(session.style, line.kind == "A", index, clock) + line.text)
            if line.kind.startswith("A"):
                expected.append({"file": name, "line": len(out), "session": session.id,
                                 "channel": session.channel, "text": line.text, "expected": list(line.expected)})
        out.append("")
    return "\n".join(out), expected


def _rows(sessions: list[Session]) -> Iterable[tuple[Session, int, Line, dict[str, str]]]:
    for index, session in enumerate(sessions):
        for line in session.lines:
            if line.kind == "!":
                continue
            agent = line.kind.startswith("A")
            label = ("客服", "坐席", "agent")[index % 3] if agent else ("客户", "顾客", "customer")[index % 3]
            yield session, index, line, {
                "session": session.id, "channel": session.channel, "speaker": label,
                "agent": f"客服{AGENT_NAMES[index % 3]}" if agent else "", "text": line.text,
            }


def _csv(sessions: list[Session], name: str) -> tuple[str, list[Expected]]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ["session", "channel", "speaker", "agent", "text"]
    writer.writerow(columns)
    expected: list[Expected] = []
    for session, _, line, row in _rows(sessions):
        writer.writerow([row[c] for c in columns])
        if line.kind.startswith("A"):
            number = buffer.getvalue().count("\n")
            expected.append({"file": name, "line": number, "session": session.id, "channel": session.channel,
                             "text": line.text, "expected": list(line.expected)})
    return buffer.getvalue(), expected


def _jsonl(sessions: list[Session], name: str) -> tuple[str, list[Expected]]:
    out: list[str] = []
    expected: list[Expected] = []
    for session, _, line, row in _rows(sessions):
        out.append(json.dumps(row, ensure_ascii=False))
        if line.kind.startswith("A"):
            expected.append({"file": name, "line": len(out), "session": session.id, "channel": session.channel,
                             "text": line.text, "expected": list(line.expected)})
    return "\n".join(out) + "\n", expected


RENDERERS: dict[str, tuple[str, Callable[[list[Session], str], tuple[str, list[Expected]]]]] = {
    "text": ("chat.txt", _text), "csv": ("sessions.csv", _csv), "jsonl": ("sessions.jsonl", _jsonl),
}


def rendered(split: str) -> dict[str, str]:
    """File name → content of one split, ``expected.jsonl`` included."""
    sessions = parse(CORPUS / f"{split}.src")
    files: dict[str, str] = {}
    expected: list[Expected] = []
    for fmt, (name, render) in RENDERERS.items():
        content, labels = render([s for s in sessions if s.fmt == fmt], name)
        files[name] = content
        expected += labels
    files["expected.jsonl"] = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in expected)
    return files


def write_all() -> None:
    for split in SPLITS:
        folder = CORPUS / split
        folder.mkdir(exist_ok=True)
        for name, content in rendered(split).items():
            (folder / name).write_text(content, encoding="utf-8", newline="\n")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    agent_lines: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def report(self, split: str) -> str:
        lines = [f"{split}: 客服行 {self.agent_lines}，TP {self.tp} FP {self.fp} FN {self.fn}，"
                 f"precision {self.precision:.3f} recall {self.recall:.3f}"]
        lines += [f"  漏报 {m}" for m in self.misses] + [f"  误报 {f}" for f in self.false_positives]
        return "\n".join(lines)


def score(split: str, found: dict[tuple[str, int], set[str]]) -> Score:
    """Compare ``found`` ((file, line) → taboo ids) with the split's expected verdicts."""
    result = Score()
    labelled: set[tuple[str, int]] = set()
    for raw in (CORPUS / split / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(raw)
        key = (str(item["file"]), int(item["line"]))
        labelled.add(key)
        result.agent_lines += 1
        want, got = set(item["expected"]), found.get(key, set())
        result.tp += len(want & got)
        where = f"{split}/{key[0]}:{key[1]} [{item['channel']}] {item['text']!r}"
        for miss in sorted(want - got):
            result.fn += 1
            result.misses.append(f"{where} 应为 {miss}")
        for extra in sorted(got - want):
            result.fp += 1
            result.false_positives.append(f"{where} 报了 {extra}")
    for key, ids in sorted(found.items()):
        if key not in labelled:
            result.fp += len(ids)
            result.false_positives.append(f"{split}/{key[0]}:{key[1]} 不是客服行却报了 {sorted(ids)}")
    return result


if __name__ == "__main__":
    write_all()
    sys.exit(0)
