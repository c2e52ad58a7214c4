"""Fingerprints of entries: what a page written from one entry depends on, as one digest.

A card's page shows the card and, for its neighbours (previous and next card, related cards,
cards that cite it, its cases, its sources), their own fields, never their neighbours' (the
templates read one link deep). Its fingerprint is then the digest of its own fields and of
its neighbours' fields; with the glossary's (any term may turn up in its text) it keys the
page's Markdown from one build to the next under ``mkdocs serve`` (rendering/memo.py).

An entry's own fields are its ``repr``: the dataclasses leave the resolved links out of it
(``entries.link``), and keep every field read from its file, the date of its last change
included.
"""

from __future__ import annotations

import dataclasses
import hashlib

from .entries import Entry, SourceRef
from .handbook import Handbook


def _digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class Fingerprints:
    """For one build's handbook; each entry's own fields are digested once."""

    def __init__(self, handbook: Handbook) -> None:
        self._own: dict[int, str] = {}
        self.glossary = _digest(*(self.own(term) for term in handbook.ordered_terms()))

    def own(self, entry: Entry) -> str:
        found = self._own.get(id(entry))
        if found is None:
            found = self._own[id(entry)] = _digest(type(entry).__name__, repr(entry))
        return found

    def inputs(self, entry: Entry) -> str:
        """The entry, its neighbours one link away, and the glossary."""
        parts = [self.own(entry), self.glossary]
        for field in dataclasses.fields(entry):
            parts += [self._of(value) for value in _values(getattr(entry, field.name))]
        return _digest(*parts)

    def _of(self, value: object) -> str:
        if isinstance(value, Entry):
            return self.own(value)
        if isinstance(value, SourceRef):
            return self.own(value.source) if value.source is not None else "-"
        return repr(value)  # a section: a frozen dataclass of plain values


def _values(value: object) -> list[object]:
    """The linked objects in a field: an entry, a section, a citation, or a list of them."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items
            if isinstance(item, (Entry, SourceRef)) or (dataclasses.is_dataclass(item) and not isinstance(item, type))]
