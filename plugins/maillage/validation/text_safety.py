"""Text that would reach a reader's browser as code: raw HTML and dangerous links.

Card text is Markdown, and Markdown passes raw HTML through. Refusing it here, with a message
that points at the line, is the first line of defence; the rendered HTML is sanitised again
(``rendering.sanitise``) in case something slips past a regular expression.
"""

from __future__ import annotations

import html
import re

from ..loading.yaml_reader import Document, FieldPath

ALLOWED_SCHEMES = ("http", "https")

_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>")
_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*[^}\n ][^\n]*?\}")
"""What Python-Markdown's ``attr_list`` reads as attributes (its own BASE_RE): ``{: onclick=…}``,
``{ .classe }``, ``{#ancre}`` would put any attribute on the element they follow."""


def unsafe_texts(document: Document) -> list[tuple[FieldPath, str]]:
    """Every text of a file that cannot be published as it is: where, and why."""
    if not _may_hold_code(document.text):
        return []
    found: list[tuple[FieldPath, str]] = []
    _collect(document.data, (), found)
    return found


def _may_hold_code(text: str) -> bool:
    """Whether any value of a file with this text may hold what :func:`unsafe_text` looks for.

    Every pattern needs ``<``, ``{``, ``](`` or ``]:``. YAML makes a value from the characters of
    the file, adding only spaces and line breaks where it folds lines, except through escapes in
    double quotes (``"\\x3c"`` is ``<``): a file with none of these characters and no backslash
    holds no value to look at. Almost no file has one, and most files are never walked.
    """
    return "<" in text or "{" in text or "](" in text or "]:" in text or "\\" in text


def _collect(data: object, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _collect(value, path + (key,), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _collect(value, path + (index,), found)
    elif isinstance(data, str):
        reason = unsafe_text(data)
        if reason:
            found.append((path, reason))


def unsafe_text(text: str) -> str | None:
    """Why ``text`` cannot be published as it is, or None when it is safe."""
    if "<" not in text and "{" not in text and "](" not in text and "]:" not in text:
        return None  # what every pattern below needs: most texts of a handbook have none
    without_autolinks = _AUTOLINK.sub("", text)
    tag = _HTML.search(without_autolinks)
    if tag:
        snippet = without_autolinks[tag.start(): tag.start() + 20].split(">")[0] + ">"
        return (f"HTML interdit dans le texte (« {snippet} ») : écrivez en Markdown "
                "(**gras**, *italique*, listes « - »), sans balises.")
    attributes = _ATTRIBUTE_LIST.search(text)
    if attributes:
        return (f"accolades interdites dans le texte (« {attributes.group()[:30]} ») : Markdown y lirait "
                "des attributs HTML. Reformulez sans « { » ni « } ».")
    destinations = [match.group(1) for match in _INLINE_LINK.finditer(text)]
    destinations += [match.group(1) for match in _REFERENCE_LINK.finditer(text)]
    destinations += [match.group()[1:-1] for match in _AUTOLINK.finditer(text)]
    for destination in destinations:
        scheme = _scheme(destination)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            return (f"lien refusé (« {scheme}: ») : seuls les liens http:// et https:// sont permis "
                    "dans le texte d'une fiche.")
    return None


def _scheme(destination: str) -> str | None:
    """The scheme a browser would see, after entities and hidden characters are removed."""
    cleaned = _INVISIBLE.sub("", html.unescape(destination))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None
