"""Each figure of benchmarks/RESULTS.md, measured the same way for the handbook and its baseline.

Builds run as child processes (``python -m mkdocs build``), as a maintainer runs them. Peak
memory is the largest sum of resident memory over the build and the processes it starts
(Pagefind runs beside MkDocs while MkDocs still holds every page), sampled from /proc ten
times a second; ``os.wait4`` alone would report the largest single process.
"""

from __future__ import annotations

import cProfile
import gzip
import io
import json
import math
import os
import pstats
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import yaml_load

from .queries import typed_searches

ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    """User and system time of the build and the processes it waited for: less disturbed than
    wall time by other jobs on the machine."""
    peak_mb: float


def build(project: Path, site: Path) -> Build:
    """One ``mkdocs build`` in a child process: wall time, CPU time, peak memory of its tree."""
    # Not --quiet: it hides warnings from strict mode, and a build with warnings must fail here.
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, cwd=project, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        while True:
            finished, status, usage = os.wait4(child.pid, os.WNOHANG)
            if finished:
                break
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} a échoué :\n{errors.read().decode('utf-8', 'replace')[-3000:]}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss * 1024) / 2**20)


def _tree_rss(pid: int) -> int:
    """Bytes of resident memory of ``pid`` and all its descendants, now."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # the process ended between two reads
    return total


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


@dataclass(frozen=True)
class SiteFigures:
    site_mb: float
    card_page_median_kb: float
    card_page_max_kb: float
    search_engine: str
    first_search_kb: float
    """What a browser fetches for a first search, as a web server sends it (gzip where it helps)."""
    finder_data_kb: float | None
    finder_page_kb: float | None
    finder_texts_kb: float | None = None
    """The text files the finder's first view loads (the first page of cards, no filter)."""

    @property
    def finder_first_view_kb(self) -> float | None:
        """Everything the finder loads to show its first view: page, data and text files."""
        if self.finder_page_kb is None:
            return None
        return self.finder_page_kb + (self.finder_data_kb or 0) + (self.finder_texts_kb or 0)

    typed_search_median_kb: float | None = None
    """Real queries typed into the dialog (queries.py), median and largest: what readers download;
    ``first_search_kb`` is the worst case."""
    typed_search_max_kb: float | None = None
    typed_search_heaviest: str | None = None


def site_figures(site: Path) -> SiteFigures:
    cards = sorted(path.stat().st_size for path in (site / "fiches").glob("*/index.html"))
    engine, first_search = _first_search(site)
    typed = typed_searches(site)  # None for Material's search, or without Playwright and Chromium
    finder_data, finder_page = site / "trouver" / "fiches.json", site / "trouver" / "index.html"
    return SiteFigures(
        site_mb=tree_bytes(site) / 1e6,
        card_page_median_kb=statistics.median(cards) / 1000,
        card_page_max_kb=cards[-1] / 1000,
        search_engine=engine,
        first_search_kb=first_search / 1000,
        finder_data_kb=gzipped(finder_data) / 1000 if finder_data.exists() else None,
        finder_page_kb=gzipped(finder_page) / 1000 if finder_page.exists() else None,
        finder_texts_kb=_finder_first_texts(finder_data) / 1000 if finder_data.exists() else None,
        typed_search_median_kb=typed and typed.median_kb,
        typed_search_max_kb=typed and typed.max_kb,
        typed_search_heaviest=typed and typed.heaviest,
    )


def first_view_texts(data: dict) -> list[str]:
    """The text files (relative to the data file) that the finder fetches for its first view:
    those holding the first page of cards; none for a finder that lists every card in its page."""
    if "texts" not in data:
        return []
    return data["texts"][:math.ceil(min(data["page"], len(data["cards"])) / data["chunk"])]


def _finder_first_texts(finder_data: Path) -> int:
    data = json.loads(finder_data.read_text(encoding="utf-8"))
    return sum(gzipped(finder_data.parent / name) for name in first_view_texts(data))


FRAGMENTS_SHOWN = 10
"""Results whose excerpt a first search shows, each a Pagefind fragment."""


def _first_search(site: Path) -> tuple[str, int]:
    """Bytes of a first search, at worst. Pagefind: its script, entry, French WASM and metadata,
    the two largest index chunks and ten typical fragments (its own files are already compressed).
    The largest chunks are those of the words on every page ("de", "le"), which a query for a
    subject does not fetch: ``queries.typed_searches`` measures such queries.
    Material: the whole index, its worker and lunr's French files, gzipped."""
    pagefind = site / "pagefind"
    if (pagefind / "pagefind-entry.json").exists():
        chunks = sorted(path.stat().st_size for path in (pagefind / "index").glob("*.pf_index"))
        fragments = sorted(path.stat().st_size for path in (pagefind / "fragment").glob("*.pf_fragment"))
        fixed = gzipped(pagefind / "pagefind.js") + gzipped(pagefind / "pagefind-entry.json")
        fixed += sum(path.stat().st_size for path in [*pagefind.glob("wasm.fr.pagefind"), *pagefind.glob("*.pf_meta")])
        typical = statistics.median(fragments) if fragments else 0
        return "Pagefind", int(fixed + sum(chunks[-2:]) + FRAGMENTS_SHOWN * typical)
    scripts = site / "assets" / "javascripts"
    files = [site / "search" / "search_index.json", *sorted((scripts / "workers").glob("search.*.min.js")),
             *(scripts / "lunr" / "min" / name for name in ("lunr.stemmer.support.min.js", "lunr.fr.min.js"))]
    return "Material (lunr)", sum(gzipped(path) for path in files if path.exists())


def validation_times(project: Path, repeats: int) -> tuple[list[float], list[float]]:
    """(load_handbook, CSafeLoader parse) seconds, alternated, over every file of practices/."""
    from maillage.pipeline import find_files, load_handbook

    practices = project / "practices"
    paths = find_files(practices)
    loaded, parsed = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        result = load_handbook(practices, project)
        loaded.append(time.perf_counter() - start)
        if result.problems:
            raise RuntimeError(f"le guide synthétique a des problèmes : {result.problems[:3]}")
        start = time.perf_counter()
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        parsed.append(time.perf_counter() - start)
    return loaded, parsed


_TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)


def _card_to_edit(project: Path) -> Path:
    """The card whose title the edit loop and its profile change: the same one in both."""
    return sorted((project / "practices" / "gerer").glob("*.yml"))[0]


def retitled(card_text: str, title: str) -> str:
    """The card's text with ``title`` in place of its one-line title."""
    edited = _TITLE_LINE.sub(f"title: {title}", card_text, count=1)
    if edited == card_text:
        raise ValueError("aucune ligne « title: » dans la fiche à modifier")
    return edited


def edit_to_reload(project: Path, edits: int, timeout: float = 600, first_build: float = 3600) -> list[float]:
    """Seconds from saving a card to ``mkdocs serve`` serving the changed page, ``edits`` times.

    The browser's livereload poll adds at most its own interval on top; the rebuild is the cost.
    """
    card = _card_to_edit(project)
    site_url = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}{urlsplit(site_url).path.rstrip('/')}/fiches/{card.stem}/"
    server = subprocess.Popen(
        # As `make serve` runs it: with --dirty the plugin rebuilds only what the edit changed.
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}", "-f",
         str(project / "mkdocs.yml")],
        cwd=project, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = card.read_text(encoding="utf-8")
    try:
        _wait_for(lambda: _fetch(url), first_build)  # the whole site, once: minutes at 10,000 cards
        times = []
        for number in range(edits):
            # Words only: French typography turns an apostrophe or a space before « : » into
            # other characters on the page, and the marker would never be found. The marker
            # replaces the title: added to it, it made a long title too long for the schema, and
            # the server showed the problems page instead of the card (tests/test_bench.py).
            marker = f"Modification numero {number} banc essai"
            start = time.perf_counter()
            card.write_text(retitled(original, marker), encoding="utf-8")
            _wait_for(lambda: marker in _fetch(url), timeout)
            times.append(time.perf_counter() - start)
            time.sleep(1)  # let the watcher settle before the next save
        return times
    finally:
        card.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"rien après {timeout} s")


@dataclass(frozen=True)
class HotSpot:
    function: str
    cumulative: float
    own: float
    calls: int


def profile_build(project: Path, site: Path) -> tuple[float, list[HotSpot]]:
    """cProfile of one in-process build: total seconds and every function's times."""
    from mkdocs.commands.build import build as mkdocs_build

    config = _config(project, site)
    config.plugins.on_startup(command="build", dirty=False)
    with _inside(project):
        return _profiled(lambda: mkdocs_build(config))


def profile_edit(project: Path, site: Path) -> tuple[float, list[HotSpot]]:
    """cProfile of the build ``make serve`` runs once a card's title is saved.

    As ``mkdocs serve --dirty`` does it, in one process: the plugin started once, a first
    build, then the configuration read again and a dirty build after the edit. The first
    build's background search indexing is awaited, so that the profile holds the rebuild alone.
    """
    from mkdocs.commands.build import build as mkdocs_build

    config = _config(project, site)
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["maillage"]
    card = _card_to_edit(project)
    original = card.read_text(encoding="utf-8")
    with _inside(project):
        try:
            mkdocs_build(config, dirty=True)
            plugin.background_search.wait()
            card.write_text(retitled(original, "Modification profilee banc essai"), encoding="utf-8")
            edited = _config(project, site)
            # MkDocs keeps a plugin that has on_startup from one configuration to the next, as
            # under serve: it remembers the last build.
            assert edited.plugins["maillage"] is plugin
            return _profiled(lambda: mkdocs_build(edited, dirty=True))
        finally:
            card.write_text(original, encoding="utf-8")
            plugin.background_search.wait()


def profile_validation(project: Path) -> tuple[float, list[HotSpot]]:
    """cProfile of ``load_handbook`` over the handbook, as a build runs it first."""
    from maillage.pipeline import load_handbook

    return _profiled(lambda: load_handbook(project / "practices", project))


def _config(project: Path, site: Path):
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    return load_config(str(project / "mkdocs.yml"), site_dir=str(site))


@contextmanager
def _inside(project: Path) -> Iterator[None]:
    """In the project's folder, as the child processes run: relative paths in mkdocs.yml
    (snippets) agree."""
    here = Path.cwd()
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(here)


def _profiled(work: Callable[[], object]) -> tuple[float, list[HotSpot]]:
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(work)
    total = time.perf_counter() - start
    stats = pstats.Stats(profiler, stream=io.StringIO())
    spots = []
    for (filename, line, name), (calls, _, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        spots.append(HotSpot(f"{_short(filename)}:{line}({name})", cumulative, own, calls))
    return total, spots


def _short(filename: str) -> str:
    for marker in ("site-packages/", "plugins/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename
