"""The history of cards and cases, commit by commit, newest first, read from the Changelog the
pipeline kept: no git call here.

A commit that touches nothing but sources or the glossary is not news for readers and is left
out. A card moved from one section's folder to another is a removal and an addition for git
(``--no-renames``): here it is one change. Entries no longer in the handbook keep their id as
their name and have no link.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..kinds import FOLDERS
from ..loading.changelog import Changelog
from ..model.entries import Card, Case
from ..model.handbook import Handbook

NEWS_KINDS = ("card", "case")
LABELS = {
    ("card", "added"): "fiche ajoutée", ("card", "changed"): "fiche modifiée", ("card", "removed"): "fiche retirée",
    ("case", "added"): "expérience ajoutée", ("case", "changed"): "expérience modifiée",
    ("case", "removed"): "expérience retirée",
    ("card", "merged"): "fiche fusionnée ou renommée, désormais",
}
"""A removed card that a card now ``replaces`` is merged: its news leads to the card that took it."""
PAGE_LIMIT = 150
FEED_LIMIT = 40


@dataclass(frozen=True)
class Change:
    label: str
    """« fiche ajoutée »…"""
    name: str
    """The entry's title today, or its id when it is gone."""
    entry: Card | Case | None


@dataclass(frozen=True)
class NewsItem:
    sha: str
    when: datetime.datetime
    subject: str
    """Hostile text, like the files: escaped by each output."""
    changes: tuple[Change, ...]


def news(handbook: Handbook, changelog: Changelog | None, limit: int = PAGE_LIMIT) -> list[NewsItem]:
    if changelog is None or changelog.unavailable is not None:
        return []
    by_id: dict[tuple[str, str], Card | Case] = {("card", card.id): card for card in handbook.cards.values()}
    by_id.update({("case", case.id): case for case in handbook.cases.values()})
    successors = {old_id: card for card in handbook.cards.values() for old_id in card.replaces}
    items: list[NewsItem] = []
    for commit in changelog.commits:
        statuses: dict[tuple[str, str], set[str]] = {}
        for change in commit.files:
            path = PurePosixPath(change.path)
            kind = FOLDERS.get(path.parent.name)
            if kind not in NEWS_KINDS or path.suffix != ".yml":
                continue
            statuses.setdefault((kind, path.stem), set()).add(change.status)
        changes = []
        for (kind, name), seen in statuses.items():
            status = "changed" if seen == {"added", "removed"} else sorted(seen)[0]
            entry = by_id.get((kind, name)) if status != "removed" else None
            if status == "removed" and kind == "card" and name in successors:
                status, entry = "merged", successors[name]
            changes.append(Change(LABELS[kind, status], entry.title if entry is not None else name, entry))
        if changes:
            items.append(NewsItem(commit.sha, commit.when, commit.subject, tuple(changes)))
            if len(items) == limit:
                break
    return items
