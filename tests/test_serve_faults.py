"""``mkdocs serve`` under an editor's worst day: a card deleted, renamed, broken in every way, then
fixed. The server never stops, a page it serves is never a stale copy of a card that is gone or
broken, and every page it serves passes the site-wide check (with the livereload snippet)."""

from __future__ import annotations

import urllib.error
import urllib.request

from mkdocs.config import load_config

from conftest import Project
from site_check import Policy, check_page
from serve_support import CARD, wait_for

TITLE = "Choisir un animateur neutre"
PROBLEMS = "Le guide ne se construit pas"
RENAMED = "practices/lancer/choisir-un-animateur-reconnu.yml"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def served_policy(project: Project) -> Policy:
    """What pages may contain, from the configuration as the plugins leave it."""
    config = load_config(str(project.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    return Policy.of(config.plugins.on_config(config), served=True)


def test_deleting_renaming_breaking_and_fixing_a_card(served) -> None:
    project, base, server = served
    policy = served_policy(project)
    old_url, new_url = base + "fiches/choisir-un-animateur/", base + "fiches/choisir-un-animateur-reconnu/"
    text = (project.root / CARD).read_text(encoding="utf-8")

    def shows(url: str, *, status: int = 200, having: str | None = None, lacking: str | None = None) -> bool:
        code, page = get(url)
        return code == status and (having is None or having in page) and (lacking is None or lacking not in page)

    def stage(condition, what: str, *urls: str) -> None:
        wait_for(condition, what)
        assert server.poll() is None, f"le serveur s'est arrêté : {what}"
        for url in (base, base + "lancer/", *urls):
            code, page = get(url)
            if code == 200:
                findings, _ = check_page(page, url.removeprefix(base), policy)
                assert findings == [], (what, findings)

    # Deleted: its address is gone, its section and its neighbour no longer list it.
    project.remove(CARD)
    stage(lambda: shows(old_url, status=404), "la fiche supprimée répond 404")
    assert TITLE not in get(base + "lancer/")[1]
    assert TITLE not in get(base + "fiches/partir-des-objectifs/")[1]

    # Renamed without its id: a problem, shown at the old address, the new one and every other.
    project.write(RENAMED, text)
    stage(lambda: shows(new_url, having=PROBLEMS), "la page des problèmes après renommage", old_url, new_url)
    assert shows(old_url, status=404) or shows(old_url, having=PROBLEMS, lacking=TITLE)
    for url in (new_url, base + "fiches/partir-des-objectifs/"):
        assert shows(url, having=PROBLEMS, lacking=TITLE), url
    assert "choisir-un-animateur-reconnu" in get(base)[1]  # the message names the file

    # Id fixed: the card lives at its new address only.
    project.write(RENAMED, text.replace("id: choisir-un-animateur", "id: choisir-un-animateur-reconnu"))
    stage(lambda: shows(new_url, having=TITLE), "la fiche à sa nouvelle adresse", new_url)
    assert shows(old_url, status=404)
    assert PROBLEMS not in get(base)[1]

    # Broken in turn: a YAML syntax error, bytes that are not UTF-8, an empty file.
    for broken, what in [(text.replace("title: Choisir", 'title: "Choisir'), "guillemet"),
                         ("id: x\ntitle: caf\xe9\n", "octets"), ("", "fichier vide")]:
        if what == "octets":
            (project.root / RENAMED).write_bytes(broken.encode("latin-1"))
        else:
            project.write(RENAMED, broken)
        stage(lambda: shows(new_url, having=PROBLEMS, lacking=TITLE), f"les problèmes ({what})", new_url)
        assert shows(base + "fiches/partir-des-objectifs/", having=PROBLEMS), what

    # Fixed: everything is back, nothing of the problems page stays.
    project.write(RENAMED, text.replace("id: choisir-un-animateur", "id: choisir-un-animateur-reconnu"))
    stage(lambda: shows(new_url, having=TITLE, lacking=PROBLEMS), "le guide rétabli", new_url)
    assert shows(base + "fiches/partir-des-objectifs/", having="Partir des objectifs", lacking=PROBLEMS)
    assert TITLE in get(base + "lancer/")[1]


def test_practices_deleted_then_restored_is_watched_again(served) -> None:
    """The folder's watch dies with the folder: the server notices its return and keeps watching."""
    project, base, server = served
    practices, away = project.root / "practices", project.root / "ailleurs"
    practices.rename(away)
    wait_for(lambda: "le dossier des fiches est introuvable" in get(base)[1], "la page des problèmes sans practices/")
    away.rename(practices)
    wait_for(lambda: TITLE in get(base + "fiches/choisir-un-animateur/")[1], "le guide revenu avec practices/")
    project.write(CARD, (project.root / CARD).read_text(encoding="utf-8").replace(TITLE, "Choisir un animateur reconnu"))
    wait_for(lambda: "Choisir un animateur reconnu" in get(base + "fiches/choisir-un-animateur/")[1],
             "une modification après le retour de practices/")
    assert server.poll() is None
