"""A workshop deck: one card per A6 face, four faces per A4 sheet, printed on both sides.

Sheets are A4 landscape with A6 landscape faces in two rows of two. A sheet printed two-sided
and flipped on its short edge turns like a book page, so what is top-left on the front is
top-right on the back: the back page lists the same cards with each row reversed, and every
back lands behind its own front. Cut along the marks in the middle of the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.entries import Card
from .documents import DECK_FOLDER, PrintDocument, anchor

COLUMNS = 2
ROWS = 2
PER_SHEET = COLUMNS * ROWS


@dataclass(frozen=True)
class Face:
    card: Card | None
    """None for the empty places of a last, incomplete sheet."""
    number: int | None


@dataclass(frozen=True)
class Sheet:
    fronts: tuple[Face, ...]
    """In reading order: left to right, top to bottom."""
    backs: tuple[Face, ...]
    """The same cards, each row reversed: what is behind each front once the sheet is turned."""


@dataclass(frozen=True)
class Deck:
    document: PrintDocument
    sheets: tuple[Sheet, ...]

    @property
    def url(self) -> str:
        return f"{self.document.url}{DECK_FOLDER}/"

    @property
    def src_uri(self) -> str:
        return self.url + "index.md"

    @property
    def card_count(self) -> int:
        return sum(1 for sheet in self.sheets for face in sheet.fronts if face.card is not None)


def make_deck(document: PrintDocument, cards: list[Card]) -> Deck:
    """The document's cards, numbered as in the document, laid out for two-sided printing."""
    faces = [Face(card, document.numbers[anchor(card)]) for card in cards]
    sheets = []
    for start in range(0, len(faces), PER_SHEET):
        fronts = faces[start:start + PER_SHEET]
        fronts += [Face(None, None)] * (PER_SHEET - len(fronts))
        rows = [fronts[row * COLUMNS:(row + 1) * COLUMNS] for row in range(ROWS)]
        backs = [face for row in rows for face in reversed(row)]
        sheets.append(Sheet(tuple(fronts), tuple(backs)))
    return Deck(document, tuple(sheets))
