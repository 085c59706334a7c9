"""``python -m scripts_gen lint FILE…``: the transcript checker's command line.

Exit codes: 0 nothing found (or everything waived), 1 findings, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from scripts_gen.handbook.models import Taboo
from scripts_gen.problems import Problem
from scripts_gen.taboo.matcher import Matcher, TabooSpecError
from scripts_gen.taboo.report import Finding, to_csv, to_html
from scripts_gen.taboo.required import Requirement
from scripts_gen.taboo.transcripts import CHANNELS, InputProblem, Options, Summary, Violation, lint_path
from scripts_gen.yamldoc import parse

DESCRIPTION = (
    "检查真实会话记录中的禁语和必说内容（默认只检查客服发言；认得 “客服：”“[09:12:03] 客服小林：”“坐席：”“【客服】”"
    "“客服(1023)：”“Agent:” 等前缀，没有前缀的行接在上一句后面）。"
    "退出码：0 没有问题（或都已豁免），1 发现问题，2 用法或输入错误。"
)
WAIVER_SUFFIX = ".waivers.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``lint`` options, on the parser the command line gives it."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="会话记录文件（.txt / .csv / .jsonl；- 表示标准输入）")
    parser.add_argument("--input-format", dest="fmt", choices=("auto", "text", "csv", "jsonl"), default="auto",
                        help="输入格式；默认按扩展名判断")
    parser.add_argument("--format", dest="format_out", choices=("text", "json", "sarif", "html", "csv"), default="text",
                        help="输出格式：text（默认）、json、sarif、html（质检报告）或 csv（表格）")
    # The flag's old name, kept working for scripts written against it.
    parser.add_argument("--format-out", dest="format_out", choices=("text", "json", "sarif", "html", "csv"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--output", "-o", metavar="文件", help="把报告写进这个文件（默认输出到屏幕）")
    parser.add_argument("--encoding", default="utf-8", help="输入文件编码，默认 utf-8，例如 gbk")
    parser.add_argument("--channel", choices=CHANNELS, help="会话渠道（会话分隔行的“渠道：”或 channel 列优先）；"
                        "不指定时所有禁语都检查")
    parser.add_argument("--script", metavar="话术编号", help="按这个话术检查每一步的必说内容（会话分隔行的“话术：”优先）")
    parser.add_argument("--no-required", action="store_true", help="不检查开场问候、结束语等必说内容")
    parser.add_argument("--handbook-url", metavar="网址", help="报告中手册链接的网站根地址，例如 http://内网地址/；"
                        "默认指向本机 make site 生成的 site/ 目录")
    parser.add_argument("--waivers", metavar="文件", help="豁免记录（YAML）；默认读取会话文件旁的 文件名.waivers.yml")
    parser.add_argument("--agent-prefix", action="append", metavar="前缀", help="客服发言前缀，可重复；默认 客服、坐席、Agent 等")
    parser.add_argument("--customer-prefix", action="append", metavar="前缀", help="客户发言前缀，可重复；默认 客户、顾客、买家 等")
    parser.add_argument("--all-speakers", action="store_true", help="检查所有人的发言，而不只是客服")
    parser.add_argument("--speaker-column", default="speaker", help="CSV 列名 / JSONL 字段名：说话人")
    parser.add_argument("--text-column", default="text", help="CSV 列名 / JSONL 字段名：文本")


def options_from(args: argparse.Namespace) -> Options:
    defaults = Options()
    return Options(
        agent_prefixes=tuple(args.agent_prefix or defaults.agent_prefixes),
        customer_prefixes=tuple(args.customer_prefix or defaults.customer_prefixes),
        all_speakers=args.all_speakers, fmt=args.fmt, encoding=args.encoding,
        speaker_column=args.speaker_column, text_column=args.text_column,
        channel=getattr(args, "channel", None), script=getattr(args, "script", None),
    )


@dataclass
class Waivers:
    """Findings a reviewer accepted: fingerprint → reason, and which of them were used."""

    reasons: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # fingerprint → file:line of the waiver
    used: set[str] = field(default_factory=set)

    def reason(self, fingerprint: str) -> str | None:
        if fingerprint in self.reasons:
            self.used.add(fingerprint)
            return self.reasons[fingerprint]
        return None


def load_waivers(path: Path, waivers: Waivers) -> list[Problem]:
    """Add the waivers in ``path`` (YAML: ``waivers: [{fingerprint, reason}]``); problems name file:line:column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [Problem(str(path), 1, 1, "encoding", f"无法读取豁免文件：{err}", "确认路径正确、文件是 UTF-8。")]
    doc, problems = parse(str(path), text)
    if doc is None:
        return problems
    entries = doc.data.get("waivers") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        line, column = doc.where(())
        return [Problem(str(path), line, column, "waiver-format", "豁免文件应有一个 waivers 列表。",
                        "按格式写：waivers:\n      - fingerprint: 报告里的指纹\n        reason: 为什么可以接受")]
    for i, entry in enumerate(entries):
        ok = isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str) \
            and isinstance(entry.get("reason"), str) and entry["reason"].strip()
        if not ok:
            line, column = doc.where(("waivers", i))
            problems.append(Problem(str(path), line, column, "waiver-format",
                                    f"第 {i + 1} 条豁免缺少 fingerprint（报告里的指纹）或 reason（理由）。",
                                    "两项都要写，理由不能为空。"))
            continue
        waivers.reasons[entry["fingerprint"].strip()] = entry["reason"].strip()
        line, _ = doc.where(("waivers", i, "fingerprint"))
        waivers.where[entry["fingerprint"].strip()] = f"{path}:{line}"
    return problems


def sarif(taboos: Sequence[Taboo], violations: Sequence[Violation], problems: Sequence[InputProblem],
          summaries: Sequence[Summary], waived: Mapping[str, str] | None = None,
          requirements: Sequence[Requirement] = ()) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one rule per taboo id and required wording, one result per finding."""
    waived = waived or {}
    rules = [{
        "id": t.id,
        "name": t.id,
        "shortDescription": {"text": f"禁语：{'、'.join(t.phrases)}"},
        "fullDescription": {"text": t.reason},
        "help": {"text": f"建议：{'；'.join(t.alternatives)}"},
        "defaultConfiguration": {"level": "warning"},
    } for t in taboos] + [{
        "id": r.rule_id,
        "name": r.rule_id,
        "shortDescription": {"text": f"必说（{r.position}）：{r.title}"},
        "help": {"text": f"应说：{'；'.join(r.wordings)}"},
        "defaultConfiguration": {"level": "warning"},
    } for r in requirements]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for v in violations:
        result: dict[str, Any] = {
            "ruleId": v.taboo_id,
            "level": "warning",
            "message": {"text": v.message if v.kind == "required"
                        else f"禁语 {v.taboo_id}「{v.matched}」→ 建议：{'；'.join(v.suggestions)}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": Path(v.path).as_posix()},
                "region": {"startLine": v.line, "startColumn": v.column,
                           "endColumn": v.column + max(len(v.matched), 1)},
            }}],
            "partialFingerprints": {"kefuFinding/v1": v.fingerprint},
        }
        if v.taboo_id in index:
            result["ruleIndex"] = index[v.taboo_id]
        if v.fingerprint in waived:
            result["suppressions"] = [{"kind": "external", "justification": waived[v.fingerprint]}]
        results.append(result)
    notes = [{"level": "warning" if p.warning else "error", "message": {"text": p.format()},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": Path(p.path).as_posix()},
                                                  "region": {"startLine": max(p.line, 1)}}}]}
             for p in problems]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kefu-handbook-lint", "fullName": "客服指引手册 禁语检查", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not any(not p.warning for p in problems),
                             "toolExecutionNotifications": notes}],
            "results": results,
            "properties": {"summaries": [_summary_dict(s) for s in summaries]},
        }],
    }


def _summary_dict(summary: Summary) -> dict[str, Any]:
    return {"path": summary.path, "agent_lines": summary.agent_lines,
            "violations": summary.violations, "per_100": summary.per_100,
            "agents": dict(summary.agents), "unrecognised_lines": summary.unrecognised,
            "required_missing": summary.required}


def _violation_dict(v: Violation, waived: str | None) -> dict[str, Any]:
    return {"path": v.path, "line": v.line, "column": v.column, "kind": v.kind, "taboo_id": v.taboo_id,
            "matched": v.matched, "message": v.message, "suggestions": list(v.suggestions), "session": v.session,
            "channel": v.channel, "agent": v.agent, "fingerprint": v.fingerprint, "waived": waived}


@dataclass(frozen=True)
class Handbook:
    """What the report links to: titles and site URLs of taboos, rules and script steps."""

    titles: Mapping[str, str] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)


def run(paths: Sequence[str], matcher: Matcher, options: Options, out: TextIO, err: TextIO,
        fmt_out: str = "text", taboos: Sequence[Taboo] = (), requirements: Sequence[Requirement] = (),
        waivers_file: str | None = None, handbook: Handbook = Handbook()) -> int:
    """Lint ``paths`` and write the report; returns the exit code (0, 1 or 2)."""
    waivers = Waivers()
    bad_waivers: list[Problem] = []
    sidecars = [Path(waivers_file)] if waivers_file else [Path(p + WAIVER_SUFFIX) for p in paths if p != "-"]
    for sidecar in sidecars:
        if waivers_file or sidecar.is_file():
            bad_waivers += load_waivers(sidecar, waivers)
    for problem in bad_waivers:
        print(f"错误：{problem.format()}", file=err)
    if bad_waivers:
        return 2
    findings: list[Finding] = []
    problems: list[InputProblem] = []
    summaries: list[Summary] = []
    counted = 0
    for path in paths:
        handle = sys.stdin.buffer if path == "-" else None
        for event in lint_path("<stdin>" if path == "-" else path, matcher, options, handle, requirements):
            if isinstance(event, Violation):
                reason = waivers.reason(event.fingerprint)
                findings.append(Finding(event, reason))
                counted += reason is None
                if fmt_out == "text":
                    print(event.format() + (f"（已豁免：{reason}）" if reason is not None else ""), file=out)
            elif isinstance(event, InputProblem):
                problems.append(event)
                print(f"{'警告' if event.warning else '错误'}：{event.format()}", file=err)
            else:
                summaries.append(event)
                if fmt_out == "text":
                    print(event.format(), file=out)
    for stale in sorted(set(waivers.reasons) - waivers.used):
        problems.append(InputProblem(waivers.where[stale], 0, f"豁免记录 {stale} 没有对应的发现（原话已改或已删除），"
                                     "可以从豁免文件中删除。", warning=True))
        print(f"警告：{waivers.where[stale]}: 豁免记录 {stale} 没有对应的发现，可以删除。", file=err)
    waived = {f.violation.fingerprint: f.waived for f in findings if f.waived is not None}
    if fmt_out == "json":
        doc = {"violations": [_violation_dict(f.violation, f.waived) for f in findings],
               "summaries": [_summary_dict(s) for s in summaries],
               "errors": [p.format() for p in problems if not p.warning],
               "warnings": [p.format() for p in problems if p.warning]}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt_out == "sarif":
        json.dump(sarif(taboos, [f.violation for f in findings], problems, summaries, waived, requirements),
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt_out == "html":
        out.write(to_html(findings, summaries, handbook.titles, handbook.links, [p.format() for p in problems]))
    elif fmt_out == "csv":
        out.write(to_csv(findings, handbook.links))
    return 2 if any(not p.warning for p in problems) else 1 if counted else 0


def lint_command(args: argparse.Namespace, taboos: Sequence[Taboo], requirements: Sequence[Requirement] = (),
                 handbook: Handbook = Handbook()) -> int:
    """Run ``lint`` with parsed ``args`` against ``taboos`` and the handbook's required wording."""
    try:
        matcher = Matcher.from_taboos(taboos)
    except TabooSpecError as exc:
        print(f"错误：禁语词表未通过自检，无法检查会话记录。\n{exc}", file=sys.stderr)
        return 2
    needs = () if getattr(args, "no_required", False) else requirements
    output = getattr(args, "output", None)
    if output:
        target = Path(output)
        buffer = io.StringIO()
        code = run(args.files, matcher, options_from(args), buffer, sys.stderr, args.format_out, taboos, needs,
                   getattr(args, "waivers", None), handbook)
        if code != 2:
            target.write_text(buffer.getvalue(), encoding="utf-8")
            print(f"报告已写入 {target}", file=sys.stderr)
        return code
    return run(args.files, matcher, options_from(args), sys.stdout, sys.stderr, args.format_out, taboos, needs,
               getattr(args, "waivers", None), handbook)
