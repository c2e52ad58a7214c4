"""Redirect pages: ``fiches/<old-id>/index.html`` sends readers to the card that replaced it.

Printed decks carry QR codes to ``fiches/<id>/`` and readers keep bookmarks, so a card merged
into another or renamed must keep answering. A card declares the ids it replaces
(``replaces:``, validated in validation/replacements.py); each becomes a small standalone HTML
page, written from ``redirect.html.j2`` (a site overrides it like any template) with an
``http-equiv="refresh"``, a canonical link and a link a reader can follow without scripts or
refresh. These are static files, not Markdown pages: no navigation, no search entry, no
sitemap line, nothing of the theme that could tell a reader the old card still exists.

The template is rendered with HTML autoescaping: the old id is validated (``[a-z0-9-]``) and
the card's title is hostile text, and both are escaped for the attribute or text they land in.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

import jinja2

from ..addresses import address, entry_page
from ..model.entries import Card
from ..model.handbook import Handbook

TEMPLATE = "redirect.html.j2"


@dataclass(frozen=True)
class Redirect:
    old_id: str
    card: Card

    @property
    def dest_uri(self) -> str:
        """Where the page is written in the site: the old card's address."""
        return address(entry_page("card", self.old_id)) + "index.html"

    @property
    def target(self) -> str:
        """The new card, relative to the old address: right wherever the site is published."""
        return posixpath.relpath(address(self.card), posixpath.dirname(self.dest_uri)) + "/"


def redirects(handbook: Handbook) -> list[Redirect]:
    """Every old address of the handbook, sorted, with the card it now leads to."""
    found = [Redirect(old_id, card) for card in handbook.cards.values() for old_id in card.replaces]
    return sorted(found, key=lambda redirect: redirect.old_id)


def redirect_pages(handbook: Handbook, environment: jinja2.Environment, site_url: str | None
                   ) -> Iterator[tuple[str, str]]:
    """(``dest_uri``, HTML) of each redirect page."""
    html = environment.overlay(autoescape=True)  # the same templates and filters, for HTML
    template = html.get_template(TEMPLATE)
    base = (site_url or "").rstrip("/")
    for redirect in redirects(handbook):
        canonical = f"{base}/{address(redirect.card)}" if base else None
        yield redirect.dest_uri, template.render(redirect=redirect, card=redirect.card, target=redirect.target,
                                                 canonical=canonical)
