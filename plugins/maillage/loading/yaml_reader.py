"""Turn one YAML file into plain data, remembering where every key and value stands.

Why not ``yaml.safe_load``: it forgets line numbers, keeps the last of two duplicate keys
silently, expands aliases (an alias bomb then eats the memory) and turns ``no`` into ``False``
without a trace. Here the libyaml parser (C, fast) yields events and a small builder makes the
data from them, so that each of those cases becomes a located, French problem instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..validation.problems import Problem

try:  # libyaml is what makes a 10,000-card handbook load in seconds.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]

MAX_DEPTH = 16
"""Cards are at most four levels deep; anything deeper is a mistake or an attack."""

_BOM = b"\xef\xbb\xbf"
_STRING_TAG = "tag:yaml.org,2002:str"
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_resolver = Resolver()
_constructor = SafeConstructor()


@dataclass(frozen=True)
class Position:
    """1-based line and column, as editors count them."""

    line: int
    column: int


@dataclass
class Document:
    """The data of one file and the positions needed to point back into it."""

    path: Path
    display: str
    data: object
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    raw_scalars: dict[FieldPath, str] = field(default_factory=dict)
    """Original text of scalars YAML did not read as strings (``no``, ``2020-01-01``, ``12``)."""
    first_line: str = ""
    """Kept for the ``# yaml-language-server: $schema=…`` line that editors' IDEs read."""

    def position(self, path: FieldPath) -> Position:
        """Where the value at ``path`` starts, or its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:end]))
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, path: FieldPath) -> Position:
        """Where the key naming ``path`` stands (falls back on the value)."""
        return self.keys.get(tuple(path)) or self.position(path)


def read_document(path: Path, display: str, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse one file; problems instead of exceptions."""
    def problem(line: int, column: int, message: str) -> list[Problem]:
        return [Problem(display, line, column, "", message)]

    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, problem(
                1, 1,
                f"fichier trop gros ({_human_size(size)}) : la limite est {_human_size(max_bytes)} "
                "par fichier. Une fiche tient en quelques kilo-octets ; découpez ou allégez le texte.",
            )
        raw = path.read_bytes()
    except OSError as error:
        return None, problem(1, 1, f"fichier illisible ({error.strerror}).")

    text, decode_problems = _decode(raw, display)
    if text is None:
        return None, decode_problems
    document = Document(path=path, display=display, data=None, first_line=text.split("\n", 1)[0].strip())
    builder = _Builder(document, text)
    problems = builder.build()
    return (None if builder.broken else document), problems


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 only; a BOM and Windows line endings, which web editors add, are accepted."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        return None, [Problem(
            display, line, column, "",
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte:02X} illisible). "
            "Enregistrez-le en UTF-8 : dans VS Code, « Enregistrer avec l'encodage » puis « UTF-8 ».",
        )]
    match = _FORBIDDEN_CHARACTERS.search(text)
    if match:
        offset = match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return None, [Problem(display, line, column, "", _forbidden_character(match.group()))]
    return text.replace("\r\n", "\n"), []


def _forbidden_character(character: str) -> str:
    return (f"caractère invisible ou de contrôle interdit (U+{ord(character):04X}). Supprimez-le : il vient "
            "souvent d'un copier-coller depuis un traitement de texte ou un PDF.")


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "path", "key")

    def __init__(self, container: dict | list, path: FieldPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # mapping only: the key whose value comes next


class _Builder:
    def __init__(self, document: Document, text: str) -> None:
        self.document = document
        self.text = text
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.skipping = 0  # nesting level inside a structure too deep to keep
        self.has_root = False
        self.aliases_reported: set[str] = set()
        self.broken = False  # a syntax error: what was built is partial and must not be used

    def build(self) -> list[Problem]:
        try:
            for event in yaml.parse(self.text, Loader=_EventLoader):
                self._handle(event)
        except _StopReading:
            pass
        except yaml.MarkedYAMLError as error:
            self.broken = True
            # An unclosed quote is reported where it opens, not where the file ends.
            opening = error.context_mark if "quoted scalar" in str(error.context) else None
            mark = opening or error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = _french_syntax_message(error)
            stumbled_on = _char_at(self.text, mark.line, mark.column) if mark is not None else ""
            if stumbled_on == "\t":
                message = _TAB_MESSAGE
            elif stumbled_on == "-" and "expected key" in str(error.problem):
                message = _LIST_INDENT_MESSAGE  # a list item out of line, not a key
            elif mark is not None and _after_closing_quote(self.text, mark.line, mark.column):
                message = _AFTER_QUOTE_MESSAGE
            self._add(Position(line, column), message)
        except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught in _decode
            self._add(Position(1, 1), f"YAML illisible : {error}")
        if not self.problems and self.document.data is None:  # nothing, or only "---"
            self._add(Position(1, 1), "le fichier est vide : il doit contenir des lignes « clé: valeur ».")
        return self.problems

    # -- events ---------------------------------------------------------------------------
    def _handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent) and self.has_root:
            self._add(_start(event), "un seul document par fichier : retirez la ligne « --- » et ce qui suit.")
            raise _StopReading
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.aliases_reported:  # once per name: a bomb repeats them
                self.aliases_reported.add(event.anchor)
                self._add(_start(event), f"les alias YAML (« *{event.anchor} ») sont refusés : recopiez le texte à cet endroit.")
            self._attach(f"*{event.anchor}", event)  # what the editor wrote, never what it points to
        elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._check_anchor_and_tag(event)
            if isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            else:
                self._open(event)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            if self.skipping:
                self.skipping -= 1
            else:
                self.stack.pop()

    def _check_anchor_and_tag(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self._add(_start(event), f"les ancres YAML (« &{event.anchor} ») sont refusées : écrivez la valeur en entier.")
        implicit = event.implicit if isinstance(event.implicit, bool) else any(event.implicit)
        if event.tag is not None and not implicit:
            self._add(
                _start(event),
                f"les étiquettes YAML (« {event.tag} ») sont refusées : écrivez une simple valeur, "
                "entre guillemets si besoin.",
            )

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        top = self.stack[-1] if self.stack else None
        if self.skipping:
            return
        if event.style == '"':  # escapes (« \0 », « \u202e ») write what _decode refuses as bytes
            hidden = _FORBIDDEN_CHARACTERS.search(event.value)
            if hidden:
                self._add(_start(event), _forbidden_character(hidden.group()))
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self._key(top, event)
            return
        value: object = event.value
        raw = None
        if not event.style and event.implicit[0] and event.tag is None:  # plain, untagged
            tag = _resolver.resolve(ScalarNode, event.value, (True, False))
            construct = _constructor.yaml_constructors.get(tag)
            if tag != _STRING_TAG and construct is not None:  # ``=`` and ``<<`` have none: text
                raw = event.value
                try:
                    value = construct(_constructor, ScalarNode(tag, event.value))
                except (ValueError, OverflowError, yaml.YAMLError):
                    value = event.value  # e.g. an integer too long to convert: keep the text
        path = self._attach(value, event)
        if raw is not None and path is not None:
            self.document.raw_scalars[path] = raw

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        key = event.value
        path = frame.path + (key,)
        if key in frame.container:
            first = self.document.keys[path]
            self._add(
                _start(event),
                f"la clé « {key} » apparaît deux fois dans le même bloc (déjà ligne {first.line}) : "
                "YAML ne garderait que la dernière. Fusionnez les deux.",
            )
            frame.key = _DUPLICATE
            return
        self.document.keys[path] = _start(event)
        frame.key = key

    def _open(self, event: yaml.NodeEvent) -> None:
        if self.skipping:
            self.skipping += 1
            return
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self._add(_start(event), "une clé doit être un simple mot, pas une liste ni un bloc.")
            top.key = _DUPLICATE
        if len(self.stack) >= MAX_DEPTH:
            self._add(_start(event), f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux) : une fiche n'en a besoin que de trois.")
            self._attach(None, event)
            self.skipping = 1
            return
        container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self._attach(container, event)
        self.stack.append(_Frame(container, path if path is not None else ("…",)))

    def _attach(self, value: object, event: yaml.Event) -> FieldPath | None:
        """Put a value where the stream says; returns its path (None when dropped)."""
        if not self.stack:
            self.has_root = True
            self.document.data = value
            path: FieldPath = ()
        else:
            top = self.stack[-1]
            if isinstance(top.container, list):
                path = top.path + (len(top.container),)
                top.container.append(value)
            else:
                key, top.key = top.key, None
                if key is _DUPLICATE:
                    return None
                path = top.path + (key,)
                top.container[key] = value
        self.document.values[path] = _start(event)
        return path

    def _add(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.document.display, position.line, position.column, "", message))


class _StopReading(Exception):
    """What follows the first document is not read: one file, one entry."""


_DUPLICATE = "\0duplicate"  # a key slot whose value is parsed but not kept


def _start(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column:column + 1] if line < len(lines) else ""


def _after_closing_quote(text: str, line: int, column: int) -> bool:
    """``title: 'L'animateur'``: the apostrophe closed the text and YAML stumbles on what follows."""
    lines = text.split("\n")
    if line >= len(lines) or column >= len(lines[line]):
        return False
    return lines[line][:column].rstrip().endswith(("'", '"'))


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{size // 1024} Ko"


_TAB_MESSAGE = (
    "YAML invalide, tabulation interdite : YAML n'accepte que des espaces pour indenter. "
    "Remplacez chaque tabulation par deux espaces."
)
_LIST_INDENT = "indentation incohérente dans une liste : chaque élément commence par « - » à la même colonne."
_LIST_INDENT_MESSAGE = "YAML invalide, " + _LIST_INDENT
_AFTER_QUOTE_MESSAGE = (
    "YAML invalide, texte après le guillemet qui ferme la valeur : une apostrophe dans un texte entre "
    "apostrophes se double ('L''animateur'), ou bien mettez tout le texte entre guillemets doubles."
)
_SYNTAX_MESSAGES: list[tuple[str, str]] = [
    ("while scanning a quoted scalar", "guillemet ouvert ligne {context_line} jamais fermé : ajoutez le "
                                       "guillemet de fin, ou doublez une apostrophe ('') à l'intérieur d'un texte entre apostrophes."),
    ("mapping values are not allowed", "deux-points inattendu : un texte qui contient « : » doit être mis "
                                       "entre guillemets, ou bien cette ligne est mal indentée."),
    ("could not find expected ':'", "il manque « : » après une clé, ou une ligne de texte continue sans "
                                    "être indentée comme la précédente."),
    ("did not find expected key", "indentation incohérente : les clés d'un même bloc doivent commencer "
                                  "exactement à la même colonne."),
    ("did not find expected '-' indicator", _LIST_INDENT),
    ("expected <block end>", "indentation incohérente : cette ligne ne s'aligne sur aucun bloc au-dessus."),
    ("found undefined alias", "alias YAML sans ancre : les alias (« *nom ») sont refusés, recopiez le texte à cet endroit."),
    ("found unexpected end of stream", "le fichier s'arrête au milieu d'une valeur : un guillemet ou un crochet n'est pas fermé."),
    ("while parsing a quoted scalar", "dans un texte entre guillemets doubles, « \\ » annonce un caractère spécial "
                                      "et celui-ci n'existe pas : écrivez le texte entre apostrophes ('…') ou doublez « \\ »."),
    ("while scanning an alias", "« * » en début de valeur annonce un alias YAML : mettez la valeur entre guillemets."),
    ("while scanning an anchor", "« & » en début de valeur annonce une ancre YAML : mettez la valeur entre guillemets."),
    ("while parsing a tag", "« ! » en début de valeur annonce une étiquette YAML : mettez la valeur entre guillemets."),
    ("while scanning a directive", "les lignes qui commencent par « % » sont des directives YAML, refusées : "
                                   "retirez la ligne, ou mettez le texte entre guillemets."),
    ("found incompatible YAML document", "version de YAML non prise en charge : retirez la ligne « %YAML »."),
    ("while scanning a block scalar", "après « | » ou « > », écrivez seulement « | » ou « > » puis le texte "
                                      "indenté sur les lignes suivantes."),
    ("block sequence entries are not allowed", "tiret « - » inattendu : une liste commence à la ligne suivante, "
                                               "un élément par ligne précédé de « - » ; un texte qui commence par "
                                               "« - » se met entre guillemets."),
    ("mapping keys are not allowed", "« ? » inattendu en début de valeur : mettez la valeur entre guillemets."),
    ("did not find expected <document start>", "cette ligne ne s'aligne pas sur la première : les clés du premier "
                                               "niveau commencent toutes en colonne 1, et « ... » ne doit pas "
                                               "couper le fichier."),
    ("while parsing a block node", "valeur inattendue : un texte qui commence par « ] », « } » ou « , » se met "
                                   "entre guillemets."),
    ("while parsing a flow node", "liste entre crochets ou bloc entre accolades jamais fermé, ou virgule en trop : "
                                  "fermez-le par « ] » ou « } »."),
    ("found character that cannot start any token", "caractère inattendu en début de valeur (« @ », « ` », « % »…) : "
                                                    "mettez la valeur entre guillemets."),
    ("found character", "caractère inattendu en début de valeur (« @ », « ` », « % »…) : mettez la valeur entre guillemets."),
    ("expected ',' or ']'", "liste entre crochets ouverte ligne {context_line} mal fermée : séparez les éléments "
                            "par des virgules et fermez par « ] »."),
    ("expected ',' or '}'", "bloc entre accolades ouvert ligne {context_line} mal fermé : séparez par des "
                            "virgules et fermez par « } »."),
    ("unacceptable character", "caractère interdit dans un fichier YAML."),
]


def _french_syntax_message(error: yaml.MarkedYAMLError) -> str:
    english = " ".join(filter(None, [error.context, error.problem]))
    context_line = error.context_mark.line + 1 if error.context_mark else "?"
    for needle, message in _SYNTAX_MESSAGES:
        if needle in english:
            # replace, not format: messages quote braces (« } ») as they are.
            return "YAML invalide, " + message.replace("{context_line}", str(context_line))
    return f"YAML invalide ({english})."


def iter_paths(data: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, object]]:
    """Every (path, value) of nested dicts and lists, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_paths(value, path + (index,))
