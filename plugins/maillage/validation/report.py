"""Reporters: the same problems as terminal text, GitHub Actions annotations or a job summary.

Everything a problem says comes from files anybody can send (paths, values quoted in the
messages), so each reporter escapes for the place its output lands:

- the log: GitHub reads a line starting with ``::`` as a workflow command. Annotations are the
  only commands we write; their properties and text are escaped as GitHub documents, and
  the readable report that follows is fenced by ``::stop-commands::`` with a one-time token,
  so that no line of it is ever read as a command, whatever a message holds;
- the job summary is GitHub-flavoured Markdown: each cell has every Markdown character escaped
  (no link, image or HTML can come from a card) and the whole stays under GitHub's 1 MiB limit.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from ..loading.problems import Problem, one_line

SUMMARY_LIMIT = 1024 * 1024
"""GitHub refuses a step summary over 1 MiB and shows nothing of it."""
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+\-.!|~&:\"']")


def text_report(problems: list[Problem], files_read: int) -> str:
    # A path is a file name: it may start with « : », and no line of ours starts with « :: ».
    lines = [("./" if line.startswith(":") else "") + line for line in map(Problem.format, problems)]
    lines.append(summary(problems, files_read))
    return "\n".join(lines)


def summary(problems: list[Problem], files_read: int) -> str:
    """Errors and warnings counted apart: only errors fail the check."""
    read = f"{files_read} lu{'s' if files_read > 1 else ''}"
    failing = [problem for problem in problems if problem.is_error]
    warnings = len(problems) - len(failing)
    said = (f" ; {warnings} avertissement{'s' if warnings > 1 else ''}, qui n'empêche{'nt' if warnings > 1 else ''} "
            "pas la publication") if warnings else ""
    if not failing:
        read_all = f"{files_read} fichier{'s' if files_read > 1 else ''} lu{'s' if files_read > 1 else ''}"
        return f"{read_all}, aucun problème{said}." if said else f"{read_all}, aucun problème."
    files = len({problem.path for problem in failing})
    return (f"{len(failing)} problème{'s' if len(failing) > 1 else ''} dans {files} "
            f"fichier{'s' if files > 1 else ''} ({read}){said}.")


def github_log(problems: list[Problem], files_read: int) -> str:
    """Annotations, then the readable report with workflow commands switched off around it."""
    token = secrets.token_hex(16)
    annotations = [github_annotations(problems)] if problems else []
    return "\n".join([*annotations, f"::stop-commands::{token}", text_report(problems, files_read), f"::{token}::"])


def github_annotations(problems: Iterable[Problem]) -> str:
    """``::error`` and ``::warning`` workflow commands; GitHub shows them on the changed lines of a
    pull request. Only errors fail the step: that is the exit status, not the annotation."""
    return "\n".join(
        f"::{'error' if problem.is_error else 'warning'} file={_property(problem.path)},line={problem.line},col={problem.column},"
        f"title={_property(problem.field or 'fichier')}::{_data(problem.message)}"
        for problem in problems
    )


def markdown_summary(problems: list[Problem], files_read: int, *, limit: int = SUMMARY_LIMIT) -> str:
    """The full list for the job summary (GitHub shows only ten annotations per step), cut with a
    note before it would pass ``limit`` bytes."""
    head = ["## Vérification des fiches", "", _cell(summary(problems, files_read)), ""]
    if problems:
        head += ["| fichier | ligne | champ | problème |", "|---|---|---|---|"]
    problems = sorted(problems, key=lambda problem: not problem.is_error)  # errors first, stable
    text = "\n".join(head) + "\n"
    size = len(text.encode())
    for shown, problem in enumerate(problems):
        label = "" if problem.is_error else "avertissement : "
        row = (f"| {_cell(problem.path)} | {problem.line} | {_cell(problem.field)} | "
               f"{label}{_cell(problem.message)} |\n")
        note = (f"\n{len(problems) - shown} problème(s) de plus ne tiennent pas dans ce résumé : "
                "la liste entière est dans le journal de l'étape.\n")
        if size + len(row.encode()) + len(note.encode()) > limit:
            return text + note
        text += row
        size += len(row.encode())
    return text


def _cell(text: str) -> str:
    """Text shown as it is in a Markdown table cell: every character Markdown reads is escaped."""
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), one_line(text))


def _data(text: str) -> str:
    """A command's text: GitHub's escapes, and no character that any reader takes for a line end."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
