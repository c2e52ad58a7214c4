"""« Nouveautés » (issue 18): the page and the Atom feed, from a fixture handbook with a real git
history (a card added, one changed, one moved, a case removed, hostile commit subjects), from a
shallow clone of it, and from a folder without git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURE, Project
from maillage.loading import changelog
from maillage.pipeline import load_handbook

HOSTILE = "Relu <img src=x onerror=alert(1)> & « =SOMME(A1) » ]]>\x07"
NEW_CARD = (FIXTURE / "practices" / "lancer" / "partir-des-objectifs.yml").read_text(encoding="utf-8") \
    .replace("partir-des-objectifs", "fiche-nouvelle").replace("related: [choisir-un-animateur]\n", "")


def git(root: Path, *arguments: str, day: str = "2024-03-05") -> None:
    moment = f"{day}T10:00:00+01:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment, "GIT_AUTHOR_NAME": "t",
                   "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", *arguments], cwd=root, env=environment, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Four commits: everything, then a new card, then a change and a move, then a hostile subject."""
    root = tmp_path_factory.mktemp("news") / "handbook"
    shutil.copytree(FIXTURE, root)
    project = Project(root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Premier état du guide")
    project.write("practices/lancer/fiche-nouvelle.yml", NEW_CARD)
    git(root, "add", ".")
    git(root, "commit", "-qm", "Une fiche nouvelle", day="2024-04-01")
    card = root / "practices" / "lancer" / "choisir-un-animateur.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("inspire confiance", "inspire la confiance"),
                    encoding="utf-8")
    git(root, "mv", "practices/gerer/animer-le-reseau.yml", "practices/lancer/animer-le-reseau.yml")
    project.write("practices/lancer/animer-le-reseau.yml", (root / "practices/lancer/animer-le-reseau.yml")
                  .read_text(encoding="utf-8").replace("phase: manage", "phase: launch"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", HOSTILE, day="2024-05-02")
    project.build()
    return project


def test_the_page_lists_changes_newest_first_with_date_and_message(history: Project) -> None:
    html = history.page("nouveautes")
    newest, middle, oldest = (html.index(day) for day in ("2 mai 2024", "1 avril 2024", "5 mars 2024"))
    assert newest < middle < oldest
    assert 'fiche ajoutée\xa0: <a href="../fiches/fiche-nouvelle/">' in html  # French typography
    assert 'fiche modifiée\xa0: <a href="../fiches/choisir-un-animateur/">Choisir un animateur neutre</a>' in html
    assert 'fiche modifiée\xa0: <a href="../fiches/animer-le-reseau/">' in html, "a move is one change"
    assert "fiche retirée" not in html and "Historique indisponible" not in html


def test_the_page_announces_its_feed(history: Project) -> None:
    head = history.page("nouveautes").split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Maillage — nouveautés du guide" ' \
           'href="flux.xml">' in head


def test_commit_messages_are_text_never_markup(history: Project) -> None:
    html = history.page("nouveautes")
    assert "<img" not in html.split("<article")[1]
    assert "Relu &lt;img src=x onerror=alert(1)&gt; &amp; «\xa0=SOMME(A1)\xa0» ]]&gt;" in html  # typeset


def test_a_feed_reader_accepts_the_feed(history: Project) -> None:
    feed = feedparser.parse((history.root / "site" / "nouveautes" / "flux.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Maillage — nouveautés du guide"
    assert [entry.updated[:10] for entry in feed.entries] == ["2024-05-02", "2024-04-01", "2024-03-05"]
    assert feed.entries[0].title.startswith("Relu <img src=x onerror=alert(1)> & « =SOMME(A1) » ]]>")
    assert "fiche modifiée : Choisir un animateur neutre" in feed.entries[0].content[0].value
    assert feed.entries[1].link == "https://exemple.org/guide/fiches/fiche-nouvelle/"
    assert len({entry.id for entry in feed.entries}) == 3


def test_a_shallow_clone_says_the_history_is_unavailable(history: Project, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True)
    project = Project(clone)
    project.build()
    html = project.page("nouveautes")
    assert "Historique indisponible" in html and "clone superficiel" in html
    assert "fiche ajoutée" not in html
    feed = feedparser.parse((clone / "site" / "nouveautes" / "flux.xml").read_bytes())
    assert not feed.bozo and feed.entries == [] and "clone superficiel" in feed.feed.subtitle


def test_without_git_the_page_says_so(printed: Project) -> None:
    html = printed.page("nouveautes")
    assert "Historique indisponible" in html and "pas été construit depuis un dépôt git" in html
    assert not feedparser.parse((printed.root / "site" / "nouveautes" / "flux.xml").read_bytes()).bozo


def test_one_git_log_per_build(history: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counted(command: list[str], *arguments: object, **options: object) -> object:
        calls.append(command)
        return real_run(command, *arguments, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(changelog.subprocess, "run", counted)
    result = load_handbook(history.root / "practices", history.root)
    assert result.handbook is not None and len(result.handbook.changelog.commits) == 3
    assert [command for command in calls if "log" in command] and len([c for c in calls if "log" in c]) == 1


def test_a_merged_card_leads_to_the_card_that_took_it(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURE, root)
    project = Project(root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Premier état du guide")
    (root / "practices/lancer/choisir-un-animateur.yml").unlink()
    kept = root / "practices/lancer/partir-des-objectifs.yml"
    kept.write_text(kept.read_text(encoding="utf-8") + "replaces: [choisir-un-animateur]\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Deux fiches n'en font plus qu'une", day="2024-04-01")
    project.build()
    html = project.page("nouveautes")
    assert 'fiche fusionnée ou renommée, désormais\xa0: <a href="../fiches/partir-des-objectifs/">' in html
    assert "fiche retirée" not in html
