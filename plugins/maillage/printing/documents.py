"""Which print documents the handbook has, and what each one holds.

One document per section of cards, one for the case studies, one for the glossary and one for
the whole handbook. A document knows its entries in reading order (the order of the web
pages), their numbers, the sources they cite and the glossary terms they use, so that the
templates never search the model. Everything is computed once per build: each entry is read
for glossary terms once, although it appears in two documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import addresses
from ..addresses import CASES_INDEX, GLOSSARY
from ..kinds import KINDS
from ..model.entries import Card, Case, Source, Term
from ..model.glossary import TermIndex
from ..model.handbook import Handbook

CASES_SLUG = "experiences"
GLOSSARY_SLUG = "glossaire"
PDF_FOLDER = "pdf"
"""Where ``make pdf`` writes, in the built site: print pages link their PDF there."""
WHOLE_HANDBOOK_PDF = "guide-complet"

Entry = Card | Case | Term


@dataclass(frozen=True)
class Chapter:
    """A part of a print document: the cards of a section, the cases, or the glossary."""

    slug: str
    title: str
    url: str
    """The part's web page, for the cover and the back link."""
    kind: str
    """What its entries are: ``card``, ``case`` or ``term``; the templates lay each out its way."""
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PrintDocument:
    slug: str
    """The section's slug; empty for the whole handbook."""
    title: str
    chapters: tuple[Chapter, ...]
    sources: tuple[Source, ...]
    """Every source cited by an entry of the document, in the bibliography's order."""
    terms: tuple[Term, ...]
    """Glossary terms its text uses, spelled out at the end (none when it holds the glossary)."""
    numbers: dict[str, int] = field(repr=False)
    """Anchor of each card and case → its number ("fiche 3"): its number in the whole handbook,
    so that a card keeps one number in its section's document, the whole handbook and the decks."""
    anchors: frozenset[str] = field(repr=False)
    """Every anchor the document holds: entries, sources, spelled-out terms."""
    anchors_by_src: dict[str, str] = field(repr=False)
    """Markdown source of each card and case page it holds → its anchor in the document."""

    @property
    def url(self) -> str:
        return addresses.url(self.src_uri)

    @property
    def src_uri(self) -> str:
        return addresses.print_page(self.slug)

    @property
    def web_url(self) -> str:
        """The page this document prints: the section's page, or the home page."""
        return self.chapters[0].url if self.slug else ""

    @property
    def cards(self) -> list[Card]:
        return [entry for chapter in self.chapters for entry in chapter.entries if isinstance(entry, Card)]

    def count(self, kind: str) -> int:
        """How many cards, cases or terms (``kind`` as in ``Chapter.kind``) it holds."""
        return sum(len(chapter.entries) for chapter in self.chapters if chapter.kind == kind)

    def anchor(self, target: Entry | Source) -> str | None:
        """The target's anchor when the document holds it, else None."""
        name = anchor(target)
        return name if name in self.anchors else None


def anchor(target: Entry | Source) -> str:
    """The id an entry has in every print document: ``fiche-<id>``, ``source-<id>``…"""
    return f"{KINDS[target.KIND].anchor_prefix}-{target.id}"


def pdf_name(print_url: str) -> str:
    """``imprimer/lancer/cartes/`` → ``lancer-cartes.pdf``: the PDF ``make pdf`` writes for a page."""
    parts = [part for part in print_url.strip("/").split("/")[1:] if part]
    return "-".join(parts or [WHOLE_HANDBOOK_PDF]) + ".pdf"


def print_documents(handbook: Handbook) -> list[PrintDocument]:
    """Every print document: each section, the cases, the glossary, then the whole handbook."""
    sources = handbook.ordered_sources()
    terms = handbook.ordered_terms()
    index = TermIndex(terms)
    texts: list[Card | Case] = [*handbook.cards.values(), *handbook.cases.values()]
    used = {id(entry): index.used_by(entry) for entry in texts}
    chapters = [Chapter(section.slug, section.title, addresses.address(section), "card",
                        tuple(handbook.section_cards(section))) for section in handbook.sections]
    chapters.append(Chapter(CASES_SLUG, "Expériences", addresses.url(CASES_INDEX), "case", tuple(handbook.ordered_cases())))
    chapters.append(Chapter(GLOSSARY_SLUG, "Glossaire", addresses.url(GLOSSARY), "term", tuple(terms)))
    # One number per card and per case, in the whole handbook's reading order: a trainer who
    # hands out the section's document and its deck refers to "fiche 23" in both.
    numbering: dict[str, int] = {}
    for kind in (Card, Case):
        members = [entry for part in chapters for entry in part.entries if isinstance(entry, kind)]
        numbering.update((anchor(entry), number) for number, entry in enumerate(members, start=1))

    def document(slug: str, title: str, parts: list[Chapter]) -> PrintDocument:
        entries = [entry for part in parts for entry in part.entries if not isinstance(entry, Term)]
        cited = {citation.ref for entry in entries for citation in entry.sources}
        has_glossary = any(part.slug == GLOSSARY_SLUG for part in parts)
        spelled_out = set().union(*(used[id(entry)] for entry in entries)) if not has_glossary else set()
        numbers = {anchor(entry): numbering[anchor(entry)] for entry in entries}
        held_sources = tuple(source for source in sources if source.id in cited)
        held_terms = tuple(term for term in terms if term in spelled_out)
        glossary = [entry for part in parts for entry in part.entries if isinstance(entry, Term)]
        return PrintDocument(
            slug, title, tuple(parts), held_sources, held_terms, numbers,
            anchors=frozenset(map(anchor, [*entries, *held_sources, *held_terms, *glossary])),
            anchors_by_src={addresses.page(entry): anchor(entry) for entry in entries},
        )

    documents = [document(chapter.slug, chapter.title, [chapter]) for chapter in chapters]
    documents.append(document("", "Le guide complet", chapters))
    return documents
