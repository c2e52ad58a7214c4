"""A card keeps one number in every print document of the real handbook: its section's
document, the whole handbook and the workshop decks ("fiche 23" everywhere)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from maillage.model.handbook import Handbook


def contents_numbers(page: Path) -> dict[str, int]:
    """Anchor → number, from the contents of a print page ("Fiche 3 · Title")."""
    text = page.read_text(encoding="utf-8")
    return {anchor: int(number)
            for anchor, number in re.findall(r'<a href="#((?:fiche|experience)-[a-z0-9-]+)">(?:Fiche|Expérience) (\d+) ·', text)}


def deck_numbers(page: Path) -> list[int]:
    text = html.unescape(page.read_text(encoding="utf-8"))
    return [int(number) for number in re.findall(r'maillage-deck__footer">[^<]*carte (\d+)', text)]


def test_a_card_has_one_number_in_every_document_and_deck(real_site: Path, handbook: Handbook) -> None:  # noqa: F811
    whole = contents_numbers(real_site / "imprimer" / "index.html")
    assert sorted(whole.values())[:3] == [1, 1, 2]  # cards from 1, cases from 1
    for section in handbook.sections:
        document = contents_numbers(real_site / "imprimer" / section.slug / "index.html")
        assert document and all(whole[anchor] == number for anchor, number in document.items()), section.slug
        deck = deck_numbers(real_site / "imprimer" / section.slug / "cartes" / "index.html")
        cards = [whole[f"fiche-{card.id}"] for card in handbook.section_cards(section)]
        assert deck == cards, section.slug


def test_every_qr_code_of_every_deck_has_one_size(real_site: Path) -> None:
    sizes = set()
    for deck in (real_site / "imprimer").rglob("cartes/index.html"):
        sizes |= set(re.findall(r'<svg [^>]*width="(\d+)" height="\1" class="maillage-qr"', deck.read_text(encoding="utf-8")))
    assert len(sizes) == 1, sizes


def test_a_deck_opens_with_a_cover_giving_its_edition(real_site: Path, handbook: Handbook) -> None:  # noqa: F811
    section = handbook.sections[0]
    deck = html.unescape((real_site / "imprimer" / section.slug / "cartes" / "index.html").read_text(encoding="utf-8"))
    cover = deck.split('class="maillage-deck__cover"', 1)[1].split("maillage-deck__sheet", 1)[0]
    assert section.title in cover and re.search(r"Édition du \d{1,2} \w+ \d{4}", cover)
    assert f"{len(handbook.section_cards(section))} cartes" in cover
    assert "retournement sur le bord court" in cover
