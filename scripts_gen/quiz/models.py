"""Typed models of quiz banks (quizzes/*.yml) and assignments (quizzes/assignments/*.yml).

Question fields are flat (one model for every type) so that pydantic's error
locations map straight onto YAML positions; which fields each type needs is
checked afterwards in quiz_check, with a Chinese message per mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import Field, model_validator

from scripts_gen.handbook.book import Handbook
from scripts_gen.handbook.models import MULTILINE, Id, Model, Text
from scripts_gen.yamldoc import Document, Loc

T = TypeVar("T")


class QType(StrEnum):
    """Question types; the values are what editors write in YAML."""

    SINGLE = "单选"
    MULTI = "多选"
    TRUE_FALSE = "判断"
    ORDER = "排序"
    MATCH = "配对"
    FILL = "填空"
    BEST_REPLY = "最佳回复"

    @property
    def is_choice(self) -> bool:
        return self in (QType.SINGLE, QType.MULTI, QType.BEST_REPLY)


Mode = Literal["practice", "exam"]
MODE_TITLES: dict[str, str] = {"practice": "练习", "exam": "考试"}

TYPE_HINTS: dict[QType, str] = {
    QType.SINGLE: "options（2–8 项，恰好一项 correct: true，或写 answer: 序号）",
    QType.MULTI: "options（2–8 项，至少一项 correct: true，或写 answer: [序号, …]）",
    QType.TRUE_FALSE: "answer: true 或 false",
    QType.ORDER: "items（按正确顺序写 2–10 项）",
    QType.MATCH: "pairs（2–8 对，每对写 left 和 right）",
    QType.FILL: "answers（可接受的答案，第一个为标准答案，其余为同义说法）",
    QType.BEST_REPLY: "options（2–8 项，恰好一项正确，每项都写 why）",
}


class Option(Model):
    text: Text = Field(description="选项内容。")
    correct: bool = Field(default=False, description="是否为正确选项。")
    why: str = Field(default="", description="为什么对或为什么错（练习时作为该选项的反馈）。")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str | int | float) and not isinstance(value, bool) else value


class Pair(Model):
    left: Text = Field(description="左侧，例如 禁语。")
    right: Text = Field(description="右侧，例如 推荐说法。")


class Question(Model):
    id: Id = Field(description="题目编号，整个题库唯一，例如 q-callback-days。")
    type: QType = Field(description="题型：单选、多选、判断、排序、配对、填空、最佳回复。")
    prompt: Text = Field(description="题干。")
    customer: str = Field(default="", description="最佳回复题：客户说的话。")
    options: list[Option] = Field(default_factory=list, description="选择题的选项。")
    answer: bool | int | list[int] | None = Field(
        default=None, description="判断题写 true/false；单选可写正确选项序号（从 1 开始），多选写序号列表。"
    )
    items: list[Text] = Field(default_factory=list, description="排序题：按正确顺序列出。")
    pairs: list[Pair] = Field(default_factory=list, description="配对题：每对 left 与 right。")
    answers: list[Text] = Field(default_factory=list, description="填空题：可接受的答案（含同义说法）。")
    tests: list[Id] = Field(min_length=1, description="本题考查的手册编号（规范条目、话术分支、禁语、流程步骤……）。")
    see: Id | None = Field(default=None, description="解析链接到的手册编号（默认 tests 的第一个）。")
    explanation: str = Field(default="", description="解析：为什么是这个答案。可写多行。", json_schema_extra=MULTILINE)
    tags: list[Text] = Field(default_factory=list, description="标签，供测验按标签抽题。")
    exam_only: bool = Field(default=False, description="只用于考试：不会出现在任何练习页面上。")


class Bank(Model):
    """A topic's hand-written questions."""

    id: Id = Field(description="主题编号，与文件名一致；与手册条目同名时并入该条目的自动生成题目。")
    title: Text = Field(description="主题名称，例如 回访规范。")
    questions: list[Question] = Field(min_length=1, description="题目。")


class Draw(Model):
    topic: Id | None = Field(default=None, description="从哪个主题抽题（主题编号）。")
    tag: str | None = Field(default=None, description="只抽带这个标签的题。")
    count: int | None = Field(default=None, ge=1, le=100, description="抽几道（不写则全部）。")


class Assignment(Model):
    """A trainer's quiz: which questions to draw, pass mark and mode."""

    id: Id = Field(description="测验编号，与文件名一致；页面地址为 quiz/<编号>/。")
    title: Text = Field(description="测验标题。")
    intro: str = Field(default="", description="页面上的说明（可选）。")
    roles: list[Id] = Field(default_factory=list, description="面向的岗位编号。")
    mode: Mode = Field(description="practice（练习：即时反馈）或 exam（考试：交卷后得到结果码）。")
    draw: list[Draw] = Field(min_length=1, description="分层抽题：每项写 topic 和/或 tag 以及 count。")
    seed: int = Field(default=1, ge=0, le=2**31, description="抽题种子；同一种子总是抽出同一份试卷。")
    pass_mark: int = Field(default=80, ge=0, le=100, description="及格线（百分比）。")
    time_limit: int | None = Field(default=None, ge=1, le=600, description="限时（分钟，可选）。")


# --- the loaded bank ---------------------------------------------------------


@dataclass(frozen=True)
class BankQuestion:
    """A question with its topic and where it came from (doc is None when generated)."""

    q: Question
    topic: str
    doc: Document | None = None
    loc: Loc = ()

    @property
    def generated(self) -> bool:
        return self.doc is None

    @property
    def id(self) -> str:
        return self.q.id


@dataclass(frozen=True)
class LoadedAssignment:
    a: Assignment
    doc: Document


@dataclass
class QuizSet:
    """Every question (hand-written and generated) and every assignment, validated."""

    book: Handbook
    topics: dict[str, str] = field(default_factory=dict)
    questions: dict[str, BankQuestion] = field(default_factory=dict)
    assignments: list[LoadedAssignment] = field(default_factory=list)

    # Indexes over ``questions`` (built on first use, rebuilt if questions were added since),
    # so per-topic and per-tag lookups do not scan the whole bank each time.
    _index: tuple[int, dict[str, list[BankQuestion]], dict[str, list[BankQuestion]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Derived results that only depend on questions and assignments (e.g. the exam questions).
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _indexes(self) -> tuple[dict[str, list[BankQuestion]], dict[str, list[BankQuestion]]]:
        if self._index is None or self._index[0] != len(self.questions):
            by_topic: dict[str, list[BankQuestion]] = {}
            by_tag: dict[str, list[BankQuestion]] = {}
            for q in self.questions.values():
                by_topic.setdefault(q.topic, []).append(q)
                for tag in dict.fromkeys(q.q.tags):
                    by_tag.setdefault(tag, []).append(q)
            self._index = (len(self.questions), by_topic, by_tag)
            self.memo.clear()
        return self._index[1], self._index[2]

    def cached(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` computed once for the current questions and assignments."""
        self._indexes()
        full = f"{key}:{id(self.assignments)}:{len(self.assignments)}"
        if full not in self.memo:
            self.memo[full] = make()
        found: T = self.memo[full]
        return found

    def in_topic(self, topic: str) -> list[BankQuestion]:
        return list(self._indexes()[0].get(topic, []))

    def tagged(self, tag: str) -> list[BankQuestion]:
        return list(self._indexes()[1].get(tag, []))

    def tested(self) -> set[str]:
        """Every handbook id some question tests."""
        return {ref for q in self.questions.values() for ref in q.q.tests}

    def tags(self) -> set[str]:
        return set(self._indexes()[1])
