"""``scripts/make_forms.py``: write the issue form generated from the schemas, or check it.

``--check`` (what the tests run) exits 1 when the committed form differs from the schemas, so
that a schema change can never leave the form behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..proposals.issue_form import FORM_PATH, issue_form
from ..validation.schemas import SchemaSet
from .validate import FrenchArgumentParser


def main(argv: list[str] | None = None) -> int:
    parser = FrenchArgumentParser(prog="make_forms.py",
                                  description="Écrit le formulaire « Proposer une fiche » à partir des schémas.")
    parser.add_argument("--check", action="store_true", help="vérifie seulement qu'il est à jour")
    parser.add_argument("--root", type=Path, default=None, help="racine du projet (par défaut : dossier courant)")
    args = parser.parse_args(argv)
    path = (args.root or Path.cwd()).resolve() / FORM_PATH
    text = issue_form(SchemaSet.load())
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            print(f"{FORM_PATH} n'est plus à jour avec les schémas : lancez « make forms » et validez le résultat.",
                  file=sys.stderr)
            return 1
        print(f"{FORM_PATH} est à jour.")
        return 0
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{FORM_PATH} réécrit à partir des schémas.")
    else:
        print(f"{FORM_PATH} était déjà à jour.")
    return 0
