"""How sources are named and cited on pages and on paper.

A source file writes between brackets a title its editors restored (the document had none, or
lost it): ``"[Cahier RACINE sur la coopération entre PME …]"``. Printed as is, the brackets sat
inside every link, once per citation, up to three times per card. Pages now show the title
without them, followed by "titre restitué", and a card cites each source once, with every
place it draws on.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.entries import Source, SourceRef

RESTORED_NOTE = "titre restitué"


def is_restored(title: str) -> bool:
    """Whether the editors wrote ``title`` between brackets: restored, not the document's own."""
    stripped = title.strip()
    return len(stripped) > 2 and stripped.startswith("[") and stripped.endswith("]")


def source_title(title: str) -> str:
    """``title`` without the brackets that mark a restored title (still to be escaped)."""
    return title.strip()[1:-1].strip() if is_restored(title) else title


def by_source(citations: Iterable[SourceRef]) -> list[tuple[Source, list[str]]]:
    """Each cited source once, in order of first citation, with its locators in order."""
    grouped: dict[str, tuple[Source, list[str]]] = {}
    for citation in citations:
        if citation.source is None:
            continue
        grouped.setdefault(citation.ref, (citation.source, []))[1].append(citation.locator)
    return list(grouped.values())
