"""Second line of defence: an allow-list over the HTML that generated pages produce.

The validator already refuses raw HTML, unsafe links, attribute lists, headings and admonitions
in card text; this pass removes any element or attribute outside what Markdown and our templates
legitimately emit, so a gap in a regular expression never reaches a reader. nh3 (Rust's
ammonia) does it in microseconds. Classes and ids are filtered too: the theme's scripts and
styles find their elements by them, so a class such as ``md-dialog`` (a full-page overlay) or
an id such as ``__search`` (the search box) must never come from a page's content.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "mark", "nav", "ol", "p", "pre", "section",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul", "svg", "path",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "role", "aria-label", "aria-hidden"},
    "a": {"href", "data-pagefind-meta"},  # what the search shows of a card (templates/card.md.j2)
    "details": {"open"},
    "ol": {"start"},
    "p": {"data-pagefind-meta"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "svg": {"xmlns", "viewBox", "width", "height"},  # SVG keeps its camelCase names
    "path": {"d"},
}


CONTENT_CLASSES = frozenset({
    "admonition", "admonition-title", "headerlink", "twemoji", "md-button", "md-button--primary",
    # Material's admonition types, which the templates may use
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
    "example", "quote",
})
"""Classes of Markdown's extensions and of the templates; ours all start with ``maillage-``."""
_OWN_CLASS = re.compile(r"maillage-[a-z0-9_-]+")
_CONTENT_ID = re.compile(r"[a-z0-9][a-z0-9_.:-]*")
FRAME_IDS = frozenset({"maillage-search-results"})
"""Ids of the page's frame (the theme's own all start with ``_``): never in its content."""


def _keep(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [name for name in value.split() if name in CONTENT_CLASSES or _OWN_CLASS.fullmatch(name)]
        return " ".join(kept) or None
    if attribute == "id":
        return value if _CONTENT_ID.fullmatch(value) and value not in FRAME_IDS else None
    return value


def sanitise(page_html: str) -> str:
    return nh3.clean(
        page_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
