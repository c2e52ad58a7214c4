"""WCAG 2.1 AA, the level France's RGAA requires: axe-core finds no serious or critical
violation on the real handbook's pages, in the light and the dark colour scheme.

axe-core comes with axe-playwright-python, which injects it into the page; the pages are
checked as a reader sees them, after the theme's and the finder's scripts have run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import SHARED, chromium_page, needs_chromium, serve_directory
from maillage.addresses import address
from maillage.model.handbook import Handbook

pytestmark = needs_chromium

BLOCKING = {"serious", "critical"}
PRINT_PAGE = "imprimer/lancer/"
DECK_PAGE = "imprimer/lancer/cartes/"
WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture(scope="module")
def pages(real_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """A browser tab per colour scheme on the site as published, under /maillage/ (its
    site_url) with its 404 page answering missing addresses."""
    root = tmp_path_factory.mktemp("published")
    os.symlink(real_site, root / "maillage")
    os.symlink(real_site / "404.html", root / "404.html")
    with serve_directory(root) as server_url, chromium_page() as page:
        dark = SHARED.new_page(viewport=page.viewport_size, color_scheme="dark")
        page.emulate_media(color_scheme="light")
        yield server_url + "maillage/", {"light": page, "dark": dark}


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            for violation in results.response["violations"] if violation["impact"] in BLOCKING]


def open_search_results(page, query: str) -> None:
    """The header's search dialog open on Pagefind's results, with "Afficher … de plus" below."""
    page.locator("input.md-search__input").fill(query)
    page.wait_for_selector(".md-search-result__link")
    page.wait_for_selector(".maillage-search__more")
    assert page.evaluate("() => document.getElementById('__search').checked")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", ["home", "section", "card", "case", "finder", "print", "deck", "not found",
                                   "search results"])
def test_no_serious_accessibility_violation(pages, real_site: Path, handbook: Handbook, where: str,  # noqa: F811
                                            scheme: str, width: str) -> None:
    base_url, tabs = pages
    page = tabs[scheme]
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    card = handbook.section_cards(handbook.sections[0])[0]
    path = {"home": "", "section": address(handbook.sections[0]), "card": address(card),
            "case": address(next(iter(handbook.cases.values()))),
            "finder": "trouver/?phase=launch", "print": PRINT_PAGE, "deck": DECK_PAGE,
            "not found": "fiches/une-fiche-qui-n-existe-plus/", "search results": ""}[where]
    if where == "print" and not (real_site / PRINT_PAGE / "index.html").exists():
        pytest.skip(f"no print page {PRINT_PAGE} in this build")
    if where in ("print", "deck") and scheme == "dark":
        pytest.skip("a print page has one colour scheme, for paper")
    page.goto(base_url + path)
    if where == "finder":  # with its cards and the button that shows more
        page.wait_for_selector(".maillage-finder__cards:not([aria-busy]) li[id^='fiche-']")
        page.wait_for_selector(".maillage-finder__more")
    if where == "search results":
        open_search_results(page, "animateur")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default")
    assert blocking_violations(page) == []
