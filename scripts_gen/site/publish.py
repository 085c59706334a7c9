"""Build the site into a fresh folder and put it in place only when the build succeeded.

``mkdocs build`` empties its output folder before writing, so a build killed or
failing half-way would leave site/ with a few pages and no search index. Here
MkDocs writes into ``.site.building-XXXX`` beside site/ (unique per run, same
file system); only after it exits 0 is the old site/ moved aside and the new one
renamed into place, so site/ is always either the old or the new complete site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts_gen.site.writing import WriteError, build_lock


class PublishError(Exception):
    """The site could not be built or put in place; the message (Chinese) says why."""


def _mkdocs() -> str:
    beside = Path(sys.executable).with_name("mkdocs")
    return str(beside) if beside.exists() else "mkdocs"


def publish(root: Path, site: Path, extra_args: tuple[str, ...] = ()) -> int:
    """``mkdocs build --strict`` of ``root`` into a temporary folder, then swapped in as ``site``; MkDocs' exit code."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise PublishError(f"找不到 {config}：请在仓库根目录运行，或用 --root 指定。")
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        # One site build at a time; under the lock, folders of killed runs are safe to remove.
        with build_lock(site):
            for stale in [*site.parent.glob(f".{site.name}.building-*"), *site.parent.glob(f".{site.name}.old-*")]:
                shutil.rmtree(stale, ignore_errors=True)
            code = _build_and_swap(root, config, site, extra_args)
    except WriteError as err:
        raise PublishError(str(err)) from None
    except OSError as err:
        raise PublishError(f"无法构建或放置新站点 {site}（{err.strerror or err}），{site} 保持不变。") from None
    if code != 0:
        print(f"站点构建失败（退出码 {code}），{site} 保持不变。", file=sys.stderr)
        return code
    print(f"站点已构建到 {site}。")
    return 0


def _build_and_swap(root: Path, config: Path, site: Path, extra_args: tuple[str, ...]) -> int:
    building = Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))
    try:
        done = subprocess.run([_mkdocs(), "build", "--strict", "-f", str(config), "-d", str(building), *extra_args], cwd=root, check=False)
        code = done.returncode or _index(root, building)
        if code == 0:
            _swap(building, site)
        return code
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _index(root: Path, building: Path) -> int:
    """Pagefind's search index, written into the new site before it is put in place (so site/ never lacks one)."""
    pagefind = root / "node_modules" / ".bin" / "pagefind"
    if not pagefind.exists():
        print("未安装 Pagefind（请先运行 make setup），站点将没有搜索索引。", file=sys.stderr)
        return 0
    return subprocess.run([str(pagefind), "--site", str(building), "--quiet"], cwd=root, check=False).returncode


def _swap(building: Path, site: Path) -> None:
    if not site.exists():
        os.rename(building, site)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}.old-", dir=site.parent))
    os.rename(site, old / site.name)
    os.rename(building, site)
    shutil.rmtree(old, ignore_errors=True)
