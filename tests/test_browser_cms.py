"""Door 2 end to end: the real Decap CMS, served from the session's build of the handbook, in a
real Chromium, against decap-server (the local backend, a git working copy of the handbook); an
editor creates a card through the form, it goes through the editorial workflow (draft branch,
ready, publish), and the file that lands in practices/ passes the validator and is published by
a build of that copy.

One CMS session for the whole test: it is the slowest thing the suite does in a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from browser_support import chromium_page, needs_chromium, overlay, serve_directory
from serve_support import free_port, wait_for
from cms_support import DECAP_SERVER, NODE, NODE_MODULES, needs_cms
from conftest import ROOT
from maillage.pipeline import load_handbook

pytestmark = [needs_chromium, needs_cms]

PROJECT_FILES = ("mkdocs.yml", "README.md", "CONTRIBUTING.md", "docs", "practices", "plugins")
SCREENSHOTS = os.environ.get("MAILLAGE_SCREENSHOTS")
"""A folder: the test also saves the editor's screenshots there (docs/assets/ for the README)."""


def copy_project(target: Path) -> Path:
    """The handbook in a fresh git repository: decap-server commits and branches there."""
    target.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(NODE_MODULES)
    (target / ".gitignore").write_text("node_modules\nsite\n", encoding="utf-8")
    git = ["git", "-c", "user.name=Essai", "-c", "user.email=essai@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "copie"], cwd=target, check=True)
    return target


def build_site(project: Path, site: Path) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site


def git(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *arguments], cwd=project, capture_output=True, text=True)


def committed(project: Path, branch: str, relative: str) -> bool:
    return git(project, "cat-file", "-e", f"{branch}:{relative}").returncode == 0


def on_main(project: Path) -> bool:
    return git(project, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "main"


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def site_with_backend(real_site: Path, folder: Path, port: int) -> Path:
    """The session's build of the handbook (the copy's files are the same, so is its build),
    its editor told to find decap-server on ``port`` rather than 8081, without writing into the
    build that other tests read."""
    site = overlay(real_site, folder)
    (site / "admin").unlink()
    overlay(real_site / "admin", site / "admin")
    settings = site / "admin" / "config.yml"
    config = yaml.safe_load(settings.read_text(encoding="utf-8"))
    assert config["local_backend"] is True and config["publish_mode"] == "editorial_workflow"
    config["local_backend"] = {"url": f"http://localhost:{port}/api/v1"}
    settings.unlink()  # a link into the shared build: replaced, never written through
    settings.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return site


def test_an_editor_creates_a_card_in_the_web_editor(real_site: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    port = free_port()
    site = site_with_backend(real_site, tmp_path / "site", port)

    server = subprocess.Popen([NODE, str(DECAP_SERVER)], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "GIT_REPO_DIRECTORY": str(project), "MODE": "git",
                                   "PORT": str(port), "BIND_HOST": "127.0.0.1"})
    relative = "practices/lancer/tenir-un-calendrier-des-rencontres.yml"
    card = project / relative
    try:
        wait_for(lambda: listening(port) or server.poll() is not None, "decap-server à l'écoute")
        assert server.poll() is None, server.stdout.read() if server.stdout else ""
        with serve_directory(site) as address, chromium_page(1280, 1300) as page:
            # Decap uses the local backend only on localhost, as on an editor's machine.
            address = address.replace("127.0.0.1", "localhost")
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("dialog", lambda dialog: dialog.accept())  # "publier cette entrée ?"
            page.goto(address + "admin/")
            page.get_by_role("button", name="Se connecter").click()  # French: locale fr
            page.wait_for_url("**/#/collections/**")
            page.goto(address + "admin/#/collections/lancer/new")
            page.locator("[id^='id-field']").fill("tenir-un-calendrier-des-rencontres")
            page.locator("[id^='title-field']").fill("Tenir un calendrier des rencontres")
            page.locator("[id^='summary-field']").fill(
                "Un calendrier connu d'avance permet aux dirigeants de réserver les dates et de venir.")
            page.get_by_role("button", name="Ajouter comment faire").click()
            page.locator("[id^='how-field'] ~ * textarea, textarea[id^='item-field']").last.fill(
                "Fixer les dates de l'année en janvier.")
            page.locator("[id^='actors-field']").click()
            page.keyboard.type("PME")
            page.get_by_role("option", name="PME et TPE").click()
            # "Fiches liées" searches every card, whatever its folder (the hidden collection).
            page.locator("[id^='related-field']").click()
            page.keyboard.type("animateur qui portera")
            page.get_by_role("option", name="Trouver l'animateur qui portera le réseau").click()
            page.get_by_role("button", name="Ajouter sources").click()
            page.locator("[id^='ref-field']").click()
            page.keyboard.type("racine")
            page.get_by_role("option").first.click()
            page.locator("[id^='locator-field']").fill("Partie III, leçons tirées")
            if SCREENSHOTS:
                page.locator("label[for^='how-field']").evaluate("label => label.scrollIntoView({block: 'start'})")
                page.screenshot(path=str(Path(SCREENSHOTS) / "capture-editeur-web.png"))

            page.get_by_role("button", name="Enregistrer").click()
            page.get_by_text("Entrée enregistrée").wait_for()
            # The draft is a branch, as a pull request would be on GitHub; nothing on main yet.
            # (decap-server switches the working copy between branches while it works: ask git.)
            assert committed(project, "cms/lancer/tenir-un-calendrier-des-rencontres", relative)
            assert not committed(project, "main", relative)
            page.get_by_role("button", name="Statut: Brouillon").click()
            page.get_by_role("menuitem", name="Prêt").click()
            page.get_by_text("Statut de l'entrée mis à jour").wait_for()
            page.get_by_role("button", name="Publier", exact=True).click()
            page.get_by_role("menuitem", name="Publier maintenant").click()
            wait_for(lambda: committed(project, "main", relative) and on_main(project),
                     f"{relative} publié sur la branche main")
            assert errors == [], errors
    finally:
        server.terminate()
        server.wait(timeout=10)

    text = card.read_text(encoding="utf-8")
    assert text == git(project, "show", f"main:{relative}").stdout
    assert text.startswith("# yaml-language-server: $schema=../../plugins/maillage/schemas/card.schema.json\n")
    assert yaml.safe_load(text) == {
        "id": "tenir-un-calendrier-des-rencontres", "kind": "practice", "phase": "launch",
        "title": "Tenir un calendrier des rencontres",
        "summary": "Un calendrier connu d'avance permet aux dirigeants de réserver les dates et de venir.",
        "how": ["Fixer les dates de l'année en janvier."], "actors": ["sme"],
        "related": ["trouver-le-bon-animateur"],
        "sources": [{"ref": "cahier-racine", "locator": "Partie III, leçons tirées"}],
    }
    assert load_handbook(project / "practices", project, only=[card]).problems == []
    published = build_site(project, tmp_path / "publie")
    assert "Tenir un calendrier des rencontres" in (
        published / "fiches" / "tenir-un-calendrier-des-rencontres" / "index.html").read_text(encoding="utf-8")
