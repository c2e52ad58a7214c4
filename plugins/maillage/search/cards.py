"""Which of Pagefind's results are cards: a small table the finder reads beside the index.

The finder (``assets/finder.js``) answers a reader's sentence with the same index as the header
search, so that both find the same cards for the same words (stemming, accents, the card's whole
text). A Pagefind result names its page only by its fragment's id (``fr_5f28e83``); learning the
page's address costs one download per result, a hundred for a word like "réseau". This table,
written once per index, tells the finder which fragment is which card without those downloads:

    {"fr_5f28e83": "associer-les-representants-des-salaries", …}

Only cards are listed (about 50 bytes each), so the finder ignores every other page.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

TABLE = "maillage-fiches.json"
"""In the bundle folder (``site/pagefind/``), so that it is replaced with the index it describes."""
SIGNATURE = b"pagefind_dcd"
"""What Pagefind writes before the JSON of each (gzipped) fragment."""
CARD_PREFIX = "fiches/"


def write_card_table(bundle: Path, base_path: str = "/") -> int:
    """Write ``bundle/maillage-fiches.json`` from the fragments Pagefind wrote; the number of cards.

    ``base_path`` is the path Pagefind prefixes to every URL (the site's root when it indexes a
    folder)."""
    table: dict[str, str] = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        if not data.startswith(SIGNATURE):
            continue  # not a fragment this version of Pagefind wrote: better no entry than a wrong one
        url = json.loads(data[len(SIGNATURE):]).get("url", "")
        path = url.removeprefix(base_path).lstrip("/")
        if path.startswith(CARD_PREFIX) and path.count("/") == 2:
            table[fragment.name.removesuffix(".pf_fragment")] = path[len(CARD_PREFIX):].rstrip("/")
    (bundle / TABLE).write_text(json.dumps(table, ensure_ascii=True, separators=(",", ":")), encoding="utf-8")
    return len(table)
