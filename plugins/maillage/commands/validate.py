"""``scripts/validate.py``: check practice files and report every problem at once.

Exit status: 0 when every file is valid, 1 when any problem is found, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from .project import practices_dir
from ..pipeline import load_handbook
from ..validation.report import github_log, markdown_summary, text_report


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(2, f"erreur d'utilisation : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="validate.py",
        description="Vérifie les fichiers du guide (fiches, expériences, sources, glossaire) "
                    "et signale tous les problèmes d'un coup.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN",
                        help="fichiers ou dossiers à vérifier (par défaut : tout practices/)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text : pour un terminal ; github : annotations GitHub Actions "
                             "et liste complète dans le résumé de la tâche")
    parser.add_argument("--root", type=Path, default=None,
                        help="racine du projet, là où est mkdocs.yml (par défaut : dossier courant)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = (args.root or Path.cwd()).resolve()
    practices = practices_dir(root)
    if not practices.is_dir():
        print(f"erreur d'utilisation : pas de dossier practices/ dans {root}", file=sys.stderr)
        return 2
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"erreur d'utilisation : introuvable : {', '.join(missing)}", file=sys.stderr)
        return 2
    only = _expand(args.paths) if args.paths else None
    result = load_handbook(practices, root, only=only)
    files_read = len(only) if only is not None else len(result.files)
    if args.format == "github":
        print(github_log(result.problems, files_read))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(result.problems, files_read))
    else:
        print(text_report(result.problems, files_read))
    return 1 if result.problems else 0


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
        else:
            files.append(path)
    return files
