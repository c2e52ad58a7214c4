"""The real handbook: it builds strict, loses no card, and meets the content's quality bar."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from maillage.model.handbook import Handbook
from maillage.pipeline import find_files, kind_of

PRACTICES = ROOT / "practices"
COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


@pytest.fixture
def site(real_site: Path) -> Path:
    return real_site


def test_every_card_file_yields_one_page_listed_once_in_its_section(site: Path, handbook: Handbook) -> None:
    card_files = [path for path in find_files(PRACTICES) if kind_of(path, PRACTICES) == "card"]
    assert len(card_files) == len(handbook.cards)
    pages = {path.parent.name for path in (site / "fiches").glob("*/index.html")}
    assert pages == {path.stem for path in card_files}
    listed: Counter[str] = Counter()
    for section in handbook.sections:
        html = (site / section.slug / "index.html").read_text(encoding="utf-8").split("<article")[1]
        links = re.findall(r'href="\.\./fiches/([^/]+)/"', html)
        assert len(links) == len(set(links)), section.slug
        listed.update(links)
        assert set(links) == {card.id for card in handbook.section_cards(section)}
    assert listed == Counter({path.stem: 1 for path in card_files})


def test_every_case_has_a_page(site: Path, handbook: Handbook) -> None:
    pages = {path.parent.name for path in (site / "experiences").glob("*/index.html")}
    assert pages == set(handbook.cases)


def test_minimum_content_of_the_first_edition(handbook: Handbook) -> None:
    per_section = {section.slug: len(handbook.section_cards(section)) for section in handbook.sections}
    assert per_section["lancer"] >= 12
    assert per_section["gerer"] >= 12
    assert per_section["perenniser"] >= 10
    assert per_section["groupements-employeurs"] >= 10
    assert per_section["vigilance"] >= 12
    assert len(handbook.cases) >= 30
    assert len(handbook.terms) >= 30
    assert len(handbook.sources) == 5


def test_every_card_meets_the_quality_bar(handbook: Handbook) -> None:
    short = {
        card.id: [name for name, ok in (
            ("context", card.context is not None),
            ("3 steps", len(card.how) >= 3),
            ("pitfall", len(card.pitfalls) >= 1),
            ("related", len(card.related) >= 1),
            ("actors", len(card.actors) >= 1),
            ("themes", 1 <= len(card.themes) <= 3),
            ("locator", all(len(citation.locator) >= 10 for citation in card.sources)),
        ) if not ok]
        for card in handbook.cards.values()
    }
    assert {card: missing for card, missing in short.items() if missing} == {}


def test_no_case_and_no_card_is_orphaned(handbook: Handbook) -> None:
    assert [case.id for case in handbook.cases.values() if not case.illustrates] == []
    isolated = [card.id for card in handbook.cards.values() if not card.related and not card.referenced_by]
    assert isolated == []


def test_every_source_is_cited(handbook: Handbook) -> None:
    assert [source.id for source in handbook.sources.values() if not source.cited_by] == []


@pytest.mark.skipif(not COPYCHECK.exists(), reason="../shared/tools/copycheck.py absent (not beside this clone)")
def test_the_handbook_is_written_in_its_own_words() -> None:
    run = subprocess.run([sys.executable, str(COPYCHECK), "practices", "docs"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
