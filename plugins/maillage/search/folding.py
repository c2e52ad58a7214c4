"""Let Material's search find "coopération" when a reader types "cooperation".

Material's lunr index matches words exactly as written, and French readers often type
without accents. Rather than patch the theme's JavaScript, each document of the index gets
one more field, ``folded``: its accented words written without accents. Lunr indexes every
field the index's ``config.fields`` names, so an unaccented query now meets the folded copy
while results still show the real text.
"""

from __future__ import annotations

import json
import re
import unicodedata

FOLDED_FIELDS = {"title": "folded_title", "text": "folded"}
"""Each searched field and its accent-free twin, which gets the same boost."""
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``pérenniser`` → ``perenniser``; letters without accents are left alone."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def add_folded_field(index_json: str) -> str:
    index = json.loads(index_json)
    for document in index["docs"]:
        for field, twin in FOLDED_FIELDS.items():
            words = set(_WORD.findall(document.get(field, "")))
            document[twin] = " ".join(sorted({fold(word) for word in words} - words))
    fields = index["config"].setdefault("fields", {})
    if not fields:  # Material's defaults, which an explicit list would otherwise replace
        fields.update({"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}})
    for field, twin in FOLDED_FIELDS.items():
        fields[twin] = dict(fields.get(field, {"boost": 1.0}))
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
