"""French labels of every closed list of values, read from the schemas' ``x-labels``."""

from __future__ import annotations

from dataclasses import dataclass

from ..validation.schemas import SchemaSet


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, str]
    phases: dict[str, str]
    actors: dict[str, str]
    themes: dict[str, str]
    source_types: dict[str, str]
    scopes: dict[str, str]

    @classmethod
    def from_schemas(cls, schemas: SchemaSet) -> Vocabulary:
        return cls(
            kinds=schemas.labels("card", "kind"),
            phases=schemas.labels("card", "phase"),
            actors=schemas.labels("card", "actors"),
            themes=schemas.labels("card", "themes"),
            source_types=schemas.labels("source", "type"),
            scopes=schemas.labels("case", "scope"),
        )
