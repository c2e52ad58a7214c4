"""Builds under ``mkdocs serve --dirty`` (``make serve``) redo only what an edit changed, and the
site they leave is the site a clean build of the edited handbook makes, file for file.

The builds run in this process one after the other with the same plugin object, as ``mkdocs
serve`` runs them; each reference build is a clean ``mkdocs build`` in a child process. The
search index is left out of the comparison: under ``serve`` it is written in the background, and
its file names are digests of its content. Material's tags export (tags.json) is compared as a
set of pages: it lists them in the order the plugin saw them, and kept pages are shown to it
before the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import Project

CARD = "practices/lancer/choisir-un-animateur.yml"
UNRELATED = "experiences/reseau-essai/index.html"
"""A page that no edit below touches: an edit must leave its output as it was."""


class ServedSite:
    """The project built again and again by one plugin object in ``serve --dirty`` mode."""

    def __init__(self, project: Project, site: Path) -> None:
        self.project, self.site = project, site
        load_config(str(project.root / "mkdocs.yml")).plugins.on_startup(command="serve", dirty=True)

    def build(self) -> None:
        config = load_config(str(self.project.root / "mkdocs.yml"), site_dir=str(self.site))
        build(config, dirty=True)
        plugin = config.plugins["maillage"]
        plugin.background_search.wait()

    def moment(self) -> int:
        """A file time later than every file of the site, on the file system's clock (coarser
        than time.time_ns(), so that a file written just after time.time_ns() may read earlier):
        whatever has this time or a later one was written after this call."""
        newest = max(path.stat().st_mtime_ns for path in self.site.rglob("*") if path.is_file())
        marker = self.site.parent / f"{self.site.name}.moment"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            marker.touch()
            if (moment := marker.stat().st_mtime_ns) > newest:
                return moment
            time.sleep(0.001)
        raise AssertionError(f"l'horloge des fichiers n'a pas dépassé {newest} en 10 s")

    def written_since(self, moment: int) -> set[str]:
        return {path.relative_to(self.site).as_posix() for path in self.site.rglob("*.html")
                if path.stat().st_mtime_ns >= moment and "pagefind" not in path.parts}


def clean_build(project: Project, site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)], cwd=project.root,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)


def differences(site: Path, reference: Path) -> list[str]:
    def files(root: Path) -> dict[str, object]:
        found: dict[str, object] = {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*")
                                    if path.is_file() and "pagefind" not in path.parts}
        if "tags.json" in found:
            mappings = json.loads(found["tags.json"])["mappings"]
            found["tags.json"] = sorted(json.dumps(mapping, sort_keys=True) for mapping in mappings)
        return found

    ours, theirs = files(site), files(reference)
    return sorted({name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name)})


@pytest.fixture
def served(project: Project, tmp_path: Path) -> ServedSite:
    site = ServedSite(project, tmp_path / "served")
    site.build()
    return site


def edit_then_compare(served: ServedSite, tmp_path: Path, edit, name: str) -> set[str]:
    """Apply ``edit``, build incrementally, compare with a clean build; the pages written."""
    before = served.moment()
    edit()
    served.build()
    reference = tmp_path / f"reference-{name}"
    clean_build(served.project, reference)
    assert differences(served.site, reference) == [], name
    return served.written_since(before)


def replace(project: Project, relative: str, old: str, new: str) -> None:
    text = (project.root / relative).read_text(encoding="utf-8")
    assert old in text, (relative, old)
    project.write(relative, text.replace(old, new, 1))


def test_an_edited_card_rebuilds_its_pages_and_keeps_the_others(served: ServedSite, tmp_path: Path) -> None:
    project = served.project
    written = edit_then_compare(served, tmp_path, lambda: replace(project, CARD, "\ntitle: ", "\ntitle: Bien "),
                                "titre")
    assert "fiches/choisir-un-animateur/index.html" in written
    assert "lancer/index.html" in written  # lists the card by its title
    assert UNRELATED not in written

    written = edit_then_compare(served, tmp_path, lambda: replace(project, CARD, "themes: [animation]", "themes: [animation, evaluation]"),
                                "themes")
    assert "themes/index.html" in written  # Material's tags page lists every card by theme
    assert UNRELATED not in written


def test_pages_kept_from_the_last_build_follow_what_they_show_of_other_files(served: ServedSite,
                                                                             tmp_path: Path) -> None:
    """A card's page and its print form are kept from one build to the next while their inputs
    stay the same (rendering/memo.py): a source's title or a term's tooltip they show is one."""
    project = served.project
    edit_then_compare(served, tmp_path, lambda: replace(project, "practices/sources/guide-source.yml",
                                                        "title: Cahier", "title: Nouveau cahier"), "source")
    written = edit_then_compare(served, tmp_path, lambda: replace(project, "practices/glossaire/pme.yml",
                                                                  "moins de 250", "moins de 251"), "terme")
    assert "glossaire/index.html" in written


def test_adding_removing_and_breaking_cards_rebuild_everything_right(served: ServedSite, tmp_path: Path) -> None:
    project = served.project
    copy = (project.root / CARD).read_text(encoding="utf-8").replace("id: choisir-un-animateur", "id: choisir-un-animateur-bis", 1)
    edit_then_compare(served, tmp_path, lambda: project.write("practices/lancer/choisir-un-animateur-bis.yml", copy),
                      "ajout")
    edit_then_compare(served, tmp_path, lambda: project.remove("practices/lancer/choisir-un-animateur-bis.yml"),
                      "suppression")
    assert not (served.site / "fiches" / "choisir-un-animateur-bis").exists()

    replace(project, CARD, "\ntitle: ", "\ntitle: [")  # invalid YAML: the problems page
    served.build()
    assert "choisir-un-animateur.yml" in (served.site / "index.html").read_text(encoding="utf-8")
    edit_then_compare(served, tmp_path, lambda: replace(project, CARD, "\ntitle: [", "\ntitle: "), "réparation")


def test_a_hand_written_page_or_the_configuration_rebuilds_everything(served: ServedSite, tmp_path: Path) -> None:
    project = served.project
    written = edit_then_compare(served, tmp_path, lambda: replace(project, "docs/index.md", "\n", "\nNouvelle phrase.\n"),
                                "accueil")
    assert UNRELATED in written  # every page shows the navigation
    written = edit_then_compare(served, tmp_path, lambda: replace(project, "mkdocs.yml", "site_name: ", "site_name: Le "),
                                "configuration")
    assert UNRELATED in written
