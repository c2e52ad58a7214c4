"""The fast schema pass (jsonschema-rs) and the detailed one (jsonschema) must always agree:
a file the fast pass accepts never reaches the detailed pass, so a disagreement would let an
invalid card through."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from conftest import ROOT
from maillage.loading.yaml_reader import read_document
from maillage.pipeline import find_files, kind_of
from maillage.validation.schemas import SchemaSet

SCHEMAS = SchemaSet.load()
WRONG_VALUES = [None, "", "texte", 12, 3.5, True, [], ["x"], {}, {"a": 1}, "Á", "x" * 5000, "a\nb",
                datetime.date(2020, 1, 1), "texte\n", "texte\r", "index", "fiche-x\n"]
"""A trailing line break is where the two passes' regular expressions once disagreed (Python's
``$`` matches before it, Rust's does not); a reserved id is refused by both."""


def real_files() -> list[tuple[str, dict]]:
    practices = ROOT / "practices"
    found = []
    for path in find_files(practices)[::7]:  # a sample of every kind keeps the test quick
        document, _ = read_document(path, path.name, 65536)
        found.append((kind_of(path, practices), document.data))
    return found


def mutations(data: dict) -> Iterator[dict]:
    for key in list(data):
        yield {name: value for name, value in data.items() if name != key}
        for wrong in WRONG_VALUES:
            yield {**data, key: wrong}
    yield {**data, "cle_inconnue": "x"}


@pytest.mark.parametrize(("kind", "data"), real_files(), ids=lambda value: value if isinstance(value, str) else "")
def test_fast_and_detailed_passes_agree(kind: str, data: dict) -> None:
    detailed = SCHEMAS.validators[kind]
    for variant in [data, *mutations(data)]:
        expected_valid = detailed.is_valid(variant)
        assert (SCHEMAS.errors(kind, variant) == []) == expected_valid, variant
