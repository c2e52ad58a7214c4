"""What a professional needs to cite a card: the years of its sources, what the sources say
apart from what the editors advise, and the editors' notes where the framework has changed."""

from __future__ import annotations

import re

import pytest

from conftest import Project, new_project
from maillage.model.entries import Card, Source, SourceRef
from maillage.pipeline import load_handbook
from maillage.rendering.dating import number, source_year, source_years
from print_support import read_article

NOTE = ("En 2019, les OPCA ont laissé la place aux opérateurs de compétences. Voir "
        "[le ministère](https://travail-emploi.gouv.fr).")
NBSP, NNBSP = "\u00a0", "\u202f"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def source(year: int | None, approximate: bool = False, name: str = "s") -> Source:
    return Source(id=name, source_file="", title=name, type="report", summary="…", year=year,
                  year_approximate=approximate)


def card_citing(*sources: Source) -> Card:
    return Card(id="c", source_file="", kind="practice", title="t", summary="s", how=["h"],
                sources=[SourceRef(item.id, "p. 1", item) for item in sources])


@pytest.mark.parametrize(("sources", "expected"), [
    ([source(1999)], "1999"),
    ([source(1999, True)], "vers 1999"),
    ([source(2008, name="a"), source(1999, True, name="b"), source(2021, name="c")], "vers 1999, 2008 et 2021"),
    ([source(2008, name="a"), source(2008, True, name="b")], "2008"),
    ([source(1999, name="a"), source(None, name="b")], "1999 et une source non datée"),
    ([source(None, name="a"), source(None, name="b")], "2 sources non datées"),
])
def test_the_years_of_an_entry_s_sources(sources: list[Source], expected: str) -> None:
    assert source_years(card_citing(*sources)) == expected


def test_one_source_s_year_and_numbers() -> None:
    assert (source_year(source(1999)), source_year(source(1999, True)), source_year(source(None))) == (
        "1999", "vers 1999", "")
    assert number(13500) == f"13{NNBSP}500" and number(7) == "7"


def add(project: Project, relative: str, text: str) -> None:
    path = project.root / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Built once for the module: its tests only read it."""
    project = new_project(tmp_path_factory.mktemp("edition") / "handbook")
    add(project, "practices/lancer/partir-des-objectifs.yml", f"note: \"{NOTE}\"\n")
    add(project, "practices/experiences/reseau-essai.yml", f"note: \"{NOTE}\"\n")
    add(project, "practices/sources/guide-source.yml", "year_approximate: true\n")
    project.build()
    return project


def test_a_card_shows_the_years_of_its_sources_near_the_top_and_in_its_list(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    facts = html.split('class="maillage-facts"')[1].split("</div>")[0]
    assert f"<li><strong>Années des sources{NBSP}:</strong> vers 1999</li>" in facts  # a line of its own
    sources = html.split('id="sources"')[1]
    assert re.search(r'Cahier des bonnes pratiques de coopération</a> \(vers 1999\) — Partie', sources)
    assert f"<li><strong>Années des sources{NBSP}:</strong> vers 1999</li>" in site.page("experiences/reseau-essai")


def test_print_pages_show_the_years_too(site: Project) -> None:
    printed = site.page("imprimer/lancer").split('id="fiche-partir-des-objectifs"')[1]
    assert f"Années des sources{NBSP}:</strong> vers 1999" in printed
    assert re.search(r'Cahier des bonnes pratiques de coopération</a> \(vers 1999\) — Partie', printed)


def test_what_the_sources_say_is_told_apart_from_the_editors_advice(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    context = html.split('id="contexte"')[1].split("<h2")[0]
    how = html.split('id="comment-faire"')[1].split("<ol")[0]
    assert 'class="maillage-provenance maillage-provenance--sources"' in context
    assert "Ce que rapportent les sources citées à la fin de la fiche." in text_of(context)
    assert 'class="maillage-provenance maillage-provenance--editors"' in how
    assert "Conseils de la rédaction, tirés des sources" in text_of(how)
    case = site.page("experiences/reseau-essai")
    assert 'maillage-provenance--sources' in case.split('id="ce-qui-a-ete-fait"')[1].split("<h2")[0]
    assert 'maillage-provenance--editors' in case.split('id="enseignements"')[1].split("<ul")[0]
    printed = site.page("imprimer/lancer").split('id="fiche-partir-des-objectifs"')[1]
    assert "maillage-provenance--sources" in printed and "maillage-provenance--editors" in printed


def test_the_provenance_labels_stay_out_of_the_search_index(site: Project) -> None:
    from search_support import indexed_pages
    page = indexed_pages(site.root / "site")["fiches/partir-des-objectifs/"]
    assert "Conseils de la rédaction" not in page["content"] and "rapportent" not in page["content"]
    assert "pas des sources" not in page["content"] and "OPCA ont laissé" in page["content"]


def test_an_editorial_note_is_a_box_of_its_own_never_presented_as_sourced(site: Project) -> None:
    html = site.page("fiches/partir-des-objectifs")
    note = re.search(r'<div class="admonition note maillage-note">(.*?)</div>', html, re.S)
    assert note, "the note is a marked box"
    text = text_of(note[1])
    assert text.startswith("Note de la rédaction En 2019, les")
    assert '<a href="https://travail-emploi.gouv.fr">le ministère</a>' in note[1]
    assert "pas des sources" in text and "vérifiez les textes en vigueur" in text
    # Before what the sources say, outside the sources list
    assert html.index("maillage-note") < html.index('id="contexte"')
    assert "maillage-note" not in html.split('id="sources"')[1]
    assert "maillage-note" not in site.page("fiches/choisir-un-animateur"), "no note, no box"
    case = site.page("experiences/reseau-essai")
    assert case.index("maillage-note") < case.index('id="ce-qui-a-ete-fait"')
    printed = site.page("imprimer/lancer").split('id="fiche-partir-des-objectifs"')[1]
    assert '<div class="admonition note maillage-note">' in printed.split("maillage-print-entry")[0]


def test_a_note_is_checked_like_any_text(project: Project) -> None:
    add(project, "practices/lancer/partir-des-objectifs.yml", "note: !!! danger \"x\"\n")
    add(project, "practices/experiences/reseau-essai.yml", "note: " + "x" * 701 + "\n")
    problems = [problem.format() for problem in load_handbook(project.root / "practices", project.root).problems]
    assert any(problem.startswith("practices/lancer/partir-des-objectifs.yml:") and ": note: " in problem
               for problem in problems), problems
    assert any("reseau-essai.yml" in problem and "note: texte trop long : 701 caractères pour 700 au plus"
               in problem for problem in problems), problems


def test_the_format_reference_explains_the_new_keys(site: Project) -> None:
    reference = text_of(site.page("contribuer/format"))
    assert "Note de la rédaction" in reference and "Anciens identifiants" in reference
    assert read_article(site.page("contribuer/format")).text


def test_the_engine_writes_numbers_the_french_way(site: Project) -> None:
    reference = site.page("contribuer/format")
    assert f"de 1 à 4{NNBSP}000 caractères" in reference and "4000 caractères" not in reference
