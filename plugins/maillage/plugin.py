"""MkDocs glue: when to load the handbook and where its pages go. Nothing else lives here.

    on_config   resolve paths, make sure the Markdown extensions the templates use are on
    on_files    load and validate every file once, then add generated pages in memory
    on_nav      under ``serve --dirty``, show the pages kept from the last build to other plugins
    on_page_markdown  escape the titles and descriptions the theme prints without escaping
    on_page_content   sanitise the HTML that generated pages produce
    on_env      keep the final list of files, to release the pages' text after the build
    on_page_context   highlight a card's or a case's section in the navigation
    on_post_page      complete the pages that share parts with others (print pages), then
                      apply French typography to the whole page
    on_post_template  the same typography on the theme's own pages (404.html)
    on_post_build     release the pages' memory (memory.py), then index the built site for the
                      header search (Pagefind)
    on_build_error    under ``serve --dirty``, build everything next time
    on_serve    watch the content, the schemas and the templates

Under ``mkdocs build`` any problem fails the build with every message. Under ``mkdocs serve``
the site is replaced by a page listing the problems, so that the browser shows them and no
stale or partial handbook is ever presented as current; fixing the file brings it back.
Under ``mkdocs serve --dirty`` (``make serve``) only the pages an edit changed are built again
(serving/incremental.py), and the search index follows in the background.
"""

from __future__ import annotations

import logging
import posixpath
from urllib.parse import quote
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .addresses import entry_page
from .config import MaillageConfig
from .pipeline import LoadResult, load_handbook
from .printing.pages import PRINT_THEME
from .redirects.pages import redirect_pages
from .rendering.environment import PACKAGE_TEMPLATES, make_environment
from .rendering.memo import Generations
from .rendering.pages import PageWriter, TemplateFailure
from .producers import producers
from .rendering.site import Finish, GeneratedPage
from .rendering.escaping import escape_theme_metadata
from .memory import release_pages, return_free_memory
from .navigation import SectionHighlight
from .rendering.sanitise import sanitise
from .rendering.typography import french_text, french_typography
from .search import indexing
from .serving.incremental import IncrementalBuilds, KeptFile, feed_markdown_events
from .serving.watching import ReturningFolder
from .loading.problems import one_line
from .site_theme import add_theme
from .validation.schemas import SchemaSet

ASSETS = PACKAGE_TEMPLATES.parent / "assets"
log = logging.getLogger("mkdocs.plugins.maillage")
serve_log = logging.getLogger("maillage.serve")
"""Outside the ``mkdocs`` hierarchy on purpose: under ``serve --strict`` an error logged there
would abort the rebuild and leave the last good site on screen, which is what we avoid."""

REQUIRED_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details")
"""What the packaged templates write: tooltips, warning boxes, classes, blocks, folds."""


def _as_is(html: str) -> str:
    return html


class MaillagePlugin(BasePlugin[MaillageConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.sanitised: set[str] = set()
        self.finishers: dict[str, Finish] = {}
        self.schemas: SchemaSet | None = None
        self.searched = False
        self.searchable_pages: dict[str, str] = {}
        """src_uri → dest_uri of the pages readers search, kept pages included."""
        self.kept: set[str] = set()
        self.incremental: IncrementalBuilds | None = None
        self.background_search: indexing.BackgroundIndexing | None = None
        self.producers = producers()
        """Made once: under ``serve`` they keep what an edit did not change (print pages' HTML)."""
        self.section_highlight = SectionHighlight()
        self.built_files: Files | None = None
        self.memo: Generations[str] = Generations()
        """Under ``serve --dirty``: the Markdown written from each entry, kept for the next build."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.background_search = indexing.BackgroundIndexing(serve_log) if self.is_serve else None
        self.incremental = (IncrementalBuilds(before_emptying=self.background_search.wait)
                            if self.background_search is not None and dirty else None)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if not config.use_directory_urls:
            # addresses.py writes directory addresses: printed QR codes, redirects, online links.
            raise PluginError("maillage : use_directory_urls doit rester à true dans mkdocs.yml ; les QR codes "
                              "imprimés, les redirections et les liens en ligne pointent vers fiches/<id>/.")
        self.root = Path(config.config_file_path).resolve().parent
        self.practices_dir = Path(self.config.practices_dir)  # resolved against mkdocs.yml by its option
        self.templates_dir = Path(self.config.templates_dir) if self.config.templates_dir else None
        self.sanitised = set()
        self.finishers = {}
        self.schemas = SchemaSet.load()  # reloaded each build: `serve` watches the schemas
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for asset in sorted(ASSETS.iterdir()):
            uri = f"assets/maillage/{asset.name}"
            if asset.suffix == ".css" and uri not in config.extra_css:
                config.extra_css.append(uri)
            elif asset.suffix == ".js" and uri not in config.extra_javascript:
                config.extra_javascript.append(uri)
        config.theme.dirs.append(str(PRINT_THEME))  # last: a site's custom_dir can replace it
        add_theme(config)  # French 404 page, a repository link that calls no API
        if self.config.search and str(indexing.THEME) not in config.theme.dirs:
            # Just before the theme's own folder (the last with a partials/search.html): over
            # Material's dialog, under a site's custom_dir.
            theme = max((index for index, folder in enumerate(config.theme.dirs)
                         if Path(folder, "partials", "search.html").exists()), default=len(config.theme.dirs))
            config.theme.dirs.insert(theme, str(indexing.THEME))
        return config

    @event_priority(50)  # before Material's tags and search see the files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self._add_assets(files, config)
        self._add_pages_from_files(files, config)
        self.searched = False
        self.kept = set()
        assert self.schemas is not None  # loaded by on_config, which runs first whenever enabled
        result = load_handbook(self.practices_dir, self.root, schemas=self.schemas)
        if result.handbook is None:
            return self._fail(result, files, config)
        for problem in result.problems:  # warnings only: at INFO, so that --strict never fails on them
            log.info("maillage: %s", problem.format())
        environment = make_environment(self.templates_dir)
        environment.globals.update(site_name=config.site_name, site_url=config.site_url)
        memo = None
        if self.incremental is not None:
            memo = self.memo
            memo.start_build(config, self.incremental.settings(config, self._watched_folders(config)))
        writer = PageWriter(result.handbook, environment, self.schemas, abbreviations=self.config.abbreviations,
                            memo=memo, typeset_text=french_text if self.config.french_typography else str)
        try:
            pages = [page for produce in self.producers
                     for page in produce(result.handbook, writer, lambda uri: self._take_intro(files, uri))]
        except TemplateFailure as error:
            raise PluginError(f"Le guide ne peut pas être rendu : {error}") from None
        if self.incremental is not None:
            self.kept = self.incremental.plan(config, pages, files)
        self.searchable_pages = {uri: dest for uri, dest in self.searchable_pages.items() if uri in self.kept}
        for page in pages:
            self._add(files, config, page)
        # Old card addresses (a merged or renamed card): standalone HTML, no page of the theme.
        for uri, html in redirect_pages(result.handbook, environment, config.site_url):
            html = french_typography(html) if self.config.french_typography else html
            files.append(File.generated(config, uri, content=html))
        self.searched = self.config.search
        handbook = result.handbook
        self.section_highlight.plan(handbook)
        log.info("maillage: %d fiches, %d expériences, %d termes, %d sources", len(handbook.cards),
                 len(handbook.cases), len(handbook.terms), len(handbook.sources))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        if self.kept:
            feed_markdown_events(config, files, self.kept)

    @event_priority(-100)  # last: other plugins read the page's metadata as its author wrote it
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        escape_theme_metadata(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.sanitised:
            html = sanitise(html)
        if self.config.search:
            if self.searched and indexing.is_searchable(page):
                html = indexing.searchable(html)
                self.searchable_pages[page.file.src_uri] = page.file.dest_uri
            # Pagefind answers the search: Material's index, read next (on_page_context), stays
            # empty, the problems page's included (under ``--dirty`` Material would keep it).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.built_files = files  # the final list, after every plugin's on_files
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        self.section_highlight.light(page, nav)  # a card's section, highlighted in the navigation
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.section_highlight.dim()
        # Here rather than in on_page_content: MkDocs keeps every page's content until the build
        # ends, and the print pages' full HTML is the whole handbook several times over.
        # Last, on the whole page (title, navigation, content, print fragments): see typography.py.
        typeset = french_typography if self.config.french_typography else _as_is
        finish = self.finishers.get(page.file.src_uri)
        return finish(typeset(output), page, config, typeset) if finish is not None else typeset(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        # The theme's own pages (404.html) are written from templates, not pages: typeset them too.
        if template_name.endswith(".html") and self.config.enabled and self.config.french_typography:
            return french_typography(output_content)
        return output_content

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.incremental is not None:
            self.incremental.succeeded()
        if not self.searched:
            return
        if self.background_search is not None:
            self.background_search.start(Path(config.site_dir), self.searchable_pages.values())
            return
        if self.built_files is not None:  # see memory.py: Pagefind comes next, in a process of its own
            release_pages(self.built_files)
            self.built_files, self.finishers, self.producers = None, {}, producers()
            return_free_memory()
        try:
            pages = indexing.index_site(Path(config.site_dir), self.searchable_pages.values())
        except indexing.SearchIndexFailure as error:
            raise PluginError(str(error)) from None
        log.info("maillage: %d pages indexées pour la recherche", pages)

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental is not None:
            self.incremental.forget()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.config.enabled:
            self.returning_practices = ReturningFolder(server, self.practices_dir)
            server.watch(str(PACKAGE_TEMPLATES.parent))  # schemas, templates, stylesheet
            for path in self.config.pages_from_files.values():
                server.watch(path)
            if self.templates_dir is not None and self.templates_dir.exists():
                server.watch(str(self.templates_dir))
        return server

    # -- helpers --------------------------------------------------------------------------
    def _add(self, files: Files, config: MkDocsConfig, page: GeneratedPage) -> None:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        kind = KeptFile if page.src_uri in self.kept else File
        file = kind.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        if page.edit_path is not None:
            # edit_uri points into docs/; a YAML file's link climbs out of it.
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
            file.edit_uri = quote(posixpath.relpath(page.edit_path, docs))  # Material prints it as is
        files.append(file)
        if page.carries_editor_text:
            self.sanitised.add(page.src_uri)
        if page.finish is not None:
            self.finishers[page.src_uri] = page.finish

    def _watched_folders(self, config: MkDocsConfig) -> list[Path]:
        """Besides docs/, the folders whose files every page's HTML depends on."""
        folders = [PACKAGE_TEMPLATES.parent, *(Path(folder) for folder in [config.theme.custom_dir] if folder)]
        return folders + ([self.templates_dir] if self.templates_dir is not None and self.templates_dir.exists() else [])

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The package's stylesheets and scripts, unless the site ships its own copy."""
        for asset in sorted(ASSETS.iterdir()):
            uri = f"assets/maillage/{asset.name}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(asset)))

    def _add_pages_from_files(self, files: Files, config: MkDocsConfig) -> None:
        """Trusted pages kept outside docs/, read only from inside the project: a pull request
        could turn the file into a link to ``.git/config`` or ``/proc/self/environ``."""
        for uri, path in self.config.pages_from_files.items():
            source = Path(path)
            if source.is_symlink() or not source.resolve().is_relative_to(self.root):
                raise PluginError(f"pages_from_files : {one_line(str(path))} est un lien ou sort du projet ; "
                                  "seul un fichier du projet peut devenir une page.")
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, uri, content=source.read_text(encoding="utf-8"))
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
            file.edit_uri = quote(posixpath.relpath(source.resolve().relative_to(self.root).as_posix(), docs))
            files.append(file)

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
        count = len(result.errors)
        summary = f"Le guide contient {count} problème{'s' if count > 1 else ''} à corriger :\n{report}"
        if not self.is_serve:
            raise PluginError(summary)
        serve_log.error(summary)
        if self.incremental is not None:
            self.incremental.forget(config)  # a dirty build would leave the handbook's pages served
        return self._error_site(result, files, config)

    def _error_site(self, result: LoadResult, files: Files, config: MkDocsConfig) -> Files:
        """Under `serve`: only the problems, at the home page and at every card's address."""
        environment = make_environment(self.templates_dir)
        page = environment.get_template("problems.md.j2").render(problems=result.problems)
        kept = Files([file for file in files if not file.is_documentation_page()])
        kept.append(File.generated(config, "index.md", content=page))
        self.sanitised.add("index.md")
        for path in result.files:
            if path.suffix == ".yml":
                uri = entry_page("card", path.stem)
                kept.append(File.generated(config, uri, content=page, inclusion=InclusionLevel.NOT_IN_NAV))
                self.sanitised.add(uri)
        config.nav = [{"Problèmes à corriger": "index.md"}]
        return kept
