"""The kinds of file the handbook reads, and the sections cards are filed in: one table each.

Every later step reads these tables instead of naming a kind: the loader (which folder holds
which kind), the validator (which schema, how to name a reference), the model (which collection),
the addresses (which page), the print documents (which anchor). A new kind of file is a new
row here, a schema, an entry class and a template (see CONTRIBUTING.md, « Pour les
développeurs »). The allowed values inside a file belong to the schemas, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Section:
    """A part of the handbook that lists cards: its folder in practices/, its page, its print
    document. Practices are filed by phase, the other kinds of card by kind."""

    slug: str
    title: str
    kind: str
    phase: str | None = None

    def holds(self, card: Filed) -> bool:
        if card.kind != self.kind:
            return False
        return self.phase is None or card.phase == self.phase


class Filed(Protocol):
    kind: str
    phase: str | None


SECTIONS: tuple[Section, ...] = (
    Section("lancer", "Lancer un réseau", "practice", "launch"),
    Section("gerer", "Gérer un réseau", "practice", "manage"),
    Section("perenniser", "Pérenniser un réseau", "practice", "sustain"),
    Section("groupements-employeurs", "Groupements d'employeurs", "condition"),
    Section("vigilance", "Points de vigilance", "vigilance"),
)
"""Every card falls in exactly one."""


@dataclass(frozen=True)
class FileKind:
    name: str
    """How the code names the kind (``card``): also the key of the model's collections."""
    schema: str
    """Its JSON Schema, in ``plugins/maillage/schemas/``."""
    folders: tuple[str, ...]
    """Folders of practices/ that hold it."""
    page: str
    """Its page (``fiches/{id}.md``); without ``{id}``, a page all entries share, each at its anchor."""
    anchor_prefix: str
    """How a print document that holds many entries names this one's anchor (``fiche-x``)."""
    noun: str
    """The French word for one entry, for messages; ``feminine`` for the agreement."""
    feminine: bool
    plural: str
    """For pages that describe the folders to editors."""
    references: Mapping[str, str] = field(default_factory=dict)
    """Its keys whose values are ids of other entries → the kind they name (each list of
    ``sources`` names sources in its ``ref``, for cards and cases)."""
    item_references: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Its lists of objects → their keys that name other entries → the kind they name; each
    object's own ``sources`` name sources too (a diagnostic's questions cite cards and sources)."""


KINDS: dict[str, FileKind] = {kind.name: kind for kind in (
    FileKind("card", "card.schema.json", tuple(section.slug for section in SECTIONS), "fiches/{id}.md",
             "fiche", "fiche", True, "fiches", {"related": "card", "cases": "case"}),
    FileKind("case", "case.schema.json", ("experiences",), "experiences/{id}.md",
             "experience", "expérience", True, "expériences"),
    FileKind("source", "source.schema.json", ("sources",), "sources/index.md",
             "source", "source", True, "sources"),
    FileKind("term", "term.schema.json", ("glossaire",), "glossaire/index.md",
             "terme", "terme du glossaire", False, "termes du glossaire", {"see_also": "term"}),
    FileKind("diagnostic", "diagnostic.schema.json", ("diagnostics",), "diagnostic/{id}/index.md",
             "diagnostic", "autodiagnostic", False, "autodiagnostics",
             item_references={"questions": {"cards": "card"}}),
)}

FOLDERS: dict[str, str] = {folder: kind.name for kind in KINDS.values() for folder in kind.folders}
"""Every folder of practices/ the handbook reads → the kind of its files."""
