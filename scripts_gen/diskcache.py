"""Derived data kept between runs, beside the code like Python's own ``__pycache__``.

Only data that is a pure function of the code and of pinned libraries lives here
(never of the handbook's YAML), so a key made of those inputs is enough to trust
a stored copy. A missing, unreadable or stale entry is recomputed; a cache that
cannot be written (read-only checkout) is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

DIR = Path(__file__).resolve().parent / "__pycache__" / "kefu"


def folder(name: str) -> Path | None:
    """A writable cache folder ``name``, or None when caching is off or impossible."""
    if os.environ.get("KEFU_NO_CACHE"):
        return None
    path = DIR / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def key(*parts: str | bytes) -> str:
    """A short digest of everything a cached value depends on (plus the Python version)."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        digest.update(b"\0" + (part if isinstance(part, bytes) else part.encode()))
    return digest.hexdigest()[:24]


def json_cached(name: str, digest: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, stored as ``<name>/<digest>.json`` and read back on later runs."""
    where = folder(name)
    path = where / f"{digest}.json" if where else None
    if path is not None and path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    value = compute()
    if path is not None:
        _write(path, json.dumps(value, ensure_ascii=False, sort_keys=True))
    return value


def _write(path: Path, text: str) -> None:
    # Two builds may race for the same entry: each writes its own file, the rename is atomic.
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        return
    for old in path.parent.glob("*.json"):
        if old != path:  # entries of older code or library versions are never read again
            old.unlink(missing_ok=True)
