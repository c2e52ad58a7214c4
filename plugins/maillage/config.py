"""Options of the ``maillage`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MaillageConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off, e.g. to build the hand-written pages alone."""

    # Content: where the YAML files live, relative to mkdocs.yml.
    practices_dir = c.Type(str, default="practices")

    # Rendering: a folder whose templates replace the packaged ones, file by file,
    # relative to mkdocs.yml (for example `overrides/maillage`).
    templates_dir = c.Optional(c.Type(str))
    # Glossary terms become tooltips (``abbr``) in the text of cards and cases.
    abbreviations = c.Type(bool, default=True)

    # Search: add accent-free copies of words to Material's index ("cooperation" finds
    # "coopération").
    search_folding = c.Type(bool, default=True)
