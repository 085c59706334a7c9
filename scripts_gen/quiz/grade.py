"""Grade answers against a form's key, and exam result codes against the bank."""

from __future__ import annotations

from dataclasses import dataclass

from scripts_gen.quiz.code import Answer, CodeError, Decoded, Shape, read_answers, read_header, tag_of
from scripts_gen.quiz.draw import assignment_form
from scripts_gen.quiz.form import FormQuestion, QuizForm, payload
from scripts_gen.quiz.models import LoadedAssignment, QType, QuizSet
from scripts_gen.quiz.text import crc16, normalize


def is_correct(fq: FormQuestion, answer: Answer, *, hashed: bool = False) -> bool:
    """Whether ``answer`` (display indices; fill-in text, or its hash when ``hashed``) is right."""
    if answer is None:
        return False
    if fq.q.type == QType.FILL:
        if hashed:
            return bool(answer in {crc16(k.encode("utf-8")) for k in fq.key})
        return bool(normalize(str(answer)) in fq.key)
    if fq.q.type == QType.MULTI:
        return bool(sorted(set(answer)) == fq.key)
    return bool(answer == fq.key)


def shape(fq: FormQuestion) -> Shape:
    return Shape(fq.q.type, len(fq.options), len(fq.lefts))


def passed(correct: int, total: int, pass_mark: int) -> bool:
    return total > 0 and correct * 100 >= pass_mark * total


def percent(correct: int, total: int) -> int:
    """Rounded half up, as quiz.js shows it."""
    return (200 * correct + total) // (2 * total) if total else 0


NO_HEADER = Decoded(0, 0, "", [])


@dataclass(frozen=True)
class Graded:
    learner: str
    label: str
    assignment: LoadedAssignment
    form: QuizForm  # the learner's own paper
    marks: list[bool]
    titles: dict[str, str]
    header: Decoded = NO_HEADER
    code: str = ""

    @property
    def overtime(self) -> int:
        """Minutes past the time limit (0 when on time or without a limit)."""
        limit = self.form.time_limit
        return max(0, self.header.minutes - limit) if limit else 0

    @property
    def correct(self) -> int:
        return sum(self.marks)

    @property
    def total(self) -> int:
        return len(self.marks)

    @property
    def percent(self) -> int:
        return percent(self.correct, self.total)

    @property
    def passed(self) -> bool:
        return passed(self.correct, self.total, self.form.pass_mark)

    def by_topic(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for fq, mark in zip(self.form.questions, self.marks, strict=True):
            right, total = found.get(fq.item.topic, (0, 0))
            found[fq.item.topic] = (right + mark, total + 1)
        return found

    def weak_topics(self) -> list[str]:
        """Topics where the learner scored below the pass mark, weakest first."""
        scores = [(r / t, self.titles.get(k, k)) for k, (r, t) in self.by_topic().items() if not passed(r, t, self.form.pass_mark)]
        return [title for _, title in sorted(scores)]


class ExamTable:
    """The exam forms of a bank, looked up by the tag a code carries."""

    def __init__(self, quiz: QuizSet) -> None:
        self.quiz = quiz
        self.forms: dict[int, tuple[LoadedAssignment, QuizForm, int]] = {}
        self.practice: set[int] = set()
        for la in quiz.assignments:
            if la.a.mode != "exam":
                self.practice.add(tag_of(la.a.id))
                continue
            form = assignment_form(quiz, la)
            self.forms[tag_of(la.a.id)] = (la, form, int(payload(form, {})["version"][:4], 16))

    def grade(self, code: str, label: str = "") -> Graded:
        header, bits, pos = read_header(code)
        if header.tag not in self.forms:
            if header.tag in self.practice:
                raise CodeError("这是练习测验的编号，练习不产生结果码。")
            raise CodeError("找不到对应的考试：题库中没有这份试卷（可能来自别的题库，或试卷已删除）。")
        la, pool, version = self.forms[header.tag]
        if header.version != version:
            raise CodeError(f"版本不符：这个结果码来自“{la.a.title}”的另一版试卷（题目已修改）。请用当时的题库评分，或让学员重考。")
        form = pool.for_learner(header.learner)
        answers = read_answers(bits, pos, [shape(fq) for fq in form.questions])
        marks = [is_correct(fq, a, hashed=True) for fq, a in zip(form.questions, answers, strict=True)]
        return Graded(header.learner, label, la, form, marks, self.quiz.topics, header, code)
