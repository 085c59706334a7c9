"""The disk cache returns what was computed, recomputes what it cannot trust, and keeps one entry per name."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts_gen import diskcache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(diskcache, "DIR", tmp_path)
    monkeypatch.delenv("KEFU_NO_CACHE", raising=False)
    return tmp_path


class Counter:
    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_stored_value_is_read_back_without_computing(cache_dir: Path) -> None:
    compute = Counter({"甲": "乙", "x": ""})
    assert diskcache.json_cached("t", "k1", compute) == {"甲": "乙", "x": ""}
    assert diskcache.json_cached("t", "k1", compute) == {"甲": "乙", "x": ""}
    assert compute.calls == 1
    assert [p.name for p in (cache_dir / "t").iterdir()] == ["k1.json"]


def test_a_new_key_recomputes_and_drops_the_old_entry(cache_dir: Path) -> None:
    diskcache.json_cached("t", "old", Counter([1]))
    compute = Counter([2])
    assert diskcache.json_cached("t", "new", compute) == [2]
    assert compute.calls == 1
    assert [p.name for p in (cache_dir / "t").iterdir()] == ["new.json"]


def test_a_damaged_entry_is_recomputed(cache_dir: Path) -> None:
    diskcache.json_cached("t", "k", Counter([1]))
    (cache_dir / "t" / "k.json").write_text('{"half', encoding="utf-8")
    compute = Counter([1])
    assert diskcache.json_cached("t", "k", compute) == [1]
    assert compute.calls == 1
    assert diskcache.json_cached("t", "k", Counter([9])) == [1]  # rewritten whole


def test_turned_off_or_unwritable_means_always_computed(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEFU_NO_CACHE", "1")
    compute = Counter([1])
    diskcache.json_cached("t", "k", compute)
    diskcache.json_cached("t", "k", compute)
    assert compute.calls == 2
    assert not (cache_dir / "t").exists()
    monkeypatch.delenv("KEFU_NO_CACHE")
    monkeypatch.setattr(diskcache, "DIR", cache_dir / "file" / "below")
    (cache_dir / "file").write_text("", encoding="utf-8")  # a file where the folder should be
    assert diskcache.json_cached("t", "k", compute) == [1]
    assert compute.calls == 3


def test_the_key_changes_with_every_part() -> None:
    assert diskcache.key("a", b"b") == diskcache.key("a", b"b")
    assert len({diskcache.key("a", "b"), diskcache.key("ab"), diskcache.key("a", "c"), diskcache.key("b", "a")}) == 4
