#!/usr/bin/env python3
"""Start a new card: ``python scripts/new_card.py --kind practice --phase launch --title "…"``."""

import sys

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema", "jsonschema_rs", "markdown", "jinja2", "babel")

from maillage.commands.new_card import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
