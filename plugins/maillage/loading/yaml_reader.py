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
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem
from .yaml_events import (
    _FORBIDDEN_CHARACTERS,
    _STRING_TAG,
    MAX_DEPTH,
    FieldPath,
    Position,
    Trace,
    _EventReader,
    _plain_tag,
    _position,
    _typed,
)
from .yaml_messages import _COMMENT_AFTER_TEXT, _forbidden_character, _human_size, _Loader

_BOM = b"\xef\xbb\xbf"
_NODE_PROPERTIES = ("&", "*", "!")
"""What a node starts with when it carries an anchor or a tag, or stands for an alias."""
_NESTING_MARKS = "[{-:?"
"""What opens a list or a mapping: « [ », « { », the « - » of its first item, the « : » or « ? » of
its first key. No two lists or mappings open with the same mark: a file nests at most as deep as it
has marks."""
_COMPOSER_NESTING = 1000
"""Nesting the fast reader lets libyaml compose: it recurses in C, a few hundred bytes of stack a
level, and 32,000 opening brackets (64 KB) overflow the stack and kill the process, not raise."""


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


class _HandOver(Exception):
    """The fast reader met something the event reader has a message for."""


class _Composer(_Loader):
    """libyaml's composer, calling no Python at all around a node.

    Around every node it calls ``descend_resolver`` and ``ascend_resolver``, for the tags by path
    PyYAML lets programs add (none here), and ``resolve`` for its tag. Each is a C function here:
    a Python call for every node of every file is a large share of the reading time. The tag this
    composer stores is therefore meaningless; :func:`_node_data` types plain scalars itself, and
    only values, which is all the data keeps.
    """

    # PyYAML's stubs type these as methods returning None; any callable with the arity does.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (parent, index) -> unread
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # () -> ()
    resolve = staticmethod(slice)  # (kind, value, implicit) -> unread


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
        if node.style == "":  # plain and untagged (a tag was handed over above): YAML 1.1 types it
            tag = _plain_tag(node.value)
            if tag != _STRING_TAG:
                return _typed(tag, node.value)[0]
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


