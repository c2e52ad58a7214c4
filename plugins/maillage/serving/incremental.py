"""Under ``mkdocs serve --dirty`` (``make serve``): build again only the pages an edit changed.

MkDocs builds the whole site again on every save: 40 s for 1,000 cards, while an editor waits
for one page. Its ``--dirty`` mode skips the pages whose source file is older than their output,
which is right for a file on disk and wrong for the rest: a generated page has no file to
compare, pages list other pages (sections, tags, navigation) and a deleted card would leave its
page behind. So the plugin decides which outputs are still right, from what it knows:

- The handbook's pages are generated from the model. A page whose generated Markdown is the same
  as in the previous build, in a site whose *frame* is the same, renders to the same HTML: its
  output is kept (``KeptFile``).
- The frame is everything else a page's HTML depends on: mkdocs.yml; the files of docs/, of the
  plugin and of the template folders; which pages exist; the titles of the pages in the
  navigation, which every page shows. When it changes, or after a build that failed or showed
  the problems page, the site folder is emptied and everything is built again.
- Hand-written pages are always built: they are few, and they may show what other pages hold
  (Material's tags page, included snippets).
- Kept pages still go through the Markdown-stage events (``on_page_markdown``), so that plugins
  gathering data across pages, such as Material's tags, see every page, and the navigation
  shows the title of a kept page as MkDocs reads it from its Markdown.

``tests/test_incremental.py`` checks the promise: after any edit, the site is the same, file
for file, as a clean build of the edited handbook.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from ..rendering.site import GeneratedPage

_DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs's warning on every ``--dirty`` build; under ``strict`` it would fail each of them."""


class KeptFile(File):
    """A generated page whose output from the previous build is still right: MkDocs skips it."""

    def is_modified(self) -> bool:
        return False


class _DirtyWarningFilter(logging.Filter):
    """Drops MkDocs's warning about ``--dirty``: the plugin takes on what it warns about."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


@dataclass(frozen=True)
class _Snapshot:
    frame: str
    pages: dict[str, str]
    """src_uri → digest of the generated Markdown."""


class IncrementalBuilds:
    """What the previous build wrote, and which of its outputs the next build may keep.

    The plugin object lives as long as ``mkdocs serve`` (it defines ``on_startup``), and so does
    this. ``plan`` is called once the pages are generated; ``succeeded`` or ``forget`` once the
    build is over.
    """

    def __init__(self, before_emptying: Callable[[], None]) -> None:
        self.before_emptying = before_emptying
        """Called before the site folder is emptied: whatever still writes into it must finish."""
        self._last: _Snapshot | None = None
        self._pending: _Snapshot | None = None
        self._settings = ""
        build_log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(existing, _DirtyWarningFilter) for existing in build_log.filters):
            build_log.addFilter(_DirtyWarningFilter())  # once, however many serve sessions a process runs

    def settings(self, config: MkDocsConfig, watched_folders: Iterable[Path]) -> str:
        """A digest of the files every page depends on: mkdocs.yml, docs/ and ``watched_folders``
        (the plugin's templates and schemas, a site's theme and templates). Before the pages are
        written: what a build keeps from the previous one (rendering/memo.py) is keyed by it."""
        self._settings = _settings(config, watched_folders)
        return self._settings

    def plan(self, config: MkDocsConfig, pages: list[GeneratedPage], files: Files) -> set[str]:
        """The src_uris of ``pages`` whose output is kept. When none can be, the site folder is
        emptied first; otherwise the hand-written pages' outputs are removed, so that MkDocs
        builds them again. ``settings`` was called first, in the same build."""
        keepable = {page.src_uri: _digest(page.content) for page in pages}
        self._pending = _Snapshot(_frame(self._settings, pages, files), keepable)
        last, self._last = self._last, None  # until this build succeeds, nothing is known good
        if last is None or last.frame != self._pending.frame:
            self._empty(config)
            return set()
        for file in files.documentation_pages():
            if file.generated_by is None and os.path.exists(file.abs_dest_path):
                os.remove(file.abs_dest_path)
        return {uri for uri, digest in keepable.items() if last.pages.get(uri) == digest}

    def succeeded(self) -> None:
        self._last, self._pending = self._pending, None

    def forget(self, config: MkDocsConfig | None = None) -> None:
        """After a failed build or the problems page: the next build starts from an empty folder
        (emptied now when ``config`` is given, since a dirty build does not)."""
        self._last = self._pending = None
        if config is not None:
            self._empty(config)

    def _empty(self, config: MkDocsConfig) -> None:
        self.before_emptying()
        clean_directory(config.site_dir)


def _settings(config: MkDocsConfig, watched_folders: Iterable[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(Path(config.config_file_path).read_bytes())
    for folder in [Path(config.docs_dir), *watched_folders]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def _frame(settings: str, pages: list[GeneratedPage], files: Files) -> str:
    """A digest of everything, besides its own Markdown, that a generated page's HTML depends on."""
    frame = hashlib.blake2b(digest_size=16)
    frame.update(settings.encode())
    for uri in sorted(file.src_uri for file in files):
        frame.update(f"{uri}\n".encode())
    for page in sorted(pages, key=lambda page: page.src_uri):
        title = _nav_title(page.content) if page.in_nav else ""
        frame.update(f"{page.src_uri}\0{page.in_nav}\0{title}\n".encode())
    return frame.hexdigest()


def feed_markdown_events(config: MkDocsConfig, files: Files, kept: set[str]) -> None:
    """Give the kept pages to the Markdown-stage events, as MkDocs does with the pages it builds.

    Their front matter is read with libyaml: MkDocs's own reader is pure Python, and a thousand
    kept pages would cost a second."""
    for file in files.documentation_pages():
        if file.src_uri not in kept:
            continue
        page = file.page or Page(None, file, config)
        front, body = _split_front_matter(file.content_string)
        page.meta = (yaml.load(front, Loader=yaml.CSafeLoader) if front else None) or {}
        page.markdown = config.plugins.on_page_markdown(body, page=page, config=config, files=files)


def _split_front_matter(content: str) -> tuple[str, str]:
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end != -1:
            return content[4:end], content[end + 5:]
    return "", content


def _nav_title(content: str) -> str:
    """The title a page in the navigation shows: its front matter's, else its first heading."""
    body, meta = get_data(content)
    if meta.get("title"):
        return str(meta["title"])
    return next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
