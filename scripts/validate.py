#!/usr/bin/env python3
"""Check the handbook's YAML files: ``python scripts/validate.py [--format github] [PATH…]``."""

import sys

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema", "jsonschema_rs")

from maillage.commands.validate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
