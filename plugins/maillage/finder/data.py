"""What the finder's script needs: each card's facet values up front, its text on demand.

At 10,000 cards the titles and summaries weigh a megabyte compressed, and a reader sees twenty
cards at a time. So the finder loads two kinds of files (tests/test_finder.py measures them at
10,000 cards):

- ``trouver/fiches.json``, at first display: the facets, the sections, every card's id and
  facet values, each value as its position in its facet's list, enough to filter, count and
  say what the phase filter hides without any card's text:

      {"facets": [{"key": "type", "title": "Type", "values": [["practice", "bonne pratique"], …]}, …],
       "sections": [["Lancer un réseau", 23], …],
       "page": 20, "chunk": 20, "texts": ["textes/0.json", …],
       "cards": [["trouver-le-bon-animateur", [0], [0], [0, 4, 10, 3], [1, 0]], …]}

  A card's row is its id, then, for each facet in order, the positions of its values. Cards
  come in reading order, section after section; ``sections`` gives each section's title and
  number of cards. ``page`` is how many cards the script shows at once.

- ``trouver/textes/<n>.json``, only when one of its cards is shown: the title, summary and
  address of ``chunk`` cards in a row, ``[["Trouver l'animateur…", "Le réseau…", "../fiches/…/"], …]``,
  as plain text that the script writes with ``textContent``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..addresses import FINDER, FINDER_DATA, finder_texts, link
from ..model.entries import Card
from ..model.handbook import Handbook
from ..model.vocabulary import Vocabulary

PAGE = 20
"""Cards shown at once, and added by each "Voir plus": a screen or two, never 10,000 nodes."""
CHUNK = 20
"""Cards per text file: the first display of the whole list loads one file. Small, because a
filtered view shows cards scattered over the list, each from its own file."""


@dataclass(frozen=True)
class Facet:
    key: str
    """Its name in the finder's address (``?phase=launch``), stable for shared links."""
    title: str
    labels: dict[str, str]
    """Every value, in the vocabulary's order, with its French label."""
    values_of: Callable[[Card], list[str]]


def facets(vocabulary: Vocabulary) -> tuple[Facet, ...]:
    """The four facets, titled as on a card page."""
    return (
        Facet("type", "Type", vocabulary.kinds, lambda card: [card.kind]),
        Facet("phase", "Phase", vocabulary.phases, lambda card: [card.phase] if card.phase else []),
        Facet("acteurs", "Acteurs", vocabulary.actors, lambda card: card.actors),
        Facet("themes", "Thèmes", vocabulary.themes, lambda card: card.themes),
    )


def finder_cards(handbook: Handbook) -> list[Card]:
    """Every card once, in reading order: section after section, as the section pages list them."""
    return [card for section in handbook.sections for card in handbook.section_cards(section)]


def _chunks(cards: list[Card]) -> list[list[Card]]:
    return [cards[start:start + CHUNK] for start in range(0, len(cards), CHUNK)]


def finder_data(handbook: Handbook) -> str:
    chosen = facets(handbook.vocabulary)
    positions = [{value: position for position, value in enumerate(facet.labels)} for facet in chosen]
    cards = finder_cards(handbook)
    return _json({
        "facets": [{"key": facet.key, "title": facet.title, "values": [list(pair) for pair in facet.labels.items()]}
                   for facet in chosen],
        "sections": [[section.title, len(handbook.section_cards(section))] for section in handbook.sections],
        "page": PAGE,
        "chunk": CHUNK,
        "texts": [link(finder_texts(number), FINDER_DATA) for number in range(len(_chunks(cards)))],
        "cards": [[card.id, *([index[value] for value in facet.values_of(card)]
                              for facet, index in zip(chosen, positions))]
                  for card in cards],
    })


def finder_texts_files(handbook: Handbook, typeset: Callable[[str], str]) -> list[tuple[str, str]]:
    """Each text file of the finder: (its page, its JSON), in the order ``texts`` names them.
    ``typeset``: the spacing the built pages get (rendering/typography.py), which a script's
    text never goes through."""
    return [(finder_texts(number), _json([[typeset(card.title), typeset(card.summary), link(card, FINDER)]
                                          for card in chunk]))
            for number, chunk in enumerate(_chunks(finder_cards(handbook)))]


def _json(value: object) -> str:
    """Compact JSON, served as its own file (application/json), never inside HTML: the card
    text in it is data for ``textContent``, escaped by the JSON writer and nothing else."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
