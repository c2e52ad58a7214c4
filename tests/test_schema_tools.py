"""The schemas work with the standard tools editors and maintainers reach for, from the
repository root: check-jsonschema on the command line, VS Code's YAML extension (its settings in
.vscode/, the French labels of closed lists in its completions)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from maillage.pipeline import FOLDERS
from maillage.validation.schemas import SCHEMA_FILES, SchemaSet

SCHEMA_DIR = ROOT / "plugins" / "maillage" / "schemas"


def _check_jsonschema() -> list[str]:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("check-jsonschema absent : pip install -r requirements-dev.txt")
    return [found]


@pytest.mark.parametrize(("folder", "kind"), sorted(FOLDERS.items()))
def test_check_jsonschema_validates_each_folder_from_the_root(folder: str, kind: str) -> None:
    """A relative ``$id`` made ``common.schema.json`` resolve against the working directory."""
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "practices" / folder).glob("*.yml"))[:5]
    assert files, folder
    run = subprocess.run([*_check_jsonschema(), "--schemafile", f"plugins/maillage/schemas/{SCHEMA_FILES[kind]}",
                          *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ok -- validation done" in run.stdout


def test_check_jsonschema_finds_a_mistake(tmp_path: Path) -> None:
    card = tmp_path / "fiche.yml"
    card.write_text("id: fiche\nkind: pratique\n", encoding="utf-8")
    run = subprocess.run([*_check_jsonschema(), "--schemafile", "plugins/maillage/schemas/card.schema.json",
                          str(card)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "pratique" in run.stdout + run.stderr


def test_the_schema_files_carry_no_relative_id() -> None:
    for path in SCHEMA_DIR.glob("*.schema.json"):
        assert "$id" not in json.loads(path.read_text(encoding="utf-8")), path.name


def test_ide_completions_show_the_french_labels() -> None:
    """``enumDescriptions`` (and its Markdown twin) copy ``x-labels``, the one source, in order."""
    schemas = SchemaSet.load()
    seen = 0

    def walk(node: object) -> None:
        nonlocal seen
        if isinstance(node, dict):
            if "enum" in node and "x-labels" in node:
                labels = [node["x-labels"][value] for value in node["enum"]]
                assert node.get("enumDescriptions") == labels
                assert node.get("markdownEnumDescriptions") == labels
                seen += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for document in schemas.documents.values():
        walk(document)
    assert seen >= 6


def test_vscode_maps_every_folder_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = {pattern: schema for schema, patterns in settings["yaml.schemas"].items() for pattern in patterns}
    for folder, kind in FOLDERS.items():
        assert mapping[f"practices/{folder}/*.yml"] == f"./plugins/maillage/schemas/{SCHEMA_FILES[kind]}", folder
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
