"""The Jinja environment that turns model objects into Markdown page sources.

Templates write Markdown, not HTML, so that card text goes through the site's own Markdown
configuration exactly once, like any page of ``docs/``. A site overrides any template by
putting a file of the same name in the folder named by the plugin's ``templates_dir``.
"""

from __future__ import annotations

import datetime
import re
from importlib import resources
from pathlib import Path

import jinja2
from babel.dates import format_date

from . import citations
from .dating import number, source_year, source_years

PACKAGE_TEMPLATES = Path(str(resources.files("maillage") / "templates"))

_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def plain(text: str) -> str:
    """Plain text made inert in Markdown: no tag, no emphasis, no attribute list, no link.

    Every ASCII punctuation character becomes a character reference (``-`` → ``&#45;``), which
    no Markdown rule or extension reads: backslash escapes would not do, since Python-Markdown
    leaves ``\\~`` or ``\\?`` visible, and a leading ``1.``, ``-`` or ``???`` (details) would
    still start a block. Browsers, the search index and the sanitiser read the characters back.
    """
    return _ASCII_PUNCTUATION.sub(lambda match: f"&#{ord(match.group())};", " ".join(text.split()))


def block(text: str, width: int = 4) -> str:
    """A Markdown item that may span paragraphs, indented to sit inside a list item."""
    lines = text.strip().split("\n")
    return "\n".join([lines[0], *[(" " * width + line) if line.strip() else "" for line in lines[1:]]])


def french_date(day: datetime.date) -> str:
    """``2026-11-22`` → ``22 novembre 2026``."""
    return format_date(day, format="d MMMM y", locale="fr")


def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # the output is Markdown; ``plain`` escapes what must be inert
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["plain"] = plain
    environment.filters["block"] = block
    environment.filters["french_date"] = french_date
    environment.filters["source_title"] = citations.source_title
    environment.filters["by_source"] = citations.by_source
    environment.tests["restored"] = citations.is_restored
    environment.globals["restored_note"] = citations.RESTORED_NOTE
    environment.filters["source_year"] = source_year
    environment.filters["source_years"] = source_years
    environment.filters["number"] = number
    return environment
