"""Options of the ``maillage`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MaillageConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off, e.g. to build the hand-written pages alone."""

    # Content: where the YAML files live, relative to mkdocs.yml. Not required to exist here: under
    # `serve`, a folder that goes away is shown as a problem of the handbook, not a stale site.
    practices_dir = c.Dir(exists=False, default="practices")

    # Pages whose Markdown is a file of the repository outside docs/ (the contribution guide is
    # CONTRIBUTING.md, where GitHub shows it too): site address → file, relative to mkdocs.yml.
    # The one way to include a file: pymdownx.snippets would let any card include any file.
    pages_from_files = c.DictOfItems(c.File(exists=True), default={})

    # Rendering: a folder whose templates replace the packaged ones, file by file,
    # relative to mkdocs.yml (for example `overrides/maillage`).
    templates_dir = c.Optional(c.Dir(exists=True))
    # Glossary terms become tooltips (``abbr``) in the text of cards and cases.
    abbreviations = c.Type(bool, default=True)

    # Search: the header's search answered by Pagefind, which indexes the built site ("cooperation"
    # finds "coopération", "groupements" finds "groupement"); off, Material's own search stays.
    search = c.Type(bool, default=True)

    # Typography: no-break spaces before ; : ! ? and inside « », typographic apostrophes, in the
    # text of every built page (rendering/typography.py); off for a site in another language.
    french_typography = c.Type(bool, default=True)
