"""The one shape every finding takes, from a YAML syntax error to a dangling reference.

Problems are collected, never raised, so that one bad file never hides another: the CLI and
the plugin both report the whole list, sorted by file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located as precisely as the input allows."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        """``file:line:column: field: message``, the shape editors and IDEs recognise."""
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the editor knows it: relative to the project when possible, with slashes."""
    candidates = [root, Path.cwd()] if root is not None else [Path.cwd()]
    resolved = path.resolve()
    for base in candidates:
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
