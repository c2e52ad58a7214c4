"""Print fragments: what repeats across print pages, turned into HTML once per build.

A card is printed in its section's document, in the whole handbook and in two workshop decks;
a source or a glossary term in every document that cites or uses it. Were each print page one
Markdown document, MkDocs would convert every card four times more, and the whole handbook would
be one huge document (7 MB of HTML at 1,000 cards) parsed in one go. Instead each *fragment*
(a card, a case, a term, a source, a deck face) is written once by its template, converted once
with the site's own Markdown configuration and sanitised once. A print page's own Markdown
holds its cover, its contents and one placeholder per fragment; once MkDocs has rendered it,
the plugin sanitised it and the theme framed it, the ``Assembly`` puts each fragment's HTML in
its place, its tokens filled for the page (links.py: anchors or online addresses, numbers), as
the page is written: the full HTML of the print pages is never held in memory all at once.

A placeholder carries a digest of its fragment's Markdown and of what its tokens become on the
page, so a print page's Markdown changes exactly when its HTML would: incremental rebuilds under
``mkdocs serve`` compare pages' Markdown. The HTML of a fragment is kept from one build to the
next in the same process (``mkdocs serve``), keyed by its Markdown and the site's Markdown
configuration: an edited card is converted again, the others are not.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown

from ..rendering.pages import PageWriter
from ..rendering.memo import Generations
from ..rendering.sanitise import sanitise
from ..rendering.site import Typeset
from ..addresses import print_page
from .documents import Entry, anchor
from .links import CLOSE, OPEN, PART, PrintLinks, Scope, token_names

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from ..model.entries import Source

_PLACEHOLDER = re.compile(f"<p>{OPEN}fragment{PART}([^{OPEN}{CLOSE}]+){CLOSE}</p>")
_MARKDOWN_PLACEHOLDER = re.compile(f"^{OPEN}fragment{PART}([^{OPEN}{CLOSE}]+){CLOSE}$", re.MULTILINE)
_ID = re.compile(r'\sid="([^"]+)"')
_HERE = print_page()
"""Where a fragment's template is written from: it has no page of its own, and every link it
writes is an anchor or a full address, the same from any print page."""


def _digest(text: str, size: int = 16) -> str:
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()


# Text is kept as UTF-8 bytes: a str holding a token's private-use characters takes two bytes a
# character, and at 10,000 cards the fragments' Markdown and HTML are hundreds of megabytes.

@dataclass(frozen=True)
class Fragment:
    source: bytes
    """Its Markdown, in UTF-8."""
    digest: str
    names: tuple[str, ...]
    """Anchors its tokens name: what a page must tell to fill them."""

    @property
    def markdown(self) -> str:
        return self.source.decode()


@dataclass(frozen=True)
class _Html:
    html: bytes
    """Sanitised, its tokens still to fill, in UTF-8."""
    ids: frozenset[str]


class HtmlCache(Generations[_Html]):
    """Fragments' HTML by digest of their Markdown and of the Markdown configuration.

    The print producer owns it and the plugin owns the producer, so it lives as long as the
    plugin: ``mkdocs serve`` converts again only the fragments an edit changed. Started once per
    build with its config: the print pages and the workshops' forms (workshop/pages.py) each
    have an ``Assembly``.
    """


class _Converter:
    """The site's Markdown configuration, as MkDocs renders a page with it, for one build.

    Made when a build renders its first print page, not when the plugin writes the pages: a
    build that renders nothing (the benchmark's baseline) leaves the cache as it is.
    """

    def __init__(self, config: MkDocsConfig, cache: HtmlCache, typeset: Typeset) -> None:
        self._cache = cache
        cache.start_build(config)
        extensions, settings = config.markdown_extensions, config.mdx_configs or {}
        self._markdown = markdown.Markdown(extensions=extensions, extension_configs=settings)
        self._typeset = typeset
        self._configuration = _digest(json.dumps([extensions, settings, typeset.__qualname__], sort_keys=True,
                                                 default=repr))

    def html(self, fragment: Fragment) -> _Html:
        return self._cache.get(fragment.digest + self._configuration, lambda: self._convert(fragment.markdown))

    def _convert(self, text: str) -> _Html:
        # Typeset here, once, rather than on each page that holds it: a fragment is a block of its
        # own, so no line of text runs across its edges.
        html = self._typeset(sanitise(self._markdown.reset().convert(text)))
        return _Html(html.encode(), frozenset(_ID.findall(html)))


class Assembly:
    """The fragments of one build's print pages, and where each page puts them.

    Called as ``assembly(html, page, config)`` with a print page's HTML as the theme wrote it:
    it is the ``finish`` of every print page (rendering/site.py).
    """

    def __init__(self, writer: PageWriter, links: PrintLinks, cache: HtmlCache) -> None:
        self._writer = writer
        self._links = links
        self._cache = cache
        self._fragments: dict[tuple[object, ...], Fragment] = {}
        self._placed: dict[str, tuple[Fragment, Scope]] = {}
        self._converter: _Converter | None = None

    def placer(self, scope: Scope) -> Callable[..., str]:
        """What a print page's template calls as ``fragment(template, entry, **context)``.

        It returns the placeholder to write on a line of its own, between blank lines. The
        fragment is the template written with ``entry``, ``links`` (links.PrintLinks) and
        ``context``, once per build: the same template, entry and context objects give the
        same fragment wherever it is placed.
        """

        def place(template: str, entry: Entry | Source, **context: object) -> str:
            fragment = self._fragment(template, entry, context)
            key = f"{anchor(entry)}{PART}{_digest(fragment.digest + scope.facts(fragment.names), 8)}"
            self._placed[key] = (fragment, scope)
            return f"{OPEN}fragment{PART}{key}{CLOSE}"

        return place

    def __call__(self, html: str, page: Page, config: MkDocsConfig, typeset: Typeset) -> str:
        """A print page's HTML with each placeholder replaced by its fragment, typeset."""
        converter = self._converter = self._converter or _Converter(config, self._cache, typeset)
        anchors = page.present_anchor_ids if page.present_anchor_ids is not None else set()

        def insert(match: re.Match[str]) -> str:
            placed = self._placed.get(match[1])
            if placed is None:
                return match[0]  # not a placeholder this build wrote
            fragment, scope = placed
            rendered = converter.html(fragment)
            anchors.update(rendered.ids)  # MkDocs checks the contents' links against them
            return scope.fill(rendered.html.decode())

        return _PLACEHOLDER.sub(insert, html)

    def markdown(self, text: str) -> str:
        """A print page's Markdown with each fragment's Markdown, filled for the page, in place of
        its placeholder: the page as one Markdown document, as plain MkDocs would have to build
        it (the benchmark's baseline, scripts/benchmarking/baseline.py)."""

        def insert(match: re.Match[str]) -> str:
            fragment, scope = self._placed[match[1]]
            return scope.fill(fragment.markdown, markup=False)

        return _MARKDOWN_PLACEHOLDER.sub(insert, text)

    def _fragment(self, template: str, entry: Entry | Source, context: dict[str, object]) -> Fragment:
        key = (template, anchor(entry), *sorted((name, id(value)) for name, value in context.items()))
        fragment = self._fragments.get(key)
        if fragment is None:
            def write() -> str:
                return self._writer.render_page(template, _HERE, entry=entry, links=self._links, **context)
            settings = _settings(context)
            text = write() if settings is None else self._writer.remembered((template, *settings), entry, write)
            fragment = self._fragments[key] = Fragment(text.encode(), _digest(text), tuple(token_names(text)))
        return fragment


def _settings(context: dict[str, object]) -> list[str] | None:
    """The context of a fragment as text that says what its template reads of it, or None when a
    value cannot say it (the QR codes' drawer). A chapter or a section says its plain fields:
    a fragment prints its chapter's title, never the chapter's other entries."""
    if not all(dataclasses.is_dataclass(value) for value in context.values()):
        return None
    return [f"{name}={type(value).__name__}{_plain_fields(value)!r}" for name, value in sorted(context.items())]


def _plain_fields(value: object) -> tuple[object, ...]:
    fields = (getattr(value, field.name) for field in dataclasses.fields(value))  # type: ignore[arg-type]
    return tuple(field for field in fields if isinstance(field, (str, int, float, bool, type(None))))
