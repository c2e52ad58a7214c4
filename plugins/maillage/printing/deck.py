"""A workshop deck: one card per A6 face, four faces per A4 sheet, printed on both sides.

Sheets are A4 landscape with A6 landscape faces in two rows of two. A sheet printed two-sided
and flipped on its short edge turns like a book page, so what is top-left on the front is
top-right on the back: the back page lists the same cards with each row reversed, and every
back lands behind its own front. Cut along the marks in the middle of the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.entries import Card
from .. import addresses
from .documents import PrintDocument

COLUMNS = 2
ROWS = 2
PER_SHEET = COLUMNS * ROWS


@dataclass(frozen=True)
class Sheet:
    fronts: tuple[Card | None, ...]
    """In reading order: left to right, top to bottom; None for the empty places of a last,
    incomplete sheet."""
    backs: tuple[Card | None, ...]
    """The same cards, each row reversed: what is behind each front once the sheet is turned."""


@dataclass(frozen=True)
class Deck:
    document: PrintDocument
    sheets: tuple[Sheet, ...]

    @property
    def url(self) -> str:
        return addresses.url(self.src_uri)

    @property
    def src_uri(self) -> str:
        return addresses.deck_page(self.document.slug)

    @property
    def card_count(self) -> int:
        return sum(1 for sheet in self.sheets for card in sheet.fronts if card is not None)


def make_deck(document: PrintDocument, cards: list[Card]) -> Deck:
    """The document's cards laid out for two-sided printing; each face shows the card's number
    in the document (the deck's ``Scope`` numbers them so)."""
    sheets = []
    for start in range(0, len(cards), PER_SHEET):
        fronts: list[Card | None] = list(cards[start:start + PER_SHEET])
        fronts += [None] * (PER_SHEET - len(fronts))
        rows = [fronts[row * COLUMNS:(row + 1) * COLUMNS] for row in range(ROWS)]
        backs = [card for row in rows for card in reversed(row)]
        sheets.append(Sheet(tuple(fronts), tuple(backs)))
    return Deck(document, tuple(sheets))
