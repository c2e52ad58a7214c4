"""Every page the plugin adds to the site, as a list of ``GeneratedPage``.

Each producer takes the handbook, the page writer and a way to fetch a hand-written
introduction from ``docs/``; the plugin adds whatever the producers yield. A new kind of
page (print documents, the finder) is a new producer, not a change to the plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..addresses import page
from ..model.handbook import Handbook
from .pages import CASES_URI, GLOSSARY_URI, SOURCES_URI, PageWriter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

IntroLookup = Callable[[str], tuple[str | None, str | None]]
"""``src_uri`` → (hand-written Markdown to put first, path of its file for the edit link)."""
Typeset = Callable[[str], str]
"""The last step on a page's HTML (French typography, rendering/typography.py), or none."""
Finish = Callable[[str, "Page", "MkDocsConfig", Typeset], str]
"""(a page's HTML as the theme wrote it, already typeset, the page, the config, the typesetting)
→ its final HTML, as ``on_post_page``. What it inserts it typesets itself, once for every page
that inserts it: the print pages hold the whole handbook several times over."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str
    edit_path: str | None = None
    """The file an editor changes to change this page (YAML or docs/ Markdown)."""
    in_nav: bool = False
    carries_editor_text: bool = True
    """Its HTML is sanitised: text from editors' files is rendered into it."""
    finish: Finish | None = None
    """Completes its HTML page once MkDocs has rendered it, the plugin sanitised it and the theme
    framed it: print pages put in the parts they share with other pages, rendered and sanitised
    once (printing/fragments.py)."""


Producer = Callable[[Handbook, PageWriter, IntroLookup], Iterator[GeneratedPage]]


def handbook_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    for card in handbook.cards.values():
        yield GeneratedPage(page(card), writer.card(card), card.source_file)
    for case in handbook.cases.values():
        yield GeneratedPage(page(case), writer.case(case), case.source_file)
    for section in handbook.sections:
        text, edit = intro(page(section))
        yield GeneratedPage(page(section), writer.section(section, text), edit, in_nav=True)
    for uri, write in ((CASES_URI, writer.cases_index), (GLOSSARY_URI, writer.glossary),
                       (SOURCES_URI, writer.sources)):
        text, edit = intro(uri)
        yield GeneratedPage(uri, write(text), edit, in_nav=True)

# The list of producers the plugin runs is in producers.py, above every output it names.
