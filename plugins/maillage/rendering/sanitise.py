"""Second line of defence: an allow-list over the HTML that generated pages produce.

The validator already refuses raw HTML and unsafe links in card text; this pass removes any
element or attribute outside what Markdown and our templates legitimately emit, so a gap in
a regular expression never reaches a reader. nh3 (Rust's ammonia) does it in microseconds.
"""

from __future__ import annotations

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


def sanitise(page_html: str) -> str:
    return nh3.clean(
        page_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
