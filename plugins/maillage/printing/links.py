"""Where a link goes on paper.

A reader of a printed page cannot click. A link to something the document holds becomes an
anchor inside it (and the PDF keeps it clickable); any other link becomes the full online
address, which the print stylesheet writes after the link's text. Links that editors wrote
in card text are written relative to the card's web page, so they are re-pointed too.
"""

from __future__ import annotations

import posixpath
import re

from ..model.entries import Card, Case, Section, Source, Term
from ..rendering.pages import GLOSSARY_URI, SOURCES_URI
from .documents import Chapter, PrintDocument

# The link destinations the validator reads (validation/text_safety.py), with what precedes them.
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)>\s]*)")
_REFERENCE_LINK = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)([^\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

Target = Card | Case | Source | Term | Section | Chapter


def web_path(target: Target) -> str:
    """The target's address relative to the site's root, as the web pages link it."""
    if isinstance(target, Source):
        return f"{posixpath.dirname(SOURCES_URI)}/#{target.id}"
    if isinstance(target, Term):
        return f"{posixpath.dirname(GLOSSARY_URI)}/#{target.id}"
    return target.url


def page_url(src_uri: str) -> str:
    """``fiches/x.md`` → ``fiches/x/``, ``lancer/index.md`` → ``lancer/``: MkDocs's directory URLs."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class PrintLinks:
    """Links of one print document, or of a deck (``document`` None: every link goes online).

    The templates call it as ``links``.
    """

    def __init__(self, document: PrintDocument | None, site_url: str) -> None:
        self.document = document
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"

    def held(self, target: Target) -> str | None:
        """The target's anchor when the document holds it."""
        if self.document is None or isinstance(target, (Section, Chapter)):
            return None
        return self.document.anchor(target)

    def to(self, target: Target) -> str:
        """``#fiche-x`` when the document holds the target, else its full online address."""
        held = self.held(target)
        return f"#{held}" if held else self.online(target)

    def online(self, target: Target | str) -> str:
        """The full online address of a target, or of a path from the site's root."""
        return self.site_url + (target if isinstance(target, str) else web_path(target))

    def number(self, target: Card | Case) -> int | None:
        """Its number in this document ("fiche 12"), None when it is not in it."""
        held = self.held(target)
        return self.document.numbers[held] if held else None  # type: ignore[union-attr]

    def markdown(self, text: str, entry: Card | Case) -> str:
        """An editor's Markdown, its relative links re-pointed from the entry's page to this document."""
        if "]" not in text:
            return text

        def relocate(match: re.Match[str]) -> str:
            return match.group(1) + self._relocate(match.group(2), entry)

        return _REFERENCE_LINK.sub(relocate, _INLINE_LINK.sub(relocate, text))

    def _relocate(self, destination: str, entry: Card | Case) -> str:
        if not destination or _SCHEME.match(destination) or destination.startswith("/"):
            return destination  # a full address, or a path from the server's root: valid anywhere
        path, _, fragment = destination.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_uri), path)) if path else entry.src_uri
        held = self.document.anchors_by_src.get(target) if self.document else None
        if held:
            return f"#{held}"
        return self.online(page_url(target)) + (f"#{fragment}" if fragment else "")
