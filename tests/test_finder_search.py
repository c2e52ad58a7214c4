"""The search index's twin fields: what a French reader may type, in the other number.

The browser tests (test_browser_search.py) check what a reader finds; these pin the rules."""

from __future__ import annotations

import json

import pytest

from maillage.search.folding import add_folded_field, other_number


@pytest.mark.parametrize(("word", "forms"), [
    ("groupement", {"groupements"}),
    ("pôle", {"pôles", "poles"}),
    ("réseau", {"réseaux", "reseaux"}),
    ("local", {"locals", "locaux"}),
    ("travail", {"travails", "travaux"}),
    ("journaux", {"journal", "journail"}),
    ("groupements", set()),  # a query for the singular already finds it: lunr matches prefixes
    ("réseaux", set()),
    ("PME", set()),  # acronyms take no plural mark in French
    ("une", set()),
    ("1985", set()),
])
def test_the_other_number_of_a_word(word: str, forms: set[str]) -> None:
    assert other_number(word) == forms


def index_of(*texts: str) -> dict:
    docs = [{"location": f"page{number}/", "title": "", "text": text} for number, text in enumerate(texts)]
    return json.loads(add_folded_field(json.dumps({"config": {"lang": ["fr"]}, "docs": docs})))


def test_a_page_gets_the_other_number_only_when_the_handbook_writes_it_somewhere() -> None:
    index = index_of("Un groupement fixe ses règles.", "Les groupements et les réseaux.")
    first, second = index["docs"]
    assert first["number"].split() == ["groupements"]  # "fixes", "règles"… are written nowhere
    assert second["number"] == ""
    assert first["folded"].split() == ["regles"]
    assert index["config"]["fields"]["number"] == {"boost": 1.0}
    assert index["config"]["fields"]["number_title"] == {"boost": 1000.0}
