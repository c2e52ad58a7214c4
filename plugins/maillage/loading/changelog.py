"""The content's history, from git: one ``git log`` per build gives both every file's last date
and the list of what changed, commit by commit, for the « Nouveautés » page and its feed.

Readers ask what is new since they last came; editors should not keep a list by hand. The
history is only as good as the clone: without git, or in a shallow clone (CI's default
``fetch-depth: 1``), the oldest commit looks as if it added every file, so the history is
declared unavailable, with the reason, rather than shown wrong.

Commit subjects are written by anyone who sends a pull request: they are kept as text here and
escaped by each output (Markdown by ``plain``, Atom by an XML writer).
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RECORD, UNIT = "\x1e", "\x1f"
"""Separators git writes between commits and between a commit's fields: no subject holds them."""
STATUSES = {"A": "added", "M": "changed", "D": "removed"}


@dataclass(frozen=True)
class FileChange:
    status: str
    """``added``, ``changed`` or ``removed``."""
    path: str
    """Relative to the project's root, with slashes, as git names it."""


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime.datetime
    subject: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class Changelog:
    commits: tuple[Commit, ...] = ()
    """Newest first."""
    unavailable: str | None = None
    """Why there is no history to show (no git, a shallow clone), in French; None when there is."""
    shallow: bool = field(default=False)

    def last_changes(self) -> dict[str, datetime.date]:
        """``{path: date of the last commit touching it}``: the date a card's page shows. A
        shallow clone still dates each file by the newest commit it has."""
        dates: dict[str, datetime.date] = {}
        for commit in self.commits:
            for change in commit.files:
                dates.setdefault(change.path, commit.when.date())  # newest commit comes first
        return dates


def read_changelog(root: Path, folder: Path) -> Changelog:
    """Every commit that touched ``folder`` (under ``root``, the repository's top), newest first."""
    try:
        below = str(folder.resolve().relative_to(root.resolve()))
        run = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotePath=false", "log", "--no-renames", "--name-status",
             f"--format={RECORD}%H{UNIT}%cI{UNIT}%s", "--", below],
            capture_output=True, text=True, timeout=60, check=False,
        )
        if run.returncode != 0:
            return Changelog(unavailable="le guide n'a pas été construit depuis un dépôt git : son historique "
                                         "n'est pas connu.")
        shallow = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                                 capture_output=True, text=True, timeout=60, check=False).stdout.strip() == "true"
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return Changelog(unavailable="git est introuvable sur la machine qui a construit le guide : son "
                                     "historique n'est pas connu.")
    commits = tuple(commit for record in run.stdout.split(RECORD)[1:] if (commit := _commit(record)) is not None)
    if shallow:
        return Changelog(commits, unavailable="le guide a été construit depuis un clone superficiel du dépôt "
                                              "(historique tronqué) : l'historique complet est nécessaire pour "
                                              "dire ce qui a changé (git fetch --unshallow, ou fetch-depth: 0 "
                                              "en CI).", shallow=True)
    return Changelog(commits)


def _commit(record: str) -> Commit | None:
    header, _, body = record.partition("\n")
    parts = header.split(UNIT)
    if len(parts) != 3:
        return None
    sha, when, subject = parts
    files = []
    for line in body.splitlines():
        status, _, path = line.partition("\t")
        if path and status[:1] in STATUSES:
            files.append(FileChange(STATUSES[status[:1]], path))
    try:
        moment = datetime.datetime.fromisoformat(when)
    except ValueError:
        return None
    return Commit(sha, moment, subject, tuple(files))
