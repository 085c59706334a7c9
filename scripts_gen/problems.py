"""The one exception type and the problem records it carries.

Every message an editor sees is built here, so the format stays uniform:
``path:line:column: [code] 说明`` followed by an indented ``修改方法：`` line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one file (line and column are 1-based)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    fix: str = field(default="", compare=False)

    def format(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: [{self.code}] {self.message}"
        if self.fix:
            return f"{head}\n    修改方法：{self.fix}"
        return head


class HandbookError(Exception):
    """Raised with every problem found in a run, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        lines.append(f"共发现 {len(self.problems)} 个问题，未生成任何页面。")
        return "\n".join(lines)
