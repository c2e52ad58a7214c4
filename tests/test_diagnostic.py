"""Self-diagnostics (issue 18): the files in practices/diagnostics/ are checked like cards, the
pages list every question server-side (print, no JavaScript), and the ranking favours the most
important gaps (the browser drives it: test_browser_diagnostic.py)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from conftest import Project
from maillage.rendering.typography import french_text as typeset
from maillage.diagnostic.data import ranked_cards
from maillage.model.handbook import Handbook
from maillage.pipeline import load_handbook

DIAGNOSTIC = """\
# yaml-language-server: $schema=../../plugins/maillage/schemas/diagnostic.schema.json
id: essai
title: Un diagnostic d'essai
summary: Pour vérifier que les questions renvoient à des fiches qui existent.
order: 1
questions:
""" + "".join(f"""\
  - id: q{number}
    question: La question numéro {number} est-elle posée ?
    importance: essential
    cards: [{'choisir-un-animatuer' if number == 3 else 'choisir-un-animateur'}]
    sources:
      - ref: {'source-absente' if number == 5 else 'guide-source'}
        locator: Partie I
""" for number in range(1, 7))


def test_every_situation_has_a_dozen_questions_with_cards_and_sources(handbook: Handbook) -> None:
    assert [diagnostic.id for diagnostic in handbook.ordered_diagnostics()] == [
        "lancer-un-reseau", "animer-un-reseau", "faire-durer-un-reseau", "groupement-d-employeurs",
        "projet-collaboratif-de-pole"]
    for diagnostic in handbook.diagnostics.values():
        assert 10 <= len(diagnostic.questions) <= 14, diagnostic.id
        for question in diagnostic.questions:
            assert question.cards and question.sources and question.sources[0].source is not None


def test_questions_name_cards_and_sources_that_exist_with_french_messages(project: Project) -> None:
    project.write("practices/diagnostics/essai.yml", DIAGNOSTIC)
    problems = [problem.format() for problem in load_handbook(project.root / "practices", project.root).problems]
    assert any("practices/diagnostics/essai.yml:24:" in line and "questions[3].cards[1]" in line
               and "fiche inconnue : « choisir-un-animatuer »" in line
               and "« choisir-un-animateur »" in line for line in problems), problems
    assert any("questions[5].sources[1].ref" in line and "source inconnue : « source-absente »" in line
               for line in problems), problems
    project.write("practices/diagnostics/essai.yml", DIAGNOSTIC.replace("id: q2", "id: q1")
                  .replace("animatuer", "animateur").replace("source-absente", "guide-source"))
    problems = [problem.format() for problem in load_handbook(project.root / "practices", project.root).problems]
    assert len(problems) == 1 and "identifiant « q1 » déjà pris" in problems[0], problems


def test_the_page_is_a_checklist_without_javascript(real_site: Path, handbook: Handbook) -> None:
    diagnostic = handbook.diagnostics["lancer-un-reseau"]
    html = (real_site / "diagnostic" / diagnostic.id / "index.html").read_text(encoding="utf-8")
    for question in diagnostic.questions:
        item = re.search(rf'<li class="maillage-diagnostic__question" id="question-{question.id}">(.*?)</li>',
                         html, re.S)
        assert item is not None, question.id
        assert "☐ oui \xa0 ☐ en partie \xa0 ☐ non \xa0 ☐ je ne sais pas" in unescape(item.group(1))
        for card in question.cards:
            assert f'href="../../fiches/{card.id}/"' in item.group(1)
    for card in {card.id for question in diagnostic.questions for card in question.cards}:
        assert f'id="diagnostic-fiche-{card}"' in html
    data = json.loads((real_site / "diagnostic" / diagnostic.id / "questions.json").read_text(encoding="utf-8"))
    assert [question["id"] for question in data["questions"]] == [question.id for question in diagnostic.questions]
    index = (real_site / "diagnostic" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}/"' in index for name in handbook.diagnostics)


def test_the_most_important_gaps_come_first(handbook: Handbook) -> None:
    diagnostic = handbook.diagnostics["lancer-un-reseau"]
    essential = next(question for question in diagnostic.questions if question.importance == "essential")
    useful = next(question for question in diagnostic.questions if question.importance == "useful")
    ranked = ranked_cards(diagnostic, {useful.id: "n", essential.id: "p", "objectifs-inconnu": "n"})
    assert ranked[0] == essential.card_ids[0]  # 1 × 3 beats 2 × 1
    assert set(ranked) == set(essential.card_ids) | set(useful.card_ids)
    assert ranked_cards(diagnostic, {question.id: "o" for question in diagnostic.questions}) == []


def test_question_text_is_shown_as_written_never_as_markup(project: Project) -> None:
    hostile = "Les *PME* ont-elles `lu` [ceci](https://exemple.org) & _cela_ ?"
    text = DIAGNOSTIC.replace("animatuer", "animateur").replace("source-absente", "guide-source") \
        .replace("La question numéro 1 est-elle posée ?", f'"{hostile}"')
    project.write("practices/diagnostics/essai.yml", text)
    project.build()
    html = project.page("diagnostic/essai")
    question = re.search(r'id="question-q1"><strong>(.*?)</strong>', html)
    assert question is not None
    assert "<em>" not in question.group(1) and "<a" not in question.group(1) and "<code>" not in question.group(1)
    assert unescape(question.group(1)) == typeset(hostile)  # as written, in French typography
