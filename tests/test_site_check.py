"""The site-wide check that runs after every test build finds what it is there to find."""

from __future__ import annotations

import json
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import _SCRIPT_TEMPLATE

from conftest import FIXTURE, Project
from site_check import Policy, check_page, check_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, MkDocsConfig]:
    """One real build, and its configuration as the build left it (plugin scripts, theme folders)."""
    root = tmp_path_factory.mktemp("verification") / "handbook"
    shutil.copytree(FIXTURE, root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return Project(root), config


def test_a_built_page_passes_and_each_injection_is_caught(built) -> None:
    project, config = built
    policy = Policy.of(config, served=False)
    page = project.page("fiches/choisir-un-animateur/")
    assert check_page(page, "fiches/choisir-un-animateur/", policy)[0] == []
    for injected, finding in [
        ("<script>alert(1)</script>", "script en ligne inconnu"),
        ('<script src="https://evil.example/x.js"></script>', "script non livré"),
        ('<script src="../../assets/maillage/absent.js"></script>', "script non livré"),
        ('<script src="../../assets/javascripts/absent.js"></script>', "script non livré"),
        ('<img src="x.png" onerror="alert(1)">', "gestionnaire d'événement <img onerror"),
        ('<a href=" java\tscript:alert(1)">x</a>', "URL « javascript:alert(1) »"),
        ('<a href="vbscript:msgbox">x</a>', "URL « vbscript:msgbox »"),
        ('<script type="application/json">{"a": "</script><b>"}</script>', "JSON illisible"),
    ]:
        findings, _ = check_page(page.replace("</article>", injected + "</article>"), "fiches/x/", policy)
        assert any(finding in found for found in findings), (injected, findings)


def test_material_and_livereload_scripts_are_known(built) -> None:
    project, config = built
    served = _SCRIPT_TEMPLATE.substitute(epoch=1, request_id=2)
    page = project.page("").replace("</body>", f"<script>{served}</script></body>")
    assert check_page(page, "", Policy.of(config, served=True))[0] == []
    assert "script en ligne inconnu" in check_page(page, "", Policy.of(config, served=False))[0][0]


def test_a_lost_card_is_reported(built, tmp_path) -> None:
    project, config = built
    site = tmp_path / "site"
    shutil.copytree(project.root / "site", site)
    assert check_site(site, config) == []
    shutil.rmtree(site / "fiches" / "animer-le-reseau")
    section = site / "gerer" / "index.html"
    section.write_text(section.read_text(encoding="utf-8").replace("animer-le-reseau", "ailleurs"), encoding="utf-8")
    findings = check_site(site, config)
    assert any("sans page : ['animer-le-reseau']" in finding for finding in findings), findings
    assert any(finding.startswith("gerer/ : fiches de la rubrique absentes") for finding in findings), findings


def test_the_finder_must_hold_every_card(built, tmp_path) -> None:
    project, config = built
    if not (project.root / "site" / "trouver").is_dir():
        pytest.skip("pas encore de page trouver/ dans ce site")
    site = tmp_path / "site"
    shutil.copytree(project.root / "site", site)
    data = site / "trouver" / "fiches.json"
    original = data.read_text(encoding="utf-8")
    content = json.loads(original)
    content["cards"] = content["cards"][1:]
    data.write_text(json.dumps(content), encoding="utf-8")
    assert any(finding.startswith("trouver/fiches.json") for finding in check_site(site, config))
    data.write_text(original, encoding="utf-8")
    texts = site / "trouver" / json.loads(original)["texts"][0]
    rows = json.loads(texts.read_text(encoding="utf-8"))
    rows[0][2] = rows[-1][2]  # the first card's link leads to another card
    texts.write_text(json.dumps(rows), encoding="utf-8")
    assert any(finding.startswith("trouver/textes") for finding in check_site(site, config))
