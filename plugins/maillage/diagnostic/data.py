"""What the diagnostic's script needs beyond the page: each question's weight and cards.

The page already holds every question, every card's title, link and summary (for readers
without JavaScript and for print); the script reads those from the page and only lacks the
ranking. Written as ``questions.json`` next to each diagnostic's page:

    {"answers": [["o", "oui", 0], ["p", "en partie", 1], ["n", "non", 2], ["i", "je ne sais pas", 1]],
     "questions": [{"id": "objectifs", "weight": 3, "cards": ["partir-des-objectifs-des-entreprises", …]}, …]}

A card's score is the sum, over the questions that cite it, of the question's weight times the
answer's gap; the result lists cards by score, the most important first.
"""

from __future__ import annotations

import json

from ..model.entries import Diagnostic

WEIGHTS = {"essential": 3, "important": 2, "useful": 1}
"""A question's importance (schema values) → its weight in the ranking."""
ANSWERS = (("o", "oui", 0), ("p", "en partie", 1), ("n", "non", 2), ("i", "je ne sais pas", 1))
"""Each answer: its letter in the address, its label, how far it is from « oui ». Not knowing
counts as a gap: the cards say what to look at."""


def diagnostic_data(diagnostic: Diagnostic) -> str:
    return json.dumps({
        "answers": [list(answer) for answer in ANSWERS],
        "questions": [{"id": question.id, "weight": WEIGHTS[question.importance], "cards": question.card_ids}
                      for question in diagnostic.questions],
    }, ensure_ascii=False, separators=(",", ":"))


def ranked_cards(diagnostic: Diagnostic, answers: dict[str, str]) -> list[str]:
    """The ranking the script computes, in Python for the tests: card ids, best first."""
    gaps = {letter: gap for letter, _, gap in ANSWERS}
    scores: dict[str, int] = {}
    for question in diagnostic.questions:
        gap = gaps.get(answers.get(question.id, ""), 0)
        for card in question.card_ids:
            if gap:
                scores[card] = scores.get(card, 0) + gap * WEIGHTS[question.importance]
    order = {card: rank for rank, card in enumerate(dict.fromkeys(
        card for question in diagnostic.questions for card in question.card_ids))}
    return sorted(scores, key=lambda card: (-scores[card], order[card]))
