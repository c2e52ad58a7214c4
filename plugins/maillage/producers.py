"""Every producer of generated pages, in the order the plugin runs them.

Add a kind of page by writing a producer (see ``rendering.site.Producer``) and listing it here.
This list sits above the outputs it names (printing, finder), so that none of them, and not
the page sources they build on, depends on another.
"""

from __future__ import annotations

from .diagnostic.pages import diagnostic_pages
from .finder.pages import finder_pages
from .news.pages import news_pages
from .opendata.pages import open_data_pages
from .printing.pages import PrintPages
from .rendering.reference import reference_pages
from .printing.fragments import HtmlCache
from .printing.qr import QrCodes
from .rendering.site import Producer, handbook_pages
from .workshop.pages import WorkshopPages


def producers() -> list[Producer]:
    """A fresh set for a plugin: a producer that keeps something between builds (print pages
    keep their HTML and QR codes under ``serve``) keeps it for that plugin alone."""
    html, qr_codes = HtmlCache(), QrCodes()  # one conversion of a card's print form, for both users
    return [handbook_pages, reference_pages, finder_pages, PrintPages(html, qr_codes), WorkshopPages(html, qr_codes),
            open_data_pages, news_pages, diagnostic_pages]
