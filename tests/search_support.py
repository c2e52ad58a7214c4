"""What Pagefind indexed in a built site, read back from its bundle (``site/pagefind/``).

Each indexed page has a fragment: gzip, a ``pagefind_dcd`` signature, then JSON with the page's
URL, its text as indexed and its metadata (title, and for a card its summary and section).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def indexed_pages(site_dir: Path) -> dict[str, dict]:
    """Every indexed page by its path from the site's root (``fiches/x/``, ``""`` for home)."""
    pages = {}
    for fragment in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        page = json.loads(data[len(SIGNATURE):])
        pages[page["url"].removeprefix("/")] = page
    return pages
