"""Which glossary terms a text uses: one rule for the tooltips of web pages and the glossary
printed after each document."""

from __future__ import annotations

import re

from .entries import Card, Case, Term


class TermIndex:
    """The glossary terms each card or case uses, found once per entry.

    A term counts where the ``abbr`` extension would make it a tooltip: the same spelling,
    between word boundaries. One regular expression for all terms, longest first, so that
    "pôle de compétitivité" wins over "pôle".
    """

    def __init__(self, terms: list[Term]) -> None:
        self._by_name = {term.term: term for term in terms}
        names = sorted(self._by_name, key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None

    def used_by(self, entry: Card | Case) -> set[Term]:
        return self.found_in("\n".join(_texts(entry)))

    def found_in(self, text: str) -> set[Term]:
        if self._pattern is None:
            return set()
        return {self._by_name[match] for match in self._pattern.findall(text)}


def _texts(entry: Card | Case) -> list[str]:
    if isinstance(entry, Card):
        return [entry.title, entry.summary, entry.context or "", *entry.how, *entry.pitfalls, *entry.indicators]
    return [entry.title, entry.summary, *entry.organisations, entry.place, entry.period or "",
            entry.programme or "", entry.description, *entry.figures, *entry.lessons]
