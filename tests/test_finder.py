"""The finder page and its data, built for real from the fixture handbook, read as a reader's
browser gets them (the browser tests drive the filters: test_browser_finder.py)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
import re

import pytest

from conftest import ROOT, Project
from maillage.rendering.typography import french_text as typeset
from search_support import indexed_pages
from maillage.finder.data import finder_data
from maillage.model.handbook import Handbook
from maillage.pipeline import load_handbook

CARDS_AT_SCALE = 10_000
DATA_BUDGET = 300_000
"""Issue 7: the finder's data stays under 300 KB compressed at 10,000 cards."""


@pytest.fixture
def site(printed: Project) -> Project:
    """The fixture handbook built once for the run: these tests only read it."""
    return printed


def decoded(data: dict) -> dict[str, dict[str, list[str]]]:
    """``fiches.json`` read back: card id → facet key → value codes."""
    return {row[0]: {facet["key"]: [facet["values"][position][0] for position in positions]
                     for facet, positions in zip(data["facets"], row[1:])}
            for row in data["cards"]}


def test_without_javascript_the_finder_lists_every_card_once_by_section(site: Project) -> None:
    handbook = load_handbook(site.root / "practices", site.root).handbook
    html = site.page("trouver").split("<article")[1]
    items = re.findall(r'<li id="fiche-([^"]+)"><a href="\.\./fiches/([^/]+)/"><strong>([^<]+)</strong></a><br>\s*'
                       r'([^<]+)</li>', html)
    assert [(item, link) for item, link, _, _ in items] == [
        (card.id, card.id) for section in handbook.sections for card in handbook.section_cards(section)]
    assert sorted(item for item, _, _, _ in items) == sorted(handbook.cards)
    for card_id, _, title, summary in items:
        assert (title, summary.strip()) == (typeset(handbook.cards[card_id].title), typeset(handbook.cards[card_id].summary))
    headings = re.findall(r"<h2[^>]*>([^<]+)<", html)
    assert headings == [typeset(section.title) for section in handbook.sections]
    assert '<div id="maillage-finder" class="maillage-finder"></div>' in html  # where finder.js adds the filters


def test_the_data_gives_each_card_its_facets_with_french_labels(site: Project) -> None:
    handbook = load_handbook(site.root / "practices", site.root).handbook
    data = json.loads((site.root / "site/trouver/fiches.json").read_text(encoding="utf-8"))
    vocabulary = handbook.vocabulary
    assert [(facet["key"], facet["title"], dict(facet["values"])) for facet in data["facets"]] == [
        ("type", "Type", vocabulary.kinds), ("phase", "Phase", vocabulary.phases),
        ("acteurs", "Acteurs", vocabulary.actors), ("themes", "Thèmes", vocabulary.themes)]
    assert decoded(data) == {card.id: {"type": [card.kind], "phase": [card.phase] if card.phase else [],
                                       "acteurs": card.actors, "themes": card.themes}
                             for card in handbook.cards.values()}


def test_the_finder_is_in_the_site_but_out_of_the_search(site: Project) -> None:
    pages = indexed_pages(site.root / "site")
    assert pages and not [url for url in pages if url.startswith("trouver/")]
    assert "assets/maillage/finder.js" in site.page("trouver")
    assert typeset("<title>Trouver une pratique - Guide d'essai</title>") in site.page("trouver")


def test_titles_on_the_finder_are_escaped_not_interpreted(project: Project) -> None:
    path = project.root / "practices/lancer/choisir-un-animateur.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Choisir un animateur neutre", "title: 'Choisir *un* [animateur](https://x.org) & co 1. ~ ?'"), encoding="utf-8")
    project.build()
    html = project.page("trouver")
    assert typeset("Choisir *un* [animateur](https://x.org) &amp; co 1. ~ ?") in html  # in French typography
    assert "<em>un</em>" not in html and 'href="https://x.org"' not in html


def test_a_hand_written_introduction_replaces_the_default_one(project: Project) -> None:
    project.write("docs/trouver/index.md", "# Chercher une fiche\n\nNotre introduction.\n")
    project.build()
    html = project.page("trouver")
    assert "Notre introduction." in html and "Décrivez votre situation" not in html
    assert 'id="fiche-choisir-un-animateur"' in html


def test_the_data_stays_small_at_ten_thousand_cards(project: Project) -> None:
    """The fixture's cards copied to 10,000, each under a new id drawn from the words of the
    real handbook's file names (ids are what compresses least), measured as the file a
    reader's browser fetches."""
    handbook = load_handbook(project.root / "practices", project.root).handbook
    models = list(handbook.cards.values())
    words = sorted({word for path in (ROOT / "practices").rglob("*.yml") for word in path.stem.split("-")})
    draw = random.Random(6)
    ids: set[str] = set()
    while len(ids) < CARDS_AT_SCALE:
        ids.add("-".join(draw.choice(words) for _ in range(draw.randint(3, 8))))
    copies = [dataclasses.replace(models[number % len(models)], id=card_id, related_ids=[], case_ids=[], sources=[])
              for number, card_id in enumerate(sorted(ids))]
    data = finder_data(Handbook.build(copies, handbook.vocabulary)).encode("utf-8")
    assert len(json.loads(data)["cards"]) == CARDS_AT_SCALE
    assert len(gzip.compress(data)) < DATA_BUDGET
