"""Markdown sources of every generated page, written from the model through templates."""

from __future__ import annotations

import posixpath
from functools import lru_cache

import jinja2
import yaml

from ..model.entries import Card, Case, Section
from ..model.handbook import Handbook
from ..validation.schemas import SchemaSet

CASES_URI = "experiences/index.md"
GLOSSARY_URI = "glossaire/index.md"
SOURCES_URI = "sources/index.md"


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: object, anchor: str = "") -> str:
    """Relative link from the page being written to a model object or a docs path."""
    uri = target if isinstance(target, str) else target.src_uri  # type: ignore[attr-defined]
    return _relative(uri, posixpath.dirname(context["here"]) or ".") + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)
def _relative(uri: str, folder: str) -> str:
    """``posixpath.relpath``, remembered: 1,000 cards ask 20,000 times, for a few folders."""
    return posixpath.relpath(uri, folder)


class TemplateFailure(Exception):
    """A template could not render a page; the plugin reports it as a build error."""


class PageWriter:
    """One method per kind of page; each returns the page's Markdown with front matter."""

    def __init__(self, handbook: Handbook, environment: jinja2.Environment, schemas: SchemaSet, *,
                 abbreviations: bool = True) -> None:
        self.handbook = handbook
        self.environment = environment
        self.schemas = schemas
        environment.filters["href"] = _href
        environment.globals.update(
            vocabulary=handbook.vocabulary,
            sources_uri=SOURCES_URI,
            glossary_uri=GLOSSARY_URI,
            cases_uri=CASES_URI,
        )
        # Longest first, so that "pôle de compétitivité" is tried before "pôle".
        terms = sorted(handbook.terms.values(), key=lambda term: -len(term.term)) if abbreviations else []
        self._abbreviations = [(term.term, f"*[{term.term}]: {' '.join(term.tooltip.split())}") for term in terms]

    def card(self, card: Card) -> str:
        body = self._render("card.md.j2", card.src_uri, card=card)
        meta = {"title": card.title, "description": card.summary,
                "tags": [self.handbook.vocabulary.themes[theme] for theme in card.themes]}
        return _front_matter(meta) + body + self._abbreviation_block(body)

    def case(self, case: Case) -> str:
        body = self._render("case.md.j2", case.src_uri, case=case)
        return _front_matter({"title": case.title, "description": case.summary}) + body + self._abbreviation_block(body)

    def section(self, section: Section, intro: str | None) -> str:
        return self._render("section.md.j2", section.src_uri, section=section, intro=intro,
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
            line = f", ligne {error.lineno}" if getattr(error, "lineno", None) else ""
            raise TemplateFailure(f"gabarit {template}{line} : {error.message or error}") from error

    def _abbreviation_block(self, body: str) -> str:
        """Definitions for the glossary terms this page uses, read by the ``abbr`` extension."""
        used = [line for term, line in self._abbreviations if term in body]
        return ("\n" + "\n".join(used) + "\n") if used else ""


def _front_matter(meta: dict[str, object]) -> str:
    # libyaml's emitter: PyYAML's own takes a second and a half for a thousand cards.
    return "---\n" + yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                               width=10_000) + "---\n\n"
