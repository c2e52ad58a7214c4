"""The format reference for editors, generated from the JSON Schemas at every build.

Editors read what the validator enforces, word for word: every key with its French title
and description, whether it is required, its type, allowed values with their labels, limits
and an example. Nothing here restates a rule; it only reads the schemas.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model.handbook import Handbook
from ..validation.messages import ID_PATTERN
from ..addresses import FORMAT_REFERENCE as REFERENCE_URI
from ..kinds import KINDS
from ..validation.schemas import SCHEMA_FILES, SchemaSet, is_one_line
from .dating import number
from .pages import PageWriter
from .site import GeneratedPage, IntroLookup

FOLDERS = {kind.name: ", ".join(f"{folder}/" for folder in kind.folders) for kind in KINDS.values()}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    title: str
    description: str
    required: str
    type: str
    allowed: list[tuple[str, str]]
    limits: list[str]
    example: str | None
    parts: list[FieldDoc] = field(default_factory=list)
    """Keys of each item, for a list of blocks (``sources``)."""


@dataclass(frozen=True)
class FileDoc:
    kind: str
    title: str
    description: str
    folder: str
    schema_file: str
    fields: list[FieldDoc]


def describe(schemas: SchemaSet) -> list[FileDoc]:
    return [_file(schemas, kind) for kind in SCHEMA_FILES]


def _file(schemas: SchemaSet, kind: str) -> FileDoc:
    schema = schemas.schema(kind)
    required = set(schema.get("required", []))
    conditional = _conditional_requirements(schema)
    fields = []
    for name in schema["properties"]:
        resolved = schemas.property_schema(kind, name)
        status = "oui" if name in required else conditional.get(name, "non")
        fields.append(_field(schemas, SCHEMA_FILES[kind], name, resolved, status))
    return FileDoc(kind, schema["title"], schema["description"], FOLDERS[kind], SCHEMA_FILES[kind], fields)


def _conditional_requirements(schema: dict[str, Any]) -> dict[str, str]:
    """``if kind == practice then phase is required`` → {"phase": "pour kind: practice"}."""
    condition = schema.get("if", {}).get("properties", {})
    when = ", ".join(f"{key}: {rule['const']}" for key, rule in condition.items() if "const" in rule)
    return {name: f"pour {when}" for name in schema.get("then", {}).get("required", [])}


def _field(schemas: SchemaSet, base: str, name: str, schema: dict[str, Any], required: str) -> FieldDoc:
    items = schemas.resolve(schema["items"], base) if "items" in schema else None
    parts = []
    if items is not None and "properties" in items:
        item_required = set(items.get("required", []))
        parts = [_field(schemas, base, key, schemas.resolve(value, base), "oui" if key in item_required else "non")
                 for key, value in items["properties"].items()]
    values_schema = items if items is not None else schema
    labels = values_schema.get("x-labels", {})
    allowed = [(str(value), labels.get(value, "")) for value in values_schema.get("enum", [])]
    example = schema.get("examples", [None])[0]
    return FieldDoc(
        name=name,
        title=schema.get("title", name),
        description=schema.get("description", ""),
        required=required,
        type=_type(schema, items),
        allowed=allowed,
        limits=_limits(schema, items),
        example=yaml.safe_dump({name: example}, allow_unicode=True, sort_keys=False, width=90).strip()
        if example is not None else None,
        parts=parts,
    )


def _type(schema: dict[str, Any], items: dict[str, Any] | None) -> str:
    if items is not None:
        if "enum" in items:
            return "liste de valeurs choisies"
        if "properties" in items:
            return "liste de blocs"
        if items.get("pattern") == ID_PATTERN:
            return "liste d'identifiants"
        return "liste de textes (Markdown)" if items.get("maxLength", 0) > 200 else "liste de textes"
    if "enum" in schema:
        return "une valeur choisie"
    kind = schema.get("type")
    if kind == "string":
        if schema.get("pattern") == ID_PATTERN:
            return "identifiant"
        if is_one_line(schema):
            return "texte sur une ligne"
        return "texte (Markdown)" if schema.get("maxLength", 0) > 1000 else "texte"
    return {"integer": "nombre entier", "boolean": "true ou false", "object": "bloc"}.get(str(kind), str(kind))


def _limits(schema: dict[str, Any], items: dict[str, Any] | None) -> list[str]:
    limits = []
    if "minItems" in schema or "maxItems" in schema:
        limits.append(_range(schema.get("minItems"), schema.get("maxItems"), "élément", "éléments"))
    if schema.get("uniqueItems"):
        limits.append("sans doublon")
    text = items if items is not None and items.get("type") == "string" else schema
    if "minLength" in text or "maxLength" in text:
        limits.append(_range(text.get("minLength"), text.get("maxLength"), "caractère", "caractères")
                      + (" par élément" if text is items else ""))
    if text.get("pattern") == ID_PATTERN:
        limits.append("lettres minuscules sans accents, chiffres, tirets entre les mots")
    if "minimum" in schema or "maximum" in schema:
        limits.append(f"de {schema.get('minimum')} à {schema.get('maximum')}")
    return limits


def _range(low: int | None, high: int | None, one: str, many: str) -> str:
    """Numbers as French readers write them: « 4 000 caractères au plus »."""
    if low and high:
        return f"de {number(low)} à {number(high)} {many}"
    if high:
        return f"{number(high)} {many} au plus"
    return f"au moins {number(low or 0)} {one if low == 1 else many}"


def reference_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    text, edit = intro(REFERENCE_URI)
    content = writer.render_page("reference.md.j2", REFERENCE_URI, intro=text, files=describe(writer.schemas))
    yield GeneratedPage(REFERENCE_URI, content, edit, in_nav=True, carries_editor_text=False)
