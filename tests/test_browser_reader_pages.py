"""What readers meet around the cards, in a real Chromium: the page an old link lands on, a
browser that talks to nobody but the site, pages without script errors."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import chromium_page, needs_chromium, serve_directory

pytestmark = needs_chromium

PAGES = ["", "trouver/", "lancer/", "fiches/trouver-le-bon-animateur/", "experiences/grep-tpe-rurales/",
         "glossaire/", "imprimer/lancer/", "imprimer/lancer/cartes/", "fiches/une-fiche-qui-n-existe-plus/"]
"""One page of each kind, the last one missing (the site's 404 page answers)."""


@pytest.fixture(scope="module")
def published(real_site: Path, tmp_path_factory: pytest.TempPathFactory):
    """The site as GitHub Pages publishes it, under /maillage/ (its site_url), its 404.html
    answering every missing address; a browser page on it."""
    root = tmp_path_factory.mktemp("published")
    os.symlink(real_site, root / "maillage")
    os.symlink(real_site / "404.html", root / "404.html")
    with serve_directory(root) as server_url, chromium_page() as page:
        yield server_url + "maillage/", page


def test_an_old_address_lands_on_a_french_page_that_leads_to_the_cards(published) -> None:
    base_url, page = published
    response = page.goto(base_url + "fiches/une-fiche-qui-n-existe-plus/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title().startswith("Page introuvable")
    assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert "Not found" not in page.content()
    assert page.locator("input.md-search__input").count() == 1  # the header's search
    for part in ("Lancer un réseau", "Groupements d’employeurs", "Glossaire"):  # as typeset
        assert page.locator(".maillage-not-found__parts").get_by_role("link", name=part).count() == 1
    page.get_by_role("link", name="toutes les fiches", exact=False).first.click()
    page.wait_for_url(base_url + "trouver/")
    page.go_back()
    page.get_by_label("Chercher une fiche en quelques mots").fill("subvention")
    page.get_by_role("button", name="Chercher").click()
    page.wait_for_url(base_url + "trouver/?texte=subvention")
    page.wait_for_function("() => document.querySelector('.maillage-finder__status')?.textContent.includes('correspond')")


def test_a_reader_s_browser_talks_to_the_site_only(published) -> None:
    """Every request any page makes, the search and the finder's words included, goes to the
    site's own origin: no web fonts, no code host's API."""
    base_url, page = published
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requested: list[str] = []
    record = lambda request: requested.append(request.url)  # noqa: E731
    page.on("request", record)
    try:
        for path in PAGES:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
        page.goto(base_url + "trouver/?texte=subvention")
        page.wait_for_load_state("networkidle")
        page.locator("input.md-search__input").fill("coopération")
        page.wait_for_selector(".md-search-result__link")
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("request", record)
    elsewhere = sorted({url for url in requested if not url.startswith((origin + "/", "data:", "blob:"))})
    assert requested and not elsewhere, elsewhere


@pytest.mark.parametrize("path", PAGES)
def test_no_page_throws_a_script_error(published, path: str) -> None:
    base_url, page = published
    errors: list[str] = []
    handler = lambda error: errors.append(str(error))  # noqa: E731
    page.on("pageerror", handler)
    try:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("pageerror", handler)
    assert not errors, errors


def test_the_footer_speaks_french(published) -> None:
    base_url, page = published
    page.goto(base_url + "fiches/trouver-le-bon-animateur/")
    footer = page.locator(".md-footer").inner_text()
    assert "Made with" not in footer and "Maillage" in footer


def test_a_deck_shows_whole_sheets_on_a_phone(published) -> None:
    base_url, page = published
    page.set_viewport_size({"width": 375, "height": 812})
    try:
        page.goto(base_url + "imprimer/lancer/cartes/")
        boxes = page.locator(".maillage-deck__sheet").evaluate_all(
            "sheets => sheets.map(sheet => sheet.getBoundingClientRect().right)")
        assert boxes and max(boxes) <= 375, boxes
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
