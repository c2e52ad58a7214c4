"""When the sources of a card or case were written, and numbers as French readers write them.

A professional citing the handbook needs to see at a glance that a piece of advice rests on a
1999 report or a 2021 study: the card says it near its top (``source_years``) and each line of
its sources ends with the year (``source_year``). A year the document does not print, inferred
from its content (``year_approximate``), reads "vers 1999".
"""

from __future__ import annotations

from babel.numbers import format_decimal

from ..model.entries import Card, Case, Source


def source_year(source: Source | None) -> str:
    """``1999``, ``vers 1999``, or an empty string for a source without a year."""
    if source is None or source.year is None:
        return ""
    return f"vers {source.year}" if source.year_approximate else str(source.year)


def source_years(entry: Card | Case) -> str:
    """The years of the sources an entry cites, oldest first: ``1999, vers 2008 et 2021``.

    Undated sources are counted at the end (``1999 et une source non datée``); empty when the
    entry cites no source at all (the schema requires one)."""
    sources = list({id(citation.source): citation.source for citation in entry.sources
                    if citation.source is not None}.values())
    dated = sorted({(source.year, source.year_approximate) for source in sources if source.year is not None})
    # The same year, exact and approximate: the exact one is enough.
    exact = {year for year, approximate in dated if not approximate}
    labels = [f"vers {year}" if approximate else str(year) for year, approximate in dated
              if not (approximate and year in exact)]
    undated = sum(1 for source in sources if source.year is None)
    if undated:
        labels.append("une source non datée" if undated == 1 else f"{undated} sources non datées")
    return french_list(labels)


def french_list(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1] if items else ""


def number(value: int | float) -> str:
    """``13500`` → ``13 500``, with the narrow no-break space French uses between thousands."""
    return format_decimal(value, locale="fr_FR")
