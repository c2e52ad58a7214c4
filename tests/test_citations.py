"""How the real handbook's pages cite their sources: each source once per card, a title the
editors restored shown without its brackets and said to be restored."""

from __future__ import annotations

import html
import re
from maillage.addresses import address
from pathlib import Path

from maillage.model.handbook import Handbook


def cited_links(page_html: str, heading_id: str) -> list[str]:
    """The text of each link listed under the heading ``heading_id``."""
    after = page_html.split(f'id="{heading_id}"', 1)[1].split("</ul>", 1)[0]
    return [html.unescape(re.sub(r"<[^>]+>", "", text))
            for attributes, text in re.findall(r"<a ([^>]*)>(.*?)</a>", after, re.S) if "headerlink" not in attributes]


def test_a_card_cites_each_source_once_without_brackets(real_site: Path, handbook: Handbook) -> None:  # noqa: F811
    restored = {source.id for source in handbook.sources.values() if source.title.startswith("[")}
    assert restored, "the handbook has restored titles"
    several = [card for card in handbook.cards.values()
               if len([citation for citation in card.sources if citation.ref in restored]) >= 2]
    assert several
    for card in several:
        page = (real_site / address(card) / "index.html").read_text(encoding="utf-8")
        links = cited_links(page, "sources")
        assert len(links) == len({citation.ref for citation in card.sources}), card.id
        assert not [link for link in links if "[" in link or "]" in link], card.id
        assert "(titre restitué)" in page.split('id="sources"', 1)[1], card.id
        printed = (real_site / "imprimer" / card.section.slug / "index.html").read_text(encoding="utf-8")
        print_links = cited_links(printed, f"sources_fiche-{card.id}")
        assert len(print_links) == len({citation.ref for citation in card.sources}), card.id
        assert not [link for link in print_links if "[" in link], card.id
