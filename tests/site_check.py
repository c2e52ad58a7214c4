"""What every built site must satisfy, checked after every test build (``conftest.Project.build``).

- No script the theme or the project did not ship: an external script must be Material's
  (``assets/javascripts/``) or listed in ``extra_javascript`` (the plugin's ``assets/maillage/*.js``
  are); an inline script must be one of the theme's own, read from its templates, or, on a page
  served by ``mkdocs serve``, the livereload snippet. JSON data blocks must parse as JSON.
- No ``javascript:`` or ``vbscript:`` URL and no inline event handler (``on…=``) except those
  written literally in the theme's templates (Material's search "share" link).
- No ``<meta http-equiv>`` (a refresh would send readers elsewhere), except on the redirect pages
  the plugin writes at old card addresses (a card's ``replaces``): there exactly one refresh, to
  the card that replaced the id, and nothing else. No element id twice in a page (the theme's
  scripts find their elements by id).
- No attribute list shown as text (``{: .classe }``: a template line that lost its place).
- French typography, when the plugin applies it: no ordinary space before a ``; : ! ?`` that ends
  a word group, nor inside « », in the text of any page (code, scripts and styles aside), where
  a narrow browser would start a line with the mark.
- Nothing from outside ``practices/`` and ``docs/``: no site file holds a canary that the tests
  plant in the project's other files (``.git/config``, a secret beside ``mkdocs.yml``).
- No card lost: every card of the handbook has its page, every id it replaces its redirect page,
  every card is listed by its section page, and,
  when the site has the finder (``trouver/``), is in the finder's data and text files.
  When the handbook has problems (``mkdocs serve``), every card's address shows the problems.

Every finding names the page, so one failing build says everything at once.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import _SCRIPT_TEMPLATE

from maillage.addresses import address, entry_page
from maillage.kinds import SECTIONS
from maillage.pipeline import LoadResult, find_files, kind_of, load_handbook

DANGEROUS_SCHEMES = re.compile(r"^(javascript|vbscript):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f]+")
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_TEMPLATE_HANDLER = re.compile(r"\s(on[a-z]+)=\"([^\"]*)\"")
_TEMPLATE_DANGEROUS_URL = re.compile(r"=\"((?:javascript|vbscript):[^\"]*)\"", re.IGNORECASE)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_BREAKABLE_BEFORE_MARK = re.compile(r"(?<=\S)[ \t\r\n]+(?:[;:](?=$|[\s»])|[!?](?=$|[\s!?.,;:)\]»…’\"]))|«[ \t\r\n]|(?<=\S)[ \t\r\n]»")
"""An ordinary space a browser may break at, just before a mark that must stay on its line."""
CODE_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "tt", "var", "svg", "math"})
"""Whose text is not prose: typography leaves it as written."""
INLINE_ELEMENTS = frozenset({"a", "abbr", "b", "cite", "em", "i", "mark", "q", "s", "small", "span", "strong",
                             "sub", "sup", "time", "u", "del", "ins"})
"""Elements inside a line of text: their text and their neighbours' make one run."""


@dataclass(frozen=True)
class Policy:
    """What the theme and the project ship, hence what a page may contain."""

    script_paths: frozenset[str]
    """Site-relative paths of the theme's script files and of those the project lists
    (``extra_javascript``, where the plugin adds its own)."""
    inline_scripts: tuple[re.Pattern[str], ...]
    handlers: frozenset[tuple[str, str]]
    dangerous_urls: frozenset[str]
    base_path: str
    """The path part of ``site_url`` ("/guide/"): Material's 404 page links from there."""
    typography: bool = False
    """Whether the text must follow French spacing (the plugin's ``french_typography``)."""
    redirects: dict[str, str] = dataclasses.field(default_factory=dict)
    """Old card address → the card address its one refresh must lead to (``fiches/old/`` →
    ``fiches/new/``), read from the handbook, not from the plugin that wrote the pages."""

    @classmethod
    def of(cls, config: MkDocsConfig, *, served: bool, redirects: dict[str, str] | None = None) -> Policy:
        files, scripts, handlers, urls = _theme_shipped(tuple(config.theme.dirs))
        if served:
            scripts += (_livereload_pattern(),)
        listed = {posixpath.normpath(str(script).lstrip("/")) for script in config.extra_javascript}
        plugin = config.plugins.get("maillage")
        typography = bool(plugin is not None and plugin.config.enabled and plugin.config.french_typography)
        return cls(frozenset(files | listed), scripts, handlers, urls, urlsplit(config.site_url or "/").path or "/",
                   typography, dict(redirects or {}))


@functools.lru_cache
def _theme_shipped(dirs: tuple[str, ...]) -> tuple[set[str], tuple[re.Pattern[str], ...], frozenset, frozenset]:
    """Script files, inline scripts, event handlers and script URLs of the theme's folders.

    A script's Jinja expressions (``{{ base_url }}``) become "any text without quotes or tags".
    """
    files = {path.relative_to(folder).as_posix() for folder in dirs for path in Path(folder).rglob("*.js")}
    scripts: list[re.Pattern[str]] = []
    handlers: set[tuple[str, str]] = set()
    urls: set[str] = set()
    for folder in dirs:
        for template in Path(folder).rglob("*.html"):
            text = template.read_text(encoding="utf-8", errors="replace")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                if "src=" in match["attributes"] or "json" in match["attributes"]:
                    continue
                parts = _JINJA.split(match["body"].strip())
                scripts.append(re.compile(r"[^\"<]*?".join(re.escape(part) for part in parts)))
            handlers.update(_TEMPLATE_HANDLER.findall(text))
            urls.update(_TEMPLATE_DANGEROUS_URL.findall(text))
    return files, tuple(scripts), frozenset(handlers), frozenset(urls)


def _livereload_pattern() -> re.Pattern[str]:
    """The snippet ``mkdocs serve`` adds to every page it serves, with its two numbers."""
    pattern = re.escape(_SCRIPT_TEMPLATE.template.strip())
    for name in ("epoch", "request_id"):
        pattern = pattern.replace(re.escape(f"${{{name}}}"), r"\d+")
    return re.compile(pattern)


class _Page(HTMLParser):
    """One page's scripts, risky attributes and links to card pages."""

    def __init__(self, url: str, policy: Policy) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.policy = policy
        self.findings: list[str] = []
        self.card_links: set[str] = set()
        self._script: dict[str, str | None] | None = None
        self._body = ""
        self._article_depth = 0
        self._ids: set[str] = set()
        self.refreshes = 0
        self._code = 0
        self._run: list[str] = []
        self._typography_findings = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._text_boundary(tag, opening=True)
        if tag == "article":
            self._article_depth += 1
        for name, value in attrs:
            if name.startswith("on") and (name, value or "") not in self.policy.handlers:
                self.findings.append(f"{self.url} : gestionnaire d'événement <{tag} {name}=…>")
            cleaned = _INVISIBLE.sub("", value or "")
            if DANGEROUS_SCHEMES.match(cleaned) and value not in self.policy.dangerous_urls:
                self.findings.append(f"{self.url} : URL « {cleaned[:40]} » dans <{tag} {name}>")
        attributes = dict(attrs)
        element_id = attributes.get("id")
        if element_id is not None:
            if element_id in self._ids:
                self.findings.append(f"{self.url} : id « {element_id[:40]} » deux fois dans la page")
            self._ids.add(element_id)
        if tag == "meta" and "http-equiv" in attributes:
            if self._is_expected_refresh(attributes):
                self.refreshes += 1
            else:
                self.findings.append(f"{self.url} : <meta http-equiv=« {(attributes['http-equiv'] or '')[:20]} »>")
        if tag == "script":
            self._script, self._body = attributes, ""
            src = attributes.get("src")
            if src is not None and self._site_path(src) not in self.policy.script_paths:
                self.findings.append(f"{self.url} : script non livré par le thème ni le projet : {src}")
        if tag == "a" and self._article_depth:
            target = self._site_path(attributes.get("href") or "")
            match = re.fullmatch(r"fiches/([^/]+)/(?:index\.html)?", target)
            if match:
                self.card_links.add(match[1])

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body += data
        elif not self._code:
            self._run.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._text_boundary(tag, opening=False)
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag != "script" or self._script is None:
            return
        script, body = self._script, self._body.strip()
        self._script = None
        if script.get("src") is not None:
            if body:
                self.findings.append(f"{self.url} : script externe avec un contenu")
        elif "json" in (script.get("type") or ""):
            try:
                json.loads(body)
            except ValueError:
                self.findings.append(f"{self.url} : bloc de données JSON illisible (texte échappé de sa balise ?)")
        elif not any(pattern.fullmatch(body) for pattern in self.policy.inline_scripts):
            self.findings.append(f"{self.url} : script en ligne inconnu : {body[:60]!r}")

    def _text_boundary(self, tag: str, *, opening: bool) -> None:
        """Check the run of text a block or code element ends; count the code elements."""
        if tag in INLINE_ELEMENTS:
            return
        self.check_text()
        if tag in CODE_ELEMENTS:
            self._code = self._code + 1 if opening else max(self._code - 1, 0)

    def check_text(self) -> None:
        text, self._run = "".join(self._run), []
        if self._code == 0 and _LEAKED_ATTRIBUTES.search(text):
            # Templates set classes with attribute lists; one that lost its line shows as text.
            self.findings.append(f"{self.url} : liste d'attributs affichée telle quelle : "
                                 f"« {_LEAKED_ATTRIBUTES.search(text)[0][:40]} »")  # type: ignore[index]
        if not self.policy.typography or self._typography_findings >= 3:
            return
        for match in _BREAKABLE_BEFORE_MARK.finditer(text):
            self._typography_findings += 1
            shown = text[max(match.start() - 25, 0):match.end() + 10].replace("\n", " ")
            self.findings.append(f"{self.url} : espace ordinaire avant « {match[0].strip()} » (une ligne "
                                 f"pourrait commencer par ce signe) : « {shown.strip()} »")
            if self._typography_findings >= 3:
                return

    def _is_expected_refresh(self, attributes: dict[str, str | None]) -> bool:
        """A redirect page's one refresh, at once, to the card that replaced this address."""
        expected = self.policy.redirects.get(self.url)
        match = re.fullmatch(r"0; url=([a-z0-9./-]+)", attributes.get("content") or "")
        return (expected is not None and self.refreshes == 0 and (attributes["http-equiv"] or "").lower() == "refresh"
                and match is not None and self._site_path(match[1]) == expected)

    def _site_path(self, reference: str) -> str:
        """``../assets/x.js`` seen from this page → ``assets/x.js``; external URLs stay whole."""
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc:
            return reference
        resolved = urljoin(self.policy.base_path + self.url, parts.path)
        return resolved[len(self.policy.base_path):] if resolved.startswith(self.policy.base_path) else resolved


_LEAKED_ATTRIBUTES = re.compile(r"\{:\s*[.#][^}]*\}")
"""``{: .classe }`` in a page's text: editors cannot write one (the validator refuses them)."""


def check_page(html: str, url: str, policy: Policy) -> tuple[list[str], set[str]]:
    """Findings for one page (``url`` relative to the site, e.g. ``fiches/x/``) and the cards it links."""
    page = _Page(url, policy)
    page.feed(html)
    page.close()
    page.check_text()
    if url in policy.redirects and page.refreshes != 1:
        page.findings.append(f"{url} : page de redirection sans son renvoi vers {policy.redirects[url]}")
    return page.findings, page.card_links


def check_site(site: Path, config: MkDocsConfig, *, served: bool = False,
               canaries: tuple[str, ...] = ()) -> list[str]:
    loaded = _load(config)  # once: the redirects and the lost cards read the same handbook
    policy = Policy.of(config, served=served, redirects=expected_redirects(config, loaded))
    findings: list[str] = []
    links: dict[str, set[str]] = {}
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        found, linked = check_page(path.read_text(encoding="utf-8"), url, policy)
        findings += found
        links[url] = linked
    return findings + _lost_cards(site, config, links, loaded) + _leaks(site, canaries)


def _leaks(site: Path, canaries: tuple[str, ...]) -> list[str]:
    """Files of the site that hold text of a file outside ``practices/`` and ``docs/``."""
    if not canaries:
        return []
    findings = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            findings += [f"{path.relative_to(site)} : contient le contenu d'un fichier hors de practices/ et docs/"
                         for canary in canaries if canary.encode() in data]
    return findings


def _load(config: MkDocsConfig) -> LoadResult | None:
    plugin = config.plugins.get("maillage")
    if plugin is None or not plugin.config.enabled:
        return None
    return load_handbook(plugin.practices_dir, plugin.root)


def expected_redirects(config: MkDocsConfig, loaded: LoadResult | None = None) -> dict[str, str]:
    """``fiches/<old-id>/`` → ``fiches/<new-id>/`` for every id a card of the handbook replaces."""
    result = loaded or _load(config)
    if result is None or result.handbook is None:
        return {}
    return {address(entry_page("card", old)): address(card)
            for card in result.handbook.cards.values() for old in card.replaces}


def unanswered(site: Path, ids: set[str], redirects: dict[str, str]) -> list[str]:
    """Card ids whose address ``fiches/<id>/`` no longer answers with a card or a redirect to one."""
    cards = {path.parent.name for path in (site / "fiches").glob("*/index.html")} - {
        url.split("/")[1] for url in redirects}
    lost = []
    for card_id in sorted(ids):
        target = redirects.get(f"fiches/{card_id}/")
        answers = card_id in cards or (target is not None and target.split("/")[1] in cards
                                       and (site / "fiches" / card_id / "index.html").is_file())
        if not answers:
            lost.append(card_id)
    return lost


def _lost_cards(site: Path, config: MkDocsConfig, links: dict[str, set[str]], result: LoadResult | None) -> list[str]:
    plugin = config.plugins.get("maillage")
    if plugin is None or not plugin.config.enabled or result is None:
        return []
    if result.handbook is None:
        return _problems_everywhere(site, plugin.practices_dir)
    cards = set(result.handbook.cards)
    findings = []
    replaced = {old for card in result.handbook.cards.values() for old in card.replaces}
    pages = {path.parent.name for path in (site / "fiches").glob("*/index.html")} - replaced
    missing = sorted(old for old in replaced if not (site / "fiches" / old / "index.html").is_file())
    if missing:
        findings.append(f"anciennes adresses sans page de redirection : {missing}")
    if pages != cards:
        findings.append(f"pages de fiches : {len(pages)} pour {len(cards)} fiches ; sans page : "
                        f"{sorted(cards - pages)}, en trop : {sorted(pages - cards)}")
    listed: set[str] = set()
    for section in SECTIONS:
        own = {card.id for card in result.handbook.section_cards(section)}
        shown = links.get(address(section), set())
        listed |= shown
        if not own <= shown:
            findings.append(f"{address(section)} : fiches de la rubrique absentes de sa page : {sorted(own - shown)}")
    if listed != cards:
        findings.append(f"pages des rubriques : fiches absentes {sorted(cards - listed)}, inconnues {sorted(listed - cards)}")
    if (site / "trouver").is_dir():
        findings += _finder_findings(site / "trouver", cards)
    return findings


def _finder_findings(finder: Path, cards: set[str]) -> list[str]:
    """The finder's data names every card once, and its text files give each, at its position,
    a link to that card's page (finder/data.py)."""
    data = json.loads((finder / "fiches.json").read_text(encoding="utf-8"))
    rows = [row[0] for row in data["cards"]]
    if sorted(rows) != sorted(cards):
        return [f"trouver/fiches.json : {len(rows)} lignes pour {len(cards)} fiches"]
    texts = [text for name in data["texts"] for text in json.loads((finder / name).read_text(encoding="utf-8"))]
    pages = [urlsplit(urljoin("trouver/", text[2])).path for text in texts]
    wrong = [card_id for card_id, page in zip(rows, pages) if page != address(entry_page("card", card_id))]
    if len(texts) != len(rows) or wrong:
        return [f"trouver/textes : {len(texts)} fiches pour {len(rows)}, liens faux : {wrong[:5]}"]
    return []


def _problems_everywhere(site: Path, practices: Path) -> list[str]:
    """``mkdocs serve`` with problems: each card's address shows the problems page, never an old card."""
    home = _article(site / "index.html")
    findings = []
    for path in find_files(practices):
        if kind_of(path, practices) != "card":
            continue
        page = site / "fiches" / path.stem / "index.html"
        if not page.exists() or _article(page) != home:
            findings.append(f"fiches/{path.stem}/ : la page ne montre pas les problèmes du guide")
    return findings


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.find("<article")
    # The edit button and relative links differ from page to page; the problems list does not.
    return re.sub(r"<a [^>]*>|\.\./", "", text[start:text.find("</article>", start)])
