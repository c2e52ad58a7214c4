"""The first line of every file tells editors' IDEs which schema to check it against.

VS Code (with Red Hat's YAML extension) then completes keys and underlines mistakes as the
editor types. A file moved to another folder keeps a stale relative path and silently loses
that help, so the line is checked; but it only helps IDEs, the handbook does not need it: a
missing or stale line is a warning, never a failed build, and ``scripts/validate.py --fix``
writes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..loading.yaml_reader import Document
from ..loading.problems import WARNING, Problem

PREFIX = "# yaml-language-server: $schema="


def expected_line(path: Path, schema_file: Path) -> str:
    return PREFIX + Path(os.path.relpath(schema_file, path.parent)).as_posix()


def schema_line_problem(document: Document, expected: str) -> Problem | None:
    """``expected`` is :func:`expected_line` of the document, the same for every file of a folder."""
    if document.first_line == expected:
        return None
    what = "ne pointe pas vers le bon schéma" if document.first_line.startswith(PREFIX) else "manque"
    return Problem(document.display, 1, 1, "",
                   f"la ligne qui indique le schéma à l'éditeur {what} : la première ligne doit être "
                   f"« {expected} ». Elle sert seulement à l'aide de VS Code ; "
                   "« python3 scripts/validate.py --fix » l'écrit pour vous.", WARNING)


def with_schema_line(text: str, expected: str) -> str:
    """``text`` with ``expected`` as its first line: a stale schema line is replaced, a missing
    one added above everything else (comments included). A BOM and Windows line ends stay."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    end = "\r\n" if "\r\n" in body else "\n"
    first, newline, rest = body.partition("\n")
    if first.strip().startswith(PREFIX):
        return bom + expected + ("\r" if first.endswith("\r") else "") + newline + rest
    return bom + expected + end + body
