"""The handbook can move: ProperDocs, the maintained fork of MkDocs 1.x, builds the same site.

MkDocs 1.6.1 is the last 1.x and MkDocs 2 runs no plugin; ProperDocs keeps the 1.x plugin API
and redirects ``mkdocs.*`` imports to itself. Built with it, strict, the real handbook must be
the same file for file as MkDocs builds it, but for the generator's name in each page's head.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("properdocs", reason="ProperDocs absent : make installe requirements.txt")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(real_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-d", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    ours = {path.relative_to(real_site) for path in real_site.rglob("*") if path.is_file()}
    theirs = {path.relative_to(site) for path in site.rglob("*") if path.is_file()}
    assert theirs == ours
    # Pagefind's bundle is made by Pagefind from the pages compared here; once, on a machine
    # loaded far beyond its cores, its worker script differed between two builds of one site.
    compared = [path for path in sorted(ours) if path.parts[0] != "pagefind"]
    different = [str(path) for path in compared
                 if GENERATOR.sub(b"", (real_site / path).read_bytes()) != GENERATOR.sub(b"", (site / path).read_bytes())]
    assert different == []
