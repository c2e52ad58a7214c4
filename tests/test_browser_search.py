"""The real handbook's search, typed into Material's search box in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import chromium_page, needs_chromium, serve_directory
from test_handbook import site  # noqa: F401  (the real site, built once per session)

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def search(site: Path):  # noqa: F811
    with serve_directory(site) as base_url, chromium_page() as page:
        def run(query: str) -> list[str]:
            page.goto(base_url)
            page.fill("input.md-search__input", query)
            page.wait_for_selector(".md-search-result__meta")
            page.wait_for_function(
                "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initialisation')")
            page.wait_for_timeout(300)
            count = page.locator(".md-search-result__meta").inner_text()
            return count, page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
        yield run


@pytest.mark.parametrize(("query", "expected"), [
    ("coopération", "Soutenir des coopérations qui existent déjà"),
    ("cooperation", "Soutenir des coopérations qui existent déjà"),
    ("GEIQ", "Cibler des publics en insertion avec un GEIQ"),
])
def test_french_queries_find_the_card(search, query: str, expected: str) -> None:
    _, results = search(query)
    assert any(expected in title for title in results), results


@pytest.mark.parametrize(("accented", "plain"), [("pérenniser", "perenniser"), ("réseau", "reseau"),
                                                 ("compétitivité", "competitivite")])
def test_a_word_typed_without_accents_finds_what_the_accented_word_finds(search, accented: str, plain: str) -> None:
    count, titles = search(accented)
    assert titles
    plain_count, plain_titles = search(plain)
    assert plain_count == count
    assert plain_titles[0] == titles[0]
