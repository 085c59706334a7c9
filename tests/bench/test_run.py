"""The benchmark report: our share measured inside the hook, beside the standalone figure."""

from __future__ import annotations

from pathlib import Path

from bench.run import Measure, ScaleResult, report


def test_the_share_inside_the_hook_is_reported_beside_the_standalone_share() -> None:
    result = ScaleResult(10, 2, gen=Measure(3.0, 3.0, 1), floor=Measure(12.0, 12.0, 1), pagefind=Measure(4.0, 4.0, 1))
    result.site = Measure(15.0, 15.0, 1, hook=2.0)
    text = report([result], {}, "2026-11-23 00:00", ("0.5", "0.5"), Path("."))
    row = next(line for line in text.splitlines() if line.startswith("| 10× | 19.0"))
    # full build 15 + 4 = 19 s; inside the hook 2.0 s → 11%; standalone 3 / (12 + 4 + 3) → 16%
    assert row.split(" | ")[5:9] == ["2.0", "3.0", "11%", "16%"]
    result.site = Measure(15.0, 15.0, 1)  # a generator that does not log its time (an older checkout, --code)
    row = next(line for line in report([result], {}, "", ("0", "0"), Path(".")).splitlines() if line.startswith("| 10× | 19.0"))
    assert row.split(" | ")[5:9] == ["–", "3.0", "–", "16%"]
