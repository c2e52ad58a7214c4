"""The Decap CMS configuration (``admin/config.yml``), generated from the JSON Schemas.

One collection per folder of ``practices/`` (each section's cards, ``experiences``, ``sources``,
``glossaire``); one field per key of the schema, in its order, with its French title, its
description and limits as the hint, required when the schema requires it, a select with the
French labels for every closed list, and a relation to the other collection for every
reference. A key added to a schema is in the web editor at the next build.

Decap cannot write a comment line before the YAML it saves, and the validator wants the
``# yaml-language-server`` line first: each collection therefore uses a format of ours
(``admin/maillage-cms.js``) that writes that line, the keys in the schema's order, and leaves
out the optional fields left empty (Decap would write ``""`` or ``[]``, which the schema refuses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.entries import SECTIONS
from ..pipeline import FOLDER_KINDS
from ..validation.references import REFERENCE_FIELDS, SOURCE
from ..validation.schema_line import expected_line
from ..validation.schemas import SCHEMA_FILES, SchemaSet

ALL_CARDS = "toutes-les-fiches"
"""A hidden collection of every card, whatever its folder: what ``related`` points to."""
CARD_MARK = "maillage_fiche"
"""Set by our format on cards only, so that the hidden collection can filter out the rest."""
COLLECTION_OF_KIND = {kind: folder for folder, kind in FOLDER_KINDS.items()} | {"card": ALL_CARDS}
_ID_REF = "common.schema.json#/$defs/id"
_MARKDOWN_REF = "common.schema.json#/$defs/markdown"
_LINE_PATTERN = "^[^\\n\\r]*\\S[^\\n\\r]*$"


def collections(schemas: SchemaSet) -> list[tuple[str, str, str]]:
    """(collection name, folder under practices/, kind of file), as the validator reads folders."""
    found = [(section.slug, section.slug, "card") for section in SECTIONS]
    return found + [(folder, folder, kind) for folder, kind in FOLDER_KINDS.items()]


def cms_config(schemas: SchemaSet, *, repo: str, branch: str = "main", base_url: str | None = None,
               auth_endpoint: str | None = None, practices: str = "practices") -> dict[str, Any]:
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch, "open_authoring": True,
                               "squash_merges": True}
    if base_url:  # the OAuth proxy that logs editors in (README, « L'éditeur web »)
        backend["base_url"] = base_url
    if auth_endpoint:
        backend["auth_endpoint"] = auth_endpoint
    config: dict[str, Any] = {
        "backend": backend,
        # On localhost only, Decap talks to `npx decap-server` (the working copy) when it runs.
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "collections": [],
    }
    titles = {section.slug: section.title for section in SECTIONS}
    kind_titles = {"case": "Expériences", "source": "Sources", "term": "Glossaire"}
    for name, folder, kind in collections(schemas):
        schema = schemas.schema(kind)
        display = _display_key(schema)
        collection: dict[str, Any] = {
            "name": name,
            "label": f"Fiches · {titles[name]}" if kind == "card" else kind_titles.get(kind, name),
            "label_singular": str(schema.get("title", name)),
            "description": str(schema.get("description", "")),
            "folder": f"{practices}/{folder}",
            "extension": "yml",
            "format": format_name(kind),
            "create": True,
            "slug": "{{id}}",
            "identifier_field": "id",
            "summary": "{{" + display + "}}",
            "sortable_fields": [display],
            "editor": {"preview": False},  # Decap's preview is not the site's page: the form, full width
            "fields": fields(schemas, kind, section=next((s for s in SECTIONS if s.slug == name), None)),
        }
        config["collections"].append(collection)
    card = schemas.schema("card")
    config["collections"].append({
        "name": ALL_CARDS,
        "label": "Toutes les fiches",
        "folder": practices,
        "nested": {"depth": 2},
        "extension": "yml",
        "format": "maillage-index",
        "hide": True,
        "create": False,
        "delete": False,
        "filter": {"field": CARD_MARK, "value": "oui"},
        "identifier_field": "id",
        "summary": "{{title}}",
        "fields": [{"name": "id", "label": "Identifiant", "widget": "string"},
                   {"name": _display_key(card), "label": "Titre", "widget": "string"}],
    })
    return config


def format_name(kind: str) -> str:
    return f"maillage-{kind}"


def formats(schemas: SchemaSet, root: Path, practices: str = "practices") -> dict[str, dict[str, Any]]:
    """For our Decap formats (``maillage-cms.js``): the schema line each kind's files start with,
    and the order of their keys."""
    found: dict[str, dict[str, Any]] = {}
    for kind, file_name in SCHEMA_FILES.items():
        example = root / practices / "dossier" / "fiche.yml"  # every folder is one level down
        found[format_name(kind)] = {
            "schemaLine": expected_line(example, root / "plugins" / "maillage" / "schemas" / file_name),
            "order": list(schemas.schema(kind)["properties"]),
            "card": kind == "card",
        }
    return found


def fields(schemas: SchemaSet, kind: str, *, section: Any = None) -> list[dict[str, Any]]:
    schema = schemas.schema(kind)
    required = set(schema.get("required", []))
    base = SCHEMA_FILES[kind]
    found = []
    for key, raw in schema["properties"].items():
        resolved = schemas.property_schema(kind, key)
        field = _field(schemas, key, raw, resolved, base, kind)
        field["required"] = key in required
        if not field["required"] and resolved.get("type") == "array":
            field.pop("min", None)  # an optional list left empty is left out of the file
        default = getattr(section, key, None) if section is not None else None
        if default is not None and "options" in field:
            field["default"] = default
        elif "default" in resolved and field.get("widget") != "list":
            field["default"] = resolved["default"]
        found.append(field)
    return found


def _field(schemas: SchemaSet, key: str, raw: dict[str, Any], schema: dict[str, Any], base: str,
           kind: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": key, "label": str(schema.get("title") or key)}
    hint = _hint(schema)
    if hint:
        field["hint"] = hint
    if "enum" in schema:
        field |= {"widget": "select", "options": _options(schema)}
        return field
    kind_of_value = schema.get("type")
    if kind_of_value == "array":
        items = schemas.resolve(schema["items"], base)
        limits = {name: schema[keyword] for name, keyword in (("min", "minItems"), ("max", "maxItems"))
                  if keyword in schema}
        target = _reference_target(key, kind)
        if "enum" in items:
            return field | {"widget": "select", "multiple": True, "options": _options(items)} | limits
        if target is not None:
            return field | _relation(schemas, target) | {"multiple": True} | limits
        if items.get("type") == "object":
            sub = [_sub_field(schemas, name, schemas.resolve(value, "common.schema.json"), set(items.get("required", [])))
                   for name, value in items["properties"].items()]
            return field | {"widget": "list", "fields": sub, "summary": "{{fields.ref}} — {{fields.locator}}"} | limits
        item = _scalar(items, "item", str(schema.get("title") or key))
        return field | {"widget": "list", "field": item} | limits
    if kind_of_value == "boolean":
        return field | {"widget": "boolean"}
    if kind_of_value in ("integer", "number"):
        return field | {"widget": "number", "value_type": "int" if kind_of_value == "integer" else "float"} | {
            name: schema[keyword] for name, keyword in (("min", "minimum"), ("max", "maximum")) if keyword in schema}
    if raw.get("$ref") == _MARKDOWN_REF:
        field |= {"widget": "markdown", "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                  "editor_components": [], "modes": ["rich_text", "raw"]}
        return field | _pattern(schema)
    return field | _scalar(schema, key, field["label"])


def _sub_field(schemas: SchemaSet, name: str, schema: dict[str, Any], required: set[str]) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": str(schema.get("title") or name), "required": name in required}
    hint = _hint(schema)
    if hint:
        field["hint"] = hint
    if name == "ref":  # a citation's source: the only object of the schemas, in common.schema.json
        return field | _relation(schemas, SOURCE.kind)
    return field | _scalar(schema, name, field["label"])


def _scalar(schema: dict[str, Any], name: str, label: str) -> dict[str, Any]:
    refused = schema.get("not", {}).get("pattern", "") if isinstance(schema.get("not"), dict) else ""
    single = ("\\n" in str(schema.get("pattern", "")) or "\\n" in str(refused)
              or schema.get("pattern") == SCHEMA_ID_PATTERN)  # plainLine refuses a line break by « not »
    field: dict[str, Any] = {"name": name, "label": label, "widget": "string" if single else "text"}
    return field | _pattern(schema)


SCHEMA_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _pattern(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema's pattern and lengths as one JavaScript regular expression, with its message."""
    low, high = schema.get("minLength", 1), schema.get("maxLength")
    pattern = str(schema.get("pattern", ""))
    size = f"{{{low},{high if high is not None else ''}}}"
    limits = (f"de {low} à {high} caractères" if high is not None and low > 1 else
              f"{high} caractères au plus" if high is not None else f"au moins {low} caractère(s)")
    if pattern == SCHEMA_ID_PATTERN:
        return {"pattern": [f"^(?=.{size}$){pattern[1:]}",
                            f"Lettres minuscules sans accents, chiffres et tirets entre les mots ; {limits}."]}
    if "\\n" in pattern:
        return {"pattern": [f"^(?=[^\\n\\r]*\\S)[^\\n\\r]{size}$", f"Une seule ligne, non vide, {limits}."]}
    return {"pattern": [f"^(?=[\\s\\S]*\\S)[\\s\\S]{size}$", f"Texte non vide, {limits}."]}


def _hint(schema: dict[str, Any]) -> str:
    parts = [str(schema.get("description", "")).strip()]
    low, high = schema.get("minLength"), schema.get("maxLength")
    if high:
        parts.append(f"{low} à {high} caractères." if low and low > 1 else f"{high} caractères au plus.")
    low, high = schema.get("minItems"), schema.get("maxItems")
    if high:
        parts.append(f"{high} éléments au plus.")
    return " ".join(part for part in parts if part)


def _options(schema: dict[str, Any]) -> list[dict[str, str]]:
    labels = schema.get("x-labels", {})
    return [{"label": str(labels.get(value, value)), "value": value} for value in schema["enum"]]


def _reference_target(key: str, kind: str) -> str | None:
    holder = REFERENCE_FIELDS.get(key)
    return holder[1].kind if holder is not None and holder[0] == kind else None


def _relation(schemas: SchemaSet, target: str) -> dict[str, Any]:
    display = _display_key(schemas.schema(target))
    return {"widget": "relation", "collection": COLLECTION_OF_KIND[target], "value_field": "id",
            "search_fields": [display, "id"], "display_fields": [display], "options_length": 50}


def _display_key(schema: dict[str, Any]) -> str:
    properties = schema["properties"]
    return "title" if "title" in properties else next(key for key in schema.get("required", []) if key != "id")
