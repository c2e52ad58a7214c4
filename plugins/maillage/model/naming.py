"""A card's id, made from its title: what the scaffold and the proposal form both need.

Ids become file names and addresses (``fiches/<id>/``): ASCII, lower case, words joined by
hyphens, as Python-Markdown's slugify makes them, after elisions and ligatures are split.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify

MAX_ID_LENGTH = 80
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "'": " ", "’": " "})


def card_id(title: str, taken: set[str]) -> str:
    """A slug of the title, cut at a word under 80 characters, made unique with -2, -3…"""
    slug = slugify(title.translate(_LIGATURES), "-")
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    slug = slug[:MAX_ID_LENGTH] or "fiche"
    candidate, number = slug, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = slug[: MAX_ID_LENGTH - len(suffix)] + suffix, number + 1
    return candidate
