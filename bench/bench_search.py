"""Site search, Pagefind against Material's stock search, on the same pages.

Builds the handbook twice from the same docs/: as shipped (Pagefind over the built
HTML) and with Material's own search plugin instead (its defaults; jieba segments
Chinese). For each it records the index bytes (raw and gzip), the first-query
latency in Chromium (a fresh browser context: index fetched and loaded, then one
query answered; median of --runs), and the query set's figures (recall on terms
and substrings, questions answered in the top 3, the tuning questions and the held-out
ones apart; see tests/search_eval.py).

    .venv/bin/python bench/bench_search.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import search_eval  # noqa: E402
from helpers import mkdocs_build, pagefind_index, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

FIRST_QUERY = "客户投诉"

# Pagefind through the site's own search code (what the box runs).
PAGEFIND_PAGES = """async (q) => {
  const search = await window.kfSearch.search(q);
  const pages = await Promise.all(search.results.map((r) => r.data()));
  return pages.map((p) => p.url);
}"""
PAGEFIND_FIRST = """async (q) => {
  const t0 = performance.now();
  const search = await window.kfSearch.search(q);
  await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  return performance.now() - t0;
}"""
# Material's search worker, driven with its own message protocol (0 setup, 1 ready,
# 2 query, 3 result), fed the search_index.json it ships.
MATERIAL_SETUP = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const t0 = performance.now();
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, base));
  await new Promise((ok) => {
    worker.onmessage = (ev) => { if (ev.data.type === 1) ok(); };
    worker.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });
  });
  window.__material = (q) => new Promise((ok) => {
    worker.onmessage = (ev) => { if (ev.data.type === 3) ok(ev.data.data.items); };
    worker.postMessage({ type: 2, data: q });
  });
  return performance.now() - t0;
}"""
MATERIAL_PAGES = """async (q) => (await window.__material(q)).map((group) => group[0].location)"""
MATERIAL_TOP = """async (q) => (await window.__material(q)).flat().slice(0, 3).map((doc) => doc.location)"""
MATERIAL_FIRST = """async (q) => { const t0 = performance.now(); await window.__material(q); return performance.now() - t0; }"""


def _material_config(out: Path) -> Path:
    """mkdocs.yml with Material's stock search instead of Pagefind (same pages, same theme)."""
    lines = []
    for line in (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if "custom_dir:" in line or "assets/js/search.js" in line:
            continue
        lines.append(line)
        if line == "plugins:":
            lines.append("  - search")
    path = REPO / ".bench-material.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bytes(files: list[Path]) -> tuple[int, int]:
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return raw, packed


def _url(location: str) -> str:
    return "/" + location.lstrip("/")


SEARCH_FILES = ("/pagefind/", "/search-synonyms.json", "/search/search_index.json", "/workers/search.")


def _measure(browser: Any, url: str, setup: str | None, first: str, runs: int) -> tuple[float, int]:
    """Median first-query latency (ms) and the bytes the search fetched for it (as served)."""
    times, fetched = [], 0
    for _ in range(runs):
        context = browser.new_context(locale="zh-CN")
        tab = context.new_page()
        requests: list[Any] = []
        context.on("requestfinished", lambda request, into=requests: into.append(request))
        tab.goto(url)
        spent = tab.evaluate(setup) if setup else 0.0
        tab.wait_for_function("() => window.kfSearch || window.__material")
        times.append(spent + tab.evaluate(first, FIRST_QUERY))
        fetched = sum(r.sizes()["responseBodySize"] for r in requests if any(f in r.url for f in SEARCH_FILES))
        context.close()
    return float(statistics.median(times)), fetched


def main() -> int:
    parser = argparse.ArgumentParser(description="站内搜索基准：Pagefind 与 Material 自带搜索")
    parser.add_argument("--runs", type=int, default=5, help="首次查询延迟取中位数的次数（默认 5）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "pagefind", Path(tmp) / "material"
        assert mkdocs_build(REPO, ours).returncode == 0
        assert pagefind_index(ours).returncode == 0
        config = _material_config(theirs)
        try:
            done = subprocess.run(
                [str(REPO / ".venv/bin/mkdocs"), "build", "--strict", "-f", str(config), "-d", str(theirs)],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            config.unlink()
        assert done.returncode == 0, done.stderr
        # Material's copy has no data-pagefind-body: score both on the pages Pagefind indexes.
        qs = search_eval.load(ours)
        pf_files = [
            p
            for p in (ours / "pagefind").rglob("*")
            if p.is_file() and not p.name.startswith(("pagefind-ui", "pagefind-modular", "pagefind-component", "pagefind-highlight"))
        ]
        mat_files = [theirs / "search" / "search_index.json", *(theirs / "assets/javascripts/workers").glob("search.*.min.js")]
        pf_files.append(ours / "search-synonyms.json")  # the synonym table, fetched with the index
        sizes = {"Pagefind 1.6.0": _bytes(pf_files), "Material 搜索（jieba）": _bytes(mat_files)}
        rows = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
            with serve(ours) as url:
                latency = _measure(browser, url, None, PAGEFIND_FIRST, args.runs)
                tab = browser.new_page()
                tab.goto(url)
                tab.wait_for_function("() => window.kfSearch")
                found = {q: tab.evaluate(PAGEFIND_PAGES, q) for q in qs.lookups}
                top = {q: search_eval.shown(tab, q)[:3] for q, _ in qs.questions + qs.heldout}
                rows["Pagefind 1.6.0"] = (latency, search_eval.score(qs, found, top))
                tab.close()
            with serve(theirs) as url:
                latency = _measure(browser, url, MATERIAL_SETUP, MATERIAL_FIRST, args.runs)
                tab = browser.new_page()
                tab.goto(url)
                tab.evaluate(MATERIAL_SETUP)
                found = {q: [_url(u) for u in tab.evaluate(MATERIAL_PAGES, q)] for q in qs.lookups}
                top = {q: [_url(u) for u in tab.evaluate(MATERIAL_TOP, q)] for q, _ in qs.questions + qs.heldout}
                rows["Material 搜索（jieba）"] = (latency, search_eval.score(qs, found, top))
                tab.close()
            browser.close()
    counts = f"{len(qs.terms)} 个术语、{len(qs.substrings)} 个子串、{len(qs.questions)} 个调参问题、{len(qs.heldout)} 个留出问题"
    print(f"查询集：{counts}；首次查询“{FIRST_QUERY}”，{args.runs} 次取中位数\n")
    columns = [
        "搜索",
        "索引字节（原始）",
        "索引字节（gzip）",
        "首次查询下载字节",
        "首次查询延迟 ms",
        "子串与术语召回率",
        "无结果查询",
        "调参问题前 3 命中率",
        "留出问题前 3 命中率",
    ]
    print("| " + " | ".join(columns) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, ((ms, fetched), s) in rows.items():
        raw, packed = sizes[name]
        cells = [name, f"{raw:,}", f"{packed:,}", f"{fetched:,}", f"{ms:.0f}", f"{s.recall:.3f}", str(len(s.empty))]
        print("| " + " | ".join([*cells, f"{s.top3:.3f}", f"{s.heldout_top3:.3f}"]) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
