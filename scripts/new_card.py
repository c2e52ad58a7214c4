#!/usr/bin/env python3
"""Start a new card: ``python scripts/new_card.py --kind practice --phase launch --title "…"``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))  # works without install

from maillage.commands.new_card import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
