"""``scripts/validate.py``: check practice files and report every problem at once.

Exit status: 0 when no file has an error (warnings are reported and counted, never fatal), 1
when any error is found, 2 on a usage error. ``--fix`` first writes the IDE schema line, the
one thing the validator can correct without guessing what the editor meant.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from collections.abc import Iterable
from typing import Any, NoReturn

from .project import practices_dir
from ..pipeline import find_files, kind_of, load_handbook
from ..validation.report import github_log, markdown_summary, text_report
from ..validation.schema_line import expected_line, with_schema_line
from ..validation.schemas import SCHEMA_FILES


class _FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


_ARGPARSE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"argument (?P<name>\S+?): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)"),
     "{name} : valeur {value} non permise ; choisissez parmi {choices}"),
    (re.compile(r"argument (?P<name>\S+?): expected one argument"),
     "{name} : il manque la valeur après l'option"),
    (re.compile(r"unrecognized arguments: (?P<value>.*)"),
     "option ou argument inconnu : {value} (la liste des options : --help)"),
    (re.compile(r"the following arguments are required: (?P<value>.*)"),
     "il manque : {value}"),
    (re.compile(r"ambiguous option: (?P<value>\S+) could match (?P<choices>.*)"),
     "option ambiguë : {value} peut désigner {choices}"),
]
"""argparse writes its own messages in English: editors read these, translated."""


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse with its usage line, help option and errors in French; exits 2 on a usage error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et s'arrête")

    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that
        for pattern, french in _ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found:
                parts = {name: value.replace("'", "") for name, value in found.groupdict().items()}
                if "value" in parts and "choices" in parts:
                    parts["value"] = f"« {parts['value']} »"
                message = french.format(**parts)
                break
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
    parser.add_argument("--root", type=Path, default=None, metavar="DOSSIER",
                        help="racine du projet, là où est mkdocs.yml (par défaut : dossier courant)")
    parser.add_argument("--fix", action="store_true",
                        help="écrit d'abord, en tête de chaque fichier, la ligne « # yaml-language-server » "
                             "qui indique le schéma à VS Code (ou la corrige), puis vérifie")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = (args.root or Path.cwd()).resolve()
    practices = practices_dir(root)
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"erreur d'utilisation : introuvable : {', '.join(missing)}", file=sys.stderr)
        return 2
    only = _expand(args.paths) if args.paths else None
    if args.fix:
        fixed = fix_schema_lines(practices, root, only)
        if fixed:
            print(f"Ligne de schéma écrite dans {len(fixed)} fichier{'s' if len(fixed) > 1 else ''} : "
                  + ", ".join(fixed), file=sys.stderr)
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
    return 1 if result.errors else 0


def fix_schema_lines(practices: Path, root: Path, only: list[Path] | None) -> list[str]:
    """Write the schema line where it is missing or stale; returns the files changed.

    Only files the handbook reads (no link, nothing outside practices/) and that are UTF-8 are
    touched; anything else keeps its own error for the editor to read."""
    schemas = root / "plugins" / "maillage" / "schemas"
    if not schemas.is_dir():
        return []
    practices = practices.resolve()
    wanted = {Path(os.path.abspath(path)) for path in only} if only is not None else None
    changed: list[str] = []
    for path in find_files(practices):
        if path.suffix != ".yml" or (wanted is not None and path not in wanted):
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        line = expected_line(path, schemas / SCHEMA_FILES[kind_of(path, practices)])
        new = with_schema_line(text, line)
        if new != text and text.lstrip("\ufeff").partition("\n")[0].rstrip("\r") != line:
            path.write_bytes(new.encode("utf-8"))
            changed.append(path.relative_to(root.resolve()).as_posix())
    return changed


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
        else:
            files.append(path)
    return files
