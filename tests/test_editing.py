"""The editor's path: scaffold a card, fill it, validate, build, find it; the reference page;
the automation files that run the same commands as the Makefile."""

from __future__ import annotations

import re
from html import escape
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, Project
from maillage.rendering.typography import french_text as typeset
from search_support import indexed_pages
from maillage.model.naming import card_id
from maillage.validation.schemas import SCHEMA_FILES, SchemaSet


def run_script(project: Project, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=project.root,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def test_the_editors_path_from_scaffold_to_published_page(project: Project) -> None:
    (project.root / "plugins/maillage").mkdir(parents=True)
    (project.root / "plugins/maillage/schemas").symlink_to(ROOT / "plugins/maillage/schemas")
    created = run_script(project, "new_card.py", "--kind", "practice", "--phase", "manage",
                         "--title", "Tenir un tableau de bord partagé du réseau")
    assert created.returncode == 0, created.stderr
    path = project.root / "practices/gerer/tenir-tableau-de-bord-partage-reseau.yml"
    assert f"Fiche créée : practices/gerer/{path.name}" in created.stdout

    unfinished = run_script(project, "validate.py", str(path))
    assert unfinished.returncode == 1
    assert f"practices/gerer/{path.name}:12:9: summary: valeur vide : il faut un texte." in unfinished.stdout

    text = path.read_text(encoding="utf-8")
    text = text.replace("summary:\n", "summary: Un tableau de bord commun montre à chacun ce que le réseau lui apporte.\n")
    text = text.replace("how:\n  -\n", "how:\n  - Choisir trois chiffres.\n  - Les relever chaque mois.\n"
                                       "  - Les présenter en réunion.\n")
    text = text.replace("    locator:\n", "    locator: Partie III, « Gérer un réseau »\n").replace("cahier-racine", "guide-source")
    path.write_text(text, encoding="utf-8")
    valid = run_script(project, "validate.py", str(path))
    assert (valid.returncode, valid.stdout.strip()) == (0, "1 fichier lu, aucun problème."), valid.stdout

    project.build()
    assert "Tenir un tableau de bord partagé du réseau" in project.page(f"fiches/{path.stem}")
    assert f'href="../fiches/{path.stem}/"' in project.page("gerer")
    assert f"fiches/{path.stem}/" in indexed_pages(project.root / "site")


def test_new_card_never_overwrites_and_keeps_ids_unique(project: Project) -> None:
    first = run_script(project, "new_card.py", "--kind", "vigilance", "--title", "Partir des objectifs")
    second = run_script(project, "new_card.py", "--kind", "vigilance", "--title", "Partir des objectifs")
    assert first.returncode == second.returncode == 0
    assert (project.root / "practices/vigilance/partir-des-objectifs-2.yml").exists()  # the fixture has -objectifs
    assert (project.root / "practices/vigilance/partir-des-objectifs-3.yml").exists()


def test_new_card_without_a_terminal_says_what_is_missing(project: Project) -> None:
    missing = run_script(project, "new_card.py", "--kind", "practice", "--title", "Un titre")
    assert missing.returncode == 2
    assert missing.stderr == ("erreur d'utilisation : phase manquant ; donnez-le avec --phase ou lancez la "
                              "commande dans un terminal.\n")


def test_ids_are_slugs_of_the_title() -> None:
    assert card_id("S'appuyer sur l'œuvre des chambres", set()) == "s-appuyer-sur-l-oeuvre-des-chambres"
    long = card_id("Mot " * 40, set())
    assert len(long) <= 80 and not long.endswith("-")
    assert card_id("Animer", {"animer", "animer-2"}) == "animer-3"


def test_ids_keep_three_to_six_words_of_a_long_title() -> None:
    """The guide asks for three to six words; a nine-word title gave a nine-word id."""
    assert card_id("Partir des objectifs que les entreprises se fixent elles-mêmes", set()) == (
        "partir-objectifs-entreprises-fixent-elles-memes")
    assert card_id("Réunir les entreprises d'un même territoire autour d'un projet de formation", set()) == (
        "reunir-entreprises-meme-territoire-autour-projet")
    assert card_id("Tenir un calendrier des rencontres", set()) == "tenir-un-calendrier-des-rencontres"
    assert card_id("Mot " * 40, set()) == "mot-mot-mot-mot-mot-mot"


def test_new_card_takes_an_id_and_speaks_french(project: Project) -> None:
    given = run_script(project, "new_card.py", "--kind", "vigilance", "--title", "Partir des objectifs",
                       "--id", "objectifs-communs")
    assert given.returncode == 0, given.stderr
    text = (project.root / "practices/vigilance/objectifs-communs.yml").read_text(encoding="utf-8")
    assert "id: objectifs-communs\n" in text and "Gardez la première ligne" in text
    taken = run_script(project, "new_card.py", "--kind", "vigilance", "--title", "X", "--id", "objectifs-communs")
    assert taken.returncode == 2 and "déjà pris" in taken.stderr
    wrong = run_script(project, "new_card.py", "--kind", "pratique", "--title", "X")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("utilisation : new_card.py")
    assert wrong.stderr.endswith("erreur d'utilisation : --kind : valeur « pratique » non permise ; choisissez "
                                 "parmi practice, condition, vigilance\n")
    help_text = run_script(project, "new_card.py", "--help").stdout
    assert "affiche cette aide" in help_text and "show this help" not in help_text


def test_format_reference_lists_every_key_and_allowed_value(project: Project) -> None:
    project.build()
    html = project.page("contribuer/format")
    schemas = SchemaSet.load()
    for kind in SCHEMA_FILES:
        for name in schemas.schema(kind)["properties"]:
            assert f'id="{kind}-{name}"' in html, (kind, name)
            described = schemas.property_schema(kind, name)
            assert described["title"] in html
            for value, label in schemas.labels(kind, name).items():
                assert f"<code>{value}</code></td>\n<td>{typeset(escape(label, quote=False))}</td>" in html, value
    assert "pour kind: practice" in html and "de 5 à 120 caractères" in html


def test_workflows_run_the_makefile_commands() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    commands = []
    for workflow in (ROOT / ".github/workflows").glob("*.yml"):
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        commands += [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]
    assert commands, "no workflow step runs a command"
    # A step may wrap its make command (the build's log is fenced against workflow commands).
    makes = [line.strip() for command in commands for line in command.splitlines()
             if line.strip().startswith("make ")]
    assert len(makes) == len(commands), commands
    for command in makes:
        assert command.split()[1] in targets, command
    assert "make validate FORMAT=github" in makes and "make test" in makes
    assert any(command.startswith("make build") for command in makes)
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == "python scripts/validate.py" and re.match(hook["files"], "practices/lancer/x.yml")
    assert Path(ROOT / ".github/pull_request_template.md").exists()
