#!/usr/bin/env python3
"""Write the "Proposer une fiche" issue form from the schemas: ``python scripts/make_forms.py [--check]``."""

import sys

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema", "jsonschema_rs", "markdown")

from maillage.commands.make_forms import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
