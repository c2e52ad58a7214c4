"""benchmarks/RESULTS.md from the measures: machine, versions, commands, every figure with its
median and spread, and each target of issues 7 and 19 with its ratio and verdict.

The analysis below the marker line is written by hand (causes of misses, plans) and kept as
it is when the figures are measured again.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .measures import Build, HotSpot, SiteFigures

MARKER = "<!-- Analyse écrite à la main : scripts/bench.py conserve tout ce qui suit cette ligne. -->"
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML", "jsonschema",
            "jsonschema-rs", "nh3", "Jinja2")


@dataclass
class SizeResults:
    cards: int
    files: int
    handbook: list[Build] = field(default_factory=list)
    baseline: list[Build] = field(default_factory=list)
    handbook_site: SiteFigures | None = None
    baseline_site: SiteFigures | None = None
    loaded: list[float] = field(default_factory=list)
    parsed: list[float] = field(default_factory=list)


@dataclass
class Results:
    command: str
    quick: bool
    sizes: dict[int, SizeResults]
    build_commands: list[str]
    edits: dict[int, list[float]] = field(default_factory=dict)
    profile: tuple[int, float, list[HotSpot]] | None = None
    edit_profile: tuple[int, float, list[HotSpot]] | None = None
    validation_profile: tuple[int, float, list[HotSpot]] | None = None


def median(values: list[float]) -> float:
    return statistics.median(values)


def number(value: float, digits: int = 1) -> str:
    """French decimals: ``1,25``."""
    return f"{value:.{digits}f}".replace(".", ",")


def cards(count: int) -> str:
    """``10 000``: French thousands."""
    return f"{count:,}".replace(",", "\u202f")


def spread(values: list[float], unit: str = "s", digits: int = 1) -> str:
    """``12,3 s (11,9–12,8 ; n = 3)``: the median, then the lowest and highest runs."""
    return (f"{number(median(values), digits)} {unit} ({number(min(values), digits)}–{number(max(values), digits)} ; "
            f"n = {len(values)})")


@dataclass(frozen=True)
class Target:
    name: str
    value: float | None
    limit: float
    unit: str
    digits: int = 2

    def row(self) -> str:
        measured = f"{number(self.value, self.digits)} {self.unit}" if self.value is not None else "—"
        if self.value is None:
            result = "non mesuré"
        else:
            result = "✅ atteint" if self.value <= self.limit else "❌ manqué"
        return f"| {self.name} | {measured} | ≤ {number(self.limit, self.digits)} {self.unit} | {result} |"


def targets(results: Results) -> list[Target]:
    """The targets of issues 7 and 19, each from the run's medians; None where the run did not measure it."""
    sizes = results.sizes

    def ratio(size: int, what: str) -> float | None:
        item = sizes.get(size)
        if item is None:
            return None
        return median([getattr(run, what) for run in item.handbook]) / median([getattr(run, what) for run in item.baseline])

    scaling = (median([run.seconds for run in sizes[10_000].handbook]) / median([run.seconds for run in sizes[1_000].handbook])
               if 10_000 in sizes and 1_000 in sizes else None)
    largest = sizes[max(sizes)]
    reader = sizes[10_000].handbook_site if 10_000 in sizes else None
    finder = reader.finder_first_view_kb if reader is not None else None
    return [
        Target("Construction, 1 000 fiches : guide / référence", ratio(1_000, "seconds"), 1.10, "×"),
        Target("Construction, 10 000 fiches : guide / référence", ratio(10_000, "seconds"), 1.10, "×"),
        Target("Construction : 10 000 fiches / 1 000 fiches (guide)", scaling, 11, "×", 1),
        Target(f"Validation, {cards(largest.cards)} fiches : load_handbook / lecture CSafeLoader",
               median(largest.loaded) / median(largest.parsed), 1.25, "×"),
        Target("Page de fiche la plus lourde, 10 000 fiches", reader and reader.card_page_max_kb, 50, "Ko", 0),
        Target("Première recherche (gzip), 10 000 fiches", reader and reader.first_search_kb, 150, "Ko", 0),
        Target("« Trouver » : page, données et textes de la première vue (gzip), 10 000 fiches", finder, 300, "Ko", 0),
        Target("Mémoire maximale, 10 000 fiches : guide / référence", ratio(10_000, "peak_mb"), 1.30, "×"),
        *(Target(f"Édition sous `mkdocs serve`, {cards(size)} fiches", median(results.edits[size]) if size in results.edits
                 else None, limit, "s", 1) for size, limit in ((1_000, 1), (10_000, 3))),
    ]


def render(results: Results, previous: str | None) -> str:
    sizes = results.sizes

    def ratio(item: SizeResults, what: str) -> str:
        return number(median([getattr(run, what) for run in item.handbook])
                      / median([getattr(run, what) for run in item.baseline]), 2) + " ×"

    lines = [
        "# Banc d'essai du moteur (issues 7 et 19)",
        "",
        f"Mesuré le {datetime.date.today().isoformat()} par `{results.command}`"
        + (" (mode rapide : 100 et 1 000 fiches ; les cibles à 10 000 fiches ne sont pas mesurées)." if results.quick else "."),
        "Ce fichier est réécrit par `scripts/bench.py` (`make bench`), sauf l'analyse en fin de page.",
        "",
        "## Machine et versions",
        "",
        f"- {platform.platform()}, Python {platform.python_version()}",
        f"- processeur : {_cpu()}, {os.cpu_count()} cœurs ; mémoire : {_memory()}",
        "- " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
        "",
        "## Objectifs",
        "",
        "| objectif | mesure | cible | résultat |",
        "|---|---|---|---|",
        *[target.row() for target in targets(results)],
        "",
        "Médiane de plusieurs constructions ; guide et référence construits en alternance. Le temps CPU",
        "(utilisateur et système, processus lancés compris) est donné à côté du temps écoulé : sur une",
        "machine partagée, il dépend moins des autres tâches.",
        "",
        "## Commandes",
        "",
        "Chaque construction est un processus à part ; le temps est celui du processus entier, la mémoire",
        "le maximum de la mémoire résidente du processus et de ceux qu'il lance (Pagefind), additionnées,",
        "relevée dix fois par seconde dans /proc. Les sites synthétiques sont dans le dossier de travail indiqué.",
        "",
        "```sh",
        *results.build_commands,
        "```",
        "",
        "## Construction",
        "",
        "| fiches | fichiers YAML | guide | référence (MkDocs seul) | rapport | rapport en temps CPU | mémoire guide | mémoire référence | rapport |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size, item in sorted(sizes.items()):
        lines.append(
            f"| {cards(size)} | {item.files} | {spread([b.seconds for b in item.handbook])} | {spread([b.seconds for b in item.baseline])} "
            f"| {ratio(item, 'seconds')} | {ratio(item, 'cpu_seconds')} | {spread([b.peak_mb for b in item.handbook], 'Mo', 0)} "
            f"| {spread([b.peak_mb for b in item.baseline], 'Mo', 0)} | {ratio(item, 'peak_mb')} |")
    lines += [
        "",
        "## Validation",
        "",
        "`load_handbook` (lecture, schémas, renvois, modèle) contre la seule lecture des mêmes fichiers",
        "par `yaml.load(…, Loader=CSafeLoader)`, en alternance, dans le même processus.",
        "",
        "| fiches | load_handbook | lecture CSafeLoader | rapport |",
        "|---|---|---|---|",
        *[f"| {cards(size)} | {spread(item.loaded, 's', 2)} | {spread(item.parsed, 's', 2)} "
          f"| {number(median(item.loaded) / median(item.parsed), 2)} × |" for size, item in sorted(sizes.items())],
        "",
        "## Ce que le lecteur télécharge",
        "",
        "Tailles compressées par gzip (niveau 6), comme un serveur web les envoie. « Première recherche » :",
        "avec Pagefind, son script, son entrée, le WASM et les métadonnées du français, les deux plus gros",
        "morceaux d'index et dix extraits de résultats ; avec la recherche de Material, tout son index, son",
        "worker et les fichiers lunr du français. C'est le pire cas : les plus gros morceaux sont ceux des",
        "mots de toutes les pages (« de », « le »). « Recherches tapées » : douze vraies requêtes",
        "(`benchmarking/queries.py`) tapées dans la boîte de recherche de Chromium, cache vide, chaque",
        "réponse comptée de la frappe aux résultats (médiane / la plus lourde) ; non mesuré sans Playwright",
        "et Chromium. « Trouver » : la page, ses données (`fiches.json`) et les fichiers de textes (titres",
        "et résumés) des fiches de sa première vue, sans filtre.",
        "",
        "| fiches | page de fiche (médiane / max) | première recherche : guide | recherches tapées : guide | référence | Trouver : données | Trouver : page | Trouver : textes de la première vue | site (guide / référence) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size, item in sorted(sizes.items()):
        site, base = item.handbook_site, item.baseline_site
        if site is None or base is None:
            continue
        lines.append(
            f"| {cards(size)} | {_kb(site.card_page_median_kb)} / {_kb(site.card_page_max_kb)} "
            f"| {_kb(site.first_search_kb)} ({site.search_engine}) | {_typed(site)} "
            f"| {_kb(base.first_search_kb)} ({base.search_engine}) "
            f"| {_kb(site.finder_data_kb)} | {_kb(site.finder_page_kb)} | {_kb(site.finder_texts_kb)} "
            f"| {number(site.site_mb, 0)} / {number(base.site_mb, 0)} Mo |")
    if results.edits:
        lines += ["", "## Édition sous `mkdocs serve`", "",
                  "Du moment où une fiche est enregistrée (son titre change) à celui où le serveur sert la",
                  "page modifiée (le navigateur la recharge ensuite à son prochain appel livereload), sous",
                  "`mkdocs serve --livereload --dirty` comme `make serve` ; l'index de recherche suit en arrière-plan.",
                  ""]
        lines += [f"- {cards(size)} fiches : {spread(times)}" for size, times in sorted(results.edits.items())]
    if results.profile:
        size, total, spots = results.profile
        plain = median([run.seconds for run in sizes[size].handbook]) if size in sizes else None
        lines += _profile_table(f"Où passe le temps ({cards(size)} fiches)",
                                f"cProfile d'une construction du guide dans un seul processus : {number(total)} s sous le profileur"
                                + (f", {number(plain)} s sans." if plain else "."), spots)
    if results.edit_profile:
        size, total, spots = results.edit_profile
        lines += _profile_table(f"Où passe le temps d'une édition ({cards(size)} fiches)",
                                "cProfile de la construction que `make serve` lance après un changement de titre, dans "
                                "un seul processus, une fois l'indexation de la construction précédente finie : "
                                f"{number(total)} s sous le profileur.", spots)
    if results.validation_profile:
        size, total, spots = results.validation_profile
        lines += _profile_table(f"Où passe le temps de la validation ({cards(size)} fiches)",
                                f"cProfile de `load_handbook` : {number(total, 2)} s sous le profileur.", spots)
    lines += ["", MARKER, ""]
    return "\n".join(lines) + (previous or "")


def _profile_table(title: str, measured: str, spots: list[HotSpot]) -> list[str]:
    return ["", f"## {title}", "", measured,
            "D'abord les fonctions du greffon (`maillage/`) par temps cumulé (appels compris), puis les plus",
            "lourdes de toutes les bibliothèques par temps propre.", "",
            "| fonction | cumulé | propre | appels |", "|---|---|---|---|",
            *(f"| `{spot.function}` | {number(spot.cumulative, 2)} s | {number(spot.own, 2)} s | {spot.calls} |"
              for spot in spots)]


def kept_analysis(path: Path) -> str | None:
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    return text.split(MARKER, 1)[1].lstrip("\n") if MARKER in text else None


def _kb(value: float | None) -> str:
    return f"{number(value, 0)} Ko" if value is not None else "—"


def _typed(site: SiteFigures) -> str:
    """Real queries typed into the dialog: median / heaviest (which query)."""
    if site.typed_search_median_kb is None or site.typed_search_max_kb is None:
        return "—"
    return f"{_kb(site.typed_search_median_kb)} / {_kb(site.typed_search_max_kb)} (« {site.typed_search_heaviest} »)"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "inconnu"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} Go"
    except OSError:
        pass
    return "inconnue"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
