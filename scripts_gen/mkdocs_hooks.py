"""The only MkDocs-specific code: run the generator before each build.

Everything a page needs is written into docs/ by the generator itself, so the
same docs/ builds under MkDocs, ProperDocs or Zensical without this hook.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads hooks as standalone modules, not as part of our package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Importing the generator (pydantic and its models …) is our cost too; MkDocs already loaded Jinja and YAML.
_importing = time.process_time()
from scripts_gen.collector import few_collections  # noqa: E402
from scripts_gen.problems import HandbookError  # noqa: E402
from scripts_gen.site.build import build  # noqa: E402
from scripts_gen.site.writing import WriteError  # noqa: E402

IMPORT_CPU = time.process_time() - _importing

log = logging.getLogger("mkdocs.plugins.kefu")
_state = {"command": "build"}


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (the generator's `git log`)."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    log.debug("导入生成器用时 %.3f 秒（CPU 时间）", IMPORT_CPU)


# Before any plugin reads docs/ (literate-nav reads the generated SUMMARY.md).
@event_priority(100)
def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).parent
    start = _cpu()
    try:
        with few_collections():
            report = build(root, Path(config["docs_dir"]))
    except (HandbookError, WriteError) as err:
        why = err.report() if isinstance(err, HandbookError) else str(err)
        if _state["command"] == "serve":
            # Keep serving the last good pages; the editor sees the problems in the terminal.
            log.error("页面未更新：\n%s", why)
            return config
        raise PluginError(f"页面未更新：\n{why}") from None
    # Our share of the build, without the interpreter start-up MkDocs pays anyway (shown by `mkdocs build -v`).
    log.debug("校验与生成用时 %.3f 秒（CPU 时间）", _cpu() - start)
    if report.written or report.removed:
        log.info("已重新生成 %d 个页面，删除 %d 个。", len(report.written), len(report.removed))
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    # mkdocs.yml cannot list quizzes/ (a project without it would fail to start), so watch it here.
    quizzes = Path(config["config_file_path"]).parent / "quizzes"
    if quizzes.is_dir():
        server.watch(str(quizzes))
    return server
