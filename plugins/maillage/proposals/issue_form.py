"""The "Proposer une fiche" GitHub issue form, generated from the card schema.

GitHub renders a submitted form as ``### <label>`` then the answer, so each label here is the
heading ``issue_body`` looks for; both come from ``fields.form_fields``.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..validation.schemas import SchemaSet
from .fields import FormField, form_fields

FORM_PATH = ".github/ISSUE_TEMPLATE/proposer-une-fiche.yml"
PROPOSAL_LABEL = "proposition de fiche"
"""Put on every proposal by the form; a maintainer adds ``ACCEPT_LABEL`` to turn it into a PR."""
ACCEPT_LABEL = "fiche à publier"

HEADER = ("# Généré à partir de plugins/maillage/schemas/card.schema.json par « make forms »\n"
          "# (scripts/make_forms.py) : ne modifiez pas ce fichier, modifiez le schéma.\n")

INTRODUCTION = (
    "Merci de partager une bonne pratique ! Remplissez les champs ci-dessous : une personne de "
    "l'équipe relira votre proposition, puis la transformera en fiche (une *pull request* est "
    "créée automatiquement et vérifiée par la machine). Si quelque chose manque, un commentaire "
    "vous dira quel champ corriger : modifiez alors cette issue (menu « ··· », *Edit*).\n\n"
    "Les **sources** sont les documents déjà présents dans le guide "
    "([liste des sources](https://maillage.github.io/maillage/sources/)) : indiquez leur "
    "identifiant (la fin de l'adresse de leur page) et l'endroit précis du passage."
)


def issue_form(schemas: SchemaSet) -> str:
    """The form's YAML text, stable for a given schema (the test compares it byte for byte)."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRODUCTION}}]
    body += [_element(field) for field in form_fields(schemas)]
    form = {
        "name": "Proposer une fiche",
        "description": "Proposer une bonne pratique, une condition de réussite ou un point de vigilance, "
                       "sans écrire de YAML.",
        "title": "Proposition de fiche : ",
        "labels": [PROPOSAL_LABEL],
        "body": body,
    }
    return HEADER + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)


def _element(field: FormField) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": field.label, "description": field.description}
    if field.control == "dropdown":
        element: dict[str, Any] = {"type": "dropdown", "id": field.key, "attributes": attributes}
        attributes["options"] = list(field.options.values())
    elif field.control == "yes-no":
        element = {"type": "dropdown", "id": field.key, "attributes": attributes}
        attributes["options"] = ["oui", "non"]
    elif field.control == "checkboxes":
        element = {"type": "checkboxes", "id": field.key, "attributes": attributes}
        attributes["options"] = [{"label": label} for label in field.options.values()]
    elif field.control in ("line", "ids", "number"):
        element = {"type": "input", "id": field.key, "attributes": attributes}
        if field.control == "ids":
            attributes["placeholder"] = ", ".join(_examples(field)) or "identifiant-a, identifiant-b"
    else:
        element = {"type": "textarea", "id": field.key, "attributes": attributes}
        placeholder = _placeholder(field)
        if placeholder:
            attributes["placeholder"] = placeholder
    if field.required and field.control != "checkboxes":
        element["validations"] = {"required": True}
    return element


def _examples(field: FormField) -> list[str]:
    examples = field.schema.get("examples") or []
    return [str(item) for item in examples[0]] if examples and isinstance(examples[0], list) else []


def _placeholder(field: FormField) -> str:
    examples = field.schema.get("examples") or []
    if not examples:
        return ""
    first = examples[0]
    if field.control == "citations" and isinstance(first, list):
        return "\n".join(f"{item['ref']} : {item['locator']}" for item in first if isinstance(item, dict))
    if isinstance(first, list):
        return "\n".join(str(item) for item in first)
    return str(first)
