"""``python -m scripts_gen lint FILE…``: the transcript checker's command line.

Exit codes: 0 no taboo found, 1 taboos found, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from scripts_gen.handbook.models import Taboo
from scripts_gen.taboo.matcher import Matcher, TabooSpecError
from scripts_gen.taboo.transcripts import InputProblem, Options, Summary, Violation, lint_path

DESCRIPTION = (
    "检查真实会话记录中的禁语（默认只检查客服发言；纯文本中没有“客服：”“客户：”这类前缀的行算作其他人）。"
    "退出码：0 无禁语，1 发现禁语，2 用法或输入错误。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``lint`` options, on the parser the command line gives it."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="会话记录文件（.txt / .csv / .jsonl；- 表示标准输入）")
    parser.add_argument("--input-format", dest="fmt", choices=("auto", "text", "csv", "jsonl"), default="auto",
                        help="输入格式；默认按扩展名判断")
    parser.add_argument("--format", dest="format_out", choices=("text", "json", "sarif"), default="text",
                        help="输出格式：text（默认）、json 或 sarif")
    # The flag's old name, kept working for scripts written against it.
    parser.add_argument("--format-out", dest="format_out", choices=("text", "json", "sarif"), help=argparse.SUPPRESS)
    parser.add_argument("--encoding", default="utf-8", help="输入文件编码，默认 utf-8，例如 gbk")
    parser.add_argument("--agent-prefix", action="append", metavar="前缀", help="客服发言前缀，可重复；默认 客服")
    parser.add_argument("--customer-prefix", action="append", metavar="前缀", help="客户发言前缀，可重复；默认 客户")
    parser.add_argument("--all-speakers", action="store_true", help="检查所有人的发言，而不只是客服")
    parser.add_argument("--speaker-column", default="speaker", help="CSV 列名 / JSONL 字段名：说话人")
    parser.add_argument("--text-column", default="text", help="CSV 列名 / JSONL 字段名：文本")


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        agent_prefixes=tuple(args.agent_prefix or ("客服",)),
        customer_prefixes=tuple(args.customer_prefix or ("客户",)),
        all_speakers=args.all_speakers, fmt=args.fmt, encoding=args.encoding,
        speaker_column=args.speaker_column, text_column=args.text_column,
    )


def sarif(taboos: Sequence[Taboo], violations: Sequence[Violation], problems: Sequence[InputProblem],
          summaries: Sequence[Summary]) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one rule per taboo id, one result per violation."""
    index = {t.id: i for i, t in enumerate(taboos)}
    rules = [{
        "id": t.id,
        "name": t.id,
        "shortDescription": {"text": f"禁语：{'、'.join(t.phrases)}"},
        "fullDescription": {"text": t.reason},
        "help": {"text": f"建议：{'；'.join(t.alternatives)}"},
        "defaultConfiguration": {"level": "warning"},
    } for t in taboos]
    results = [{
        "ruleId": v.taboo_id,
        "ruleIndex": index[v.taboo_id],
        "level": "warning",
        "message": {"text": f"禁语 {v.taboo_id}「{v.matched}」→ 建议：{'；'.join(v.suggestions)}"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": Path(v.path).as_posix()},
            "region": {"startLine": v.line, "startColumn": v.column,
                       "endColumn": v.column + len(v.matched)},
        }}],
    } for v in violations]
    notes = [{"level": "error", "message": {"text": p.format()},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": Path(p.path).as_posix()},
                                                  "region": {"startLine": max(p.line, 1)}}}]}
             for p in problems]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kefu-handbook-lint", "fullName": "客服指引手册 禁语检查", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not problems, "toolExecutionNotifications": notes}],
            "results": results,
            "properties": {"summaries": [_summary_dict(s) for s in summaries]},
        }],
    }


def _summary_dict(summary: Summary) -> dict[str, Any]:
    return {"path": summary.path, "agent_lines": summary.agent_lines,
            "violations": summary.violations, "per_100": summary.per_100}


def _violation_dict(v: Violation) -> dict[str, Any]:
    return {"path": v.path, "line": v.line, "column": v.column, "taboo_id": v.taboo_id,
            "matched": v.matched, "suggestions": list(v.suggestions)}


def run(paths: Sequence[str], matcher: Matcher, options: Options, out: TextIO, err: TextIO,
        fmt_out: str = "text", taboos: Sequence[Taboo] = ()) -> int:
    """Lint ``paths`` and write the report; returns the exit code (0, 1 or 2)."""
    violations: list[Violation] = []
    problems: list[InputProblem] = []
    summaries: list[Summary] = []
    count = 0
    for path in paths:
        handle = sys.stdin.buffer if path == "-" else None
        for event in lint_path("<stdin>" if path == "-" else path, matcher, options, handle):
            if isinstance(event, Violation):
                count += 1
                if fmt_out == "text":
                    print(event.format(), file=out)
                else:
                    violations.append(event)
            elif isinstance(event, InputProblem):
                problems.append(event)
                print(f"错误：{event.format()}", file=err)
            else:
                summaries.append(event)
                if fmt_out == "text":
                    print(event.format(), file=out)
    if fmt_out == "json":
        doc = {"violations": [_violation_dict(v) for v in violations],
               "summaries": [_summary_dict(s) for s in summaries],
               "errors": [p.format() for p in problems]}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt_out == "sarif":
        json.dump(sarif(taboos, violations, problems, summaries), out, ensure_ascii=False, indent=2)
        out.write("\n")
    return 2 if problems else 1 if count else 0


def lint_command(args: argparse.Namespace, taboos: Sequence[Taboo]) -> int:
    """Run ``lint`` with parsed ``args`` against ``taboos``."""
    try:
        matcher = Matcher.from_taboos(taboos)
    except TabooSpecError as exc:
        print(f"错误：禁语词表未通过自检，无法检查会话记录。\n{exc}", file=sys.stderr)
        return 2
    return run(args.files, matcher, options_from(args), sys.stdout, sys.stderr, args.format_out, taboos)
