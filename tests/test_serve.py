"""``mkdocs serve`` on a fixture handbook: edits show up, a broken card shows its problem, and
fixing it brings the handbook back, without the server ever stopping."""

from __future__ import annotations

from serve_support import CARD, fetch, wait_for

def test_serve_rebuilds_shows_problems_and_recovers(served) -> None:
    project, base, server = served
    page = base + "fiches/choisir-un-animateur/"
    original = (project.root / CARD).read_text(encoding="utf-8")

    project.write(CARD, original.replace("Choisir un animateur neutre", "Choisir un animateur indépendant"))
    wait_for(lambda: "Choisir un animateur indépendant" in fetch(page), "la modification servie")

    project.write(CARD, original.replace("kind: practice", "kind: pratique"))
    wait_for(lambda: "Le guide ne se construit pas" in fetch(base), "la page des problèmes")
    assert "kind: pratique" not in fetch(page) and "Le guide ne se construit pas" in fetch(page)
    assert "Choisir un animateur" not in fetch(page), "an old page must never be served as current"
    assert server.poll() is None

    project.write(CARD, original)
    wait_for(lambda: "Choisir un animateur neutre" in fetch(page), "le guide rétabli")
    assert "Le guide ne se construit pas" not in fetch(base)
    assert server.poll() is None
