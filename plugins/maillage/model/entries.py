"""Cards, cases, sources and glossary terms: what the templates render.

Each entry remembers the file it came from (for edit links and error messages). Links are
stored as ids by the loader and resolved into objects once, by ``Handbook.build``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


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
    id: str
    source_file: str
    """Path of the YAML file relative to the project root, with slashes."""


@dataclass(eq=False)
class Card(Entry):
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

    @property
    def url(self) -> str:
        return f"fiches/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"fiches/{self.id}.md"


@dataclass(eq=False)
class Case(Entry):
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

    @property
    def url(self) -> str:
        return f"experiences/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"experiences/{self.id}.md"


@dataclass(eq=False)
class Source(Entry):
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
    term: str
    definition: str
    expansion: str | None = None
    see_also_ids: list[str] = field(default_factory=list)
    see_also: list[Term] = link(list)

    @property
    def tooltip(self) -> str:
        """What a reader sees on hover: the expansion of an acronym, else its definition."""
        return f"{self.expansion} : {self.definition}" if self.expansion else self.definition


@dataclass(frozen=True)
class Section:
    """A part of the handbook that lists cards: one page, one print document."""

    slug: str
    title: str
    kind: str
    phase: str | None = None

    @property
    def url(self) -> str:
        return f"{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"{self.slug}/index.md"

    def holds(self, card: Card) -> bool:
        if card.kind != self.kind:
            return False
        return self.phase is None or card.phase == self.phase


SECTIONS: tuple[Section, ...] = (
    Section("lancer", "Lancer un réseau", "practice", "launch"),
    Section("gerer", "Gérer un réseau", "practice", "manage"),
    Section("perenniser", "Pérenniser un réseau", "practice", "sustain"),
    Section("groupements-employeurs", "Groupements d'employeurs", "condition"),
    Section("vigilance", "Points de vigilance", "vigilance"),
)
"""Every card falls in exactly one: practices by phase, the other kinds by kind."""
