#!/usr/bin/env python3
"""Benchmark of issues 7 and 19: synthetic handbooks of 100, 1,000 and 10,000 cards, built alternately
by the handbook (the plugin) and by plain MkDocs from the same pages pre-written as Markdown;
writes benchmarks/RESULTS.md. ``--quick``: 100 and 1,000 cards only. Not part of ``make test``.

    python scripts/bench.py [--quick] [--repeats 3] [--large-repeats 2] [--workdir /tmp/maillage-bench]
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins")]  # works without install, like validate.py

from benchmarking import measures  # noqa: E402
from benchmarking.baseline import write_baseline  # noqa: E402
from benchmarking.report import Results, SizeResults, kept_analysis, render  # noqa: E402
from benchmarking.synthetic import write_handbook  # noqa: E402

PROFILE_SIZE = 1_000
EDIT_SIZES = (1_000, 10_000)
LARGE = 10_000
"""From this size, two builds of each site (issue 19: medians of three at 1,000, of two at 10,000)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description="Mesure le moteur sur des guides synthétiques "
                                     "et écrit benchmarks/RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="100 et 1 000 fiches seulement (usage courant)")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N", help="tailles à mesurer (remplace le défaut)")
    parser.add_argument("--repeats", type=int, default=3, help="constructions de chaque site par taille (défaut : 3)")
    parser.add_argument("--large-repeats", type=int, default=2, metavar="N",
                        help=f"constructions de chaque site à partir de {LARGE:_} fiches (défaut : 2)".replace("_", " "))
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "maillage-bench",
                        help="où écrire les guides et sites synthétiques")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--no-serve", action="store_true", help="sans la mesure d'édition sous mkdocs serve")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100, 1_000] if args.quick else [100, 1_000, 10_000])

    results = Results(command=_command(argv), quick=args.quick and not args.sizes, sizes={}, build_commands=[])
    for size in sizes:
        handbook, baseline = args.workdir / f"guide-{size}", args.workdir / f"reference-{size}"
        _say(f"{size} fiches : génération")
        write_handbook(handbook, size, ROOT)
        write_baseline(handbook, baseline)
        item = SizeResults(size, sum(1 for _ in (handbook / "practices").rglob("*.yml")))
        results.sizes[size] = item
        sites = {"guide": args.workdir / f"site-guide-{size}", "reference": args.workdir / f"site-reference-{size}"}
        results.build_commands += [f"{sys.executable} -m mkdocs build -f {project / 'mkdocs.yml'} -d {site}"
                                   for project, site in ((handbook, sites["guide"]), (baseline, sites["reference"]))]
        repeats = args.large_repeats if size >= LARGE else args.repeats
        for repeat in range(repeats):
            order = [(handbook, "guide", item.handbook), (baseline, "reference", item.baseline)]
            for project, name, runs in order if repeat % 2 == 0 else reversed(order):
                runs.append(measures.build(project, sites[name]))
                _say(f"{size} fiches, {name} {repeat + 1}/{repeats} : {runs[-1].seconds:.1f} s, "
                     f"{runs[-1].peak_mb:.0f} Mo")
        item.handbook_site = measures.site_figures(sites["guide"])
        item.baseline_site = measures.site_figures(sites["reference"])
        item.loaded, item.parsed = measures.validation_times(handbook, repeats=max(3, args.repeats))
        _say(f"{size} fiches, validation : {min(item.loaded):.2f} s contre {min(item.parsed):.2f} s de lecture")
        if size in EDIT_SIZES and not args.no_serve:
            results.edits[size] = measures.edit_to_reload(handbook, edits=max(3, args.repeats))
            _say(f"{size} fiches, édition sous serve : {results.edits[size]}")
        if size == PROFILE_SIZE:
            total, spots = measures.profile_build(handbook, args.workdir / f"site-profil-{size}")
            results.profile = (size, total, _hot_spots(spots))
            if not args.no_serve:
                total, spots = measures.profile_edit(handbook, args.workdir / f"site-profil-edition-{size}")
                results.edit_profile = (size, total, _hot_spots(spots))
        if size == max(sizes):
            total, spots = measures.profile_validation(handbook)
            results.validation_profile = (size, total, _hot_spots(spots))

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(results, kept_analysis(args.output)), encoding="utf-8")
    _say(f"écrit : {args.output}")
    return 0


def _hot_spots(spots: list[measures.HotSpot], ours: int = 15, theirs: int = 20) -> list[measures.HotSpot]:
    """Where to look first: the plugin's own functions by cumulative time (its hooks come first),
    then the heaviest functions of any library by their own time."""
    plugin = sorted((spot for spot in spots if spot.function.startswith("maillage/")),
                    key=lambda spot: spot.cumulative, reverse=True)[:ours]
    heaviest = [spot for spot in sorted(spots, key=lambda spot: spot.own, reverse=True) if spot not in plugin]
    return plugin + heaviest[:theirs]


def _command(argv: list[str] | None) -> str:
    return "python scripts/bench.py " + shlex.join(sys.argv[1:] if argv is None else argv)


def _say(text: str) -> None:
    print(text, flush=True)


if __name__ == "__main__":
    sys.exit(main())
