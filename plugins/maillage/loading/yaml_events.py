"""The event reader: a file's data from libyaml's events, where each key and value stands, and
a located, French problem for each construct the handbook refuses.

The fast reader (yaml_reader.py) hands it the few files it has a message for; any file is read
again by it when a message asks where a value stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .problems import Problem
from .yaml_messages import (
    YAML_LINE_BREAK,
    _AFTER_QUOTE_MESSAGE,
    _COMMENT_AT,
    _COMMENT_MESSAGE,
    _GLUED_ITEM_MESSAGE,
    _GLUED_TO_TEXT_MESSAGE,
    _LIST_INDENT_MESSAGE,
    _RUNAWAY_QUOTE_MESSAGE,
    _TAB_MESSAGE,
    _after_closing_quote,
    _char_at,
    _forbidden_character,
    _french_syntax_message,
    _indented_key,
    _line_without_colon,
    _Loader,
    _runaway_quote,
    _shorten,
)

FieldPath = tuple[str | int, ...]

MAX_DEPTH = 16
"""Cards are at most four levels deep; anything deeper is a mistake or an attack."""

_STRING_TAG = "tag:yaml.org,2002:str"
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
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
        if event.tag is not None and (not implicit or event.tag == "!"):  # « ! » alone: a tag too
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
        lines = YAML_LINE_BREAK.split(self.text)  # as YAML counts lines: a lone CR ends one too
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


