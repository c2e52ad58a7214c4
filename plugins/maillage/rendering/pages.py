"""Markdown sources of every generated page, written from the model through templates."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import jinja2
import yaml

from .. import addresses
from ..addresses import CASES_INDEX as CASES_URI
from ..addresses import GLOSSARY as GLOSSARY_URI
from ..addresses import SOURCES as SOURCES_URI
from ..kinds import Section
from ..model.entries import Card, Case, Entry
from ..model.fingerprints import Fingerprints
from ..model.glossary import TermIndex
from ..model.handbook import Handbook
from ..validation.schemas import SchemaSet
from .memo import Generations


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: addresses.Entry | Section | str, anchor: str = "") -> str:
    """Relative link from the page being written to a model object or a page of the site."""
    return addresses.relative(addresses.page(target), context["here"]) + (f"#{anchor}" if anchor else "")


class TemplateFailure(Exception):
    """A template could not render a page; the plugin reports it as a build error."""


class PageWriter:
    """One method per kind of page; each returns the page's Markdown with front matter."""

    def __init__(self, handbook: Handbook, environment: jinja2.Environment, schemas: SchemaSet, *,
                 abbreviations: bool = True, memo: Generations[str] | None = None,
                 typeset_text: Callable[[str], str] = str) -> None:
        self.handbook = handbook
        self.typeset_text = typeset_text
        """French spacing for text that scripts put in pages (JSON), which skips the built pages' own."""
        self.memo = memo
        """Under ``mkdocs serve``: what the previous build wrote from an entry, by its inputs."""
        self.fingerprints = Fingerprints(handbook) if memo is not None else None
        self.environment = environment
        self.schemas = schemas
        environment.filters["href"] = _href
        environment.globals.update(
            vocabulary=handbook.vocabulary,
            sources_uri=SOURCES_URI,
            glossary_uri=GLOSSARY_URI,
            cases_uri=CASES_URI,
            print_page=addresses.print_page,
            deck_page=addresses.deck_page,
        )
        # Longest first, so that "pôle de compétitivité" is tried before "pôle".
        terms = sorted(handbook.terms.values(), key=lambda term: -len(term.term)) if abbreviations else []
        self._abbreviations = [(term, f"*[{term.term}]: {' '.join(term.tooltip.split())}") for term in terms]
        self._terms = TermIndex(terms)

    def card(self, card: Card) -> str:
        def write() -> str:
            body = self._render("card.md.j2", addresses.page(card), card=card)
            meta = {"title": card.title, "description": card.summary,
                    "tags": [self.handbook.vocabulary.themes[theme] for theme in card.themes]}
            return front_matter(meta) + body + self._abbreviation_block(body)
        return self.remembered(("card.md.j2",), card, write)

    def case(self, case: Case) -> str:
        def write() -> str:
            body = self._render("case.md.j2", addresses.page(case), case=case)
            return (front_matter({"title": case.title, "description": case.summary}) + body
                    + self._abbreviation_block(body))
        return self.remembered(("case.md.j2",), case, write)

    def remembered(self, key: tuple[str, ...], entry: Entry, write: Callable[[], str]) -> str:
        """``write()``, or what it returned in the previous build for the same ``key`` and the
        same inputs of ``entry``: everything a template written from one entry reads (see
        model/fingerprints.py), with ``key`` naming the template and any other context."""
        if self.memo is None or self.fingerprints is None:
            return write()
        return self.memo.get("\0".join((*key, type(entry).__name__, entry.id, self.fingerprints.inputs(entry))), write)

    def section(self, section: Section, intro: str | None) -> str:
        return self._render("section.md.j2", addresses.page(section), section=section, intro=intro,
                            groups=self.handbook.groups[section.slug])

    def cases_index(self, intro: str | None) -> str:
        return self._render("cases.md.j2", CASES_URI, intro=intro, cases=self.handbook.ordered_cases())

    def glossary(self, intro: str | None) -> str:
        return self._render("glossary.md.j2", GLOSSARY_URI, intro=intro, terms=self.handbook.ordered_terms())

    def sources(self, intro: str | None) -> str:
        return self._render("sources.md.j2", SOURCES_URI, intro=intro, sources=self.handbook.ordered_sources())

    def render_page(self, template: str, here: str, **context: object) -> str:
        """Any other page a producer adds: the template gets ``here`` and the handbook too."""
        return self._render(template, here, **context)

    def _render(self, template: str, here: str, **context: object) -> str:
        try:
            return self.environment.get_template(template).render(here=here, handbook=self.handbook, **context)
        except jinja2.TemplateError as error:
            # A site's overriding template is code too: name it and the line, no traceback.
            number = getattr(error, "lineno", None)
            line = f", ligne {number}" if number else ""
            raise TemplateFailure(f"gabarit {template}{line} : {error.message or error}") from error

    def _abbreviation_block(self, body: str) -> str:
        """Definitions for the glossary terms this page uses, read by the ``abbr`` extension."""
        found = self._terms.found_in(body)
        used = [line for term, line in self._abbreviations if term in found]
        return ("\n" + "\n".join(used) + "\n") if used else ""


def front_matter(meta: Mapping[str, object]) -> str:
    # libyaml's emitter: PyYAML's own takes a second and a half for a thousand cards.
    return "---\n" + yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                               width=10_000) + "---\n\n"
