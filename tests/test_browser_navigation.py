"""Moving around the real handbook in a real Chromium: from a card to its section, themes,
related cards and back through the backlinks, its cases, its neighbours; the menu on a phone;
the navigation gone from what is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.addresses import address
from browser_support import SHARED, chromium_page, needs_chromium, serve_directory
from maillage.rendering.typography import french_text as typeset
from maillage.model.entries import Card
from maillage.model.handbook import Handbook

pytestmark = needs_chromium

PHONE = {"width": 375, "height": 812}
CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, nav"
"""What is there to move around the site, not to read: the theme's header, menus and footer,
and any other navigation block (the print page's toolbar)."""


def on_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.fixture(scope="module")
def browser(real_site: Path):
    with serve_directory(real_site) as base_url, chromium_page() as page:
        yield base_url, page


@pytest.fixture(scope="module")
def card(handbook: Handbook) -> Card:  # noqa: F811
    """The first card, in reading order, that has every kind of link."""
    return next(card for section in handbook.sections for card in handbook.section_cards(section)
                if card.related and card.referenced_by and card.cases and card.previous and card.next)


def test_a_card_links_to_its_section_and_its_themes(browser, card: Card, handbook: Handbook) -> None:  # noqa: F811
    base_url, page = browser
    page.goto(base_url + address(card))
    page.locator(".maillage-facts").get_by_role("link", name=card.section.title).click()
    page.wait_for_url(base_url + address(card.section))
    page.goto(base_url + address(card))
    theme = handbook.vocabulary.themes[card.themes[0]]
    page.locator(".md-content .md-tags").get_by_role("link", name=theme).click()
    page.wait_for_url(base_url + "themes/#tag:*")
    listed = page.locator(f"[id='{page.url.split('#')[1]}']").locator("xpath=following-sibling::ul[1]")
    assert listed.get_by_role("link", name=card.title).count() == 1


def test_a_related_card_links_back_to_the_card(browser, card: Card) -> None:
    base_url, page = browser
    page.goto(base_url + address(card))
    other = card.related[0]
    page.locator("#fiches-liees + ul").get_by_role("link", name=other.title, exact=True).click()
    page.wait_for_url(base_url + address(other))
    page.locator("#ces-fiches-renvoient-ici + ul").get_by_role("link", name=card.title, exact=True).click()
    page.wait_for_url(base_url + address(card))


def test_a_card_leads_to_its_cases_and_its_neighbours(browser, card: Card) -> None:
    base_url, page = browser
    page.goto(base_url + address(card))
    page.locator("#experiences + ul").get_by_role("link", name=card.cases[0].title, exact=True).click()
    page.wait_for_url(base_url + address(card.cases[0]))
    assert page.locator("article").get_by_role("link", name=card.title, exact=True).count() >= 1
    page.goto(base_url + address(card))
    page.locator(".maillage-pager__next").click()
    page.wait_for_url(base_url + address(card.next))
    page.locator(".maillage-pager__previous").click()
    page.wait_for_url(base_url + address(card))
    page.locator(".maillage-pager__previous").click()
    page.wait_for_url(base_url + address(card.previous))


def test_on_a_phone_the_menu_opens_and_leads_to_the_finder(browser, card: Card) -> None:
    base_url, desktop = browser
    page = SHARED.new_page(viewport=PHONE)
    try:
        page.goto(base_url + address(card))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        menu = page.locator("label.md-header__button[for='__drawer']")
        assert menu.is_visible()
        finder = page.locator(".md-sidebar--primary").get_by_role("link", name="Trouver une pratique")
        assert not on_screen(finder)  # the drawer waits off-screen
        menu.click()
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        assert on_screen(finder)
        finder.click()
        page.wait_for_url(base_url + "trouver/")
        page.get_by_role("checkbox", name="lancer").wait_for(state="visible")
    finally:
        page.close()


def test_a_printed_section_page_shows_the_cards_without_the_navigation(
        browser, handbook: Handbook) -> None:  # noqa: F811
    base_url, page = browser
    section = handbook.sections[0]
    page.goto(base_url + address(section))
    assert page.locator(f"{CHROME} >> visible=true").count() > 0
    page.emulate_media(media="print")
    try:
        assert page.locator(f"{CHROME} >> visible=true").count() == 0
        first = handbook.section_cards(section)[0]
        assert page.locator("article").get_by_role("link", name=first.title, exact=True).is_visible()
    finally:
        page.emulate_media(media="screen")


def test_the_print_page_of_a_section_prints_without_its_toolbar(
        browser, real_site: Path, handbook: Handbook) -> None:  # noqa: F811
    section = handbook.sections[0]
    if not (real_site / "imprimer" / section.slug / "index.html").exists():
        pytest.skip(f"no print page imprimer/{section.slug}/ in this build")
    base_url, page = browser
    page.goto(f"{base_url}imprimer/{section.slug}/")
    assert page.locator(f"{CHROME} >> visible=true").count() > 0
    page.emulate_media(media="print")
    try:
        assert page.locator(f"{CHROME} >> visible=true").count() == 0
        for card in handbook.section_cards(section):
            assert page.get_by_role("heading", name=typeset(card.title), exact=True).is_visible()
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("width", [1280, PHONE["width"]])
def test_the_previous_and_next_cards_are_two_links_apart(browser, card: Card, width: int) -> None:
    """Each in its own block, the previous on the left, the next on the right, never one
    paragraph that runs the two titles together."""
    base_url, page = browser
    page.set_viewport_size({"width": width, "height": 900})
    try:
        page.goto(base_url + address(card))
        previous, following = page.locator(".maillage-pager__previous"), page.locator(".maillage-pager__next")
        assert page.locator(".maillage-pager > *").count() == 2
        assert page.locator(".maillage-pager > *", has=previous).count() == 1
        assert page.locator(".maillage-pager > *", has=following).count() == 1
        assert page.locator(".maillage-pager > *", has=previous).evaluate(
            "(block, next) => !block.contains(next)", following.element_handle())
        left, right = previous.bounding_box(), following.bounding_box()
        assert left["x"] + left["width"] <= right["x"], (left, right)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_card_or_case_page_highlights_its_section_in_the_navigation(browser, card: Card) -> None:
    base_url, page = browser
    for where, section, url in ((address(card), card.section.title, address(card.section)),
                                (address(card.cases[0]), "Expériences", "experiences/")):
        page.goto(base_url + where)
        active = page.locator(".md-sidebar--primary .md-nav__item--active > a.md-nav__link")
        assert active.count() == 1, where
        assert " ".join(active.inner_text().split()) == section
        colour = active.evaluate("link => getComputedStyle(link).color")
        other = page.locator(".md-sidebar--primary .md-nav__item:not(.md-nav__item--active) > a.md-nav__link").first
        assert colour != other.evaluate("link => getComputedStyle(link).color"), "highlighted"
        active.click()
        page.wait_for_url(base_url + url)
