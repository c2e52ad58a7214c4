"""QR codes to a card's online page, drawn locally at build time with ``segno``.

segno encodes; the SVG is drawn here because segno's own SVG scales with ``viewBox`` and a
``transform`` and paints with ``stroke``, and the sanitiser that every generated page goes
through (rendering/sanitise.py) keeps none of those. Each run of dark modules becomes a
filled rectangle in whole CSS pixels: it survives the sanitiser, needs no stylesheet and
prints at an exact size.

The mask is fixed: letting segno try all eight masks costs five times more (about 5 ms
instead of 1 ms a code, 50 s instead of 10 s for 10,000 cards); any of the eight is a valid
code, and the PDF tests decode every code of a deck with ``zbarimg``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from itertools import groupby

import segno

MODULE_PX = 3
"""Side of one module in CSS pixels (0.8 mm on paper): a card's address gives a code of
29 to 41 modules, 23 to 33 mm wide, which a phone reads at arm's length."""


class QrCodes:
    """Codes already drawn, by address and size: each card is in two decks and in the workshops'
    forms, and the producers that own this (and the plugin that owns them) keep them between
    ``serve`` rebuilds."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, int | None], str] = {}

    def uniform(self, urls: Iterable[str]) -> Callable[[str], str]:
        """A drawer of every code of ``urls`` at one size: the version the longest address needs.
        Each code took the smallest version its address fits, so a deck held codes of two sizes
        (29 and 33 modules). A QR code's capacity depends on its length alone: the longest
        address says the version, without drawing the others."""
        longest = max(urls, key=len, default=None)
        version = int(segno.make_qr(longest, error="m", mask=0, boost_error=False).version) if longest else None

        def draw(url: str) -> str:
            key = (url, version)
            drawn = self._drawn.get(key)
            if drawn is None:
                drawn = self._drawn[key] = qr_svg(url, version)
            return drawn

        return draw


def qr_svg(url: str, version: int | None = None) -> str:
    """The QR code of ``url``; ``version`` (its number of modules) at least the one it needs."""
    code = segno.make_qr(url, error="m", mask=0, boost_error=False, version=version)
    side = code.symbol_size(scale=MODULE_PX, border=0)[0]
    runs = []
    for y, row in enumerate(code.matrix):
        x = 0
        for dark, modules in groupby(row):
            width = len(tuple(modules)) * MODULE_PX
            if dark:
                runs.append(f"M{x} {y * MODULE_PX}h{width}v{MODULE_PX}h-{width}z")
            x += width
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" class="maillage-qr" '
            f'role="img" aria-label="QR code : {html.escape(url)}"><path d="{"".join(runs)}"/></svg>')
