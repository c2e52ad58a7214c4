"""What one build computed, kept for the next build of the same process (``mkdocs serve``).

Each build asks for what it needs by key; what the previous build computed under the same key
is taken over, and whatever the build did not ask for is dropped when the next one starts.
A key must therefore say everything the value depends on: a template's output is keyed by
the template, the fingerprints of what it reads (model/fingerprints.py) and the frame (the
templates' and configuration's files), a fragment's HTML by its Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Generations(Generic[Value]):
    """Values by key, for the current build, with the previous build's still to take over."""

    def __init__(self) -> None:
        self._current: dict[str, Value] = {}
        self._previous: dict[str, Value] = {}
        self._build: object | None = None
        self._frame = ""

    def start_build(self, build: object, frame: str = "") -> None:
        """Once per build (any object that stands for it): several users share a cache, and a
        second start would drop what the first computed. A new ``frame`` (a digest of what
        every value depends on besides its key) drops everything."""
        if build is self._build:
            return
        self._build = build
        self._previous, self._current = (self._current if frame == self._frame else {}), {}
        self._frame = frame

    def get(self, key: str, compute: Callable[[], Value]) -> Value:
        found = self._current.get(key)
        if found is None:
            found = self._previous.pop(key, None)
            if found is None:
                found = compute()
            self._current[key] = found
        return found
