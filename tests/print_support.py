"""Reading print pages and their PDFs as a reader gets them: links, anchors, text, pages."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser_support import CHROMIUM

SITE_URL = "https://exemple.org/guide/"
"""The fixture handbook's site_url (tests/fixtures/handbook/mkdocs.yml): printed links and QR codes lead there."""

PDF_TOOLS = {tool: shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdfinfo", "zbarimg")}
needs_pdf_tools = pytest.mark.skipif(
    CHROMIUM is None or not all(PDF_TOOLS.values()),
    reason="Chromium, poppler-utils or zbar-tools absent: apt-get install chromium poppler-utils zbar-tools "
           "(.ci/run installs them)")


@dataclass
class Document:
    """What a print page's ``<article>`` holds: its links, its anchors, its entries in order."""

    hrefs: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    text: str = ""


class _ArticleReader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.document = Document()
        self._text: list[str] = []
        self._permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "a" and values.get("href") is not None:
            self.document.hrefs.append(values["href"])
            self._permalink = values.get("class") == "headerlink"  # the ¶ of headings, never printed
        if values.get("id"):
            self.document.ids.append(values["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        self._permalink = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self._permalink:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self.document.text = re.sub(r"\s+", " ", " ".join(self._text))


def read_article(page_html: str) -> Document:
    reader = _ArticleReader()
    reader.feed(page_html)
    reader.close()
    return reader.document


def entry_anchors(document: Document) -> list[str]:
    """Anchors of the cards and cases, in the order the document prints them."""
    return [anchor for anchor in document.ids if anchor.startswith(("fiche-", "experience-"))]


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([PDF_TOOLS["pdfinfo"], str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def pdf_text(pdf: Path, *, crop_mm: tuple[float, float, float, float] | None = None) -> list[str]:
    """The text of each page; ``crop_mm`` (left, top, right, bottom margins) keeps the body only."""
    command = [PDF_TOOLS["pdftotext"], "-layout"]
    if crop_mm is not None:
        left, top, right, bottom = (round(value * 72 / 25.4) for value in crop_mm)
        width, height = 595 - left - right, 842 - top - bottom  # A4 portrait, in points
        command += ["-x", str(left), "-y", str(top), "-W", str(width), "-H", str(height)]
    text = subprocess.run([*command, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    """One line, as a title is written: "elles-\nmêmes" wrapped at its hyphen reads "elles-mêmes";
    the typographic apostrophe the build sets (rendering/typography.py) read as the typed one."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w-)\n\s*(?=\w)", "", text)).replace("\u2019", "'")
