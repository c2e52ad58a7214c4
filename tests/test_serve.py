"""``mkdocs serve`` on a fixture handbook: edits show up, a broken card shows its problem, and
fixing it brings the handbook back, without the server ever stopping."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from conftest import Project

CARD = "practices/lancer/choisir-un-animateur.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"après {timeout} s : {what}")


@pytest.fixture
def served(project: Project) -> Iterator[tuple[Project, str, subprocess.Popen]]:
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


def test_serve_rebuilds_shows_problems_and_recovers(served) -> None:
    project, base, server = served
    page = base + "fiches/choisir-un-animateur/"
    original = (project.root / CARD).read_text(encoding="utf-8")

    project.write(CARD, original.replace("Choisir un animateur neutre", "Choisir un animateur indépendant"))
    wait_for(lambda: "Choisir un animateur indépendant" in fetch(page), "la modification servie")

    project.write(CARD, original.replace("kind: practice", "kind: pratique"))
    wait_for(lambda: "Le guide ne se construit pas" in fetch(base), "la page des problèmes")
    assert "kind: pratique" not in fetch(page) and "Le guide ne se construit pas" in fetch(page)
    assert "Choisir un animateur" not in fetch(page), "an old page must never be served as current"
    assert server.poll() is None

    project.write(CARD, original)
    wait_for(lambda: "Choisir un animateur neutre" in fetch(page), "le guide rétabli")
    assert "Le guide ne se construit pas" not in fetch(base)
    assert server.poll() is None
