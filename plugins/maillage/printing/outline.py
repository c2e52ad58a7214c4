"""Bookmarks and numbered contents for the PDFs that ``make pdf`` prints.

Chromium lays a document out once and forgets where things landed; CSS cannot number a
contents page in Chromium (no ``target-counter``), and its own bookmarks (headless
``--generate-pdf-document-outline``) glue the lines of a wrapped heading together. So:

1. print the page; Chromium keeps every internal link's target as a named destination, which
   tells on which page each card, case, source list and glossary landed (``landing_pages``);
2. print it again with those numbers in the page's address (``numbers_fragment``), which
   ``assets/print-contents.js`` writes beside each entry of the contents; print again if that
   moved anything (the numbers are on the entries' own lines, so it rarely does);
3. add bookmarks that follow the contents (``contents``): each chapter, each entry, the
   appendices (``add_outline``).

A workshop deck has no contents and no anchors (its links all go online): its bookmarks are its
cover and each card, found on the sheet whose text carries the card's footer ("· carte 12",
``deck_outline``).

Titles come from the print page the plugin wrote (already escaped there, read back as text);
anchors are the document's own ids, made of validated identifiers.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter

CONTENTS_CLASS = "maillage-print-contents"
CONTENTS_ANCHOR = "sommaire"
COVER_ANCHOR = "couverture"


@dataclass
class Entry:
    """A line of the contents: where it leads, what it says, what it groups."""

    title: str
    anchor: str | None = None
    children: list[Entry] = field(default_factory=list)


class _ContentsReader(html.parser.HTMLParser):
    """The contents block of a print page: its chapter headings (h3) and their linked lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self._depth = 0  # open <div>s since the contents block opened; 0: outside
        self._chapter: Entry | None = None
        self._text: list[str] | None = None
        self._anchor: str | None = None
        self._heading = False
        self._permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and (self._depth or CONTENTS_CLASS in (values.get("class") or "").split()):
            self._depth += 1
        if not self._depth:
            return
        if tag == "h3":
            self._heading, self._text = True, []
        elif tag == "a" and "headerlink" in (values.get("class") or "").split():
            self._permalink = True
        elif tag == "a" and (values.get("href") or "").startswith("#") and not self._heading:
            self._anchor, self._text = (values["href"] or "")[1:], []

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "div":
            self._depth -= 1
        elif tag == "a" and self._permalink:
            self._permalink = False
        elif tag == "h3" and self._heading:
            self._chapter = Entry(" ".join("".join(self._text or []).split()))
            self.entries.append(self._chapter)
            self._heading, self._text = False, None
        elif tag == "a" and self._anchor is not None:
            entry = Entry(" ".join("".join(self._text or []).split()), self._anchor)
            (self._chapter.children if self._chapter is not None else self.entries).append(entry)
            self._anchor, self._text = None, None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._permalink:
            self._text.append(data)


def contents(page_html: str) -> list[Entry]:
    """The contents of a print page, as its reader sees it: chapters and their lines."""
    reader = _ContentsReader()
    reader.feed(page_html)
    reader.close()
    return reader.entries


class _DeckReader(html.parser.HTMLParser):
    """The cards of a deck page, in order: each front's title and its footer ("… · carte 12")."""

    FIELDS = ("maillage-deck__title", "maillage-deck__footer")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fronts: list[dict[str, str]] = []
        self._field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._field = next((name for name in self.FIELDS if name in classes), None)
        if self._field == self.FIELDS[0]:
            self.fronts.append({})
        if self._field and self.fronts:
            self.fronts[-1][self._field] = ""

    def handle_endtag(self, tag: str) -> None:
        self._field = None

    def handle_data(self, data: str) -> None:
        if self._field and self.fronts:
            self.fronts[-1][self._field] += data


DECK_FOOTER = re.compile(r"· carte (\d+)\b")


def deck_outline(page_html: str, pdf: Path) -> tuple[list[Entry], dict[str, int]]:
    """A deck's bookmarks: its cover, then "Carte 12 · title" at the sheet of each card's front."""
    reader = _DeckReader()
    reader.feed(page_html)
    reader.close()
    entries: list[Entry] = []
    for front in reader.fronts:
        number = DECK_FOOTER.search(" ".join(front.get(reader.FIELDS[1], "").split()))
        if number:
            title = " ".join(front[reader.FIELDS[0]].split())
            entries.append(Entry(f"Carte {number.group(1)} · {title}", f"carte-{number.group(1)}"))
    pages = {COVER_ANCHOR: 1}
    for page_number, page in enumerate(PdfReader(pdf).pages, start=1):
        for number in DECK_FOOTER.findall(" ".join(page.extract_text().split())):
            pages.setdefault(f"carte-{number}", page_number)
    return entries, pages


def anchors(entries: list[Entry]) -> list[str]:
    return [anchor for entry in entries
            for anchor in ([entry.anchor] if entry.anchor else []) + anchors(entry.children)]


def landing_pages(pdf: Path) -> dict[str, int]:
    """Each named destination of ``pdf`` (an element's id) → the page it is on, from 1."""
    reader = PdfReader(pdf)
    numbers = {name.lstrip("/"): reader.get_destination_page_number(destination)
               for name, destination in reader.named_destinations.items()}
    return {name: number + 1 for name, number in numbers.items() if number is not None}


def numbers_fragment(entries: list[Entry], pages: dict[str, int]) -> str:
    """The address fragment that tells ``print-contents.js`` each entry's page."""
    pairs = [f"{anchor}:{pages[anchor]}" for anchor in anchors(entries) if anchor in pages]
    return "#maillage-pages=" + ",".join(pairs) if pairs else ""


def add_outline(pdf: Path, entries: list[Entry], pages: dict[str, int]) -> None:
    """Rewrite ``pdf`` with bookmarks: the cover, the contents, then the contents' lines."""
    writer = PdfWriter(clone_from=PdfReader(pdf))

    def page_of(entry: Entry) -> int | None:
        if entry.anchor in pages:
            return pages[entry.anchor] - 1
        return next((page for child in entry.children if (page := page_of(child)) is not None), None)

    for title, anchor in (("Couverture", COVER_ANCHOR), ("Sommaire", CONTENTS_ANCHOR)):
        if anchor in pages:
            writer.add_outline_item(title=title, page_number=pages[anchor] - 1)

    def add(entry: Entry, parent: Any) -> None:
        page = page_of(entry)
        if page is None:
            return
        item = writer.add_outline_item(title=entry.title, page_number=page, parent=parent)
        for child in entry.children:
            add(child, item)

    for entry in entries:
        add(entry, None)
    writer.page_mode = "/UseOutlines"  # a reader's viewer opens with the bookmarks shown
    with pdf.open("wb") as file:
        writer.write(file)
