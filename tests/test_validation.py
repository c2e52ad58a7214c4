"""Every validation rule, asserted as the exact line an editor reads: file, line, field, message."""

from __future__ import annotations

import pytest

from maillage.pipeline import load_handbook

from conftest import Project

CARD = """\
id: {id}
kind: practice
phase: launch
title: Choisir un animateur neutre et reconnu
summary: Un animateur extérieur aux entreprises inspire confiance à toutes.
how:
  - Chercher un animateur hors des entreprises membres.
sources:
  - ref: guide-source
    locator: Partie I, conditions de réussite
"""


def problems_of(project: Project, relative: str, text: str) -> list[str]:
    path = project.write(relative, text)
    result = load_handbook(project.root / "practices", project.root, only=[path])
    return [problem.format() for problem in result.problems]


def card(**changes: str) -> str:
    """The valid card above with some lines replaced: ``{"phase: launch": "phase: lauch"}``."""
    text = CARD.format(id=changes.pop("id", "nouvelle-fiche"))
    for old, new in changes.items():
        assert old.replace("_", " ") in text or old in text
        text = text.replace(old, new)
    return text


def test_a_valid_card_has_no_problem(project: Project) -> None:
    assert problems_of(project, "practices/lancer/nouvelle-fiche.yml", card()) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # misspelt key: the closest valid one is suggested
        ("summary:", "sumary:",
         "1:1: summary: champ obligatoire manquant : ajoutez « summary: » (Résumé)."),
        ("summary:", "sumary:",
         "5:1: sumary: clé inconnue « sumary ». Vouliez-vous dire « summary » ?"),
        # value outside an enum: allowed values in English with their French labels
        ("phase: launch", "phase: gérer",
         "3:8: phase: valeur « gérer » non permise. Valeurs permises : launch (lancer), manage (gérer), "
         "sustain (pérenniser). Vouliez-vous dire « manage » ?"),
        ("phase: launch", "phase: lauch",
         "3:8: phase: valeur « lauch » non permise. Valeurs permises : launch (lancer), manage (gérer), "
         "sustain (pérenniser). Vouliez-vous dire « launch » ?"),
        # a practice needs a phase
        ("phase: launch\n", "",
         "1:1: phase: champ obligatoire manquant pour une bonne pratique (kind: practice) : ajoutez « phase: » "
         "avec launch (lancer), manage (gérer) ou sustain (pérenniser)."),
        # wrong type: a single string where a list is expected shows the list form
        ("how:\n  - Chercher un animateur hors des entreprises membres.", "how: Chercher un animateur.",
         "6:6: how: doit être une liste, même d'un seul élément. Écrivez chaque élément sur sa ligne sous "
         "« how: », précédé de « - » : « how: » puis «   - Chercher un animateur. »."),
        # text too long: by how much
        ("title: Choisir un animateur neutre et reconnu", "title: " + "x" * 130,
         "4:8: title: texte trop long : 130 caractères pour 120 au plus (10 de trop)."),
        # the YAML 1.1 boolean trap
        ("title: Choisir un animateur neutre et reconnu", "title: yes",
         "4:8: title: « yes » sans guillemets est lu par YAML comme vrai/faux (true), pas comme du texte : "
         "écrivez \"yes\" entre guillemets."),
        ("title: Choisir un animateur neutre et reconnu", "title: 2024-01-01",
         "4:8: title: « 2024-01-01 » sans guillemets est lu par YAML comme une date, pas comme du texte : "
         "écrivez \"2024-01-01\" entre guillemets."),
        ("phase: launch", "phase: off",
         "3:8: phase: « off » sans guillemets est lu par YAML comme vrai/faux (false), pas comme du texte : "
         "écrivez \"off\" entre guillemets. Valeurs permises : launch (lancer), manage (gérer), "
         "sustain (pérenniser)."),
        # unknown reference: close ids are suggested
        ("ref: guide-source", "ref: guide-sources",
         "9:10: sources[1].ref: source inconnue : « guide-sources » ne correspond à aucun fichier. "
         "Identifiants proches : « guide-source »."),
        # raw HTML and unsafe links in Markdown fields
        ("  - Chercher un animateur hors des entreprises membres.", "  - Voir <script>alert(1)</script>",
         "7:5: how[1]: HTML interdit dans le texte (« <script> ») : écrivez en Markdown (**gras**, *italique*, "
         "listes « - »), sans balises ni commentaires."),
        ("  - Chercher un animateur hors des entreprises membres.", "  - '[clic](javascript:alert(1))'",
         "7:5: how[1]: lien refusé (« javascript: ») : seuls les liens http:// et https:// sont permis dans "
         "le texte d'une fiche."),
        ("  - Chercher un animateur hors des entreprises membres.", "  - '[clic](JaVa&#x53;cript:alert(1))'",
         "7:5: how[1]: lien refusé (« javascript: ») : seuls les liens http:// et https:// sont permis dans "
         "le texte d'une fiche."),
        ("  - Chercher un animateur hors des entreprises membres.", "  - '![x](data:image/png;base64,AAAA)'",
         "7:5: how[1]: lien refusé (« data: ») : seuls les liens http:// et https:// sont permis dans "
         "le texte d'une fiche."),
        # a single-line field
        ("title: Choisir un animateur neutre et reconnu", "title: |\n  Choisir un\n  animateur",
         "4:8: title: ce texte doit tenir sur une seule ligne, sans retour à la ligne."),
    ],
)
def test_each_mistake_gets_its_message(project: Project, old: str, new: str, expected: str) -> None:
    text = card().replace(old, new, 1)
    assert text != card()
    found = problems_of(project, "practices/lancer/nouvelle-fiche.yml", text)
    assert f"practices/lancer/nouvelle-fiche.yml:{expected}" in found, found


def test_id_must_match_the_file_name(project: Project) -> None:
    assert problems_of(project, "practices/lancer/nom-du-fichier.yml", card(id="autre-nom")) == [
        "practices/lancer/nom-du-fichier.yml:1:5: id: l'identifiant « autre-nom » doit être égal au nom du "
        "fichier « nom-du-fichier » : renommez le fichier en autre-nom.yml ou corrigez l'id."
    ]


@pytest.mark.parametrize("bad_id", ["../etc/passwd", "аnimateur", "fiche\u200f", "Fiche", "a--b"])
def test_ids_are_plain_ascii_slugs(project: Project, bad_id: str) -> None:
    found = problems_of(project, "practices/lancer/x.yml", card(id=f'"{bad_id}"'))
    assert found == [
        f"practices/lancer/x.yml:1:5: id: identifiant « {bad_id} » invalide : seulement des lettres minuscules "
        "sans accents, des chiffres et des tirets entre les mots (ex. « partir-des-objectifs »)."
    ] or found[0].startswith("practices/lancer/x.yml:1:"), found


def test_duplicate_ids_name_the_other_file(project: Project) -> None:
    project.write("practices/gerer/partir-des-objectifs.yml", card(id="partir-des-objectifs"))
    result = load_handbook(project.root / "practices", project.root)
    assert [problem.format() for problem in result.problems] == [
        "practices/lancer/partir-des-objectifs.yml:2:5: id: identifiant « partir-des-objectifs » déjà pris par "
        "practices/gerer/partir-des-objectifs.yml (ligne 1) : choisissez-en un autre."
    ]
    assert result.handbook is None


def test_a_card_cannot_point_to_itself(project: Project) -> None:
    text = card(id="moi") + "related: [moi]\n"
    assert problems_of(project, "practices/lancer/moi.yml", text) == [
        "practices/lancer/moi.yml:11:11: related[1]: une fiche ne peut pas renvoyer à elle-même : retirez « moi »."
    ]


def test_unknown_case_and_card_references(project: Project) -> None:
    text = card() + "related: [partir-des-objectif]\ncases: [inconnue]\n"
    assert problems_of(project, "practices/lancer/nouvelle-fiche.yml", text) == [
        "practices/lancer/nouvelle-fiche.yml:11:11: related[1]: fiche inconnue : « partir-des-objectif » ne "
        "correspond à aucun fichier. Identifiants proches : « partir-des-objectifs ».",
        "practices/lancer/nouvelle-fiche.yml:12:9: cases[1]: expérience inconnue : « inconnue » ne correspond "
        "à aucun fichier.",
    ]


def test_one_bad_file_never_hides_another(project: Project) -> None:
    project.write("practices/lancer/a.yml", "id: a\n\tkind: x\n")
    project.write("practices/lancer/b.yml", card(id="b").replace("kind: practice", "kind: pratique"))
    project.write("practices/lancer/c.yml", "- une liste\n")
    result = load_handbook(project.root / "practices", project.root)
    assert {problem.path for problem in result.problems} == {
        "practices/lancer/a.yml", "practices/lancer/b.yml", "practices/lancer/c.yml"}
    assert result.handbook is None


def test_a_yaml_extension_is_reported_not_ignored(project: Project) -> None:
    project.write("practices/lancer/oubli.yaml", card(id="oubli"))
    result = load_handbook(project.root / "practices", project.root)
    assert [problem.format() for problem in result.problems] == [
        "practices/lancer/oubli.yaml:1:1: extension « .yaml » : renommez le fichier en oubli.yml pour qu'il soit lu."
    ]


def test_top_level_list_is_explained(project: Project) -> None:
    assert problems_of(project, "practices/lancer/liste.yml", "- id: liste\n") == [
        "practices/lancer/liste.yml:1:1: le fichier contient une liste ; il doit décrire une entrée avec des "
        "lignes « clé: valeur » (id:, title:, …), comme le modèle du guide de contribution."
    ]


def test_every_kind_of_file_is_checked_against_its_own_schema(project: Project) -> None:
    assert problems_of(project, "practices/glossaire/ge.yml", "id: ge\nterm: GE\ndefinitoin: x\n") == [
        "practices/glossaire/ge.yml:1:1: definition: champ obligatoire manquant : ajoutez « definition: » "
        "(Définition).",
        "practices/glossaire/ge.yml:3:1: definitoin: clé inconnue « definitoin ». Vouliez-vous dire « definition » ?",
    ]


FIX_HINT = " Elle sert seulement à l'aide de VS Code ; « python3 scripts/validate.py --fix » l'écrit pour vous."


def test_the_ide_schema_line_should_point_at_the_project_schemas(project: Project) -> None:
    """A warning, not an error: the line helps IDEs, the handbook builds without it."""
    schemas = project.root / "plugins/maillage/schemas"
    schemas.mkdir(parents=True)
    text = card()
    assert problems_of(project, "practices/lancer/nouvelle-fiche.yml", text) == [
        "practices/lancer/nouvelle-fiche.yml:1:1: avertissement : la ligne qui indique le schéma à l'éditeur "
        "manque : la première ligne doit être « # yaml-language-server: "
        "$schema=../../plugins/maillage/schemas/card.schema.json »." + FIX_HINT]
    moved = "# yaml-language-server: $schema=../../plugins/maillage/schemas/card.schema.json\n" + text
    assert problems_of(project, "practices/lancer/nouvelle-fiche.yml", moved) == []
    project.remove("practices/lancer/nouvelle-fiche.yml")
    assert problems_of(project, "practices/lancer/sous/nouvelle-fiche.yml", moved) == [
        "practices/lancer/sous/nouvelle-fiche.yml:1:1: avertissement : la ligne qui indique le schéma à l'éditeur "
        "ne pointe pas vers le bon schéma : la première ligne doit être « # yaml-language-server: "
        "$schema=../../../plugins/maillage/schemas/card.schema.json »." + FIX_HINT]
