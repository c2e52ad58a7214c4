"""MkDocs plugin ``maillage-admin``: the web editor (Decap CMS) at ``admin/`` of the built site.

    on_files   admin/config.yml and admin/formats.json generated from the schemas (cms.py),
               admin/index.html and our formats (admin/maillage-cms.js), and Decap's script with
               the YAML library our formats use, copied from node_modules/ (``npm ci``)

A plugin of its own, beside ``maillage``: the editor is not part of the handbook, and a site
can leave it out by removing one line of ``mkdocs.yml``.

When ``npm ci`` has not been run, the page is still written but says so, and the build logs a
warning on a logger outside MkDocs' own (as ``maillage.serve`` does): ``mkdocs build --strict``
does not fail on it, so the handbook still builds and its tests still run on a machine without
Node. Publication cannot miss it: ``make build`` runs ``npm ci`` first and fails when it fails.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..validation.schemas import SchemaSet
from .cms import cms_config, formats

STATIC = Path(__file__).resolve().parent / "admin"
log = logging.getLogger("maillage.admin")
MISSING = ("L'éditeur web (admin/) est incomplet : le script de Decap CMS est absent de {folder}. "
           "Lancez « npm ci » (ou « make build », qui le fait) pour l'installer.")
CMS_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
"""Decap's bundle and the parts it loads on demand, next to itself; no source maps."""


class AdminConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # GitHub: the repository edited (default: from repo_url), its branch, and the address of the
    # OAuth proxy that logs editors in (default: Netlify's, for a site it hosts).
    repo = c.Optional(c.Type(str))
    branch = c.Type(str, default="main")
    base_url = c.Optional(c.Type(str))
    auth_endpoint = c.Optional(c.Type(str))
    # Where `npm ci` installed decap-cms and yaml, relative to mkdocs.yml.
    node_modules = c.Type(str, default="node_modules")


class AdminPlugin(BasePlugin[AdminConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).resolve().parent
        schemas = SchemaSet.load()
        settings = cms_config(schemas, repo=self.config.repo or _repository(config.repo_url),
                              branch=self.config.branch, base_url=self.config.base_url,
                              auth_endpoint=self.config.auth_endpoint)
        self._generated(files, config, "admin/config.yml",
                        "# Généré à partir des schémas par le plugin maillage-admin : ne pas modifier.\n"
                        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100))
        self._generated(files, config, "admin/formats.json",
                        json.dumps(formats(schemas, root), ensure_ascii=False, indent=1))
        self._copy(files, config, "admin/maillage-cms.js", STATIC / "maillage-cms.js")
        modules = root / self.config.node_modules
        cms, library = modules / "decap-cms" / "dist", modules / "yaml" / "browser" / "dist"
        if not (cms / "decap-cms.js").is_file() or not (library / "index.js").is_file():
            log.warning(MISSING.format(folder=self.config.node_modules + "/"))
            page = (STATIC / "index.html").read_text(encoding="utf-8").replace(
                "<body>", "<body>\n  <p>" + MISSING.format(folder="ce site") + "</p>", 1)
            self._generated(files, config, "admin/index.html", page)
            return files
        self._copy(files, config, "admin/index.html", STATIC / "index.html")
        for pattern in CMS_FILES:
            for path in sorted(cms.glob(pattern)):
                self._copy(files, config, f"admin/{path.name}", path)
        for path in sorted(library.rglob("*.js")):
            self._copy(files, config, f"admin/yaml/{path.relative_to(library).as_posix()}", path)
        return files

    def _generated(self, files: Files, config: MkDocsConfig, uri: str, content: str) -> None:
        self._replace(files, File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))

    def _copy(self, files: Files, config: MkDocsConfig, uri: str, path: Path) -> None:
        self._replace(files, File.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV))

    @staticmethod
    def _replace(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)


def _repository(repo_url: str | None) -> str:
    """``owner/name`` of a GitHub ``repo_url``."""
    path = urlsplit(repo_url or "").path.strip("/").removesuffix(".git")
    return path if path.count("/") == 1 else "maillage/maillage"
