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


def test_normalize_is_normalize_char_per_character() -> None:
    # normalize translates through the table; the definition is normalize_char, character by character.
    sample = "".join(chr(c) for r in ((0, 0x3000), (0x3000, 0x3100), (0xFE00, 0xFFF0), (0xE0000, 0xE0080)) for c in range(*r))
    sample += "您好，請稍等一下！ＡＢＣ１２３ 不知道…吗\u200b\ufe0f客服"
    assert matcher.normalize(sample) == "".join(matcher.normalize_char(c) for c in sample)
    assert matcher.normalize(sample) != sample
