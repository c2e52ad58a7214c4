"""Where each entry of the handbook is published: its page, relative to the site's sources.

The model, the validator (links editors write between pages) and the plugin all ask here, so
that an address is written in one place. Pages are named as MkDocs names sources
(``fiches/x.md``); ``url`` turns a page into the address readers see.
"""

from __future__ import annotations

PAGES = {
    "card": "fiches/{id}.md",
    "case": "experiences/{id}.md",
    "term": "glossaire/index.md",
    "source": "sources/index.md",
}
"""Each kind of entry → its page; terms and sources share a page, where the id is the anchor."""
SHARED_PAGES = {kind for kind, page in PAGES.items() if "{id}" not in page}
CASES_INDEX = "experiences/index.md"


def page_of(kind: str, entry_id: str) -> str:
    return PAGES[kind].format(id=entry_id)


def anchor_of(kind: str, entry_id: str) -> str:
    """The anchor of an entry on its page: none for an entry with a page of its own."""
    return entry_id if kind in SHARED_PAGES else ""


def url(page: str) -> str:
    """``fiches/x.md`` → ``fiches/x/``, ``lancer/index.md`` → ``lancer/``: MkDocs's directory URLs."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
