"""Escaping for the places where the theme prints a page's metadata as it is.

MkDocs renders theme templates with autoescape off, and Material prints ``page.meta.title`` in
``<title>``, the header, the navigation and the tags page, and ``page.meta.description`` in a
``<meta content="…">`` attribute, without escaping: a card's title or summary would become
markup there. A ``Markup`` string is already escaped text for Jinja: printed raw it shows the
characters, and the templates that do escape (``| e`` in the footer's labels) leave it as it is,
so nothing is escaped twice.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from markupsafe import Markup, escape

THEME_PRINTED_KEYS = ("title", "description")


def escape_theme_metadata(meta: MutableMapping[str, object]) -> None:
    """Turn the metadata the theme prints raw into escaped text, once."""
    for key in THEME_PRINTED_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, Markup):
            meta[key] = escape(str(value))
