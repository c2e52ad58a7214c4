"""Ready-made workshops ("kits"): a YAML file a maintainer edits, checked on every build.

The file lives in ``docs/`` (trusted, reviewed like any page) rather than in ``practices/``:
a kit is not an entry of the handbook but a selection of its cards with timings and notes, and
the loader reads only the folders it knows. It is still checked as strictly as a card, with
French messages that name the file, the kit and the field, because a wrong card id in a kit
would otherwise only show up as a workshop missing a card in a trainer's browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jsonschema
import yaml

from ..model.handbook import Handbook

KITS_URI = "atelier/ateliers.yml"
"""Where the kits are, relative to ``docs/``: read by the producer instead of being published."""

_MESSAGES = {
    "required": "champ obligatoire absent",
    "additionalProperties": "champ inconnu (à la racine : ateliers, parcours ; pour un atelier : id, titre, "
                            "description, debut, fiches ; pour une fiche : fiche, minutes, note ; "
                            "pour un parcours : page, titre)",
    "type": "type attendu : {expected}",
    "pattern": "forme attendue : {expected}",
    "minLength": "texte trop court (au moins {expected} caractères)",
    "maxLength": "texte trop long (au plus {expected} caractères)",
    "minItems": "liste trop courte (au moins {expected} éléments)",
    "maxItems": "liste trop longue (au plus {expected} éléments)",
    "minimum": "nombre trop petit (au moins {expected})",
    "maximum": "nombre trop grand (au plus {expected})",
}
_TYPES = {"string": "un texte", "integer": "un nombre entier", "array": "une liste", "object": "un ensemble de champs"}
_PATTERNS = {"^parcours/[a-z0-9-]+\\.md$": "une page de docs/parcours/, comme parcours/porteur.md",
             "^[a-z0-9]+(-[a-z0-9]+)*$": "minuscules, chiffres et tirets (identifiant de fiche)",
             "^([01][0-9]|2[0-3]):[0-5][0-9]$": "une heure comme 09:30"}


class KitProblem(Exception):
    """The kits file is wrong; the message lists every problem, in French."""


@dataclass(frozen=True)
class KitCard:
    card_id: str
    minutes: int
    note: str


@dataclass(frozen=True)
class Kit:
    id: str
    title: str
    description: str
    start: str
    cards: tuple[KitCard, ...]

    def as_data(self) -> dict[str, object]:
        """What the builder's script reads (atelier/fiches.json): short keys, as in its addresses."""
        return {"id": self.id, "titre": self.title, "description": self.description, "debut": self.start,
                "fiches": [[card.card_id, card.minutes, card.note] for card in self.cards]}


def _schema() -> dict[str, object]:
    return json.loads((resources.files("maillage") / "workshop" / "ateliers.schema.json").read_text(encoding="utf-8"))


def _where(path: object) -> str:
    parts = ""
    for part in path:  # type: ignore[attr-defined]
        parts += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if parts else str(part))
    return parts or "(racine)"


def _message(error: jsonschema.ValidationError) -> str:
    expected: Any = error.validator_value
    if error.validator == "type":
        expected = _TYPES.get(str(expected), expected)
    elif error.validator == "pattern":
        expected = _PATTERNS.get(str(expected), expected)
    where = _where(error.absolute_path)
    if error.validator == "required":
        instance: Any = error.instance or {}
        missing = [name for name in expected if name not in instance]
        return f"{where} : champ obligatoire absent : {', '.join(missing)}"
    return f"{where} : " + _MESSAGES.get(str(error.validator), error.message).format(expected=expected)


@dataclass(frozen=True)
class ReadingPath:
    """A reading path of ``docs/parcours/`` that the builder opens: its page lists the cards, in order."""

    page: str
    title: str


def load_kits(text: str | None, handbook: Handbook,
              path: str = f"docs/{KITS_URI}") -> tuple[list[Kit], list[ReadingPath]]:
    """The kits and reading paths of ``text`` (none when the site has no kits file), or KitProblem
    with every problem."""
    if text is None:
        return [], []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", ligne {mark.line + 1}" if mark is not None else ""
        raise KitProblem(f"{path}{line} : YAML illisible ({getattr(error, 'problem', None) or error})") from None
    validator = jsonschema.Draft202012Validator(_schema())
    problems = [_message(error) for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))]
    if not problems:
        seen: set[str] = set()
        for number, kit in enumerate(data["ateliers"], start=1):
            if kit["id"] in seen:
                problems.append(f"ateliers[{number}].id : « {kit['id']} » est déjà l'identifiant d'un autre atelier")
            seen.add(kit["id"])
            chosen: set[str] = set()
            for place, item in enumerate(kit["fiches"], start=1):
                if item["fiche"] not in handbook.cards:
                    problems.append(f"ateliers[{number}].fiches[{place}].fiche : aucune fiche « {item['fiche']} » "
                                    "dans practices/ (le nom du fichier, sans .yml)")
                elif item["fiche"] in chosen:
                    problems.append(f"ateliers[{number}].fiches[{place}].fiche : « {item['fiche']} » "
                                    "figure déjà dans cet atelier")
                chosen.add(item["fiche"])
    if problems:
        count = f"{len(problems)} problème{'s' if len(problems) > 1 else ''}"
        raise KitProblem(f"{path} : {count} à corriger\n" + "\n".join(f"{path}, {problem}" for problem in problems))
    kits = [Kit(kit["id"], " ".join(kit["titre"].split()), " ".join(kit["description"].split()),
                kit.get("debut", "09:00"),
                tuple(KitCard(item["fiche"], item["minutes"], " ".join(item.get("note", "").split()))
                      for item in kit["fiches"]))
            for kit in data["ateliers"]]
    return kits, [ReadingPath(item["page"], " ".join(item["titre"].split())) for item in data.get("parcours", [])]
