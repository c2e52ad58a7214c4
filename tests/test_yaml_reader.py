"""The YAML reader: data, positions, and every input it must refuse with a located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from maillage.loading.yaml_reader import MAX_DEPTH, Position, read_document


def read(tmp_path: Path, content: str | bytes, max_bytes: int = 65536):
    path = tmp_path / "fiche.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    document, problems = read_document(path, "fiche.yml", max_bytes)
    return document, [problem.format() for problem in problems]


def test_keeps_the_position_of_every_key_and_value(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "id: a\nhow:\n  - un\n  - deux\nsources:\n  - ref: x\n    locator: y\n")
    assert problems == []
    assert document.data == {"id": "a", "how": ["un", "deux"], "sources": [{"ref": "x", "locator": "y"}]}
    assert document.position(("how", 1)) == Position(4, 5)
    assert document.key_position(("sources", 0, "locator")) == Position(7, 5)
    assert document.position(("sources", 0, "locator")) == Position(7, 14)


def test_bom_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    document, problems = read(tmp_path, b"\xef\xbb\xbfid: a\r\ntitle: b\r\n")
    assert problems == []
    assert document.data == {"id": "a", "title": "b"}
    assert document.position(("title",)) == Position(2, 8)


def test_unquoted_yes_no_keep_their_original_text(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "a: no\nb: 2020-01-02\nc: 'yes'\n")
    assert problems == []
    assert document.data["a"] is False and document.raw_scalars[("a",)] == "no"
    assert document.raw_scalars[("b",)] == "2020-01-02"
    assert document.data["c"] == "yes" and ("c",) not in document.raw_scalars


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n",
         "fiche.yml:3:1: la clé « a » apparaît deux fois dans le même bloc (déjà ligne 1) : "
         "YAML ne garderait que la dernière. Fusionnez les deux."),
        ("a: &x 1\n",
         "fiche.yml:1:4: les ancres YAML (« &x ») sont refusées : écrivez la valeur en entier."),
        ("a: !!python/object:os.system x\n",
         "fiche.yml:1:4: les étiquettes YAML (« tag:yaml.org,2002:python/object:os.system ») sont refusées : "
         "écrivez une simple valeur, entre guillemets si besoin."),
        ("a:\n\tb: 1\n",
         "fiche.yml:2:1: YAML invalide, tabulation interdite : YAML n'accepte que des espaces pour indenter. "
         "Remplacez chaque tabulation par deux espaces."),
        ('a: "pas fermé\nb: 2\n',
         "fiche.yml:1:4: YAML invalide, guillemet ouvert ligne 1 jamais fermé : ajoutez le guillemet de fin, "
         "ou doublez une apostrophe ('') à l'intérieur d'un texte entre apostrophes."),
        ("title: Lancer : le réseau\n",
         "fiche.yml:1:15: YAML invalide, deux-points inattendu : un texte qui contient « : » doit être mis "
         "entre guillemets, ou bien cette ligne est mal indentée."),
        ("", "fiche.yml:1:1: le fichier est vide : il doit contenir des lignes « clé: valeur »."),
        ("# rien que des commentaires\n",
         "fiche.yml:1:1: le fichier est vide : il doit contenir des lignes « clé: valeur »."),
        ("a: 1\n---\nb: 2\n",
         "fiche.yml:2:1: un seul document par fichier : retirez la ligne « --- » et ce qui suit."),
    ],
)
def test_refused_input_gets_a_located_french_message(tmp_path: Path, content: str, expected: str) -> None:
    _, problems = read(tmp_path, content)
    assert problems == [expected]


def test_aliases_are_refused_without_being_expanded(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    document, problems = read(tmp_path, bomb)
    assert problems[0] == "fiche.yml:1:4: les ancres YAML (« &a ») sont refusées : écrivez la valeur en entier."
    assert "fiche.yml:2:8: les alias YAML (« *a ») sont refusés : recopiez le texte à cet endroit." in problems
    assert document.data["i"] == ["*h", "*h", "*h", "*h"]  # nothing was expanded


def test_latin1_bytes_are_located(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "id: a\ntitle: caf".encode() + b"\xe9\n")
    assert problems == [
        "fiche.yml:2:11: le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible). Enregistrez-le en UTF-8 : "
        "dans VS Code, « Enregistrer avec l'encodage » puis « UTF-8 »."
    ]


@pytest.mark.parametrize(("character", "code"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\u202e", "U+202E")])
def test_control_and_bidi_characters_are_refused(tmp_path: Path, character: str, code: str) -> None:
    _, problems = read(tmp_path, f"id: a\ntitle: x{character}y\n")
    assert problems == [
        f"fiche.yml:2:9: caractère invisible ou de contrôle interdit ({code}). Supprimez-le : il vient souvent "
        "d'un copier-coller depuis un traitement de texte ou un PDF."
    ]


def test_files_over_the_size_cap_are_not_parsed(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: " + "x" * 2000 + "\n", max_bytes=1024)
    assert problems == [
        "fiche.yml:1:1: fichier trop gros (1 Ko) : la limite est 1 Ko par fichier. "
        "Une fiche tient en quelques kilo-octets ; découpez ou allégez le texte."
    ]


def test_deep_nesting_is_cut(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n")
    assert problems == [
        f"fiche.yml:1:{4 + MAX_DEPTH - 1}: imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : "
        "une fiche n'en a besoin que de trois."
    ]
    assert document is not None
