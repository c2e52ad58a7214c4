"""``scripts/make_pdf.py``: a PDF of every print page of a built site (``make pdf``).

Exit status: 0 when every PDF is written, 1 when Chromium is missing or fails, 2 on a usage
error (no built site, unknown document).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..printing.documents import PDF_FOLDER
from ..printing.pdf import PdfFailure, make_pdfs, print_jobs
from .validate import FrenchArgumentParser


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="make_pdf.py",
        description="Imprime en PDF, avec Chromium sans fenêtre, les pages à imprimer d'un site construit "
                    "(chaque rubrique, le guide complet et les cartes d'atelier).",
    )
    parser.add_argument("names", nargs="*", metavar="NOM",
                        help="les documents à imprimer, par le nom de leur PDF sans .pdf (lancer, "
                             "lancer-cartes, guide-complet…) ; par défaut : tous")
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="le site construit par « make build » (par défaut : site)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"où écrire les PDF (par défaut : {PDF_FOLDER}/ dans le site, là où les pages les lient)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    jobs = print_jobs(args.site, args.out or args.site / PDF_FOLDER)
    if not jobs:
        print(f"erreur d'utilisation : aucune page à imprimer dans {args.site} ; construisez d'abord le site "
              "(make build).", file=sys.stderr)
        return 2
    known = {job.name for job in jobs}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        print(f"erreur d'utilisation : document inconnu : {', '.join(unknown)}. Documents : {', '.join(sorted(known))}.",
              file=sys.stderr)
        return 2
    chosen = [job for job in jobs if not args.names or job.name in args.names]
    started = time.monotonic()
    try:
        written = make_pdfs(chosen)
    except PdfFailure as failure:
        print(f"erreur : {failure}", file=sys.stderr)
        return 1
    for pdf in written:
        print(pdf)
    print(f"{len(written)} PDF écrit{'s' if len(written) > 1 else ''} en {time.monotonic() - started:.0f} s.")
    return 0
