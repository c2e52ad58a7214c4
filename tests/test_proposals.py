"""Door 1, "Proposer une fiche": the issue form generated from the schema, and the conversion of
a submitted issue (as GitHub renders it) into a card that the real validator and build accept.
Every proposal is hostile: markup, workflow commands, path tricks, huge input."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from browser_support import chromium_page, needs_chromium
from conftest import ROOT, Project
from maillage.pipeline import load_handbook
from maillage.proposals.issue_body import safe_id
from maillage.proposals.issue_form import ACCEPT_LABEL, FORM_PATH, issue_form
from maillage.proposals.preview import form_preview
from maillage.proposals.report import markdown_text
from maillage.validation.schemas import SchemaSet

SCHEMAS = SchemaSet.load()
FORM = yaml.safe_load((ROOT / FORM_PATH).read_text(encoding="utf-8"))
ELEMENTS = {element["id"]: element for element in FORM["body"] if "id" in element}


def render_issue(answers: dict[str, object]) -> str:
    """The issue body GitHub writes for a submitted form: ``### label``, then the answer,
    ``_No response_`` when empty, ``- [X]`` / ``- [ ]`` for each checkbox."""
    parts = []
    for element in FORM["body"]:
        if element["type"] == "markdown":
            continue
        answer = answers.get(element["id"])
        label = element["attributes"]["label"]
        if element["type"] == "checkboxes":
            chosen = answer or []
            text = "\n".join(f"- [{'X' if option['label'] in chosen else ' '}] {option['label']}"
                             for option in element["attributes"]["options"])
        else:
            text = str(answer) if answer else "_No response_"
        parts.append(f"### {label}\n\n{text}")
    return "\n\n".join(parts)


GOOD = {
    "kind": "bonne pratique",
    "phase": "gérer",
    "title": "Tenir un calendrier des rencontres",
    "summary": "Un calendrier connu d'avance permet aux dirigeants de réserver les dates et de venir.",
    "context": "Les rencontres fixées au dernier moment **vident** la salle.",
    "how": "- Fixer les dates de l'année en janvier.\n- Envoyer un rappel une semaine avant.",
    "actors": ["porteur du réseau", "PME et TPE"],
    "themes": ["Animation"],
    "related": "partir-des-objectifs",
    "sources": "guide-source : chapitre 2",
}


def propose(project: Project, body: str, *extra: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    issue = project.root.parent / "issue.md"
    issue.write_text(body, encoding="utf-8")
    comment = project.root.parent / "commentaire.md"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "propose_card.py"), "--body", str(issue),
                             "--comment", str(comment), *extra], cwd=project.root, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, timeout=120)
    return result, comment


def cards(project: Project) -> set[str]:
    return {path.relative_to(project.root).as_posix() for path in (project.root / "practices").rglob("*.yml")}


def test_the_form_is_generated_from_the_schema_and_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_forms.py"), "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (ROOT / FORM_PATH).read_text(encoding="utf-8") == issue_form(SCHEMAS)


def test_the_form_asks_every_key_of_the_card_with_its_labels_and_limits() -> None:
    card = SCHEMAS.schema("card")
    assert set(ELEMENTS) == set(card["properties"]) - {"id"}  # the id comes from the title
    assert ELEMENTS["kind"]["type"] == ELEMENTS["phase"]["type"] == "dropdown"
    assert ELEMENTS["kind"]["attributes"]["options"] == list(SCHEMAS.labels("card", "kind").values())
    assert ELEMENTS["phase"]["attributes"]["options"] == list(SCHEMAS.labels("card", "phase").values())
    for key in ("actors", "themes"):
        assert ELEMENTS[key]["type"] == "checkboxes"
        assert [option["label"] for option in ELEMENTS[key]["attributes"]["options"]] == \
            list(SCHEMAS.labels("card", key).values())
    assert "Entre 5 et 120 caractères" in ELEMENTS["title"]["attributes"]["description"]
    assert "Entre 20 et 400 caractères" in ELEMENTS["summary"]["attributes"]["description"]
    for key in ("how", "pitfalls", "indicators", "sources", "context"):
        assert ELEMENTS[key]["type"] == "textarea", key
    for key in ("how", "pitfalls", "indicators"):
        assert "Un élément par ligne" in ELEMENTS[key]["attributes"]["description"]
    required = {key for key, element in ELEMENTS.items() if element.get("validations", {}).get("required")}
    assert required == set(card["required"]) - {"id"}
    assert FORM["labels"] == ["proposition de fiche"]


def test_a_proposal_becomes_a_valid_card_that_the_site_publishes(project: Project) -> None:
    before = cards(project)
    result, comment = propose(project, render_issue(GOOD))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not comment.exists()
    added = cards(project) - before
    assert added == {"practices/gerer/tenir-un-calendrier-des-rencontres.yml"}
    data = yaml.safe_load((project.root / added.pop()).read_text(encoding="utf-8"))
    assert data == {
        "id": "tenir-un-calendrier-des-rencontres", "kind": "practice", "phase": "manage",
        "title": GOOD["title"], "summary": GOOD["summary"], "context": GOOD["context"],
        "how": ["Fixer les dates de l'année en janvier.", "Envoyer un rappel une semaine avant."],
        "actors": ["promoter", "sme"], "themes": ["animation"], "related": ["partir-des-objectifs"],
        "sources": [{"ref": "guide-source", "locator": "chapitre 2"}],
    }
    assert load_handbook(project.root / "practices", project.root).problems == []
    site = project.build()
    assert "Tenir un calendrier des rencontres" in (site / "fiches/tenir-un-calendrier-des-rencontres/index.html").read_text(encoding="utf-8")
    # The same proposal twice gets a second id, never overwrites the first card.
    again, _ = propose(project, render_issue(GOOD))
    assert again.returncode == 0 and "tenir-un-calendrier-des-rencontres-2.yml" in again.stdout


def test_an_invalid_proposal_is_refused_in_the_forms_words(project: Project) -> None:
    before = cards(project)
    body = render_issue({**GOOD, "phase": None, "summary": "Trop court.", "themes": [],
                         "sources": "guide-inconnu : p. 3\nsans deux-points"})
    result, comment = propose(project, body)
    assert result.returncode == 1
    assert cards(project) == before  # nothing left behind
    text = comment.read_text(encoding="utf-8")
    assert "4 points à corriger" in text
    for expected in ("- **Phase du réseau** : ce champ est obligatoire pour une bonne pratique : remplissez-le.",
                     "- **Résumé** : texte trop court : 11 caractère(s), il en faut au moins 20.",
                     "- **Sources** : ligne 2 : écrivez l'identifiant de la source",
                     "- **Sources** : ligne 1, identifiant de la source : source inconnue : « guide-inconnu »"):
        assert expected in text, text
    assert "summary" not in text and "phase:" not in text  # no YAML key names
    result, comment = propose(project, render_issue({**GOOD, "how": None}))
    assert result.returncode == 1 and cards(project) == before
    assert comment.read_text(encoding="utf-8").count("**Comment faire** : ce champ est obligatoire : remplissez-le.") == 1


def test_an_unknown_dropdown_answer_lists_the_forms_choices(project: Project) -> None:
    result, comment = propose(project, render_issue({**GOOD, "kind": "recette"}))
    assert result.returncode == 1
    assert ("- **Type de fiche** : choisissez l'une des valeurs proposées par le formulaire : « bonne pratique », "
            "« condition de réussite d'un groupement d'employeurs », « point de vigilance ».") in comment.read_text(encoding="utf-8")


HOSTILE_TITLES = [
    "../../../.github/workflows/pwn",
    "/etc/passwd",
    "..\\..\\windows",
    "fiche_avec_soulignés et\u202eRTL\u0000nul",
    "Ⅻ ＦＵＬＬＷＩＤＴＨ ﬁ œuvre",
    "----",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_ids_from_hostile_titles_are_safe_file_names(title: str) -> None:
    card_id = safe_id(title, set())
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", card_id) and len(card_id) <= 80


def test_hostile_proposals_never_escape_their_context(project: Project) -> None:
    before = cards(project)
    body = render_issue({
        **GOOD,
        "title": "::error file=x::pwn ../../../.github/workflows/x <script>alert(1)</script>",
        "summary": "Résumé qui mentionne @octocat et #1, [lien](javascript:alert(1)) et <img src=x onerror=alert(1)>",
        "how": "::set-output name=path::../../etc/passwd\n::add-mask::x\n### Titre\n- [X] porteur du réseau",
        "context": "```\n::stop-commands::x\n```",
    })
    result, comment = propose(project, body)
    assert result.returncode == 1
    assert cards(project) == before
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.lstrip().startswith("::"), line
    text = comment.read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    assert "@octocat" not in text
    assert "](javascript" not in text


def test_a_fake_heading_inside_an_answer_stays_in_that_answer(project: Project) -> None:
    """The heading is read as a step of « Comment faire », not as a field of the form: the
    validator then refuses it there, like any heading in a card's text."""
    body = render_issue({**GOOD, "how": "- Première étape.\n### Titre\n- Deuxième étape."})
    result, comment = propose(project, body)
    assert result.returncode == 1
    problems = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("- ")]
    assert len(problems) == 1 and problems[0].startswith("- Comment faire : ligne 2 : titre « # » interdit")
    assert "Titre :" not in comment.read_text(encoding="utf-8")


def test_a_path_trick_in_the_title_stays_in_practices(project: Project) -> None:
    result, _ = propose(project, render_issue({**GOOD, "title": "../../../../tmp/Évasion hors du dépôt"}))
    assert result.returncode == 0, result.stdout
    assert "practices/gerer/tmp-evasion-hors-du-depot.yml" in result.stdout


def test_huge_and_binary_input_is_refused_quickly_without_a_traceback(project: Project) -> None:
    start = time.monotonic()
    result, comment = propose(project, render_issue({**GOOD, "how": "x" * 300_000}))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "trop long" in comment.read_text(encoding="utf-8")
    many = render_issue({**GOOD, "how": "\n".join(f"- étape {n}" for n in range(5_000))})
    result, comment = propose(project, many)
    assert result.returncode == 1 and "**Proposition** : fichier trop gros" in comment.read_text(encoding="utf-8")
    (project.root.parent / "binaire.md").write_bytes(b"\xff\xfe\x00### Titre\n\n\x00\x01")
    binary = subprocess.run([sys.executable, str(ROOT / "scripts" / "propose_card.py"), "--body",
                             str(project.root.parent / "binaire.md")], cwd=project.root, capture_output=True,
                            text=True, timeout=60)
    assert binary.returncode == 1 and "Traceback" not in binary.stderr
    assert time.monotonic() - start < 60


def test_the_github_event_is_read_from_its_file(project: Project, tmp_path: Path) -> None:
    import json

    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 7, "body": render_issue(GOOD), "title": "$(rm -rf /)"}}),
                     encoding="utf-8")
    outputs = tmp_path / "outputs"
    title = tmp_path / "titre.txt"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "propose_card.py"), "--github-event", str(event),
                             "--pr-title", str(title)], cwd=project.root, capture_output=True, text=True, timeout=60,
                            env={**_environment(), "GITHUB_OUTPUT": str(outputs)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert outputs.read_text(encoding="utf-8") == ("path=practices/gerer/tenir-un-calendrier-des-rencontres.yml\n"
                                                   "id=tenir-un-calendrier-des-rencontres\n")
    assert title.read_text(encoding="utf-8") == "Nouvelle fiche : Tenir un calendrier des rencontres"


def _environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "GITHUB_OUTPUT"}


def test_the_workflow_keeps_issue_text_away_from_shells_and_tokens() -> None:
    text = (ROOT / ".github/workflows/proposition.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["fiche"]
    assert ACCEPT_LABEL in job["if"]
    assert set(job["permissions"]) == {"contents", "pull-requests", "issues"}
    for step in job["steps"]:
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in step.get("run", ""), step
        for value in (step.get("env") or {}).values():
            assert "issue.body" not in value and "issue.title" not in value and "comment" not in value
    assert "issue.body" not in text and "issue.title" not in text
    script = (ROOT / "scripts/proposal_pr.sh").read_text(encoding="utf-8")
    assert "eval" not in script and "persist-credentials: false" in text


def test_comment_text_is_inert_markdown() -> None:
    assert markdown_text("**gras** [a](b) `c` <b> @moi #12\n::x") == \
        "\\*\\*gras\\*\\* \\[a\\](b) \\`c\\` &lt;b&gt; @\u2060moi #\u206012 ::x"


@needs_chromium
def test_the_form_shows_every_field_in_a_browser(tmp_path: Path) -> None:
    """GitHub shows the real form only from the default branch: a likeness of it is checked here
    (every label, every choice), and saved for the README when MAILLAGE_SCREENSHOTS is set."""
    page_file = tmp_path / "formulaire.html"
    page_file.write_text(form_preview(FORM), encoding="utf-8")
    with chromium_page(900, 900) as page:
        page.goto(page_file.as_uri())
        for element in ELEMENTS.values():
            label = re.compile("^" + re.escape(element["attributes"]["label"]) + r"( \*)?$")
            assert page.locator("label, .legend").filter(has_text=label).count() == 1, label
        assert page.locator("input[type=checkbox]").count() == sum(
            len(element["attributes"]["options"]) for element in ELEMENTS.values() if element["type"] == "checkboxes")
        folder = os.environ.get("MAILLAGE_SCREENSHOTS")
        if folder:
            page.screenshot(path=str(Path(folder) / "capture-formulaire-issue.png"), full_page=True)


def _pull_request_step(tmp_path: Path, step: str, **environment: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run scripts/proposal_pr.sh as the workflow does, with a stand-in ``gh`` that records its
    arguments and a bare repository as ``origin``."""
    repository, remote, work = tmp_path / "depot", tmp_path / "origine.git", tmp_path / "travail"
    tools, calls = tmp_path / "outils", tmp_path / "gh.log"
    if not repository.exists():
        for folder in (repository, work, tools):
            folder.mkdir()
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        subprocess.run(["git", "init", "-q", "-b", "main", str(repository)], check=True)
        (repository / "README.md").write_text("essai\n", encoding="utf-8")
        git = ["git", "-c", "user.name=Essai", "-c", "user.email=essai@example.org"]
        subprocess.run([*git, "add", "-A"], cwd=repository, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "départ"], cwd=repository, check=True)
        subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=repository, check=True)
        gh = tools / "gh"
        gh.write_text(f"#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\" >> '{calls}'; done\n"
                      f"printf -- '--\\n' >> '{calls}'\n"
                      "[ \"$1 $2\" = 'pr create' ] && echo https://github.com/o/r/pull/99\nexit 0\n", encoding="utf-8")
        gh.chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "GH_TOKEN": "jeton", "GITHUB_REPOSITORY": "o/r",
           "BASE": "main", **environment}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "proposal_pr.sh"), step, str(work)], cwd=repository,
                            capture_output=True, text=True, env=env, timeout=60)
    return result, calls


def test_the_pull_request_step_never_runs_the_proposers_text(tmp_path: Path) -> None:
    card = "practices/gerer/tenir-un-calendrier.yml"
    result, calls = _pull_request_step(tmp_path, "pr", ISSUE="12", CARD_ID="../x", CARD_PATH=card)
    assert result.returncode == 2 and "identifiant de fiche inattendu" in result.stderr
    result, calls = _pull_request_step(tmp_path, "pr", ISSUE="12; touch x", CARD_ID="a", CARD_PATH=card)
    assert result.returncode == 2 and not calls.exists()

    (tmp_path / "depot" / "practices" / "gerer").mkdir(parents=True)
    (tmp_path / "depot" / card).write_text("id: tenir-un-calendrier\n", encoding="utf-8")
    hostile = "Nouvelle fiche : $(touch pirate) `touch pirate` ; rm -rf ~"
    (tmp_path / "travail" / "titre.txt").write_text(hostile, encoding="utf-8")
    result, calls = _pull_request_step(tmp_path, "pr", ISSUE="12", CARD_ID="tenir-un-calendrier", CARD_PATH=card)
    assert result.returncode == 0, result.stdout + result.stderr
    pushed = subprocess.run(["git", "--git-dir", str(tmp_path / "origine.git"), "show",
                             f"proposition/12-tenir-un-calendrier:{card}"], capture_output=True, text=True)
    assert pushed.stdout == "id: tenir-un-calendrier\n"
    recorded = calls.read_text(encoding="utf-8").split("--\n")
    assert recorded[0].splitlines()[:2] == ["pr", "create"] and hostile in recorded[0].splitlines()
    assert recorded[1].splitlines()[:3] == ["issue", "comment", "12"]
    assert "pull/99" in (tmp_path / "travail" / "merci.md").read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("pirate"))

    (tmp_path / "travail" / "commentaire.md").write_text("À corriger\n", encoding="utf-8")
    result, calls = _pull_request_step(tmp_path, "comment", ISSUE="12")
    assert result.returncode == 0 and calls.read_text(encoding="utf-8").split("--\n")[2].splitlines() == [
        "issue", "comment", "12", "--repo", "o/r", "--body-file", str(tmp_path / "travail" / "commentaire.md")]
