"""Read a "Proposer une fiche" issue as GitHub renders it, and turn it into card data.

GitHub writes each answer under ``### <label>``, ``_No response_`` for an empty one, and
checkboxes as ``- [X] label`` / ``- [ ] label``. Every byte is the proposer's and therefore
hostile: nothing here runs or interprets it; it only becomes YAML through a YAML emitter, and
the real validator then judges the file as it judges any card.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..model.naming import card_id
from .fields import FormField

NO_RESPONSE = "_No response_"
MAX_BODY_CHARACTERS = 200_000
"""A full card is about 4 KB as an issue; past this the proposal is refused before reading."""

_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$")
_CHECKBOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FormProblem:
    """Something to fix, named by the form's field as the proposer sees it."""

    label: str
    message: str


@dataclass
class Proposal:
    data: dict[str, Any]
    problems: list[FormProblem] = field(default_factory=list)


def sections(body: str, labels: list[str]) -> dict[str, str]:
    """The text under each known heading. A heading counts once, the first time it appears, so
    that a ``### Titre`` line typed inside an answer stays part of that answer."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _HEADING.match(line)
        if match and match.group(1) in labels and match.group(1) not in found:
            current = found.setdefault(match.group(1), [])
            continue
        if current is not None:
            current.append(line)
    return {label: "\n".join(lines).strip() for label, lines in found.items()}


def read_proposal(body: str, fields: list[FormField]) -> Proposal:
    """Card data from an issue body; problems only for what the validator could not phrase."""
    if len(body) > MAX_BODY_CHARACTERS:
        return Proposal({}, [FormProblem("Proposition", f"le texte de l'issue est trop long ({len(body)} caractères, "
                                                        f"{MAX_BODY_CHARACTERS} au plus) : une fiche tient en quelques pages.")])
    answers = sections(body, [item.label for item in fields])
    data: dict[str, Any] = {}
    problems: list[FormProblem] = []
    for item in fields:
        raw = answers.get(item.label, "")
        if raw == NO_RESPONSE:
            raw = ""
        value = _convert(item, raw, problems)
        if value not in (None, "", []):
            data[item.key] = value
    return Proposal(data, problems)


def _convert(item: FormField, raw: str, problems: list[FormProblem]) -> Any:
    by_label = {label.casefold(): value for value, label in item.options.items()}
    if item.control == "dropdown":
        text = raw.strip()
        # An unknown answer goes through as typed: the validator names the allowed values.
        return by_label.get(text.casefold(), text) if text else None
    if item.control == "yes-no":
        return {"oui": True, "non": False}.get(raw.strip().casefold(), raw.strip() or None)
    if item.control == "checkboxes":
        chosen = []
        for line in raw.split("\n"):
            match = _CHECKBOX.match(line)
            if match and match.group(1) in "xX":
                chosen.append(by_label.get(match.group(2).casefold(), match.group(2)))
        return chosen
    if item.control == "number":
        text = raw.strip()
        return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else (text or None)
    if item.control == "ids":
        return [part.strip() for part in re.split(r"[,;\n]", raw) if part.strip()]
    if item.control == "lines":
        return [_BULLET.sub("", line, count=1).strip() for line in raw.split("\n") if line.strip()]
    if item.control == "citations":
        citations = []
        for number, line in enumerate((line for line in raw.split("\n") if line.strip()), start=1):
            ref, colon, locator = _BULLET.sub("", line, count=1).partition(":")
            if not colon:
                problems.append(FormProblem(item.label, f"ligne {number} : écrivez l'identifiant de la source, "
                                                        "deux-points, puis l'emplacement du passage "
                                                        "(« cahier-racine : Partie III »)."))
                continue
            citations.append({"ref": ref.strip(), "locator": locator.strip()})
        return citations
    if item.control == "line":
        return raw.strip()
    return raw.strip()


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def safe_id(title: object, taken: set[str]) -> str:
    """An id, hence a file name, of ``[a-z0-9-]`` only, whatever the title holds.

    Everything but ASCII letters and digits becomes a word break before ``card_id`` cuts and
    de-duplicates it: ``../../.github/x``, ``_``, control characters or a right-to-left mark
    cannot reach the path.
    """
    text = unicodedata.normalize("NFKD", str(title).translate(_LIGATURES))
    text = "".join(character for character in text if not unicodedata.combining(character))
    words = re.sub(r"[^A-Za-z0-9]+", " ", text.encode("ascii", "ignore").decode("ascii"))
    candidate = card_id(words[:2000], taken)
    return candidate if _ID.fullmatch(candidate) else card_id("fiche proposee", taken)
