"""The printable answer key of one assignment (trainers only; never on the site)."""

from __future__ import annotations

from scripts_gen.quiz.form import FormQuestion, QuizForm, payload
from scripts_gen.quiz.models import LoadedAssignment, QType, QuizSet

_LETTERS = "ABCDEFGHIJ"


def _answer(fq: FormQuestion) -> list[str]:
    q, key = fq.q, fq.key
    if q.type == QType.FILL:
        return ["答案：" + " / ".join(q.answers) + "（按意思比较：三 与 3、秒钟 与 秒、三天之内 与 3天、百分之百 与 100% 视为相同）"]
    if q.type == QType.ORDER:
        return ["正确顺序：" + " → ".join(fq.options[i] for i in key)]
    if q.type == QType.MATCH:
        return [f"  {left} ↔ {fq.options[i]}" for left, i in zip(fq.lefts, key, strict=True)]
    chosen = set(key) if isinstance(key, list) else {key}
    return ["答案：" + "、".join(_LETTERS[i] for i in sorted(chosen))]


def _question(number: int, fq: FormQuestion, titles: dict[str, str]) -> list[str]:
    q = fq.q
    lines = [f"{number}. 【{q.type}】{q.prompt}"]
    if q.customer:
        lines.append(f"   客户：“{q.customer}”")
    if q.type.is_choice or q.type == QType.TRUE_FALSE:
        lines += [f"   {_LETTERS[i]}. {text}" for i, text in enumerate(fq.options)]
    elif q.type == QType.ORDER:
        lines += [f"   ({i + 1}) {text}" for i, text in enumerate(fq.options)]
    lines += [f"   {line}" for line in _answer(fq)]
    if q.explanation:
        lines.append(f"   解析：{q.explanation}")
    origin = "自动生成" if fq.item.generated else "手写"
    lines.append(f"   题目编号：{q.id}（{origin}）；主题：{titles.get(fq.item.topic, fq.item.topic)}；考查：{'、'.join(q.tests)}")
    return lines


def answer_key(quiz: QuizSet, la: LoadedAssignment, form: QuizForm, learner: str = "") -> str:
    a = la.a
    version = payload(form, {})["version"] if form.exam else ""
    pool = form
    if form.exam and learner:
        form = form.for_learner(learner)
    head = [
        f"{a.title} —— 答案（培训师专用，请勿外传）",
        f"测验编号：{a.id}；类型：{'考试' if form.exam else '练习'}；种子：{a.seed}；题数：{len(form.questions)}；及格线：{a.pass_mark}%"
        + (f"；限时：{a.time_limit} 分钟" if a.time_limit else "")
        + (f"；试卷版本：{version}" if version else ""),
        "选项顺序与学员页面上看到的一致。",
        *(
            [f"工号 {learner} 抽到的试卷（共 {len(form.questions)} 题，题号与学员看到的一致）。"]
            if pool is not form
            else [f"这是整个题池（{len(pool.questions)} 题）：每位学员按工号从中抽 {pool.size} 题；加 --learner 工号 可打印某人的那一份。"]
            if pool.exam
            else []
        ),
        "",
    ]
    body: list[str] = []
    for number, fq in enumerate(form.questions, start=1):
        body += [*_question(number, fq, quiz.topics), ""]
    return "\n".join(head + body)
