"""Print the handbook's print page (built by ``make pdf`` with mkdocs-print.yml) to one PDF.

Debian's headless chromium does the printing (the same engine as --print-to-pdf,
driven through Playwright so we can wait for the diagrams to be drawn; page
numbers come from the @page rules in kefu.css). Nothing is fetched from outside: the page is served on loopback.

Usage: python -m scripts_gen.pdf SITE_DIR OUT.pdf
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

# Every <details> open (出处 lines), tooltips and interactive widgets out of the way.
PREPARE = "() => { document.querySelectorAll('details').forEach(d => d.open = true); }"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def print_pdf(site: Path, out: Path) -> None:
    """Write ``out`` from ``site``/print_page/; raises RuntimeError when chromium is missing."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("缺少 chromium：请运行 make browser")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(locale="zh-CN")
            # Print media from the start, so Mermaid measures its labels in the print font.
            page.emulate_media(media="print")
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/print_page/", wait_until="networkidle")
            # Generous wait: on a busy machine Mermaid needs a while for a few dozen charts.
            page.wait_for_function("() => window.kfDiagramsDone && window.kfDiagramsDone()", timeout=300_000, polling=500)
            page.evaluate(PREPARE)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                # Margins and page numbers come from the page's own @page rules (kefu.css).
                prefer_css_page_size=True,
            )
            browser.close()
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("用法：python -m scripts_gen.pdf 站点目录 输出.pdf", file=sys.stderr)
        return 2
    try:
        print_pdf(Path(args[0]), Path(args[1]))
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"已生成 {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
