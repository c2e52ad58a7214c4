"""Old card ids (``replaces``): rules across files that the schema cannot express.

A card lists in ``replaces`` the ids of cards merged into it or renamed to it; each such id
becomes a redirect page at ``fiches/<old-id>/`` (redirects/). An old address can lead to one
card only, and never hide a card that still exists: either would send readers of a printed QR
code to a page they did not ask for.
"""

from __future__ import annotations

from .messages import field_path
from ..loading.problems import Problem
from .references import ID, Loaded


def replacement_problems(files: list[Loaded]) -> list[Problem]:
    cards = [item for item in files if item.kind == "card"]
    current: dict[str, Loaded] = {}
    for item in cards:
        entry_id = item.data.get("id")
        if isinstance(entry_id, str):
            current.setdefault(entry_id, item)
    claimed: dict[str, tuple[Loaded, int]] = {}
    problems: list[Problem] = []
    for item in cards:
        old_ids = item.data.get("replaces")
        if not isinstance(old_ids, list):
            continue  # the schema says what is wrong with it
        for index, old_id in enumerate(old_ids):
            if not isinstance(old_id, str) or not ID.match(old_id):
                continue
            owner = current.get(old_id)
            if owner is item:
                problems.append(_at(item, index, f"« {old_id} » est l'identifiant de cette fiche : une fiche "
                                                 "ne se remplace pas elle-même. Retirez-le de « replaces »."))
            elif owner is not None:
                problems.append(_at(item, index, f"« {old_id} » est l'identifiant d'une fiche qui existe "
                                                 f"({owner.document.display}) : « replaces » ne nomme que des "
                                                 "fiches supprimées ou renommées. Retirez-le, ou supprimez "
                                                 "d'abord l'ancienne fiche."))
            elif old_id in claimed:
                first, first_index = claimed[old_id]
                line = first.document.position(("replaces", first_index)).line
                problems.append(_at(item, index, f"« {old_id} » est déjà remplacé par {first.document.display} "
                                                 f"(ligne {line}) : une ancienne adresse ne renvoie qu'à une "
                                                 "fiche. Gardez-le dans une seule des deux."))
            else:
                claimed[old_id] = (item, index)
    return problems


def _at(item: Loaded, index: int, message: str) -> Problem:
    path = ("replaces", index)
    position = item.document.position(path)
    return Problem(item.document.display, position.line, position.column, field_path(path), message)
