"""Cards, cases, sources, glossary terms and diagnostics: what the templates render.

Each entry remembers the file it came from (for edit links and error messages). Links are
stored as ids by the loader and resolved into objects once, by ``Handbook.build``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import ClassVar

from ..kinds import Section



@dataclass(frozen=True)
class SourceRef:
    """A citation: which source, and where in it."""

    ref: str
    locator: str
    source: Source | None = field(default=None, compare=False, repr=False)


def link(default_factory=None):
    """A resolved link: left out of repr and comparison, since the graph has cycles."""
    if default_factory is None:
        return field(default=None, repr=False, compare=False)
    return field(default_factory=default_factory, repr=False, compare=False)


@dataclass(eq=False)  # entries are compared by identity: ids are unique per collection
class Entry:
    KIND: ClassVar[str]
    """Its row in ``kinds.KINDS``."""
    REFERENCE_ATTRIBUTES: ClassVar[dict[str, str]] = {}
    """A file's key that names other entries → the attribute that keeps their ids."""
    DATED: ClassVar[bool] = False
    """Whether its page shows the date of its file's last change."""
    NESTED: ClassVar[dict[str, type[Question]]] = {}
    """A file's list of objects → the class each becomes (a diagnostic's questions)."""
    id: str
    source_file: str
    """Path of the YAML file relative to the project root, with slashes."""


@dataclass(eq=False)
class Card(Entry):
    KIND: ClassVar[str] = "card"
    REFERENCE_ATTRIBUTES: ClassVar[dict[str, str]] = {"related": "related_ids", "cases": "case_ids"}
    DATED: ClassVar[bool] = True
    kind: str
    title: str
    summary: str
    how: list[str]
    sources: list[SourceRef]
    phase: str | None = None
    context: str | None = None
    pitfalls: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    related_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    """Ids of cards merged into this one or renamed to it: their addresses redirect here."""
    note: str | None = None
    """The editors' note on what changed since the sources; never presented as sourced."""
    updated: datetime.date | None = None
    """Date of the last commit that changed the file (git history), when there is one."""
    # Resolved by Handbook.build:
    section: Section | None = link()
    related: list[Card] = link(list)
    referenced_by: list[Card] = link(list)
    cases: list[Case] = link(list)
    previous: Card | None = link()
    next: Card | None = link()



@dataclass(eq=False)
class Case(Entry):
    KIND: ClassVar[str] = "case"
    DATED: ClassVar[bool] = True
    title: str
    summary: str
    organisations: list[str]
    place: str
    description: str
    lessons: list[str]
    sources: list[SourceRef]
    scope: str = "france"
    period: str | None = None
    programme: str | None = None
    figures: list[str] = field(default_factory=list)
    note: str | None = None
    """The editors' note on what changed since the sources; never presented as sourced."""
    updated: datetime.date | None = None
    illustrates: list[Card] = link(list)



@dataclass(eq=False)
class Source(Entry):
    KIND: ClassVar[str] = "source"
    title: str
    type: str
    summary: str
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    journal: str | None = None
    year: int | None = None
    year_approximate: bool = False
    cited_by: list[Card | Case] = link(list)


@dataclass(eq=False)
class Term(Entry):
    KIND: ClassVar[str] = "term"
    REFERENCE_ATTRIBUTES: ClassVar[dict[str, str]] = {"see_also": "see_also_ids"}
    term: str
    definition: str
    expansion: str | None = None
    see_also_ids: list[str] = field(default_factory=list)
    see_also: list[Term] = link(list)

    @property
    def tooltip(self) -> str:
        """What a reader sees on hover: the expansion of an acronym, else its definition."""
        return f"{self.expansion} : {self.definition}" if self.expansion else self.definition


@dataclass(eq=False)
class Question:
    """One question of a diagnostic: the cards that help when the answer is not « oui »."""

    id: str
    question: str
    importance: str
    card_ids: list[str]
    sources: list[SourceRef]
    cards: list[Card] = link(list)

    @classmethod
    def from_data(cls, data: dict) -> Question:
        return cls(data["id"], data["question"], data["importance"], list(data["cards"]),
                   [SourceRef(citation["ref"], citation["locator"]) for citation in data["sources"]])


@dataclass(eq=False)
class Diagnostic(Entry):
    """A self-diagnostic for one situation: questions written by editors, like cards."""

    KIND: ClassVar[str] = "diagnostic"
    NESTED: ClassVar[dict[str, type[Question]]] = {"questions": Question}
    title: str
    summary: str
    order: int
    questions: list[Question]


ENTRY_CLASSES: dict[str, type[Card] | type[Case] | type[Source] | type[Term] | type[Diagnostic]] = {
    entry.KIND: entry for entry in (Card, Case, Source, Term, Diagnostic)}
