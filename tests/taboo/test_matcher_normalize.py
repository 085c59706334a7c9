"""The table of characters the matcher rewrites, built by skipping blocks, equals the per-character definition."""

from __future__ import annotations

import sys

from scripts_gen.taboo import matcher


def test_block_skipping_finds_every_changed_character() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert matcher._scan_changed_chars() == matcher._changed_in(everything, matcher._t2s())
    assert len(matcher._scan_changed_chars()) > 10_000  # Traditional characters, full-width forms, invisibles


def test_the_disk_cached_table_is_the_scanned_one() -> None:
    # The stored copy is what every run after the first uses.
    matcher._changed_chars.cache_clear()
    assert matcher._changed_chars() == matcher._scan_changed_chars()
