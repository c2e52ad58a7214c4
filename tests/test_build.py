"""Build the fixture handbook for real and read the HTML a reader would get."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from mkdocs.exceptions import Abort

from maillage.addresses import address
from conftest import Project
from search_support import indexed_pages
from maillage.pipeline import load_handbook
from maillage.rendering.sanitise import sanitise
from maillage.rendering.typography import french_text as typeset
from maillage.search.indexing import as_indexed


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def site(printed: Project) -> Project:
    """The fixture handbook built once for the run: these tests only read it."""
    return printed


def test_card_page_renders_every_field_in_order(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    text = text_of(html)
    assert "<h1 id=" in html and "Partir des objectifs que les entreprises se fixent elles-mêmes" in text
    steps = re.findall(r"<li>(.*?)</li>", html.split('id="comment-faire"')[1].split("</ol>")[0], re.S)
    assert [text_of(step).strip() for step in steps] == [
        "Réunir les dirigeants.", "Écrire les objectifs de chacun. Les relire ensemble.",
        "Choisir un premier chantier court."]
    for expected in ("Rubrique : Lancer un réseau", "Phase : lancer", "Acteurs : porteur du réseau, PME et TPE",
                     "Écueils Imposer un programme venu d'en haut.",
                     "Signes que ça marche Les dirigeants viennent aux réunions.",
                     "Partie III, « Lancer un réseau »"):
        assert " ".join(typeset(expected).split()) in text, expected  # text_of folds no-break spaces
    assert 'href="../../experiences/reseau-essai/"' in html
    assert 'href="../animer-le-reseau/"' in html
    assert 'href="../../sources/#guide-source"' in html


def test_related_links_are_shown_both_ways(site: Project) -> None:
    target = site.page("fiches/animer-le-reseau")
    backlinks = target.split('id="ces-fiches-renvoient-ici"')[1]
    assert 'href="../partir-des-objectifs/"' in backlinks
    other = site.page("fiches/partir-des-objectifs").split('id="ces-fiches-renvoient-ici"')[1]
    assert 'href="../choisir-un-animateur/"' in other and 'href="../dependance-aux-subventions/"' in other


def test_edit_link_opens_the_yaml_file(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    assert 'href="https://github.com/exemple/guide/edit/main/practices/lancer/partir-des-objectifs.yml"' in html
    section = site.page("lancer")
    assert 'href="https://github.com/exemple/guide/edit/main/docs/lancer/index.md"' in section


def test_section_page_keeps_the_hand_written_intro_and_lists_its_cards(site: Project) -> None:
    html = site.page("lancer")
    text = text_of(html)
    assert "Introduction écrite à la main pour la phase de lancement." in text
    links = re.findall(r'href="\.\./fiches/([^/]+)/"', html.split("<article")[1])
    assert links == ["choisir-un-animateur", "partir-des-objectifs"]
    assert "Un animateur extérieur aux entreprises inspire confiance à toutes." in text
    conditions = site.page("groupements-employeurs")
    assert re.findall(r'href="\.\./fiches/([^/]+)/"', conditions) == ["delimiter-un-besoin-commun"]
    assert "Aucune fiche dans cette rubrique" in text_of(site.page("perenniser"))


def test_cards_of_other_kinds_go_to_their_section_whatever_their_phase(site: Project) -> None:
    assert "dependance-aux-subventions" in site.page("vigilance")
    assert "dependance-aux-subventions" not in site.page("perenniser")


def test_case_page_lists_the_cards_it_illustrates(site: Project) -> None:
    html = site.page("experiences/reseau-essai")
    illustrated = html.split('id="fiches-illustrees"')[1]
    assert 'href="../../fiches/partir-des-objectifs/"' in illustrated
    assert 'href="../../fiches/delimiter-un-besoin-commun/"' in illustrated
    assert "63 entreprises et 52 personnes" in text_of(html)
    assert 'href="reseau-essai/"' in site.page("experiences")


def test_themes_become_material_tags(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    tags = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', html)
    assert ("../../themes/#tag:animation", "Animation") in tags
    assert [label for _, label in tags] == ["Animation", "Diagnostic des besoins"]
    assert "partir-des-objectifs" in site.page("themes")


def test_glossary_terms_become_tooltips_in_card_text(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    assert '<abbr title="Petites et moyennes entreprises : Entreprise de moins de 250 salariés.">PME</abbr>' in html
    glossary = site.page("glossaire")
    assert 'id="geiq"' in glossary and 'href="#pme"' in glossary


def test_search_index_holds_generated_pages(site: Project) -> None:
    pages = indexed_pages(site.root / "site")
    card = pages["fiches/partir-des-objectifs/"]
    assert card["meta"]["title"] == "Partir des objectifs que les entreprises se fixent elles-mêmes"
    assert any("Un réseau tient quand chaque entreprise" in page["content"] for page in pages.values())


def test_cards_are_out_of_the_navigation(site: Project) -> None:
    nav = site.page("fiches/partir-des-objectifs").split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "fiches/" not in nav and "lancer/" in nav


def test_titles_are_escaped_not_interpreted(project: Project) -> None:
    project.write("practices/lancer/choisir-un-animateur.yml",
                  (project.root / "practices/lancer/choisir-un-animateur.yml").read_text(encoding="utf-8")
                  .replace("title: Choisir un animateur neutre", "title: 'Choisir *un* [animateur](https://x.org) & co 1. ~ ?'"))
    project.build()
    html = project.page("fiches/choisir-un-animateur")
    assert typeset("Choisir *un* [animateur](https://x.org) &amp; co 1. ~ ?") in html  # attribute lists: refused (text_safety)
    assert "<em>un</em>" not in html


def test_an_invalid_card_fails_the_build_with_file_line_and_field(project: Project, build_log) -> None:
    path = "practices/lancer/choisir-un-animateur.yml"
    project.write(path, (project.root / path).read_text(encoding="utf-8").replace("phase: launch", "phase: lauch"))
    with pytest.raises(Abort):
        project.build()
    message = build_log.text
    assert "Le guide contient 1 problème à corriger :" in message
    assert (f"{path}:4:8: phase: valeur « lauch » non permise. Valeurs permises : launch (lancer), "
            "manage (gérer), sustain (pérenniser). Vouliez-vous dire « launch » ?") in message


def test_under_serve_an_invalid_card_replaces_the_site_with_its_problems(project: Project) -> None:
    path = "practices/lancer/choisir-un-animateur.yml"
    project.write(path, (project.root / path).read_text(encoding="utf-8").replace("kind: practice", "kind: pratique"))
    site = project.build(serve=True)
    home = text_of(project.page(""))
    assert "Le guide ne se construit pas" in home
    assert f"{path} , ligne 3, colonne 7, champ kind" in home
    assert "Le guide ne se construit pas" in text_of(project.page("fiches/choisir-un-animateur"))
    assert not (site / "lancer").exists()
    other_card = text_of(project.page("fiches/partir-des-objectifs"))
    assert "Le guide ne se construit pas" in other_card and "Réunir les dirigeants" not in other_card
    project.write(path, (project.root / path).read_text(encoding="utf-8").replace("kind: pratique", "kind: practice"))
    project.build(serve=True)
    assert "Choisir un animateur neutre" in project.page("fiches/choisir-un-animateur")


def test_a_site_can_override_a_template(project: Project) -> None:
    project.write("overrides/maillage/card.md.j2", "# {{ card.title | plain }}\n\nGabarit du site.\n")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  - maillage\n", "  - maillage:\n      templates_dir: overrides/maillage\n"))
    project.build()
    assert "Gabarit du site." in project.page("fiches/partir-des-objectifs")
    assert "Gabarit du site." not in project.page("experiences/reseau-essai")


def test_a_broken_override_is_reported_without_traceback(project: Project, build_log) -> None:
    project.write("overrides/maillage/card.md.j2", "# {{ card.titre }}\n")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  - maillage\n", "  - maillage:\n      templates_dir: overrides/maillage\n"))
    with pytest.raises(Abort):
        project.build()
    assert ("Le guide ne peut pas être rendu : gabarit card.md.j2 : 'maillage.model.entries.Card object' "
            "has no attribute 'titre'") in build_log.text
    assert "Traceback" not in build_log.text


def test_sanitiser_removes_what_markdown_should_never_produce() -> None:
    dirty = ('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a>'
             '<iframe src="https://x"></iframe><abbr title="t">PME</abbr></p>')
    assert sanitise(dirty) == '<p>a<a>b</a><abbr title="t">PME</abbr></p>'


def test_pagefind_indexes_the_pages_readers_read_and_material_indexes_none(site: Project) -> None:
    """Print pages, the finder and the 404 page stay out of the search;
    a card's result carries its summary and section; the "¶" of headings and the print buttons
    are not indexed text. Material's own index is empty: Pagefind answers the search."""
    site_dir = site.root / "site"
    assert (site_dir / "pagefind" / "pagefind.js").exists()
    pages = indexed_pages(site_dir)
    handbook = load_handbook(site.root / "practices", site.root).handbook
    assert {address(card) for card in handbook.cards.values()} <= pages.keys()
    assert {"", "lancer/", "glossaire/"} <= pages.keys()
    assert not [url for url in pages if url.startswith(("imprimer/", "trouver/")) or "404" in url]
    assert (site_dir / "imprimer" / "lancer" / "index.html").exists() and (site_dir / "trouver" / "index.html").exists()
    card = handbook.cards["partir-des-objectifs"]
    indexed = pages[address(card)]
    # As the page typesets them, apostrophes straight again for Pagefind (search/indexing.py)
    assert indexed["meta"] == {"title": as_indexed(typeset(card.title)), "summary": as_indexed(typeset(" ".join(card.summary.split()))),
                               "section": card.section.title}
    assert "¶" not in indexed["content"] and "Imprimer" not in indexed["content"]
    # A list of pages is not the text of the page that lists them: the card is found, its section
    # page by its own words only (at 10,000 cards such lists were a sixth of the index).
    section, themes = pages[address(card.section)], pages["themes/"]
    assert section["content"] and as_indexed(typeset(card.title)) not in section["content"] + themes["content"]
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []


def test_with_the_search_option_off_material_s_search_stays(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  - maillage\n", "  - maillage:\n      search: false\n"))
    site_dir = project.build()
    assert not (site_dir / "pagefind").exists()
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"] == "fiches/partir-des-objectifs/" for doc in index["docs"])
    assert 'data-md-component="search-query"' in project.page("lancer")  # Material's own dialog


def test_a_failing_pagefind_fails_the_build_in_french(project: Project, build_log,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project.root / "pas-de-pagefind"))
    with pytest.raises(Abort):
        project.build()
    assert "Pagefind n'a pas pu indexer le site : " in build_log.text


def test_card_pages_show_their_last_change_from_git(project: Project) -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": "2024-03-05T10:00:00", "GIT_COMMITTER_DATE": "2024-03-05T10:00:00",
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@t"}
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=project.root, env=environment, check=True)
    project.build()
    assert "Fiche mise à jour le 5 mars 2024." in text_of(project.page("fiches/partir-des-objectifs"))
    assert "Expérience mise à jour le 5 mars 2024." in text_of(project.page("experiences/reseau-essai"))


def test_without_git_history_no_date_is_invented(site: Project) -> None:
    assert "mise à jour le" not in site.page("fiches/partir-des-objectifs")


def test_sanitiser_keeps_the_icons_markdown_emits() -> None:
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1"></path></svg>'
    assert sanitise(icon) == icon


def test_a_site_without_directory_addresses_is_refused_in_french(project: Project, build_log) -> None:
    """Printed QR codes lead to fiches/<id>/: a site that turns directory addresses off would
    print addresses that do not answer."""
    config_file = project.root / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    with pytest.raises(Abort):
        project.build()
    assert "use_directory_urls doit rester à true" in build_log.text
