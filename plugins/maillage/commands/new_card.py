"""``scripts/new_card.py``: start a card from the commented template, with a unique id.

Asks for what it is not given (kind, phase, title) when run in a terminal; writes
``practices/<section folder>/<id>.yml``; never overwrites a file; says what to fill in next.
The id is ``--id``, or derived from the title in at most six words, as the guide asks.
Exit status: 0 written, 2 usage error (a missing answer, an existing file, a malformed id).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ..kinds import SECTIONS
from ..model.entries import Card
from ..model.naming import MAX_ID_LENGTH, card_id
from .project import practices_dir
from ..pipeline import find_files, kind_of
from ..rendering.environment import make_environment
from ..validation.messages import ID_PATTERN
from ..loading.problems import one_line
from ..validation.schema_line import expected_line
from ..validation.schemas import SchemaSet
from .validate import FrenchArgumentParser

ID = re.compile(ID_PATTERN)


def build_parser(schemas: SchemaSet) -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="new_card.py", description="Crée une nouvelle fiche à partir du modèle commenté.")
    parser.add_argument("--kind", choices=list(schemas.labels("card", "kind")),
                        help="practice (bonne pratique), condition (groupement d'employeurs) ou vigilance")
    parser.add_argument("--phase", choices=list(schemas.labels("card", "phase")),
                        help="launch, manage ou sustain (obligatoire pour une bonne pratique)")
    parser.add_argument("--title", metavar="TITRE", help="le titre, qui dit quoi faire")
    parser.add_argument("--id", dest="card_id", metavar="IDENTIFIANT",
                        help="l'identifiant (et nom du fichier), en trois à six mots : minuscules sans accents, "
                             "chiffres, tirets (par défaut : tiré du titre)")
    parser.add_argument("--root", type=Path, default=None, metavar="DOSSIER", help="racine du projet (par défaut : dossier courant)")
    return parser


def main(argv: list[str] | None = None) -> int:
    schemas = SchemaSet.load()
    args = build_parser(schemas).parse_args(argv)
    root = (args.root or Path.cwd()).resolve()
    practices = practices_dir(root)
    kinds, phases = schemas.labels("card", "kind"), schemas.labels("card", "phase")
    try:
        kind = args.kind or _ask("Type de fiche", kinds)
        phase = args.phase or (_ask("Phase", phases) if kind == "practice" else None)
        title = (args.title or _ask_text("Titre (il dit quoi faire)")).strip()
    except _NoAnswer as missing:
        print(f"erreur d'utilisation : {missing.args[0]} manquant ; donnez-le avec --{missing.args[1]} "
              "ou lancez la commande dans un terminal.", file=sys.stderr)
        return 2
    if not title:
        print("erreur d'utilisation : le titre est vide.", file=sys.stderr)
        return 2

    taken = {path.stem for path in find_files(practices) if kind_of(path, practices) == "card"}
    if args.card_id is not None:
        if not ID.match(args.card_id) or len(args.card_id) > MAX_ID_LENGTH:
            print(f"erreur d'utilisation : identifiant « {one_line(args.card_id)} » invalide : seulement des "
                  "lettres minuscules sans accents, des chiffres et des tirets entre les mots "
                  f"({MAX_ID_LENGTH} caractères au plus), par exemple « partir-des-objectifs ».", file=sys.stderr)
            return 2
        if args.card_id in taken:
            print(f"erreur d'utilisation : l'identifiant « {args.card_id} » est déjà pris par une fiche : "
                  "lisez-la, puis choisissez-en un autre.", file=sys.stderr)
            return 2
    new_id = args.card_id or card_id(title, taken)
    section = next(section for section in SECTIONS if section.holds(
        Card(id=new_id, source_file="", kind=kind, title=title, summary="", how=[], sources=[], phase=phase)))
    path = practices / section.slug / f"{new_id}.yml"
    text = make_environment().get_template("new_card.yml.j2").render(
        schema_line=expected_line(path, root / "plugins" / "maillage" / "schemas" / "card.schema.json"),
        id=new_id, kind=kind, phase=phase, title=json.dumps(title, ensure_ascii=False), vocabulary=schemas,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"erreur d'utilisation : {path.relative_to(root)} existe déjà ; rien n'a été écrit.", file=sys.stderr)
        return 2
    shown = path.relative_to(root).as_posix()
    print(f"Fiche créée : {shown} (rubrique « {section.title} », adresse fiches/{new_id}/)")
    print("À compléter maintenant, dans cet ordre :")
    print("  1. summary : pourquoi, en une ou deux phrases ;")
    print("  2. how : au moins trois étapes concrètes ;")
    print("  3. sources : la source et l'endroit précis (partie, titre de section) ;")
    print("  4. context, pitfalls, indicators, actors, themes, related, cases.")
    print(f"Puis vérifiez : python3 scripts/validate.py {shown}")
    print("et regardez le résultat : make serve (http://127.0.0.1:8000).")
    return 0


class _NoAnswer(Exception):
    """A value was needed and there is no terminal to ask it from."""


def _ask(question: str, options: dict[str, str]) -> str:
    if not sys.stdin.isatty():
        raise _NoAnswer(question.lower(), "kind" if question.startswith("Type") else "phase")
    listed = ", ".join(f"{value} ({label})" for value, label in options.items())
    while True:
        answer = input(f"{question} — {listed} : ").strip()
        if answer in options:
            return answer
        print(f"Répondez par l'une des valeurs : {', '.join(options)}.")


def _ask_text(question: str) -> str:
    if not sys.stdin.isatty():
        raise _NoAnswer("titre", "title")
    return input(f"{question} : ")
