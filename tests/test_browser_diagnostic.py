"""The self-diagnostic of the real handbook in a real Chromium: answers → ranked cards → a
shared address that brings the same answers back; the page without JavaScript; and axe-core on
the three pages of issue 18 (diagnostic, open data, what's new) in both colour schemes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import SHARED, chromium_page, needs_chromium, serve_directory
from maillage.diagnostic.data import ranked_cards
from maillage.model.handbook import Handbook

pytestmark = needs_chromium

PAGE = "diagnostic/lancer-un-reseau/"
ANSWERS = {"objectifs": ("n", "non"), "rythme": ("p", "en partie"), "enjeu-commun": ("o", "oui"),
           "animateur": ("i", "je ne sais pas")}


@pytest.fixture(scope="module")
def browser(real_site: Path):
    with serve_directory(real_site) as base_url, chromium_page() as page:
        yield base_url, page


def open_diagnostic(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".maillage-diagnostic__status")


def shown(page) -> list[str]:
    return page.locator(".maillage-diagnostic__result").evaluate_all(
        "items => items.map(item => item.getAttribute('data-fiche'))")


def test_answers_give_the_cards_for_the_gaps_most_important_first(browser, handbook: Handbook) -> None:
    base_url, page = browser
    open_diagnostic(page, base_url + PAGE)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []  # answering sends nothing anywhere, not even to the site
    page.on("request", lambda request: requests.append(request.url))
    assert shown(page) == []
    for question, (_, label) in ANSWERS.items():
        page.locator(f"#question-{question}").get_by_role("radio", name=label).check()
    expected = ranked_cards(handbook.diagnostics["lancer-un-reseau"],
                            {question: letter for question, (letter, _) in ANSWERS.items()})
    assert shown(page) == expected and len(expected) > 3
    first = handbook.cards[expected[0]]
    result = page.locator(".maillage-diagnostic__result").first
    assert result.locator(".maillage-diagnostic__card").inner_text() == first.title
    assert " ".join(first.summary.split()) in " ".join(result.inner_text().replace("\u2019", "'").split())
    result.get_by_role("link", name=f"Voir « {first.title} » dans Trouver une pratique").wait_for()
    assert "4 réponses sur 12 questions : " in page.get_by_role("status").inner_text()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {question: [letter] for question, (letter, _) in ANSWERS.items()}
    assert [url for url in requests if "?" in url or not url.startswith(base_url)] == [], requests

    to_workshop = page.get_by_role("link", name="Préparer un atelier avec ces fiches")
    fragment = parse_qs(urlsplit(to_workshop.get_attribute("href")).fragment)
    assert fragment["f"] == [f"{card}.30" for card in expected[:6]]
    to_workshop.click()
    page.wait_for_url("**/atelier/#*")
    page.locator(".maillage-atelier__card").first.wait_for()  # the builder holds the cards, in that order
    assert page.locator(".maillage-atelier__card").count() == len(expected[:6])

    page.goto(base_url + PAGE + "?" + "&".join(f"{question}={letter}" for question, (letter, _) in ANSWERS.items()))
    page.locator(".maillage-diagnostic__result").first.locator(".maillage-diagnostic__card").click()
    page.wait_for_url(f"**/fiches/{first.id}/")


def test_the_shared_address_brings_the_same_answers_back(browser, handbook: Handbook) -> None:
    base_url, page = browser
    shared = base_url + PAGE + "?" + "&".join(f"{question}={letter}" for question, (letter, _) in ANSWERS.items())
    open_diagnostic(page, shared)
    for question, (_, label) in ANSWERS.items():
        assert page.locator(f"#question-{question}").get_by_role("radio", name=label).is_checked()
    assert shown(page) == ranked_cards(handbook.diagnostics["lancer-un-reseau"],
                                       {question: letter for question, (letter, _) in ANSWERS.items()})
    assert page.locator(".maillage-diagnostic__share").get_attribute("href") == page.url
    page.get_by_role("button", name="Effacer les réponses").click()
    assert shown(page) == [] and urlsplit(page.url).query == ""


def test_without_javascript_the_page_is_the_checklist(real_site: Path) -> None:
    with serve_directory(real_site) as base_url:
        context = SHARED.new_context(java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(base_url + PAGE)
            assert page.locator(".maillage-diagnostic__question").count() == 12
            assert page.locator(".maillage-diagnostic__boxes").first.is_visible()
            assert page.locator(".maillage-diagnostic__answer").count() == 0
            page.emulate_media(media="print")
            assert page.locator(".maillage-diagnostic__boxes").first.is_visible()
        finally:
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("where", [PAGE + "?objectifs=n&rythme=p", "diagnostic/", "donnees/", "nouveautes/"])
def test_no_serious_accessibility_violation(browser, where: str, scheme: str) -> None:
    base_url, page = browser
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + where)
    if where.startswith(PAGE):
        page.wait_for_selector(".maillage-diagnostic__result")
    violations = [f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes'][:3]]}"
                  for violation in Axe().run(page).response["violations"]
                  if violation["impact"] in {"serious", "critical"}]
    assert violations == []
