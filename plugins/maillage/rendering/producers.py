"""Every producer of generated pages, in the order the plugin runs them.

Add a kind of page by writing a producer (see ``site.Producer``) and listing it here.
"""

from __future__ import annotations

from ..finder.pages import finder_pages
from ..printing.pages import print_pages
from .reference import reference_pages
from .site import Producer, handbook_pages
from ..workshop.pages import workshop_pages

PRODUCERS: list[Producer] = [handbook_pages, reference_pages, finder_pages, print_pages, workshop_pages]
