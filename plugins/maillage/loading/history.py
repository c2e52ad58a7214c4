"""When each file last changed, from git: one ``git log`` per build, not one per card.

Readers judge advice by its freshness, and editors should not have to maintain a date by
hand. Outside a git checkout (a downloaded archive, a test folder) there is simply no date.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def last_changes(root: Path, folder: Path) -> dict[str, datetime.date]:
    """``{path relative to root: date of the last commit touching it}``."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--",
             str(folder.resolve().relative_to(root.resolve()))],
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return {}
    if run.returncode != 0:
        return {}
    dates: dict[str, datetime.date] = {}
    for commit in run.stdout.split("\0")[1:]:
        day, *names = commit.strip().split("\n")
        when = datetime.date.fromisoformat(day)
        for name in filter(None, (name.strip() for name in names)):
            dates.setdefault(name, when)  # newest commit comes first
    return dates
