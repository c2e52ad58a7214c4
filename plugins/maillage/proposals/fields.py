"""The fields of a form, read from a schema: what to ask, how, and with which limits.

The issue form shows them and the issue reader maps GitHub's rendering of them back to keys,
so both sides use this one list and can never disagree on a heading or a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..validation.schemas import SCHEMA_FILES, SchemaSet

NOT_ASKED = ("id",)
"""Derived from the title, safely (``issue_body.safe_id``): an editor never types a file name."""


@dataclass(frozen=True)
class FormField:
    """One question of the form, for one top-level key of the schema."""

    key: str
    label: str
    control: str
    """dropdown (one value), checkboxes (several), line, text, lines (a list, one item a line),
    ids (identifiers separated by commas), citations (``source : emplacement`` lines),
    number, yes-no."""
    description: str
    required: bool
    options: dict[str, str] = field(default_factory=dict)
    """value → French label, for dropdowns and checkboxes."""
    schema: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def form_fields(schemas: SchemaSet, kind: str = "card") -> list[FormField]:
    """Every key of ``kind``'s schema but the id, in the schema's order."""
    schema = schemas.schema(kind)
    required = set(schema.get("required", []))
    fields: list[FormField] = []
    for key in schema["properties"]:
        if key in NOT_ASKED:
            continue
        resolved = schemas.property_schema(kind, key)
        items = schemas.resolve(resolved["items"], SCHEMA_FILES[kind]) if "items" in resolved else {}
        control = _control(resolved, items)
        options = dict(resolved.get("x-labels") or items.get("x-labels") or {})
        if not options and "enum" in (resolved or {}):
            options = {str(value): str(value) for value in resolved["enum"]}
        if not options and "enum" in items:
            options = {str(value): str(value) for value in items["enum"]}
        fields.append(FormField(
            key=key,
            label=str(resolved.get("title") or key),
            control=control,
            description=describe(resolved, items, control, conditional=_conditional(schema, key)),
            required=key in required,
            options=options,
            schema=resolved,
        ))
    return fields


def _control(schema: dict[str, Any], items: dict[str, Any]) -> str:
    if "enum" in schema:
        return "dropdown"
    kind = schema.get("type")
    if kind == "array":
        if "enum" in items:
            return "checkboxes"
        if items.get("type") == "object":
            return "citations"
        if items.get("pattern") == _ID_PATTERN:
            return "ids"
        return "lines"
    if kind == "boolean":
        return "yes-no"
    if kind in ("integer", "number"):
        return "number"
    return "line" if _single_line(schema) else "text"


_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _single_line(schema: dict[str, Any]) -> bool:
    # plainLine says « one line » as a refused line break: {"not": {"pattern": "[\\n\\r]"}}.
    refused = schema.get("not", {}).get("pattern", "") if isinstance(schema.get("not"), dict) else ""
    return ("\\n" in str(schema.get("pattern", "")) or "\\n" in str(refused)
            or schema.get("pattern") == _ID_PATTERN)


def _conditional(schema: dict[str, Any], key: str) -> str:
    """Say in words when a key is required only for some values (the schema's if/then)."""
    condition, then = schema.get("if", {}), schema.get("then", {})
    if key not in then.get("required", []):
        return ""
    clauses = []
    for name, rule in condition.get("properties", {}).items():
        if "const" in rule:
            labels = (schema["properties"].get(name) or {}).get("x-labels", {})
            clauses.append(labels.get(rule["const"], str(rule["const"])))
    return f"Obligatoire pour : {', '.join(clauses)}." if clauses else ""


def describe(schema: dict[str, Any], items: dict[str, Any], control: str, *, conditional: str = "") -> str:
    """The schema's description followed by its limits, in the words an editor uses."""
    parts = [str(schema.get("description", "")).strip()]
    if conditional and "obligatoire" not in parts[0].lower():
        parts.append(conditional)
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low and low > 1 and high:
        parts.append(f"Entre {low} et {high} caractères.")
    elif high:
        parts.append(f"{high} caractères au plus.")
    if control == "line":
        parts.append("Sur une seule ligne.")
    if control in ("lines", "citations"):
        what = "Une source par ligne, sous la forme « identifiant-de-la-source : emplacement du passage »" \
            if control == "citations" else "Un élément par ligne"
        limits = _count_limits(schema)
        item_high = (items.get("maxLength") if control == "lines" else None)
        parts.append(what + (f" ({limits})" if limits else "") + "."
                     + (f" {item_high} caractères au plus par élément." if item_high else ""))
        if control == "lines":
            parts.append("Markdown permis (gras, liens).")
    if control == "ids":
        parts.append("Identifiants séparés par des virgules.")
    if control == "checkboxes":
        limits = _count_limits(schema)
        parts.append("Cochez ce qui s'applique" + (f" ({limits})." if limits else "."))
    if control == "number":
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            parts.append(f"Nombre entier entre {low} et {high}.")
    return " ".join(part for part in parts if part)


def _count_limits(schema: dict[str, Any]) -> str:
    low, high = schema.get("minItems"), schema.get("maxItems")
    low = low if low and low > 1 else None  # an empty list is written by leaving the field empty
    if low and high:
        return f"de {low} à {high}"
    if low:
        return f"au moins {low}"
    if high:
        return f"{high} au plus"
    return ""
