"""Reporters: the same problems as terminal text or as GitHub Actions annotations."""

from __future__ import annotations

from collections.abc import Iterable

from .problems import Problem


def text_report(problems: list[Problem], files_read: int) -> str:
    lines = [problem.format() for problem in problems]
    lines.append(summary(problems, files_read))
    return "\n".join(lines)


def summary(problems: list[Problem], files_read: int) -> str:
    if not problems:
        return f"{files_read} fichier{'s' if files_read > 1 else ''} lu{'s' if files_read > 1 else ''}, aucun problème."
    files = len({problem.path for problem in problems})
    return (f"{len(problems)} problème{'s' if len(problems) > 1 else ''} dans {files} "
            f"fichier{'s' if files > 1 else ''} ({files_read} lu{'s' if files_read > 1 else ''}).")


def github_annotations(problems: Iterable[Problem]) -> str:
    """``::error`` workflow commands; GitHub shows them on the changed lines of a pull request."""
    return "\n".join(
        f"::error file={_property(problem.path)},line={problem.line},col={problem.column},"
        f"title={_property(problem.field or 'fichier')}::{_data(problem.message)}"
        for problem in problems
    )


def markdown_summary(problems: list[Problem], files_read: int) -> str:
    """The full list for the job summary: GitHub shows only ten annotations per step."""
    lines = ["## Vérification des fiches", "", summary(problems, files_read), ""]
    if problems:
        lines += ["| fichier | ligne | champ | problème |", "|---|---|---|---|"]
        lines += [f"| `{problem.path}` | {problem.line} | `{problem.field}` | {_cell(problem.message)} |"
                  for problem in problems]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
