"""Say what to fix in a proposal in the form's words, escaped for where the words land.

The validator speaks of YAML keys and lines (``how[2]``); a proposer only saw the form, so each
problem is named by its field's label. The proposer's own text may appear in a message (a
value quoted back): it is escaped for Markdown in the issue comment, and kept on one line,
never at a line start, in the workflow log, where ``::`` would be a workflow command.
"""

from __future__ import annotations

import re

from ..loading.problems import Problem
from .fields import FormField
from .issue_body import FormProblem

MAX_MESSAGE = 600
_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?(?:\.([A-Za-z_]+))?")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]!|~])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def form_problems(problems: list[Problem], fields: list[FormField]) -> list[FormProblem]:
    """Validator problems of the proposed file, renamed after the form's fields."""
    by_key = {item.key: item for item in fields}
    named: list[FormProblem] = []
    for problem in problems:
        match = _FIELD.match(problem.field)
        key = match.group(1) if match else ""
        item = by_key.get(key)
        if item is None:  # the id comes from the title; a file-wide problem concerns it all
            label = by_key["title"].label if key == "id" and "title" in by_key else "Proposition"
            named.append(FormProblem(label, problem.message))
            continue
        where = ""
        if match and match.group(2):
            where = f"ligne {match.group(2)}"
            part = match.group(3)
            if part:
                sub = (item.schema.get("items") or {})
                titles = {"ref": "identifiant de la source", "locator": "emplacement"}
                where += f", {titles.get(part, sub.get(part, part))}"
            where += " : "
        named.append(FormProblem(item.label, where + _in_form_words(problem.message, item)))
    return named


def _in_form_words(message: str, item: FormField) -> str:
    if message.startswith("champ obligatoire manquant"):
        when = " pour une bonne pratique" if "bonne pratique" in message else ""
        return f"ce champ est obligatoire{when} : remplissez-le."
    if "Valeurs permises" in message and item.options:
        return ("choisissez l'une des valeurs proposées par le formulaire : "
                + ", ".join(f"« {label} »" for label in item.options.values()) + ".")
    return message


def comment(problems: list[FormProblem]) -> str:
    """The issue comment, in Markdown, every word of the proposer's escaped."""
    count = len(problems)
    lines = [
        f"La proposition ne peut pas encore devenir une fiche : {count} point{'s' if count > 1 else ''} "
        "à corriger dans le formulaire.",
        "",
    ]
    lines += [f"- **{markdown_text(problem.label)}** : {markdown_text(problem.message)}" for problem in problems]
    lines += [
        "",
        "Modifiez cette issue (menu « ··· » en haut à droite de la proposition, puis *Edit*), corrigez "
        "les champs cités, enregistrez ; une personne de l'équipe relancera la conversion en retirant "
        "puis en remettant l'étiquette de publication.",
    ]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Plain text that Markdown shows as it is: no markup, link, HTML, mention or reference."""
    text = _CONTROL.sub(" ", text)[:MAX_MESSAGE]
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # A word joiner after @ and #: no @mention (no notification), no #123 cross-reference.
    return text.replace("@", "@\u2060").replace("#", "#\u2060")


def log_line(text: str) -> str:
    """One line of a workflow log: no line break, so no proposer text can start a ``::`` line."""
    return _CONTROL.sub(" ", text)[:MAX_MESSAGE]
