"""The one exception type and the problem records it carries.

Every message an editor sees is built here, so the format stays uniform:
``path:line:column: [code] 说明`` followed by an indented ``修改方法：`` line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

# Every problem code, with a one-line meaning. CONTRIBUTING.md explains each to
# editors (a test keeps the two in step), and Problem refuses a code not listed.
CODES: dict[str, str] = {
    "yaml-syntax": "YAML 语法错误",
    "tab-indent": "缩进里有 Tab",
    "encoding": "文件不是 UTF-8",
    "empty-file": "文件是空的",
    "yaml-alias": "使用了锚点或别名",
    "unsafe-tag": "使用了 YAML 标签",
    "duplicate-key": "同一层级键重复",
    "yaml-too-deep": "嵌套层数太多",
    "control-char": "有看不见的控制字符",
    "single-line": "只能写一行的字段里有换行",
    "ambiguous-scalar": "没加引号的数字会被读错",
    "unreadable-file": "文件无法读取",
    "unknown-file": "文件位置或类型不对",
    "unknown-key": "未知字段",
    "missing-field": "缺少必填字段",
    "wrong-type": "类型不对",
    "empty-text": "文字为空",
    "empty-list": "列表项太少",
    "bad-enum": "取值不在允许范围内",
    "bad-id": "编号格式不对",
    "bad-source": "出处格式不对",
    "out-of-range": "数值超出范围",
    "invalid-value": "其他取值错误",
    "duplicate-id": "编号重复",
    "alias-duplicate": "搜索别名重复或与标题相同",
    "synonym-unknown": "搜索同义词表里的手册用词在手册里找不到",
    "synonym-duplicate": "搜索同义词表里的日常说法重复",
    "reserved-id": "使用了保留编号",
    "id-filename": "编号与文件名不一致",
    "unknown-ref": "引用了不存在的编号",
    "missing-file": "缺少必需的文件",
    "kpi-sum": "绩效权重之和不对",
    "script-next-conflict": "步骤同时有 branches 和 next",
    "script-dead-end": "话术步骤中断",
    "script-unreachable": "话术步骤无法到达",
    "script-cycle": "话术出现循环",
    "taboo-spec": "禁语正反例不符",
    "taboo-alternative": "推荐说法含禁语",
    "uses-taboo": "话术中出现禁语",
    "required-wording": "质检必说内容没有示例证明",
    "waiver-format": "质检豁免文件格式不对",
    "term-variant": "用词与用词统一表不一致",
    "quiz-reserved-id": "题目编号用了 g- 前缀",
    "quiz-answer": "答案写法不对",
    "quiz-answer-range": "答案序号超出范围",
    "quiz-answer-twice": "答案写了两遍",
    "quiz-stray-field": "题型不使用该字段",
    "quiz-too-few": "选项或项目太少",
    "quiz-too-many": "选项或项目太多",
    "quiz-duplicate": "选项重复",
    "quiz-no-correct": "没有正确选项",
    "quiz-many-correct": "单选题有多个正确选项",
    "quiz-missing-why": "最佳回复选项缺少 why",
    "quiz-pool-small": "题目不够抽",
    "quiz-draw-empty": "抽题项没有条件",
    "quiz-exam-leak": "练习题泄露考试答案",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one file (line and column are 1-based)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    fix: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}: add it to problems.CODES and CONTRIBUTING.md")

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


class Positioned(Protocol):
    """Anything that knows its file and where a location in it is (a yamldoc Document)."""

    @property
    def path(self) -> str: ...

    def where(self, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]: ...


def located(doc: Positioned, loc: tuple[int | str, ...], code: str, message: str, fix: str = "", *, key: bool = False) -> Problem:
    """The Problem at ``loc`` of ``doc`` (its value, or its key with ``key``)."""
    line, column = doc.where(loc, key=key)
    return Problem(doc.path, line, column, code, message, fix)


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """“你是不是想写“x”？” for the closest of ``choices``, or "" when none is close."""
    close = closest(word, choices, cutoff)
    return f"你是不是想写“{close}”？" if close else ""
