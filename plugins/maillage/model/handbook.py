"""The whole handbook: every entry, resolved links, sections in reading order.

Built once per build from validated data. Links are resolved in one pass that first reads the
forward links (``related``, ``cases``, ``sources``) and then derives every backlink from
them, so that no template ever has to search the collection.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..kinds import SECTIONS, Section
from ..loading.changelog import Changelog
from .entries import Card, Case, Diagnostic, Source, Term
from .vocabulary import Vocabulary


_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Unicode's blocks of combining diacritical marks: every accent of a Latin, Greek or Cyrillic
letter once decomposed. One regular expression removes them several times faster than asking
``unicodedata.combining`` about each character, which every sort of 10,000 titles used to do."""


def sort_key(text: str) -> str:
    """French alphabetical order without a locale: accents and case ignored."""
    return _DIACRITICS.sub("", unicodedata.normalize("NFD", text)).casefold()


@dataclass(frozen=True)
class Group:
    """Cards of a section that share their main theme."""

    title: str
    cards: tuple[Card, ...]


@dataclass
class Handbook:
    cards: dict[str, Card]
    cases: dict[str, Case]
    sources: dict[str, Source]
    terms: dict[str, Term]
    vocabulary: Vocabulary
    groups: dict[str, tuple[Group, ...]] = field(default_factory=dict)
    """Per section slug, its cards grouped by main theme: the section's reading order."""
    diagnostics: dict[str, Diagnostic] = field(default_factory=dict)
    changelog: Changelog | None = None
    """The content's git history, read once per build (loading/changelog.py)."""

    @classmethod
    def build(cls, entries: Iterable[Card | Case | Source | Term | Diagnostic], vocabulary: Vocabulary) -> Handbook:
        handbook = cls({}, {}, {}, {}, vocabulary)
        collections: dict[str, dict] = {"card": handbook.cards, "case": handbook.cases,
                                        "source": handbook.sources, "term": handbook.terms,
                                        "diagnostic": handbook.diagnostics}
        for entry in entries:
            collections[entry.KIND][entry.id] = entry
        handbook._resolve_links()
        handbook._order_sections()
        return handbook

    @property
    def sections(self) -> tuple[Section, ...]:
        return SECTIONS

    def section_cards(self, section: Section) -> list[Card]:
        return [card for group in self.groups[section.slug] for card in group.cards]

    def ordered_cases(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda case: (case.scope != "france", sort_key(case.title)))

    def ordered_terms(self) -> list[Term]:
        return sorted(self.terms.values(), key=lambda term: sort_key(term.term))

    def ordered_diagnostics(self) -> list[Diagnostic]:
        return sorted(self.diagnostics.values(), key=lambda diagnostic: (diagnostic.order, sort_key(diagnostic.title)))

    def ordered_sources(self) -> list[Source]:
        return sorted(self.sources.values(), key=lambda source: sort_key(source.title))

    def _resolve_links(self) -> None:
        for source in self.sources.values():
            source.cited_by = []
        for case in self.cases.values():
            case.illustrates = []
        for card in self.cards.values():
            card.referenced_by = []
        for card in sorted(self.cards.values(), key=lambda card: sort_key(card.title)):
            card.related = [self.cards[ref] for ref in card.related_ids]
            card.cases = [self.cases[ref] for ref in card.case_ids]
            for other in card.related:
                other.referenced_by.append(card)
            for case in card.cases:
                case.illustrates.append(card)
        cited: list[Card | Case] = [*self.cards.values(), *self.cases.values()]
        for item in cited:
            item.sources = [
                type(citation)(citation.ref, citation.locator, self.sources[citation.ref])
                for citation in item.sources
            ]
            # Once per source even when cited at two places; a list scan here would make a
            # source cited by every card quadratic.
            for cited_source in {id(citation.source): citation.source for citation in item.sources}.values():
                if cited_source is not None:  # set just above, from the validated references
                    cited_source.cited_by.append(item)
        for term in self.terms.values():
            term.see_also = [self.terms[ref] for ref in term.see_also_ids]
        for diagnostic in self.diagnostics.values():
            for question in diagnostic.questions:
                question.cards = [self.cards[ref] for ref in question.card_ids]
                question.sources = [type(citation)(citation.ref, citation.locator, self.sources[citation.ref])
                                    for citation in question.sources]

    def _order_sections(self) -> None:
        theme_order = {theme: rank for rank, theme in enumerate(self.vocabulary.themes)}
        for section in SECTIONS:
            members = [card for card in self.cards.values() if section.holds(card)]
            by_theme: dict[str, list[Card]] = {}
            for card in members:
                card.section = section
                main_theme = card.themes[0] if card.themes else ""
                by_theme.setdefault(main_theme, []).append(card)
            groups = tuple(
                Group(self.vocabulary.themes.get(theme, "Autres fiches"),
                      tuple(sorted(cards, key=lambda card: sort_key(card.title))))
                for theme, cards in sorted(by_theme.items(), key=lambda item: theme_order.get(item[0], len(theme_order)))
            )
            self.groups[section.slug] = groups
            ordered = [card for group in groups for card in group.cards]
            for before, after in zip(ordered, ordered[1:]):
                before.next, after.previous = after, before
