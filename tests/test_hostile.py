"""Hostile contributors, by output context: what reaches the built site or the captured output.

The validator's refusals are tested one file at a time in ``tests/bad_input/`` (the first line
of defence). Here each class of attack is also tried with that line switched off, so that the
second one is tested for real: the escaping of every place a card's text lands (HTML text and
attributes, ``<title>`` and ``<meta>``, edit links, JSON files, the problems page, the CI log,
the job summary). Every build here also goes through ``site_check`` (no foreign script, no
handler, no ``<meta http-equiv>``, no id twice, nothing from outside ``practices/`` and
``docs/``).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CANARIES, ROOT, Project
from maillage import pipeline
from maillage.pipeline import load_handbook
from maillage.rendering.escaping import escape_theme_metadata
from maillage.rendering.sanitise import sanitise
from maillage.loading.problems import Problem
from maillage.rendering.typography import french_text as typeset
from maillage.validation.report import SUMMARY_LIMIT, github_log, markdown_summary
from maillage.validation.schemas import SCHEMA_FILES, SchemaSet

SCHEMAS = SchemaSet.load()
PAYLOADS = {
    "markup": "<img src=x onerror=alert(1)></title><b>",
    "quotes": "x\" onmouseover=\"alert(1)\" y='z' &lt;i&gt;",
    "commands": "::error::pris %0A %25 {{ x }} {% y %} \\ ]]>",
}
"""Short enough for every field's length limit, each breaking a different context."""
HOSTILE_FOLDER = 'x" onmouseover="alert(1)'
FILES = {"card": "practices/lancer/partir-des-objectifs.yml", "case": "practices/experiences/reseau-essai.yml",
         "source": "practices/sources/guide-source.yml", "term": "practices/glossaire/geiq.yml"}


def _text_fields(kind: str) -> dict[str, bool]:
    """Free-text properties of a kind (pattern ``\\S``) → whether they may span lines."""
    found = {}
    for name in SCHEMAS.schema(kind)["properties"]:
        schema = SCHEMAS.property_schema(kind, name)
        items = schema.get("items") if schema.get("type") == "array" else None
        if isinstance(items, dict) and "$ref" in items:
            items = SCHEMAS.resolve(items, SCHEMA_FILES[kind])
        target = items if isinstance(items, dict) else schema
        if target.get("pattern") == "\\S":
            found[name] = "not" not in target
    return found


def fill(project: Project, text: str) -> dict[str, str]:
    """Every free-text field of one file of each kind becomes ``text`` and a number; returns what
    each field of the card now says."""
    card_values: dict[str, str] = {}
    number = 0
    for kind, relative in FILES.items():
        path = project.root / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def value(multiline: bool = False) -> str:
            nonlocal number
            number += 1
            return f"{text} f{number}z" + ("\n\nsuite" if multiline else "")

        for name, multiline in _text_fields(kind).items():
            if isinstance(data.get(name), list):
                data[name] = [value(multiline) for _ in data[name]]
            elif name in data:
                data[name] = value(multiline)
            if kind == "card" and isinstance(data.get(name), str):
                card_values[name] = data[name]
        for citation in data.get("sources", []):
            citation["locator"] = value()
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return card_values


class _Skeleton(HTMLParser):
    """A page's elements and attribute names, in order: what markup made from text would change."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))
        self._in_title = tag == "title"
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.meta["description"] = dict(attrs).get("content") or ""

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        self.shape.append((f"/{tag}", ()))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def skeleton(html: str) -> _Skeleton:
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    return parser


def pages(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


@pytest.fixture
def first_line_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validator's text rules and folder list switched off: only the output's escaping is left."""
    monkeypatch.setattr(pipeline, "unsafe_texts", lambda document: [])
    monkeypatch.setitem(pipeline.FOLDERS, HOSTILE_FOLDER, "card")


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The same handbook with plain words in every field: the structure every hostile build keeps."""
    import shutil

    from conftest import FIXTURE
    project = Project(tmp_path_factory.mktemp("benin") / "handbook")
    shutil.copytree(FIXTURE, project.root)
    fill(project, "Texte ordinaire")
    return pages(project.build())


@pytest.mark.parametrize("family", PAYLOADS)
def test_hostile_text_in_every_field_keeps_every_page_structure(
        project: Project, benign: dict[str, str], first_line_off: None, family: str) -> None:
    values = fill(project, PAYLOADS[family])
    site = project.build()  # site_check: no handler, script, http-equiv, duplicate id or leak
    built = pages(site)
    assert built.keys() == benign.keys()
    # Compared as multisets: lists sorted by title (glossary, print documents) may change order.
    changed = [page for page in built
               if sorted(skeleton(built[page]).shape) != sorted(skeleton(benign[page]).shape)]
    assert changed == [], f"pages whose elements or attributes changed with {family!r}: {changed}"
    card = skeleton(built["fiches/partir-des-objectifs/index.html"])
    assert card.title == typeset(f"{values['title']} - Guide d'essai")  # escaped once, not twice
    assert card.meta["description"] == values["summary"]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", built["fiches/partir-des-objectifs/index.html"], re.DOTALL)
    assert heading and html.unescape(re.sub(r"<[^>]+>", "", heading[1])).strip().rstrip("¶") == typeset(values["title"])


def test_a_folder_name_cannot_break_out_of_the_edit_link(project: Project, first_line_off: None) -> None:
    (project.root / "practices/lancer/partir-des-objectifs.yml").rename(
        project.write(f"practices/{HOSTILE_FOLDER}/partir-des-objectifs.yml", "").parent / "partir-des-objectifs.yml")
    project.build()
    page = project.page("fiches/partir-des-objectifs")
    assert 'href="https://github.com/exemple/guide/edit/main/practices/x%22%20onmouseover%3D%22alert%281%29/' \
           'partir-des-objectifs.yml"' in page


def test_the_validator_names_every_file_it_does_not_read(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text("id: secret\n", encoding="utf-8")
    (project.root / "practices/lancer/lien.yml").symlink_to(project.root / ".git" / "config")
    (project.root / "practices/vigilance/dossier-lien").symlink_to(tmp_path)
    project.write("practices/lancer/.cachee.yml", "id: cachee\n")
    project.write("practices/lancer/MAJUSCULES.YML", "id: x\n")
    project.write("practices/lancer/sous-dossier/carte.yml", "id: carte\n")
    project.write(f"practices/{HOSTILE_FOLDER}/carte.yml", "id: carte\n")
    project.write("practices/lancer/Espace Nom.yml", "id: x\n")
    project.write("practices/notes.txt", "x\n")
    result = load_handbook(project.root / "practices", project.root)
    assert result.handbook is None
    found = {problem.path: problem.message.split(" :")[0] for problem in result.problems}
    assert found == {
        "practices/lancer/lien.yml": "lien symbolique refusé",
        "practices/vigilance/dossier-lien": "lien symbolique refusé",
        "practices/lancer/.cachee.yml": "fichier caché refusé",
        "practices/lancer/MAJUSCULES.YML": "extension « .YML »",
        "practices/lancer/sous-dossier": "sous-dossier refusé",
        f"practices/{HOSTILE_FOLDER}": "dossier inconnu",
        "practices/lancer/Espace Nom.yml": "nom de fichier refusé",
        "practices/notes.txt": "fichier hors d'un dossier",
    }
    assert not any(canary in problem.message for problem in result.problems for canary in CANARIES)


def test_no_card_text_includes_a_file(project: Project, first_line_off: None) -> None:
    """Snippets are off: a ``--8<--`` line that slipped past the validator stays text."""
    path = project.root / FILES["card"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - Réunir les dirigeants.", '  - |\n    Réunir.\n\n    --8<-- ".git/config"\n\n    --8<-- "SECRET.txt"'),
        encoding="utf-8")
    project.build()  # site_check's canaries: neither file reached the site
    assert "--8&lt;-- &quot;.git/config&quot;" in project.page("fiches/partir-des-objectifs") \
        or '--8&lt;-- ".git/config"' in project.page("fiches/partir-des-objectifs")


def test_markup_that_picks_classes_and_ids_loses_them(project: Project, first_line_off: None) -> None:
    path = project.root / FILES["card"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - Réunir les dirigeants.",
        '  - |\n    Réunir.\n\n    !!! md-dialog "Tout l\'écran"\n        texte\n\n    ## __search\n\n'
        '    ## maillage-search-results'), encoding="utf-8")
    project.build()  # site_check: no id twice in a page
    page = project.page("fiches/partir-des-objectifs")
    assert "md-dialog" not in page.split("<article")[1].split("</article>")[0]
    assert page.count('id="__search"') == 1 and page.count('id="maillage-search-results"') <= 1


def test_the_problems_page_shows_hostile_text_as_text(project: Project) -> None:
    path = project.root / FILES["card"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: practice", 'kind: "<img src=x onerror=alert(1)>`x`"'), encoding="utf-8")
    project.write("practices/a`<b>`b/carte.yml", "id: carte\n")
    project.build(serve=True)  # site_check: the problems page has no handler
    page = project.page("")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page
    assert "practices/a`&lt;b&gt;`b" in page


def run_validate(project: Project, summary: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--format", "github",
                           "--root", str(project.root)], capture_output=True, text=True, env=environment,
                          timeout=60)


def test_the_ci_log_holds_no_command_but_our_annotations(project: Project, tmp_path: Path) -> None:
    path = project.root / FILES["card"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "kind: practice", 'kind: "x\\n::add-mask::secret\\r\\n::warning file=README.md::faux"').replace(
        "phase: launch", 'phase: "[clic](https://piege.example) ![pixel](https://piege.example/p.png) | a | b"'),
        encoding="utf-8")
    project.write("practices/a\n::error file=x::faux/carte.yml", "id: carte\n")
    summary = tmp_path / "summary.md"
    result = run_validate(project, summary)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = load_handbook(project.root / "practices", project.root).problems
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    annotations = [line for line in commands if line.startswith("::error file=")]
    assert len(annotations) == len(problems) >= 3
    fence = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", commands[len(annotations)])
    assert fence and commands[len(annotations) + 1:] == [f"::{fence[1]}::"], commands
    rendered = markdown.markdown(summary.read_text(encoding="utf-8"), extensions=["tables"])
    assert "<a " not in rendered and "<img" not in rendered
    assert rendered.count("<tr>") == 1 + len(problems)  # the header, then a row per problem
    assert rendered.count("<td>") == 4 * len(problems)  # no cell split by a « | »


def test_the_job_summary_stays_under_githubs_limit() -> None:
    problems = [Problem(f"practices/lancer/fiche-{number}.yml", 1, 1, "title", "x" * 200) for number in range(8000)]
    text = markdown_summary(problems, 8000)
    assert len(text.encode()) <= SUMMARY_LIMIT
    assert text.rstrip().endswith("la liste entière est dans le journal de l'étape.")
    shown = text.count("| practices/")
    assert 0 < shown < 8000 and f"{8000 - shown} problème(s) de plus" in text


def test_one_unreadable_card_fails_the_build_in_french_without_traceback(project: Project, build_log) -> None:
    from mkdocs.exceptions import Abort
    path = project.root / FILES["card"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - Réunir les dirigeants.", "  - Voir [le site](www.exemple.fr)."), encoding="utf-8")
    with pytest.raises(Abort):
        project.build()
    assert "lien sans adresse complète (« www.exemple.fr »)" in build_log.text
    assert "Traceback" not in build_log.text


# Each output context, for any text: Hypothesis, on the functions that write it.
ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60) | st.sampled_from(list(PAYLOADS.values()))


@settings(max_examples=200, deadline=None)
@given(title=ANY_TEXT, description=ANY_TEXT)
def test_theme_metadata_keeps_the_head_structure(title: str, description: str) -> None:
    """As Material prints them, autoescape off: ``<title>`` and ``<meta content>`` stay whole."""
    import jinja2
    template = jinja2.Environment(autoescape=False).from_string(
        '<title>{{ meta.title }} - Site</title><meta name="description" content="{{ meta.description }}">'
        '<a aria-label="{{ meta.title | e }}">{{ meta.title }}</a>')
    meta: dict[str, object] = {"title": title, "description": description}
    escape_theme_metadata(meta)
    escape_theme_metadata(meta)  # twice is once
    parsed = skeleton(template.render(meta=meta))
    assert parsed.shape == [("title", ()), ("/title", ()), ("meta", ("content", "name")),
                            ("a", ("aria-label",)), ("/a", ())]
    assert parsed.title == f"{title} - Site"
    assert parsed.meta["description"] == description


@settings(max_examples=200, deadline=None)
@given(path=ANY_TEXT, field=ANY_TEXT, message=ANY_TEXT)
def test_every_log_line_is_ours_and_every_summary_cell_is_text(path: str, field: str, message: str) -> None:
    log = github_log([Problem(path, 1, 1, field, message)], 1)
    commands = [line for line in log.splitlines() if line.startswith("::")]
    assert len(commands) == 3 and commands[0].startswith("::error file=")
    token = commands[1].removeprefix("::stop-commands::")
    assert re.fullmatch("[0-9a-f]{32}", token) and commands[2] == f"::{token}::"
    rendered = markdown.markdown(markdown_summary([Problem(path, 1, 1, field, message)], 1), extensions=["tables"])
    assert rendered.count("<tr>") == 2 and rendered.count("<td>") == 4
    assert not re.search(r"<(?!/?(?:h2|p|table|thead|tbody|tr|th|td)\b)", rendered)


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet="abcdemd_-:. ", max_size=20), identifier=st.text(alphabet="_abmd-0:", max_size=12))
def test_content_never_carries_the_frames_classes_or_ids(name: str, identifier: str) -> None:
    cleaned = sanitise(f'<div class="{name} md-dialog md-search" id="{identifier}"><p id="__search">x</p></div>')
    assert "md-dialog" not in cleaned and "md-search" not in cleaned and 'id="__search"' not in cleaned
    assert 'id="_' not in cleaned and 'id="maillage-search-results"' not in cleaned


# The same, over whole builds, for any text the validator accepts in a card's one-line fields.
LINE_TEXT = st.text(st.sampled_from(list("<>\"'&`:;%#*_[](){}!?=/\\|~-. aé\u00a0\u2019«»")), min_size=5, max_size=40)


@settings(max_examples=4, deadline=None, derandomize=True)
@given(title=LINE_TEXT, summary=LINE_TEXT)
def test_accepted_text_keeps_every_page_structure(tmp_path_factory: pytest.TempPathFactory,
                                                  benign: dict[str, str], title: str, summary: str) -> None:
    import shutil

    from conftest import FIXTURE
    project = Project(tmp_path_factory.mktemp("propriete") / "handbook")
    shutil.copytree(FIXTURE, project.root)
    fill(project, "Texte ordinaire")
    path = project.root / FILES["card"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"], data["summary"] = title.strip() or "titre", summary.strip() or "résumé"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if load_handbook(project.root / "practices", project.root).problems:
        return  # refused by the validator, with a message: the first line of defence held
    built = pages(project.build())
    changed = [page for page in built
               if sorted(skeleton(built[page]).shape) != sorted(skeleton(benign[page]).shape)]
    assert changed == []
    assert skeleton(built["fiches/partir-des-objectifs/index.html"]).meta["description"] == data["summary"]
