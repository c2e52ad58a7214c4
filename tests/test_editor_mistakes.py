"""Realistic editor mistakes (tests/editor_mistakes/): each is caught at the line where it was
made, in words a non-developer acts on; warnings never fail, errors always do.

Each case carries its expectation in its first lines (``# attendu: line:column: field: message``);
see tests/editor_mistakes/README.md. The rest of the file checks what a corpus of single files
cannot: one unreadable card among many, the exit status, the annotations, ``--fix``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Project
from maillage.pipeline import load_handbook
from maillage.loading.problems import WARNING, Problem
from maillage.validation.report import github_annotations, markdown_summary, summary

CORPUS = Path(__file__).resolve().parent / "editor_mistakes"
CASES = sorted(CORPUS.glob("*.yml"))
PREFIX = "# attendu:"
TIME_LIMIT = 2.0
"""Seconds per file, as for tests/bad_input: what an editor waits for at worst."""
SCHEMA_LINE = "# yaml-language-server: $schema=../../plugins/maillage/schemas/card.schema.json"


def expected_problems(path: Path) -> list[str]:
    lines = [line[len(PREFIX):].strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.startswith(PREFIX)]
    assert lines, f"{path.name} : aucune ligne « {PREFIX} »"
    return [] if lines == ["rien"] else lines


def located(problem: Problem) -> str:
    """``line:column: field: message``: what the editor reads, without the file path."""
    return problem.format()[len(problem.path) + 1:]


def test_the_corpus_covers_the_issue() -> None:
    """Issue #13: the mistakes that passed silently, and those reported at the wrong place."""
    assert len(CASES) >= 30
    names = {path.name for path in CASES}
    for needed in ("diese-dans-le-titre.yml", "element-surindente.yml", "guillemets-courbes-titre.yml",
                   "tiret-manquant.yml", "puce-tiret-demi-cadratin.yml", "puce-rond.yml",
                   "deux-points-colle.yml", "ligne-de-suite-non-indentee.yml", "apostrophe-ouverte.yml",
                   "guillemet-double-ouvert.yml", "deux-points-dans-une-etape.yml",
                   "cle-en-francais-resume.yml", "cle-en-francais-pieges.yml",
                   "valeur-en-francais-lancement.yml"):
        assert needed in names


@pytest.mark.parametrize("path", CASES, ids=[path.name for path in CASES])
def test_each_mistake_gets_its_message_at_its_line(project: Project, path: Path) -> None:
    start = time.perf_counter()
    result = load_handbook(project.root / "practices", project.root, only=[path])
    seconds = time.perf_counter() - start
    assert [located(problem) for problem in result.problems] == expected_problems(path)
    assert seconds < TIME_LIMIT, f"{path.name} : {seconds:.2f} s"


def test_one_run_reports_every_mistake(project: Project) -> None:
    result = load_handbook(project.root / "practices", project.root, only=CASES)
    by_file: dict[str, list[str]] = {}
    for problem in result.problems:
        by_file.setdefault(Path(problem.path).name, []).append(located(problem))
    expected = {path.name: expected_problems(path) for path in CASES}
    assert by_file == {name: lines for name, lines in expected.items() if lines}


def test_the_command_line_fails_on_errors_only(project: Project) -> None:
    """Exit status 1 for the corpus (it has errors), 0 for a card with warnings alone."""
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project.root),
                          str(CORPUS)], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    warnings_only = CORPUS / "guillemets-courbes-titre.yml"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project.root),
                          "--format", "github", str(warnings_only)],
                         capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("::warning file=")
    assert "1 fichier lu, aucun problème ; 1 avertissement, qui n'empêche pas la publication." in run.stdout


def test_an_unreadable_card_is_reported_once(project: Project) -> None:
    """One colon out of place used to add « fiche inconnue » to every card citing the file."""
    broken = project.write("practices/lancer/cible.yml", "id: cible\nkind:practice\ntitle: Cible\n")
    citing = []
    for number in range(3):
        citing.append(project.write(f"practices/lancer/cite-{number}.yml", (
            f"id: cite-{number}\nkind: practice\nphase: launch\ntitle: Citer la fiche cible\n"
            "summary: Une fiche qui en cite une autre.\nhow:\n  - Lire la fiche cible.\n"
            "related: [cible]\nsources:\n  - ref: guide-source\n    locator: Partie I\n")))
    result = load_handbook(project.root / "practices", project.root, only=[broken, *citing])
    assert [problem.format() for problem in result.problems] == [
        "practices/lancer/cible.yml:2:1: YAML invalide, il manque une espace après « : » dans "
        "« kind:practice » : écrivez « kind: practice »."]


def test_warnings_alone_let_the_handbook_build(project: Project) -> None:
    project.write("practices/gerer/animer-le-reseau.yml", (project.root / "practices/gerer/animer-le-reseau.yml")
                  .read_text(encoding="utf-8").replace("title: ", "title: “", 1).replace("\nsummary", "”\nsummary", 1))
    result = load_handbook(project.root / "practices", project.root)
    assert result.handbook is not None
    assert [problem.severity for problem in result.problems] == [WARNING]
    assert result.errors == []


def test_warnings_are_annotated_escaped_and_counted_apart() -> None:
    problems = [Problem("practices/a,b.yml", 3, 1, "title", "ligne\n::error::x 100%"),
                Problem("practices/a,b.yml", 1, 1, "", "schéma", WARNING)]
    assert github_annotations(problems).splitlines() == [
        "::error file=practices/a%2Cb.yml,line=3,col=1,title=title::ligne%0A::error::x 100%25",
        "::warning file=practices/a%2Cb.yml,line=1,col=1,title=fichier::schéma"]
    assert summary(problems, 2) == ("1 problème dans 1 fichier (2 lus) ; 1 avertissement, qui n'empêche pas "
                                    "la publication.")
    table = markdown_summary(problems, 2)
    assert "| avertissement : sch" in table


def test_fix_writes_the_schema_line_and_nothing_else(project: Project) -> None:
    (project.root / "plugins/maillage/schemas").mkdir(parents=True)
    original = (CORPUS / "guillemets-courbes-titre.yml").read_text(encoding="utf-8")
    card = project.write("practices/lancer/guillemets-courbes-titre.yml", original)
    windows = project.root / "practices/lancer/fins-windows.yml"
    windows.write_bytes(b"\xef\xbb\xbf# yaml-language-server: $schema=../faux.json\r\nid: fins-windows\r\n")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project.root),
                          "--fix", str(card), str(windows)],
                         capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert "Ligne de schéma écrite dans 2 fichiers" in run.stderr
    assert card.read_text(encoding="utf-8") == SCHEMA_LINE + "\n" + original
    assert windows.read_bytes() == b"\xef\xbb\xbf" + SCHEMA_LINE.encode() + b"\r\nid: fins-windows\r\n"
    assert "la ligne qui indique le schéma" not in run.stdout


def test_the_quick_start_example_is_a_valid_card(project: Project) -> None:
    """The example of « Démarrage rapide » is what editors copy first: it must pass as it is."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index("## Démarrage rapide")
    assert start < text.index("## Ce que contient le guide")
    example = text[text.index("```yaml\n", start) + len("```yaml\n"):text.index("```\n", text.index("```yaml\n", start))]
    assert (ROOT / "practices/sources/cahier-racine.yml").exists()
    path = project.write("practices/gerer/tenir-un-calendrier.yml", example.replace("cahier-racine", "guide-source"))
    result = load_handbook(project.root / "practices", project.root, only=[path])
    assert result.problems == []


def test_a_strict_build_logs_warnings_without_failing(project: Project, build_log: pytest.LogCaptureFixture) -> None:
    """``mkdocs build --strict`` fails on any logged warning: ours are logged at INFO."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    card = project.root / "practices/gerer/animer-le-reseau.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("title: ", "title: “", 1)
                    .replace("\nsummary", "”\nsummary", 1), encoding="utf-8")
    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.root / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert any("avertissement : la valeur est entre guillemets typographiques" in record.getMessage()
               for record in build_log.records if record.levelname == "INFO")
