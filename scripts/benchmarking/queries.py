"""What a reader's first search really downloads: real queries typed into the site's dialog.

``measures._first_search`` adds up the worst case, the two largest chunks of Pagefind's index.
Those hold the words found on every page ("de", "le"), whose positions Pagefind lists for every
page: a query made of them, or a sentence, fetches them, but a reader's query for a subject
("subvention", "convention collective") fetches the chunk that holds its own stem. This module
types such queries into the header's search box of a built site, in Chromium, each in a fresh
browser context (empty cache), and counts every response from typing to results, compressed as
a server would send it: Pagefind's script, entry, WASM and metadata, the chunks and the
fragments the dialog reads (assets/search.js reads up to 30 to put exact words first).

It needs Playwright and Debian's Chromium (``make test`` installs Playwright; ``apt-get install
chromium``); without them the figure is not measured.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

QUERIES = ("coopération", "subvention", "groupement", "animateur", "convention collective", "GEIQ",
           "gouvernance", "adhérents", "charte", "pérennité", "mutualisation", "réseau")
"""What readers type: the queries of the search tests (tests/test_browser_search.py), all words
of the real handbook and so of the synthetic ones, which draw from its words."""
COMPRESSED_ALREADY = (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind")
"""Pagefind's index files are gzip files: a server sends them as they are."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class TypedSearches:
    bytes_by_query: dict[str, int]

    @property
    def median_kb(self) -> float:
        return statistics.median(self.bytes_by_query.values()) / 1000

    @property
    def max_kb(self) -> float:
        return max(self.bytes_by_query.values()) / 1000

    @property
    def heaviest(self) -> str:
        return max(self.bytes_by_query, key=lambda query: self.bytes_by_query[query])


def typed_searches(site: Path, queries: tuple[str, ...] = QUERIES) -> TypedSearches | None:
    """Bytes downloaded by a first search for each query, or None without Playwright or Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None or not (site / "pagefind" / "pagefind-entry.json").exists():
        return None
    start = next(iter(sorted((site / "fiches").glob("*/index.html"))), None)
    if start is None:
        return None
    start_path = start.parent.relative_to(site).as_posix() + "/"
    measured: dict[str, int] = {}
    with serve_directory(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base_url + start_path)
                page.wait_for_load_state("networkidle")
                downloaded: dict[str, int] = {}

                def count(response, downloaded: dict[str, int] = downloaded) -> None:
                    body = response.body()
                    compressed = response.url.endswith(COMPRESSED_ALREADY)
                    downloaded[response.url] = len(body if compressed else gzip.compress(body, compresslevel=6))
                page.on("response", count)
                page.locator("input.md-search__input").fill(query)
                page.wait_for_function("() => /trouvé|Aucun/.test(document.querySelector('.md-search-result__meta')"
                                       ".textContent)", timeout=120_000)
                page.wait_for_load_state("networkidle")
                measured[query] = sum(downloaded.values())
                context.close()
        finally:
            browser.close()
    return TypedSearches(measured)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(directory: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """A static server on a free loopback port, like a reader's web host (the browser tests' too)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
