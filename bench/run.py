"""``make bench``: what check, generation, search indexing and the site build cost at 1×, 10× and 100×.

    python bench/run.py [--scales 1,10,100] [--out BENCHMARKS.md] [--code DIR] [--skip STAGE,…]

Environment: ``BENCH_SCALES`` (default 1,10,100), ``BENCH_TABOO_MB`` (default 20).
Every stage runs as its own process on a synthetic project (bench/synth.py) in a
temporary directory; wall time and CPU time (user+sys) are medians of several
runs (fewer at 100×), peak memory is the process's maximum resident set.
``--code`` runs the stages with another checkout's scripts_gen (for before/after
figures); the page-weight and quiz stages use Chromium (Debian's, via Playwright).
Stages: check, gen, site, floor, search, serve, weight, quiz, taboo, bigfile.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import functools
import gzip
import http.server
import itertools
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

PY = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
PAGEFIND = ROOT / "node_modules/.bin/pagefind"
# The last run's raw figures (git-ignored), for --report-only.
RAW = ROOT / "bench/last-run.json"
# Bytecode is kept, as `make` keeps it (see the Makefile): forcing PYTHONDONTWRITEBYTECODE here made
# every measured process compile whichever of our modules had no up-to-date .pyc (about 0.2 CPU s).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "DISABLE_MKDOCS_2_WARNING": "true",
    "NO_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": "1735689600",
}
RUNS = {1: 3, 10: 2}  # every other scale: one run
STAGES = ("check", "gen", "site", "floor", "search", "serve", "weight", "quiz", "taboo", "bigfile")
# The pages whose first-load weight is measured (present at every scale: copies keep the originals).
WEIGHT_PAGES = {"首页": "", "话术页（含流程图）": "scripts/callback/", "测验页（考试）": "quiz/new-agent-exam/"}
EDIT_FILE, EDIT_PAGE = "data/rules/callback-standards.yml", "rules/callback-standards/"


# What the MkDocs hook logs at debug level (`mkdocs build -v`): CPU seconds of importing the generator
# and of validating + generating, inside MkDocs' own process (no interpreter start-up).
HOOK_CPU = re.compile(r"(?:导入生成器|校验与生成)用时 ([0-9.]+) 秒（CPU 时间）")


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds
    cpu: float  # seconds, user + sys
    rss: int  # peak resident set, KiB
    hook: float | None = None  # CPU seconds inside our MkDocs hook (imports + validation + generation), from its log

    def cells(self) -> list[str]:
        return [f"{self.wall:.1f}", f"{self.cpu:.1f}", f"{self.rss / 1024:.0f}"]


def run(cmd: list[str], cwd: Path) -> Measure:
    """One process: wall time, CPU time and peak memory from its own rusage (and our hook's CPU from its log); fails loudly."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        log_text = err.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{log_text[-3000:]}")
    hook = [float(x) for x in HOOK_CPU.findall(log_text)]
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, sum(hook) if hook else None)


def median(runs: int, once: Callable[[int], Measure]) -> Measure:
    found = [once(i) for i in range(runs)]
    hooks = [m.hook for m in found if m.hook is not None]
    return Measure(
        statistics.median(m.wall for m in found),
        statistics.median(m.cpu for m in found),
        int(statistics.median(m.rss for m in found)),
        statistics.median(hooks) if hooks else None,
    )


def size_of(folder: Path) -> tuple[int, int]:
    """(bytes, files) below ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def config_variant(project: Path, name: str, *, hooks: bool = True, search: bool = True) -> Path:
    """mkdocs.yml without the generator hook and/or without the search plugin."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if not hooks and (line.startswith("hooks:") or "mkdocs_hooks.py" in line):
            continue
        if not search:
            if line.startswith("  - search:") or line.strip() == "- search":
                skipping = True
                continue
            if skipping and line.startswith("      "):
                continue
            skipping = False
        out.append(line)
    path = project / name
    path.write_text("".join(out), encoding="utf-8")
    return path


# --- per-scale stages ---------------------------------------------------------


@dataclass
class ScaleResult:
    scale: int
    runs: int
    data_bytes: int = 0
    data_files: int = 0
    pages: int = 0
    check: Measure | None = None
    gen: Measure | None = None
    site: Measure | None = None
    floor: Measure | None = None
    nosearch: Measure | None = None
    pagefind: Measure | None = None
    site_bytes: int = 0
    site_files: int = 0
    index_bytes: int = 0
    serve: dict[str, float] | None = None


def bench_scale(scale: int, work: Path, code: Path, skip: set[str]) -> ScaleResult:
    project = work / f"x{scale}"
    synth.generate(project, scale)
    if code != ROOT:
        (project / "scripts_gen").unlink()
        (project / "scripts_gen").symlink_to(code / "scripts_gen", target_is_directory=True)
    runs = RUNS.get(scale, 1)
    result = ScaleResult(scale, runs)
    result.data_bytes, result.data_files = size_of(project / "data")
    gen_cmd = [PY, "-m", "scripts_gen", "--root", str(project)]
    log(f"{scale}×: {result.data_files} 个数据文件，{result.data_bytes / 1e6:.1f} MB")
    if "check" not in skip:
        result.check = median(runs, lambda i: run([*gen_cmd, "check"], code))
        log(f"{scale}× check {result.check}")
    if "gen" not in skip:

        def gen(i: int) -> Measure:
            out = work / f"gen-{scale}-{i}"
            m = run([*gen_cmd, "build", "--out", str(out)], code)
            result.pages = sum(1 for _ in out.rglob("*.md"))
            shutil.rmtree(out)
            return m

        result.gen = median(runs, gen)
        log(f"{scale}× gen {result.gen}")
    if not {"site", "floor", "search"} <= skip:
        run([*gen_cmd, "build"], code)  # docs/ as `make pages` leaves it, for the builds below
    site = work / f"site-{scale}"
    if "site" not in skip:
        cfg = project / "mkdocs.yml"
        # -v: the hook logs its own CPU time at debug level (the floor below is built with -v too, for a fair difference).
        result.site = median(runs, lambda i: run([MKDOCS, "build", "--strict", "-v", "-f", str(cfg), "-d", str(site)], project))
        result.site_bytes, result.site_files = size_of(site)
        index = site / "search/search_index.json"
        result.index_bytes = index.stat().st_size if index.is_file() else 0
        log(f"{scale}× site {result.site}")
    if "floor" not in skip:
        cfg = config_variant(project, "floor.yml", hooks=False)
        out = work / f"floor-{scale}"
        result.floor = median(runs, lambda i: run([MKDOCS, "build", "--strict", "-v", "-f", str(cfg), "-d", str(out)], project))
        shutil.rmtree(out, ignore_errors=True)
        log(f"{scale}× floor {result.floor}")
    if "search" not in skip and PAGEFIND.is_file() and (site / "index.html").is_file():
        # The search index is built by Pagefind over the built HTML (make site), after MkDocs.
        result.pagefind = median(runs, lambda i: run([str(PAGEFIND), "--site", str(site), "--quiet"], project))
        index = site / "pagefind"
        result.index_bytes = size_of(index)[0] if index.is_dir() else 0
        log(f"{scale}× pagefind {result.pagefind}")
    elif "search" not in skip:
        cfg = config_variant(project, "nosearch.yml", hooks=False, search=False)
        out = work / f"nosearch-{scale}"
        result.nosearch = median(runs, lambda i: run([MKDOCS, "build", "-q", "-f", str(cfg), "-d", str(out)], project))
        shutil.rmtree(out, ignore_errors=True)
        log(f"{scale}× no-search {result.nosearch}")
    if "serve" not in skip and scale <= 10:
        edits = 3 if scale == 1 else 2
        result.serve = {
            "serve": edit_to_reload(project, dirty=False, edits=edits),
            "serve --dirty": edit_to_reload(project, dirty=True, edits=edits),
        }
        log(f"{scale}× serve {result.serve}")
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float | None:
    """Seconds until ``url`` serves a page containing ``text`` (None after ``limit`` seconds)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def edit_to_reload(project: Path, *, dirty: bool, edits: int = 3) -> float:
    """Median seconds from saving a one-line YAML edit to the served page showing it, under ``mkdocs serve``."""
    port = free_port()
    cmd = [MKDOCS, "serve", "-q", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{EDIT_PAGE}"
    path = project / EDIT_FILE
    original = path.read_text(encoding="utf-8")
    times = []
    try:
        if wait_for(url, "</html>", 1800) is None:
            raise SystemExit("mkdocs serve did not start")
        time.sleep(2)  # let the watcher settle after the first build
        for n in range(edits):
            token = f"基准测试修改{'甲乙丙丁戊'[n]}"
            text = re.sub(r"^summary: .*$", f"summary: {token}：回访工作规范。", original, count=1, flags=re.M)
            path.write_text(text, encoding="utf-8")
            seen = wait_for(url, token, 1800)
            if seen is None:
                raise SystemExit("the edit never reached the served page")
            times.append(seen)
            time.sleep(2)
    finally:
        path.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(30)
    return statistics.median(times)


# --- browser stages (1× site) -----------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """``folder`` over http on loopback (instant navigation needs http); yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium")
    if path is None:
        raise SystemExit("chromium not found: make browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _note_url(urls: list[str], request: Any) -> None:
    urls.append(request.url)


def page_weights(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per page: (requests, raw bytes, gzip bytes) of everything loaded on a first visit (empty cache)."""
    found: dict[str, tuple[int, int, int]] = {}
    with serve_folder(site) as base, chromium() as browser:
        for label, path in WEIGHT_PAGES.items():
            context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            urls: list[str] = []
            tab.on("requestfinished", functools.partial(_note_url, urls))
            tab.goto(base + path, wait_until="networkidle")
            tab.wait_for_timeout(1000)
            raw = gz = 0
            for url in dict.fromkeys(urls):
                if not url.startswith(base):
                    raise SystemExit(f"request to a non-local URL: {url}")
                local = site / url[len(base) :].split("#")[0].split("?")[0]
                local = local / "index.html" if local.is_dir() else local
                body = local.read_bytes()
                raw += len(body)
                gz += len(gzip.compress(body, 6))
            found[label] = (len(set(urls)), raw, gz)
            context.close()
    return found


def largest_quiz(site: Path) -> tuple[str, int]:
    """(URL path, question count) of the assignment page with the most questions (an exam: its pool, fetched by quiz.js)."""
    best = ("", -1)
    for page in sorted((site / "quiz").glob("*/index.html")):
        match = re.search(r'<script type="application/json" class="kf-quiz-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
        if match:
            data = json.loads(match.group(1))
            n = data.get("n", len(data.get("questions", [])))
            if n > best[1]:
                best = (page.parent.relative_to(site).as_posix() + "/", n)
    return best


def quiz_render(site: Path, runs: int = 5) -> tuple[str, int, float]:
    """Median milliseconds from navigation start to the largest assignment's quiz widget drawn (an exam's pool file loaded)."""
    path, count = largest_quiz(site)
    times = []
    with serve_folder(site) as base, chromium() as browser:
        for _ in range(runs):
            context = browser.new_context(locale="zh-CN")
            tab = context.new_page()
            tab.goto(base + path, wait_until="commit")
            tab.wait_for_selector("[data-kf-quiz] .kf-q", timeout=120_000)
            times.append(float(tab.evaluate("performance.now()")))
            context.close()
    return path, count, statistics.median(times)


def quiz_assets() -> list[tuple[str, int, int]]:
    found = []
    for rel in ("docs/assets/js/quiz.js", "docs/assets/css/quiz.css"):
        body = (ROOT / rel).read_bytes()
        found.append((rel, len(body), len(gzip.compress(body, 6))))
    return found


# --- report ---------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def versions() -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "pydantic", "jieba", "PyYAML", "Jinja2"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            found[name] = version(name)
    chromium_path = shutil.which("chromium")
    if chromium_path:
        with contextlib.suppress(Exception):
            found["Chromium"] = subprocess.run([chromium_path, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    return found


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "")
    mem = ""
    with contextlib.suppress(OSError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} 核 {cpu}，{mem} 内存，{platform.system()} {platform.release()}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "–"


def report(
    results: list[ScaleResult],
    extras: dict[str, Any],
    started: str,
    loads: tuple[str, str],
    code: Path,
) -> str:
    out = ["# 性能基准", ""]
    out += [
        "本文件由 `make bench`（`bench/run.py`）生成，请勿手改；改进前后的对比见文末“改进记录”。",
        "",
        "## 如何复现",
        "",
        "```sh",
        "make bench                           # 1×、10×、100×；2 核机器上约 15 分钟（100× 站点构建占大半）",
        "BENCH_SCALES=1,10 make bench         # 只测 1× 和 10×（几分钟）",
        ".venv/bin/python bench/run.py --skip serve,weight,quiz,taboo   # 只测命令行与站点构建",
        ".venv/bin/python bench/synth.py /tmp/x10 --scale 10            # 只生成 10× 的合成项目",
        "```",
        "",
        "合成数据：`bench/synth.py` 把 `data/` 和 `quizzes/` 的真实内容复制 N 份，每份的全部编号加上 `-x<k>` 后缀、"
        "全部引用（岗位、相关条目、下一步、题目考查的编号、抽题主题）改指同一份里的条目，禁语说法加上区分字使其唯一，"
        "标题加“（第 k 册）”。因此中文文本长度、话术分支、题目与测验都与真实数据相同，并且通过 `check`。",
        "",
        "## 机器与版本",
        "",
        f"- 日期：{started}（UTC）",
        f"- 机器：{machine()}",
        f"- 负载（1 分钟平均）：开始时 {loads[0]}，结束时 {loads[1]}（{os.cpu_count()} 核）。"
        + ("**测量时机器上还有其他任务**，墙钟时间偏大且波动；" if max(float(x) for x in loads) > 1.5 * (os.cpu_count() or 1) else "")
        + "CPU 时间（用户态＋内核态）受其他任务干扰较小，比较规模时以它为准。",
        "- 版本：" + "，".join(f"{k} {v}" for k, v in versions().items()),
    ]
    if code != ROOT:
        out.append(f"- 生成器代码：{code}")
    runs = "，".join(f"{r.scale}× {r.runs} 次" for r in results)
    out += ["", f"每项取中位数（{runs}；100× 只跑一次，耗时太长）。时间单位秒，内存为进程峰值常驻内存（MiB）。", ""]
    out += ["## 规模", "", "| 规模 | 数据文件 | 数据 MB | 生成的页面 | 站点 MB | 站点文件 | 搜索索引 MB |"]
    out += ["|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        out.append(
            f"| {r.scale}× | {r.data_files:,} | {r.data_bytes / 1e6:.1f} | {r.pages:,} | {r.site_bytes / 1e6:.1f} | {r.site_files:,} | "
            f"{r.index_bytes / 1e6:.1f} |"
        )
    out += ["", "## 各阶段耗时", "", "| 阶段 | 规模 | 墙钟 s | CPU s | 峰值内存 MiB |", "|---|---|---:|---:|---:|"]
    stages = (
        ("`check`（校验）", "check"),
        ("生成（`python -m scripts_gen build`）", "gen"),
        ("站点构建（`mkdocs build --strict`，含钩子里的校验与生成）", "site"),
        ("下限：MkDocs 单独构建同一份 Markdown（去掉钩子）", "floor"),
        ("下限去掉搜索插件", "nosearch"),
        ("搜索索引（Pagefind 扫描构建好的站点）", "pagefind"),
    )
    for title, attr in stages:
        for r in results:
            m = getattr(r, attr)
            if m is not None:
                out.append(f"| {title} | {r.scale}× | " + " | ".join(m.cells()) + " |")
    out += ["", "## 分解与占比", ""]
    out += [
        "- 完整构建（`make site`）= 站点构建（MkDocs，钩子里先校验、生成）＋ 搜索索引（Pagefind 扫描构建好的站点）。",
        "- 我们的代码有三种量法：钩子里的差值（站点构建 − 下限，两次构建之间的波动常比它大，1× 甚至可能为负）；"
        "钩子自己记下的 CPU 时间（`mkdocs build -v` 的调试日志：导入生成器＋校验＋生成，在 MkDocs 的进程里，"
        "不含 MkDocs 本来就要付的 Python 启动；docs/ 已是上次生成的结果，所以几乎不写文件）；"
        "单独运行生成命令的 CPU 时间（含 Python 启动与导入、写全部文件，偏高）。",
        "- 占比（钩子内）= 钩子内 CPU ÷ 完整构建 CPU，是真实构建里我们的份额；"
        "占比（单独生成）= 单独生成 ÷（下限＋搜索索引＋单独生成），是上限。",
        "",
        "| 规模 | 完整构建 CPU s | MkDocs 下限 CPU s | 搜索索引 CPU s | 钩子差值 CPU s | 钩子内 CPU s | 单独生成 CPU s "
        "| 占比（钩子内） | 占比（单独生成） | 站点构建 / 下限 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.site and r.floor:
            search = r.pagefind.cpu if r.pagefind else (r.floor.cpu - r.nosearch.cpu if r.nosearch else 0.0)
            ours = r.site.cpu - r.floor.cpu
            total = r.site.cpu + (r.pagefind.cpu if r.pagefind else 0.0)
            alone = r.gen.cpu if r.gen else max(ours, 0.0)
            inside = r.site.hook
            cells = [
                f"{r.scale}×",
                *(f"{x:.1f}" for x in (total, r.floor.cpu, search, ours)),
                f"{inside:.1f}" if inside is not None else "–",
                f"{alone:.1f}",
                f"{100 * inside / total:.0f}%" if inside is not None else "–",
                f"{100 * alone / (r.floor.cpu + search + alone):.0f}%",
                ratio(r.site.cpu, r.floor.cpu),
            ]
            out.append("| " + " | ".join(cells) + " |")
    growth = list(itertools.pairwise(results))
    if growth:
        out += ["", "### 增长倍数（CPU 时间；线性增长时等于规模之比）", ""]
        out += ["| 从 → 到 | check | 生成 | 站点构建 | 下限 | 站点字节 |", "|---|---:|---:|---:|---:|---:|"]
        for a, b in growth:
            cells = []
            for attr in ("check", "gen", "site", "floor"):
                ma, mb = getattr(a, attr), getattr(b, attr)
                cells.append(ratio(mb.cpu, ma.cpu) if ma and mb else "–")
            cells.append(ratio(b.site_bytes, a.site_bytes) if a.site_bytes and b.site_bytes else "–")
            out.append(f"| {a.scale}× → {b.scale}×（{b.scale // a.scale}×） | " + " | ".join(cells) + " |")
    serving = [r for r in results if r.serve]
    if serving:
        out += [
            "",
            "## 预览时改一行 YAML 到页面更新",
            "",
            f"`mkdocs serve` 运行中，改写 `{EDIT_FILE}` 的 `summary:` 一行并保存，计时到 `/{EDIT_PAGE}` 返回新内容"
            "（中位数：1× 3 次，10× 2 次）。",
            "",
            "| 规模 | `mkdocs serve` s | `mkdocs serve --dirty` s |",
            "|---|---:|---:|",
        ]
        for r in serving:
            assert r.serve is not None
            out.append(f"| {r.scale}× | {r.serve['serve']:.1f} | {r.serve['serve --dirty']:.1f} |")
        out += [
            "",
            "`--dirty` 只重建修改过的 Markdown：生成器只重写内容有变化的页面，所以改一行 YAML 只重建受影响的一两页。"
            "大型手册预览时用 `.venv/bin/mkdocs serve --dirty`（导航、搜索索引在完整构建前可能不是最新）。",
        ]
    if "weight" in extras:
        out += ["", "## 页面首次加载字节数（1× 站点，空缓存）", "", "| 页面 | 请求数 | 原始字节 | gzip 后字节 |", "|---|---:|---:|---:|"]
        for label, (n, raw, gz) in extras["weight"].items():
            out.append(f"| {label} | {n} | {raw:,} | {gz:,} |")
        out += ["", "gzip 按每个文件单独压缩（级别 6）估算，相当于服务器开启 gzip 时的传输量。"]
    if "home" in extras:
        out += ["", "首页 HTML 本身随规模的大小（每页都带导航）：", ""]
        out += ["| 规模 | 首页 HTML 字节 | 一个规范页 HTML 字节 |", "|---|---:|---:|"]
        for scale, (home, rule) in extras["home"].items():
            out.append(f"| {scale}× | {home:,} | {rule:,} |")
    if "quiz" in extras:
        (path, count, ms), assets = extras["quiz"], quiz_assets()
        out += ["", "## 测验", "", "| 文件 | 原始字节 | gzip 后字节 |", "|---|---:|---:|"]
        for rel, raw, gz in assets:
            out.append(f"| `{rel}` | {raw:,} | {gz:,} |")
        total_raw, total_gz = sum(a[1] for a in assets), sum(a[2] for a in assets)
        out.append(f"| 合计 | {total_raw:,} | {total_gz:,} |")
        shown = "Chromium 从开始导航到测验组件显示（考试包括读取题池文件）"
        out += ["", f"最大的测验 `/{path}`（{count} 题）：{shown} **{ms:.0f} ms**（5 次中位数）。"]
    if "bigfile" in extras:
        out += ["", "## 单个文件里的大量规范", ""]
        out += ["| 单个规范文件中的条目数 | `check` 墙钟 s | CPU s | 峰值内存 MiB |", "|---:|---:|---:|---:|"]
        for count, m in extras["bigfile"]:
            out.append(f"| {count:,} | " + " | ".join(m.cells()) + " |")
    if "taboo" in extras:
        out += ["", "## 禁语检查器吞吐量（`bench/bench_taboo.py`）", "", extras["taboo"].strip()]
    # Hand-written records: before/after of this work, then the other benchmark scripts' sections.
    for name, rule in (("findings.md", False), ("others.md", True)):
        notes = ROOT / "bench" / name
        if notes.is_file():
            out += ["", *(["---", ""] if rule else []), notes.read_text(encoding="utf-8").strip()]
    return "\n".join(out) + "\n"


def _measure(value: Any) -> Measure | None:
    return Measure(**value) if value else None


def _load_raw() -> tuple[list[ScaleResult], dict[str, Any], str, tuple[str, str]]:
    raw = json.loads(RAW.read_text(encoding="utf-8"))
    stages = ("check", "gen", "site", "floor", "nosearch", "pagefind")
    results = []
    for r in raw["results"]:
        fields: dict[str, Any] = {k: (_measure(v) if k in stages else v) for k, v in r.items()}
        results.append(ScaleResult(**fields))
    extras = raw["extras"]
    if "bigfile" in extras:
        extras["bigfile"] = [(count, Measure(**m)) for count, m in extras["bigfile"]]
    if "home" in extras:
        extras["home"] = {int(k): tuple(v) for k, v in extras["home"].items()}
    if "weight" in extras:
        extras["weight"] = {k: tuple(v) for k, v in extras["weight"].items()}
    if "quiz" in extras:
        extras["quiz"] = tuple(extras["quiz"])
    loads = raw["loads"]
    return results, extras, raw["started"], (loads[0], loads[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "1,10,100"))
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose scripts_gen is measured")
    parser.add_argument("--skip", default="", help=f"comma-separated stages to skip: {','.join(STAGES)}")
    parser.add_argument("--report-only", action="store_true", help=f"rewrite --out from {RAW.name} without measuring")
    args = parser.parse_args(argv)
    if args.report_only:
        args.out.write_text(report(*_load_raw(), args.code.resolve()), encoding="utf-8")
        return 0
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    code = args.code.resolve()
    # Compile our modules once up front, so no measured run pays for it (a user's second run never does).
    subprocess.run([PY, "-m", "compileall", "-q", str(code / "scripts_gen")], check=True, env=ENV, stdout=subprocess.DEVNULL)
    started = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    load_start = f"{os.getloadavg()[0]:.1f}"
    extras: dict[str, Any] = {}
    results: list[ScaleResult] = []
    with tempfile.TemporaryDirectory(prefix="kefu-bench-") as tmp:
        work = Path(tmp)
        homes: dict[int, tuple[int, int]] = {}

        def write() -> None:
            """The report so far: written after every scale, so a long run leaves figures behind."""
            if homes:
                extras["home"] = homes
            loads = (load_start, f"{os.getloadavg()[0]:.1f}")
            text = report(results, extras, started, loads, code)
            args.out.write_text(text, encoding="utf-8")
            # The raw figures, so the report's wording can be changed without measuring again (--report-only).
            raw = {"results": [dataclasses.asdict(r) for r in results], "extras": extras, "started": started, "loads": loads}
            RAW.write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=dataclasses.asdict), encoding="utf-8")
            log(f"wrote {args.out}")

        if "bigfile" not in skip:
            extras["bigfile"] = []
            for count in (1000, 4000):
                project = work / f"big-{count}"
                synth.generate(project, 1, one_file_rules=count)
                extras["bigfile"].append((count, run([PY, "-m", "scripts_gen", "--root", str(project), "check"], code)))
                log(f"big file {count}: {extras['bigfile'][-1][1]}")
        if "taboo" not in skip:
            mb = os.environ.get("BENCH_TABOO_MB", "20")
            taboo = subprocess.run([PY, str(ROOT / "bench/bench_taboo.py"), "--mb", mb], cwd=ROOT, env=ENV, capture_output=True, text=True)
            failed = f"运行失败：\n\n```\n{taboo.stderr[-2000:]}\n```"
            extras["taboo"] = f"语料 {mb} MB。\n\n" + (taboo.stdout if taboo.returncode == 0 else failed)
        for scale in scales:
            results.append(bench_scale(scale, work, code, skip))
            site = work / f"site-{scale}"
            if (site / "index.html").is_file():
                homes[scale] = ((site / "index.html").stat().st_size, (site / EDIT_PAGE / "index.html").stat().st_size)
                if scale == 1 and "weight" not in skip:
                    extras["weight"] = page_weights(site)
                if scale == 1 and "quiz" not in skip:
                    extras["quiz"] = quiz_render(site)
                if scale != 1:
                    shutil.rmtree(site)
            write()
        write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
