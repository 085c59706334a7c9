"""Write generated pages into docs/: all or nothing, one build at a time, without disturbing a running server.

Only files whose content changed are rewritten (so ``mkdocs serve`` sees no
spurious change and never loops). A run first writes every changed page into a
fresh staging folder beside ``out`` (unique name, same file system), creates
every folder the pages need, and only then renames the pages into place, data
files (the exam pools, .json) before the pages that load them, the navigation
(SUMMARY.md) last and stale files removed after it: a run killed
while staging leaves docs/ as it was, and the navigation never lists a page that
is not there yet. A lock beside ``out`` makes a second build wait for the first.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import posixpath
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scripts_gen.site.pages import OWNED

NAV = "SUMMARY.md"
LOCK_WAIT = float(os.environ.get("KEFU_BUILD_LOCK_WAIT", "120"))


class WriteError(Exception):
    """The pages could not be written; the message (Chinese) names the path and what to do."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


# What the generator writes inside the folders it owns: pages and the data files they load.
OWNED_SUFFIXES = (".md", ".json")


def _owned_files(out: Path) -> set[str]:
    found = set()
    for name in OWNED:
        path = out / name
        if path.is_file():
            found.add(name)
        elif path.is_dir():
            # os.walk, not Path.rglob: one scandir per folder, no Path object per file.
            for folder, _, files in os.walk(path):
                rel = posixpath.relpath(folder, out).replace(os.sep, "/")
                found |= {f"{rel}/{f}" for f in files if posixpath.splitext(f)[1] in OWNED_SUFFIXES}
    return found


def _unchanged(target: str, content: bytes) -> bool:
    # Bytes against bytes: no text layer or decoding for each of the pages a rebuild compares.
    try:
        with open(target, "rb") as page:
            return page.read() == content
    except OSError:  # missing, or a folder where the page should be
        return False


@contextlib.contextmanager
def build_lock(out: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of ``out`` (a file beside it); wait for another build, then give up with a clear message."""
    lock_path = out.parent / f".{out.name}.lock"
    handle = lock_path.open("a")
    try:
        deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteError(
                        f"另一个构建正在进行（它持有 {lock_path}），等待后仍未结束。"
                        "请等它完成后再运行；锁会在那个进程退出时自动释放，无需手动删除。"
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        handle.close()


def _clear_leftovers(out: Path) -> None:
    """Staging folders of runs that were killed (only ever called while holding the lock)."""
    for stale in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _write(path: str, content: bytes) -> None:
    with open(path, "wb") as page:  # bytes: no newline translation, UTF-8 whatever the locale
        page.write(content)


def _make_folders(base: Path, rels: list[str]) -> None:
    """Every folder the files ``rels`` need below ``base``, each created once (not once per file)."""
    for folder in sorted({posixpath.dirname(rel) for rel in rels}):
        os.makedirs(os.path.join(base, folder), exist_ok=True)


def _move_into_place(staging: Path, out: Path, changed: list[str]) -> None:
    _make_folders(out, changed)
    for rel in sorted(changed, key=lambda r: (r == NAV, not r.endswith(".json"), r)):
        os.replace(os.path.join(staging, rel), os.path.join(out, rel))


def write_pages(pages: dict[str, str], out: Path) -> WriteReport:
    """Make ``out`` hold exactly ``pages`` among the files the generator owns; WriteError if it cannot."""
    report = WriteReport()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(out):
            _clear_leftovers(out)
            encoded = {rel: pages[rel].encode("utf-8") for rel in sorted(pages)}
            changed = [rel for rel, content in encoded.items() if not _unchanged(os.path.join(out, rel), content)]
            report.unchanged = len(pages) - len(changed)
            if changed:
                staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
                try:
                    _make_folders(staging, changed)
                    for rel in changed:
                        _write(os.path.join(staging, rel), encoded[rel])
                    _move_into_place(staging, out, changed)
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
            report.written = changed
            for rel in sorted(_owned_files(out) - set(pages)):
                (out / rel).unlink()
                report.removed.append(rel)
    except OSError as err:
        where = err.filename or out
        reason = err.strerror or str(err)
        raise WriteError(
            f"无法写入 {where}（{reason}），页面没有更新。请确认该目录存在、是文件夹且当前用户可写（例如 chmod u+w），然后重新运行。"
        ) from None
    return report
