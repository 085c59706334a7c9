"""The trainer's item-analysis report: one self-contained HTML page (inline SVG chart, no script) and CSVs.

Written by ``grade --report DIR``: ``题目分析.html``, ``题目分析.csv`` (one row per
question) and ``学员薄弱项.csv`` (one row per learner and weak topic), both CSVs
UTF-8 with BOM so Excel and WPS open them. Every text from YAML or from a code
is escaped; links go to the handbook sections to re-read.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from scripts_gen.quiz.grade import Graded
from scripts_gen.quiz.models import QuizSet
from scripts_gen.quiz.report import Analysis, Item, analyse
from scripts_gen.site.urls import Target, targets, url_of

BOM = "\ufeff"
_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.num{text-align:right;white-space:nowrap}.flag{color:#b00020}.ok{color:#2e7d32}.legend{font-size:.85rem;color:#555}
svg text{font-size:12px;font-family:inherit}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _href(site: str, target: Target) -> str:
    path = url_of(target.page)
    if site.startswith("file:"):
        path += "index.html"
    return site.rstrip("/") + "/" + path + (f"#{target.anchor}" if target.anchor else "")


def _link(site: str, where: dict[str, Target], ident: str) -> str:
    target = where.get(ident)
    if target is None:
        return _e(ident)
    return f'<a href="{_e(_href(site, target))}">{_e(target.title)}</a>'


def _chart(items: list[Item]) -> str:
    """Horizontal bars: share right per question (red below 30%), a tick for discrimination."""
    row, left, width = 22, 150, 420
    height = row * len(items) + 40
    parts = [
        f'<svg role="img" aria-label="每道题的答对率与区分度" width="{left + width + 200}" height="{height}" '
        f'viewBox="0 0 {left + width + 200} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for x in (0, 25, 50, 75, 100):
        gx = left + width * x / 100
        parts.append(f'<line x1="{gx:.1f}" y1="10" x2="{gx:.1f}" y2="{height - 24}" stroke="#ccc"/>')
        parts.append(f'<text x="{gx:.1f}" y="{height - 8}" text-anchor="middle">{x}%</text>')
    for i, item in enumerate(items):
        y = 14 + i * row
        colour = "#c62828" if item.flag.startswith("太难") else "#f9a825" if item.flag.startswith("区分") else "#1565c0"
        parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{_e(item.id[:22])}</text>')
        parts.append(
            f'<rect x="{left}" y="{y}" width="{width * item.p:.1f}" height="15" fill="{colour}"><title>{_e(item.prompt)}</title></rect>'
        )
        d = item.discrimination
        label = f"{item.p:.0%}  区分度 {d:.2f}" if d is not None else f"{item.p:.0%}"
        parts.append(f'<text x="{left + width + 6}" y="{y + 12}">{_e(label)}（{item.n}人）</text>')
    parts.append("</svg>")
    return "".join(parts)


def _section(a: Analysis, site: str, where: dict[str, Target]) -> str:
    rows = []
    for item in a.items:
        d = item.discrimination
        rows.append(
            f"<tr><td>{_e(item.id)}</td><td>{_e(item.prompt)}</td><td>{_e(item.topic)}</td>"
            f'<td class="num">{item.n}</td><td class="num">{item.p:.0%}</td>'
            f'<td class="num">{"—" if d is None else f"{d:.2f}"}</td><td class="flag">{_e(item.flag)}</td>'
            f"<td>{_link(site, where, item.see)}</td></tr>"
        )
    topics = "".join(f'<tr><td>{_e(t)}</td><td class="num">{r}/{n}</td><td class="num">{r / n:.0%}</td></tr>' for t, r, n in a.topics)
    learners = []
    for w in a.weak:
        verdict = '<span class="ok">通过</span>' if w.passed else '<span class="flag">未通过</span>'
        weak = "；".join(f"{_e(t)}（{r}/{n}）：重读 " + "、".join(_link(site, where, ident) for ident in ids) for t, r, n, ids in w.topics)
        learners.append(
            f'<tr><td>{_e(w.learner)}</td><td>{_e(w.label or "—")}</td><td class="num">{w.percent}%</td>'
            f'<td>{verdict}</td><td>{weak or "—"}</td></tr>'
        )
    return (
        f"<h2>{_e(a.title)}（{a.learners} 人）</h2>"
        f"<h3>每道题的答对率</h3>{_chart(a.items)}"
        '<p class="legend">蓝色：正常；黄色：区分度低于 0.2（会的和不会的答得差不多，检查题干和干扰项）；'
        "红色：答对率低于 30%（太难，或答案有误）。区分度是答对本题与其余题得分的相关系数。</p>"
        "<table><thead><tr><th>题目编号</th><th>题干</th><th>主题</th><th>作答人数</th><th>答对率</th><th>区分度</th>"
        f"<th>提示</th><th>手册出处</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h3>按主题</h3><table><thead><tr><th>主题</th><th>答对</th><th>答对率</th></tr></thead><tbody>{topics}</tbody></table>"
        "<h3>每位学员的薄弱项</h3><table><thead><tr><th>工号</th><th>姓名</th><th>得分</th><th>结果</th>"
        f"<th>薄弱主题与要重读的手册章节</th></tr></thead><tbody>{''.join(learners)}</tbody></table>"
    )


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return BOM + out.getvalue()


def write_report(quiz: QuizSet, results: list[Graded], folder: Path, site: str) -> list[Path]:
    """Write the report files into ``folder``; returns their paths."""
    where = targets(quiz.book)
    analyses = analyse(quiz, results)
    body = "".join(_section(a, site, where) for a in analyses)
    page = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><title>题目分析报告</title>'
        f"<style>{_STYLE}</style></head><body><h1>题目分析报告</h1>"
        "<p>每位学员只统计最后一次作答。答对率低或区分度低的题排在前面，值得先看。</p>"
        f"{body}</body></html>\n"
    )
    items: list[list[object]] = [["测验", "题目编号", "题干", "主题", "作答人数", "答对人数", "答对率", "区分度", "提示", "手册出处"]]
    for a in analyses:
        for i in a.items:
            d = i.discrimination
            items.append(
                [a.title, i.id, i.prompt, i.topic, i.n, sum(i.marks), f"{i.p:.2f}", "" if d is None else f"{d:.2f}", i.flag, i.see]
            )
    weak: list[list[object]] = [["测验", "工号", "姓名", "得分", "薄弱主题", "答对", "题数", "要重读的手册条目"]]
    for a in analyses:
        for w in a.weak:
            for topic, right, total, ids in w.topics:
                weak.append([a.title, w.learner, w.label, w.percent, topic, right, total, "、".join(ids)])
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "题目分析.html", folder / "题目分析.csv", folder / "学员薄弱项.csv"]
    for path, text in zip(written, (page, _csv(items), _csv(weak)), strict=True):
        path.write_text(text, encoding="utf-8")
    return written
