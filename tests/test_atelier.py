"""The workshop builder (atelier/, issue 17), driven in Chromium on the real handbook.

A trainer adds five cards from three sections, reorders them with the keyboard, sets durations,
then prints the three documents: the PDFs hold exactly those cards in that order, the deck's QR
codes lead to them, the programme is one page, and the address alone rebuilds the workshop in a
browser that never saw it. One browser and one built site (``real_site``) for the whole module;
the workshop is built once and its PDFs printed once.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from browser_support import CHROMIUM, SHARED, needs_chromium, serve_directory
from maillage.workshop.kits import KitProblem, load_kits
from print_support import PDF_TOOLS, flat, needs_pdf_tools, pdf_pages, pdf_text

BLOCKING = {"serious", "critical"}
MINUTES = [30, 45, 20, 25, 40]


# ---- The kits file: checked like a card, in French -------------------------------------------

KNOWN = SimpleNamespace(cards={"demarrer-petit": object(), "trouver-le-bon-animateur": object()})


def test_a_kit_naming_an_unknown_card_or_an_impossible_duration_fails_with_french_messages() -> None:
    text = """
ateliers:
  - id: essai
    titre: Un atelier d'essai
    description: Un atelier pour vérifier les messages.
    fiches:
      - fiche: demarrer-petit
        minutes: 900
      - fiche: fiche-inexistante
        minutes: 20
      - {fiche: demarrer-petit, minutes: 20, duree: 3}
"""
    with pytest.raises(KitProblem) as caught:
        load_kits(text, KNOWN)
    message = str(caught.value)
    assert "docs/atelier/ateliers.yml, ateliers[1].fiches[1].minutes : nombre trop grand (au plus 480)" in message
    assert "ateliers[1].fiches[3] : champ inconnu" in message
    # The schema passes once the unknown field is gone; then the cards are checked.
    with pytest.raises(KitProblem) as caught:
        load_kits(text.replace("900", "30").replace(", duree: 3", ""), KNOWN)
    assert "ateliers[1].fiches[2].fiche : aucune fiche « fiche-inexistante » dans practices/" in str(caught.value)
    assert "ateliers[1].fiches[3].fiche : « demarrer-petit » figure déjà dans cet atelier" in str(caught.value)


def test_a_wrong_kits_file_fails_the_build_and_says_where(project, build_log) -> None:
    from mkdocs.exceptions import Abort

    project.write("docs/atelier/ateliers.yml", "ateliers:\n  - id: essai\n    titre: Atelier d'essai\n"
                  "    description: Un atelier qui cite une fiche absente.\n"
                  "    fiches:\n      - {fiche: partir-des-objectifs, minutes: 30}\n      - {fiche: absente, minutes: 20}\n")
    with pytest.raises(Abort):
        project.build()
    assert ("docs/atelier/ateliers.yml : 1 problème à corriger\ndocs/atelier/ateliers.yml, ateliers[1].fiches[2].fiche : "
            "aucune fiche « absente » dans practices/") in build_log.text


def test_the_real_kits_name_only_existing_cards(real_site: Path) -> None:
    data = json.loads((real_site / "atelier" / "fiches.json").read_text(encoding="utf-8"))
    known = {row[0] for row in data["fiches"]}
    assert len(data["ateliers"]) >= 3
    for kit in data["ateliers"]:
        assert {card for card, _, _ in kit["fiches"]} <= known, kit["id"]
    assert not (real_site / "atelier" / "ateliers.yml").exists(), "read by the build, not published"


# ---- In the browser --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    """The session's one Chromium (browser_support): tests open their own contexts in it."""
    if CHROMIUM is None:
        pytest.skip("Chromium absent: apt-get install chromium (.ci/run installs it)")
    return SHARED


@pytest.fixture(scope="module")
def base_url(real_site: Path):
    with serve_directory(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def chosen(real_site: Path) -> list[tuple[str, str]]:
    """Five cards from three sections, (id, title): two of the first, two of the second, one of the last."""
    data = json.loads((real_site / "atelier" / "fiches.json").read_text(encoding="utf-8"))
    by_section: dict[int, list[tuple[str, str]]] = {}
    for card_id, title, section, *_ in data["fiches"]:
        by_section.setdefault(section, []).append((card_id, title))
    sections = sorted(by_section)
    return [*by_section[sections[0]][:2], *by_section[sections[1]][:2], by_section[sections[-1]][0]]


def open_builder(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#maillage-atelier:not([hidden]) #atelier-choix option[value]:not([value=''])",
                           state="attached")


def listed(page) -> list[str]:
    return page.eval_on_selector_all("#atelier-fiches > li", "items => items.map(item => item.dataset.id)")


@pytest.fixture(scope="module")
def workshop(browser, base_url: str, chosen: list[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory):
    """The workshop a trainer builds, its shared address, its order, and its three PDFs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_builder(page, base_url + "atelier/")
    for card_id, _ in chosen:
        page.select_option("#atelier-choix", card_id)
        page.click("#atelier-ajouter")
    assert listed(page) == [card_id for card_id, _ in chosen]
    # Reorder with the keyboard: the fourth card up twice, the first down once.
    fourth = chosen[3][0]
    page.focus(f"#atelier-fiches > li[data-id='{fourth}'] [data-action='monter']")
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.activeElement.closest('li')?.dataset.id === id", arg=fourth)
    page.keyboard.press("Enter")  # focus stayed on the moved card's button
    page.focus(f"#atelier-fiches > li[data-id='{chosen[0][0]}'] [data-action='descendre']")
    page.keyboard.press("Enter")
    order = [chosen[3], chosen[0], chosen[1], chosen[2], chosen[4]]
    assert listed(page) == [card_id for card_id, _ in order]
    page.wait_for_function("() => document.getElementById('atelier-annonce').textContent.includes('en position 2 sur 5')")
    for (card_id, _), minutes in zip(order, MINUTES):
        page.fill(f"#atelier-duree-{card_id}", str(minutes))
    page.fill(f"#atelier-note-{order[0][0]}", "Tour de table <b>sans balise</b>, puis 2.5 min chacun.")
    page.fill("#atelier-titre", "Trois heures avec douze dirigeants")
    page.fill("#atelier-date", "2027-03-16")
    page.fill("#atelier-debut", "14:00")
    page.wait_for_function("() => location.hash.includes('debut=14')")
    assert page.inner_text("#atelier-resume") == "5 fiches · 2 h 40 · de 14:00 à 16:40"
    shared = page.url
    out = tmp_path_factory.mktemp("atelier-pdf")
    pdfs = {}
    for kind in ("programme", "livret", "cartes"):
        document = context.new_page()
        document.goto(page.get_attribute(f"#atelier-document-{kind}", "href"))
        document.wait_for_selector(".maillage-atelier-document--pret", state="attached")
        pdfs[kind] = out / f"{kind}.pdf"
        document.pdf(path=str(pdfs[kind]), prefer_css_page_size=True, print_background=True)
        document.close()
    yield SimpleNamespace(page=page, shared=shared, order=order, pdfs=pdfs, out=out)
    context.close()


@needs_chromium
def test_the_shared_address_rebuilds_the_same_workshop_in_a_fresh_browser(browser, workshop) -> None:
    context = browser.new_context()  # no local storage: only the address
    try:
        page = context.new_page()
        open_builder(page, workshop.shared)
        assert listed(page) == [card_id for card_id, _ in workshop.order]
        assert [page.input_value(f"#atelier-duree-{card_id}") for card_id, _ in workshop.order] == list(map(str, MINUTES))
        assert page.input_value("#atelier-titre") == "Trois heures avec douze dirigeants"
        assert page.input_value("#atelier-date") == "2027-03-16"
        assert page.input_value(f"#atelier-note-{workshop.order[0][0]}") == "Tour de table <b>sans balise</b>, puis 2.5 min chacun."
        assert page.inner_text("#atelier-resume") == "5 fiches · 2 h 40 · de 14:00 à 16:40"
    finally:
        context.close()


@needs_chromium
def test_the_workshop_survives_a_reload_without_its_address(workshop, base_url: str) -> None:
    page = workshop.page.context.new_page()
    try:
        open_builder(page, base_url + "atelier/")  # local storage, same browser
        assert listed(page) == [card_id for card_id, _ in workshop.order]
    finally:
        page.close()


@needs_pdf_tools
def test_the_programme_is_one_page_with_the_timings_and_titles_in_order(workshop) -> None:
    pdf = workshop.pdfs["programme"]
    assert pdf_pages(pdf) == 1
    text = flat(subprocess.run([PDF_TOOLS["pdftotext"], str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout)
    assert "Trois heures avec douze dirigeants" in text and "mardi 16 mars 2027 · 14:00 – 16:40" in text
    positions = [text.index(f"{number}. {title[:20]}") for number, (_, title) in enumerate(workshop.order, start=1)]
    assert positions == sorted(positions)
    starts = re.findall(r"\b(1[4-6]:\d\d) – ", text)
    assert starts[1:] == ["14:00", "14:30", "15:15", "15:35", "16:00"]  # after the header's 14:00 – 16:40
    assert "Tour de table" in text and "<b>sans" in text, "the trainer's note, as text (its column wraps it)"


@needs_pdf_tools
def test_the_handout_holds_exactly_those_cards_in_that_order_one_per_page(workshop) -> None:
    pdf = workshop.pdfs["livret"]
    pages = [flat(page) for page in pdf_text(pdf)]
    numbered = [(page_number, int(match)) for page_number, page in enumerate(pages)
                for match in re.findall(r"· FICHE (\d+)", page)]
    assert [number for _, number in numbered] == [1, 2, 3, 4, 5], "five cards, numbered in workshop order"
    for (page_number, number), (_, title) in zip(numbered, workshop.order):
        assert flat(title) in pages[page_number], (number, title)
    assert len({page_number for page_number, _ in numbered}) == 5, "a page of its own for each card"
    whole = " ".join(pages)
    assert "Sources citées" in whole and "Sigles et termes du glossaire" in whole
    assert "Note de l'animateur : Tour de table <b>sans balise</b>" in whole


@needs_pdf_tools
def test_the_deck_is_two_landscape_pages_a_sheet_with_qr_codes_to_those_five_cards(workshop, real_site: Path) -> None:
    pdf = workshop.pdfs["cartes"]
    assert pdf_pages(pdf) == 2 * math.ceil(5 / 4)
    info = subprocess.run([PDF_TOOLS["pdfinfo"], "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    assert "841.92 x 594.96 pts (A4)" in info and "594.96 x 841.92" not in info
    site = json.loads((real_site / "atelier" / "fiches.json").read_text(encoding="utf-8"))["site"]
    subprocess.run([PDF_TOOLS["pdftoppm"], "-e", "-r", "120", "-gray", "-png", str(pdf), str(workshop.out / "deck")],
                   check=True)
    decoded = subprocess.run([PDF_TOOLS["zbarimg"], "-q", "--raw", *sorted(map(str, workshop.out.glob("deck*.png")))],
                             capture_output=True, text=True).stdout.split()
    assert sorted(decoded) == sorted(f"{site}fiches/{card_id}/" for card_id, _ in workshop.order)
    fronts = flat(pdf_text(pdf)[0])
    assert re.findall(r"carte (\d)", fronts) == ["1", "2", "3", "4"]


@needs_chromium
def test_the_builder_has_no_serious_accessibility_violation(workshop) -> None:
    from axe_playwright_python.sync_playwright import Axe

    blocking = {}
    for scheme in ("light", "dark"):
        workshop.page.emulate_media(color_scheme=scheme)
        results = Axe().run(workshop.page)
        blocking[scheme] = [f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes'][:3]]}"
                            for violation in results.response["violations"] if violation["impact"] in BLOCKING]
    workshop.page.emulate_media(color_scheme="light")
    assert blocking == {"light": [], "dark": []}


@needs_chromium
def test_once_loaded_the_builder_works_without_a_network(browser, base_url: str, chosen: list[tuple[str, str]]) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        open_builder(page, base_url + "atelier/")
        page.wait_for_function("() => document.documentElement.dataset.maillageHorsLigne === 'pret'")
        context.set_offline(True)
        for card_id, _ in chosen[:2]:
            page.select_option("#atelier-choix", card_id)
            page.click("#atelier-ajouter")
        page.click(f"#atelier-fiches > li[data-id='{chosen[1][0]}'] [data-action='monter']")
        assert listed(page) == [chosen[1][0], chosen[0][0]]
        assert f"f={chosen[1][0]}.20&f={chosen[0][0]}.20" in page.url
        page.reload()  # the service worker answers from its cache
        page.wait_for_selector("#atelier-fiches > li", state="attached")
        assert listed(page) == [chosen[1][0], chosen[0][0]]
        handout = context.new_page()
        handout.goto(page.get_attribute("#atelier-document-livret", "href"))
        handout.wait_for_selector(".maillage-atelier-document--pret", state="attached")
        kickers = handout.eval_on_selector_all(".maillage-print-entry", "nodes => nodes.map(node => node.textContent)")
        assert [kicker.split("·")[-1].strip() for kicker in kickers] == ["fiche 1", "fiche 2"]
        assert handout.inner_text("h2#fiche-" + chosen[1][0]).startswith(chosen[1][1][:20])
    finally:
        context.close()


@needs_chromium
def test_a_hostile_address_keeps_known_cards_only_and_its_text_stays_text(browser, base_url: str,
                                                                          chosen: list[tuple[str, str]]) -> None:
    first, second = chosen[0][0], chosen[1][0]
    hostile = ("titre=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&debut=25:99"
               f"&f={first}.99999.%3Cscript%3Ealert(1)%3C%2Fscript%3E&f={first}.10&f=..%2F..%2Fetc.5"
               f"&f=inconnue.5&f=%3Cb%3E.5&f={second}.abc")
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_builder(page, f"{base_url}atelier/#{hostile}")
        assert listed(page) == [first, second]
        assert page.input_value(f"#atelier-duree-{first}") == "480" and page.input_value(f"#atelier-duree-{second}") == "20"
        assert page.input_value("#atelier-debut") == "09:00"
        page.goto(f"{base_url}atelier/programme/#{hostile}")
        page.wait_for_selector(".maillage-atelier-document--pret", state="attached")
        assert page.inner_text("h1#couverture") == "<img src=x onerror=alert(1)>"
        assert page.locator("article img, article script").count() == 0 and dialogs == []
        assert "<script>alert(1)</script>" in page.inner_text("article")
    finally:
        context.close()


@needs_chromium
def test_cards_are_added_from_a_card_page_and_kits_and_reading_paths_open_in_one_click(
        browser, base_url: str, chosen: list[tuple[str, str]], real_site: Path) -> None:
    card_id, title = chosen[2]
    context = browser.new_context()
    try:
        builder = context.new_page()
        open_builder(builder, base_url + "atelier/")  # open in another tab: it follows
        page = context.new_page()
        page.goto(f"{base_url}fiches/{card_id}/")
        page.get_by_role("button", name=f"Ajouter à mon atelier : « {title} »").click()
        page.wait_for_selector(".maillage-atelier-add[aria-pressed='true']")
        assert "1 fiche" in page.inner_text(".maillage-atelier-add__count")
        builder.wait_for_function("id => document.querySelector('#atelier-fiches > li')?.dataset.id === id", arg=card_id)
        builder.close()
        page.goto(f"{base_url}lancer/")
        page.wait_for_selector(".maillage-atelier-add--small", state="attached")
        assert page.locator(".maillage-atelier-add--small").count() == page.locator("article li > a > strong").count()
        # The finder draws its cards a page at a time: each card gets its button as it comes.
        page.goto(f"{base_url}trouver/")
        page.wait_for_selector(".maillage-finder__cards:not([aria-busy]) li[id^='fiche-'] .maillage-atelier-add",
                               state="attached")
        first = page.locator("li[id^='fiche-']").count()
        assert page.locator(".maillage-atelier-add").count() == first
        page.locator(".maillage-finder__more").click()
        page.wait_for_function("count => document.querySelectorAll('.maillage-atelier-add').length > count", arg=first)
        page.wait_for_selector(".maillage-finder__cards:not([aria-busy])", state="attached")
        assert page.locator(".maillage-atelier-add").count() == page.locator("li[id^='fiche-']").count() > first
        open_builder(page, base_url + "atelier/")
        assert listed(page) == [card_id]
        data = json.loads((real_site / "atelier" / "fiches.json").read_text(encoding="utf-8"))
        kit = data["ateliers"][0]
        page.get_by_role("button", name=kit["titre"]).click()
        assert listed(page) == [card for card, _, _ in kit["fiches"]]
        assert page.input_value("#atelier-titre") == kit["titre"]
        page.click(".maillage-atelier__path >> text=Formateur")
        page.wait_for_function("() => document.getElementById('atelier-titre').value.startsWith('Formateur')")
        parcours = re.findall(r"\]\(\.\./fiches/([a-z0-9-]+)\.md\)",
                              Path(__file__).resolve().parent.parent.joinpath("docs/parcours/formateur.md").read_text())
        assert listed(page) == parcours
        assert page.input_value(f"#atelier-note-{parcours[0]}").startswith("pour ouvrir la séance")
    finally:
        context.close()


@needs_chromium
def test_without_javascript_the_builder_says_so_and_links_the_section_documents(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for address in ("atelier/", "atelier/livret/"):
            page.goto(base_url + address)
            assert "besoin de JavaScript" in page.inner_text("article") or "JavaScript soit activé" in page.inner_text("article")
            links = page.eval_on_selector_all(".maillage-atelier-nojs a", "links => links.map(link => link.href)")
            assert any(link.endswith("/imprimer/lancer/") for link in links), address
        assert page.locator("#maillage-atelier").count() == 0 or not page.is_visible("#maillage-atelier")
    finally:
        context.close()


@needs_pdf_tools
def test_a_long_programme_is_set_smaller_to_stay_on_one_page(browser, base_url: str, real_site: Path,
                                                             tmp_path: Path) -> None:
    data = json.loads((real_site / "atelier" / "fiches.json").read_text(encoding="utf-8"))
    note = ("Exercice en sous-groupes : chaque groupe prépare une proposition et la présente en cinq minutes "
            "au reste de la salle, avant une discussion sur ce qui est faisable chez soi.")
    cards = "&".join(f"f={row[0]}.25.{note.replace(' ', '+')}" for row in data["fiches"][:16])
    page = browser.new_page()
    try:
        page.goto(f"{base_url}atelier/programme/#titre=Une+journ%C3%A9e&{cards}")
        page.wait_for_selector(".maillage-atelier-document--pret", state="attached")
        assert page.locator(".maillage-atelier-agenda tbody tr").count() == 16
        page.pdf(path=str(tmp_path / "programme.pdf"), prefer_css_page_size=True)
    finally:
        page.close()
    assert pdf_pages(tmp_path / "programme.pdf") == 1
