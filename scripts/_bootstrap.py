"""Let ``python3 scripts/<tool>.py`` work whichever Python an editor types.

The tools need the project's dependencies, which live in ``.venv``: when started with another
interpreter, re-run with the project's one, or say in French how to create it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_project_python(*modules: str) -> None:
    """Make sure ``modules`` import, switching to ``.venv``'s interpreter when it exists."""
    venv = ROOT / ".venv"
    if venv.is_dir() and Path(sys.prefix).resolve() != venv.resolve():
        python = venv / "bin" / "python"
        os.execv(str(python), [str(python), *sys.argv])
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        sys.exit(f"Il manque {', '.join(missing)} : lancez une fois « make validate » (il installe tout "
                 "dans .venv), puis relancez cette commande.")
    sys.path.insert(0, str(ROOT / "plugins"))  # the package, even when it is not installed
