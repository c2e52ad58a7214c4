"""The diagnostics' pages and data, added to the site like any generated page."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..addresses import DIAGNOSTICS, FINDER, WORKSHOP, page
from ..model.handbook import Handbook
from ..rendering.pages import PageWriter, front_matter
from ..rendering.site import GeneratedPage, IntroLookup
from .data import ANSWERS, diagnostic_data


def diagnostic_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    diagnostics = handbook.ordered_diagnostics()
    text, edit = intro(DIAGNOSTICS)
    yield GeneratedPage(DIAGNOSTICS, writer.render_page("diagnostics.md.j2", DIAGNOSTICS, intro=text,
                                                        diagnostics=diagnostics), edit, in_nav=True)
    labels = _importance_labels(writer)
    for diagnostic in diagnostics:
        here = page(diagnostic)
        cards = list({card.id: card for question in diagnostic.questions for card in question.cards}.values())
        meta = front_matter({"title": f"Autodiagnostic : {diagnostic.title}", "description": diagnostic.summary,
                             "search": {"exclude": True}, "hide": ["toc"]})
        yield GeneratedPage(here, meta + writer.render_page("diagnostic.md.j2", here, diagnostic=diagnostic, cards=cards,
                                                     answers=[label for _, label, _ in ANSWERS],
                                                     importance=labels, finder=FINDER, workshop=WORKSHOP),
                            diagnostic.source_file)
        yield GeneratedPage(posixpath.join(posixpath.dirname(here), "questions.json"), diagnostic_data(diagnostic),
                            carries_editor_text=False)


def _importance_labels(writer: PageWriter) -> dict[str, str]:
    """The French labels of a question's importance, from the schema (``x-labels``)."""
    question = writer.schemas.schema("diagnostic")["$defs"]["question"]
    return dict(question["properties"]["importance"].get("x-labels", {}))
