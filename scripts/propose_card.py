#!/usr/bin/env python3
"""Turn a "Proposer une fiche" issue into a checked card: ``python scripts/propose_card.py --body FILE``."""

import sys

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema", "jsonschema_rs", "markdown")

from maillage.commands.propose_card import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
