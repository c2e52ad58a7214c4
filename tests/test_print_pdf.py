"""PDFs as ``make pdf`` writes them, read back with poppler and zbar, and decks in a real Chromium.

A few documents only (the fixture's section, whole handbook and deck, and one section of the
real handbook with its deck), to keep the suite fast; every document is printed by the same code.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest

from browser_support import CHROMIUM, chromium_page, needs_chromium, overlay, serve_directory
from maillage.addresses import address
from conftest import Project
from maillage.model.handbook import Handbook
from maillage.printing.pdf import make_pdfs, print_jobs, print_to_pdf
from maillage.rendering.typography import french_text as typeset
from print_support import PDF_TOOLS, SITE_URL, flat, needs_pdf_tools, pdf_pages, pdf_text

BODY_MM = (17, 18, 17, 20)
"""print.css's page margins (left, top, right, bottom): the page title and number sit in them."""
REAL_SECTION = "groupements-employeurs"
LONG_CARDS_SECTION = "perenniser"
"""The section whose cards took three pages each (issue 14)."""


@pytest.fixture(scope="module")
def fixture_pdfs(printed: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")  # beside the shared build, which other tests read
    make_pdfs([job for job in print_jobs(printed.root / "site", out) if job.name in ("lancer", "guide-complet", "cartes")])
    return out


@pytest.fixture(scope="module")
def real_pdfs(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    make_pdfs([job for job in print_jobs(real_site, out)
               if job.name in (REAL_SECTION, f"{REAL_SECTION}-cartes", LONG_CARDS_SECTION)])
    return out


def section_cards(handbook: Handbook, slug: str) -> list:
    return handbook.section_cards(next(section for section in handbook.sections if section.slug == slug))


@needs_pdf_tools
@pytest.mark.parametrize("which", ["fixture section", "fixture whole", "real section"])
def test_a_section_pdf_has_every_card_title_a_page_per_card_and_no_blank_page(
        which: str, fixture_pdfs: Path, real_pdfs: Path, model: Handbook,
        handbook: Handbook) -> None:
    if which == "fixture section":
        pdf, cards = fixture_pdfs / "lancer.pdf", section_cards(model, "lancer")
    elif which == "fixture whole":
        pdf, cards = fixture_pdfs / "guide-complet.pdf", [*model.cards.values(), *model.cases.values()]
    else:
        pdf, cards = real_pdfs / f"{REAL_SECTION}.pdf", section_cards(handbook, REAL_SECTION)
    text = flat(" ".join(pdf_text(pdf)))
    assert [card.title for card in cards if flat(typeset(card.title)) not in text] == []  # as typeset
    assert pdf_pages(pdf) >= len(cards) + 1, "a cover, then each card on a page of its own"
    bodies = pdf_text(pdf, crop_mm=BODY_MM)
    assert len(bodies) == pdf_pages(pdf)
    assert [number for number, body in enumerate(bodies, start=1) if not body.strip()] == [], "blank pages"


@needs_pdf_tools
def test_pages_carry_the_document_title_and_their_number_in_the_margins_but_the_cover(fixture_pdfs: Path) -> None:
    pages = pdf_text(fixture_pdfs / "lancer.pdf")
    total = len(pages)
    assert "Guide d'essai · Lancer un réseau" not in pages[0] and not re.search(rf"\b1 ?/ ?{total}\b", pages[0])
    for number, page in enumerate(pages[1:], start=2):
        assert "Guide d'essai · Lancer un réseau" in page and re.search(rf"\b{number} ?/ ?{total}\b", page), number
    bodies = pdf_text(fixture_pdfs / "lancer.pdf", crop_mm=BODY_MM)
    assert not [body for body in bodies if "Guide d'essai · Lancer" in body or re.search(rf"/ ?{total}\b", body)], \
        "the blank-page test reads the body without the margins"


@needs_pdf_tools
@pytest.mark.parametrize("which", ["fixture", "real"])
def test_a_deck_pdf_has_two_pages_a_sheet_and_qr_codes_that_lead_to_each_card(
        which: str, fixture_pdfs: Path, real_pdfs: Path, model: Handbook,
        handbook: Handbook, tmp_path: Path) -> None:
    if which == "fixture":
        pdf, cards, site_url = fixture_pdfs / "cartes.pdf", list(model.cards.values()), SITE_URL
    else:
        pdf, cards = real_pdfs / f"{REAL_SECTION}-cartes.pdf", section_cards(handbook, REAL_SECTION)
        site_url = "https://maillage.github.io/maillage/"
    assert pdf_pages(pdf) == 2 + 2 * math.ceil(len(cards) / 4), "a cover and its back, then each sheet's two sides"
    assert "Édition du" in pdf_text(pdf)[0] and "bord court" in pdf_text(pdf)[1]
    bookmarks = outline_of(pdf)
    assert bookmarks[0] == (0, "Couverture", 1) and len(bookmarks) == 1 + len(cards)
    texts = [flat(page) for page in pdf_text(pdf)]
    for _, title, page in bookmarks[1:]:
        number = title.split(" · ")[0].removeprefix("Carte ")
        assert f"· carte {number}" in texts[page - 1] and page % 2 == 1, (title, page)  # on the front
    info = subprocess.run([PDF_TOOLS["pdfinfo"], "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    assert "841.92 x 594.96 pts (A4)" in info and "594.96 x 841.92" not in info, "every sheet is A4 landscape"
    backs = [PDF_TOOLS["pdftoppm"], "-e", "-r", "120", "-gray", "-png", str(pdf), str(tmp_path / "page")]
    subprocess.run(backs, check=True)
    decoded = subprocess.run([PDF_TOOLS["zbarimg"], "-q", "--raw", *sorted(map(str, tmp_path.glob("page*.png")))],
                             capture_output=True, text=True).stdout.split()
    assert sorted(decoded) == sorted(site_url + address(card) for card in cards)


@needs_pdf_tools
def test_a_card_page_printed_from_the_browser_is_one_clean_card(printed: Project, tmp_path: Path) -> None:
    pdf = tmp_path / "fiche.pdf"
    print_to_pdf(printed.root / "site/fiches/partir-des-objectifs/index.html", pdf, CHROMIUM)
    text = flat(" ".join(pdf_text(pdf)))
    assert "Partir des objectifs que les entreprises se fixent elles-mêmes" in text
    assert "Réunir les dirigeants." in text
    for chrome in ("Rechercher", "Imprimer cette fiche", "Guide d'essai Accueil", "Table des matières",
                   "Animer le réseau chaque mois Des rencontres"):  # search, buttons, menus, the next-card pager
        assert chrome not in text, chrome
    assert pdf_pages(pdf) <= 2


@needs_chromium
def test_deck_steps_fit_their_face_and_a_pdf_link_appears_once_its_pdf_exists(
        real_site: Path, real_pdfs: Path, tmp_path: Path) -> None:
    site = overlay(real_site, tmp_path / "site")  # the PDF beside the site, as make pdf writes it
    pdf = site / "pdf" / f"{REAL_SECTION}.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes((real_pdfs / pdf.name).read_bytes())
    with serve_directory(site) as base_url, chromium_page() as page:
        page.goto(base_url + "imprimer/cartes/")
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.maillage-deck__face')]
            .filter(face => face.scrollHeight > face.clientHeight + 1
                            || face.querySelector('.maillage-deck__steps--clipped'))
            .map(face => face.textContent.trim().slice(0, 60))""")
        assert overflowing == []
        assert page.locator(".maillage-deck__steps").count() == len(list((real_site / "fiches").iterdir()))
        assert page.locator("a.maillage-pdf-link").is_hidden(), "the whole deck has no PDF here: no link"
        page.goto(base_url + f"imprimer/{REAL_SECTION}/")
        page.locator("a.maillage-pdf-link").wait_for(state="visible")


def outline_of(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, page from 1), in order."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


@needs_pdf_tools
@pytest.mark.parametrize("which", ["fixture whole", "real section"])
def test_a_document_pdf_has_bookmarks_and_its_contents_give_each_card_s_page(
        which: str, fixture_pdfs: Path, real_pdfs: Path, model: Handbook,
        handbook: Handbook) -> None:
    """Each card's bookmark and its line in the contents lead to the page that opens with its
    title (printed in the body, under its kicker)."""
    if which == "fixture whole":
        pdf, cards = fixture_pdfs / "guide-complet.pdf", list(model.cards.values())
    else:
        pdf, cards = real_pdfs / f"{REAL_SECTION}.pdf", section_cards(handbook, REAL_SECTION)
    bookmarks = outline_of(pdf)
    assert bookmarks[:2] == [(0, "Couverture", 1), (0, "Sommaire", 2)]
    bodies = [flat(body) for body in pdf_text(pdf, crop_mm=BODY_MM)]
    contents = flat(pdf_text(pdf)[1])
    for card in cards:
        marks = [(title, page) for _, title, page in bookmarks if flat(title).endswith(" · " + flat(card.title))]
        assert len(marks) == 1, (card.title, bookmarks)
        title, page = marks[0]
        number = re.escape(title.split(" · ")[0])  # "Fiche 3"
        assert re.search(rf"(?i){number}\s+{re.escape(flat(card.title))}", bodies[page - 1]), title  # its kicker, its title
        assert re.search(rf"{number} · .*?\s{page}(\s|$)", contents), (title, page)
    assert any(title == "Sources citées" for _, title, _ in bookmarks)


@needs_pdf_tools
@pytest.mark.parametrize("section", [REAL_SECTION, LONG_CARDS_SECTION])
def test_a_card_takes_one_or_two_pages_of_a_section_document(
        real_pdfs: Path, handbook: Handbook, section: str) -> None:
    """Measured with make pdf (December 2026): every card of every section on one or two A4
    pages; perenniser.pdf 39 pages for 17 cards (50 before), the whole handbook 292 (320)."""
    pdf, cards = real_pdfs / f"{section}.pdf", section_cards(handbook, section)
    starts = [page for _, title, page in outline_of(pdf) if title.startswith("Fiche ")]
    appendices = [page for depth, title, page in outline_of(pdf) if title == "Sources citées"]
    assert len(starts) == len(cards) and appendices
    spans = [following - start for start, following in zip(starts, starts[1:] + appendices[:1])]
    assert max(spans) <= 2, spans
    total = pdf_pages(pdf)
    print(f"\n{pdf.name}: {total} pages for {len(cards)} cards, {sum(span == 1 for span in spans)} on one page")
    assert total <= 2 + 2 * len(cards) + 3, "a cover, the contents, two pages a card at most, the appendices"


@needs_pdf_tools
@pytest.mark.parametrize(("card", "pages"), [
    # The second edition's source years and provenance labels brought this long card back to three.
    ("trouver-le-bon-animateur", 3), ("cibler-publics-insertion-geiq", 2), ("adapter-le-reseau-aux-besoins", 2)])
def test_a_real_card_printed_from_its_page_takes_two_pages_at_most(real_site: Path, tmp_path: Path, card: str,
                                                                    pages: int) -> None:
    """"Imprimer cette fiche": four half-empty pages before; most cards now take two."""
    pdf = tmp_path / "fiche.pdf"
    print_to_pdf(real_site / "fiches" / card / "index.html", pdf, CHROMIUM)
    assert pdf_pages(pdf) <= pages
