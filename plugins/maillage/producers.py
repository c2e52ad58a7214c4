"""Every producer of generated pages, in the order the plugin runs them.

Add a kind of page by writing a producer (see ``rendering.site.Producer``) and listing it here.
This list sits above the outputs it names (printing, finder), so that none of them, and not
the page sources they build on, depends on another.
"""

from __future__ import annotations

from .finder.pages import finder_pages
from .printing.pages import print_pages
from .rendering.reference import reference_pages
from .rendering.site import Producer, handbook_pages

PRODUCERS: list[Producer] = [handbook_pages, reference_pages, finder_pages, print_pages]
