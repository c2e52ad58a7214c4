"""The finder's page, its data file and its text files, added to the site like any generated page."""

from __future__ import annotations

from collections.abc import Iterator

from ..addresses import FINDER as FINDER_URI
from ..addresses import FINDER_DATA as DATA_URI
from ..model.handbook import Handbook
from ..rendering.pages import PageWriter
from ..rendering.site import GeneratedPage, IntroLookup
from .data import finder_data, finder_texts_files


def finder_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    text, edit = intro(FINDER_URI)
    sections = [(section, len(handbook.section_cards(section))) for section in handbook.sections]
    yield GeneratedPage(FINDER_URI, writer.render_page("finder.md.j2", FINDER_URI, intro=text, sections=sections),
                        edit, in_nav=True)
    yield GeneratedPage(DATA_URI, finder_data(handbook), carries_editor_text=False)
    for uri, content in finder_texts_files(handbook, writer.typeset_text):
        yield GeneratedPage(uri, content, carries_editor_text=False)
