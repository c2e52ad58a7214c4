"""What the finder's script needs to know about each card: its facet values, index-coded.

The finder page already lists every card's title and summary (for readers without
JavaScript, and for the free-text filter, which reads them from the page). The script only
lacks each card's kind, phase, actors and themes. They are written once per build as a JSON
file of arrays, each value as its position in its facet's list, so that the file stays small
at any size of handbook (tests/test_finder.py measures it at 10,000 cards):

    {"facets": [{"key": "type", "title": "Type", "values": [["practice", "bonne pratique"], …]},
                {"key": "phase", "title": "Phase", "values": [["launch", "lancer"], …]}, …],
     "cards": [["trouver-le-bon-animateur", [0], [0], [0, 4, 10, 3], [1, 0]], …]}

A card's row is its id, then, for each facet in order, the positions of its values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..model.entries import Card
from ..model.handbook import Handbook
from ..model.vocabulary import Vocabulary


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
    """Every card once, in reading order: section after section, as the finder page lists them."""
    return [card for section in handbook.sections for card in handbook.section_cards(section)]


def finder_data(handbook: Handbook) -> str:
    chosen = facets(handbook.vocabulary)
    positions = [{value: position for position, value in enumerate(facet.labels)} for facet in chosen]
    return json.dumps({
        "facets": [{"key": facet.key, "title": facet.title, "values": [list(pair) for pair in facet.labels.items()]}
                   for facet in chosen],
        "cards": [[card.id, *([index[value] for value in facet.values_of(card)]
                              for facet, index in zip(chosen, positions))]
                  for card in finder_cards(handbook)],
    }, ensure_ascii=False, separators=(",", ":"))
