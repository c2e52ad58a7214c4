"""Properties over generated input (Hypothesis): whatever an editor's file holds, the validator
answers with problems, never an exception; whatever a valid card's title and summary say, the
reader sees that text, not markup made from it."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, Project
from maillage.pipeline import load_handbook
from maillage.rendering.typography import french_text as typeset
from maillage.validation.schemas import SchemaSet
from maillage.validation.text_safety import unsafe_text

SCHEMAS = SchemaSet.load()
CARD_SCHEMA = SCHEMAS.schema("card")
FOLDERS = ["lancer", "vigilance", "experiences", "sources", "glossaire"]
"""A card folder and each other kind: every schema is exercised."""
TARGETS = {"related": ["choisir-un-animateur", "partir-des-objectifs"], "cases": ["reseau-essai"],
           "sources": ["guide-source"], "id": ["prop"]}
"""Ids of the fixture handbook each reference may name; random text and other ids are tried too."""
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# YAML's troublemakers, so that random text is mostly almost-YAML rather than one long word.
TOKENS = [
    "id", "kind", "title", "how", "sources", "ref", "locator", ": ", ":", "- ", "-", "  ", "\n", "\t",
    "\r\n", "[", "]", "{", "}", ",", "'", '"', "\\", "&a ", "*a", "!!python/name:os.system ", "!x ", "!!str ",
    "---\n", "...\n", "? ", "|\n", ">-\n", "# ", "%YAML 1.1\n", "%TAG ! x\n", "@", "`", "<<: ", "=", "~", "yes",
    "2024-01-01", "1e3", "0x1F", "1:20", ".nan", "9" * 30, "é", "\u2028", "\u202e", "\x00", "\x85", "\ufeff",
    "<script>", "](javascript:", "{: onclick=x}", "practice", "launch", "guide-source", "Choisir un animateur",
]
almost_yaml = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=40).map("".join)
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=2**64) | st.floats()
           | st.text() | st.dates() | st.datetimes())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


def dumped(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Card-shaped mappings: the schema's keys with plausible or arbitrary values, some keys missing.
PROSE = st.sampled_from(["Choisir un animateur neutre et reconnu", "Partie I, conditions de réussite",
                         "Un animateur extérieur aux entreprises inspire confiance à toutes."])


def some_id(name: str) -> st.SearchStrategy:
    """Mostly an id the reference may name, sometimes an id of another kind, or anything."""
    right = st.sampled_from(TARGETS[name])
    other = st.sampled_from(sorted({entry for ids in TARGETS.values() for entry in ids}))
    return st.one_of(right, right, right, other, st.text(max_size=10))


def plausible(name: str) -> st.SearchStrategy:
    schema = SCHEMAS.property_schema("card", name)
    items = SCHEMAS.resolve(schema.get("items", {}), "card.schema.json")
    text = st.one_of(PROSE, PROSE, PROSE, st.text())  # mostly sensible text: some cards come out valid
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if name == "id":
        return some_id("id")
    if name == "sources":
        citation = st.fixed_dictionaries({"ref": some_id("sources"), "locator": text})
        return st.lists(citation, min_size=1, max_size=3)
    if "enum" in items:
        return st.lists(st.sampled_from(items["enum"]), min_size=1, max_size=4)
    if name in ("related", "cases"):
        return st.lists(some_id(name), min_size=1, max_size=3, unique=True)
    if schema.get("type") == "array":
        return st.lists(text, min_size=1, max_size=3)
    return text


def mostly_plausible(name: str) -> st.SearchStrategy:
    return st.one_of(plausible(name), plausible(name), plausible(name), values)  # 3 in 4 plausible


card_shaped = st.fixed_dictionaries(
    {name: mostly_plausible(name) for name in [*CARD_SCHEMA["required"], "phase"]},
    optional={name: mostly_plausible(name) for name in CARD_SCHEMA["properties"]
              if name not in [*CARD_SCHEMA["required"], "phase"]} | {"autre": values},
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One project for all examples: Hypothesis reruns a test body, not its fixtures."""
    root = tmp_path_factory.mktemp("proprietes") / "handbook"
    shutil.copytree(FIXTURE, root)
    return Project(root)


def answers_with_problems(project: Project, relative: str, content: bytes, *, whole: bool = False) -> None:
    path = project.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        result = load_handbook(project.root / "practices", project.root, only=None if whole else [path])
    finally:
        path.unlink()
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message, problem
    if not whole:
        assert {problem.path for problem in result.problems} <= {relative}
    if whole and not result.problems:
        assert result.handbook is not None


@QUICK
@given(text=almost_yaml | st.text(), folder=st.sampled_from(FOLDERS))
def test_any_text_gets_problems_not_an_exception(scratch: Project, text: str, folder: str) -> None:
    answers_with_problems(scratch, f"practices/{folder}/prop.yml", text.encode("utf-8", "surrogatepass"))


@QUICK
@given(content=st.binary(max_size=200))
def test_any_bytes_get_problems_not_an_exception(scratch: Project, content: bytes) -> None:
    answers_with_problems(scratch, "practices/lancer/prop.yml", content)


@QUICK
@given(data=values, folder=st.sampled_from(FOLDERS))
def test_any_yaml_document_gets_problems_not_an_exception(scratch: Project, data: object, folder: str) -> None:
    answers_with_problems(scratch, f"practices/{folder}/prop.yml", dumped(data).encode())


@QUICK
@given(card=card_shaped)
def test_any_card_shaped_mapping_is_validated_and_modelled(scratch: Project, card: dict) -> None:
    """The whole handbook is loaded, so a card that happens to be valid is also modelled."""
    answers_with_problems(scratch, "practices/lancer/prop.yml", dumped(card).encode(), whole=True)


# -- a valid card's title and summary reach the reader as text ---------------------------------
# Markdown punctuation, HTML-ish characters, entities, spaces: everything a title may legally hold.
VISIBLE = st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"])
PUNCTUATION = st.sampled_from(list("\\`*_[]()#+-.!|~^<>&;:=\"'%$@/?") + ["&amp;", "&lt;", "&#x41;", "1. ", "- "])
line_text = st.lists(PUNCTUATION | VISIBLE, min_size=3, max_size=40).map("".join)


def is_valid(title: str, summary: str) -> bool:
    card = {"id": "prop", "kind": "practice", "phase": "manage", "title": title, "summary": summary,
            "how": ["Une étape."], "sources": [{"ref": "guide-source", "locator": "Partie I"}]}
    return not SCHEMAS.errors("card", card) and unsafe_text(title) is None and unsafe_text(summary) is None


titles_and_summaries = st.tuples(line_text, line_text.map(lambda text: text + " pour que le résumé soit assez long")
                                 ).filter(lambda pair: is_valid(*pair))


class _Text(HTMLParser):
    """The text, and the tags, inside the first ``tag`` element (with ``css_class``, if given)."""

    def __init__(self, tag: str, css_class: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.target = (tag, css_class)
        self.depth = 0
        self.text = ""
        self.tags: list[str] = []
        self.skip = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0 and not self.done and tag == self.target[0] and (
                self.target[1] is None or self.target[1] in classes):
            self.depth = 1
            return
        if self.depth:
            self.depth += 1
            if tag == "a" and "headerlink" in classes:
                self.skip = self.depth  # the ¶ permalink toc adds
            else:
                self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            if self.skip == self.depth:
                self.skip = 0
            self.depth -= 1
            self.done = self.done or self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text += data


def rendered(page: str, tag: str, css_class: str | None = None) -> tuple[str, list[str]]:
    parser = _Text(tag, css_class)
    parser.feed(page)
    return " ".join(parser.text.split()), parser.tags


@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(pairs=st.lists(titles_and_summaries, min_size=1, max_size=4))
def test_title_and_summary_reach_the_page_as_text(scratch: Project, pairs: list[tuple[str, str]]) -> None:
    """A few cards per build: a build costs about a second, a card next to nothing."""
    paths = [scratch.write(f"practices/gerer/prop-{number}.yml", dumped(
        {"id": f"prop-{number}", "kind": "practice", "phase": "manage", "title": title, "summary": summary,
         "how": ["Une étape."], "sources": [{"ref": "guide-source", "locator": "Partie I"}]}))
        for number, (title, summary) in enumerate(pairs)]
    try:
        site = scratch.build()
    finally:
        for path in paths:
            path.unlink()
    listing, _ = rendered((site / "gerer" / "index.html").read_text(encoding="utf-8"), "main")
    for number, (title, summary) in enumerate(pairs):
        page = scratch.page(f"fiches/prop-{number}/")
        # as French typography sets them (rendering/typography.py), spaces folded like rendered()'s
        title, summary = " ".join(typeset(title).split()), " ".join(typeset(summary).split())
        heading, heading_tags = rendered(page, "h1")
        shown, summary_tags = rendered(page, "p", "maillage-summary")
        assert (heading, shown) == (title, summary)
        # Only glossary tooltips may wrap words; nothing else is made of the editor's text.
        assert set(heading_tags) <= {"abbr"} and set(summary_tags) <= {"abbr"}
        assert title in listing and summary in listing
