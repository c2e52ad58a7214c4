"""Hostile and broken input (tests/bad_input/): each file gets its exact message, fast, with no
traceback, alone and among all the others, through the loader and through the command line.

Each case carries its expectation in its first lines (``# attendu: line:column: field: message``,
or ``# attendu: rien`` for input that must be accepted); see tests/bad_input/README.md.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Project
from maillage.pipeline import load_handbook
from maillage.loading.problems import Problem

CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = sorted(CORPUS.glob("*.yml"))
PREFIX = "# attendu:"
EMPTY = "1:1: le fichier est vide : il doit contenir des lignes « clé: valeur »."
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
TIME_LIMIT = 2.0
"""Seconds per file: what an editor waits for in the worst case, whatever the file holds."""


def expected_problems(path: Path) -> list[str]:
    raw = path.read_bytes()
    if not raw:
        return [EMPTY]  # zero bytes cannot carry a comment
    # The comment is written in the file's own encoding; a Latin-1 or NUL byte comes later.
    text = raw.decode("utf-16") if raw.startswith(UTF16_BOMS) else raw.decode("utf-8", "replace")
    lines = [line[len(PREFIX):].strip() for line in text.lstrip("\ufeff").splitlines()
             if line.startswith(PREFIX)]
    assert lines, f"{path.name} : aucune ligne « {PREFIX} »"
    return [] if lines == ["rien"] else lines


def located(problem: Problem) -> str:
    """``line:column: field: message``: the editor's line without the file path."""
    return problem.format()[len(problem.path) + 1:]


def check(project: Project, paths: list[Path]) -> tuple[list[Problem], float]:
    start = time.perf_counter()
    result = load_handbook(project.root / "practices", project.root, only=paths)
    return result.problems, time.perf_counter() - start


@pytest.fixture
def huge_file(tmp_path: Path) -> Path:
    """10 MB of card: made here, not committed."""
    path = tmp_path / "enorme" / "enorme.yml"
    path.parent.mkdir()
    start = "id: enorme\ntitle: "
    path.write_text(start + "x" * (10 * 1024 * 1024 - len(start) - 1) + "\n", encoding="utf-8")
    return path


HUGE_EXPECTED = ["1:1: fichier trop gros (10,0 Mo) : la limite est 64 Ko par fichier. Une fiche tient en "
                 "quelques kilo-octets ; découpez ou allégez le texte."]


def test_the_corpus_covers_the_issue() -> None:
    assert len(CASES) >= 45
    names = {path.name for path in CASES}
    for needed in ("tabulation.yml", "bom.yml", "fins-de-ligne-windows.yml", "latin-1.yml", "octet-nul.yml",
                   "vide.yml", "commentaires-seulement.yml", "liste-en-tete.yml", "texte-en-tete.yml",
                   "imbrication-profonde.yml", "bombe-alias.yml", "cle-en-double.yml", "etiquette-python.yml",
                   "balise-script.yml", "lien-vbscript.yml", "attributs-onclick.yml", "id-homoglyphe.yml",
                   "renvoi-vers-soi.yml"):
        assert needed in names


@pytest.mark.parametrize("path", CASES, ids=[path.name for path in CASES])
def test_each_file_gets_its_message_fast(project: Project, path: Path) -> None:
    problems, seconds = check(project, [path])
    assert [located(problem) for problem in problems] == expected_problems(path)
    assert all(Path(problem.path).name == path.name for problem in problems)
    assert seconds < TIME_LIMIT, f"{path.name} : {seconds:.2f} s"


def test_a_ten_megabyte_file_is_refused_without_being_read(project: Project, huge_file: Path) -> None:
    problems, seconds = check(project, [huge_file])
    assert [located(problem) for problem in problems] == HUGE_EXPECTED
    assert seconds < TIME_LIMIT


def test_one_run_reports_every_file(project: Project, huge_file: Path) -> None:
    """One bad file never hides another: the whole corpus at once gives each file's problems."""
    problems, _ = check(project, [*CASES, huge_file])
    by_file: dict[str, list[str]] = {}
    for problem in problems:
        by_file.setdefault(Path(problem.path).name, []).append(located(problem))
    expected = {path.name: expected_problems(path) for path in CASES}
    expected[huge_file.name] = HUGE_EXPECTED
    assert by_file == {name: lines for name, lines in expected.items() if lines}


def test_the_command_line_reports_the_corpus_without_a_traceback(project: Project, huge_file: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(project.root), str(CORPUS),
         str(huge_file)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1
    assert "Traceback" not in output
    for path in CASES:
        if expected_problems(path):
            assert f"{path.name}:" in run.stdout, path.name
    count = sum(len(expected_problems(path)) for path in CASES) + len(HUGE_EXPECTED)
    assert run.stdout.rstrip().endswith(f"({len(CASES) + 1} lus).")
    assert f"{count} problèmes dans" in run.stdout
