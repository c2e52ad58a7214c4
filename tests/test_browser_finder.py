"""The finder of the real handbook in a real Chromium: facets, words, counts, shared addresses,
keyboard, cards shown a page at a time from the text files they need, and the page without
JavaScript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_support import SHARED, chromium_page, needs_chromium, serve_directory

pytestmark = needs_chromium

SHOWN = "li[id^='fiche-']:visible"
MORE = ".maillage-finder__more"


@pytest.fixture(scope="module")
def data(real_site: Path) -> dict:
    return json.loads((real_site / "trouver" / "fiches.json").read_text(encoding="utf-8"))


def matching(data: dict, chosen: dict[str, set[str]]) -> set[str]:
    """Cards of the data that have, in every chosen facet, at least one of the chosen values."""
    result = set()
    for row in data["cards"]:
        values = {facet["key"]: {facet["values"][position][0] for position in positions}
                  for facet, positions in zip(data["facets"], row[1:])}
        if all(values[key] & wanted for key, wanted in chosen.items()):
            result.add(row[0])
    return result


@pytest.fixture(scope="module")
def browser(real_site: Path):
    with serve_directory(real_site) as base_url, chromium_page() as page:
        yield base_url, page


@pytest.fixture
def finder(browser):
    base_url, page = browser
    page.goto(base_url + "trouver/")
    settled(page)
    return page


def settled(page) -> None:
    """Waits until the cards of the latest choice are drawn, their texts loaded."""
    page.wait_for_selector(".maillage-finder__status")
    page.wait_for_selector(".maillage-finder__cards:not([aria-busy])", state="attached")


def shown_ids(page) -> list[str]:
    """The cards on screen, in their order."""
    return [identifier.removeprefix("fiche-") for identifier in
            page.locator(SHOWN).evaluate_all("items => items.map(item => item.id)")]


def every_match(page) -> set[str]:
    """The cards that match, "Voir plus" pressed until every one is on screen."""
    settled(page)
    while page.locator(MORE).is_visible():
        page.locator(MORE).click()
        settled(page)
    return set(shown_ids(page))


def found(page) -> int:
    """How many cards the status says match."""
    text = page.get_by_role("status").inner_text()
    return 0 if text.startswith("Aucune") else int(text.removeprefix("Les ").split()[0])


def test_two_facets_a_reload_then_clearing(finder, data: dict) -> None:
    page = finder
    page.get_by_role("group", name="Phase").get_by_role("checkbox", name="lancer").check()
    page.get_by_role("group", name="Thèmes").get_by_role("checkbox", name="Financement").check()
    expected = matching(data, {"phase": {"launch"}, "themes": {"financement"}})
    assert 0 < len(expected) < len(data["cards"])
    assert every_match(page) == expected
    status = page.get_by_role("status")
    assert status.inner_text().startswith(f"{len(expected)} fiches sur {len(data['cards'])} correspondent.")
    assert page.url.endswith("/trouver/?phase=launch&themes=financement")

    page.reload()
    assert every_match(page) == expected
    assert page.get_by_role("checkbox", name="lancer").is_checked()
    assert page.get_by_role("checkbox", name="Financement").is_checked()
    assert status.inner_text().startswith(f"{len(expected)} fiches sur {len(data['cards'])} correspondent.")

    page.get_by_role("button", name="Effacer les filtres").click()
    assert every_match(page) == {row[0] for row in data["cards"]}
    assert status.inner_text() == f"Les {len(data['cards'])} fiches correspondent."
    assert page.url.endswith("/trouver/")


def test_values_within_a_facet_add_up_and_facets_narrow(finder, data: dict) -> None:
    page = finder
    actors = page.get_by_role("group", name="Acteurs")
    for label in ("grande entreprise", "laboratoire de recherche"):
        actors.get_by_role("checkbox", name=label).check()
    either = matching(data, {"acteurs": {"large-firm", "research-lab"}})
    assert every_match(page) == either
    page.get_by_role("group", name="Type").get_by_role("checkbox", name="point de vigilance").check()
    both = matching(data, {"acteurs": {"large-firm", "research-lab"}, "type": {"vigilance"}})
    assert every_match(page) == both and both < either
    assert "acteurs=large-firm,research-lab" in page.url and "type=vigilance" in page.url


def test_each_value_shows_how_many_cards_it_would_leave(finder, data: dict) -> None:
    page = finder
    page.get_by_role("checkbox", name="lancer").check()
    settled(page)
    for facet in data["facets"]:
        group = page.get_by_role("group", name=facet["title"])
        for code, label in facet["values"]:
            chosen = {facet["key"]: {code}} if facet["key"] == "phase" else {"phase": {"launch"}, facet["key"]: {code}}
            option = group.locator("label", has=page.locator(f"input[value='{code}']"))
            assert option.locator(".maillage-finder__count").inner_text() == f"({len(matching(data, chosen))})", label


def test_words_filter_like_the_search_and_stay_in_the_address(finder, data: dict) -> None:
    page = finder
    words = page.get_by_label("Votre situation en quelques mots")
    for typed, title in (
            ("subventions", "Ne pas laisser le réseau dépendre des seules subventions publiques"),
            ("perenniser", "Ancrer le réseau dans le territoire et ses politiques de développement"),
            ("l'animateur", "Trouver l'animateur qui portera le réseau"),
            ("cooperation grandes entreprises", "Préparer l'autonomie des PME vis-à-vis de la grande entreprise")):
        words.fill(typed)
        page.wait_for_function("typed => new URLSearchParams(location.search).get('texte') === typed", arg=typed)
        every_match(page)
        titles = [title.replace("\u2019", "'") for title in page.locator(f"{SHOWN} strong").all_inner_texts()]
        assert any(shown.startswith(title) for shown in titles), (typed, titles)  # apostrophes read as typed
        assert 0 < found(page) < len(data["cards"])
    page.reload()
    settled(page)
    assert words.input_value() == "cooperation grandes entreprises"
    words.fill("zzzz")
    page.wait_for_function("() => !document.querySelector(\"li[id^='fiche-']:not([hidden])\")")
    assert page.get_by_role("status").inner_text().startswith("Aucune fiche ne correspond")
    assert page.locator(".maillage-finder__group:visible").count() == 0


def test_the_filters_work_from_the_keyboard_with_a_visible_focus(finder, data: dict) -> None:
    page = finder
    page.get_by_label("Votre situation en quelques mots").focus()
    page.keyboard.press("Tab")  # the first value of the first facet
    focused = page.evaluate(
        "() => [document.activeElement.value, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == [data["facets"][0]["values"][0][0], "solid"]
    page.keyboard.press("Space")
    assert every_match(page) == matching(data, {"type": {focused[0]}})


def test_without_javascript_the_page_leads_to_the_sections(browser, data: dict) -> None:
    base_url, page = browser
    without_script = SHARED.new_page(java_script_enabled=False)
    try:
        without_script.goto(base_url + "trouver/?phase=launch")
        finder = without_script.locator("#maillage-finder")
        assert "ont besoin de JavaScript" in finder.inner_text()
        assert finder.locator("input, button").count() == 0  # no filter that could not work
        assert without_script.locator("li[id^='fiche-']").count() == 0
        sections = finder.get_by_role("link")
        assert sections.count() == len(data["sections"])
        assert sum(int(text.rsplit(":", 1)[1].split()[0]) for text in finder.locator("li").all_inner_texts()) \
            == len(data["cards"])
        sections.first.click()
        without_script.wait_for_url(base_url + "lancer/")
    finally:
        without_script.close()


def test_cards_come_a_page_at_a_time_from_the_text_files_they_need(browser, real_site: Path, data: dict) -> None:
    """The first view reads one text file; "Voir plus" the next one, and moves the focus to the
    first card it adds; a card's link, title and summary are those of its text file."""
    base_url, page = browser
    fetched: list[str] = []
    record = lambda request: fetched.append(request.url.removeprefix(base_url))  # noqa: E731
    page.on("request", record)
    try:
        page.goto(base_url + "trouver/")
        settled(page)
        ids = [row[0] for row in data["cards"]]
        assert shown_ids(page) == ids[:data["page"]]
        assert page.locator(".maillage-finder__shown").inner_text() == f"{data['page']} fiches affichées sur {len(ids)}."
        assert [url for url in fetched if url.startswith("trouver/textes/")] == ["trouver/" + data["texts"][0]]
        page.locator(MORE).click()
        settled(page)
        assert shown_ids(page) == ids[:2 * data["page"]]
        assert page.evaluate("() => document.activeElement.closest('li').id") == f"fiche-{ids[data['page']]}"
        assert [url for url in fetched if url.startswith("trouver/textes/")] == ["trouver/" + name for name in data["texts"][:2]]
    finally:
        page.remove_listener("request", record)
    texts = json.loads((real_site / "trouver" / data["texts"][1]).read_text(encoding="utf-8"))
    position = data["page"] % data["chunk"]
    item = page.locator(f"#fiche-{ids[data['page']]}")
    title, summary, href = texts[position]
    assert item.locator("a").get_attribute("href") == href and item.locator("strong").inner_text() == title
    assert " ".join(summary.split()) in " ".join(item.inner_text().split())


def test_a_card_named_in_the_address_is_shown_however_far_down(browser, data: dict) -> None:
    """The diagnostic's "Voir dans Trouver une pratique" leads to trouver/#fiche-<id>."""
    base_url, page = browser
    on_screen = "id => { const item = document.getElementById(id); if (!item) return false;" \
                " const box = item.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"
    page.goto(base_url)
    ids = [row[0] for row in data["cards"]]
    third = 2 * data["page"] + 1  # on the third page
    assert third < len(ids)
    page.goto(f"{base_url}trouver/#fiche-{ids[third]}")
    settled(page)
    page.locator(f"#fiche-{ids[third]}").wait_for()
    assert page.evaluate(on_screen, f"fiche-{ids[third]}")
    assert shown_ids(page) == ids[:3 * data["page"]]
    page.evaluate("id => { location.hash = 'fiche-' + id; }", ids[-1])  # named once the page is open
    page.wait_for_function(on_screen, arg=f"fiche-{ids[-1]}")
    assert shown_ids(page) == ids


@pytest.mark.parametrize(("typed", "first_titles"), [
    # The home page's own examples (docs/index.md): every word need not be in a card. Cards are
    # grouped by section, sections in order of their best card: here « Lancer un réseau ».
    ("notre réseau ne vit que de la subvention", {
        "Financer le démarrage sans rendre le réseau dépendant de la subvention",
        "Soutenir des coopérations qui existent déjà plutôt que d'en susciter pour la subvention"}),
    ("nous voulons partager un salarié", {
        "Donner aux salariés partagés une communauté de travail et une représentation",
        "Préparer les futurs salariés par une formation au temps partagé"}),
    # In a card's text, not in its title or summary: the header search finds it too.
    ("mutualisation", {"Associer les représentants des salariés aux projets collectifs"}),
])
def test_a_sentence_finds_the_cards_that_match_it_best_first(finder, data: dict, typed: str,
                                                             first_titles: set[str]) -> None:
    page = finder
    page.get_by_label("Votre situation en quelques mots").fill(typed)
    page.wait_for_function("typed => new URLSearchParams(location.search).get('texte') === typed", arg=typed)
    settled(page)
    titles = [title.replace("\u2019", "'") for title in page.locator(f"{SHOWN} strong").all_inner_texts()]
    assert 0 < found(page) < len(data["cards"]) / 2, (typed, found(page))
    assert set(titles[:len(first_titles) + 1]) >= first_titles, (typed, titles[:5])
    assert not page.get_by_role("status").inner_text().startswith("Aucune")


def test_the_phase_filter_says_it_hides_the_cards_without_a_phase(finder, data: dict) -> None:
    page = finder
    phase = data["facets"][[facet["key"] for facet in data["facets"]].index("phase")]
    column = [facet["key"] for facet in data["facets"]].index("phase") + 1
    without = sum(1 for row in data["cards"] if not row[column])
    assert without, "the handbook has cards without a phase"
    page.get_by_role("group", name="Phase").get_by_role("checkbox", name=phase["values"][0][1]).check()
    settled(page)
    assert page.get_by_role("status").inner_text().endswith(
        f"Le filtre Phase masque aussi {without} fiches sans phase, valables à tout moment.")
