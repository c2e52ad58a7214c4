"""Which files of ``practices/`` the handbook reads, and a message for every other one.

Only ``practices/<known folder>/<id>.yml`` is read. Everything else a pull request may put
there is hostile until proven otherwise and is named, never followed and never silently
skipped: a symbolic link (it could point at ``.git/config`` or ``/proc/self/environ``), a hidden
file, another extension (``.yaml``, ``.YML``), a folder the handbook does not know, a name
that would need escaping in an address. The one exception is Markdown at the top of the
folder (``README.md``), written for editors and never published.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem

SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a folder or a file stem may be: it becomes part of a web address as it is."""


@dataclass(frozen=True)
class Discovery:
    files: list[Path]
    """Absolute paths of the files to read, sorted."""
    problems: list[Problem]


def discover(practices_dir: Path, folders: Mapping[str, str], root: Path) -> Discovery:
    """``practices_dir`` resolved; ``folders``: each known folder's name → the kind of its files.

    ``os.scandir`` knows from the folder listing what each entry is, without following links:
    ``rglob`` and ``is_file`` cost a call to the disk for each of 10,000 files.
    """
    files: list[Path] = []
    problems: list[Problem] = []

    def refuse(path: str, message: str) -> None:
        problems.append(Problem(_shown(path, practices_dir, root), 1, 1, "", message))

    for entry in _entries(practices_dir):
        if entry.is_symlink():
            refuse(entry.path, "lien symbolique refusé : le guide ne suit aucun lien. Remplacez-le par le "
                               "fichier ou le dossier lui-même.")
        elif entry.is_dir(follow_symlinks=False):
            if entry.name not in folders:
                refuse(entry.path, f"dossier inconnu : le guide ne lit que {_listed(folders)}. Rangez les "
                                   "fichiers dans l'un d'eux.")
            else:
                files += _folder_files(entry.path, refuse)
        elif entry.name.startswith(".") or not entry.name.endswith(".md"):
            refuse(entry.path, f"fichier hors d'un dossier : rangez-le dans {_listed(folders)}.")
    return Discovery(sorted(files), problems)


def _folder_files(folder: str, refuse: Callable[[str, str], None]) -> list[Path]:
    found: list[Path] = []
    for entry in _entries(Path(folder)):
        stem, dot, extension = entry.name.rpartition(".")
        if entry.is_symlink():
            refuse(entry.path, "lien symbolique refusé : le guide ne suit aucun lien. Remplacez-le par le "
                               "fichier lui-même.")
        elif entry.is_dir(follow_symlinks=False):
            refuse(entry.path, "sous-dossier refusé : placez les fichiers directement dans le dossier de "
                               "la rubrique.")
        elif entry.name.startswith("."):
            refuse(entry.path, "fichier caché refusé : le nom d'un fichier ne commence pas par « . ».")
        elif not dot or extension != "yml":
            if dot and extension.lower() in ("yml", "yaml"):
                refuse(entry.path, f"extension « .{extension} » : renommez le fichier en {stem}.yml pour "
                                   "qu'il soit lu.")
            else:
                refuse(entry.path, "seuls les fichiers .yml sont lus dans ce dossier : retirez ce fichier "
                                   "ou donnez-lui l'extension .yml.")
        elif not SAFE_NAME.fullmatch(stem):
            refuse(entry.path, "nom de fichier refusé : seulement des lettres minuscules sans accents, des "
                               "chiffres et des tirets (ex. « partir-des-objectifs.yml »).")
        else:
            found.append(Path(entry.path))
    return found


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:  # missing or unreadable: nothing to read there
        return []


def _listed(folders: Mapping[str, str]) -> str:
    return ", ".join(f"{name}/" for name in sorted(folders))


def _shown(path: str, practices_dir: Path, root: Path) -> str:
    """The path as editors name it, relative to the project."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).relative_to(practices_dir.parent).as_posix()
