"""The YAML reader: data, positions, and every input it must refuse with a located message."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from maillage.loading.yaml_reader import (
    _COMPOSER_NESTING,
    MAX_DEPTH,
    Document,
    Position,
    _decode,
    _EventReader,
    _fast_data,
    _HandOver,
    _plain_tag,
    read_document,
)
from maillage.validation.text_safety import unsafe_text, unsafe_texts

FIXTURE_PRACTICES = Path(__file__).parent / "fixtures" / "handbook" / "practices"


def read(tmp_path: Path, content: str | bytes, max_bytes: int = 65536):
    path = tmp_path / "fiche.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    document, problems = read_document(path, "fiche.yml", max_bytes)
    return document, [problem.format() for problem in problems]


def test_keeps_the_position_of_every_key_and_value(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "id: a\nhow:\n  - un\n  - deux\nsources:\n  - ref: x\n    locator: y\n")
    assert problems == []
    assert document.data == {"id": "a", "how": ["un", "deux"], "sources": [{"ref": "x", "locator": "y"}]}
    assert document.position(("how", 1)) == Position(4, 5)
    assert document.key_position(("sources", 0, "locator")) == Position(7, 5)
    assert document.position(("sources", 0, "locator")) == Position(7, 14)


def test_bom_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    document, problems = read(tmp_path, b"\xef\xbb\xbfid: a\r\ntitle: b\r\n")
    assert problems == []
    assert document.data == {"id": "a", "title": "b"}
    assert document.position(("title",)) == Position(2, 8)


def test_unquoted_yes_no_keep_their_original_text(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "a: no\nb: 2020-01-02\nc: 'yes'\n")
    assert problems == []
    assert document.data["a"] is False and document.raw_scalars[("a",)] == "no"
    assert document.raw_scalars[("b",)] == "2020-01-02"
    assert document.data["c"] == "yes" and ("c",) not in document.raw_scalars


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n",
         "fiche.yml:3:1: la clé « a » apparaît deux fois dans le même bloc (déjà ligne 1) : "
         "YAML ne garderait que la dernière. Fusionnez les deux."),
        ("a: &x 1\n",
         "fiche.yml:1:4: les ancres YAML (« &x ») sont refusées : écrivez la valeur en entier."),
        ("a: !!python/object:os.system x\n",
         "fiche.yml:1:4: les étiquettes YAML (« tag:yaml.org,2002:python/object:os.system ») sont refusées : "
         "écrivez une simple valeur, entre guillemets si besoin."),
        ("a:\n\tb: 1\n",
         "fiche.yml:2:1: YAML invalide, tabulation interdite : YAML n'accepte que des espaces pour indenter. "
         "Remplacez chaque tabulation par deux espaces."),
        ('a: "pas fermé\nb: 2\n',
         "fiche.yml:1:4: YAML invalide, guillemet ouvert ligne 1 jamais fermé : ajoutez le guillemet de fin, "
         "ou doublez une apostrophe ('') à l'intérieur d'un texte entre apostrophes."),
        ("title: Lancer : le réseau\n",
         "fiche.yml:1:15: YAML invalide, deux-points inattendu : un texte qui contient « : » doit être mis "
         "entre guillemets, ou bien cette ligne est mal indentée."),
        ("", "fiche.yml:1:1: le fichier est vide : il doit contenir des lignes « clé: valeur »."),
        ("# rien que des commentaires\n",
         "fiche.yml:1:1: le fichier est vide : il doit contenir des lignes « clé: valeur »."),
        ("a: 1\n---\nb: 2\n",
         "fiche.yml:2:1: un seul document par fichier : retirez la ligne « --- » et ce qui suit."),
    ],
)
def test_refused_input_gets_a_located_french_message(tmp_path: Path, content: str, expected: str) -> None:
    _, problems = read(tmp_path, content)
    assert problems == [expected]


def test_aliases_are_refused_without_being_expanded(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    document, problems = read(tmp_path, bomb)
    assert problems[0] == "fiche.yml:1:4: les ancres YAML (« &a ») sont refusées : écrivez la valeur en entier."
    assert "fiche.yml:2:8: les alias YAML (« *a ») sont refusés : recopiez le texte à cet endroit." in problems
    assert document.data["i"] == ["*h", "*h", "*h", "*h"]  # nothing was expanded


def test_latin1_bytes_are_located(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "id: a\ntitle: caf".encode() + b"\xe9\n")
    assert problems == [
        "fiche.yml:2:11: le fichier n'est pas encodé en UTF-8 (octet 0xE9 illisible). Enregistrez-le en UTF-8 : "
        "dans VS Code, « Enregistrer avec l'encodage » puis « UTF-8 »."
    ]


@pytest.mark.parametrize(("character", "code"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\u202e", "U+202E")])
def test_control_and_bidi_characters_are_refused(tmp_path: Path, character: str, code: str) -> None:
    _, problems = read(tmp_path, f"id: a\ntitle: x{character}y\n")
    assert problems == [
        f"fiche.yml:2:9: caractère invisible ou de contrôle interdit ({code}). Supprimez-le : il vient souvent "
        "d'un copier-coller depuis un traitement de texte ou un PDF."
    ]


def test_files_over_the_size_cap_are_not_parsed(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: " + "x" * 2000 + "\n", max_bytes=1024)
    assert problems == [
        "fiche.yml:1:1: fichier trop gros (1 Ko) : la limite est 1 Ko par fichier. "
        "Une fiche tient en quelques kilo-octets ; découpez ou allégez le texte."
    ]


def test_deep_nesting_is_cut(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n")
    assert problems == [
        f"fiche.yml:1:{4 + MAX_DEPTH - 1}: imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : "
        "une fiche n'en a besoin que de trois."
    ]
    assert document is not None


@pytest.mark.parametrize("depth", [_COMPOSER_NESTING, 5000])
def test_deep_nesting_never_overflows_the_c_stack(tmp_path: Path, depth: int) -> None:
    """libyaml composes in C, recursively: a few thousand brackets overflowed the stack of a
    server's thread (512 KB here) and killed the whole process instead of raising."""
    path = tmp_path / "fiche.yml"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    outcome = []
    previous = threading.stack_size(512 * 1024)
    try:
        thread = threading.Thread(target=lambda: outcome.append(read_document(path, "fiche.yml", 65536)))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous)
    document, problems = outcome[0]
    assert [problem.format() for problem in problems] == [
        f"fiche.yml:1:{MAX_DEPTH + 1}: imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : "
        "une fiche n'en a besoin que de trois."
    ]
    assert document is not None


@pytest.mark.parametrize("path", sorted(FIXTURE_PRACTICES.rglob("*.yml")), ids=lambda path: path.name)
def test_well_formed_files_are_read_once_and_traced_only_when_asked(path: Path) -> None:
    document, problems = read_document(path, path.name, 65536)
    assert problems == [] and document.traced is None  # the fast reader: no event, no position
    assert document.position(("id",)) == Position(2, 5)  # traced now, on this first question
    assert set(document.trace.values) == {path for path, _ in walk(document.data)}  # a position for each value


def walk(data: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    """Every value, containers too, with its path."""
    nested = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    return [(path, data), *(inner for key, value in nested for inner in walk(value, path + (key,)))]


def test_what_the_fast_reader_cannot_say_goes_to_the_event_reader(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "id: a\ntitle: &t Titre\n")
    assert problems and document.traced is not None


# Documents of every shape and style, and almost-YAML with its troublemakers. Text is mostly of
# characters an editor types: most documents must be readable, for the properties to say something.
typed_text = st.text(st.characters(blacklist_categories=["Cc", "Cf", "Cs", "Zl", "Zp"]), max_size=12)
words = st.one_of(typed_text, typed_text, st.text(max_size=4),
                  st.sampled_from(["no", "Yes", "~", "=", "<<", "0x1F", "1_000", "1:20", ".nan", "2020-01-01", "1e3",
                                   "**gras**", "*a", "&a", "!x", "a: b", "- x", "[x]", "{x}", "[a]: b", "é",
                                   "<b>x</b>", "](javascript:x)", "{: onclick=x}", "\\x3c", "L'animateur"]))
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=2**64) | st.floats()
           | st.dates() | st.datetimes() | words | words)


def nested(leaves: st.SearchStrategy) -> st.SearchStrategy:
    return st.dictionaries(words, st.recursive(
        leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words | leaves, inner, max_size=4),
        max_leaves=14), min_size=1, max_size=5)


def dump(data: object, flow: bool | None, style: str | None, width: int) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True,
                          sort_keys=False, width=width)


flows, widths = st.sampled_from([False, True, None]), st.sampled_from([80, 20])
dumped = st.one_of(
    st.builds(dump, nested(scalars), flows, st.none(), widths),
    st.builds(dump, nested(words), flows, st.sampled_from(['"', "'", "|", ">"]), widths),  # text only: no tag
)
escaped = st.lists(st.tuples(st.sampled_from("<>{}[]():/ aijv"), st.sampled_from([True, True, False]))).map(
    lambda characters: 'a: "' + "".join(f"\\x{ord(c):02x}" if escape else c for c, escape in characters) + '"\n')
"""Markup that only escapes write, in double quotes: ``"\\x3ci>"`` is ``<i>``."""
TOKENS = ["id", "a", "b", ": ", ":", "- ", "-", "  ", "\n", "\t", "[", "]", "{", "}", ",", "'", '"', "\\", "&a ",
          "*a", "!!str ", "!x ", "! ", "---\n", "...\n", "? ", "|\n", ">-\n", "# ", "<<: ", "=", "~", "no", "é",
          "2024-01-01", "1e3", "0x1F", "9" * 25, "\\x3c", "\\u005b", "](", "<", "\u2028"]
almost_yaml = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40).map("".join)
documents = st.one_of(dumped, dumped, escaped, almost_yaml, st.builds(lambda a, b: a + b, dumped, almost_yaml | escaped))
PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def typed(data: object) -> object:
    """Data with the type of each scalar beside it: ``True == 1 == 1.0`` must not pass for equal."""
    if isinstance(data, dict):
        return [(key, typed(value)) for key, value in data.items()]
    if isinstance(data, list):
        return [typed(value) for value in data]
    return type(data).__name__, repr(data)


def fast_read(content: str) -> tuple[str, object] | None:
    """The text of a file and what the fast reader makes of it, when it takes it at all."""
    text, _ = _decode(content.encode("utf-8"), "fiche.yml")
    if text is None:
        return None
    try:
        return text, _fast_data(text)
    except _HandOver:
        return None


@PROPERTIES
@given(content=documents)
def test_the_fast_reader_reads_what_the_event_reader_reads(content: str) -> None:
    read = fast_read(content)
    if read is not None:
        text, data = read
        event_reader = _EventReader("fiche.yml", text)
        assert event_reader.read() == [] and not event_reader.broken
        assert typed(data) == typed(event_reader.data)


@PROPERTIES
@given(content=documents)
def test_the_fast_reader_hands_over_only_what_the_event_reader_has_a_word_for(content: str) -> None:
    """With the property above: the fast reader takes a file exactly when the event reader would
    read it without a problem (below the depth where the fast reader stops looking)."""
    text, _ = _decode(content.encode("utf-8"), "fiche.yml")
    if text is None:
        return
    event_reader = _EventReader("fiche.yml", text)
    if event_reader.read() == [] and isinstance(event_reader.data, dict) and nesting(event_reader.data) < MAX_DEPTH:
        assert fast_read(content) is not None


def nesting(data: object) -> int:
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else None
    return 0 if children is None else 1 + max(map(nesting, children), default=0)


@PROPERTIES
@given(value=st.text(max_size=12) | st.sampled_from(["no", "Off", "~", "", "=", "<<", "1_0", "0b1", "-.INF",
                                                     "2020-1-1", "2020-01-01t10:00:00Z", "1:2:3", "+1e9"]))
def test_plain_scalars_get_the_tag_pyyaml_gives_them(value: str) -> None:
    assert _plain_tag(value) == Resolver().resolve(ScalarNode, value, (True, False))


MARKUP = ["<b>x</b>", "](javascript:x)", "[a]: vbscript:x", "{: onclick=x}", "<data:x>", "](https://x)", "texte"]
markup_documents = st.sampled_from(MARKUP).flatmap(lambda markup: st.builds(
    dump, st.dictionaries(words, st.sampled_from([markup, "texte"]) | st.lists(st.just(markup))), st.just(False),
    st.none(), widths))
"""Each kind of markup alone in a file, so that each marker of ``_may_hold_code`` is put to the test."""


@PROPERTIES
@given(content=documents | markup_documents | escaped)
def test_text_safety_skips_only_files_with_nothing_to_find(content: str) -> None:
    read = fast_read(content)
    if read is not None:
        text, data = read
        texts = [(path, value) for path, value in walk(data) if isinstance(value, str)]
        expected = [(path, reason) for path, value in texts if (reason := unsafe_text(value))]
        assert unsafe_texts(Document(Path("fiche.yml"), "fiche.yml", data, text)) == expected
