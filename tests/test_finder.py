"""The finder page, its data and its text files, built for real from the fixture handbook, read
as a reader's browser gets them (the browser tests drive the filters: test_browser_finder.py)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
import re

import sys
from pathlib import Path

import pytest

from conftest import ROOT, Project
from maillage.finder.data import finder_data, finder_texts_files
from maillage.finder.pages import finder_pages
from maillage.model.handbook import Handbook
from maillage.pipeline import load_handbook
from maillage.rendering.environment import make_environment
from maillage.rendering.pages import PageWriter
from maillage.rendering.typography import french_text as typeset
from maillage.validation.schemas import SchemaSet
from search_support import indexed_pages

sys.path.insert(0, str(ROOT / "scripts"))

from benchmarking.measures import first_view_texts  # noqa: E402  (the benchmark's own count)

CARDS_AT_SCALE = 10_000
FIRST_VIEW_BUDGET = 300_000
"""Issue 19: the finder's page and what it loads for its first view stay under 300 KB
compressed at 10,000 cards."""


@pytest.fixture
def site(printed: Project) -> Project:
    """The fixture handbook built once for the run: these tests only read it."""
    return printed


def decoded(data: dict) -> dict[str, dict[str, list[str]]]:
    """``fiches.json`` read back: card id → facet key → value codes."""
    return {row[0]: {facet["key"]: [facet["values"][position][0] for position in positions]
                     for facet, positions in zip(data["facets"], row[1:])}
            for row in data["cards"]}


def test_without_javascript_the_finder_leads_to_the_sections_instead_of_listing_cards(site: Project) -> None:
    """At 10,000 cards the list would weigh a megabyte: the page names each section, whose own
    page lists its cards, and the script puts the filters and cards in place of that text."""
    handbook = load_handbook(site.root / "practices", site.root).handbook
    html = site.page("trouver").split("<article")[1].split("</article>")[0]
    assert 'id="fiche-' not in html and "/fiches/" not in html
    root = html.split('<div class="maillage-finder" id="maillage-finder">')[1]
    assert "ont besoin de JavaScript" in root
    links = re.findall(r'<li><a href="\.\./([a-z-]+)/">([^<]+)</a>\s*:\s*(\d+)\s*fiches?</li>', root)
    assert links == [(section.slug, typeset(section.title), str(len(handbook.section_cards(section))))
                     for section in handbook.sections]


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
    reading = [card for section in handbook.sections for card in handbook.section_cards(section)]
    assert [row[0] for row in data["cards"]] == [card.id for card in reading]
    assert data["sections"] == [[section.title, len(handbook.section_cards(section))] for section in handbook.sections]


def test_the_text_files_give_each_card_its_title_summary_and_address(real_site: Path) -> None:
    """The script shows a card from its text file: at the card's position, its title and
    summary as written (the script writes them as text) and the address of its page. On the
    real handbook, whose cards fill several files. French spacing as on the built pages: the
    script's text never goes through the pages' typography."""
    handbook = load_handbook(ROOT / "practices", ROOT).handbook
    folder = real_site / "trouver"
    data = json.loads((folder / "fiches.json").read_text(encoding="utf-8"))
    assert 0 < data["chunk"] < len(handbook.cards) and data["page"] > 0
    files = [json.loads((folder / name).read_text(encoding="utf-8")) for name in data["texts"]]
    assert [len(rows) for rows in files[:-1]] == [data["chunk"]] * (len(files) - 1) and 0 < len(files[-1]) <= data["chunk"]
    texts = [row for rows in files for row in rows]
    assert len(texts) == len(data["cards"])
    for (card_id, *_), (title, summary, href) in zip(data["cards"], texts):
        card = handbook.cards[card_id]
        assert (title, summary, href) == (typeset(card.title), typeset(card.summary), f"../fiches/{card_id}/")
        assert (folder / href / "index.html").resolve().is_file()


def test_the_finder_is_in_the_site_but_out_of_the_search(site: Project) -> None:
    pages = indexed_pages(site.root / "site")
    assert pages and not [url for url in pages if url.startswith("trouver/")]
    assert "assets/maillage/finder.js" in site.page("trouver")
    assert typeset("<title>Trouver une pratique - Guide d'essai</title>") in site.page("trouver")


def test_titles_reach_the_finder_as_text_in_json(project: Project) -> None:
    """Card text is data for the script's textContent: in the text file, the title as written,
    its Markdown not rendered; in the page, nothing of it."""
    title = 'Choisir *un* [animateur](https://x.org) & co 1. ~ ? « x » "y" \\ fin'
    path = project.root / "practices/lancer/choisir-un-animateur.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Choisir un animateur neutre", f"title: {json.dumps(title)}"), encoding="utf-8")
    project.build()
    folder = project.root / "site" / "trouver"
    data = json.loads((folder / "fiches.json").read_text(encoding="utf-8"))
    texts = [row for name in data["texts"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    assert [row[0] for row in texts if row[2] == "../fiches/choisir-un-animateur/"] == [typeset(title)]
    assert typeset(title) != title  # « x » and " ?" get their no-break spaces
    assert "animateur](" not in project.page("trouver") and "x.org" not in project.page("trouver")


def test_a_hand_written_introduction_replaces_the_default_one(project: Project) -> None:
    project.write("docs/trouver/index.md", "# Chercher une fiche\n\nNotre introduction.\n")
    project.build()
    html = project.page("trouver")
    assert "Notre introduction." in html and "Décrivez votre situation" not in html
    assert 'id="maillage-finder"' in html and "ont besoin de JavaScript" in html


def test_the_first_view_stays_small_at_ten_thousand_cards(site: Project) -> None:
    """What a reader's browser fetches to see the finder, at 10,000 cards: the page, the data
    and the text files of the first page of cards. The fixture's cards are copied to 10,000,
    each under a new id drawn from the words of the real handbook's file names (ids are what
    compresses least) and with actors and themes drawn at random (a copy's would repeat). The
    page is the fixture's, built for real: its Markdown at 10,000 cards differs only by the
    numbers of cards of each section."""
    handbook = load_handbook(site.root / "practices", site.root).handbook
    models = list(handbook.cards.values())
    words = sorted({word for path in (ROOT / "practices").rglob("*.yml") for word in path.stem.split("-")})
    draw = random.Random(6)
    ids: set[str] = set()
    while len(ids) < CARDS_AT_SCALE:
        ids.add("-".join(draw.choice(words) for _ in range(draw.randint(3, 8))))
    vocabulary = handbook.vocabulary
    copies = [dataclasses.replace(models[number % len(models)], id=card_id, related_ids=[], case_ids=[], sources=[],
                                  actors=draw.sample(sorted(vocabulary.actors), draw.randint(1, 4)),
                                  themes=draw.sample(sorted(vocabulary.themes), draw.randint(1, 4)))
              for number, card_id in enumerate(sorted(ids))]
    large = Handbook.build(copies, vocabulary)
    data = finder_data(large)
    assert len(json.loads(data)["cards"]) == CARDS_AT_SCALE

    def finder_markdown(of: Handbook) -> str:
        writer = PageWriter(of, make_environment(), SchemaSet.load())
        return next(finder_pages(of, writer, lambda uri: (None, None))).content

    def counted(markdown: str) -> str:
        return re.sub(r"\d+ fiches?", "N fiches", markdown)

    assert counted(finder_markdown(large)) == counted(finder_markdown(handbook))
    texts = dict(finder_texts_files(large, typeset))
    first_view = [texts[f"trouver/{name}"] for name in first_view_texts(json.loads(data))]
    assert first_view
    page = (site.root / "site" / "trouver" / "index.html").read_bytes()
    sizes = [len(gzip.compress(content)) for content in (page, data.encode(), *(text.encode() for text in first_view))]
    assert sum(sizes) < FIRST_VIEW_BUDGET, sizes
