"""``scripts/propose_card.py``: turn a "Proposer une fiche" issue into a card file, or say why not.

Reads the issue body (``--body FILE``, ``-`` for standard input, or ``--github-event`` for the
issue of a GitHub Actions event), writes ``practices/<section>/<id>.yml`` through a YAML
emitter, then runs the real validation pipeline on it. A file with any problem is removed
again, and the problems are written, named after the form's fields, to ``--comment``.
Exit status: 0 card written and valid, 1 proposal to correct, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from ..kinds import SECTIONS
from ..model.entries import Card
from .project import practices_dir
from ..pipeline import find_files, kind_of, load_handbook
from ..proposals.fields import form_fields
from ..proposals.issue_body import FormProblem, read_proposal, safe_id
from ..proposals.report import comment, form_problems, log_line
from ..validation.schema_line import expected_line
from ..validation.schemas import SCHEMA_FILES, SchemaSet
from .validate import FrenchArgumentParser


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="propose_card.py",
                                  description="Transforme une issue « Proposer une fiche » en fichier de fiche vérifié.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--body", type=Path, metavar="FICHIER", help="le texte de l'issue ; « - » : l'entrée standard")
    source.add_argument("--github-event", type=Path, metavar="FICHIER",
                        help="l'événement GitHub Actions ($GITHUB_EVENT_PATH) dont l'issue est lue")
    parser.add_argument("--root", type=Path, default=None, help="racine du projet (par défaut : dossier courant)")
    parser.add_argument("--comment", type=Path, metavar="FICHIER",
                        help="où écrire, en Markdown, le commentaire qui dit quoi corriger")
    parser.add_argument("--pr-title", type=Path, metavar="FICHIER", help="où écrire le titre de la pull request")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = (args.root or Path.cwd()).resolve()
    practices = practices_dir(root)
    try:
        body = _read_body(args)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"erreur d'utilisation : impossible de lire la proposition ({type(error).__name__}).", file=sys.stderr)
        return 2

    schemas = SchemaSet.load()
    fields = form_fields(schemas)
    proposal = read_proposal(body, fields)
    problems = list(proposal.problems)
    for item in fields:
        if item.required and item.key not in proposal.data and not any(p.label == item.label for p in problems):
            problems.append(FormProblem(item.label, "ce champ est obligatoire : remplissez-le."))
    path: Path | None = None
    if not any(problem.label == "Proposition" for problem in problems):
        path, found = _write_and_validate(proposal.data, practices, root, schemas)
        problems += [problem for problem in form_problems(found, fields) if problem not in problems]
        if problems and path is not None:
            path.unlink(missing_ok=True)
    if problems:
        print(log_line(f"Proposition à corriger : {len(problems)} point(s)."))
        for problem in problems:
            print("  - " + log_line(f"{problem.label} : {problem.message}"))
        if args.comment:
            args.comment.write_text(comment(problems), encoding="utf-8")
        return 1
    assert path is not None
    shown = path.relative_to(root).as_posix()
    print(f"Fiche écrite et vérifiée : {shown}")
    if args.pr_title:
        args.pr_title.write_text(f"Nouvelle fiche : {proposal.data['title']}"[:250], encoding="utf-8")
    _github_output(path=shown, id=path.stem)
    return 0


def _read_body(args: argparse.Namespace) -> str:
    if args.github_event:
        event = json.loads(args.github_event.read_text(encoding="utf-8"))
        body = event["issue"]["body"]
        return body if isinstance(body, str) else ""
    if str(args.body) == "-":
        return sys.stdin.read()
    return args.body.read_text(encoding="utf-8", errors="replace")


def _write_and_validate(data: dict[str, Any], practices: Path, root: Path, schemas: SchemaSet):
    taken = {path.stem for path in find_files(practices.resolve()) if kind_of(path, practices.resolve()) == "card"}
    card_id = safe_id(data.get("title", ""), taken)
    card = {"id": card_id, **data}
    folder = _folder(card)
    path = practices / folder / f"{card_id}.yml"
    schema_file = root / "plugins" / "maillage" / "schemas" / SCHEMA_FILES["card"]
    text = expected_line(path, schema_file) + "\n" + yaml.safe_dump(
        card, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # safe_id made the name unique
        handle.write(text)
    result = load_handbook(practices, root, only=[path], schemas=schemas)
    return path, result.errors  # a warning never holds a proposal back


def _folder(card: dict[str, Any]) -> str:
    """The section's folder, as for new_card.py; any folder will do for a card that the
    validator is about to refuse (an unknown kind, a practice without its phase)."""
    probe = Card(id=card["id"], source_file="", kind=str(card.get("kind", "")), title="", summary="",
                 how=[], sources=[], phase=card.get("phase") if isinstance(card.get("phase"), str) else None)
    return next((section.slug for section in SECTIONS if section.holds(probe)), SECTIONS[0].slug)


def _github_output(**values: str) -> None:
    """Only names made of ``[a-z0-9-/.]`` reach the step outputs: the path and the id."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as handle:
        for name, value in values.items():
            handle.write(f"{name}={value}\n")
