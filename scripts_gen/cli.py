"""Command line: ``python -m scripts_gen check|build``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import changes, coverage, gitinfo, handbook, quiz_bank, quiz_cli, schemas, transcripts
from .problems import HandbookError, Problem
from .rendering import render_pages
from .taboo_scope import all_taboos
from .writing import write_pages


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts_gen", description="客服指引手册：校验数据并生成站点页面。")
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    check = sub.add_parser("check", help="校验 data/ 下的全部 YAML，列出所有问题")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="输出格式：text（默认）或 github（拉取请求中的逐行注释）"
    )
    build = sub.add_parser("build", help="校验后生成 Markdown 页面（校验失败时不写任何文件）")
    build.add_argument("--out", type=Path, default=None, help="输出目录（默认 ROOT/docs）")
    sub.add_parser("lint", add_help=False, help="用手册的禁语表检查真实通话/聊天记录（lint --help 查看选项）")
    diff = sub.add_parser("diff", help="以手册条目为单位总结相对某个 git 版本的改动（用于拉取请求说明）")
    diff.add_argument("base", help="对比的 git 版本，例如 main 或 HEAD~1")
    sub.add_parser("schema", help="根据数据模型重新生成 schemas/ 下的 JSON Schema（编辑器自动补全用）")
    cov = sub.add_parser("coverage", help="文档覆盖率：每类条目已文档化 / 有测验 / 总数，并逐条列出缺口")
    cov.add_argument("--fail-under", type=float, default=0.0, metavar="百分比", help="覆盖率低于该值时退出码为 1")
    cov.add_argument("--site", type=Path, default=None, metavar="目录", help="同时检查已构建站点中每个条目都有自己的锚点")
    quiz_cli.add_commands(sub)
    return parser


def _github(problem: Problem) -> str:
    """A GitHub Actions workflow command: shows as an annotation on the changed line."""

    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    body = esc(f"{problem.message}\n修改方法：{problem.fix}" if problem.fix else problem.message)
    props = f"file={problem.path},line={problem.line},col={problem.column},title={problem.code}"
    return f"::error {props}::{body}"


def _check(root: Path, fmt: str = "text") -> int:
    try:
        book = handbook.load(root)
        quiz_bank.load(book)
    except HandbookError as err:
        if fmt == "github":
            print("\n".join(_github(p) for p in err.problems))
        print(err.report(), file=sys.stderr)
        return 1
    count = sum(len(book.of(k)) for k in book.entries)
    print(f"校验通过：{count} 个数据文件，没有发现问题。")
    return 0


def _load(root: Path) -> tuple[handbook.Handbook, quiz_bank.QuizSet | None] | None:
    """The validated handbook and quiz bank, or None after printing every problem."""
    try:
        book = handbook.load(root)
        return book, quiz_bank.load(book)
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return None


def _build(root: Path, out: Path | None) -> int:
    if (loaded := _load(root)) is None:
        return 1
    book, quizzes = loaded
    report = write_pages(render_pages(book, quizzes, gitinfo.facts(root)), out or root / "docs")
    print(f"已生成页面：更新 {len(report.written)} 个，删除 {len(report.removed)} 个，未变 {report.unchanged} 个。")
    return 0


def _coverage(root: Path, fail_under: float, site: Path | None) -> int:
    if (loaded := _load(root)) is None:
        return 1
    book, quizzes = loaded
    report = coverage.measure(book, quizzes.tested() if quizzes else None)
    print("\n".join(coverage.table(report)))
    anchor_gaps = coverage.missing_anchors(book, report, site) if site else []
    gaps = report.gaps() + anchor_gaps
    if gaps:
        print(f"\n缺口（{len(gaps)} 处）：")
        print("\n".join(gaps))
    if report.percent() < fail_under:
        print(f"\n覆盖率 {report.percent():.1f}% 低于要求的 {fail_under:.1f}%。", file=sys.stderr)
        return 1
    return 1 if anchor_gaps else 0


def _lint(root: Path, rest: list[str]) -> int:
    try:
        book = handbook.load(root)
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return 2
    return transcripts.lint_main(rest, all_taboos(book))


def _diff(root: Path, base: str) -> int:
    try:
        new = changes.snapshot(handbook.load(root))
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return 1
    try:
        old = changes.snapshot(changes.load_at(root, base))
    except HandbookError as err:
        print(f"版本 {base} 的数据本身无法通过校验，无法对比：\n{err.report()}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        print(f"找不到 git 版本“{base}”（需要在 git 仓库中运行，例如 diff main）。", file=sys.stderr)
        return 2
    print(changes.report(base, changes.compare(old, new)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # lint has its own options (transcripts.py): everything after "lint" is passed on verbatim.
    cut = argv.index("lint") + 1 if "lint" in argv else len(argv)
    args = _parser().parse_args(argv[:cut])
    root = args.root.resolve()
    if args.command == "check":
        return _check(root, args.format)
    if args.command == "lint":
        return _lint(root, argv[cut:])
    if args.command == "diff":
        return _diff(root, args.base)
    if args.command == "schema":
        written = schemas.write_schemas(root / "schemas")
        print(f"已更新 {len(written)} 个 JSON Schema 文件。" if written else "JSON Schema 已是最新。")
        return 0
    if args.command == "coverage":
        return _coverage(root, args.fail_under, args.site)
    if args.command in quiz_cli.COMMANDS:
        return quiz_cli.run(args, root)
    return _build(root, args.out)
