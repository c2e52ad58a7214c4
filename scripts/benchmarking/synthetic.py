"""Synthetic handbooks of any size, shaped like the real one.

Every field of every kind of file is used, with French-like text of the real cards' length
(about 450 words a card, drawn from the real handbook's words at their real frequencies),
cross-links between cards, cases, sources and the real glossary's terms. The
same seed gives the same handbook, so two runs measure the same input. Everything else (theme,
plugins, Markdown extensions, stylesheets, theme overrides) is the project's own mkdocs.yml,
so the benchmark follows the site as it changes.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils.yaml import yaml_load

from maillage.kinds import SECTIONS
from maillage.validation.schemas import SchemaSet

from .baseline import plugin_output

SEED = 20_261_122
_WORD = re.compile(r"[^\W_](?:[\w’'-]*\w)?")


@dataclass(frozen=True)
class Corpus:
    """The project's own words, with how often its files use each, and its glossary terms.

    Sampling words by their real frequency gives text with the real handbook's vocabulary and
    word distribution, on which search indexes (their chunks, their postings) depend, and with
    glossary abbreviations as often as editors write them.
    """

    words: list[str]
    cumulative: list[int]
    terms: list[str]

    @classmethod
    def of(cls, project: Path) -> Corpus:
        counts: Counter[str] = Counter()
        terms = []
        for path in sorted((project / "practices").rglob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            # Sentences only: identifiers and vocabulary keys ("rendre-les-pme-autonomes",
            # "local-authority") are no text of a page, and each of their parts would be indexed.
            for value in _strings(data):
                if " " in value.strip():
                    counts.update(_WORD.findall(value))
            if path.parent.name == "glossaire":
                terms.append(data["term"])
        words = sorted(counts)
        return cls(words, list(accumulate(counts[word] for word in words)), terms)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return []


class Writer:
    """French-like sentences drawn from the project's words, with some Markdown emphasis."""

    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.corpus = corpus
        self.random = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        count = self.random.randint(low, high)
        return " ".join(self.random.choices(self.corpus.words, cum_weights=self.corpus.cumulative, k=count))

    def sentence(self, low: int = 8, high: int = 20) -> str:
        words = self.words(low, high).split(" ")
        if self.random.random() < 0.15 and len(words) > 2:
            words[1] = f"**{words[1]}**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self, limit: int = 110) -> str:
        """Seven to fifteen words (the real cards' titles: 11 on average), cut at a word within
        ``limit`` characters (titles allow 120)."""
        text = self.words(7, 15)
        while len(text) > limit:
            text = text.rsplit(" ", 1)[0]
        return text[0].upper() + text[1:]


def write_handbook(root: Path, cards: int, project: Path, seed: int = SEED) -> None:
    """A handbook project of ``cards`` cards in ``root``, configured like ``project``."""
    if root.exists():
        shutil.rmtree(root)
    (root / "practices").mkdir(parents=True)
    corpus = Corpus.of(project)
    writer = Writer(corpus, seed + cards)
    schemas = SchemaSet.load()
    vocabulary = {name: list(schemas.labels("card", name)) for name in ("actors", "themes")}
    scopes = list(schemas.labels("case", "scope"))
    phased = sum(1 for section in SECTIONS if section.phase)
    # As in the handbook: about 70 % of cards are practices, spread over the phases.
    weights = [70 / phased if section.phase else 15 for section in SECTIONS]
    card_ids = _unique_ids([writer.title() for _ in range(cards)])
    case_ids = _unique_ids([f"experience {writer.words(2, 4)}" for _ in range(max(2, cards // 2))])
    source_ids = _unique_ids([f"source {writer.words(2, 4)}" for _ in range(max(5, cards // 20))])
    term_ids = _unique_ids(corpus.terms)

    def citations() -> list[dict[str, str]]:
        return [{"ref": writer.random.choice(source_ids), "locator": f"Partie {writer.random.randint(1, 9)}, "
                 f"{writer.words(2, 5)}"} for _ in range(writer.random.randint(1, 2))]

    edited_manage_card = False  # one card of gerer/ at least carries the edition's keys (issue #15)
    for number, card_id in enumerate(card_ids):
        section = writer.random.choices(SECTIONS, weights)[0]
        card: dict[str, object] = {"id": card_id, "kind": section.kind}
        if section.phase:
            card["phase"] = section.phase
        card.update({
            "title": writer.title(),
            # Lengths of the real cards (words, on average): summary 39, context 145, steps 109,
            # pitfalls 46, indicators 34; about 440 words indexed a card.
            "summary": writer.paragraph(3)[:390],
            "context": writer.paragraph(10),
            "how": [writer.paragraph(2) for _ in range(writer.random.randint(3, 5))],
            "pitfalls": [writer.sentence() for _ in range(writer.random.randint(3, 4))],
            "indicators": [writer.sentence() for _ in range(writer.random.randint(2, 3))],
            "actors": writer.random.sample(vocabulary["actors"], writer.random.randint(1, 4)),
            "themes": writer.random.sample(vocabulary["themes"], writer.random.randint(1, 3)),
            "related": sorted({card_ids[(number + writer.random.randint(1, cards - 1)) % cards]
                               for _ in range(writer.random.randint(2, 4))}) if cards > 1 else [],
            "cases": sorted(set(writer.random.sample(case_ids, writer.random.randint(1, 2)))),
            "sources": citations(),
        })
        if not card["related"]:
            del card["related"]
        if number % 10 == 0 or (card.get("phase") == "manage" and not edited_manage_card):
            # a merged card's old ids (never a current one) and an editors' note
            card["replaces"] = [f"ancienne-fiche-{number}"]
            card["note"] = writer.paragraph(2)[:690]
            edited_manage_card = edited_manage_card or card.get("phase") == "manage"
        _dump(root / "practices" / section.slug / f"{card_id}.yml", card)
    for case_number, case_id in enumerate(case_ids):
        _dump(root / "practices" / "experiences" / f"{case_id}.yml", {
            **({"note": writer.paragraph(2)[:690]} if case_number % 10 == 0 else {}),
            # Lengths of the real cases (words, on average): summary 36, organisations 9,
            # programme 5, description 162, figures 13, lessons 48.
            "id": case_id, "title": writer.title(), "summary": writer.paragraph(3)[:390],
            "organisations": [writer.words(2, 5).capitalize() for _ in range(writer.random.randint(1, 3))],
            "place": f"{writer.words(1, 3).capitalize()} (France)", "scope": writer.random.choice(scopes),
            "period": f"vers {writer.random.randint(1990, 2020)}", "programme": writer.words(3, 7).capitalize(),
            "description": writer.paragraph(11), "figures": [writer.sentence(4, 10) for _ in range(2)],
            "lessons": [writer.sentence() for _ in range(writer.random.randint(2, 4))], "sources": citations(),
        })
    for source_id in source_ids:
        _dump(root / "practices" / "sources" / f"{source_id}.yml", {
            "id": source_id, "title": writer.title(), "type": writer.random.choice(["report", "article", "policy-note", "news"]),
            "authors": [f"{writer.words(1, 1).capitalize()}, {chr(65 + writer.random.randrange(26))}."],
            "publisher": writer.title(), "journal": writer.title(), "year": writer.random.randint(1990, 2024),
            "year_approximate": writer.random.random() < 0.3, "summary": writer.paragraph(3)[:590],
        })
    for term, term_id in zip(corpus.terms, term_ids):
        _dump(root / "practices" / "glossaire" / f"{term_id}.yml", {
            "id": term_id, "term": term, "expansion": writer.title(), "definition": writer.paragraph(2)[:490],
            "see_also": sorted({writer.random.choice([other for other in term_ids if other != term_id])}),
        })
    _write_site(root, project, cards)


def _unique_ids(texts: list[str]) -> list[str]:
    seen: set[str] = set()
    ids = []
    for text in texts:
        base = slugify(text, "-")[:60].strip("-")
        candidate, number = base, 2
        while candidate in seen:
            candidate, number = f"{base}-{number}", number + 1
        seen.add(candidate)
        ids.append(candidate)
    return ids


def _dump(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def _write_site(root: Path, project: Path, cards: int) -> None:
    """docs/ and mkdocs.yml: the project's configuration, a home page, the tags page and the
    navigation entries the plugin generates (with a short introduction where the project has
    one); hand-written pages about real cards are left out."""
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    docs, project_docs = root / "docs", project / config.get("docs_dir", "docs")
    docs.mkdir()
    if (project_docs / "assets").is_dir():
        shutil.copytree(project_docs / "assets", docs / "assets")
    for plugin in config.get("plugins", []):
        options = plugin.get("maillage") if isinstance(plugin, dict) else None
        for source in (options or {}).get("pages_from_files", {}).values():
            shutil.copy(project / source, root / source)  # the Contribuer page: a page like any other
    custom_dir = config.get("theme", {}).get("custom_dir")
    if custom_dir:
        shutil.copytree(project / custom_dir, root / custom_dir)
    (docs / "index.md").write_text(f"# {config['site_name']}\n\nGuide synthétique de {cards} fiches, "
                                   "construit pour mesurer le moteur.\n", encoding="utf-8")
    real_nav = config.pop("nav", [])
    _dump_config(root, config)  # no navigation yet: first see which pages the plugin puts in it
    generated = {file.src_uri for file in plugin_output(root).files if file.inclusion != InclusionLevel.NOT_IN_NAV}
    config["nav"] = _keep_nav(real_nav, generated, project_docs, docs)
    _dump_config(root, config)


def _dump_config(root: Path, config: dict) -> None:
    (root / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _keep_nav(nav: list, generated: set[str], project_docs: Path, docs: Path) -> list:
    """The project's navigation, keeping the home page, tags pages and generated pages."""
    kept = []
    for entry in nav:
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(target, list):
            children = _keep_nav(target, generated, project_docs, docs)
            if children:
                kept.append({title: children} if title else children)
            continue
        tags = "<!-- material/tags -->" in _read(project_docs / target)
        if target == "index.md" or target in generated or tags:
            if target != "index.md" and (project_docs / target).exists():
                page = docs / target
                page.parent.mkdir(parents=True, exist_ok=True)
                marker = "\n<!-- material/tags -->\n" if tags else ""
                page.write_text(f"# {title or target}\n\nIntroduction de la rubrique.\n{marker}", encoding="utf-8")
            kept.append(entry)
    return kept


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""
