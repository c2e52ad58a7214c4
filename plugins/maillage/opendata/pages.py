"""The open data page and its files, added to the site like any generated page."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator

from ..addresses import OPEN_DATA, OPEN_DATA_FOLDER
from ..model.handbook import Handbook
from ..rendering.pages import PageWriter
from ..rendering.site import GeneratedPage, IntroLookup
from .data import DATASETS, catalogue, collection_schema, csv_file, edition_date, json_file


def open_data_pages(handbook: Handbook, writer: PageWriter, intro: IntroLookup) -> Iterator[GeneratedPage]:
    about = catalogue(handbook, edition_date(handbook))
    text, edit = intro(OPEN_DATA)
    yield GeneratedPage(OPEN_DATA, writer.render_page("opendata.md.j2", OPEN_DATA, intro=text, catalogue=about,
                                                      edition=edition_date(handbook)), edit, in_nav=True)
    yield GeneratedPage(posixpath.join(OPEN_DATA_FOLDER, "catalogue.json"),
                        json.dumps(about, ensure_ascii=False, indent=2) + "\n", carries_editor_text=False)
    for dataset in DATASETS:
        entries = dataset.entries(handbook)
        yield GeneratedPage(posixpath.join(OPEN_DATA_FOLDER, f"{dataset.name}.json"), json_file(entries),
                            carries_editor_text=False)
        yield GeneratedPage(posixpath.join(OPEN_DATA_FOLDER, f"{dataset.name}.csv"),
                            csv_file(dataset, entries, writer.schemas), carries_editor_text=False)
        yield GeneratedPage(posixpath.join(OPEN_DATA_FOLDER, "schemas", f"{dataset.name}.collection.schema.json"),
                            collection_schema(dataset), carries_editor_text=False)
    for name, document in sorted(writer.schemas.documents.items()):
        yield GeneratedPage(posixpath.join(OPEN_DATA_FOLDER, "schemas", name),
                            json.dumps(document, ensure_ascii=False, indent=2) + "\n", carries_editor_text=False)
