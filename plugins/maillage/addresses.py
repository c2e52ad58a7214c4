"""Every address of the handbook, in one place: which page holds what, and its web address.

Pages are named as MkDocs names its sources (``fiches/x.md``), relative to the site's root; the
model holds ids and relations only, and every other module asks here, the way Material's blog
keeps its addresses in one family of methods. ``url`` turns a page into the address readers see:
a directory address, as MkDocs makes with ``use_directory_urls``. The plugin refuses a site that
turns them off (plugin.py, on_config): the printed QR codes, the redirects and the print pages'
online links are directory addresses, and paper cannot be reprinted.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import ClassVar, Protocol

from .kinds import KINDS, Section

SHARED_PAGES = frozenset(kind.name for kind in KINDS.values() if "{id}" not in kind.page)
"""Kinds whose entries share one page, each at its anchor (terms, sources)."""
CASES_INDEX = "experiences/index.md"
GLOSSARY = KINDS["term"].page
SOURCES = KINDS["source"].page
FINDER = "trouver/index.md"
FINDER_DATA = "trouver/fiches.json"
"""Next to the finder's page: its script fetches the data relative to the page."""
FINDER_TEXTS = "trouver/textes"
"""The finder's cards' titles and summaries, a few cards a file: ``finder_texts``."""
FORMAT_REFERENCE = "contribuer/format.md"
DIAGNOSTICS = "diagnostic/index.md"
"""The list of diagnostics; each has its page at ``KINDS["diagnostic"].page``."""
OPEN_DATA = "donnees/index.md"
OPEN_DATA_FOLDER = "donnees"
"""The open data files sit next to their page: ``donnees/fiches.json``, ``donnees/schemas/…``."""
NEWS = "nouveautes/index.md"
NEWS_FEED = "nouveautes/flux.xml"
WORKSHOP_ROOT = "atelier"
WORKSHOP = f"{WORKSHOP_ROOT}/index.md"
"""The workshop builder; its data, documents and offline worker sit under ``atelier/``."""
PRINT_ROOT = "imprimer"
DECK_FOLDER = "cartes"


class Entry(Protocol):
    KIND: ClassVar[str]
    id: str


def entry_page(kind: str, entry_id: str) -> str:
    return KINDS[kind].page.format(id=entry_id)


def anchor_of(kind: str, entry_id: str) -> str:
    """The anchor of an entry on its page: none for an entry with a page of its own."""
    return entry_id if kind in SHARED_PAGES else ""


def finder_texts(number: int) -> str:
    """The finder's text file ``number``: the titles and summaries of a run of cards."""
    return f"{FINDER_TEXTS}/{number}.json"


def section_page(slug: str) -> str:
    return f"{slug}/index.md"


def print_page(slug: str = "") -> str:
    """A section's print document, or with no slug the whole handbook's."""
    return posixpath.join(PRINT_ROOT, slug, "index.md") if slug else f"{PRINT_ROOT}/index.md"


def deck_page(slug: str = "") -> str:
    """The workshop deck of a section, or with no slug of the whole handbook."""
    return posixpath.join(PRINT_ROOT, slug, DECK_FOLDER, "index.md") if slug else f"{PRINT_ROOT}/{DECK_FOLDER}/index.md"


def page(target: Entry | Section | str) -> str:
    """The page of a model object (an entry, a section) or, given a page, that page."""
    if isinstance(target, str):
        return target
    if isinstance(target, Section):
        return section_page(target.slug)
    return entry_page(target.KIND, target.id)


def address(target: Entry | Section | str) -> str:
    """Where a reader finds a target, relative to the site's root, anchor included."""
    if isinstance(target, (str, Section)):
        return url(page(target))
    anchor = anchor_of(target.KIND, target.id)
    return url(page(target)) + (f"#{anchor}" if anchor else "")


def url(source: str) -> str:
    """``fiches/x.md`` → ``fiches/x/``, ``lancer/index.md`` → ``lancer/``; any other file keeps
    its name."""
    if not source.endswith(".md"):
        return source
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def link(target: Entry | Section | str, from_page: str) -> str:
    """The address of a target relative to a page's or file's address, as a browser resolves
    it there: for data files whose addresses a script turns into links or fetches."""
    path, _, anchor = address(target).partition("#")
    folder = address(from_page).rpartition("/")[0] or "."
    relative_path = posixpath.relpath(path or ".", folder) + ("/" if path.endswith("/") or not path else "")
    return relative_path + (f"#{anchor}" if anchor else "")


def relative(source: str, from_page: str) -> str:
    """A Markdown link from one page to another: MkDocs resolves ``.md`` links itself."""
    return _relpath(source, posixpath.dirname(from_page) or ".")


@lru_cache(maxsize=1 << 16)
def _relpath(source: str, folder: str) -> str:
    """``posixpath.relpath``, remembered: 1,000 cards ask 20,000 times, from a few folders."""
    return posixpath.relpath(source, folder)
