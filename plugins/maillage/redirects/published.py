"""Every card id the handbook ever published, so that none stops answering.

An address printed on a deck or saved in a bookmark outlives the card: when a card is merged,
renamed or deleted, its id must go on answering (its page, or a redirect from a card's
``replaces``). The list of ids ever published is kept in a committed file,
``tests/fiches-publiees.txt``, that ``scripts/published_ids.py`` completes from git history;
the test suite checks that each one still answers in the built site. The file is needed
because a shallow clone (CI) has no history to read; where history is there, the test also
checks that the file has forgotten no id.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..kinds import FOLDERS


def read_registry(path: Path) -> set[str]:
    """Ids of the registry file, one a line; ``#`` starts a comment."""
    if not path.is_file():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def write_registry(path: Path, ids: set[str]) -> None:
    header = ("# Chaque identifiant de fiche que le guide a publié (fiches/<id>/), un par ligne.\n"
              "# Chacun doit toujours répondre : sa fiche, ou une fiche qui le nomme dans « replaces ».\n"
              "# Complété par : python scripts/published_ids.py (ne retirez jamais une ligne).\n")
    path.write_text(header + "".join(f"{card_id}\n" for card_id in sorted(ids)), encoding="utf-8")


def ids_in_history(root: Path, practices_dir: Path) -> set[str] | None:
    """Ids of every card file git ever saw added under ``practices_dir``; None without full history."""
    try:
        folder = practices_dir.resolve().relative_to(root.resolve()).as_posix()
        shallow = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                                 capture_output=True, text=True, timeout=60, check=False)
        if shallow.returncode != 0 or shallow.stdout.strip() != "false":
            return None
        run = subprocess.run(["git", "-C", str(root), "log", "--format=", "--name-only", "--no-renames",
                              "--diff-filter=A", "--", folder],
                             capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return None
    if run.returncode != 0:
        return None
    ids = set()
    for name in filter(None, (line.strip() for line in run.stdout.splitlines())):
        parts = name.split("/")[len(folder.split("/")):]
        if len(parts) == 2 and parts[1].endswith(".yml") and FOLDERS.get(parts[0], "card") == "card":
            ids.add(parts[1].removesuffix(".yml"))
    return ids
