"""Text that would reach a reader's browser as code, or the build as an instruction.

Card text is Markdown for people. Markdown passes raw HTML through, lets an author choose
classes and ids (attribute lists, admonition types, headings), and the site's extensions read
some lines as orders to the build (``--8<--`` includes a file). Refusing all of it here, with a
message that points at the line, is the first line of defence; the rendered HTML is sanitised
again (``rendering.sanitise``) and every theme context escaped (``rendering.escaping``) in case
something slips past a regular expression.

Everything the sanitiser would silently delete (comments, CDATA, processing instructions) is
refused too: text is never lost between the file and the page.
"""

from __future__ import annotations

import html
import re

from ..loading.yaml_reader import Document, FieldPath

ALLOWED_SCHEMES = ("http", "https")

_AUTOLINK = re.compile(r"<(https?://[^<>\s\"'`]+)>", re.IGNORECASE)
"""The one form of ``<…>`` allowed: a bare web address, which Markdown turns into a link."""
_ANY_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
"""What Markdown reads as an autolink, whatever its scheme."""
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z]|<!|<\?")
"""What a browser or Markdown reads as a tag, a comment, CDATA or a processing instruction."""
INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)>\s]*)")
REFERENCE_LINK = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)([^\s>]+)", re.MULTILINE)
"""Where Markdown reads a link's destination (group 2) and what comes before it (group 1): the
print documents re-point the same destinations the validator checks (printing/links.py)."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_ADDRESS = re.compile(r"^https?://[^/?#\s]+", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*[^}\n ][^\n]*?\}")
"""What Python-Markdown's ``attr_list`` reads as attributes (its own BASE_RE): ``{: onclick=…}``,
``{ .classe }``, ``{#ancre}`` would put any attribute on the element they follow."""
_IMAGE = re.compile(r"!\[")
PAGE_LINK = re.compile(r"(?:\.\./)*(?:[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[a-z0-9_-]+)?")
"""A link to another page of the handbook, relative to the page the text is on
(``animer-le-reseau.md``, ``../experiences/x.md``): checked across files (references.py)."""

_BLOCK_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t>]*-{1,3}8<-{1,3}|^[ \t>]*;-{1,3}8<", re.MULTILINE),
     "ligne « --8<-- » interdite : elle demanderait au site d'inclure un autre fichier. "
     "Supprimez-la et écrivez le texte lui-même."),
    (re.compile(r"^[ \t>]*(?:!!!|\?\?\?\+?|///)", re.MULTILINE),
     "encadré « !!! » ou « ??? » interdit dans le texte : la mise en page des fiches est fixée par "
     "le guide. Écrivez un paragraphe ou une liste."),
    (re.compile(r"^[ \t>]*#{1,6}(?:[ \t]|$)", re.MULTILINE),
     "titre « # » interdit dans le texte : les titres des fiches sont fixés par le guide. Écrivez "
     "une phrase, éventuellement en **gras**."),
    (re.compile(r"^[ \t>]*[^\s].*\n[ \t>]*(?:=+|-{2,})[ \t]*$", re.MULTILINE),
     "ligne de « = » ou de « - » sous un texte : Markdown en ferait un titre. Supprimez-la, ou "
     "laissez une ligne vide au-dessus."),
    (re.compile(r"^[ \t>]*\*\[[^\]]*\]:", re.MULTILINE),
     "définition d'abréviation « *[…]: » interdite : les sigles sont expliqués par le glossaire "
     "(practices/glossaire/)."),
)
"""Markdown blocks that choose an element, a class or an id, or order the build, with the
editor's fix. Lines may sit in a quote (``>``) or a list item's indentation."""


def unsafe_texts(document: Document) -> list[tuple[FieldPath, str]]:
    """Every text of a file that cannot be published as it is: where, and why."""
    if not _may_hold_code(document.text):
        return []
    found: list[tuple[FieldPath, str]] = []
    _collect(document.data, (), found)
    return found


_TRIGGERS = ("<", "{", "](", "]:", "!!!", "???", "///", "8<", "#", "*[", "==", "--")
"""Text each rule below needs at least one of."""
_FILE_TRIGGERS = re.compile("|".join(re.escape(trigger) for trigger in (*_TRIGGERS, "\\")))
"""The same in a file's text, and a backslash: YAML's double-quoted escapes."""


def _may_hold_code(text: str) -> bool:
    """Whether any value of a file with this text may hold what :func:`unsafe_text` looks for.

    YAML makes a value from the characters of the file, adding only spaces and line breaks where
    it folds lines, except through escapes in double quotes (``"\\x3c"`` is ``<``): a file with
    none of the triggers and no backslash holds no value to look at. The schema line, whose ``#``
    every file has, is skipped; a trigger anywhere else has the file walked. One regular
    expression finds them all in one pass: thirteen ``in`` tests cost twice as much.
    """
    start = text.find("\n") + 1 if text.startswith("# yaml-language-server") else 0
    return _FILE_TRIGGERS.search(text, start) is not None


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
    if not any(trigger in text for trigger in _TRIGGERS):
        return None  # what every rule below needs: most texts of a handbook have none
    for autolink in _ANY_AUTOLINK.finditer(text):
        scheme = _scheme(autolink.group(1))
        if scheme not in ALLOWED_SCHEMES:
            return _link_problem(autolink.group(1))
    without_autolinks = _AUTOLINK.sub("", text)
    tag = _MARKUP.search(without_autolinks)
    if tag:
        snippet = without_autolinks[tag.start(): tag.start() + 20].split(">")[0] + ">"
        return (f"HTML interdit dans le texte (« {snippet} ») : écrivez en Markdown "
                "(**gras**, *italique*, listes « - »), sans balises ni commentaires.")
    attributes = _ATTRIBUTE_LIST.search(text)
    if attributes:
        return (f"accolades interdites dans le texte (« {attributes.group()[:30]} ») : Markdown y lirait "
                "des attributs HTML. Reformulez sans « { » ni « } ».")
    for pattern, reason in _BLOCK_RULES:
        if pattern.search(text):
            return reason
    for destination in link_destinations(text):
        refused = _link_problem(destination)
        if refused:
            return refused
    if _IMAGE.search(text):
        return ("image « ![…](…) » interdite : le guide ne montre pas d'images venues d'autres sites. "
                "Écrivez un lien « [texte](https://…) ».")
    return None


def link_destinations(text: str) -> list[str]:
    """Where the links of a Markdown text lead, as written."""
    destinations = [match.group(2) for match in INLINE_LINK.finditer(text)]
    destinations += [match.group(2) for match in REFERENCE_LINK.finditer(text)]
    return destinations + [match.group(1) for match in _AUTOLINK.finditer(text)]


def page_links(document: Document) -> list[tuple[FieldPath, str]]:
    """Links to other pages of the handbook in a file's texts, for the check across files."""
    if "](" not in document.text and "]:" not in document.text:
        return []
    found: list[tuple[FieldPath, str]] = []
    _collect_links(document.data, (), found)
    return found


def _collect_links(data: object, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _collect_links(value, path + (key,), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _collect_links(value, path + (index,), found)
    elif isinstance(data, str) and ("](" in data or "]:" in data):
        found += [(path, destination) for destination in link_destinations(data) if PAGE_LINK.fullmatch(destination)]


def _link_problem(destination: str) -> str | None:
    """A link leads to a web page of another site, or to a page of the handbook, never a file."""
    scheme = _scheme(destination)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (f"lien refusé (« {scheme}: ») : seuls les liens http:// et https:// sont permis "
                "dans le texte d'une fiche.")
    if scheme is None and PAGE_LINK.fullmatch(destination):
        return None  # another page of the handbook: references.py checks that it exists
    if scheme is None or not _WEB_ADDRESS.match(_INVISIBLE.sub("", html.unescape(destination))):
        shown = destination[:40] or "vide"
        return (f"lien sans adresse complète (« {shown} ») : écrivez l'adresse entière, par exemple "
                "« https://www.exemple.fr ». Pour renvoyer à une autre fiche, nommez-la dans « related ».")
    return None


def _scheme(destination: str) -> str | None:
    """The scheme a browser would see, after entities and hidden characters are removed."""
    cleaned = _INVISIBLE.sub("", html.unescape(destination))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None
