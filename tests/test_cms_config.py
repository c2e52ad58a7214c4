"""Door 2 without a browser: the web editor's configuration is the schemas' (every key, every
closed list, every limit, every reference), follows a schema change with no other edit, and is
served with Decap's script from the site itself, at the exact version of package-lock.json."""

from __future__ import annotations

import copy
import json
import logging
import re
from pathlib import Path

import pytest
import yaml

from cms_support import DECAP_SCRIPT, needs_cms
from conftest import ROOT, Project
from maillage.kinds import FOLDERS
from maillage.proposals.cms import ALL_CARDS, cms_config, formats
from maillage.proposals.issue_form import issue_form
from maillage.validation.references import REFERENCE_FIELDS
from maillage.validation.schemas import SCHEMA_FILES, SchemaSet

SCHEMAS = SchemaSet.load()
CONFIG = cms_config(SCHEMAS, repo="maillage/maillage")
COLLECTIONS = {collection["name"]: collection for collection in CONFIG["collections"]}
KIND_OF_COLLECTION = FOLDERS


def test_one_collection_per_folder_of_practices_in_french_with_the_editorial_workflow() -> None:
    assert set(COLLECTIONS) == set(KIND_OF_COLLECTION) | {ALL_CARDS}
    for name, kind in KIND_OF_COLLECTION.items():
        assert COLLECTIONS[name]["folder"] == f"practices/{name}"
        assert COLLECTIONS[name]["format"] == f"maillage-{kind}" and COLLECTIONS[name]["extension"] == "yml"
    assert CONFIG["locale"] == "fr" and CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["backend"]["open_authoring"] is True and CONFIG["local_backend"] is True
    assert COLLECTIONS[ALL_CARDS]["hide"] is True and COLLECTIONS[ALL_CARDS]["create"] is False


@pytest.mark.parametrize("name", sorted(KIND_OF_COLLECTION))
def test_every_key_enum_and_limit_of_the_schema_is_a_field(name: str) -> None:
    kind = KIND_OF_COLLECTION[name]
    schema = SCHEMAS.schema(kind)
    fields = {field["name"]: field for field in COLLECTIONS[name]["fields"]}
    assert list(fields) == list(schema["properties"])  # every key, in the schema's order
    for key in schema["properties"]:
        field, resolved = fields[key], SCHEMAS.property_schema(kind, key)
        assert field["required"] == (key in schema["required"]), key
        assert field["label"] == resolved.get("title", key)
        items = SCHEMAS.resolve(resolved["items"], SCHEMA_FILES[kind]) if "items" in resolved else {}
        enum = resolved.get("enum") or items.get("enum")
        if enum:
            labels = resolved.get("x-labels") or items.get("x-labels")
            assert field["widget"] == "select" and field.get("multiple", False) == ("items" in resolved)
            assert field["options"] == [{"label": labels[value], "value": value} for value in enum], key
        if "maxLength" in resolved:
            assert str(resolved["maxLength"]) in field["hint"] and str(resolved["maxLength"]) in field["pattern"][0]
            low, high = resolved.get("minLength", 1), resolved["maxLength"]
            regex = re.compile(field["pattern"][0])
            assert regex.search("a" * max(low, 1)), key
            assert not regex.search("b" * (high + 1)), key
        if "maxItems" in resolved:
            assert field["max"] == resolved["maxItems"]
        if key in REFERENCE_FIELDS and REFERENCE_FIELDS[key][0] == kind:
            target = REFERENCE_FIELDS[key][1].kind
            assert field["widget"] == "relation" and field["multiple"] is True
            assert COLLECTIONS[field["collection"]]["format"] in (f"maillage-{target}", "maillage-index")
    if kind in ("card", "case"):
        sources = fields["sources"]
        assert sources["widget"] == "list" and [sub["name"] for sub in sources["fields"]] == ["ref", "locator"]
        assert sources["fields"][0]["widget"] == "relation" and sources["fields"][0]["collection"] == "sources"
        assert all(sub["required"] for sub in sources["fields"])


def test_widgets_follow_the_shape_of_each_key() -> None:
    card = {field["name"]: field for field in COLLECTIONS["lancer"]["fields"]}
    assert card["how"]["widget"] == "list" and card["how"]["field"]["widget"] == "text"
    assert card["context"]["widget"] == "markdown"
    assert card["title"]["widget"] == "string" and card["summary"]["widget"] == "text"
    assert card["related"]["collection"] == ALL_CARDS and card["cases"]["collection"] == "experiences"
    assert card["kind"]["default"] == "practice" and card["phase"]["default"] == "launch"
    vigilance = {field["name"]: field for field in COLLECTIONS["vigilance"]["fields"]}
    assert vigilance["kind"]["default"] == "vigilance" and "default" not in vigilance["phase"]
    term = {field["name"]: field for field in COLLECTIONS["glossaire"]["fields"]}
    assert term["see_also"]["collection"] == "glossaire" and term["see_also"]["search_fields"][0] == "term"
    source = {field["name"]: field for field in COLLECTIONS["sources"]["fields"]}
    assert source["year"]["widget"] == "number" and source["year"]["min"] == 1950
    assert source["year_approximate"]["widget"] == "boolean"
    assert re.fullmatch(card["id"]["pattern"][0], "partir-des-objectifs")
    assert not re.fullmatch(card["id"]["pattern"][0], "../x") and not re.fullmatch(card["id"]["pattern"][0], "a" * 81)


def test_a_key_added_to_a_schema_appears_in_both_doors_with_no_other_change() -> None:
    documents = copy.deepcopy(SCHEMAS.documents)
    documents["card.schema.json"]["properties"]["audience"] = {
        "title": "Public", "description": "À qui la fiche s'adresse.", "enum": ["pme", "pole"],
        "x-labels": {"pme": "dirigeants de PME", "pole": "équipes de pôle"}}
    changed = SchemaSet(documents)
    field = next(field for field in cms_config(changed, repo="a/b")["collections"][0]["fields"]
                 if field["name"] == "audience")
    assert field["widget"] == "select" and field["options"][1] == {"label": "équipes de pôle", "value": "pole"}
    form = yaml.safe_load(issue_form(changed).split("\n", 2)[2])
    element = next(element for element in form["body"] if element.get("id") == "audience")
    assert element["attributes"]["options"] == ["dirigeants de PME", "équipes de pôle"]
    assert formats(changed, ROOT)["maillage-card"]["order"][-1] == "audience"


def test_each_format_writes_the_schema_line_the_validator_expects() -> None:
    expected = {kind: f"# yaml-language-server: $schema=../../plugins/maillage/schemas/{file}"
                for kind, file in SCHEMA_FILES.items()}
    for kind, line in expected.items():
        assert formats(SCHEMAS, ROOT)[f"maillage-{kind}"]["schemaLine"] == line
        folder = next(name for name, of in KIND_OF_COLLECTION.items() if of == kind)
        example = next((ROOT / "practices" / folder).glob("*.yml"))
        assert example.read_text(encoding="utf-8").split("\n", 1)[0] == line


def test_npm_packages_are_pinned_exactly() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


@needs_cms
def test_the_built_site_serves_the_editor_itself(real_site: Path) -> None:
    admin = real_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r"""src=["']([^"']+)""", page)
    assert sources == ["decap-cms.js", "maillage-cms.js"]  # from the site itself, no CDN
    assert (admin / "decap-cms.js").read_bytes() == DECAP_SCRIPT.read_bytes()
    assert (admin / "yaml" / "index.js").is_file() and list(admin.glob("*.decap-cms.js"))
    assert not list(admin.glob("*.map"))
    served = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert served["backend"]["repo"] == "maillage/maillage" and served["collections"] == CONFIG["collections"]
    assert json.loads((admin / "formats.json").read_text(encoding="utf-8")) == formats(SCHEMAS, ROOT)


def test_without_npm_ci_the_build_says_the_editor_is_incomplete(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    settings = project.root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("  - maillage\n", "  - maillage\n  - maillage-admin:\n      node_modules: absent\n", 1),
                        encoding="utf-8")
    assert "maillage-admin" in settings.read_text(encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="maillage.admin")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(settings), site_dir=str(project.root / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)  # strict, and still built: the handbook does not depend on Node
    assert [record.getMessage() for record in caplog.records if record.name == "maillage.admin"] == [
        "L'éditeur web (admin/) est incomplet : le script de Decap CMS est absent de absent/. "
        "Lancez « npm ci » (ou « make build », qui le fait) pour l'installer."]
    page = (project.root / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    assert "L'éditeur web (admin/) est incomplet" in page and (project.root / "site/admin/config.yml").is_file()
