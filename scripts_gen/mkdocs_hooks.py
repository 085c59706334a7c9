"""The only MkDocs-specific code: regenerate pages before each build.

Everything else is plain Python that writes Markdown; this hook just calls it,
points "edit this page" at the YAML a page came from, and teaches the search
segmenter our domain words.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# MkDocs loads hooks as standalone modules, not as part of our package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts_gen import gitinfo, handbook, quiz_bank
from scripts_gen.problems import HandbookError
from scripts_gen.rendering import render_pages, search_words
from scripts_gen.writing import write_pages

log = logging.getLogger("mkdocs.plugins.kefu")
_state = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).parent
    try:
        book = handbook.load(root)
        quizzes = quiz_bank.load(book)
    except HandbookError as err:
        if _state["command"] == "serve":
            # Keep serving the last good pages; the editor sees the problems in the terminal.
            log.error("数据校验失败，页面未更新：\n%s", err.report())
            return config
        raise PluginError(f"数据校验失败：\n{err.report()}") from None
    report = write_pages(render_pages(book, quizzes, gitinfo.facts(root)), Path(config["docs_dir"]))
    if report.written or report.removed:
        log.info("已重新生成 %d 个页面，删除 %d 个。", len(report.written), len(report.removed))
    _teach_segmenter(search_words(book))
    return config


def _teach_segmenter(words: list[str]) -> None:
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:  # search still works, only less well for Chinese
        return
    jieba.setLogLevel(logging.WARNING)
    for word in words:
        jieba.add_word(word, freq=100000)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    # mkdocs.yml cannot list quizzes/ (a project without it would fail to start), so watch it here.
    quizzes = Path(config["config_file_path"]).parent / "quizzes"
    if quizzes.is_dir():
        server.watch(str(quizzes))
    return server


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    source = page.meta.get("kf_source")
    repo = (config.get("repo_url") or "").rstrip("/")
    if source and repo and str(source).endswith((".yml", ".yaml")):
        page.edit_url = f"{repo}/{config.get('edit_uri', '').strip('/')}/{source}"
    elif source:
        page.edit_url = None
    return markdown
