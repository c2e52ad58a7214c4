"""The real handbook's search, typed into the header's search box in a real Chromium.

French readers type without accents, in the plural or the singular, with elisions, and use
the acronyms of the glossary; each case must reach the card that says it, and a card's result
shows its summary. Pagefind answers (plugins/maillage/search/); Material's index stays unloaded.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_support import SHARED, chromium_page, needs_chromium, serve_directory
from maillage.addresses import address
from maillage.model.handbook import Handbook
from maillage.rendering.typography import french_text as typeset
from search_support import indexed_pages

pytestmark = needs_chromium

FIRST_SEARCH_BUDGET = 150_000
"""Bytes, gzip-compressed, that a first search may download (issue 7's bar at 10,000 cards)."""
COMPRESSED_ALREADY = (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind")
"""Pagefind's index files are gzip files: a server sends them as they are."""


@dataclass
class Results:
    count: int
    """What the dialog announces: the number of pages found."""
    pages: list[str]
    """Each result shown, as a path from the site's root (``fiches/x/``), in order."""
    titles: list[str]
    sections: list[str]
    texts: list[str]
    """The text under each title: a card's summary, another page's matching passage."""
    raw_texts: list[str] = dataclasses.field(default_factory=list)
    """The same, spaces as shown (no-break ones included)."""


@pytest.fixture(scope="module")
def browser(real_site: Path):
    with serve_directory(real_site) as base_url, chromium_page() as page:
        page.goto(base_url)
        yield base_url, page


@pytest.fixture
def search(browser):
    """Type a query into the header's search box; what the reader is shown (every result with
    ``everything``, following "Afficher … de plus" to the end)."""
    base_url, page = browser
    box, status = page.locator("input.md-search__input"), page.locator(".md-search-result__meta")

    def run(query: str, *, everything: bool = False) -> Results:
        for typed, shows in (("", "Taper"), (query, "trouvé")):  # empty first: the count is this query's
            box.fill(typed)
            page.wait_for_function("shows => document.querySelector('.md-search-result__meta').textContent"
                                   ".includes(shows)", arg=shows)
        count = int(match.group()) if (match := re.search(r"\d+", status.inner_text())) else 0
        more, items = page.locator(".maillage-search__more"), page.locator(".md-search-result__item")
        while everything and more.is_visible():
            shown = items.count()
            more.click()
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
        expected = count if everything else min(count, 10)
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length === n", arg=expected)
        shown = page.locator(".md-search-result__link").evaluate_all("""links => links.map(link => [
            link.href, link.querySelector('h1').textContent,
            link.querySelector('.maillage-search__section')?.textContent || '',
            link.querySelector('p:not(.maillage-search__section)').textContent])""")
        return Results(count=count, pages=[href.removeprefix(base_url) for href, *_ in shown],
                       titles=[title for _, title, _, _ in shown], sections=[section for _, _, section, _ in shown],
                       texts=[" ".join(text.split()) for *_, text in shown], raw_texts=[text for *_, text in shown])
    return run


@pytest.mark.parametrize(("query", "page"), [
    ("cooperation", "fiches/soutenir-les-cooperations-existantes/"),
    ("perenniser", "perenniser/"),  # no card says "pérenniser": its section does
    ("groupements", "fiches/ouvrir-groupement-autres-secteurs/"),
    ("l'animateur", "fiches/trouver-le-bon-animateur/"),
    ("GEIQ", "fiches/cibler-publics-insertion-geiq/"),
])
def test_french_queries_find_the_page(search, query: str, page: str) -> None:
    assert page in search(query).pages


@pytest.mark.parametrize(("typed", "written"), [
    ("perenniser", "pérenniser"), ("cooperation", "coopération"), ("reseau", "réseau"),  # accents
    ("groupements", "groupement"), ("reseaux", "réseau"), ("entreprises", "entreprise"),  # number
    ("l'animateur", "animateur"), ("d’employeurs", "employeurs"), ("L'entreprise", "entreprise"),  # elisions
])
def test_what_a_reader_types_finds_what_the_handbook_writes(search, typed: str, written: str) -> None:
    found, expected = search(typed), search(written)
    assert expected.count > 0
    assert (found.count, found.pages) == (expected.count, expected.pages)


def test_an_acronym_of_the_glossary_finds_every_page_that_uses_it(search, real_site: Path) -> None:
    saying = {url for url, page in indexed_pages(real_site).items() if re.search(r"\bgeiq", page["content"], re.I)}
    assert len([url for url in saying if url.startswith("fiches/")]) >= 2 and "glossaire/" in saying
    results = search("GEIQ", everything=True)
    assert results.count == len(results.pages)
    assert set(results.pages) == saying
    assert results.pages[0] == "fiches/cibler-publics-insertion-geiq/"


def test_a_card_result_shows_the_card_summary_and_section(search, handbook: Handbook) -> None:  # noqa: F811
    card = handbook.cards["cibler-publics-insertion-geiq"]
    results = search("GEIQ")
    shown = results.pages.index(address(card))
    assert results.titles[shown] == typeset(card.title)  # as the page shows it, in French typography
    assert results.sections[shown] == typeset(card.section.title)
    assert results.texts[shown] == " ".join(typeset(card.summary).split())  # texts: spaces folded


def test_a_page_that_is_not_a_card_shows_the_passage_found(search) -> None:
    results = search("GEIQ")
    glossary = results.pages.index("glossaire/")
    assert "GEIQ" in results.texts[glossary] and results.sections[glossary] == ""


def test_the_keyboard_opens_the_search_moves_through_results_and_closes_it(browser) -> None:
    base_url, page = browser
    page.goto(base_url + "lancer/")
    page.keyboard.press("/")
    assert page.evaluate("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("GEIQ")
    page.wait_for_selector(".md-search-result__link")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')").endswith("/fiches/cibler-publics-insertion-geiq/")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("/")
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url(base_url + "fiches/cibler-publics-insertion-geiq/")


def test_a_first_search_downloads_little_and_never_material_s_index(browser, real_site: Path, tmp_path: Path) -> None:
    """On a site published under a path (GitHub Pages: /maillage/), as readers get it: the
    bytes of every response from typing the query to the results, compressed as a server
    would. Material's index and search worker are never requested."""
    os.symlink(real_site, tmp_path / "maillage")
    with serve_directory(tmp_path) as server_url:
        page = SHARED.new_page()  # its own context: an empty cache
        base_url = server_url + "maillage/"
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + "fiches/trouver-le-bon-animateur/")
        page.wait_for_load_state("networkidle")
        downloaded: dict[str, int] = {}

        def count(response) -> None:
            body = response.body()
            downloaded[response.url] = len(body if response.url.endswith(COMPRESSED_ALREADY) else gzip.compress(body))
        page.on("response", count)
        page.locator("input.md-search__input").fill("cooperation")
        page.wait_for_selector(".md-search-result__link")
        page.wait_for_load_state("networkidle")
        links = page.locator(".md-search-result__link").evaluate_all("links => links.map(link => link.href)")
        page.close()
    assert links and all(link.startswith(base_url) for link in links)
    assert f"{base_url}fiches/soutenir-les-cooperations-existantes/" in links
    assert not [url for url in requested if "search_index.json" in url or "/workers/search" in url]
    assert any(url.endswith("pagefind/pagefind.js") for url in downloaded)
    print(f"\nfirst search: {len(downloaded)} responses, {sum(downloaded.values())} bytes compressed")
    assert sum(downloaded.values()) <= FIRST_SEARCH_BUDGET, downloaded


def folded(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)).lower()


PRECISION_SET = {
    # query: (the forms a relevant page writes, folded; pages that must be in the first ten)
    "groupement": (r"groupements?", {"groupements-employeurs/", "fiches/ouvrir-groupement-autres-secteurs/"}),
    "pérennité": (r"perennites?", {"experiences/agefos-pme-groupes-cooperatifs/"}),
    "mutualisation": (r"mutualisations?", {"fiches/associer-les-representants-des-salaries/"}),
    "subvention": (r"subventions?", {"fiches/se-mefier-des-reseaux-nes-de-la-subvention/"}),
    "animateur": (r"animateurs?", {"fiches/trouver-le-bon-animateur/"}),
    "convention collective": (r"conventions? collectives?", {"fiches/choisir-convention-collective-groupement/"}),
    "GEIQ": (r"geiqs?", {"fiches/cibler-publics-insertion-geiq/"}),
    "gouvernance": (r"gouvernances?", set()),
    "adhérents": (r"adherents?", set()),
    "charte": (r"chartes?", set()),
}
PRECISION_FLOOR = 0.95
"""Of the first ten results of each query, on average, the share of pages that write the word."""


def test_the_first_results_write_the_words_searched(search, real_site: Path) -> None:
    """Precision at ten: stemming merges "groupement" with "groupe"; a reader who typed
    "groupement" first gets the pages that write it (or its plural)."""
    texts = {url: folded(page["meta"].get("title", "") + " " + page["content"]) for url, page in indexed_pages(real_site).items()}
    shares, report = [], []
    for query, (forms, expected) in PRECISION_SET.items():
        writing = {url for url, text in texts.items() if re.search(rf"(?<!\w){forms}(?!\w)", text)}
        top = search(query).pages[:10]
        relevant = [url for url in top if url in writing]
        share = len(relevant) / min(10, len(writing)) if writing else 1.0
        shares.append(min(share, 1.0))
        report.append(f"{query}: {len(relevant)}/{len(top)} of the first ten write it ({len(writing)} pages do)")
        assert expected <= set(top), (query, top)
    print("\n" + "\n".join(report) + f"\nprecision at ten: {sum(shares) / len(shares):.2f}")
    assert sum(shares) / len(shares) >= PRECISION_FLOOR and min(shares) >= 0.8, report


def test_a_rare_word_also_finds_its_family(search, real_site: Path) -> None:
    """"pérennité" found 3 pages, "pérenniser" 30: the pages that write "pérennité" come first,
    then those of its family."""
    writing = {url for url, page in indexed_pages(real_site).items() if re.search(r"pérennités?\b", page["content"], re.I)}
    results = search("pérennité", everything=True)
    assert set(results.pages[:len(writing)]) == writing
    assert results.count >= 20 and "perenniser/" in results.pages


@pytest.mark.parametrize("query", ["OPCA", "GEIQ", "convention collective"])
def test_excerpts_keep_french_spacing(search, query: str) -> None:
    """Pagefind folds the page's no-break spaces in its excerpts; the dialog puts them back."""
    results = search(query, everything=True)
    breakable = [text for text in results.raw_texts if re.search(r"\S[ \t\n]+(?:[;:](?=$|\s)|[!?](?=$|\s))", text)]
    assert results.raw_texts and not breakable, breakable[:3]
