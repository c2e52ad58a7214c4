"""Shared helpers: copy the fixture handbook, change files in it, build it for real."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_check import check_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "handbook"


@dataclass
class Project:
    """A throwaway handbook project in a temporary folder."""

    root: Path

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def build(self, *, serve: bool = False) -> Path:
        """Build like ``mkdocs build`` into ``site/``; returns the site folder."""
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / "site"))
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        build(config)
        findings = check_site(self.root / "site", config, canaries=CANARIES)
        assert not findings, "\n".join(findings)
        return self.root / "site"

    def page(self, url: str) -> str:
        """The HTML a reader gets at ``url`` (``fiches/x/``)."""
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")


CANARIES = ("canari-git-7f3a9c", "canari-secret-2b8e41")
"""Planted in every test project outside practices/ and docs/: no built file may hold them."""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURE, tmp_path / "handbook")
    project = Project(tmp_path / "handbook")
    project.write(".git/config", f"[remote \"origin\"]\n\textraheader = AUTHORIZATION: {CANARIES[0]}\n")
    project.write("SECRET.txt", CANARIES[1] + "\n")
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook built once for the whole session, strict, as ``make build`` does.

    Here rather than imported from a test module: an imported fixture is a new fixture in
    each module that imports it, so the site would be built once per module."""
    site_dir = tmp_path_factory.mktemp("real-site")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site_dir


@pytest.fixture
def build_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return caplog
