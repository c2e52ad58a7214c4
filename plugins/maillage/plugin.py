"""MkDocs glue: when to load the handbook and where its pages go. Nothing else lives here.

    on_config   resolve paths, make sure the Markdown extensions the templates use are on
    on_files    load and validate every file once, then add generated pages in memory
    on_page_content   sanitise the HTML that generated pages produce
    on_post_build     let the search index match words typed without accents
    on_serve    watch the content, the schemas and the templates

Under ``mkdocs build`` any problem fails the build with every message. Under ``mkdocs serve``
the site is replaced by a page listing the problems, so that the browser shows them and no
stale or partial handbook is ever presented as current; fixing the file brings it back.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import MaillageConfig
from .pipeline import LoadResult, load_handbook
from .rendering.environment import PACKAGE_TEMPLATES, make_environment
from .rendering.pages import CASES_URI, GLOSSARY_URI, SOURCES_URI, PageWriter, TemplateFailure
from .rendering.sanitise import sanitise
from .search.folding import add_folded_field
from .validation.schemas import SchemaSet

log = logging.getLogger("mkdocs.plugins.maillage")
serve_log = logging.getLogger("maillage.serve")
"""Outside the ``mkdocs`` hierarchy on purpose: under ``serve --strict`` an error logged there
would abort the rebuild and leave the last good site on screen, which is what we avoid."""

REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details")
"""What the packaged templates write: tooltips, warning boxes, classes, blocks, folds."""


class MaillagePlugin(BasePlugin[MaillageConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.generated: set[str] = set()
        self.schemas: SchemaSet | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path).resolve().parent
        self.practices_dir = self.root / self.config.practices_dir
        self.templates_dir = self.root / self.config.templates_dir if self.config.templates_dir else None
        self.generated = set()
        self.schemas = SchemaSet.load()  # reloaded each build: `serve` watches the schemas
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.append("assets/maillage/maillage.css")
        return config

    @event_priority(50)  # before Material's tags and search see the files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        result = load_handbook(self.practices_dir, self.root, schemas=self.schemas)
        files.append(File.generated(config, "assets/maillage/maillage.css",
                                    abs_src_path=str(PACKAGE_TEMPLATES.parent / "assets" / "maillage.css")))
        if result.handbook is None:
            return self._fail(result, files, config)
        try:
            self._generate(result, files, config)
        except TemplateFailure as error:
            raise PluginError(f"Le guide ne peut pas être rendu : {error}") from None
        return files

    def _generate(self, result: LoadResult, files: Files, config: MkDocsConfig) -> None:
        writer = PageWriter(result.handbook, make_environment(self.templates_dir),
                            abbreviations=self.config.abbreviations)
        handbook = result.handbook
        for card in handbook.cards.values():
            self._add(files, config, card.src_uri, writer.card(card), card.source_file, in_nav=False)
        for case in handbook.cases.values():
            self._add(files, config, case.src_uri, writer.case(case), case.source_file, in_nav=False)
        for section in handbook.sections:
            intro, edit = self._take_intro(files, section.src_uri)
            self._add(files, config, section.src_uri, writer.section(section, intro), edit)
        for uri, write in ((CASES_URI, writer.cases_index), (GLOSSARY_URI, writer.glossary),
                           (SOURCES_URI, writer.sources)):
            intro, edit = self._take_intro(files, uri)
            self._add(files, config, uri, write(intro), edit)
        log.info("maillage: %d fiches, %d expériences, %d termes, %d sources", len(handbook.cards),
                 len(handbook.cases), len(handbook.terms), len(handbook.sources))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.generated:
            return sanitise(html)
        return None

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.config.enabled and self.config.search_folding and index.exists():
            index.write_text(add_folded_field(index.read_text(encoding="utf-8")), encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            server.watch(str(self.practices_dir))
            server.watch(str(PACKAGE_TEMPLATES.parent))  # schemas, templates, stylesheet
            if self.templates_dir is not None and self.templates_dir.exists():
                server.watch(str(self.templates_dir))
        return server

    # -- helpers --------------------------------------------------------------------------
    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, content: str,
             edit_path: str | None, *, in_nav: bool = True) -> None:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=content, inclusion=inclusion)
        if edit_path is not None:
            # The edit link opens the YAML source; edit_uri points into docs/, so climb out.
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
            file.edit_uri = posixpath.relpath(edit_path, docs) if not edit_path.startswith(docs + "/") \
                else edit_path[len(docs) + 1:]
        files.append(file)
        self.generated.add(src_uri)

    def _take_intro(self, files: Files, src_uri: str) -> tuple[str | None, str | None]:
        """The hand-written introduction of a generated page, removed to make room for it."""
        existing = files.get_file_from_path(src_uri)
        if existing is None:
            return None, None
        files.remove(existing)
        docs = Path(existing.src_dir or ".").resolve().relative_to(self.root).as_posix() if existing.src_dir else ""
        return existing.content_string, posixpath.join(docs, src_uri) if docs else None

    def _fail(self, result: LoadResult, files: Files, config: MkDocsConfig) -> Files:
        report = "\n".join(problem.format() for problem in result.problems)
        count = len(result.problems)
        summary = f"Le guide contient {count} problème{'s' if count > 1 else ''} à corriger :\n{report}"
        if not self.is_serve:
            raise PluginError(summary)
        serve_log.error(summary)
        return self._error_site(result, files, config)

    def _error_site(self, result: LoadResult, files: Files, config: MkDocsConfig) -> Files:
        """Under `serve`: only the problems, at the home page and at every card's address."""
        environment = make_environment(self.templates_dir)
        page = environment.get_template("problems.md.j2").render(problems=result.problems)
        kept = Files([file for file in files if not file.is_documentation_page()])
        kept.append(File.generated(config, "index.md", content=page))
        for path in result.files:
            if path.suffix == ".yml":
                kept.append(File.generated(config, f"fiches/{path.stem}.md", content=page,
                                           inclusion=InclusionLevel.NOT_IN_NAV))
        config.nav = [{"Problèmes à corriger": "index.md"}]
        return kept
