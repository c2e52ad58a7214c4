"""The web editor's tools, installed by ``npm ci`` (Makefile, .ci/run): where they are and a mark
that skips, with the reason, where they are not."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
DECAP_SCRIPT = NODE_MODULES / "decap-cms" / "dist" / "decap-cms.js"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"
NODE = shutil.which("node")

needs_cms = pytest.mark.skipif(
    NODE is None or not DECAP_SCRIPT.is_file() or not DECAP_SERVER.is_file(),
    reason="Decap CMS absent: apt-get install nodejs npm, then npm ci (make and .ci/run do it)")
