"""Garbage-collector settings for one run of the generator (a command, or the MkDocs hook's build).

A run builds one large tree of small objects that lives until the end (the handbook, the
positions of its YAML values, the quiz bank, the pages) and makes little cyclic garbage
(Jinja's per-page contexts). With CPython's default thresholds the collector scans that
growing tree again and again: at 10× about a tenth of a build's CPU time, at 100× about
5 s of 35 s. Inside ``few_collections`` the objects alive on entry (modules, classes) are
never scanned again and young collections are rarer; the garbage is still collected, and
everything is as before on exit (the hook runs inside MkDocs' process).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Young collections every this many new container objects instead of 700: cyclic garbage then
# waits a little longer (a few MB at most), and the long-lived tree is scanned far less often.
YOUNG = 10_000


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
