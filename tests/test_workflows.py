"""The GitHub workflows: actionlint-clean, least privilege, no pull-request text in a shell, pip
cached; the content check quick and apart from the engine's tests; the preview published from
the default branch's script, for card-only pull requests, and never from anything the pull
request says about itself."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
HOSTILE_EXPRESSIONS = re.compile(r"\$\{\{[^}]*(pull_request\.(title|body|head\.ref|head\.label)|head_ref|"
                                 r"issue\.(title|body)|comment\.body|review\.body|head_commit\.message|"
                                 r"workflow_run\.(head_branch|display_title|head_commit))")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key « on » as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_actionlint_finds_nothing() -> None:
    found = shutil.which("actionlint", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                             os.environ.get("PATH", "")]))
    if found is None:
        pytest.skip("actionlint absent : « make actionlint » l'installe (requirements-lint.txt ; l'installation "
                    "télécharge son binaire depuis GitHub)")
    run = subprocess.run([found, "-color=false"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_every_workflow_is_least_privilege(path: Path) -> None:
    data = load(path)
    assert "permissions" in data, f"{path.name} : pas de « permissions: » au niveau du workflow"
    assert data["permissions"] in ({}, {"contents": "read"}), path.name
    for step in steps(data):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name
        assert not HOSTILE_EXPRESSIONS.search(step.get("run", "")), (path.name, step.get("name"))
        if step.get("uses", "").startswith("actions/setup-python@"):
            assert step["with"].get("cache") == "pip", path.name
    for name, job in data["jobs"].items():
        for scope, level in job.get("permissions", {}).items():
            assert level in ("read", "write", "none"), (path.name, name, scope)


def test_a_card_only_pull_request_gets_the_quick_check_and_not_the_engine_tests() -> None:
    check = load(ROOT / ".github/workflows/verification.yml")
    assert "paths" not in (check["on"]["pull_request"] or {})
    commands = [step["run"] for step in steps(check) if "run" in step]
    assert not any("make test" in command for command in commands)
    assert any(step.get("with", {}).get("name") == "apercu" for step in steps(check))
    assert check["permissions"] == {"contents": "read"}
    tests = load(ROOT / ".github/workflows/tests.yml")
    paths = tests["on"]["pull_request"]["paths"]
    for engine in ("plugins/**", "tests/**", "scripts/**", "requirements*.txt"):
        assert engine in paths
    assert not any(path.startswith("practices") for path in paths)
    assert "make test" in [step.get("run") for step in steps(tests)]


def test_validation_installs_no_test_package() -> None:
    """make validate and the check install requirements.txt; pytest and the browser come with make test."""
    site = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for heavy in ("playwright", "pytest", "hypothesis", "axe-playwright-python"):
        assert f"\n{heavy}==" not in site, heavy
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in dev and "playwright==" in dev and "check-jsonschema==" in dev
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^validate: \$\(STAMP\)$", makefile, re.MULTILINE)
    assert re.search(r"^test: \$\(DEV_STAMP\)", makefile, re.MULTILINE)


def test_the_preview_runs_the_default_branchs_script_only() -> None:
    preview = load(ROOT / ".github/workflows/apercu.yml")
    assert preview["permissions"] == {}
    assert set(preview["on"]) == {"workflow_run", "pull_request_target"}
    assert preview["on"]["pull_request_target"]["types"] == ["closed"]
    for step in steps(preview):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert "ref" not in step.get("with", {}), "the preview must never check out the pull request"


# -- scripts/pages.sh, as the workflows run it, with a stand-in gh and a bare gh-pages remote ----------

STAND_IN_GH = """#!/usr/bin/env python3
import os, sys
arguments = sys.argv[1:]
with open(os.environ["GH_LOG"], "a", encoding="utf-8") as log:
    log.write(" ".join(arguments) + "\\n")
path = next((argument for argument in arguments if argument.startswith("repos/")), "")
if "pulls?state=open" in path:
    print(os.environ.get("FAKE_PR", ""))
elif path.endswith("/files?per_page=100"):
    print(os.environ.get("FAKE_FILES", "").replace(",", "\\n"))
elif path.endswith("/pages"):
    print("https://maillage.github.io/maillage/")
"""


def pages(tmp_path: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    tools, remote = tmp_path / "outils", tmp_path / "pages.git"
    if not tools.exists():
        tools.mkdir()
        (tools / "gh").write_text(STAND_IN_GH, encoding="utf-8")
        (tools / "gh").chmod(0o755)
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "GH_LOG": str(tmp_path / "gh.log"),
           "GITHUB_REPOSITORY": "maillage/maillage", "PAGES_REMOTE": str(remote), "GH_TOKEN": "jeton",
           **environment}
    return subprocess.run(["bash", str(ROOT / "scripts" / "pages.sh"), *arguments], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=60)


def published(tmp_path: Path) -> set[str]:
    listing = subprocess.run(["git", "--git-dir", str(tmp_path / "pages.git"), "ls-tree", "-r", "--name-only",
                              "gh-pages"], capture_output=True, text=True, check=True)
    return set(listing.stdout.split())


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_previews_live_beside_the_handbook_on_gh_pages(tmp_path: Path) -> None:
    sha = "a" * 40
    main = site(tmp_path / "site", "guide")
    assert pages(tmp_path, "publish", str(main), MODE="site").returncode == 0
    preview = site(tmp_path / "apercu-recu", "aperçu")
    (preview / "fiches").mkdir()
    (preview / "fiches" / "index.html").write_text("fiche", encoding="utf-8")
    run = pages(tmp_path, "publish", str(preview), MODE="apercu", RUN_HEAD_SHA=sha, FAKE_PR="12",
                FAKE_FILES="practices/lancer/x.yml")
    assert run.returncode == 0, run.stderr
    assert published(tmp_path) == {".nojekyll", "index.html", "apercu/pr-12/index.html",
                                   "apercu/pr-12/fiches/index.html"}
    log = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert "pr comment 12 --repo maillage/maillage --body-file" in log

    (main / "index.html").write_text("guide 2", encoding="utf-8")
    assert pages(tmp_path, "publish", str(main), MODE="site").returncode == 0
    assert "apercu/pr-12/index.html" in published(tmp_path)  # the main site keeps the previews

    assert pages(tmp_path, "remove", "-", PR_NUMBER="12").returncode == 0
    assert published(tmp_path) == {".nojekyll", "index.html"}


def test_no_preview_for_an_engine_change_or_an_unknown_commit(tmp_path: Path) -> None:
    preview = site(tmp_path / "apercu-recu", "<script>voler()</script>")
    run = pages(tmp_path, "publish", str(preview), MODE="apercu", RUN_HEAD_SHA="b" * 40, FAKE_PR="7",
                FAKE_FILES="practices/lancer/x.yml,plugins/maillage/templates/card.md.j2")
    assert run.returncode == 0, run.stderr
    assert "apercu" not in " ".join(subprocess.run(
        ["git", "--git-dir", str(tmp_path / "pages.git"), "branch"], capture_output=True, text=True).stdout)
    assert "pr comment 7" in (tmp_path / "gh.log").read_text(encoding="utf-8")  # « Aperçu non publié »
    bad = pages(tmp_path, "publish", str(preview), MODE="apercu", RUN_HEAD_SHA="main; touch pirate")
    assert bad.returncode == 2 and not list(tmp_path.rglob("pirate"))
    unknown = pages(tmp_path, "publish", str(preview), MODE="apercu", RUN_HEAD_SHA="c" * 40, FAKE_PR="")
    assert unknown.returncode == 0 and "pas d'aperçu" in unknown.stderr
    assert pages(tmp_path, "remove", "-", PR_NUMBER="1 2").returncode == 2


def test_a_preview_with_a_link_is_refused(tmp_path: Path) -> None:
    preview = site(tmp_path / "apercu-recu", "aperçu")
    (preview / "secret").symlink_to("/etc/passwd")
    run = pages(tmp_path, "publish", str(preview), MODE="apercu", RUN_HEAD_SHA="d" * 40, FAKE_PR="3",
                FAKE_FILES="practices/lancer/x.yml")
    assert run.returncode == 1 and "refusé" in run.stderr
