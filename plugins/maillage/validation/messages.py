"""French messages for schema errors, written for editors who are not developers.

Each message says what is wrong and what is allowed, and points at the line of the offending
value (or key). The wording is part of the product: tests pin it as exact text.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any

from jsonschema import ValidationError

from ..loading.yaml_reader import Document, FieldPath
from ..loading.problems import Problem

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def field_path(path: FieldPath) -> str:
    """``sources[1].ref``: list items counted from 1, as people count."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


Resolver = Callable[[dict[str, Any]], dict[str, Any]]


def schema_problems(document: Document, errors: list[ValidationError], resolve: Resolver) -> list[Problem]:
    """One problem per schema error, best match first when several hit the same value.

    ``resolve`` follows a ``$ref`` so that a missing key is described by its own schema.
    """
    problems: list[Problem] = []
    seen: set[tuple[object, str]] = set()
    """(path, keyword) of each error described, (field, message) of each problem made."""
    for error in sorted(errors, key=_relevance):
        path = tuple(error.absolute_path)
        for problem in _describe(document, error, path, resolve):
            key = (problem.field, problem.message)
            if (tuple(path), error.validator) in seen or key in seen:
                continue
            seen.add(key)
            problems.append(problem)
        seen.add((path, str(error.validator)))
    return problems


def _relevance(error: ValidationError) -> tuple[int, int]:
    # A wrong type explains everything else wrong with the same value: say it first.
    return (len(error.absolute_path), 0 if error.validator == "type" else 1)


def _describe(document: Document, error: ValidationError, path: FieldPath, resolve: Resolver) -> list[Problem]:
    keyword = str(error.validator)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    instance: Any = error.instance

    def at(target: FieldPath, message: str, *, key: bool = False) -> Problem:
        position = document.key_position(target) if key else document.position(target)
        return Problem(document.display, position.line, position.column, field_path(target), message)

    if keyword == "additionalProperties":
        properties = schema.get("properties", {})
        allowed = list(properties)
        titles = {name: str(resolve(value).get("title", "")) if isinstance(value, dict) else ""
                  for name, value in properties.items()}
        extra = [name for name in instance if name not in allowed]
        return [at(path + (name,), _unknown_key(name, allowed, titles), key=True) for name in extra]
    if keyword == "required":
        required: Any = error.validator_value
        missing = [name for name in required if name not in instance]
        properties = _parent_properties(error)
        return [at(path + (name,), _missing(name, resolve(properties.get(name, {})), error)) for name in missing]

    if keyword == "type" and isinstance(error.instance, dict) and "string" in _as_list(error.validator_value):
        colon = _colon_in_text(error.instance)
        if colon is not None:
            return [at(path, colon)]
    raw = document.raw_scalars.get(path) or None  # an empty value is just empty, not a trap
    if keyword == "type" and raw is not None and "string" in _as_list(error.validator_value):
        return [at(path, _unquoted_scalar(raw, error.instance))]
    if keyword == "enum" and raw is not None:
        return [at(path, _unquoted_scalar(raw, error.instance) + " " + _allowed_values(schema))]

    return [at(path, _message(keyword, error, schema, path))]


def _message(keyword: str, error: ValidationError, schema: dict[str, Any], path: FieldPath) -> str:
    value: Any = error.instance
    limit: Any = error.validator_value
    if keyword == "type":
        return _wrong_type(_as_list(limit), value, path)
    if keyword == "enum" and value is None:
        return f"valeur vide. {_allowed_values(schema)}"
    if keyword == "enum":
        suggestion = _suggest(str(value), [str(option) for option in limit], schema.get("x-labels", {}))
        return f"valeur « {value} » non permise. {_allowed_values(schema)}{suggestion}"
    if keyword == "const":
        return f"valeur « {value} » non permise : seule « {limit} » convient ici."
    if keyword == "maxLength":
        return (f"texte trop long : {len(value)} caractères pour {limit} au plus "
                f"({len(value) - limit} de trop).")
    if keyword == "minLength":
        return f"texte trop court : {len(value)} caractère(s), il en faut au moins {limit}."
    if keyword == "pattern":
        if limit == ID_PATTERN:
            return (f"identifiant « {value} » invalide : seulement des lettres minuscules sans accents, "
                    "des chiffres et des tirets entre les mots (ex. « partir-des-objectifs »)."
                    + _refused_character(value))
        return "ce texte est vide : écrivez-le ou retirez la clé."
    if keyword == "not" and "enum" in limit:
        return (f"identifiant « {value} » réservé : c'est déjà une adresse du site. Choisissez-en un "
                f"plus précis (ex. « {value}-du-reseau »).")
    if keyword == "not" and isinstance(value, str) and ("\n" in value or "\r" in value):
        return "ce texte doit tenir sur une seule ligne, sans retour à la ligne."
    if keyword == "minItems":
        return f"liste trop courte : {len(value)} élément(s), il en faut au moins {limit}."
    if keyword == "maxItems":
        return f"liste trop longue : {len(value)} éléments, {limit} au plus."
    if keyword == "uniqueItems":
        return "la liste contient deux fois la même valeur : retirez le doublon."
    if keyword in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        return f"nombre hors limites : {value} ; il doit être compris entre {low} et {high}."
    return f"valeur invalide ({error.message})."


def _refused_character(value: str) -> str:
    """Name the first character outside the id alphabet: a Cyrillic « с » or a right-to-left
    mark looks like nothing wrong until it is named."""
    for character in value:
        if not ("a" <= character <= "z" or "0" <= character <= "9" or character == "-"):
            return f" Caractère refusé : « {character} » (U+{ord(character):04X})."
    return ""


def _missing(name: str, property_schema: dict[str, Any], error: ValidationError) -> str:
    title = property_schema.get("title")
    label = f" ({title})" if title else ""
    if name == "phase" and "then" in str(error.schema_path):
        return ("champ obligatoire manquant pour une bonne pratique (kind: practice) : ajoutez "
                "« phase: » avec launch (lancer), manage (gérer) ou sustain (pérenniser).")
    if property_schema.get("type") == "array":
        return f"champ obligatoire manquant : ajoutez « {name}: »{label}, une liste d'au moins un élément."
    return f"champ obligatoire manquant : ajoutez « {name}: »{label}."


def _parent_properties(error: ValidationError) -> dict[str, Any]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema.get("properties", {})


def _colon_in_text(value: dict[str, Any]) -> str | None:
    """``- Objectif : partager`` is a one-key mapping to YAML: say that the « : » did it."""
    if len(value) != 1:
        return None
    key, rest = next(iter(value.items()))
    if not isinstance(key, str) or not isinstance(rest, (str, type(None))):
        return None
    text = f"{key} : {rest}" if rest else f"{key} :"
    return (f"« {_shorten(key)} : » suivi d'une espace fait de « {_shorten(key)} » une clé YAML, et de la "
            f"ligne un bloc « clé: valeur » au lieu d'un texte. Mettez tout le texte entre guillemets "
            f"doubles : \"{_shorten(text, 60)}\".")


def _plain(text: str) -> str:
    """Lower case without accents: « Écueils », « ecueils » and « écueils » are the same word to
    an editor typing on a keyboard without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _french_match(value: str, labels: dict[str, str]) -> str | None:
    """The option whose French label (or a word of it) is what the editor wrote, or close to it.

    Editors write in French: `résumé` for ``summary``, ``pieges`` for ``pitfalls`` (« Écueils »,
    and « piège » is the word the guide uses for it), ``lancement`` for ``launch`` (« lancer »)."""
    wanted = _plain(value)
    names = {_plain(label): option for option, label in labels.items() if label}
    names.update({_plain(word): option for option, label in labels.items()
                  for word in label.split() if len(word) > 3 and _plain(word) not in names})
    names.update({synonym: option for synonym, option in _FRENCH_SYNONYMS.items()
                  if option in labels and synonym not in names})
    if wanted in names:
        return names[wanted]
    close = get_close_matches(wanted, list(names), n=1, cutoff=0.75)
    if close:
        return names[close[0]]
    # Same stem: « lancement » and « lancer », « pérennisation » and « pérenniser ».
    stems = [name for name in names if len(name) >= 5 and wanted[:5] == name[:5]]
    return names[stems[0]] if len(stems) == 1 else None


_FRENCH_SYNONYMS = {
    "piege": "pitfalls", "pieges": "pitfalls", "difficultes": "pitfalls", "risques": "pitfalls",
    "etapes": "how", "etape": "how", "actions": "how", "faire": "how",
    "identifiant": "id", "type": "kind", "titre": "title", "description": "summary",
    "liens": "related", "voir": "related", "exemples": "cases", "experience": "cases",
    "references": "sources", "source": "sources", "acteur": "actors", "theme": "themes",
    "indicateur": "indicators",
    "gestion": "manage", "demarrage": "launch", "creation": "launch", "perennite": "sustain",
}
"""French words editors use for a key whose schema title says it otherwise; only those keys of
the block being checked are ever suggested."""


def _unknown_key(name: str, allowed: list[str], titles: dict[str, str] | None = None) -> str:
    close = get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"clé inconnue « {name} ». Vouliez-vous dire « {close[0]} » ?"
    french = _french_match(name, titles) if titles else None
    if french in allowed:  # the French title tells the editor why this key
        return f"clé inconnue « {name} ». Vouliez-vous dire « {french} » ({titles[french]}) ?"  # type: ignore[index]
    return f"clé inconnue « {name} ». Clés permises : {', '.join(allowed)}."


def _allowed_values(schema: dict[str, Any]) -> str:
    labels = schema.get("x-labels", {})
    options = [f"{option} ({labels[option]})" if option in labels else str(option)
               for option in schema.get("enum", [])]
    return "Valeurs permises : " + ", ".join(options) + "."


def _suggest(value: str, options: list[str], labels: dict[str, str]) -> str:
    # Editors often write the French label ("gérer") where the English value is expected.
    by_label = {label.casefold(): option for option, label in labels.items()}
    if value.casefold() in by_label:
        return f" Vouliez-vous dire « {by_label[value.casefold()]} » ?"
    close = get_close_matches(value, options, n=1, cutoff=0.6)
    if not close:
        french = _french_match(value, labels)
        close = [french] if french in options else []
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


_TYPE_NAMES = {
    "string": "un texte",
    "array": "une liste",
    "object": "un bloc de lignes « clé: valeur »",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
}


def _wrong_type(expected: list[str], value: object, path: FieldPath) -> str:
    wanted = " ou ".join(_TYPE_NAMES.get(kind, kind) for kind in expected)
    got = _describe_value(value)
    name = str(path[-1]) if path and isinstance(path[-1], str) else "clé"
    if "array" in expected and isinstance(value, str) and value and value[0] in _WORD_BULLETS:
        return (f"doit être une liste, mais ses éléments commencent par « {value[0]} » (puce copiée d'un "
                f"traitement de texte ?) : YAML ne reconnaît que le tiret simple « - ». Remplacez chaque "
                f"« {value[0]} » par « - », chaque élément sur sa ligne sous « {name}: ».")
    if "array" in expected and isinstance(value, str):
        return (f"doit être une liste, même d'un seul élément. Écrivez chaque élément sur sa ligne "
                f"sous « {name}: », précédé de « - » : « {name}: » puis «   - {_shorten(value)} ».")
    if value is None:
        return f"valeur vide : il faut {wanted}."
    return f"doit être {wanted}, pas {got}."


_WORD_BULLETS = "–—•·▪◦‣●○∙"


def _unquoted_scalar(raw: str, value: object) -> str:
    if isinstance(value, bool):
        reading = f"vrai/faux ({'true' if value else 'false'})"
    elif isinstance(value, (datetime.date, datetime.datetime)):
        reading = "une date"
    elif value is None:
        reading = "une valeur vide (null)"
    else:
        reading = "un nombre"
    return (f"« {raw} » sans guillemets est lu par YAML comme {reading}, pas comme du texte : "
            f"écrivez \"{raw}\" entre guillemets.")


def _describe_value(value: object) -> str:
    if isinstance(value, bool):
        return "vrai/faux"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de lignes « clé: valeur »"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "une date"
    return "une valeur vide"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _as_list(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else [str(value)]
