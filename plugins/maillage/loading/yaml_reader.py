"""Turn one YAML file into plain data, and say where every key and value stands when asked.

Why not ``yaml.safe_load``: it forgets line numbers, keeps the last of two duplicate keys
silently, expands aliases (an alias bomb then eats the memory) and turns ``no`` into ``False``
without a trace. Two readers share the work:

- the fast one lets libyaml compose the node tree in C and makes the data from it, refusing
  nothing itself: at the first thing the event reader has a message for (an anchor, an alias, a
  tag, a duplicate key, a syntax error, deep nesting…), it hands the file over;
- the event reader makes the data from libyaml's events in Python, reporting each of those cases
  as a located, French problem, and traces where every key and value stands.

Nearly every file is well formed and nobody asks where its values stand, so it is read once, fast;
a file with a problem is traced by the event reader when a message needs a line number.
"""

from __future__ import annotations

import operator
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Problem

try:  # libyaml is what makes a 10,000-card handbook load in seconds.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]

MAX_DEPTH = 16
"""Cards are at most four levels deep; anything deeper is a mistake or an attack."""

_BOM = b"\xef\xbb\xbf"
_STRING_TAG = "tag:yaml.org,2002:str"
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NODE_PROPERTIES = ("&", "*", "!")
"""What a node starts with when it carries an anchor or a tag, or stands for an alias."""
_NESTING_MARKS = "[{-:?"
"""What opens a list or a mapping: « [ », « { », the « - » of its first item, the « : » or « ? » of
its first key. No two lists or mappings open with the same mark: a file nests at most as deep as it
has marks."""
_COMPOSER_NESTING = 1000
"""Nesting the fast reader lets libyaml compose: it recurses in C, a few hundred bytes of stack a
level, and 32,000 opening brackets (64 KB) overflow the stack and kill the process, not raise."""
_constructor = SafeConstructor()
_WILDCARD_RESOLVERS = tuple(Resolver.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT_RESOLVERS = {first: (*resolvers, *_WILDCARD_RESOLVERS)
                       for first, resolvers in Resolver.yaml_implicit_resolvers.items()}
"""PyYAML's YAML 1.1 rules (``no``, dates, numbers…) by first character, as ``Resolver`` applies them."""


@dataclass(frozen=True)
class Position:
    """1-based line and column, as editors count them."""

    line: int
    column: int


@dataclass
class Trace:
    """Where the values and keys of one file start, and what YAML typed behind the editor's back."""

    values: dict[FieldPath, Mark | Any] = field(default_factory=dict)
    """libyaml's marks are of its own class, with the same fields."""
    keys: dict[FieldPath, Mark | Any] = field(default_factory=dict)
    raw_scalars: dict[FieldPath, str] = field(default_factory=dict)
    """Original text of scalars YAML did not read as strings (``no``, ``2020-01-01``, ``12``)."""


@dataclass
class Document:
    """The data of one file, and its text to point back into it."""

    path: Path
    display: str
    data: object
    text: str = field(default="", repr=False)
    traced: Trace | None = field(default=None, repr=False)
    """Recorded by the event reader. The fast reader keeps no node tree (millions of objects at
    10,000 cards, that the garbage collector would walk again and again): :attr:`trace` makes it."""

    @property
    def trace(self) -> Trace:
        if self.traced is None:  # same text, same data: the event reader finds where it all stands
            reader = _EventReader(self.display, self.text)
            reader.read()
            self.traced = reader.trace
        return self.traced

    @property
    def raw_scalars(self) -> dict[FieldPath, str]:
        return self.trace.raw_scalars

    @property
    def first_line(self) -> str:
        """Kept for the ``# yaml-language-server: $schema=…`` line that editors' IDEs read."""
        return self.text.partition("\n")[0].strip()

    def position(self, path: FieldPath) -> Position:
        """Where the value at ``path`` starts, or its nearest ancestor that exists."""
        values = self.trace.values
        for end in range(len(path), -1, -1):
            found = values.get(tuple(path[:end]))
            if found is not None:
                return _position(found)
        return Position(1, 1)

    def key_position(self, path: FieldPath) -> Position:
        """Where the key naming ``path`` stands (falls back on the value)."""
        found = self.trace.keys.get(tuple(path))
        return _position(found) if found is not None else self.position(path)


def read_document(path: Path, display: str, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse one file; problems instead of exceptions."""
    def problem(line: int, column: int, message: str) -> list[Problem]:
        return [Problem(display, line, column, "", message)]

    try:
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)  # never more: a 10 MB file is refused, not read
            size = os.fstat(file.fileno()).st_size if len(raw) > max_bytes else len(raw)
    except OSError as error:
        return None, problem(1, 1, f"fichier illisible ({error.strerror}).")
    if size > max_bytes:
        return None, problem(
            1, 1,
            f"fichier trop gros ({_human_size(size)}) : la limite est {_human_size(max_bytes)} "
            "par fichier. Une fiche tient en quelques kilo-octets ; découpez ou allégez le texte.",
        )

    text, decode_problems = _decode(raw, display)
    if text is None:
        return None, decode_problems
    try:
        return Document(path, display, _fast_data(text), text), []
    except _HandOver:
        pass
    reader = _EventReader(display, text)
    problems = reader.read()
    return (None if reader.broken else Document(path, display, reader.data, text, reader.trace)), problems


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
    return (text.replace("\r\n", "\n") if "\r" in text else text), []


def _forbidden_character(character: str) -> str:
    if "\ue000" <= character <= "\uf8ff" or character >= "\U000f0000":
        return (f"caractère à usage privé interdit (U+{ord(character):04X}) : il ne s'affiche pas "
                "pareil sur tous les appareils et le guide s'en sert en interne. Supprimez-le.")
    return (f"caractère invisible ou de contrôle interdit (U+{ord(character):04X}). Supprimez-le : il vient "
            "souvent d'un copier-coller depuis un traitement de texte ou un PDF.")


class _HandOver(Exception):
    """The fast reader met something the event reader has a message for."""


class _Composer(_Loader):
    """libyaml's composer, calling as little Python as it can.

    Around every node it calls ``descend_resolver`` and ``ascend_resolver``, for the tags by path
    PyYAML lets programs add (none here): a C function that does nothing costs a fraction of a
    Python method that does nothing, and the calls add up to a tenth of the composing time.
    """

    # PyYAML's stubs type these as methods returning None; any callable with the arity does.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (parent, index) -> unread
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # () -> ()

    def resolve(self, kind: type[Node], value: str | None, implicit: bool | tuple[bool, bool]) -> str:
        """``Resolver.resolve`` without the path resolvers: it too runs for every node."""
        if kind is ScalarNode:
            return _plain_tag(value) if implicit[0] else _STRING_TAG  # type: ignore[index, arg-type]
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


def _fast_data(text: str) -> object:
    """The data of a well-formed file whose top level is a mapping, or :class:`_HandOver`."""
    if sum(map(text.count, _NESTING_MARKS)) > _COMPOSER_NESTING:
        raise _HandOver  # the event reader reads any depth: it keeps its own stack
    if ("\t#" in text or " #" in text) and _COMMENT_AFTER_TEXT.search(text):
        raise _HandOver  # « #1 » after a value may be a comment that cut the text: the event reader says
    try:
        root = _Composer(text).get_single_node()
    except (yaml.YAMLError, RecursionError):  # the latter without libyaml, where PyYAML composes in Python
        raise _HandOver from None
    if not isinstance(root, MappingNode):
        raise _HandOver  # empty, a list or a single value: the event reader says what it is
    return _node_data(root, text, 0)


def _node_data(node: Node, text: str, depth: int) -> object:
    # An anchor, an alias or a tag stands where its node starts, and only there: the node tree keeps
    # no trace of an anchor, shares the anchored node for an alias and takes a tag as YAML's own.
    if text.startswith(_NODE_PROPERTIES, node.start_mark.index):
        raise _HandOver
    if isinstance(node, ScalarNode):
        if node.style == "" and " - " in node.value:
            raise _HandOver  # maybe a list item YAML glued to the line above (_check_plain_text)
        if node.style == "" and node.tag != _STRING_TAG:
            return _typed(node.tag, node.value)[0]
        if node.style == '"' and _FORBIDDEN_CHARACTERS.search(node.value):
            raise _HandOver
        return node.value
    if depth >= MAX_DEPTH:
        raise _HandOver
    if isinstance(node, SequenceNode):
        return [_node_data(item, text, depth + 1) for item in node.value]
    mapping: dict[str, object] = {}
    for key_node, value_node in node.value:
        if (not isinstance(key_node, ScalarNode) or key_node.value in mapping
                or text.startswith(_NODE_PROPERTIES, key_node.start_mark.index)
                or key_node.style == '"' and _FORBIDDEN_CHARACTERS.search(key_node.value)):
            raise _HandOver
        mapping[key_node.value] = _node_data(value_node, text, depth + 1)
    return mapping


def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives an untagged plain scalar: ``bool`` for ``no``, ``int`` for ``12``…"""
    for tag, pattern in _IMPLICIT_RESOLVERS.get(value[:1], _WILDCARD_RESOLVERS):
        if pattern.match(value):
            return tag
    return _STRING_TAG


def _typed(tag: str, value: str) -> tuple[object, bool]:
    """What YAML 1.1 makes of a plain scalar (``no``, ``2020-01-01``, ``12``), and whether it is
    something else than the text. ``=`` and ``<<`` have no constructor: they stay text."""
    construct = _constructor.yaml_constructors.get(tag)
    if tag == _STRING_TAG or construct is None:
        return value, False
    try:
        return construct(_constructor, ScalarNode(tag, value)), True
    except (ValueError, OverflowError, yaml.YAMLError):
        return value, True  # e.g. an integer too long to convert: keep the text


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "path", "key")

    def __init__(self, container: dict | list, path: FieldPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # mapping only: the key whose value comes next


class _EventReader:
    """Data, trace and problems of one file, from libyaml's events: nothing is ever expanded."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.text = text
        self.data: object = None
        self.trace = Trace()
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.skipping = 0  # nesting level inside a structure too deep to keep
        self.has_root = False
        self.aliases_reported: set[str | None] = set()
        self.broken = False  # a syntax error: what was built is partial and must not be used

    def read(self) -> list[Problem]:
        try:
            for event in yaml.parse(self.text, Loader=_Loader):
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
            runaway = _runaway_quote(self.text, mark) if mark is not None and opening is None else None
            if stumbled_on == "\t":
                message = _TAB_MESSAGE
            elif runaway is not None:
                # A quote left open swallows the lines below until some apostrophe closes it, and
                # YAML stumbles there: the mistake is where the quote opened.
                line, column = runaway.line + 1, runaway.column + 1
                message = _RUNAWAY_QUOTE_MESSAGE.format(quote=_char_at(self.text, runaway.line, runaway.column),
                                                         closed=(mark.line if mark else 0) + 1)
            elif stumbled_on == "-" and "expected key" in str(error.problem):
                message = _LIST_INDENT_MESSAGE  # a list item out of line, not a key
            elif mark is not None and _after_closing_quote(self.text, mark.line, mark.column):
                message = _AFTER_QUOTE_MESSAGE
            elif (mark is not None and "mapping values are not allowed" in str(error.problem)
                  and _indented_key(self.text, mark.line)):
                line, column, message = _indented_key(self.text, mark.line)  # type: ignore[misc]
            elif error.context == "while scanning a simple key" and error.context_mark is not None:
                # libyaml notices a line without « : » only on the line after it: point at the
                # line itself, and say which of the usual slips it is.
                line, column, message = _line_without_colon(self.text, error.context_mark.line)
            self._add(Position(line, column), message)
        except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught in _decode
            self._add(Position(1, 1), f"YAML illisible : {error}")
        if not self.problems and self.data is None:  # nothing, or only "---"
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

    def _check_anchor_and_tag(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
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
        typed = False
        if not event.style and event.value:
            self._check_plain_text(event)
        if not event.style and event.implicit[0] and event.tag is None:  # plain, untagged
            value, typed = _typed(_plain_tag(event.value), event.value)
        path = self._attach(value, event)
        if typed and path is not None:
            self.trace.raw_scalars[path] = event.value

    def _check_plain_text(self, event: yaml.ScalarEvent) -> None:
        """Two ways a value without quotes silently loses or merges text, both errors.

        - `` #`` ends the value: « Réunir les entreprises #1 et #2 » is published as « Réunir
          les entreprises ». The value is cut where the comment starts (a comment set apart by
          two spaces or more is taken as meant).
        - a line starting with « - » but indented deeper than the item above is not a new item:
          YAML folds it into the text above, and two steps become one.
        """
        end, start = event.end_mark, event.start_mark
        if end is None or start is None:  # every event of a parsed stream has both
            return
        comment = _COMMENT_AT.match(self.text, end.index)
        if comment is not None:
            hash_at = comment.end() - 1
            line_end = self.text.find("\n", hash_at)
            lost = self.text[hash_at:line_end if line_end >= 0 else len(self.text)].rstrip()
            line, column = end.line + 1, end.column + 1 + (hash_at - end.index)
            self._add(Position(line, column), _COMMENT_MESSAGE.format(
                lost=_shorten(lost), value=_shorten(f"{event.value} {lost}", 60)))
        if start.line == end.line:
            return
        lines = _YAML_LINE_BREAK.split(self.text)  # as YAML counts lines: a lone CR ends one too
        in_list = lines[start.line][:start.column].rstrip().endswith("-")
        for number in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
            stripped = lines[number].lstrip(" ")
            if stripped.startswith("- ") or stripped == "-":
                column = len(lines[number]) - len(stripped) + 1
                message = _GLUED_ITEM_MESSAGE if in_list else _GLUED_TO_TEXT_MESSAGE
                self._add(Position(number + 1, column), message.format(above=start.line + 1))
                break

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        key = event.value
        path = frame.path + (key,)
        if key in frame.container:
            first = self.trace.keys[path]
            self._add(
                _start(event),
                f"la clé « {key} » apparaît deux fois dans le même bloc (déjà ligne {first.line + 1}) : "
                "YAML ne garderait que la dernière. Fusionnez les deux.",
            )
            frame.key = _DUPLICATE
            return
        self.trace.keys[path] = event.start_mark
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
            self.data = value
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
                path = top.path + (str(key),)
                top.container[str(key)] = value
        self.trace.values[path] = event.start_mark
        return path

    def _add(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.display, position.line, position.column, "", message))


class _StopReading(Exception):
    """What follows the first document is not read: one file, one entry."""


_DUPLICATE = "\0duplicate"  # a key slot whose value is parsed but not kept


def _start(event: yaml.Event) -> Position:
    return _position(event.start_mark)


def _position(mark: Mark | Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _char_at(text: str, line: int, column: int) -> str:
    lines = _YAML_LINE_BREAK.split(text)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _after_closing_quote(text: str, line: int, column: int) -> bool:
    """``title: 'L'animateur'``: the apostrophe closed the text and YAML stumbles on what follows."""
    lines = _YAML_LINE_BREAK.split(text)
    if line >= len(lines) or column >= len(lines[line]):
        return False
    return lines[line][:column].rstrip().endswith(("'", '"'))


def _runaway_quote(text: str, mark: Mark) -> Mark | None:
    """Where a quoted text that runs over several lines and ends on the error's line opened.

    Cards never need a quoted text over several lines (``>-`` is for that), so such a text ending
    where YAML stumbles is a quote left open: its end is the next quote or apostrophe met."""
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    if (last is not None and last.style in ("'", '"') and last.start_mark.line < last.end_mark.line
            and last.end_mark.line == mark.line):
        return last.start_mark
    return None


_WORD_BULLETS = "–—•·▪◦‣●○∙*"
"""What a word processor or a PDF makes of a list: anything but YAML's « - »."""
_KEY_WITHOUT_SPACE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?!//)(\S.*)")
"""« kind:practice »; not « https://… », an address alone on its line."""
_LONE_KEY = re.compile(r"[a-z_]+( \S+)?")


def _line_without_colon(text: str, number: int) -> tuple[int, int, str]:
    """Line, column and message for a line YAML took for the start of a key (0-based ``number``)."""
    lines = _YAML_LINE_BREAK.split(text)
    current = lines[number] if number < len(lines) else ""
    stripped = current.lstrip(" ")
    column = len(current) - len(stripped) + 1
    above = next((index for index in range(number - 1, -1, -1)
                  if lines[index].strip() and not lines[index].lstrip().startswith("#")), None)
    previous = lines[above] if above is not None else ""
    previous_stripped = previous.lstrip(" ")
    previous_indent = len(previous) - len(previous_stripped)
    if stripped[:1] in _WORD_BULLETS:
        return number + 1, column, "YAML invalide, " + _WORD_BULLET_MESSAGE.format(bullet=stripped[0])
    glued = _KEY_WITHOUT_SPACE.fullmatch(stripped.rstrip())
    if glued:
        key, value = glued.groups()
        return number + 1, column, "YAML invalide, " + _NO_SPACE_MESSAGE.format(
            written=_shorten(stripped.rstrip()), key=key, value=_shorten(value))
    if stripped.startswith("-") and previous_stripped.startswith("- "):
        return number + 1, column, "YAML invalide, " + _DASH_WITHOUT_SPACE_MESSAGE.format(
            text=_shorten(stripped[1:].strip()))
    if previous_stripped.startswith("- ") and column - 1 >= previous_indent:
        return number + 1, column, "YAML invalide, " + _MISSING_DASH_MESSAGE.format(above=(above or 0) + 1)
    if _LONE_KEY.fullmatch(stripped.rstrip()):
        return number + 1, column, "YAML invalide, " + _MISSING_COLON_MESSAGE.format(key=stripped.split()[0])
    return number + 1, column, "YAML invalide, " + _UNINDENTED_MESSAGE


_KEY_LINE = re.compile(r"( *)([A-Za-z_][A-Za-z0-9_-]*):(?: |$)")


def _indented_key(text: str, number: int) -> tuple[int, int, str] | None:
    """``  summary: …`` under ``title: …``: a key pushed right, that YAML reads as text that goes on
    the line above, then stumbles on its « : ». The key is the mistake, not the colon."""
    lines = _YAML_LINE_BREAK.split(text)
    found = _KEY_LINE.match(lines[number]) if number < len(lines) else None
    if found is None or not found.group(1):
        return None
    above = next((index for index in range(number - 1, -1, -1)
                  if lines[index].strip() and not lines[index].lstrip().startswith("#")), None)
    if above is None:
        return None
    above_key = _KEY_LINE.match(lines[above])
    if above_key is None or len(above_key.group(1)) >= len(found.group(1)):
        return None
    return (number + 1, len(found.group(1)) + 1,
            "YAML invalide, " + _INDENTED_KEY_MESSAGE.format(key=found.group(2), above=above + 1))


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
_RUNAWAY_QUOTE_MESSAGE = (
    "YAML invalide, guillemet « {quote} » ouvert ici et jamais fermé sur cette ligne : YAML a lu la suite du "
    "fichier comme du texte, jusqu'à la ligne {closed}. Ajoutez le guillemet de fin à la fin de la valeur, "
    "ou retirez le guillemet d'ouverture."
)
_WORD_BULLET_MESSAGE = (
    "« {bullet} » n'est pas un tiret de liste YAML (puce copiée d'un traitement de texte ?) : chaque élément "
    "d'une liste commence par le tiret simple « - » suivi d'une espace. Remplacez « {bullet} » par « - »."
)
_NO_SPACE_MESSAGE = (
    "il manque une espace après « : » dans « {written} » : écrivez « {key}: {value} »."
)
_MISSING_DASH_MESSAGE = (
    "cette ligne suit un élément de liste mais ne commence pas par « - » : ajoutez « - » devant, à la "
    "même colonne que le « - » de la ligne {above}."
)
_MISSING_COLON_MESSAGE = (
    "il manque « : » après la clé « {key} » : écrivez « {key}: » puis la valeur."
)
_UNINDENTED_MESSAGE = (
    "cette ligne continue le texte de la ligne au-dessus sans être indentée : YAML la lit comme une "
    "nouvelle clé. Indentez-la de deux espaces de plus que la clé, ou écrivez tout le texte sur une ligne."
)
_COMMENT_MESSAGE = (
    "« {lost} » ne sera pas publié : après une espace, « # » commence un commentaire YAML et la fin "
    "de la ligne est ignorée. Mettez toute la valeur entre guillemets doubles : \"{value}\"."
)
_GLUED_ITEM_MESSAGE = (
    "ce « - » est plus indenté que l'élément de la ligne {above} : YAML colle cette ligne au texte "
    "au-dessus, et deux éléments n'en font qu'un. Alignez son « - » sur celui de la ligne {above}."
)
_GLUED_TO_TEXT_MESSAGE = (
    "ce « - » ne commence pas un élément de liste : YAML colle cette ligne au texte de la ligne {above}. "
    "Dans une liste, chaque élément, le premier compris, commence par « - » à la même colonne."
)
_DASH_WITHOUT_SPACE_MESSAGE = (
    "il manque une espace après le « - » : écrivez « - {text} ». Sans espace, YAML ne voit pas un "
    "nouvel élément de liste."
)
_INDENTED_KEY_MESSAGE = (
    "la clé « {key} » est plus indentée que la clé de la ligne {above} : les clés d'un même bloc "
    "commencent à la même colonne (les clés principales en colonne 1). Retirez les espaces en trop."
)
_COMMENT_AT = re.compile(r"[ \t]#")
"""One space, then « # », right after a value: text cut by a comment. Two spaces or more (the
usual style of a comment put after a value, as in CONTRIBUTING.md's example, and yamllint's
rule) say the comment is meant."""
_COMMENT_AFTER_TEXT = re.compile(r"(?m)^[ \t]*[^ \t#\n][^\n]*[^ \t\n][ \t]#")
"""A line with something, one space, then « # »: maybe a value cut by a comment."""
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
