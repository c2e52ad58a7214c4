"""The site's search index, written by Pagefind into ``site/pagefind/`` after the build.

Material's own search makes every reader download one index of the whole site before a first
search (7 MB gzipped at 10,000 cards) and matches words as written: "cooperation" misses
"coopération", "groupements" misses "groupement". Pagefind stems and folds French words, and
splits its index into chunks that the browser fetches per query, so a first search costs a few
dozen kilobytes at any size. Material's search plugin stays on only for its header and dialog
(``theme/partials/search.html``, ``assets/search.js``); its index is kept empty.

Which pages: those a reader reads. A page's content is wrapped in ``data-pagefind-body``
(``searchable``) unless its front matter says ``search: exclude: true`` (print pages, the
finder, which lists every card); once one page has that attribute, Pagefind leaves out every
page without it, which also keeps out Material's 404 page.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from mkdocs.structure.pages import Page
from pagefind.index import IndexConfig, PagefindIndex

THEME = Path(__file__).resolve().parent / "theme"
"""Theme templates the plugin puts before Material's: the header's search dialog."""
BUNDLE = "pagefind"
"""The folder of the site where Pagefind writes its script and index."""
CONFIG: IndexConfig = {
    "force_language": "fr",
    # The "¶" of each heading's permalink would end up in titles and excerpts; every card
    # has the same "Imprimer" buttons.
    "exclude_selectors": [".headerlink", ".maillage-print-actions"],
}

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


def index_site(site_dir: Path) -> int:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; the number of pages.

    A failure raises ``SearchIndexFailure``: a site whose search is missing or stale must not
    be published."""
    try:
        return asyncio.run(_index(site_dir))
    except TimeoutError:
        raise SearchIndexFailure(f"Pagefind n'a pas fini d'indexer le site en {TIME_LIMIT} s.") from None
    except Exception as error:  # the Pagefind service reports its errors as bare exceptions
        raise SearchIndexFailure(f"Pagefind n'a pas pu indexer le site : {error or type(error).__name__}") from None


async def _index(site_dir: Path) -> int:
    # Leaving the block without an error writes the bundle to output_path. A service that dies
    # leaves its answer pending forever: the time limit turns that into an error.
    async with asyncio.timeout(TIME_LIMIT):
        async with PagefindIndex(config={**CONFIG, "output_path": str(site_dir / BUNDLE)}) as index:
            added = await index.add_directory(str(site_dir))
    return added["page_count"]
