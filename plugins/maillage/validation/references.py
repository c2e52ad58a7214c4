"""Rules across files that no schema can express: ids, file names, references."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches

import posixpath

from ..addresses import CASES_INDEX, SHARED_PAGES, entry_page
from ..kinds import KINDS
from ..loading.yaml_reader import Document, FieldPath
from .messages import ID_PATTERN, field_path
from ..loading.problems import Problem

ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Target:
    """How to speak of what a reference points to, with French agreement."""

    kind: str
    noun: str
    feminine: bool

    @property
    def unknown(self) -> str:
        return f"{self.noun} inconnu{'e' if self.feminine else ''}"

    @property
    def itself(self) -> str:
        return f"{'une' if self.feminine else 'un'} {self.noun} ne peut pas renvoyer à {'elle' if self.feminine else 'lui'}-même"


TARGETS = {kind.name: Target(kind.name, kind.noun, kind.feminine) for kind in KINDS.values()}
REFERENCE_FIELDS: dict[str, tuple[str, Target]] = {
    key: (kind.name, TARGETS[target]) for kind in KINDS.values() for key, target in kind.references.items()}
"""A key that names other entries → (the kind of file that holds it, what it names)."""
SOURCE = TARGETS["source"]


@dataclass(frozen=True)
class Loaded:
    """A parsed file whose top level is a mapping, with the kind its folder gives it."""

    kind: str
    document: Document
    page_links: list[tuple[FieldPath, str]] = field(default_factory=list)
    """Links its texts make to other pages of the handbook (text_safety.page_links)."""

    @property
    def data(self) -> dict:
        return self.document.data  # type: ignore[return-value]


def reference_problems(files: list[Loaded], unreadable: Mapping[str, Collection[str]] | None = None) -> list[Problem]:
    """``unreadable``: ids of files that exist but could not be read, by kind. A reference to one
    of them is left out: the file's own error is the one thing to fix, reported once."""
    unreadable = unreadable or {}
    problems: list[Problem] = []
    ids: dict[str, dict[str, Loaded]] = {kind: {} for kind in KINDS}
    # Unique within a collection: a glossary term and a source may share a name, since they
    # live at different addresses, but two cards may not.
    owner: dict[tuple[str, str], Loaded] = {}
    for item in files:
        entry_id = item.data.get("id")
        if not isinstance(entry_id, str) or not ID.match(entry_id):
            continue  # a malformed id has its own message, and is never offered as a close match
        stem = item.document.path.stem
        if entry_id != stem:
            problems.append(_at(item, ("id",), f"l'identifiant « {entry_id} » doit être égal au nom du fichier "
                                               f"« {stem} » : renommez le fichier en {entry_id}.yml ou corrigez l'id."))
        first = owner.get((item.kind, entry_id))
        if first is not None:
            line = first.document.position(("id",)).line
            problems.append(_at(item, ("id",), f"identifiant « {entry_id} » déjà pris par "
                                               f"{first.document.display} (ligne {line}) : choisissez-en un autre."))
            continue
        owner[(item.kind, entry_id)] = item
        ids[item.kind][entry_id] = item

    pages: dict[str, str] | None = None  # made once, when the first link between pages is met
    for item in files:
        entry_id = item.data.get("id")
        for name, (holder, target) in REFERENCE_FIELDS.items():
            if item.kind == holder:
                problems += _check_ids(item, (name,), item.data.get(name), ids[target.kind], target, entry_id,
                                       unreadable=unreadable.get(target.kind, ()))
        citations = item.data.get("sources") if item.kind in ("card", "case") else None
        if isinstance(citations, list):
            for index, citation in enumerate(citations):
                if isinstance(citation, dict):
                    problems += _check_ids(item, ("sources", index, "ref"), [citation.get("ref")],
                                           ids["source"], SOURCE, None, single=True,
                                           unreadable=unreadable.get("source", ()))
        problems += _item_reference_problems(item, ids, unreadable)
        if item.page_links and isinstance(entry_id, str):
            if pages is None:
                pages = {entry_page(kind, name): kind for kind in ids if kind not in SHARED_PAGES for name in ids[kind]}
            problems += _check_page_links(item, entry_id, ids, pages)
    return problems


def _item_reference_problems(item: Loaded, ids: Mapping[str, dict[str, Loaded]],
                             unreadable: Mapping[str, Collection[str]]) -> Iterable[Problem]:
    """References inside a list of objects (a diagnostic's questions): their ids, and their
    citations, checked like a card's ``related`` and ``sources``."""
    for list_key, keys in KINDS[item.kind].item_references.items():
        found = item.data.get(list_key)
        elements: list = found if isinstance(found, list) else []
        for index, element in enumerate(elements):
            if not isinstance(element, dict):
                continue
            local = element.get("id")
            if isinstance(local, str) and any(isinstance(other, dict) and other.get("id") == local
                                              for other in elements[:index]):
                yield _at(item, (list_key, index, "id"), f"identifiant « {local} » déjà pris par un autre élément "
                                                         f"de « {list_key} » : choisissez-en un autre.")
            for key, kind in keys.items():
                yield from _check_ids(item, (list_key, index, key), element.get(key), ids[kind], TARGETS[kind], None,
                                      unreadable=unreadable.get(kind, ()))
            citations = element.get("sources")
            for number, citation in enumerate(citations if isinstance(citations, list) else []):
                if isinstance(citation, dict):
                    yield from _check_ids(item, (list_key, index, "sources", number, "ref"), [citation.get("ref")],
                                          ids["source"], SOURCE, None, single=True,
                                          unreadable=unreadable.get("source", ()))


def _check_page_links(item: Loaded, entry_id: str, ids: Mapping[str, Mapping[str, Loaded]],
                      pages: Mapping[str, str]) -> Iterable[Problem]:
    """A link between pages leads to a page the handbook publishes, or the strict build fails.
    ``pages``: the address of every entry's own page, made once for all the files that link."""
    shared = {KINDS[kind].page: kind for kind in SHARED_PAGES}
    here = posixpath.dirname(entry_page(item.kind, entry_id))
    for path, destination in item.page_links:
        page, _, anchor = destination.partition("#")
        target = posixpath.normpath(posixpath.join(here, page))
        if target in shared:
            kind = shared[target]
            if anchor and anchor not in ids[kind]:
                yield _at(item, path, f"lien « {destination} » : « #{anchor} » n'est pas un identifiant de "
                                      f"{KINDS[kind].noun} ; corrigez l'ancre ou retirez-la.")
        elif target not in pages and target != CASES_INDEX:
            yield _at(item, path, f"lien « {destination} » vers une page qui n'existe pas ({target}). Pour "
                                  "renvoyer à une autre fiche, nommez-la plutôt dans « related ».")
        elif anchor:
            yield _at(item, path, f"lien « {destination} » : une fiche ou une expérience s'ouvre en entier ; "
                                  f"retirez « #{anchor} ».")


def _check_ids(item: Loaded, path: FieldPath, values: object, known: dict[str, Loaded], target: Target,
               self_id: object, single: bool = False, unreadable: Collection[str] = ()) -> Iterable[Problem]:
    if not isinstance(values, list):
        return
    for index, value in enumerate(values):
        if not isinstance(value, str) or not ID.match(value):
            continue  # not an id at all: the schema says so, a lookup would only add noise
        where = path if single else path + (index,)
        if value == self_id:
            yield _at(item, where, f"{target.itself} : retirez « {value} ».")
        elif value not in known and value not in unreadable:
            close = get_close_matches(value, list(known), n=3, cutoff=0.6)
            hint = (" Identifiants proches : " + ", ".join(f"« {name} »" for name in close) + ".") if close else ""
            yield _at(item, where, f"{target.unknown} : « {value} » ne correspond à aucun fichier.{hint}")


def _at(item: Loaded, path: FieldPath, message: str) -> Problem:
    position = item.document.position(path)
    return Problem(item.document.display, position.line, position.column, field_path(path), message)
