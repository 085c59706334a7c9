"""Tune the site search on the development questions only: dev3.yml and dev4.yml, guarded by the
tuning questions (queries.yml) and the held-out ones (heldout.yml).

Builds the handbook as the browser tests do (a copy of the working tree, Pagefind index),
asks each of those questions in the search box in Chromium and prints the three figures and
every dev3 miss with the first three results shown (dev4's misses only with --dev4-misses, so that
its first figure after a change is taken before anyone reads its questions). The sealed sets
(sealed, fresh, blind, blind2, blind3, blind4) are never asked here: only the quality test
measures them, as aggregates.

    .venv/bin/python bench/search_dev.py [--site DIR] [--js] [--dev4-misses]

--site DIR keeps the built site in DIR and reuses it when it is already there; --js copies
the working tree's docs/assets/js/search.js over the built one first (a ranking change needs
no rebuild; an alias does).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import search_eval  # noqa: E402
from helpers import mkdocs_build, pagefind_index, repo_copy, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def build(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = mkdocs_build(repo_copy(Path(tmp)), out, env={"KEFU_REPO_URL": "https://git.example.com/kefu/kefu-handbook"})
        if result.returncode:
            sys.exit(result.stderr)
    index = pagefind_index(out)
    if index.returncode:
        sys.exit(index.stderr)


# The words a query is split into and its best sections with their scores.
EXPLAIN = """async (q) => {
  const search = await window.kfSearch.search(q);
  const pages = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const subs = pages.flatMap((p) => p.sub_results.slice(0, 4).map((s) => [s.rank, decodeURIComponent(s.url), s.title]));
  subs.sort((a, b) => b[0] - a[0]);
  return [window.kfSearch.keywords(q), subs.slice(0, 12)];
}"""


def explain(site: Path, queries: list[str]) -> None:
    with sync_playwright() as p, serve(site) as url:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        page.goto(url)
        page.wait_for_function("() => window.kfSearch")
        for q in queries:
            words, subs = page.evaluate(EXPLAIN, q)
            print(q, words)
            for rank, link, title in subs:
                print(f"  {rank:7.3f}  {link}  {title}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="keep (and reuse) the built site here")
    parser.add_argument("--js", action="store_true", help="copy the working tree's search.js into the built site")
    parser.add_argument("--dev4-misses", action="store_true", help="also list dev4's misses (its questions)")
    parser.add_argument("--query", action="append", default=[], help="instead: explain these queries (words, best sections)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not (site / "pagefind").is_dir():
            build(site)
        if args.js:
            shutil.copy(REPO / "docs/assets/js/search.js", site / "assets/js/search.js")
        if args.query:
            return explain(site, args.query)
        qs = search_eval.load(site)
        asked = qs.questions + qs.heldout + qs.dev3 + qs.dev4  # never a sealed set
        with sync_playwright() as p, serve(site) as url:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.wait_for_function("() => window.kfSearch")
            top = {q: search_eval.shown(page, q) for q, _ in asked}
            browser.close()
    tuning, tuning_missed = search_eval.top3(qs, qs.questions, top)
    held, held_missed = search_eval.top3(qs, qs.heldout, top)
    dev3, dev3_missed = search_eval.top3(qs, qs.dev3, top)
    dev4, dev4_missed = search_eval.top3(qs, qs.dev4, top)
    print(
        f"tuning {tuning:.3f}  held-out {held:.3f}  dev3 {dev3:.3f} ({len(qs.dev3) - len(dev3_missed)} of {len(qs.dev3)})"
        f"  dev4 {dev4:.3f} ({len(qs.dev4) - len(dev4_missed)} of {len(qs.dev4)})"
    )
    answers = dict(qs.questions + qs.heldout + qs.dev3 + qs.dev4)
    listed = [("tuning", tuning_missed), ("held-out", held_missed), ("dev3", dev3_missed)]
    for label, missed in listed + ([("dev4", dev4_missed)] if args.dev4_misses else []):
        for q, links in missed.items():
            print(f"{label} miss {q}  want {answers[q]}")
            for link in links:
                print(f"    {unquote(link)}")


if __name__ == "__main__":
    main()
