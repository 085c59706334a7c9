"""Command line: ``python -m scripts_gen 命令``. Every subcommand is registered with its handler.

Exit codes, the same for every command: 0 ok; 1 problems found (invalid data,
taboos in a transcript, coverage below the bar, a code that cannot be graded);
2 usage or input error (a wrong option, a missing file, data that must be valid
before the command can run at all).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from scripts_gen.argparse_zh import ChineseParser
from scripts_gen.collector import few_collections
from scripts_gen.handbook import changes, coverage, history, misses, schemas
from scripts_gen.problems import HandbookError, Problem
from scripts_gen.project import Project, load, load_handbook
from scripts_gen.quiz import commands as quiz_commands
from scripts_gen.quiz.models import QuizSet
from scripts_gen.site import publish
from scripts_gen.site.pages import render_pages
from scripts_gen.site.quiz_report import write_report
from scripts_gen.site.urls import missing_anchors, targets, url_of
from scripts_gen.site.writing import WriteError, write_pages
from scripts_gen.taboo import lint
from scripts_gen.taboo.specs import all_taboos, requirements

OK, FOUND, USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]
EPILOG = "退出码：0 成功；1 发现问题（数据错误、禁语、覆盖率不足、无法评分的结果码）；2 用法或输入错误。"


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="python -m scripts_gen", description="客服指引手册：校验数据并生成站点页面。", epilog=EPILOG)
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令", parser_class=ChineseParser)
    check = sub.add_parser("check", help="校验 data/ 下的全部 YAML，列出所有问题", epilog=EPILOG)
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="输出格式：text（默认）或 github（拉取请求中的逐行注释）"
    )
    check.set_defaults(func=_check)
    build = sub.add_parser("build", help="校验后生成 Markdown 页面（校验失败时不写任何文件）", epilog=EPILOG)
    build.add_argument("--out", type=Path, default=None, help="输出目录（默认 ROOT/docs）")
    build.set_defaults(func=_build)
    site = sub.add_parser(
        "site", help="用 mkdocs build --strict 构建站点：先建到临时目录，成功后才替换 site/（失败或中断时旧站点保持不变）", epilog=EPILOG
    )
    site.add_argument("--out", type=Path, default=None, help="站点目录（默认 ROOT/site）")
    site.set_defaults(func=_site)
    lint_parser = sub.add_parser("lint", help="用手册的禁语表检查真实通话/聊天记录", description=lint.DESCRIPTION)
    lint.add_arguments(lint_parser)
    lint_parser.set_defaults(func=_lint)
    diff = sub.add_parser("diff", help="以手册条目为单位总结相对某个 git 版本的改动（用于拉取请求说明）", epilog=EPILOG)
    diff.add_argument("base", help="对比的 git 版本，例如 main 或 HEAD~1")
    diff.set_defaults(func=_diff)
    schema = sub.add_parser("schema", help="根据数据模型重新生成 schemas/ 下的 JSON Schema（编辑器自动补全用）")
    schema.set_defaults(func=_schema)
    cov = sub.add_parser("coverage", help="文档覆盖率：每类条目已文档化 / 有测验 / 总数，并逐条列出缺口", epilog=EPILOG)
    cov.add_argument("--fail-under", type=float, default=0.0, metavar="百分比", help="覆盖率低于该值时退出码为 1")
    cov.add_argument("--site", type=Path, default=None, metavar="目录", help="同时检查已构建站点中每个条目都有自己的锚点")
    cov.set_defaults(func=_coverage)
    miss = sub.add_parser(
        "search-misses",
        help="汇总学员从“搜索未命中记录”页面导出的文件：合并计数，并判断每个搜索词手册里是否已有（哪些该加别名、哪些可能缺主题）",
        epilog="退出码：0 每个搜索词手册都已有；1 有搜索词需要加别名或可能缺主题；2 文件无法读取或格式不对。",
    )
    miss.add_argument("files", nargs="+", type=Path, metavar="文件", help="导出的 搜索未命中-日期.txt（可以多个，来自不同学员）")
    miss.set_defaults(func=_search_misses)
    quiz_commands.add_commands(sub, _with_quizzes, write_report)
    return parser


def _project(args: argparse.Namespace, failure: int = FOUND) -> Project | int:
    """The validated project, or ``failure`` after printing every problem (the one load-or-report path)."""
    try:
        return load(args.root.resolve())
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return failure


def _with_quizzes(handler: Callable[[QuizSet, argparse.Namespace], int]) -> Handler:
    def run(args: argparse.Namespace) -> int:
        project = _project(args, USAGE)
        if isinstance(project, int):
            return project
        if project.quizzes is None:
            print(f"没有找到题库目录 {args.root.resolve() / 'quizzes'}。", file=sys.stderr)
            return USAGE
        return handler(project.quizzes, args)

    return run


def _github(problem: Problem) -> str:
    """A GitHub Actions workflow command: shows as an annotation on the changed line."""

    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    body = esc(f"{problem.message}\n修改方法：{problem.fix}" if problem.fix else problem.message)
    props = f"file={problem.path},line={problem.line},col={problem.column},title={problem.code}"
    return f"::error {props}::{body}"


def _check(args: argparse.Namespace) -> int:
    try:
        book = load(args.root.resolve()).book
    except HandbookError as err:
        if args.format == "github":
            print("\n".join(_github(p) for p in err.problems))
        print(err.report(), file=sys.stderr)
        return FOUND
    print(f"校验通过：{book.count()} 个数据文件，没有发现问题。")
    return OK


def _build(args: argparse.Namespace) -> int:
    project = _project(args)
    if isinstance(project, int):
        return project
    root = args.root.resolve()
    pages = render_pages(project.book, project.quizzes, history.facts(root))
    try:
        report = write_pages(pages, args.out or root / "docs")
    except WriteError as err:
        print(err, file=sys.stderr)
        return USAGE
    print(f"已生成页面：更新 {len(report.written)} 个，删除 {len(report.removed)} 个，未变 {report.unchanged} 个。")
    return OK


def _site(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    try:
        return publish.publish(root, args.out or root / "site")
    except publish.PublishError as err:
        print(err, file=sys.stderr)
        return USAGE


def _coverage(args: argparse.Namespace) -> int:
    project = _project(args)
    if isinstance(project, int):
        return project
    book, quizzes = project.book, project.quizzes
    report = coverage.measure(book, quizzes.tested() if quizzes else None)
    print("\n".join(coverage.table(report)))
    anchor_gaps = missing_anchors(book, report, args.site) if args.site else []
    gaps = report.gaps() + anchor_gaps
    if gaps:
        print(f"\n缺口（{len(gaps)} 处）：")
        print("\n".join(gaps))
    if report.percent() < args.fail_under:
        print(f"\n覆盖率 {report.percent():.1f}% 低于要求的 {args.fail_under:.1f}%。", file=sys.stderr)
        return FOUND
    return FOUND if anchor_gaps else OK


def _lint(args: argparse.Namespace) -> int:
    try:
        book = load_handbook(args.root.resolve())
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return USAGE
    needs = requirements(book)
    where = targets(book)
    ids = [t.id for t in all_taboos(book)] + [r.rule_id for r in needs]
    site = args.handbook_url or (args.root.resolve() / "site").as_uri() + "/"
    links = {i: _site_link(site, url_of(where[i].page, where[i].anchor), args.handbook_url is None)
             for i in ids if i in where}
    titles = {i: where[i].title for i in ids if i in where}
    return lint.lint_command(args, all_taboos(book), needs, lint.Handbook(titles, links))


def _site_link(base: str, url: str, local: bool) -> str:
    """Link to a built page; a local site (file://) needs the index.html that a web server adds itself."""
    path, _, anchor = url.partition("#")
    if local and (not path or path.endswith("/")):
        path += "index.html"
    return base + path + (f"#{anchor}" if anchor else "")


def _diff(args: argparse.Namespace) -> int:
    root, base = args.root.resolve(), args.base
    try:
        new = changes.snapshot(load_handbook(root))
    except HandbookError as err:
        print(err.report(), file=sys.stderr)
        return FOUND
    try:
        old = changes.snapshot(changes.load_at(root, base))
    except HandbookError as err:
        print(f"版本 {base} 的数据本身无法通过校验，无法对比：\n{err.report()}", file=sys.stderr)
        return FOUND
    except subprocess.CalledProcessError:
        print(f"找不到 git 版本“{base}”（需要在 git 仓库中运行，例如 diff main）。", file=sys.stderr)
        return USAGE
    print(changes.report(base, changes.compare(old, new)))
    return OK


def _search_misses(args: argparse.Namespace) -> int:
    try:
        records = misses.read(args.files)
    except misses.MissesError as err:
        print(f"{err}\n没有生成汇总：请先修正上面的 {len(err.problems)} 处问题。", file=sys.stderr)
        return USAGE
    try:
        corpus = misses.Corpus(load_handbook(args.root.resolve()))
    except HandbookError as err:
        print(f"手册数据本身无法通过校验，无法对照：\n{err.report()}", file=sys.stderr)
        return USAGE
    queries = misses.merge(records)
    findings = [corpus.classify(q) for q in queries]
    print(misses.report(queries, findings, len(records), len({r.path for r in records})))
    todo = (misses.Verdict.NEEDS_ALIAS, misses.Verdict.NEW_TOPIC)
    return FOUND if any(f.verdict in todo for f in findings) else OK


def _schema(args: argparse.Namespace) -> int:
    written = schemas.write_schemas(args.root.resolve() / "schemas")
    print(f"已更新 {len(written)} 个 JSON Schema 文件。" if written else "JSON Schema 已是最新。")
    return OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    handler: Handler = args.func
    try:
        with few_collections():
            return handler(args)
    except BrokenPipeError:  # output piped into `head` or a closed pager: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
