"""The site's search index, written by Pagefind into ``site/pagefind/`` after the build.

Material's own search makes every reader download one index of the whole site before a first
search (7 MB gzipped at 10,000 cards) and matches words as written: "cooperation" misses
"coopération", "groupements" misses "groupement". Pagefind stems and folds French words, and
splits its index into chunks that the browser fetches per query, so a first search costs a few
dozen kilobytes at any size. Material's search plugin stays on only for its header and dialog
(``theme/partials/search.html``, ``assets/search.js``); its index is kept empty.

Which pages: those a reader reads. A page's content is wrapped in ``data-pagefind-body``
(``searchable``) unless its front matter says ``search: exclude: true`` (print pages, the
finder, a tool rather than a text); once one page has that attribute, Pagefind leaves out every
page without it, which also keeps out Material's 404 page. Pagefind is handed exactly those pages,
read here (``as_indexed``): the print pages, which hold the whole handbook several times over,
would otherwise cost it a third of its time, and their apostrophes are made straight again so
that a word after an elision is found (« l’animateur » for « animateur »).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.pages import Page

from .cards import write_card_table

THEME = Path(__file__).resolve().parent / "theme"
"""Theme templates the plugin puts before Material's: the header's search dialog, and the tags
page's listing with its list of pages out of the index (``.maillage-listing``)."""
BUNDLE = "pagefind"
"""The folder of the site where Pagefind writes its script and index."""
LANGUAGE = "fr"
EXCLUDED = (
    # The "¶" of each heading's permalink would end up in titles and excerpts; every card
    # has the same "Imprimer" buttons. A card's links to other cards repeat their titles and
    # summaries: indexed, a search would return every neighbour of the card it looks for, and
    # the index would carry each summary five or six times.
    ".headerlink", ".maillage-print-actions", ".maillage-links",
    # the same provenance labels on every card (templates/_edition.md.j2)
    ".maillage-provenance", ".maillage-note__disclaimer",
    # Lists of other pages (a section's cards, the cases, the themes, the cards citing a source)
    # repeat their titles and summaries: at 1,000 cards they were 15 % of the indexed words, in
    # every chunk of the index, and made a section page a result for any word of any of its
    # cards' summaries.
    ".maillage-listing",
)
"""What Pagefind leaves out of every page (``--exclude-selectors``)."""

TIME_LIMIT = 600
"""Seconds: Pagefind indexes about a thousand pages a second; far beyond, it has hung."""


class SearchIndexFailure(Exception):
    """Pagefind could not index the site; the message says why, in French."""


def is_searchable(page: Page) -> bool:
    """Whether readers should find ``page``: Material's front-matter switch, honoured as is."""
    return not (page.meta.get("search") or {}).get("exclude")


def searchable(page_html: str) -> str:
    """``page_html`` marked as content for Pagefind to index."""
    return f"<div data-pagefind-body>\n{page_html}\n</div>"


def index_site(site_dir: Path, searchable_pages: Iterable[str]) -> int:
    """Index the pages of ``site_dir`` whose paths are ``searchable_pages`` into
    ``site_dir/pagefind``; the number of pages.

    A failure raises ``SearchIndexFailure``: a site whose search is missing or stale must not
    be published."""
    return _index(site_dir, sorted(set(searchable_pages)))


class BackgroundIndexing:
    """Under ``mkdocs serve``: index each build in a thread, so that the edited page shows at
    once and the search follows a few seconds later. The index is written beside the site and
    moved in whole; only the latest build's index is moved in."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self._lock = threading.Lock()
        self._latest = 0
        self._thread: threading.Thread | None = None

    def start(self, site_dir: Path, searchable_pages: Iterable[str]) -> None:
        self._latest += 1
        pages = sorted(set(searchable_pages))
        self._thread = threading.Thread(target=self._index, args=(site_dir, pages, self._latest), daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the indexing under way, if any, is over: before the site folder is emptied."""
        if self._thread is not None:
            self._thread.join()

    def _index(self, site_dir: Path, pages: list[str], build: int) -> None:
        staging = Path(tempfile.mkdtemp(prefix="maillage-pagefind-"))
        try:
            count = _index(site_dir, pages, staging)
            with self._lock:
                if build != self._latest:
                    return  # a newer build is being indexed
                target, old = site_dir / BUNDLE, site_dir / f".{BUNDLE}-old"
                if target.exists():
                    target.rename(old)
                shutil.move(staging, target)
                shutil.rmtree(old, ignore_errors=True)
            self.log.info("maillage: recherche à jour (%d pages indexées)", count)
        except Exception as error:  # noqa: BLE001 - reported, and the server must go on
            self.log.error("maillage: la recherche n'a pas pu être mise à jour : %s", error or type(error).__name__)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _index(site_dir: Path, pages: list[str], output: Path | None = None) -> int:
    """Pagefind's command line, in a process of its own: it exits once every file of the bundle
    is written. Its Python service answered before it had written them all, and was stopped
    there: a build left an empty or cut stylesheet or script in ``pagefind/``."""
    output = output or site_dir / BUNDLE
    with tempfile.TemporaryDirectory(prefix="maillage-indexed-") as folder:
        # Pagefind reads a folder much faster than pages sent one by one: a copy of the pages as
        # it should read them, at the same paths, so that their addresses are the same.
        for uri in pages:
            target = Path(folder, uri)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(as_indexed((site_dir / uri).read_text(encoding="utf-8")), encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(output),
                   "--force-language", LANGUAGE, "--glob", "**/*.html", "--silent",
                   *(argument for selector in EXCLUDED for argument in ("--exclude-selectors", selector))]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            raise SearchIndexFailure(f"Pagefind n'a pas fini d'indexer le site en {TIME_LIMIT} s.") from None
        except OSError as error:
            raise SearchIndexFailure(f"Pagefind n'a pas pu démarrer : {error.strerror}") from None
    if finished.returncode != 0:
        said = " ".join((finished.stderr or finished.stdout).split())[-500:]
        raise SearchIndexFailure(f"Pagefind n'a pas pu indexer le site : {said or f'code {finished.returncode}'}")
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    write_card_table(output)  # the finder's table of which result is which card
    return int(sum(language["page_count"] for language in entry["languages"].values()))


def as_indexed(page_html: str) -> str:
    """The page as Pagefind reads it: typographic apostrophes (rendering/typography.py) made
    straight again. Pagefind indexes the parts of a word only at ASCII punctuation, so
    « l’animateur » would be one word that a search for « animateur » misses; the results'
    text is typeset again where the dialog shows it (assets/search.js)."""
    return page_html.replace("\u2019", "'")
