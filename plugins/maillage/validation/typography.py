"""Text that YAML reads as the editor meant, but that will look wrong once published.

Curly quotes around a whole value (“Choisir un animateur”, pasted from a word processor) are
not YAML quotes: the value keeps them and the title is published between quotes. Nothing is
lost, so it is a warning, located on the value, with the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..loading.yaml_reader import Document, FieldPath

_PAIRS = {"“": "”", "”": "”", "„": "“", "‘": "’", "‚": "’"}
"""Curly quotes a word processor puts around a text, opening to closing. French « » are left
alone: sources are cited by their section title between guillemets, on purpose."""


def curly_quoted(document: Document) -> Iterator[tuple[FieldPath, str]]:
    """Every value wholly between curly quotes: where, and what to write instead."""
    if not any(opening in document.text for opening in _PAIRS):
        return  # one pass of str.__contains__ per quote for the cards that have none
    yield from _walk(document.data, ())


def _walk(data: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, path + (index,))
    elif isinstance(data, str) and len(data) > 2 and _PAIRS.get(data[0]) == data[-1]:
        inner = data[1:-1]
        shown = inner if len(inner) <= 40 else inner[:39] + "…"
        yield path, (f"la valeur est entre guillemets typographiques ({data[0]}…{data[-1]}) : YAML ne les "
                     "reconnaît pas, ils seront publiés avec le texte. Retirez-les, ou remplacez-les par des "
                     f"guillemets droits : \"{shown}\".")
