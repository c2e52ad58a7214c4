"""Print pages and workshop decks, read as HTML from real builds of the fixture and of the handbook."""

from __future__ import annotations

import datetime
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import get_files

from conftest import ROOT, Project
from search_support import indexed_pages
from maillage.model.handbook import Handbook
from maillage.commands import make_pdf
from maillage.printing import fragments
from maillage.printing.deck import make_deck
from maillage.printing.documents import anchor, pdf_name, print_documents
from maillage.addresses import url as page_url
from maillage.printing.pages import css_string
from maillage.printing.pdf import print_jobs
from maillage.printing.qr import MODULE_PX, qr_svg
from maillage.rendering.environment import french_date
from maillage.rendering.sanitise import sanitise
from maillage.rendering.typography import french_text as typeset, french_typography
from print_support import SITE_URL, entry_anchors, read_article

CARD_SECTIONS = ("lancer", "gerer", "perenniser", "groupements-employeurs", "vigilance")


def print_urls(handbook: Handbook) -> dict[str, list[str]]:
    """Each print page's URL → the anchors of its cards and cases in reading order."""
    expected = {f"imprimer/{section.slug}": [f"fiche-{card.id}" for card in handbook.section_cards(section)]
                for section in handbook.sections}
    expected["imprimer/experiences"] = [f"experience-{case.id}" for case in handbook.ordered_cases()]
    expected["imprimer/glossaire"] = []
    expected["imprimer"] = [anchor for url in [f"imprimer/{slug}" for slug in CARD_SECTIONS] + ["imprimer/experiences"]
                            for anchor in expected[url]]
    return expected


def test_every_print_page_holds_its_entries_in_the_order_of_the_web_pages(printed: Project, model: Handbook) -> None:
    for url, anchors in print_urls(model).items():
        document = read_article(printed.page(url))
        assert entry_anchors(document) == anchors, url
        contents = [href[1:] for href in document.hrefs if href.startswith("#fiche-") or href.startswith("#experience-")]
        assert contents[:len(anchors)] == anchors, f"{url}: the contents list the entries in the same order"
    assert entry_anchors(read_article(printed.page("imprimer/lancer"))) == [
        "fiche-choisir-un-animateur", "fiche-partir-des-objectifs"]


def test_a_print_page_opens_with_a_cover_and_contents(printed: Project) -> None:
    text = read_article(printed.page("imprimer/lancer")).text
    cover = text.split("Sommaire")[0]
    for expected in ("Guide d'essai", "Lancer un réseau", "Version à imprimer du guide",
                     f"Édition du {french_date(datetime.date.today())}", "2 fiches",
                     "En ligne : https://exemple.org/guide/lancer/"):
        assert " ".join(typeset(expected).split()) in cover, expected  # read_article folds spaces
    assert "Fiche 1 · Choisir un animateur neutre" in text and "Fiche 2 · Partir des objectifs" in text
    whole = read_article(printed.page("imprimer")).text.split("Sommaire")[0]
    assert "Le guide complet" in whole and "5 fiches" in whole and "1 expérience" in whole and "2 termes" in whole


def test_print_pages_have_no_site_navigation_and_stay_out_of_search_and_menus(printed: Project) -> None:
    page = printed.page("imprimer/lancer")
    for chrome in ('class="md-header', 'class="md-sidebar', 'class="md-footer', 'class="md-search', 'class="md-tabs'):
        assert chrome not in page, chrome
    assert 'class="maillage-print-toolbar"' in page and 'class="md-content maillage-print-page"' in page
    assert "--maillage-running-title: \"Guide d'essai · Lancer un réseau\"" in page
    pages = indexed_pages(printed.root / "site")
    assert pages and not [url for url in pages if url.startswith("imprimer/")]
    assert "imprimer/" not in printed.page("lancer").split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]


@pytest.mark.parametrize("site_kind", ["fixture", "real"])
def test_every_link_of_a_print_page_resolves_inside_it_or_is_a_full_address(
        site_kind: str, printed: Project, real_site: Path) -> None:
    site = printed.root / "site" if site_kind == "fixture" else real_site
    site_url = SITE_URL if site_kind == "fixture" else "https://maillage.github.io/maillage/"
    pages = sorted((site / "imprimer").rglob("index.html"))
    decks = 1 + (5 if site_kind == "real" else 4)  # the fixture's "perenniser" has no card, hence no deck
    assert len(pages) == 8 + decks
    for page in pages:
        document = read_article(page.read_text(encoding="utf-8"))
        anchors = set(document.ids)
        assert len(anchors) == len(document.ids), f"{page}: an id is used twice"
        for href in document.hrefs:
            if href.startswith("#"):
                assert href[1:] in anchors, f"{page}: {href} leads nowhere"
            else:
                # the site's own pages by their full address; other sites (an editors' note's link to
                # the texts in force) as written
                outside = urlsplit(href).scheme in ("http", "https") and urlsplit(href).netloc != urlsplit(site_url).netloc
                assert href.startswith(site_url) or outside, f"{page}: {href} is neither inside the document nor absolute"
        assert not re.search("[\ue000-\uf8ff]", document.text + "".join(document.hrefs)), f"{page}: a token is left"


def test_a_card_links_inside_the_document_only_to_what_it_holds(printed: Project) -> None:
    section = printed.page("imprimer/lancer")
    related = section.split('id="fiche-partir-des-objectifs"')[1]
    assert f'href="{SITE_URL}fiches/animer-le-reseau/">Animer le réseau chaque mois</a>' in related
    assert f'href="{SITE_URL}experiences/reseau-essai/"' in related
    assert 'href="#source-guide-source"' in related
    whole = printed.page("imprimer").split('id="fiche-partir-des-objectifs"')[1].split('class="maillage-print-entry"')[0]
    assert 'href="#fiche-animer-le-reseau">Animer le réseau chaque mois</a> (fiche 3)' in whole
    assert typeset('href="#experience-reseau-essai">Réseau d\'essai du Loir-et-Cher</a> (expérience 1)') in whole


def test_each_document_ends_with_the_sources_it_cites_and_the_terms_it_uses(printed: Project) -> None:
    document = read_article(printed.page("imprimer/lancer"))
    assert "source-guide-source" in document.ids
    assert ("Sigles et termes du glossaire PME (Petites et moyennes entreprises) : Entreprise de moins de 250 "
            "salariés.") in document.text
    assert "terme-geiq" not in document.ids, "no card of the section uses GEIQ"
    glossary = printed.page("imprimer/glossaire")
    assert 'id="terme-geiq"' in glossary and typeset('Voir aussi : <a href="#terme-pme">PME</a>') in glossary
    assert "Sources citées" not in read_article(glossary).text


def test_links_editors_write_in_card_text_are_re_pointed_for_paper(project: Project) -> None:
    path = "practices/lancer/partir-des-objectifs.yml"
    project.write(path, (project.root / path).read_text(encoding="utf-8").replace(
        "context: Les PME rejoignent un réseau pour résoudre un problème concret.",
        "context: Voir [la fiche voisine](animer-le-reseau.md), [le cas](../experiences/reseau-essai.md), "
        "[le terme](../glossaire/index.md#geiq) et [le site](https://exemple.org/ailleurs)."))
    project.build()
    assert 'href="../animer-le-reseau/"' in project.page("fiches/partir-des-objectifs")
    section = project.page("imprimer/lancer")
    assert f'<a href="{SITE_URL}fiches/animer-le-reseau/">la fiche voisine</a>' in section
    assert f'<a href="{SITE_URL}experiences/reseau-essai/">le cas</a>' in section
    assert f'<a href="{SITE_URL}glossaire/#geiq">le terme</a>' in section
    assert '<a href="https://exemple.org/ailleurs">le site</a>' in section
    whole = project.page("imprimer")
    assert '<a href="#fiche-animer-le-reseau">la fiche voisine</a>' in whole
    assert '<a href="#experience-reseau-essai">le cas</a>' in whole


def generated_print_pages(project: Project) -> dict[str, str]:
    """Each print page's Markdown as the plugin writes it: what ``mkdocs serve`` compares between builds."""
    config = load_config(str(project.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return {file.src_uri: file.content_string for file in files if file.src_uri.startswith("imprimer/")}


def built_print_pages(project: Project) -> dict[str, str]:
    site = project.build(serve=True)  # as under `mkdocs serve`: a build for good lets the fragments go
    return {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8")
            for page in (site / "imprimer").rglob("index.html")}


def test_editing_a_card_changes_the_print_pages_that_hold_it_and_converts_it_again_alone(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[str] = []
    convert = fragments._Converter._convert
    monkeypatch.setattr(fragments._Converter, "_convert",
                        lambda self, text: converted.append(text) or convert(self, text))
    markdown, html = generated_print_pages(project), built_print_pages(project)
    assert [text for text, count in Counter(converted).items() if count > 1] == [], "each fragment converted once"
    assert all("Réunir les dirigeants" not in page for page in markdown.values()), "a page's Markdown holds no card"

    path = "practices/lancer/partir-des-objectifs.yml"
    project.write(path, (project.root / path).read_text(encoding="utf-8").replace(
        "Réunir les dirigeants.", "Réunir les dirigeants autour d'un café."))
    converted.clear()
    markdown_after, html_after = generated_print_pages(project), built_print_pages(project)
    holders = {"imprimer/lancer/", "imprimer/", "imprimer/lancer/cartes/", "imprimer/cartes/"}
    assert {uri.removesuffix("index.md") for uri in markdown if markdown[uri] != markdown_after[uri]} == holders
    assert {page.removesuffix("index.html") for page in html if html[page] != html_after[page]} == holders
    assert all(typeset("Réunir les dirigeants autour d'un café.") in html_after[f"{url}index.html"] for url in holders)
    assert len(converted) == 2 and all("autour d'un café" in text for text in converted), \
        "only the card's print fragment and its deck back are converted again"


def test_the_benchmark_baseline_holds_the_same_print_pages(printed: Project, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchmarking.baseline import write_baseline

    write_baseline(printed.root, tmp_path / "baseline")
    source = (tmp_path / "baseline/docs/imprimer/index.md").read_text(encoding="utf-8")
    assert "Réunir les dirigeants" in source and not re.search("[\ue000-\uf8ff]", source), "complete, as Markdown"
    config = load_config(str(tmp_path / "baseline/mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    site = printed.root / "site"
    pages = sorted(page.relative_to(site) for page in (site / "imprimer").rglob("index.html"))
    assert len(pages) == 13
    for page in pages:
        ours = read_article((site / page).read_text(encoding="utf-8"))
        # Plain MkDocs has no French typography: compared once the plugin's last step is applied.
        plain = read_article(french_typography((tmp_path / "site" / page).read_text(encoding="utf-8")))
        assert (plain.text, plain.ids, plain.hrefs) == (ours.text, ours.ids, ours.hrefs), page


def test_section_and_card_pages_offer_to_print(printed: Project) -> None:
    section = printed.page("lancer")
    assert re.search(r'<a class="md-button md-button--primary" href="\.\./imprimer/lancer/">Imprimer cette section</a>',
                     section)
    assert typeset('href="../imprimer/lancer/cartes/">Cartes d\'atelier</a>') in section
    assert "cartes/" not in printed.page("perenniser").split("maillage-print-actions")[1].split("</div>")[0], \
        "a section without cards has no deck"
    assert 'href="../imprimer/experiences/">Imprimer cette section</a>' in printed.page("experiences")
    assert 'href="../imprimer/glossaire/">Imprimer cette section</a>' in printed.page("glossaire")
    card = printed.page("fiches/partir-des-objectifs")
    assert 'class="md-button maillage-print-button" href="#">Imprimer cette fiche</a>' in card
    assert 'href="../../imprimer/lancer/">Imprimer toute la rubrique</a>' in card


def test_a_deck_lays_four_cards_a_sheet_with_backs_behind_their_fronts(printed: Project, model: Handbook) -> None:
    page = printed.page("imprimer/cartes")
    sheets = page.split('<div class="maillage-deck__sheet')[1:]
    assert len(sheets) == 2 * 2, "5 cards: 2 sheets, each a page of fronts and a page of backs"
    order = [card.id for section in model.sections for card in model.section_cards(section)]
    fronts = [re.findall(r'maillage-deck__title">([^<]+)<', sheet) for sheet in sheets[0::2]]
    assert [title for sheet in fronts for title in sheet] == [model.cards[card].title for card in order]
    backs = [re.findall(r'aria-label="QR code : ([^"]+)"', sheet) for sheet in sheets[1::2]]
    urls = [f"{SITE_URL}fiches/{card}/" for card in order]
    assert backs == [[urls[1], urls[0], urls[3], urls[2]], [urls[4]]]
    assert page.count('maillage-deck__face--empty') == 3 + 3
    assert 'class="md-content maillage-print-page maillage-print-page--deck"' in page


def test_deck_layout_mirrors_each_row(model: Handbook) -> None:
    whole = print_documents(model)[-1]
    deck = make_deck(whole, whole.cards)
    assert [len(sheet.fronts) for sheet in deck.sheets] == [4, 4]

    def numbers(cards: tuple) -> list[int | None]:
        return [whole.numbers[anchor(card)] if card else None for card in cards]

    first = deck.sheets[0]
    assert numbers(first.fronts) == [1, 2, 3, 4]
    assert numbers(first.backs) == [2, 1, 4, 3]
    assert numbers(deck.sheets[1].backs) == [None, 5, None, None]


def test_the_real_handbook_prints_every_card_of_each_section_in_order(
        real_site: Path, handbook: Handbook) -> None:
    for url, anchors in print_urls(handbook).items():
        document = read_article((real_site / url / "index.html").read_text(encoding="utf-8"))
        assert entry_anchors(document) == anchors, url
    for section in handbook.sections:
        deck = (real_site / "imprimer" / section.slug / "cartes" / "index.html").read_text(encoding="utf-8")
        assert deck.count('class="maillage-qr"') == len(handbook.section_cards(section)), section.slug


def test_a_site_without_its_address_cannot_print_and_is_told_why(project: Project, build_log) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("site_url: https://exemple.org/guide/\n", ""))
    with pytest.raises(Abort):
        project.build()
    assert ("Le guide ne peut pas être rendu : les pages à imprimer écrivent l'adresse en ligne de chaque fiche : "
            "indiquez site_url dans mkdocs.yml") in build_log.text


@pytest.mark.parametrize(("url", "name"), [("imprimer/", "guide-complet.pdf"), ("imprimer/lancer/", "lancer.pdf"),
                                           ("imprimer/lancer/cartes/", "lancer-cartes.pdf"),
                                           ("imprimer/cartes/", "cartes.pdf")])
def test_pdf_names_follow_the_print_addresses(url: str, name: str) -> None:
    assert pdf_name(url) == name


@pytest.mark.parametrize(("src", "url"), [("fiches/x.md", "fiches/x/"), ("lancer/index.md", "lancer/"),
                                          ("index.md", ""), ("assets/plan.pdf", "assets/plan.pdf")])
def test_page_urls_are_mkdocs_directory_urls(src: str, url: str) -> None:
    assert page_url(src) == url


def test_make_pdf_finds_every_print_page_and_says_what_is_wrong_before_starting_chromium(
        printed: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(printed.root)
    jobs = print_jobs(Path("site"), Path("site/pdf"))  # as `make pdf` passes them: relative
    assert len(jobs) == 13 and all(job.page.is_absolute() and job.pdf.parent == printed.root / "site/pdf" for job in jobs)
    assert {"lancer", "lancer-cartes", "guide-complet", "cartes", "glossaire"} <= {job.name for job in jobs}
    assert make_pdf.main(["--site", str(tmp_path)]) == 2
    assert "aucune page à imprimer" in capsys.readouterr().err
    assert make_pdf.main(["inconnu"]) == 2
    assert "document inconnu : inconnu" in capsys.readouterr().err


def test_qr_codes_keep_their_size_and_modules_through_the_sanitiser() -> None:
    svg = qr_svg(f"{SITE_URL}fiches/partir-des-objectifs/")
    cleaned = sanitise(svg)
    size = re.search(r'width="(\d+)" height="\1"', cleaned)
    assert size and int(size.group(1)) % MODULE_PX == 0 and 29 * MODULE_PX <= int(size.group(1)) <= 41 * MODULE_PX
    path = re.compile(r' d="([^"]+)"')
    assert path.search(cleaned).group(1) == path.search(svg).group(1)


def test_running_titles_cannot_break_out_of_their_style() -> None:
    assert css_string('Guide "x" \\ </style>') == '"Guide \\22 x\\22  \\5c  \\3c /style\\3e "'
