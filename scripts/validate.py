#!/usr/bin/env python3
"""Check the handbook's YAML files: ``python scripts/validate.py [--format github] [PATH…]``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))  # works without install

from maillage.commands.validate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
