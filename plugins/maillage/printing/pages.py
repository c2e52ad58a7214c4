"""The print producer: a page per print document and per deck, from the same model as the site.

Each page's Markdown is its cover, contents and frame; the cards, cases, sources, terms and
deck faces it prints are fragments that it shares with other print pages, rendered once
(fragments.py) and put in its HTML by the ``Assembly``, which the plugin calls once MkDocs has
rendered the page.

Print pages stay out of the navigation and out of the search index, and use the theme
template in ``theme/``: no header, menus or footer, a toolbar for the screen only, and the
document's title in the page margins on paper.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

from ..model.handbook import Handbook
from ..rendering.pages import PageWriter, TemplateFailure, front_matter
from ..rendering.site import GeneratedPage, IntroLookup
from .deck import Deck, make_deck
from .documents import PDF_FOLDER, PrintDocument, pdf_name, print_documents
from .fragments import Assembly, HtmlCache
from .links import PrintLinks, Scope
from .qr import QrCodes

PRINT_THEME = Path(__file__).resolve().parent / "theme"
"""Theme templates the plugin adds after the site's and Material's own."""
PRINT_TEMPLATE = "maillage-print.html"


class PrintPages:
    """The print producer, with what it keeps from one build to the next: the fragments' HTML
    and the QR codes (the plugin makes one producer per process, see producers.py)."""

    def __init__(self, html: HtmlCache, qr_codes: QrCodes) -> None:
        self.html = html
        self.qr_codes = qr_codes

    def __call__(self, handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
        return _print_pages(handbook, writer, self.html, self.qr_codes)


def _print_pages(handbook: Handbook, writer: PageWriter, cache: HtmlCache,
                 qr_codes: QrCodes) -> Iterator[GeneratedPage]:
    site_name, site_url = str(writer.environment.globals["site_name"]), str(writer.environment.globals["site_url"] or "")
    if not site_url:
        raise TemplateFailure("les pages à imprimer écrivent l'adresse en ligne de chaque fiche : "
                              "indiquez site_url dans mkdocs.yml")
    edition = datetime.date.today()
    links = PrintLinks(site_url, [*handbook.cards.values(), *handbook.cases.values(),
                                    *handbook.sources.values(), *handbook.terms.values()])
    assembly = Assembly(writer, links, cache)
    qr = qr_codes.uniform(links.online(card) for card in handbook.cards.values())  # one size in every deck
    for document in print_documents(handbook):
        cards = document.cards
        deck = make_deck(document, cards) if cards else None
        scope = Scope(links, document.anchors, document.numbers)
        body = writer.render_page("print.md.j2", document.src_uri, document=document, links=links,
                                  edition=edition, fragment=assembly.placer(scope))
        frame = _document_frame(document, deck, site_name)
        yield GeneratedPage(document.src_uri, _page(frame, scope.fill(body, markup=False)), finish=assembly)
        if deck is not None:
            scope = Scope(links, frozenset(), document.numbers)  # a deck holds no anchor: every link goes online
            body = writer.render_page("deck.md.j2", deck.src_uri, deck=deck, qr=qr, edition=edition,
                                      fragment=assembly.placer(scope))
            yield GeneratedPage(deck.src_uri, _page(_deck_frame(deck, site_name), scope.fill(body, markup=False)),
                                finish=assembly)


def _document_frame(document: PrintDocument, deck: Deck | None, site_name: str) -> dict[str, object]:
    other = {"url": deck.url, "title": "Cartes d'atelier"} if deck else None
    return _frame(f"{document.title} — à imprimer", document, document.url, site_name, deck=False, other=other)


def _deck_frame(deck: Deck, site_name: str) -> dict[str, object]:
    document = deck.document
    return _frame(f"{document.title} — cartes d'atelier", document, deck.url, site_name, deck=True,
                  other={"url": document.url, "title": "Document à imprimer"})


def _frame(title: str, document: PrintDocument, url: str, site_name: str, *, deck: bool,
           other: dict[str, str] | None) -> dict[str, object]:
    """Front matter of a print page: what the theme template puts around it, on screen and on paper."""
    # Back to the page the reader came from: the section, or the home page for the whole handbook.
    back = {"url": document.web_url, "title": document.chapters[0].title if document.slug else site_name}
    return {
        "title": title,
        "template": PRINT_TEMPLATE,
        "search": {"exclude": True},
        "maillage_print": {
            "back": back,
            "other": other,
            "pdf": f"{PDF_FOLDER}/{pdf_name(url)}",
            "deck": deck,
            # A deck's sheets fill the paper: no margins to write in.
            "running_title": None if deck else css_string(f"{site_name} · {document.title}"),
        },
    }


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>' or ord(char) < 32 else char for char in text)
    return f'"{escaped}"'


def _page(meta: dict[str, object], body: str) -> str:
    return front_matter(meta) + body
