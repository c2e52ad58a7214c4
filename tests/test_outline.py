"""How make pdf reads a print page's contents and a deck's cards (printing/outline.py), and the
table that names the cards among Pagefind's results (search/cards.py): unit tests, no browser."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from maillage.printing.outline import Entry, anchors, contents, numbers_fragment
from maillage.search.cards import SIGNATURE, TABLE, write_card_table

PAGE = """<article><div class="maillage-print-cover">…</div>
<div class="maillage-print-contents">
<h2 id="sommaire">Sommaire<a class="headerlink" href="#sommaire">¶</a></h2>
<h3 id="sommaire-lancer">Lancer un réseau<a class="headerlink" href="#sommaire-lancer">¶</a></h3>
<ul><li><a href="#fiche-a">Fiche 1 · L&#39;enjeu &lt;commun&gt;</a></li>
<li><a href="#fiche-b">Fiche 2 · Démarrer
 petit</a></li></ul>
<div class="maillage-print-contents__terms"><ul><li><a href="#terme-pme">PME</a></li></ul></div>
<h3 id="sommaire-annexes">Annexes<a class="headerlink" href="#sommaire-annexes">¶</a></h3>
<ul><li><a href="#sources">Sources citées</a></li></ul>
</div>
<p><a href="#fiche-a">not in the contents</a></p></article>"""


def test_the_contents_are_read_as_the_reader_sees_them() -> None:
    entries = contents(PAGE)
    assert [(entry.title, entry.anchor) for entry in entries] == [("Lancer un réseau", None), ("Annexes", None)]
    assert [(entry.title, entry.anchor) for entry in entries[0].children] == [
        ("Fiche 1 · L'enjeu <commun>", "fiche-a"), ("Fiche 2 · Démarrer petit", "fiche-b"), ("PME", "terme-pme")]
    assert anchors(entries) == ["fiche-a", "fiche-b", "terme-pme", "sources"]


def test_the_page_numbers_travel_as_anchors_and_digits_only() -> None:
    entries = [Entry("Fiche 1", "fiche-a"), Entry("Annexes", None, [Entry("Sources", "sources")])]
    assert numbers_fragment(entries, {"fiche-a": 3, "sources": 12, "ailleurs": 5}) == "#maillage-pages=fiche-a:3,sources:12"
    assert numbers_fragment(entries, {}) == ""


def test_the_card_table_names_card_pages_only(tmp_path: Path) -> None:
    fragments = tmp_path / "fragment"
    fragments.mkdir()
    for name, url in (("fr_1", "/fiches/une-fiche/"), ("fr_2", "/lancer/"), ("fr_3", "/fiches/une-fiche/annexe/")):
        data = SIGNATURE + json.dumps({"url": url}).encode()
        (fragments / f"{name}.pf_fragment").write_bytes(gzip.compress(data))
    (fragments / "fr_4.pf_fragment").write_bytes(gzip.compress(b"something else"))
    assert write_card_table(tmp_path) == 1
    assert json.loads((tmp_path / TABLE).read_text(encoding="utf-8")) == {"fr_1": "une-fiche"}
