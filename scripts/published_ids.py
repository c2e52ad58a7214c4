#!/usr/bin/env python3
"""Complete ``tests/fiches-publiees.txt`` with every card id git history and practices/ know.

Run it after deleting, merging or renaming a card (and commit the file): the test suite then
checks that every id ever published still answers, even where CI has no git history.
"""

import sys
from pathlib import Path

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema", "jsonschema_rs")

from maillage.pipeline import find_files, kind_of  # noqa: E402
from maillage.redirects.published import ids_in_history, read_registry, write_registry  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "tests" / "fiches-publiees.txt"


def main() -> int:
    practices = ROOT / "practices"
    known = read_registry(REGISTRY)
    history = ids_in_history(ROOT, practices)
    if history is None:
        print("historique git indisponible (clone superficiel ?) : seules les fiches actuelles sont ajoutées.")
    current = {path.stem for path in find_files(practices) if kind_of(path, practices.resolve()) == "card"}
    found = known | (history or set()) | current
    write_registry(REGISTRY, found)
    added = sorted(found - known)
    print(f"{REGISTRY.relative_to(ROOT)} : {len(found)} identifiants, {len(added)} ajoutés"
          + (f" ({', '.join(added)})" if added else "") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
