"""When each file last changed, from git: one ``git log`` per build, not one per card.

Readers judge advice by its freshness, and editors should not have to maintain a date by
hand. Outside a git checkout (a downloaded archive, a test folder) there is simply no date.
The log itself is read by ``changelog.py``, which the « Nouveautés » page shares.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .changelog import read_changelog


def last_changes(root: Path, folder: Path) -> dict[str, datetime.date]:
    """``{path relative to root: date of the last commit touching it}``."""
    return read_changelog(root, folder).last_changes()
