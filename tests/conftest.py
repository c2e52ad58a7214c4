"""Shared helpers: copy the fixture handbook, change files in it, build it for real.

``make test`` runs the suite on every core (pytest-xdist, ``-n auto --dist loadfile``): a module's
tests stay on one worker, so its module fixtures are made once. The session's builds that every
worker reads (``real_site``, ``printed``) are made once for the whole run, by the first worker that
asks, under a file lock (``shared_build``): a test must never write into them.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from mkdocs.commands.build import build
from mkdocs.config import load_config

import browser_support
from maillage.model.handbook import Handbook
from maillage.pipeline import load_handbook
from serve_support import fetch, free_port, wait_for
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


def new_project(root: Path) -> Project:
    """A copy of the fixture handbook at ``root``, with the canaries planted beside it."""
    shutil.copytree(FIXTURE, root)
    project = Project(root)
    project.write(".git/config", f"[remote \"origin\"]\n\textraheader = AUTHORIZATION: {CANARIES[0]}\n")
    project.write("SECRET.txt", CANARIES[1] + "\n")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "handbook")


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(folder)`` once for the whole run, in ``folder``, which is returned.

    Alone, in this session's temporary folder. Under pytest-xdist, in the folder that all the
    workers of this run share (the parent of each one's own): the first worker to ask makes it
    while the others wait on the lock, then they all read it (the xdist documentation's recipe)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.fait"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_real_site(site_dir: Path) -> None:
    """The real handbook, strict, as ``make build`` builds it."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook built once for the whole run, strict, as ``make build`` does.

    Here rather than imported from a test module: an imported fixture is a new fixture in
    each module that imports it, so the site would be built once per module."""
    return shared_build(tmp_path_factory, "real-site", build_real_site)


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The real handbook's model, loaded once for the session."""
    result = load_handbook(ROOT / "practices", ROOT)
    assert [problem.format() for problem in result.problems] == []
    assert result.handbook is not None
    return result.handbook


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture handbook as the ``project`` fixture lays it out, built once for the whole run
    for the tests that only read it (``project`` is for the tests that change it)."""
    root = shared_build(tmp_path_factory, "print", lambda folder: new_project(folder / "handbook").build())
    return Project(root / "handbook")


@pytest.fixture(scope="session")
def model() -> Handbook:
    """The fixture handbook's model."""
    result = load_handbook(FIXTURE / "practices", FIXTURE)
    assert result.handbook is not None
    return result.handbook


@pytest.fixture(scope="session", autouse=True)
def one_browser() -> Iterator[None]:
    """The session's one Chromium (browser_support), closed when the session ends."""
    yield
    browser_support.SHARED.close()


@pytest.fixture
def build_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return caplog


@pytest.fixture
def served(project: Project) -> Iterator[tuple[Project, str, subprocess.Popen]]:
    """``mkdocs serve`` on the fixture handbook, as ``make serve`` runs it, until the test ends."""
    port = free_port()
    server = subprocess.Popen(
        # As `make serve` runs it: --dirty lets the plugin rebuild only what an edit changed.
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/guide/"
    try:
        wait_for(lambda: "Choisir un animateur neutre" in fetch(base + "fiches/choisir-un-animateur/"),
                 "le guide servi")
        yield project, base, server
    finally:
        server.terminate()
        server.wait(timeout=20)
