"""French typography on built HTML: no line of a page may start with « ; » or « : ».

Editors type ordinary spaces before ``; : ! ?`` and inside « », and straight apostrophes; on a
phone the browser then breaks a line just before the punctuation. French typography asks for
a no-break space there, and the engine puts it in rather than every editor:

- U+202F (narrow no-break space) replaces the spaces before ``;``, ``!`` and ``?``;
- U+00A0 (no-break space) replaces the spaces before ``:`` and inside « », and is added inside
  guillemets written without one;
- ``’`` replaces a straight apostrophe after a letter, before a letter or an element
  (``l'animateur``, ``l'<abbr>OPCA</abbr>``).

Only spaces that are already there are replaced (no space is added before ``;:!?``), and only
when the mark ends a word group (space, end of text or closing punctuation follows): ``10:30``,
``https://x``, ``:material-pencil:``, ``;)`` and ``:-)`` stay as they are.

The step works on the text nodes of the final HTML page, read with Python's own HTML parser,
after every other step: titles, navigation, cards, pages of ``docs/``, print pages and decks,
and so the search excerpts Pagefind takes from them. Tags, attribute values, comments and the
content of ``code``, ``pre``, ``kbd``, ``samp``, ``script``, ``style`` and the like are copied
as they are. The Markdown itself is never touched: ``plain`` turns punctuation into character
references there, and a regular expression over Markdown could not tell code from text.

No library was used: the maintained ones apply rules for other formats (AsciiDoc), or rewrite
far more than spacing (quotes, ellipses, spaces before full stops) with regular expressions
over HTML; this is the part the handbook needs, on a real parser.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "tt", "var", "svg", "math",
                      "template"})
"""Elements whose text is code, data or drawing: copied byte for byte."""
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small",
                    "span", "strong", "sub", "sup", "time", "u", "del", "ins"})
"""Elements inside a line of text: a space before one and a mark after it are on the same line."""

_SPACE = "[ \t\r\n\u00a0\u202f]"
_AFTER_COLON_OR_SEMICOLON = r"(?=$|[\s»])"
_AFTER_BANG = r"(?=$|[\s!?.,;:)\]»…’\"])"
_BEFORE_HIGH = re.compile(rf"(?<=\S){_SPACE}+(;{_AFTER_COLON_OR_SEMICOLON}|[!?]{_AFTER_BANG})")
_BEFORE_COLON = re.compile(rf"(?<=\S){_SPACE}+(:{_AFTER_COLON_OR_SEMICOLON})")
_OPENING = re.compile(rf"«{_SPACE}*")
_CLOSING = re.compile(rf"(?<=\S){_SPACE}*»")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_]|$)")
"""Between two letters, or after a letter at the end of a text node: ``l'<abbr>OPCA</abbr>``."""
_LEADING_MARK = re.compile(rf"^({_SPACE}*)(;{_AFTER_COLON_OR_SEMICOLON}|[!?]{_AFTER_BANG}|:{_AFTER_COLON_OR_SEMICOLON}|»)")
_TRAILING_SPACE = re.compile(rf"{_SPACE}+$")
_TRIGGERS = frozenset(";:!?«»'")


def french_text(text: str) -> str:
    """French spacing and apostrophes within one run of text (a text node)."""
    if not _TRIGGERS.intersection(text):
        return text
    text = _APOSTROPHE.sub("\u2019", text)
    text = _BEFORE_HIGH.sub(lambda match: NARROW_NBSP + match[1], text)
    text = _BEFORE_COLON.sub(lambda match: NBSP + match[1], text)
    text = _OPENING.sub("«" + NBSP, text)
    return _CLOSING.sub(NBSP + "»", text)


def _space_for(mark: str) -> str:
    return NBSP if mark in ":»" else NARROW_NBSP


class _Typesetter(HTMLParser):
    """Copies a page, applying :func:`french_text` to its prose text nodes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._verbatim = 0
        """How many verbatim elements (``VERBATIM``) enclose the current text."""
        self._last_text: int | None = None
        """Index in ``out`` of the prose text just before, when only inline tags follow it."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")
        if tag in VERBATIM:
            self._verbatim += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in VERBATIM and self._verbatim:
            self._verbatim -= 1
        self._tag(tag, f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.cdata_elem is not None:  # inside <script> or <style>: raw text, as it came
            self.out.append(data)
            return
        if self._verbatim:
            self.out.append(escape(data, quote=False))
            self._last_text = None
            return
        text = french_text(data)
        leading = _LEADING_MARK.match(text)
        if leading and self._last_text is not None:
            before = self.out[self._last_text]
            if leading[1] and not before[-1:].isspace():
                # "<em>Rubrique</em> :" — the space starts this node, the word ends the last one
                text = _space_for(leading[2][0]) + text[len(leading[1]):]
            elif not leading[1] and _TRAILING_SPACE.search(before) and before.strip():
                # "<em>Rubrique </em>:" — the space ends the last node
                self.out[self._last_text] = _TRAILING_SPACE.sub(escape(_space_for(leading[2][0])), before)
        self.out.append(escape(text, quote=False))
        self._last_text = len(self.out) - 1 if text.strip() else self._last_text

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

    def _tag(self, tag: str, text: str) -> None:
        self.out.append(text)
        if tag not in INLINE:
            self._last_text = None  # a new block, a line break, an image: no line to keep together


def french_typography(page_html: str) -> str:
    """``page_html`` with French spacing and apostrophes in its prose (see the module docstring)."""
    typesetter = _Typesetter()
    typesetter.feed(page_html)
    typesetter.close()
    return "".join(typesetter.out)
