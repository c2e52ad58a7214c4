"""Load, validate and model the whole handbook: the one path the CLI and the plugin share.

    files under practices/ ──read──▶ documents ──schemas, text, references──▶ problems
                                          └──────── no problem ───────▶ Handbook

Every file is read and checked before anything is reported, so one bad file never hides
another; the model is built only from a corpus with no problem at all, so no card is ever
silently dropped.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .loading.changelog import read_changelog
from .loading.yaml_reader import Document, read_document
from .loading.discovery import discover
from .kinds import FOLDERS
from .model.entries import ENTRY_CLASSES, Card, Case, Diagnostic, Source, SourceRef, Term
from .model.handbook import Handbook
from .model.vocabulary import Vocabulary
from .validation.messages import field_path, schema_problems
from .loading.problems import WARNING, Problem, display_path, errors
from .validation.references import Loaded, reference_problems
from .validation.replacements import replacement_problems
from .validation.schema_line import expected_line, schema_line_problem
from .validation.schemas import SCHEMA_FILES, SchemaSet
from .validation.text_safety import page_links, unsafe_texts
from .validation.typography import curly_quoted


MAX_FILE_BYTES = 64 * 1024
"""A rich card is about 4 KB; 64 KB leaves room and stops a pasted book or a 10 MB file."""


@dataclass
class LoadResult:
    """``handbook`` is None when any problem is an error; warnings alone never stop it."""

    handbook: Handbook | None
    problems: list[Problem]
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def kind_of(path: Path, practices_dir: Path) -> str:
    """Both paths absolute and resolved (``find_files`` gives such paths): no disk access here."""
    below = _below(path, practices_dir)
    return FOLDERS.get(below[0] if below else path.parent.name, "card")


def find_files(practices_dir: Path) -> list[Path]:
    """The files of ``practices_dir`` the handbook reads (see :func:`discover` for the others)."""
    return discover(practices_dir.resolve(), FOLDERS, practices_dir.parent).files


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Loading makes millions of objects and no reference cycle: the data of every file, and
    libyaml's node trees, freed by reference counting as soon as a file is read. As they pile up,
    Python's cycle collector walks through all of them again and again, for nothing: a tenth of
    the loading time at 10,000 cards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_cycle_collector_paused()
def load_handbook(practices_dir: Path, root: Path, *, only: Iterable[Path] | None = None,
                  schemas: SchemaSet | None = None) -> LoadResult:
    """Everything about ``practices_dir``; with ``only``, problems of those files alone."""
    schemas = schemas or SchemaSet.load()
    if practices_dir.is_symlink() or not practices_dir.is_dir():
        what = "est un lien symbolique" if practices_dir.is_symlink() else "est introuvable"
        return LoadResult(None, [Problem(display_path(practices_dir, root), 1, 1, "",
                                         f"le dossier des fiches {what} : le guide lit un vrai dossier "
                                         "practices/ à côté de mkdocs.yml.")])
    # Resolved once here: resolving each of 10,000 paths costs more than validating them.
    root, practices_dir = root.resolve(), practices_dir.resolve()
    # Absolute, links not followed: a link is refused, never read through.
    requested = [Path(os.path.abspath(path)) for path in only] if only is not None else None
    discovery = discover(practices_dir, FOLDERS, root)
    paths = discovery.files
    known = set(paths)
    outside = [path for path in requested or [] if path not in known and (path.is_file() or path.is_symlink())]
    paths += [path for path in outside if not path.is_symlink()]

    # The IDE line points at the project's own copy of the schemas, when it has one.
    project_schemas: Path | None = root / "plugins" / "maillage" / "schemas"
    if project_schemas is not None and not project_schemas.is_dir():
        project_schemas = None
    expected_lines: dict[tuple[Path, str], str] = {}  # per folder and kind: a path to work out once
    problems: list[Problem] = list(discovery.problems)
    problems += [Problem(_relative(path, root), 1, 1, "", "lien symbolique refusé : le guide ne suit aucun lien. "
                         "Remplacez-le par le fichier lui-même.") for path in outside if path.is_symlink()]
    loaded: list[Loaded] = []
    unreadable: dict[str, set[str]] = {}
    """Ids (file names) of files that could not be read, by kind: their own error says it once, and
    the cards that cite them must not each add an « unknown card » for the same mistake."""
    for path in paths:
        display = _relative(path, root)
        if path.suffix != ".yml":
            problems.append(Problem(display, 1, 1, "", f"extension « {path.suffix} » : renommez le fichier en "
                                                        f"{path.stem}.yml pour qu'il soit lu."))
            continue
        document, found = read_document(path, display, MAX_FILE_BYTES)
        problems += found
        kind = kind_of(path, practices_dir)
        if document is None or found and not isinstance(document.data, dict):
            unreadable.setdefault(kind, set()).add(path.stem)
            continue
        if not isinstance(document.data, dict):
            problems.append(_not_a_mapping(document))
            unreadable.setdefault(kind, set()).add(path.stem)
            continue
        problems += _check(document, kind, schemas)
        if project_schemas is not None:
            if (path.parent, kind) not in expected_lines:
                expected_lines[path.parent, kind] = expected_line(path, project_schemas / SCHEMA_FILES[kind])
            line_problem = schema_line_problem(document, expected_lines[path.parent, kind])
            if line_problem is not None:
                problems.append(line_problem)
        loaded.append(Loaded(kind, document, page_links(document)))
    problems += reference_problems(loaded, unreadable)
    problems += replacement_problems(loaded)

    if requested is not None:
        wanted = {_relative(path, root) for path in requested}
        problems = [problem for problem in problems if problem.path in wanted]
        return LoadResult(None, sorted(problems), paths)
    if errors(problems):
        return LoadResult(None, sorted(problems), paths)
    vocabulary = Vocabulary.from_schemas(schemas)
    changelog = read_changelog(root, practices_dir)  # the one git log of the build
    history = changelog.last_changes()
    entries = [_entry(item, root, history) for item in loaded]
    handbook = Handbook.build(entries, vocabulary)
    handbook.changelog = changelog
    return LoadResult(handbook, sorted(problems), paths)


def _relative(path: Path, root: Path) -> str:
    """How editors name a file: relative to the project, with slashes."""
    below = _below(path, root)
    return "/".join(below) if below else display_path(path, root)


def _below(path: Path, folder: Path) -> tuple[str, ...]:
    """The parts of ``path`` under ``folder`` (none when it is elsewhere): ``relative_to`` without
    the new Path it builds, twice per file of a 10,000-card handbook."""
    depth = len(folder.parts)
    return path.parts[depth:] if path.parts[:depth] == folder.parts else ()


def _check(document: Document, kind: str, schemas: SchemaSet) -> list[Problem]:
    base = SCHEMA_FILES[kind]
    problems = schema_problems(document, schemas.errors(kind, document.data),
                               lambda schema: schemas.resolve(schema, base))
    for path, reason in unsafe_texts(document):
        position = document.position(path)
        problems.append(Problem(document.display, position.line, position.column, field_path(path), reason))
    for path, reason in curly_quoted(document):
        position = document.position(path)
        problems.append(Problem(document.display, position.line, position.column, field_path(path), reason,
                                WARNING))
    return problems


def _not_a_mapping(document: Document) -> Problem:
    what = "une liste" if isinstance(document.data, list) else "une seule valeur"
    return Problem(document.display, 1, 1, "",
                   f"le fichier contient {what} ; il doit décrire une entrée avec des lignes « clé: valeur » "
                   "(id:, title:, …), comme le modèle du guide de contribution.")


def _entry(item: Loaded, root: Path, history: dict[str, datetime.date]) -> Card | Case | Source | Term | Diagnostic:
    """The model's entry for a valid file: the file's keys, with references kept as ids."""
    data = dict(item.data)
    entry = ENTRY_CLASSES[item.kind]
    if "sources" in data:
        data["sources"] = [SourceRef(citation["ref"], citation["locator"]) for citation in data["sources"]]
    for key, element in entry.NESTED.items():
        data[key] = [element.from_data(value) for value in data[key]]
    for key, attribute in entry.REFERENCE_ATTRIBUTES.items():
        data[attribute] = data.pop(key, [])
    if entry.DATED:
        data["updated"] = history.get(item.document.display)
    return entry(source_file=item.document.display, **data)
