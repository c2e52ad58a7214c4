"""The workshop producer: the builder page, its data, every card in print form, three documents.

Why the build publishes every card's print form rather than one page per workshop: a workshop
is any ordered choice of cards, chosen in the reader's browser and kept in the page's address,
so it cannot be known at build time. The documents' script (assets/atelier.js) therefore clones
nodes of one page, ``atelier/fiches/``, that holds each card exactly as the section documents
print it (print-card.md.j2), its two deck faces (deck-front.md.j2, deck-back.md.j2 with its QR
code), and every source and glossary term a card may need. They are the same fragments as the
print documents' (printing/fragments.py): rendered and sanitised once per build. The script only
clones this trusted, already sanitised HTML, renumbers it with ``textContent`` and puts the
trainer's title and notes in with ``textContent``: no HTML is ever built from strings.

On that page nothing is held (``Scope`` with no anchor): every link of a card goes to its full
online address, which is right for any selection of cards; the script turns the links to a
card or a source that the workshop holds into anchors. Its numbers are those of the section
documents, so the page still reads well on its own; the script renumbers in workshop order.

The documents are not under ``imprimer/``: ``make pdf`` prints every page there as it loads,
and a workshop document exists only once its script has read the address.
"""

from __future__ import annotations

import json
from collections.abc import Iterator


from ..addresses import WORKSHOP, WORKSHOP_ROOT, address
from ..model.entries import Card, Term
from ..model.glossary import TermIndex
from ..model.handbook import Handbook
from ..printing.documents import anchor
from ..printing.fragments import Assembly, HtmlCache
from ..printing.links import PrintLinks, Scope
from ..printing.pages import PRINT_TEMPLATE, css_string
from ..printing.qr import QrCodes
from ..rendering.pages import PageWriter, TemplateFailure, front_matter
from ..rendering.site import GeneratedPage, IntroLookup
from .kits import KITS_URI, Kit, KitProblem, load_kits

ROOT = WORKSHOP_ROOT
BUILDER_URI = WORKSHOP
DATA_URI = f"{ROOT}/fiches.json"
"""What the builder and the documents read: cards, sections, kits (assets/atelier.js)."""
OFFLINE_URI = f"{ROOT}/hors-ligne.js"
"""The service worker that lets the documents open without a network once the builder is loaded."""
FORMS_URI = f"{ROOT}/fiches/index.md"
"""Every card in print form, which the documents clone."""
DOCUMENTS = {
    "programme": ("Programme de l'atelier", "une page A4 : horaires, fiches et notes"),
    "livret": ("Livret de l'atelier", "les fiches, une par page, avec leurs sources et les termes du glossaire"),
    "cartes": ("Cartes de l'atelier", "format A6, quatre par feuille A4, recto verso, avec un QR code"),
}
"""Each document's folder under ``atelier/`` → its title and what it holds (the builder says it)."""


class WorkshopPages:
    """The workshop producer, sharing with the print producer what both keep between builds:
    the fragments' HTML (the same cards, in the same print forms) and the QR codes."""

    def __init__(self, html: HtmlCache, qr_codes: QrCodes) -> None:
        self.html = html
        self.qr_codes = qr_codes

    def __call__(self, handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
        return _workshop_pages(handbook, writer, intro, self.html, self.qr_codes)


def _workshop_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup, html: HtmlCache,
                    qr_codes: QrCodes) -> Iterator[GeneratedPage]:
    site_name, site_url = str(writer.environment.globals["site_name"]), str(writer.environment.globals["site_url"] or "")
    if not site_url:
        raise TemplateFailure("les documents d'atelier écrivent l'adresse en ligne de chaque fiche : "
                              "indiquez site_url dans mkdocs.yml")
    kits_text, _ = intro(KITS_URI)  # read here, not published as a file of the site
    try:
        kits, paths = load_kits(kits_text, handbook)
    except KitProblem as problem:
        raise TemplateFailure(str(problem)) from None
    cards = [card for section in handbook.sections for card in handbook.section_cards(section)]
    index = TermIndex(handbook.ordered_terms())
    terms_of = {card.id: index.used_by(card) for card in cards}
    used_terms = set().union(*terms_of.values()) if terms_of else set()
    cited = {citation.ref for card in cards for citation in card.sources}
    sources = [source for source in handbook.ordered_sources() if source.id in cited]
    terms = [term for term in handbook.ordered_terms() if term in used_terms]

    text, edit = intro(BUILDER_URI)
    yield GeneratedPage(BUILDER_URI, writer.render_page(
        "atelier.md.j2", BUILDER_URI, intro=text, kits=kits, paths=paths, documents=DOCUMENTS),
        edit, in_nav=True, carries_editor_text=False)  # no card text: the script writes it, as text
    yield GeneratedPage(OFFLINE_URI, writer.render_page("atelier-hors-ligne.js.j2", OFFLINE_URI),
                        carries_editor_text=False)
    yield GeneratedPage(DATA_URI, _data(handbook, cards, terms_of, terms, kits, site_name, site_url), carries_editor_text=False)

    links = PrintLinks(site_url, [*handbook.cards.values(), *handbook.cases.values(),
                                    *handbook.sources.values(), *handbook.terms.values()])
    numbers = {anchor(card): number for section in handbook.sections
               for number, card in enumerate(handbook.section_cards(section), start=1)}
    scope = Scope(links, frozenset(), numbers)
    assembly = Assembly(writer, links, html)
    body = writer.render_page("atelier-fiches.md.j2", FORMS_URI, cards=cards, sources=sources, terms=terms,
                              qr=qr_codes.uniform(links.online(card) for card in cards),
                              fragment=assembly.placer(scope))
    frame = _frame("Fiches à imprimer pour les ateliers", site_name, deck=False)
    yield GeneratedPage(FORMS_URI, _page(frame, scope.fill(body, markup=False)), finish=assembly)
    for slug, (title, _) in DOCUMENTS.items():
        uri = f"{ROOT}/{slug}/index.md"
        yield GeneratedPage(uri, _page(_frame(title, site_name, deck=slug == "cartes"),
                                       writer.render_page("atelier-document.md.j2", uri, kind=slug, title=title)))


def _data(handbook: Handbook, cards: list[Card], terms_of: dict[str, set[Term]], terms: list[Term],
          kits: list[Kit], site_name: str, site_url: str) -> str:
    """``atelier/fiches.json``: the only list of card ids the script accepts from an address."""
    sections = list(handbook.sections)
    position = {section.slug: number for number, section in enumerate(sections)}
    term_position = {term.id: number for number, term in enumerate(terms)}
    section_of = {card.id: section.slug for section in sections for card in handbook.section_cards(section)}
    return json.dumps({
        "nom": site_name,
        "site": site_url if site_url.endswith("/") else site_url + "/",
        "rubriques": [[section.slug, section.title] for section in sections],
        # id, title, section's position, sources cited (ids), glossary terms used (ids, glossary order)
        "fiches": [[card.id, card.title, position[section_of[card.id]], address(card),
                    sorted({citation.ref for citation in card.sources}),
                    sorted((term.id for term in terms_of[card.id]), key=term_position.__getitem__)]
                   for card in cards],
        "ateliers": [kit.as_data() for kit in kits],
    }, ensure_ascii=False, separators=(",", ":"))


def _frame(title: str, site_name: str, *, deck: bool) -> dict[str, object]:
    """Front matter of a workshop print page, as printing/pages.py writes a document's."""
    return {
        "title": title,
        "template": PRINT_TEMPLATE,
        "search": {"exclude": True},
        "maillage_print": {
            "back": {"url": f"{ROOT}/", "title": "Préparer un atelier"},
            "other": None,
            "pdf": "pdf/atelier.pdf",  # never written: a workshop is printed from the browser
            "deck": deck,
            "running_title": None if deck else css_string(f"{site_name} · {title}"),
        },
    }


def _page(meta: dict[str, object], body: str) -> str:
    return front_matter(meta) + body
