"""The published files: one JSON and one CSV per kind of entry, the schemas, a catalogue.

Each JSON file is a list of entries written with the keys of their YAML files, so that every
entry validates against the kind's schema, published next to it under ``schemas/``; a small
collection schema per kind (``schemas/fiches.collection.schema.json``) says so for the whole
file. Links resolved by the model are written back as the ids the files hold.

Each CSV file has one row per entry (one per question for diagnostics), lists joined by « | »,
separated by semicolons and preceded by a byte order mark: the form French spreadsheet software
opens without an import dialog. Card text is hostile (SECURITY.md): a cell that a spreadsheet
would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe, as OWASP recommends, so it is shown as text and never computed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..kinds import KINDS
from ..model.entries import Entry, Question, SourceRef
from ..model.handbook import Handbook
from ..validation.schemas import SchemaSet

LICENCE = ("licence à préciser par les mainteneurs : le dépôt n'en déclare pas encore ; en attendant, "
           "demandez-leur avant toute réutilisation")
"""The repository has no licence yet: say so rather than invent one."""
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dataset:
    kind: str
    name: str
    """The files' stem (``fiches`` → fiches.json, fiches.csv), in French like the site's addresses."""
    title: str
    entries: Callable[[Handbook], list[Any]]


DATASETS: tuple[Dataset, ...] = (
    Dataset("card", "fiches", "Fiches", lambda handbook: sorted(handbook.cards.values(), key=lambda e: e.id)),
    Dataset("case", "experiences", "Expériences", lambda handbook: sorted(handbook.cases.values(), key=lambda e: e.id)),
    Dataset("source", "sources", "Sources", lambda handbook: sorted(handbook.sources.values(), key=lambda e: e.id)),
    Dataset("term", "glossaire", "Termes du glossaire", lambda handbook: sorted(handbook.terms.values(), key=lambda e: e.id)),
    Dataset("diagnostic", "diagnostics", "Autodiagnostics", lambda handbook: handbook.ordered_diagnostics()),
)
assert {dataset.kind for dataset in DATASETS} == set(KINDS), "every kind of file is published"

_MODEL_ONLY = {"source_file", "updated"}


def file_data(entry: Entry | Question) -> dict[str, Any]:
    """An entry as its file wrote it: its keys and values, without what the model added."""
    renamed = {attribute: key for key, attribute in getattr(entry, "REFERENCE_ATTRIBUTES", {}).items()}
    if isinstance(entry, Question):
        renamed = {"card_ids": "cards"}
    data: dict[str, Any] = {}
    for item in dataclasses.fields(entry):
        if item.name in _MODEL_ONLY or not item.compare:  # links resolved by the model
            continue
        value = getattr(entry, item.name)
        if value is None or value == [] or (item.name == "year_approximate" and value is False):
            continue
        data[renamed.get(item.name, item.name)] = _plain(value)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, SourceRef):
        return {"ref": value.ref, "locator": value.locator}
    if isinstance(value, Question):
        return file_data(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def json_file(entries: Iterable[Entry]) -> str:
    return json.dumps([file_data(entry) for entry in entries], ensure_ascii=False, indent=1) + "\n"


def collection_schema(dataset: Dataset) -> str:
    """A list of entries of one kind, each valid against the kind's own schema."""
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{dataset.name}.collection.schema.json",
        "title": f"{dataset.title} du guide Maillage (données ouvertes)",
        "type": "array",
        "items": {"$ref": KINDS[dataset.kind].schema},
    }, ensure_ascii=False, indent=2) + "\n"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: never a formula, whatever the card says."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, dict):  # a citation
        return f"{value['ref']} ({value['locator']})" if "ref" in value else json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return " ".join(str(value).split())


def csv_file(dataset: Dataset, entries: list[Any], schemas: SchemaSet) -> str:
    """One row per entry; the columns are the schema's keys, in its order."""
    if dataset.kind == "diagnostic":
        columns = ["diagnostic", "diagnostic_title", "id", "question", "importance", "cards", "sources"]
        rows = [{"diagnostic": entry.id, "diagnostic_title": entry.title, **file_data(question)}
                for entry in entries for question in entry.questions]
    else:
        columns = list(schemas.schema(dataset.kind)["properties"])
        rows = [file_data(entry) for entry in entries]
        if KINDS[dataset.kind].name in ("card", "case"):
            columns.append("updated")
            for row, entry in zip(rows, entries):
                row["updated"] = entry.updated.isoformat() if entry.updated else ""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(_cell(row.get(column, ""))) for column in columns])
    return "\ufeff" + out.getvalue()


def catalogue(handbook: Handbook, edition: datetime.date) -> dict[str, Any]:
    """What ``donnees/catalogue.json`` says: the edition, the licence, every file and its count."""
    return {
        "titre": "Maillage : données ouvertes du guide",
        "edition": edition.isoformat(),
        "licence": LICENCE,
        "jeux": [{"nom": dataset.name, "titre": dataset.title, "nombre": len(dataset.entries(handbook)),
                  "json": f"{dataset.name}.json", "csv": f"{dataset.name}.csv",
                  "schema": f"schemas/{dataset.name}.collection.schema.json",
                  "schema_entree": f"schemas/{KINDS[dataset.kind].schema}"} for dataset in DATASETS],
    }


def edition_date(handbook: Handbook) -> datetime.date:
    """The date of the content's last commit; the build's day when there is no history."""
    changelog = handbook.changelog
    if changelog is not None and changelog.commits:
        return changelog.commits[0].when.date()
    return datetime.date.today()
