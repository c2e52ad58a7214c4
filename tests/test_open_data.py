"""Open data (issue 18): the files under donnees/ of the real handbook, read back as a
reuser gets them, checked against the schemas published beside them and against the cards."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT
from maillage.model.handbook import Handbook
from maillage.opendata.data import DATASETS, csv_file, neutralise
from maillage.validation.schemas import SchemaSet

COLLECTIONS = {"fiches": "cards", "experiences": "cases", "sources": "sources", "glossaire": "terms",
               "diagnostics": "diagnostics"}


def published(site: Path, name: str) -> object:
    return json.loads((site / "donnees" / name).read_text(encoding="utf-8"))


def published_registry(site: Path) -> Registry:
    """The schemas as a reuser downloads them: from the site, not from the package."""
    folder = site / "donnees" / "schemas"
    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in folder.glob("*.json"))


def test_every_json_file_validates_against_its_published_schema(real_site: Path, handbook: Handbook) -> None:
    registry = published_registry(real_site)
    catalogue = published(real_site, "catalogue.json")
    assert isinstance(catalogue, dict)
    assert [item["nom"] for item in catalogue["jeux"]] == list(COLLECTIONS)
    for item in catalogue["jeux"]:
        data = published(real_site, item["json"])
        schema = published(real_site, item["schema"])
        errors = list(Draft202012Validator(schema, registry=registry).iter_errors(data))
        assert not errors, f"{item['json']} : {errors[0].message}"
        assert isinstance(data, list)
        collection = getattr(handbook, COLLECTIONS[item["nom"]])
        assert item["nombre"] == len(data) == len(collection)
        assert {entry["id"] for entry in data} == set(collection)


def test_the_json_says_what_each_file_says(real_site: Path, handbook: Handbook) -> None:
    """Each entry as its YAML file wrote it: ids, not resolved objects; nothing added but defaults."""
    for name, attribute in COLLECTIONS.items():
        data = published(real_site, f"{name}.json")
        assert isinstance(data, list)
        for entry in data:
            model = getattr(handbook, attribute)[entry["id"]]
            written = yaml.safe_load((ROOT / model.source_file).read_text(encoding="utf-8"))
            for key, value in written.items():
                if value is not False:
                    assert entry[key] == value, (model.source_file, key)
            assert set(entry) <= set(written) | {"scope"}, model.source_file


def test_the_csv_opens_in_a_french_spreadsheet_one_row_per_card(real_site: Path, handbook: Handbook) -> None:
    raw = (real_site / "donnees" / "fiches.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 avec BOM"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row["id"] for row in rows] == sorted(handbook.cards)
    card = handbook.cards[rows[0]["id"]]
    assert rows[0]["title"] == card.title
    assert rows[0]["how"].split(" | ")[0] == " ".join(card.how[0].split())
    assert rows[0]["related"] == " | ".join(card.related_ids)
    questions = list(csv.DictReader(io.StringIO((real_site / "donnees" / "diagnostics.csv")
                                                .read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert len(questions) == sum(len(diagnostic.questions) for diagnostic in handbook.diagnostics.values())


def test_no_published_cell_starts_like_a_formula(real_site: Path) -> None:
    for path in sorted((real_site / "donnees").glob("*.csv")):
        text = path.read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], path.name


def test_no_cell_can_become_a_formula(handbook: Handbook) -> None:
    card = next(iter(handbook.cards.values()))
    hostile = dataclasses.replace(card, title="=HYPERLINK(\"https://exemple.org\";\"clic\")",
                                  summary="+1+1 et plus", how=["@SOMME(A1:A9)", "ok"], context="-2+3")
    text = csv_file(DATASETS[0], [hostile], SchemaSet.load())
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert row["title"].startswith("'=") and row["summary"].startswith("'+")
    assert row["how"].startswith("'@") and row["context"].startswith("'-")
    assert [neutralise(cell) for cell in ("\tx", "\rx", "x=1")] == ["'\tx", "'\rx", "x=1"]


def test_the_page_gives_the_licence_date_and_counts(real_site: Path, handbook: Handbook) -> None:
    html = (real_site / "donnees" / "index.html").read_text(encoding="utf-8")
    assert "Licence à préciser par les mainteneurs" in html
    assert "Édition du" in html
    assert f"<td>Fiches</td>\n<td style=\"text-align: right;\">{len(handbook.cards)}</td>" in html or \
        f">{len(handbook.cards)}<" in html
