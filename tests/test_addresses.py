"""Old card addresses keep answering: ``replaces``, its redirect pages, and every id ever published."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, Project
from maillage.addresses import address
from maillage.pipeline import load_handbook
from maillage.redirects.pages import redirect_pages
from maillage.redirects.published import ids_in_history, read_registry
from maillage.rendering.environment import make_environment
from site_check import Policy, check_page, unanswered

REGISTRY = ROOT / "tests" / "fiches-publiees.txt"
CARD = "practices/lancer/choisir-un-animateur.yml"


def replaces(project: Project, relative: str, *old_ids: str) -> None:
    """Add a ``replaces:`` list to a card of the project."""
    path = project.root / relative
    path.write_text(path.read_text(encoding="utf-8") + f"replaces: [{', '.join(old_ids)}]\n", encoding="utf-8")


def problems_of(project: Project) -> list[str]:
    result = load_handbook(project.root / "practices", project.root)
    return [problem.format() for problem in result.problems]


# -- the real handbook ----------------------------------------------------------------------------

def test_every_card_id_ever_published_still_answers(real_site) -> None:
    """A deck printed last year scans to ``fiches/<id>/``: the page or a redirect must be there."""
    published = read_registry(REGISTRY) | (ids_in_history(ROOT, ROOT / "practices") or set())
    result = load_handbook(ROOT / "practices", ROOT)
    assert result.handbook is not None
    redirects = {f"fiches/{old}/": address(card) for card in result.handbook.cards.values() for old in card.replaces}
    lost = unanswered(real_site, published, redirects)
    assert not lost, ("ces adresses publiées ne répondent plus : ajoutez chaque identifiant à la liste "
                      f"« replaces » de la fiche qui a repris son contenu : {lost}")


def test_the_registry_has_forgotten_no_published_id() -> None:
    history = ids_in_history(ROOT, ROOT / "practices")
    if history is None:
        pytest.skip("pas d'historique git complet ici (clone superficiel) : la liste fait foi")
    result = load_handbook(ROOT / "practices", ROOT)
    assert result.handbook is not None
    forgotten = sorted(history - read_registry(REGISTRY) - set(result.handbook.cards))
    assert not forgotten, (f"fiches supprimées absentes de {REGISTRY.name} : lancez "
                           f"« python scripts/published_ids.py » et validez le fichier : {forgotten}")


# -- redirect pages ---------------------------------------------------------------------------------

def test_a_replaced_id_redirects_to_its_card(project: Project) -> None:
    replaces(project, CARD, "trouver-un-animateur", "ancien-nom")
    site = project.build()  # the site check accepts this page's refresh and nothing else
    html = (site / "fiches" / "trouver-un-animateur" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../choisir-un-animateur/">' in html
    assert '<link rel="canonical" href="https://exemple.org/guide/fiches/choisir-un-animateur/">' in html
    assert '<a href="../choisir-un-animateur/">Choisir un animateur neutre</a>' in html
    assert "<html lang=\"fr\">" in html and "changé d\u2019adresse" in html
    assert (site / "fiches" / "ancien-nom" / "index.html").is_file()
    assert "trouver-un-animateur" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_hostile_title_is_escaped_on_the_redirect_page(project: Project) -> None:
    """The validator refuses markup in a title; behind it, the page still escapes it."""
    replaces(project, CARD, "trouver-un-animateur")
    handbook = load_handbook(project.root / "practices", project.root).handbook
    assert handbook is not None
    handbook.cards["choisir-un-animateur"].title = '<script>alert(1)</script> & "x"'
    environment = make_environment()
    environment.globals.update(site_name="Guide <b>", site_url="https://exemple.org/guide/")
    [(uri, html)] = list(redirect_pages(handbook, environment, "https://exemple.org/guide/"))
    assert uri == "fiches/trouver-un-animateur/index.html"
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in html


def test_a_site_overrides_the_redirect_template(project: Project) -> None:
    replaces(project, CARD, "trouver-un-animateur")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - maillage\n", "  - maillage:\n      templates_dir: overrides\n"), encoding="utf-8")
    project.write("overrides/redirect.html.j2",
                  '<!doctype html><html lang="fr"><head><meta http-equiv="refresh" content="0; url={{ target }}">'
                  "</head><body>Déménagée : {{ card.title }}</body></html>\n")
    site = project.build()
    assert "Déménagée" in (site / "fiches" / "trouver-un-animateur" / "index.html").read_text(encoding="utf-8")


def test_a_removed_card_without_replaces_is_reported(project: Project) -> None:
    project.remove(CARD)
    project.write("practices/lancer/partir-des-objectifs.yml", (project.root / "practices/lancer/partir-des-objectifs.yml")
                  .read_text(encoding="utf-8").replace("related: [choisir-un-animateur", "related: [animer-le-reseau"))
    result = load_handbook(project.root / "practices", project.root)
    if result.problems:
        pytest.skip("\n".join(problem.format() for problem in result.problems))
    site = project.build()
    assert unanswered(site, {"choisir-un-animateur", "partir-des-objectifs"}, {}) == ["choisir-un-animateur"]
    replaces(project, "practices/lancer/partir-des-objectifs.yml", "choisir-un-animateur")
    site = project.build()
    redirects = {"fiches/choisir-un-animateur/": "fiches/partir-des-objectifs/"}
    assert unanswered(site, {"choisir-un-animateur", "partir-des-objectifs"}, redirects) == []


# -- the site check's policy on refreshes -----------------------------------------------------------

def test_a_refresh_is_accepted_only_on_a_redirect_page_to_its_card(project: Project) -> None:
    replaces(project, CARD, "trouver-un-animateur")
    site = project.build()
    from mkdocs.config import load_config
    config = load_config(str(project.root / "mkdocs.yml"))
    redirects = {"fiches/trouver-un-animateur/": "fiches/choisir-un-animateur/"}
    policy = Policy.of(config, served=False, redirects=redirects)
    page = (site / "fiches" / "trouver-un-animateur" / "index.html").read_text(encoding="utf-8")
    assert check_page(page, "fiches/trouver-un-animateur/", policy)[0] == []
    refresh = '<meta http-equiv="refresh" content="0; url=../choisir-un-animateur/">'
    for url, html in [
        ("fiches/choisir-un-animateur/", project.page("fiches/choisir-un-animateur").replace("</head>", refresh + "</head>")),
        ("fiches/trouver-un-animateur/", page.replace("url=../choisir-un-animateur/", "url=https://evil.example/")),
        ("fiches/trouver-un-animateur/", page.replace("url=../choisir-un-animateur/", "url=../partir-des-objectifs/")),
        ("fiches/trouver-un-animateur/", page.replace("0; url=", "5; url=")),
        ("fiches/trouver-un-animateur/", page.replace("</head>", refresh + "</head>")),
        ("fiches/trouver-un-animateur/", page.replace('http-equiv="refresh"', 'http-equiv="set-cookie"')),
    ]:
        findings, _ = check_page(html, url, policy)
        assert any("http-equiv" in finding or "sans son renvoi" in finding for finding in findings), (url, html[:80])
    assert check_page(page.replace(refresh, ""), "fiches/trouver-un-animateur/", policy)[0]


# -- validation ------------------------------------------------------------------------------------

def test_an_id_of_a_current_card_cannot_be_replaced(project: Project) -> None:
    replaces(project, CARD, "partir-des-objectifs")
    assert problems_of(project) == [
        f"{CARD}:15:12: replaces[1]: « partir-des-objectifs » est l'identifiant d'une fiche qui existe "
        "(practices/lancer/partir-des-objectifs.yml) : « replaces » ne nomme que des fiches supprimées ou "
        "renommées. Retirez-le, ou supprimez d'abord l'ancienne fiche."]


def test_a_card_cannot_replace_itself(project: Project) -> None:
    replaces(project, CARD, "choisir-un-animateur")
    assert problems_of(project) == [
        f"{CARD}:15:12: replaces[1]: « choisir-un-animateur » est l'identifiant de cette fiche : une fiche "
        "ne se remplace pas elle-même. Retirez-le de « replaces »."]


def test_an_old_id_leads_to_one_card_only(project: Project) -> None:
    replaces(project, CARD, "ancien-nom")
    replaces(project, "practices/gerer/animer-le-reseau.yml", "ancien-nom")
    found = problems_of(project)
    assert len(found) == 1 and "« ancien-nom » est déjà remplacé par" in found[0], found
    assert re.search(r"\(ligne 13\) : une ancienne adresse ne renvoie qu'à une fiche\.", found[0]), found


def test_an_old_id_is_an_id(project: Project) -> None:
    replaces(project, CARD, "Ancien_Nom", "trouver")
    found = problems_of(project)
    assert any("replaces[1]: identifiant « Ancien_Nom » invalide" in problem for problem in found), found
    assert any("replaces[2]: identifiant « trouver » réservé" in problem for problem in found), found
