#!/usr/bin/env python3
"""PDFs of the print pages of the built site: ``python scripts/make_pdf.py [--site site] [NOM…]``."""

import sys

from _bootstrap import use_project_python

use_project_python("yaml", "jsonschema_rs")

from maillage.commands.make_pdf import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
