"""PDFs of the print pages of a built site, printed by headless Chromium (``make pdf``).

Chromium lays the pages out with print.css exactly as a reader's browser prints them, so the
PDF and a page printed from the browser are the same document, and there is no second layout
engine to install or keep in step. Debian's ``chromium`` package is enough. Each page gets its
own Chromium process and a throwaway profile, a few at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..addresses import PRINT_ROOT
from . import outline
from .documents import pdf_name

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
    "--no-pdf-header-footer",  # print.css puts the title and page numbers in the margins
)
TIMEOUT_SECONDS = 600


class PdfFailure(Exception):
    """Chromium is missing or could not print a page; the message says which, in French."""


@dataclass(frozen=True)
class PrintJob:
    page: Path
    """A built print page: ``site/imprimer/lancer/index.html``."""
    pdf: Path

    @property
    def name(self) -> str:
        return self.pdf.stem


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_jobs(site_dir: Path, out_dir: Path) -> list[PrintJob]:
    """Every print page of the built site, with the PDF its page links to."""
    site_dir, out_dir = site_dir.resolve(), out_dir.resolve()  # Chromium opens the pages as file:// URLs
    pages = sorted((site_dir / PRINT_ROOT).rglob("index.html"))
    return [PrintJob(page, out_dir / pdf_name(page.parent.relative_to(site_dir).as_posix() + "/")) for page in pages]


def print_to_pdf(page: Path, pdf: Path, chromium: str, fragment: str = "") -> None:
    """One Chromium print of ``page``; ``fragment`` is added to its address (see outline.py)."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="maillage-chromium-") as profile:
        try:
            result = subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", page.as_uri() + fragment],
                capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfFailure(f"Chromium n'a pas fini d'imprimer {page} en {TIMEOUT_SECONDS} s") from None
    if result.returncode != 0 or not pdf.is_file():
        detail = result.stderr.strip().splitlines()[-1:] or ["aucun message"]
        raise PdfFailure(f"Chromium n'a pas pu imprimer {page} (code {result.returncode}) : {detail[0]}")


NUMBERING_PASSES = 3
"""Prints at most, when numbering the contents moves an entry to another page."""


def print_document(page: Path, pdf: Path, chromium: str) -> None:
    """``page`` as a PDF whose contents give each entry's page and whose bookmarks follow them."""
    print_to_pdf(page, pdf, chromium)
    page_html = page.read_text(encoding="utf-8")
    entries = outline.contents(page_html)
    if not entries:  # a workshop deck
        outline.add_outline(pdf, *outline.deck_outline(page_html, pdf))
        return
    pages = outline.landing_pages(pdf)
    for _ in range(NUMBERING_PASSES - 1):
        fragment = outline.numbers_fragment(entries, pages)
        if not fragment:
            break
        print_to_pdf(page, pdf, chromium, fragment)
        landed = outline.landing_pages(pdf)
        if all(landed.get(anchor) == pages.get(anchor) for anchor in outline.anchors(entries)):
            break
        pages = landed
    outline.add_outline(pdf, entries, pages)


def make_pdfs(jobs: Iterable[PrintJob], chromium: str | None = None, workers: int | None = None) -> list[Path]:
    """Print every job; returns the PDFs written. Raises PdfFailure on the first failure."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise PdfFailure("Chromium est introuvable : installez-le (apt-get install chromium) puis relancez.")
    jobs = list(jobs)
    with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
        list(pool.map(lambda job: print_document(job.page, job.pdf, chromium), jobs))
    return [job.pdf for job in jobs]
