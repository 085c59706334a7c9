"""Reports for people: an HTML page (per file, per agent, per taboo or rule) and a CSV for spreadsheets.

Everything that reaches the HTML is escaped; the page is self-contained (inline
CSS, no script, no third-party host) so a QA reviewer can open it offline.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from scripts_gen.taboo.transcripts import Summary, Violation


@dataclass(frozen=True)
class Finding:
    """A violation and, if a reviewer accepted it, why."""

    violation: Violation
    waived: str | None = None  # the reviewer's reason


CSV_COLUMNS = ("文件", "行", "列", "会话", "渠道", "客服", "类型", "编号", "命中", "说明", "建议说法", "手册链接", "指纹", "豁免")


def _kind(v: Violation) -> str:
    return "必说缺失" if v.kind == "required" else "禁语"


def to_csv(findings: Sequence[Finding], links: Mapping[str, str]) -> str:
    """One row per finding; UTF-8 with BOM so Excel opens Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        v = f.violation
        writer.writerow([v.path, v.line, v.column, v.session, v.channel, v.agent, _kind(v), v.taboo_id, v.matched,
                         v.message, "；".join(v.suggestions), links.get(v.taboo_id, ""), v.fingerprint,
                         f.waived if f.waived is not None else ""])
    return "\ufeff" + out.getvalue()


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222;max-width:72rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #1565c0;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#e3f2fd}td.n{text-align:right;font-variant-numeric:tabular-nums}
mark{background:#ffcdd2;padding:0 .1rem}.waived{color:#777}.waived mark{background:#eee}.fp{font-family:monospace;
font-size:.8rem;color:#555}.tag{display:inline-block;padding:0 .3rem;border-radius:.2rem;font-size:.8rem}
.taboo{background:#ffebee;color:#b71c1c}.required{background:#fff3e0;color:#e65100}.warn{color:#e65100}
"""


def _rate(count: int, lines: int) -> str:
    return f"{count * 100 / lines:.2f}" if lines else "—"


def _link(links: Mapping[str, str], ident: str) -> str:
    url = links.get(ident)
    return f'<a href="{escape(url)}">{escape(ident)}</a>' if url else escape(ident)


def _said(v: Violation) -> str:
    if v.kind == "required" or not v.text:
        return escape(v.message or v.matched)
    at = v.at if v.text[v.at:v.at + len(v.matched)] == v.matched else v.text.find(v.matched)
    if at < 0:
        return escape(v.text)
    return escape(v.text[:at]) + "<mark>" + escape(v.matched) + "</mark>" + escape(v.text[at + len(v.matched):])


def to_html(findings: Sequence[Finding], summaries: Sequence[Summary], titles: Mapping[str, str],
            links: Mapping[str, str], warnings: Sequence[str] = ()) -> str:
    """The QA report: totals per file and per agent, counts per taboo / rule, then every finding."""
    counted = [f for f in findings if f.waived is None]
    total_lines = sum(s.agent_lines for s in summaries)
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width,initial-scale=1">',
             f"<title>会话质检报告</title><style>{_CSS}</style></head><body>",
             "<h1>会话质检报告</h1>",
             f"<p>共 {len(summaries)} 个文件，客服发言 {total_lines} 句，发现 {len(counted)} 处"
             f"（另有 {len(findings) - len(counted)} 处已豁免），每百句 {_rate(len(counted), total_lines)} 处。</p>"]
    if warnings:
        parts.append('<h2>读取提示</h2><ul class="warn">' + "".join(f"<li>{escape(w)}</li>" for w in warnings) + "</ul>")

    by_file = Counter(f.violation.path for f in counted)
    parts.append("<h2>按文件</h2><table><tr><th>文件</th><th>客服发言（句）</th><th>发现</th><th>每百句</th>"
                 "<th>未识别的行</th></tr>")
    for s in summaries:
        parts.append(f"<tr><td>{escape(s.path)}</td><td class=n>{s.agent_lines}</td><td class=n>{by_file[s.path]}</td>"
                     f"<td class=n>{_rate(by_file[s.path], s.agent_lines)}</td><td class=n>{s.unrecognised}</td></tr>")
    parts.append("</table>")

    lines_by_agent: Counter[tuple[str, str]] = Counter()
    for s in summaries:
        for agent, lines in s.agents:
            lines_by_agent[(s.path, agent)] += lines
    by_agent = Counter((f.violation.path, f.violation.agent) for f in counted)
    per_rule: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in counted:
        per_rule[(f.violation.path, f.violation.agent)][f.violation.taboo_id] += 1
    parts.append("<h2>按客服</h2><table><tr><th>文件</th><th>客服</th><th>发言（句）</th><th>发现</th><th>每百句</th>"
                 "<th>主要问题</th></tr>")
    for key in sorted(lines_by_agent, key=lambda k: (-by_agent[k] / max(lines_by_agent[k], 1), k)):
        top = "、".join(f"{escape(i)} ×{n}" for i, n in per_rule[key].most_common(3))
        parts.append(f"<tr><td>{escape(key[0])}</td><td>{escape(key[1] or '（未署名）')}</td>"
                     f"<td class=n>{lines_by_agent[key]}</td><td class=n>{by_agent[key]}</td>"
                     f"<td class=n>{_rate(by_agent[key], lines_by_agent[key])}</td><td>{top}</td></tr>")
    parts.append("</table>")

    by_rule = Counter(f.violation.taboo_id for f in counted)
    first: dict[str, Violation] = {}
    for f in findings:
        first.setdefault(f.violation.taboo_id, f.violation)
    parts.append("<h2>按禁语和规范</h2><table><tr><th>类型</th><th>编号</th><th>名称</th><th>次数</th><th>建议说法</th></tr>")
    for ident in sorted(first, key=lambda i: (-by_rule[i], i)):
        v = first[ident]
        parts.append(f'<tr><td><span class="tag {escape(v.kind)}">{_kind(v)}</span></td><td>{_link(links, ident)}</td>'
                     f"<td>{escape(titles.get(ident, ''))}</td><td class=n>{by_rule[ident]}</td>"
                     f"<td>{'<br>'.join(escape(s) for s in v.suggestions)}</td></tr>")
    parts.append("</table>")

    for s in summaries:
        mine = [f for f in findings if f.violation.path == s.path]
        parts.append(f"<h2>{escape(s.path)}：逐条</h2>")
        if not mine:
            parts.append("<p>没有发现问题。</p>")
            continue
        parts.append("<table><tr><th>行</th><th>会话</th><th>客服</th><th>问题</th><th>原话 / 说明</th><th>建议说法</th>"
                     "<th>指纹</th></tr>")
        for f in mine:
            v = f.violation
            cls = ' class="waived"' if f.waived is not None else ""
            waived = f"<br>已豁免：{escape(f.waived)}" if f.waived is not None else ""
            parts.append(f"<tr{cls}><td class=n>{v.line}</td><td>{escape(v.session)}</td><td>{escape(v.agent)}</td>"
                         f'<td><span class="tag {escape(v.kind)}">{_kind(v)}</span> {_link(links, v.taboo_id)}</td>'
                         f"<td>{_said(v)}{waived}</td><td>{escape(v.suggestions[0]) if v.suggestions else ''}</td>"
                         f'<td class="fp">{escape(v.fingerprint)}</td></tr>')
        parts.append("</table>")
    parts.append("<p>豁免：把“指纹”一列的值写进会话文件旁的 <code>文件名.waivers.yml</code>（或 --waivers 指定的文件），"
                 "该条以后都按已豁免处理。</p></body></html>\n")
    return "\n".join(parts)
