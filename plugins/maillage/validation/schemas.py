"""The JSON Schemas: the one source of truth for what a file may contain.

The validator, the plugin, editors' IDEs and the generated format reference all read these
files; nothing else in the code restates a field, a limit or an allowed value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from ..kinds import KINDS

SCHEMA_FILES = {kind.name: kind.schema for kind in KINDS.values()}
"""Each kind of file and its schema; ``common.schema.json`` holds what they share."""


def is_one_line(schema: dict[str, Any]) -> bool:
    """Whether a text must hold on one line: the schemas say so with
    ``"not": {"type": "string", "pattern": "[\\n\\r]"}``, which both schema passes read alike."""
    refused = schema.get("not")
    return isinstance(refused, dict) and "\\n" in str(refused.get("pattern", ""))


@dataclass(frozen=True)
class SchemaSet:
    """All schemas, parsed once, with a compiled validator per kind of file."""

    documents: dict[str, dict[str, Any]]

    @classmethod
    def load(cls) -> SchemaSet:
        folder = resources.files("maillage") / "schemas"
        documents = {
            entry.name: json.loads(entry.read_text(encoding="utf-8"))
            for entry in folder.iterdir()
            if entry.name.endswith(".schema.json")
        }
        # The files carry no ``$id``: a relative one (« card.schema.json ») makes standard tools
        # (check-jsonschema, IDEs) resolve ``common.schema.json`` against the folder they run in,
        # not the schema's own. Without it they use the file's own address; here, the file name
        # is the address, as the references between the files expect.
        for name, document in documents.items():
            document.setdefault("$id", name)
        return cls(documents)

    @cached_property
    def registry(self) -> Registry:
        return Registry().with_resources(
            (name, Resource.from_contents(document)) for name, document in self.documents.items()
        )

    @cached_property
    def fast_validators(self) -> dict[str, Any]:
        """Rust validators (jsonschema-rs) that only say yes or no, about 100 times faster."""
        registry = jsonschema_rs.Registry(list(self.documents.items()))
        return {kind: jsonschema_rs.validator_for(self.documents[file_name], registry=registry)
                for kind, file_name in SCHEMA_FILES.items()}

    def errors(self, kind: str, data: object) -> list[ValidationError]:
        """Schema errors of one file: a fast yes/no first, the detailed pass only for failures.

        Most files are valid, so most files never pay for the detailed pass; a value the
        fast validator cannot take (a YAML date, an integer beyond 64 bits) goes the slow way.
        """
        try:
            if self.fast_validators[kind].is_valid(data):
                return []
        except (TypeError, ValueError, OverflowError):
            pass
        return list(self.validators[kind].iter_errors(data))

    @cached_property
    def validators(self) -> dict[str, Draft202012Validator]:
        return {
            kind: Draft202012Validator(self.documents[file_name], registry=self.registry)
            for kind, file_name in SCHEMA_FILES.items()
        }

    def schema(self, kind: str) -> dict[str, Any]:
        return self.documents[SCHEMA_FILES[kind]]

    def resolve(self, schema: dict[str, Any], base: str) -> dict[str, Any]:
        """Follow a ``$ref`` (one level is all our schemas use), merging its siblings over it."""
        reference = schema.get("$ref")
        if reference is None:
            return schema
        file_name, _, pointer = reference.partition("#")
        target: Any = self.documents[file_name or base]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        merged = dict(self.resolve(target, file_name or base))
        merged.update({key: value for key, value in schema.items() if key != "$ref"})
        return merged

    def property_schema(self, kind: str, name: str) -> dict[str, Any]:
        """The resolved schema of one top-level key of a kind of file."""
        base = SCHEMA_FILES[kind]
        return self.resolve(self.schema(kind)["properties"][name], base)

    def labels(self, kind: str, name: str) -> dict[str, str]:
        """French labels of a closed list of values (``x-labels``), e.g. phases or themes."""
        schema = self.property_schema(kind, name)
        if "items" in schema:
            schema = self.resolve(schema["items"], SCHEMA_FILES[kind])
        return dict(schema.get("x-labels", {}))
