"""Search finds what a new hire types: the committed query set run in Chromium against the built site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import search_eval
from helpers import ARTIFACTS

pytestmark = pytest.mark.browser

RECALL = 0.99
# Questions answered in the top 3 (issue 10 asks for 0.90). TOP3 holds on the tuning
# questions of queries.yml, which the ranking in docs/assets/js/search.js was chosen on
# (1.000 measured). heldout.yml's questions were written before any ranking change and never
# tuned on, but the test prints its misses, so it is no longer clean: 0.885 (85 of 96), then
# 0.906 after a third round that read its misses, 0.917 after the fourth (list items, whole
# aliases, ordinals), 0.927 after the fifth (tuned on dev3 only); the floor sits a little under.
TOP3 = 0.90
HELDOUT_TARGET = 0.90
HELDOUT_FLOOR = 0.85
# sealed.yml: never tuned on and reported only as one aggregate figure (no per-question line
# here or in test-artifacts/). Measured four times in all: 0.598 (58 of 97) before the second
# round of aliases and ranking, 0.649 (63 of 97) after it and again after the third round, 0.701
# (68 of 97) after the fourth, 0.753 (73 of 97) after the fifth, each measured once at its end. The floor sits a little under the
# last figure so a collapse of the ranking is caught without the set steering any tuning.
SEALED_FLOOR = 0.60
# fresh.yml: written from the handbook before that second round, committed on its own and
# reported like sealed.yml (aggregate only): 0.643 (45 of 70) before it, 0.814 (57 of 70) after.
# The third round read its misses (so it is no longer clean): 0.829; 0.843 (59 of 70) after the fifth.
FRESH_FLOOR = 0.77
# blind.yml: written after that second round by someone who never ran the search, reported
# like sealed.yml (aggregate only): 0.667 (60 of 90) before and after the third round, 0.689
# (62 of 90) after the fourth, 0.678 (61 of 90) after the fifth, each measured once at its end.
BLIND_FLOOR = 0.62
# blind2.yml: written in round 4, before any round-4 change, by someone who never ran the search,
# reported like sealed.yml (aggregate only): 0.770 (77 of 100) before round 4, 0.790 (79 of 100)
# after it (list items, whole aliases, ordinals, filler pairs), measured once at its end. Asked one
# question per freshly loaded page (a reader's first search) instead of in one session: 0.790 too.
# 0.820 (82 of 100) after round 5, measured once at its end.
BLIND2_FLOOR = 0.74
# dev3.yml and blind3.yml: 200 questions written in round 5, before any round-5 change, by someone
# who never ran the search, split by the hash of each question into two halves of one distribution.
# dev3 is for tuning (its misses are listed); blind3 is sealed (aggregate only). Before round 5:
# dev3 0.820 (82 of 100), blind3 0.750 (75 of 100), each measured once on main before round 5.
# Round 5 simulated one turn of the "没找到想要的？" loop with dev3's 18 misses as the collected
# queries (bench/search_dev.py asks only dev3, tuning and held-out): a page's top weighs 0.8
# against its sections, 谁 is a question word, script branches take aliases, and 16 aliases
# an editor could justify from each entry's text. After it: dev3 0.940 (94 of 100), blind3
# 0.780 (78 of 100), the honest figure of the round, measured once at its end.
BLIND3_FLOOR = 0.70
DEV3_FLOOR = 0.90
# dev4.yml and blind4.yml: 200 questions written in round 6 the same way (a writer who never ran the
# search, never read an earlier set's questions and skipped our aliases), split by SHA-1. dev4 is for
# tuning (misses listed), blind4 sealed (aggregate only). On main before any round-6 change, each
# measured once: dev4 0.850 (85 of 100), blind4 0.880 (88 of 100). Round 6 added an editor-kept
# synonym table (data/synonyms.yml, written from the handbook's vocabulary, not from any question
# set) and kept quoted wording (“这样行不行”) whole: dev4 0.870, blind4 0.890, measured once at its end.
BLIND4_FLOOR = 0.82
DEV4_FLOOR = 0.82

# Every page URL the site's search returns for a query (the engine the box uses).
ALL_PAGES = """async (q) => {
  const search = await window.kfSearch.search(q);
  const pages = await Promise.all(search.results.map((r) => r.data()));
  return pages.map((p) => p.url);
}"""


def test_query_set_recall_and_top3(page: Any, site_url: str, built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = search_eval.load(built_site)
    assert len(qs) >= 200 and len(qs.questions) >= 60 and len(qs.heldout) >= 60 and len(qs.sealed) >= 70
    asked = {q for q, _ in qs.questions}
    assert not [q for q, _ in qs.heldout if q in asked], "heldout.yml 的问题不能同时出现在 queries.yml 中"
    assert not [q for q, _ in qs.sealed if q in asked | {q for q, _ in qs.heldout}], "sealed.yml 的问题不能与其他问题集重复"
    assert search_eval.unknown_answers(qs, qs.sealed) == [], "sealed.yml 中这些答案在站点里找不到对应页面或标题"
    earlier = asked | {q for q, _ in qs.heldout} | {q for q, _ in qs.sealed}
    assert len(qs.fresh) >= 60 and not [q for q, _ in qs.fresh if q in earlier], "fresh.yml 的问题不能与其他问题集重复"
    assert search_eval.unknown_answers(qs, qs.fresh) == [], "fresh.yml 中这些答案在站点里找不到对应页面或标题"
    earlier |= {q for q, _ in qs.fresh}
    assert len(qs.blind) >= 80 and not [q for q, _ in qs.blind if q in earlier], "blind.yml 的问题不能与其他问题集重复"
    assert search_eval.unknown_answers(qs, qs.blind) == [], "blind.yml 中这些答案在站点里找不到对应页面或标题"
    stale = [t for t in qs.terms if not qs.relevant[t]]
    assert stale == [], "queries.yml 中这些词在手册里已找不到，请更新查询集"
    page.goto(site_url)
    page.wait_for_function("() => window.kfSearch")
    found = {q: page.evaluate(ALL_PAGES, q) for q in qs.lookups}
    natural = qs.questions + qs.heldout + qs.sealed + qs.fresh + qs.blind + qs.blind2 + qs.dev3 + qs.blind3 + qs.dev4 + qs.blind4
    top = {q: search_eval.shown(page, q) for q, _ in natural}
    s = search_eval.score(qs, found, top)
    sealed = search_eval.sealed_top3(qs, qs.sealed, top)
    fresh = search_eval.sealed_top3(qs, qs.fresh, top)
    blind = search_eval.sealed_top3(qs, qs.blind, top)
    blind2 = search_eval.sealed_top3(qs, qs.blind2, top)
    blind3 = search_eval.sealed_top3(qs, qs.blind3, top)
    dev3, dev3_unanswered = search_eval.top3(qs, qs.dev3, top)
    blind4 = search_eval.sealed_top3(qs, qs.blind4, top)
    dev4, dev4_unanswered = search_eval.top3(qs, qs.dev4, top)
    report = (
        f"search quality ({len(qs)} queries: {len(qs.terms)} terms, {len(qs.substrings)} substrings, "
        f"{len(qs.questions)} tuning questions; {len(qs.heldout)} held-out questions)\n"
        f"  term+substring recall: {s.recall:.3f}  (queries with a missed page: {len(s.missed)}, with no result: {len(s.empty)})\n"
        f"  tuning questions answered in top 3: {s.top3:.3f}  (must be >= {TOP3:.2f})\n"
        f"  held-out questions answered in top 3: {s.heldout_top3:.3f}  (target {HELDOUT_TARGET:.2f}, floor {HELDOUT_FLOOR:.2f})\n"
        f"  sealed questions answered in top 3: {sealed:.3f} (n={len(qs.sealed)})  (floor {SEALED_FLOOR:.2f}; never listed per question)\n"
        f"  fresh questions answered in top 3: {fresh:.3f} (n={len(qs.fresh)})  (floor {FRESH_FLOOR:.2f}; never listed per question)\n"
        f"  blind questions answered in top 3: {blind:.3f} (n={len(qs.blind)})  (floor {BLIND_FLOOR:.2f}; never listed per question)\n"
        f"  blind2 questions answered in top 3: {blind2:.3f} (n={len(qs.blind2)})  (floor {BLIND2_FLOOR:.2f}; never listed per question)\n"
        f"  blind3 questions answered in top 3: {blind3:.3f} (n={len(qs.blind3)})  (floor {BLIND3_FLOOR:.2f}; never listed per question)\n"
        f"  dev3 questions answered in top 3: {dev3:.3f} (n={len(qs.dev3)})  (floor {DEV3_FLOOR:.2f}; misses listed below)\n"
        f"  blind4 questions answered in top 3: {blind4:.3f} (n={len(qs.blind4)})  (floor {BLIND4_FLOOR:.2f}; never listed per question)\n"
        f"  dev4 questions answered in top 3: {dev4:.3f} (n={len(qs.dev4)})  (floor {DEV4_FLOOR:.2f}; misses listed below)\n"
        + "".join(f"  missed {q}: {pages}\n" for q, pages in s.missed.items())
        + "".join(f"  unanswered {q}: {links}\n" for q, links in s.unanswered.items())
        + "".join(f"  unanswered (held-out) {q}: {links}\n" for q, links in s.heldout_unanswered.items())
        + "".join(f"  unanswered (dev3) {q}: {links}\n" for q, links in dev3_unanswered.items())
        + "".join(f"  unanswered (dev4) {q}: {links}\n" for q, links in dev4_unanswered.items())
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-quality.txt").write_text(report, encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    assert s.recall >= RECALL, report
    assert s.top3 >= TOP3, report
    assert s.heldout_top3 >= HELDOUT_FLOOR, report
    assert sealed >= SEALED_FLOOR, report
    assert fresh >= FRESH_FLOOR, report
    assert blind >= BLIND_FLOOR, report
    assert blind2 >= BLIND2_FLOOR, report
    assert blind3 >= BLIND3_FLOOR, report
    assert dev3 >= DEV3_FLOOR, report
    assert blind4 >= BLIND4_FLOOR, report
    assert dev4 >= DEV4_FLOOR, report
