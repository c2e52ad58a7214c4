"""The benchmark's inputs stay honest as the engine changes: a synthetic handbook is valid under
today's schemas, uses every field, and its baseline holds exactly the pages the plugin makes.
(The benchmark itself, scripts/bench.py, is not part of the suite: it takes minutes to hours.)"""

from __future__ import annotations

import sys

import yaml

from conftest import ROOT
from maillage.pipeline import load_handbook
from maillage.validation.schemas import SchemaSet

sys.path.insert(0, str(ROOT / "scripts"))

from benchmarking.baseline import plugin_output, write_baseline  # noqa: E402
from benchmarking.measures import retitled  # noqa: E402
from benchmarking.synthetic import write_handbook  # noqa: E402


def test_a_synthetic_handbook_is_valid_complete_and_mirrored_by_its_baseline(tmp_path) -> None:
    handbook, baseline = tmp_path / "guide", tmp_path / "reference"
    write_handbook(handbook, 30, ROOT)
    result = load_handbook(handbook / "practices", handbook)
    assert result.problems == [] and len(result.handbook.cards) == 30

    schemas = SchemaSet.load()
    for kind, folder in (("card", "gerer"), ("case", "experiences"), ("source", "sources"), ("term", "glossaire")):
        used = set().union(*(yaml.safe_load(path.read_text(encoding="utf-8"))
                             for path in (handbook / "practices" / folder).glob("*.yml")))
        assert used == set(schemas.schema(kind)["properties"]), (kind, set(schemas.schema(kind)["properties"]) - used)

    write_baseline(handbook, baseline)
    config = yaml.load((baseline / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert "maillage" not in [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["plugins"]]
    generated = {file.src_uri for file in plugin_output(handbook).files}
    assert generated and all((baseline / "docs" / uri).is_file() for uri in generated)


def test_the_edit_the_benchmark_times_leaves_every_card_valid(tmp_path) -> None:
    """The edit loop waits for the edited title on the card's page: a card the edit made invalid
    would show the problems page instead, and the benchmark would wait in vain (it did, at 10,000
    cards, when the marker was added to a title already near the length limit)."""
    write_handbook(tmp_path, 30, ROOT)
    for number, card in enumerate(sorted((tmp_path / "practices").glob("[!_]*/*.yml"))):
        if yaml.safe_load(card.read_text(encoding="utf-8")).get("title"):
            card.write_text(retitled(card.read_text(encoding="utf-8"), f"Modification numero {number} banc essai"),
                            encoding="utf-8")
    assert load_handbook(tmp_path / "practices", tmp_path).problems == []
