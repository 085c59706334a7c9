"""The collector settings of a run: garbage is still collected, and nothing is left changed afterwards."""

from __future__ import annotations

import gc
import weakref

from scripts_gen.collector import YOUNG, few_collections


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_cyclic_garbage_made_inside_is_still_collected_without_asking() -> None:
    with few_collections():
        ghost = weakref.ref(_Node())
        assert ghost() is not None
        keep: list[list[int]] = [[] for _ in range(5 * YOUNG)]  # new container objects: young collections happen on their own
        assert ghost() is None
        del keep


def test_settings_are_restored_on_exit_even_after_an_error() -> None:
    before = gc.get_threshold()
    try:
        with few_collections():
            assert gc.get_threshold()[0] == YOUNG and gc.get_freeze_count() > 0
            raise RuntimeError
    except RuntimeError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_objects_alive_before_are_collectable_again_after() -> None:
    node = _Node()
    ghost = weakref.ref(node)
    with few_collections():
        del node
        gc.collect()
        assert ghost() is not None  # frozen: not scanned inside
    gc.collect()
    assert ghost() is None
