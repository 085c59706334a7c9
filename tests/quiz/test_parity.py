"""quiz.js and the Python side agree: fill-in meaning, the exam pool rebuilt from its files, the per-learner draw and the result code.

The browser computes what the trainer's CLI reads back; a single differing
character would grade a right answer wrong. Node runs the real quiz.js.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO

from scripts_gen.project import load
from scripts_gen.quiz.code import Sitting, encode, tag_of
from scripts_gen.quiz.draw import assignment_form, find_assignment
from scripts_gen.quiz.form import exam_parts, fnv1a, payload
from scripts_gen.quiz.grade import ExamTable, shape
from scripts_gen.quiz.text import answer_hash, normalize

NODE = shutil.which("node")
HARNESS = """
global.window = {}; global.document = { addEventListener() {}, querySelectorAll() { return []; } }; global.localStorage = {};
require("vm").runInThisContext(require("fs").readFileSync(process.argv[2], "utf8"));
const q = window.kfQuizParts, job = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = { norm: job.texts.map(q.norm), fnv: job.texts.map(q.fnv) };
const exam = q.expand(job.page, job.files);
out.pool = { questions: exam.questions, strata: exam.strata };
out.draws = job.learners.map(n => q.drawFor(exam, n).map(x => x.id));
out.codes = job.codes.map(c => {
  const qs = q.drawFor(exam, c.num);
  return q.resultCode(exam, qs, c.state, qs.map(x => c.answers[x.id] === undefined ? null : c.answers[x.id]));
});
process.stdout.write(JSON.stringify(out));
"""

TEXTS = [
    "三天之内",
    "三天内",
    "3天",
    "３ 天。",
    "三日",
    "72小时",
    "七十二个小时",
    "5秒钟",
    "五秒",
    "1分钟内",
    "一分钟之内",
    "百分之百",
    "百分百",
    "100%",
    "１００％",
    "百分之九十",
    "三声到五声",
    "3–5声",
    "3-5",
    "三到五",
    "三至五",
    "3~5",
    "35",
    "不超过4行",
    "最多两种",
    "十号",
    "十五秒",
    "两百",
    "一万二千",
    "ＡＢＣ",
    "",
    "  ",
    "不知道",
    "客户满意度",
    "内容",
    "<b>3</b>天",
    "3 天 以内",
    "在5秒内",
    "第3–5声",
    "😀三天",
]


def _node(job: dict[str, Any]) -> dict[str, Any]:
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("缺少 node：请运行 make setup")
        pytest.skip("缺少 node")
    harness = Path(os.environ.get("TMPDIR", "/tmp")) / "kf-quiz-parity.js"
    harness.write_text(HARNESS, encoding="utf-8")
    done = subprocess.run(
        [NODE, str(harness), str(REPO / "docs/assets/js/quiz.js")], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_quiz_js_and_python_agree() -> None:
    quiz = load(REPO).quizzes
    assert quiz is not None
    la = find_assignment(quiz, "new-agent-exam")
    assert la is not None
    pool = assignment_form(quiz, la)
    exam = payload(pool, {})
    # What the page carries and the files it names, as the site ships them (file names are the site's business).
    page, lists, _ = exam_parts(pool)
    page["draw"] = [[count, f"quiz/pools/{i}.json"] for count, i in page["draw"]]
    files = {f"quiz/pools/{i}.json": {"questions": questions} for i, questions in enumerate(lists)}
    assert page["version"] == exam["version"] and "questions" not in page
    learners = [f"A{n}" for n in range(1000, 1040)] + ["Z9", "007", "ABCDEFGHIJKLMNO"]
    table = ExamTable(quiz)
    codes, expected = [], []
    for number, minutes in (("A1001", 12), ("B7", 0), ("Q42", 33)):
        paper = pool.for_learner(number)
        answers = {fq.q.id: (fq.q.answers[0] + "之内" if fq.q.type == "填空" else fq.key) for fq in paper.questions[::2]}
        start = 1763870000000
        state = {"num": number, "attempt": 2, "start": start, "end": start + minutes * 60000 + 5000}
        codes.append({"num": number, "state": state, "answers": answers})
        hashed = [
            answer_hash(answers[fq.q.id]) if fq.q.type == "填空" and fq.q.id in answers else answers.get(fq.q.id) for fq in paper.questions
        ]
        sitting = Sitting(2, (start // 1000 - 1735689600) // 60, minutes)
        expected.append(
            encode(tag_of(la.a.id), table.forms[tag_of(la.a.id)][2], number, [shape(fq) for fq in paper.questions], hashed, sitting)
        )
    got = _node({"texts": TEXTS, "learners": learners, "page": page, "files": files, "codes": codes})
    assert got["pool"] == {"questions": exam["questions"], "strata": exam["strata"]}
    assert got["norm"] == [normalize(t) for t in TEXTS]
    assert got["fnv"] == [fnv1a(t) for t in TEXTS]
    assert got["draws"] == [[fq.q.id for fq in pool.for_learner(n).questions] for n in learners]
    assert got["codes"] == expected
    graded = table.grade(got["codes"][0])
    assert (graded.learner, graded.header.attempt, graded.header.minutes) == ("A1001", 2, 12)


def test_neighbours_get_different_papers() -> None:
    quiz = load(REPO).quizzes
    assert quiz is not None
    la = find_assignment(quiz, "new-agent-exam")
    assert la is not None
    pool = assignment_form(quiz, la)
    papers = {tuple(fq.q.id for fq in pool.for_learner(f"A{n:04d}").questions) for n in range(1, 51)}
    assert len(papers) >= 40
    assert all(len(p) == pool.size == 10 for p in papers)
