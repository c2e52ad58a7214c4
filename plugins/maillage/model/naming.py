"""A card's id, made from its title: what the scaffold and the proposal form both need.

Ids become file names and addresses (``fiches/<id>/``): ASCII, lower case, words joined by
hyphens, as Python-Markdown's slugify makes them, after elisions and ligatures are split.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify

MAX_ID_LENGTH = 80
MAX_ID_WORDS = 6
"""CONTRIBUTING.md asks for an id of three to six words: long enough to say the card, short
enough to type in ``related:`` without a mistake."""
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "'": " ", "’": " "})
_FILLERS = {"le", "la", "les", "l", "un", "une", "d", "des", "du", "au", "aux", "en", "et", "leur", "leurs",
            "son", "sa", "ses", "ce", "cette", "ces", "qui", "que", "se", "s", "y"}
"""Words an id can lose first and still read as the title: articles, elisions, pronouns."""
_WEAK_ENDS = _FILLERS | {"de", "a", "pour", "par", "sur", "avec", "dans", "entre", "sans", "ou"}


def short_words(words: list[str]) -> list[str]:
    """At most :data:`MAX_ID_WORDS` words: fillers out first (the first word stays), then cut,
    never ending on a word that announces another (« de », « pour »)."""
    if sum(len(word) > 1 for word in words) <= MAX_ID_WORDS:  # « l' » and « d' » are not words
        return words
    kept = words[:1] + [word for word in words[1:] if word not in _FILLERS]
    kept = kept[:MAX_ID_WORDS]
    while len(kept) > 1 and kept[-1] in _WEAK_ENDS:
        kept.pop()
    return kept


def card_id(title: str, taken: set[str]) -> str:
    """A slug of the title in at most six words, under 80 characters, made unique with -2, -3…"""
    slug = "-".join(short_words(slugify(title.translate(_LIGATURES), "-").split("-")))
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    slug = slug[:MAX_ID_LENGTH] or "fiche"
    candidate, number = slug, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = slug[: MAX_ID_LENGTH - len(suffix)] + suffix, number + 1
    return candidate
