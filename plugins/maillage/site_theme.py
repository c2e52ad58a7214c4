"""Theme templates the plugin puts over Material's for every page readers see.

``theme/404.html``: the page old links and printed QR codes land on, in French, with a search
and the parts of the handbook (Material's says "404 - Not found"). ``theme/partials/source.html``:
the header's repository link without the hook that makes each reader's browser call the code
host's API. A site's ``custom_dir`` still replaces either.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME = Path(__file__).resolve().parent / "theme"


def add_theme(config: MkDocsConfig) -> None:
    """Put ``THEME`` just before the theme's own folder (the last one with a ``main.html``):
    over Material, under a site's ``custom_dir``."""
    if str(THEME) in config.theme.dirs:
        return
    own = max((index for index, folder in enumerate(config.theme.dirs) if Path(folder, "main.html").exists()),
              default=len(config.theme.dirs))
    config.theme.dirs.insert(own, str(THEME))
