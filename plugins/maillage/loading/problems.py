"""The one shape every finding takes, from a YAML syntax error to a dangling reference.

Problems are collected, never raised, so that one bad file never hides another: the CLI and
the plugin both report the whole list, sorted by file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (line ends of every convention included) and direction marks."""


def one_line(text: str) -> str:
    """``text`` with every line break and control or direction character shown as ``\\uXXXX``.

    A problem is one line wherever it is printed: a terminal, a CI log (where a line starting with
    ``::`` would be read as a command), the serve log. File names and values come from files
    anybody can send, and a right-to-left mark would show the line in another order.
    """
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


ERROR = "error"
WARNING = "warning"
"""Severities. An error stops the build and fails the check: the text would be lost or wrong.
A warning never does: the card is published as written, but something only looks wrong
(curly quotes kept in a title) or a help for editors is missing (the IDE schema line)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located as precisely as the input allows."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = ERROR
    """Last and defaulted, so every ``Problem(path, line, column, field, message)`` stays an error."""

    @property
    def is_error(self) -> bool:
        return self.severity != WARNING

    def format(self) -> str:
        """``file:line:column: field: message``, the shape editors and IDEs recognise; a warning
        says so before its message."""
        where = f"{one_line(self.path)}:{self.line}:{self.column}"
        field = f" {one_line(self.field)}:" if self.field else ""
        label = "" if self.is_error else " avertissement :"
        return f"{where}:{field}{label} {one_line(self.message)}"


def errors(problems: list[Problem]) -> list[Problem]:
    """What fails a build or a check; warnings are reported beside them, never counted against."""
    return [problem for problem in problems if problem.is_error]


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
