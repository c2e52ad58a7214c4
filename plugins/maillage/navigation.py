"""The section a card or case page belongs to, highlighted in the site's navigation.

Card and case pages are outside the navigation (one entry per section, not per card), so the
theme highlighted nothing there and readers lost where they were. While such a page is
rendered, its section's page is marked active, as MkDocs marks the current page: the theme
highlights it and opens its parents; it is unmarked once the page is written.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .addresses import CASES_INDEX, page
from .model.handbook import Handbook


class SectionHighlight:
    def __init__(self) -> None:
        self.section_of: dict[str, str] = {}
        """src_uri of each card and case page → src_uri of its section's page."""
        self._lit: Page | None = None

    def plan(self, handbook: Handbook) -> None:
        self.section_of = {page(card): page(card.section) for card in handbook.cards.values() if card.section}
        self.section_of.update({page(case): CASES_INDEX for case in handbook.cases.values()})

    def light(self, page: Page, nav: Navigation) -> None:
        """Mark active the section page of ``page``, if it is a card or a case."""
        self.dim()
        section = self.section_of.get(page.file.src_uri)
        if section is None:
            return
        self._lit = next((item for item in nav.pages if item.file.src_uri == section), None)
        if self._lit is not None:
            self._lit.active = True

    def dim(self) -> None:
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
