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

from browser_support import CHROMIUM, chromium_page, needs_chromium, serve_directory
from conftest import Project
from maillage.model.handbook import Handbook
from maillage.printing.pdf import make_pdfs, print_jobs, print_to_pdf
from maillage.rendering.typography import french_text as typeset
from print_support import PDF_TOOLS, flat, needs_pdf_tools, pdf_pages, pdf_text
from test_handbook import handbook as real_handbook  # noqa: F401  (the real model, loaded once per session)
from test_handbook import site as real_site  # noqa: F401  (the real site, built once per session)
from test_print import SITE_URL, model, printed  # noqa: F401  (the fixture handbook, built once per module)

BODY_MM = (17, 18, 17, 20)
"""print.css's page margins (left, top, right, bottom): the page title and number sit in them."""
REAL_SECTION = "groupements-employeurs"


@pytest.fixture(scope="module")
def fixture_pdfs(printed: Project) -> Path:  # noqa: F811
    site = printed.root / "site"
    make_pdfs([job for job in print_jobs(site, site / "pdf") if job.name in ("lancer", "guide-complet", "cartes")])
    return site / "pdf"


@pytest.fixture(scope="module")
def real_pdfs(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("pdf")
    make_pdfs([job for job in print_jobs(real_site, out) if job.name in (REAL_SECTION, f"{REAL_SECTION}-cartes")])
    return out


def section_cards(handbook: Handbook, slug: str) -> list:
    return handbook.section_cards(next(section for section in handbook.sections if section.slug == slug))


@needs_pdf_tools
@pytest.mark.parametrize("which", ["fixture section", "fixture whole", "real section"])
def test_a_section_pdf_has_every_card_title_a_page_per_card_and_no_blank_page(
        which: str, fixture_pdfs: Path, real_pdfs: Path, model: Handbook,  # noqa: F811
        real_handbook: Handbook) -> None:  # noqa: F811
    if which == "fixture section":
        pdf, cards = fixture_pdfs / "lancer.pdf", section_cards(model, "lancer")
    elif which == "fixture whole":
        pdf, cards = fixture_pdfs / "guide-complet.pdf", [*model.cards.values(), *model.cases.values()]
    else:
        pdf, cards = real_pdfs / f"{REAL_SECTION}.pdf", section_cards(real_handbook, REAL_SECTION)
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
        which: str, fixture_pdfs: Path, real_pdfs: Path, model: Handbook,  # noqa: F811
        real_handbook: Handbook, tmp_path: Path) -> None:  # noqa: F811
    if which == "fixture":
        pdf, cards, site_url = fixture_pdfs / "cartes.pdf", list(model.cards.values()), SITE_URL
    else:
        pdf, cards = real_pdfs / f"{REAL_SECTION}-cartes.pdf", section_cards(real_handbook, REAL_SECTION)
        site_url = "https://maillage.github.io/maillage/"
    assert pdf_pages(pdf) == 2 * math.ceil(len(cards) / 4)
    info = subprocess.run([PDF_TOOLS["pdfinfo"], "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    assert "841.92 x 594.96 pts (A4)" in info and "594.96 x 841.92" not in info, "every sheet is A4 landscape"
    backs = [PDF_TOOLS["pdftoppm"], "-e", "-r", "120", "-gray", "-png", str(pdf), str(tmp_path / "page")]
    subprocess.run(backs, check=True)
    decoded = subprocess.run([PDF_TOOLS["zbarimg"], "-q", "--raw", *sorted(map(str, tmp_path.glob("page*.png")))],
                             capture_output=True, text=True).stdout.split()
    assert sorted(decoded) == sorted(site_url + card.url for card in cards)


@needs_pdf_tools
def test_a_card_page_printed_from_the_browser_is_one_clean_card(printed: Project, tmp_path: Path) -> None:  # noqa: F811
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
        real_site: Path, real_pdfs: Path) -> None:  # noqa: F811
    pdf = real_site / "pdf" / f"{REAL_SECTION}.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes((real_pdfs / pdf.name).read_bytes())
    try:
        with serve_directory(real_site) as base_url, chromium_page() as page:
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
    finally:
        pdf.unlink()
        pdf.parent.rmdir()
