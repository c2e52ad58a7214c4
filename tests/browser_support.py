"""Serving a built site on 127.0.0.1 and driving Debian's Chromium with Playwright.

Playwright cannot download its own browser here, so tests use /usr/bin/chromium and skip,
with the reason, where it is absent. One browser serves the whole test session (started at the
first page a test asks for, closed by conftest.py at the end); each test gets a fresh context,
so no cookie, storage or cache passes from one test to the next.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from benchmarking.queries import CHROMIUM_ARGS, QuietHandler  # noqa: E402
from benchmarking.queries import serve_directory as _serve_directory  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium absent: apt-get install chromium (.ci/run installs it)")


class _QuietHandler(QuietHandler):
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's ``404.html``, with status 404, as GitHub Pages does."""
        page = Path(self.directory, "404.html")
        if code != 404 or not page.exists() or self.command != "GET":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_directory(directory: Path) -> AbstractContextManager[str]:
    """A static server on a free loopback port, like a reader's web host, with GitHub Pages' 404."""
    return _serve_directory(directory, _QuietHandler)


def overlay(site: Path, folder: Path) -> Path:
    """``folder`` made to serve as ``site`` (a link to each of its entries), for a test to add
    files beside them without writing into a site that other tests read at the same time."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in site.iterdir():
        (folder / entry.name).symlink_to(entry)
    return folder


TIMEOUT_MS = 120_000
"""How long an action or a wait in a page may take before it fails (Playwright's own is 30 s):
a deadline for a busy machine (another build beside the suite), never a delay."""


class _SharedBrowser:
    """Starting Chromium costs about a second, and several seconds on a busy machine.

    Tests open their contexts and pages through ``new_context`` and ``new_page``, which give
    them the suite's deadline (``TIMEOUT_MS``)."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def _get(self) -> Any:
        if self._browser is None or not self._browser.is_connected():
            from playwright.sync_api import sync_playwright

            if self._playwright is None:
                self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self._browser

    def new_context(self, **options: Any) -> Any:
        """A fresh context (no cookie, storage or cache of another test): Browser.new_context."""
        context = self._get().new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        return context

    def new_page(self, **options: Any) -> Any:
        """A page in a context of its own, closed with it: Browser.new_page."""
        page = self._get().new_page(**options)
        page.context.set_default_timeout(TIMEOUT_MS)
        return page

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None


SHARED = _SharedBrowser()


@contextmanager
def chromium_page(width: int = 1280, height: int = 900) -> Iterator[Any]:
    context = SHARED.new_context(viewport={"width": width, "height": height})
    try:
        yield context.new_page()
    finally:
        context.close()
