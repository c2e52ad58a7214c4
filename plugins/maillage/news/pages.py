"""The « Nouveautés » page and its Atom feed, added to the site like any generated page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..addresses import NEWS, NEWS_FEED, address
from ..model.handbook import Handbook
from ..rendering.pages import PageWriter
from ..rendering.site import GeneratedPage, IntroLookup
from .changes import FEED_LIMIT, news
from .feed import atom_feed

FEED_TITLE = "Maillage — nouveautés du guide"


def news_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    changelog = handbook.changelog
    unavailable = changelog.unavailable if changelog is not None else "l'historique du guide n'a pas été lu."
    items = news(handbook, changelog)
    text, edit = intro(NEWS)
    yield GeneratedPage(NEWS, writer.render_page("news.md.j2", NEWS, intro=text, items=items,
                                                 unavailable=unavailable), edit, in_nav=True,
                        finish=_announce_feed)
    # Feed readers need absolute addresses: the site's own when mkdocs.yml gives one.
    base = str(writer.environment.globals.get("site_url") or "")
    entry_url = {f"{entry.KIND}:{entry.id}": base + address(entry)
                 for entry in [*handbook.cards.values(), *handbook.cases.values()]}
    feed = atom_feed(items[:FEED_LIMIT], title=FEED_TITLE, page_url=base + address(NEWS),
                     feed_url=base + NEWS_FEED, entry_url=entry_url,
                     subtitle=f"Historique indisponible : {unavailable}" if unavailable else None)
    yield GeneratedPage(NEWS_FEED, feed, carries_editor_text=False)


FEED_LINK = f'<link rel="alternate" type="application/atom+xml" title="{FEED_TITLE}" href="flux.xml">'
"""Lets a browser or a feed reader given the page's address find the feed (next to the page
in both URL styles)."""


def _announce_feed(html: str, page: Any, config: Any, typeset: Any) -> str:
    return html.replace("</head>", FEED_LINK + "\n</head>", 1)
