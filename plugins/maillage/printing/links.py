"""Where a link goes on paper, written once for every page that prints it.

A reader of a printed page cannot click. A link to something the page holds becomes an anchor
inside it (and the PDF keeps it clickable); any other link becomes the full online address,
which the print stylesheet writes after the link's text. Links that editors wrote in card text
are written relative to the card's web page, so they are re-pointed too.

A card is printed by several pages (its section's document, the whole handbook, two decks),
where its links and its number differ, but its Markdown is written and rendered once
(fragments.py). So the templates' ``links`` (``PrintLinks``) write a *token* wherever the page
decides, and each page's ``Scope`` fills the tokens, in Markdown or in HTML alike, with one
compiled regular expression. Tokens are made of private-use characters: no Markdown rule or
extension reads them, no id or address holds them, and the sanitiser keeps them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping

from .. import addresses
from ..kinds import Section
from ..model.entries import Card, Case, Source, Term
from ..validation.text_safety import INLINE_LINK, REFERENCE_LINK
from .documents import Chapter, Entry, anchor

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

OPEN, PART, CLOSE = "\ue000", "\ue001", "\ue002"
_FIELD = f"[^{OPEN}{PART}{CLOSE}]"
TOKEN = re.compile(
    # Text shown only when the page holds the entry, with what to show otherwise.
    f"{OPEN}if{PART}(?P<held>{_FIELD}+){CLOSE}(?P<then>.*?)(?:{OPEN}else{CLOSE}(?P<otherwise>.*?))?{OPEN}fi{CLOSE}"
    # A link's destination (with an editor's #fragment for the online address), an entry's number.
    f"|{OPEN}(?P<kind>to|number){PART}(?P<anchor>{_FIELD}+)(?:{PART}(?P<fragment>{_FIELD}*))?{CLOSE}",
    re.DOTALL)
_NAMES = re.compile(f"{OPEN}(?:if|to|number){PART}({_FIELD}+)")

Target = Card | Case | Source | Term | Section | Chapter


def web_path(target: Target) -> str:
    """The target's address relative to the site's root, as the web pages link it."""
    return target.url if isinstance(target, Chapter) else addresses.address(target)


class PrintLinks:
    """The links of every print template, as tokens; the templates call it as ``links``."""

    def __init__(self, site_url: str, entries: Iterable[Entry | Source]) -> None:
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        entries = list(entries)
        self.addresses: dict[str, str] = {anchor(entry): self.online(entry) for entry in entries}
        """Anchor of each target a token may name → its full online address, for the pages that
        do not hold it. Known before any template runs: a fragment kept from the previous build
        (rendering/memo.py) names targets without being written again."""
        self._anchors_by_src = {addresses.page(entry): anchor(entry) for entry in entries
                                if isinstance(entry, (Card, Case))}

    def online(self, target: Target | str) -> str:
        """The full online address of a target, or of a path from the site's root."""
        return self.site_url + (target if isinstance(target, str) else web_path(target))

    def to(self, target: Target) -> str:
        """``#fiche-x`` on a page that holds the target, else its full online address."""
        if isinstance(target, (Section, Chapter)):
            return self.online(target)  # a part's web page: no page holds it as an anchor
        return self._token("to", target)

    def number(self, target: Card | Case) -> str:
        """Its number on the page ("fiche 12"); only where the page holds it."""
        return self._token("number", target)

    def when_held(self, target: Target, text: str, otherwise: str = "") -> str:
        """``text`` on a page that holds the target, else ``otherwise`` (inline Markdown only)."""
        return f"{OPEN}if{PART}{self._name(target)}{CLOSE}{text}{OPEN}else{CLOSE}{otherwise}{OPEN}fi{CLOSE}"

    def markdown(self, text: str, entry: Card | Case) -> str:
        """An editor's Markdown, its relative links re-pointed from the entry's page to the page printing it."""
        if "]" not in text:
            return text

        def relocate(match: re.Match[str]) -> str:
            return match.group(1) + self._relocate(match.group(2), entry)

        return REFERENCE_LINK.sub(relocate, INLINE_LINK.sub(relocate, text))

    def _relocate(self, destination: str, entry: Card | Case) -> str:
        if not destination or _SCHEME.match(destination) or destination.startswith("/"):
            return destination  # a full address, or a path from the server's root: valid anywhere
        path, _, fragment = destination.partition("#")
        here = addresses.page(entry)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        online = self.online(addresses.url(target))
        name = self._anchors_by_src.get(target)
        if name is None:  # not a card or a case: no page holds it
            return online + (f"#{fragment}" if fragment else "")
        return f"{OPEN}to{PART}{name}{PART}{fragment}{CLOSE}" if fragment else f"{OPEN}to{PART}{name}{CLOSE}"

    def _token(self, kind: str, target: Target) -> str:
        return f"{OPEN}{kind}{PART}{self._name(target)}{CLOSE}"

    def _name(self, target: Target) -> str:
        return anchor(target)  # type: ignore[arg-type]


class Scope:
    """What one print page holds: the anchors its links may point to and its entries' numbers.

    A deck holds no anchor (its links all go online) but numbers its cards as its document does.
    """

    def __init__(self, links: PrintLinks, held: Collection[str], numbers: Mapping[str, int]) -> None:
        self.addresses = links.addresses
        self.held = held
        self.numbers = numbers

    def fill(self, text: str, *, markup: bool = True) -> str:
        """HTML (``markup``) or Markdown with every token replaced by what it is on this page."""
        if OPEN not in text:
            return text
        return TOKEN.sub(self._html_value if markup else self._markdown_value, text)

    def facts(self, names: Iterable[str]) -> str:
        """What the tokens naming these anchors become here: where the facts are the same, the
        tokens are filled the same way."""
        return "\n".join(f"{name} {name in self.held} {self.numbers.get(name)} {self.addresses.get(name)}"
                         for name in names)

    def _html_value(self, match: re.Match[str]) -> str:
        return self._value(match, self._html_value, html.escape)

    def _markdown_value(self, match: re.Match[str]) -> str:
        return self._value(match, self._markdown_value, str)

    def _value(self, match: re.Match[str], inner: Callable[[re.Match[str]], str], escape: Callable[[str], str]) -> str:
        if match["held"] is not None:
            shown = match["then"] if match["held"] in self.held else match["otherwise"] or ""
            return TOKEN.sub(inner, shown)
        name = match["anchor"]
        if match["kind"] == "number":
            return str(self.numbers.get(name, ""))
        if name in self.held:
            return f"#{name}"
        return escape(self.addresses[name]) + (f"#{match['fragment']}" if match["fragment"] else "")


def token_names(text: str) -> list[str]:
    """The anchors the tokens of a text name, each once, sorted."""
    return sorted(set(_NAMES.findall(text)))
