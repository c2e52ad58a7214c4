"""French typography of the built pages: no line starts with « ; » or « : » on a phone."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from conftest import ROOT, Project
from maillage.rendering.typography import french_typography
from site_check import Policy, check_page

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(("html", "expected"), [
    # the marks, with the space French asks for
    ("<p>Pourquoi ? Parce que ; enfin !</p>", f"<p>Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!</p>"),
    ("<p>Rubrique : lancer</p>", f"<p>Rubrique{NBSP}: lancer</p>"),
    ("<p>« Lancer un réseau »</p>", f"<p>«{NBSP}Lancer un réseau{NBSP}»</p>"),
    ("<p>«Lancer»</p>", f"<p>«{NBSP}Lancer{NBSP}»</p>"),
    ("<p>l'animateur d'aujourd'hui</p>", "<p>l\u2019animateur d\u2019aujourd\u2019hui</p>"),
    ("<p>l'<abbr title=\"l'OPCA\">OPCA</abbr> 'x' 2'30</p>", "<p>l\u2019<abbr title=\"l'OPCA\">OPCA</abbr> 'x' 2'30</p>"),
    ("<p>Vraiment ?!</p>", f"<p>Vraiment{NNBSP}?!</p>"),
    ("<p>(ou pas ?)</p>", f"<p>(ou pas{NNBSP}?)</p>"),
    ("<p>Deux  espaces :\n suite</p>", f"<p>Deux  espaces{NBSP}:\n suite</p>"),
    # across inline elements: the space and the mark on either side of a tag
    ("<li><strong>Rubrique :</strong> Lancer</li>", f"<li><strong>Rubrique{NBSP}:</strong> Lancer</li>"),
    ("<p><em>Rubrique</em> : x</p>", f"<p><em>Rubrique</em>{NBSP}: x</p>"),
    ("<p><em>Rubrique </em>: x</p>", f"<p><em>Rubrique{NBSP}</em>: x</p>"),
    # what must stay as it is
    ("<p>Voir https://exemple.fr/a?b=c;d et 10:30, 3:2</p>", "<p>Voir https://exemple.fr/a?b=c;d et 10:30, 3:2</p>"),
    ("<p>Clin d'œil ;) et sourire :-) ou :)</p>", "<p>Clin d\u2019œil ;) et sourire :-) ou :)</p>"),
    ("<p>Icône :material-pencil: ici</p>", "<p>Icône :material-pencil: ici</p>"),
    ("<p>id: partir-des-objectifs</p>", "<p>id: partir-des-objectifs</p>"),
    ("<code>a : b ; c ?</code>", "<code>a : b ; c ?</code>"),
    ("<pre><code>kind: practice\ntitle: 'x' ; y</code></pre>", "<pre><code>kind: practice\ntitle: 'x' ; y</code></pre>"),
    ("<script>if (a ? b : c) { x = 'l'; }</script>", "<script>if (a ? b : c) { x = 'l'; }</script>"),
    ("<style>a::before { content: ' : '; }</style>", "<style>a::before { content: ' : '; }</style>"),
    ('<a href="?q=a : b" title="Lien : ici" aria-label="l\'aide ?">x</a>',
     '<a href="?q=a : b" title="Lien : ici" aria-label="l\'aide ?">x</a>'),
    ("<kbd>Ctrl : C</kbd> <samp>Erreur : x</samp>", "<kbd>Ctrl : C</kbd> <samp>Erreur : x</samp>"),
    ("<p>\n: liste de définition</p>", "<p>\n: liste de définition</p>"),
    ("<!-- a : b --><p>a&amp;b &lt;c&gt; ;</p>", f"<!-- a : b --><p>a&amp;b &lt;c&gt;{NNBSP};</p>"),
    ("<p>Qui ?<br>Quoi ?</p>", f"<p>Qui{NNBSP}?<br>Quoi{NNBSP}?</p>"),
    ("<p>rien</p><p>? en tête</p>", "<p>rien</p><p>? en tête</p>"),
    ("<!doctype html><html><head><title>Titre : x</title></head></html>",
     f"<!doctype html><html><head><title>Titre{NBSP}: x</title></head></html>"),
])
def test_french_typography(html: str, expected: str) -> None:
    assert french_typography(html) == expected


def test_character_references_are_read_as_characters() -> None:
    """``plain`` writes punctuation as references (``&#58;``); the sanitiser's output, ``&nbsp;``."""
    assert french_typography("<p>Rubrique &#58; x &#63;</p>") == f"<p>Rubrique{NBSP}: x{NNBSP}?</p>"
    assert french_typography("<p>Titre&nbsp;: x</p>") == f"<p>Titre{NBSP}: x</p>"


def test_a_page_is_copied_unchanged_where_nothing_applies() -> None:
    page = ('<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><script>var a = "<b>";</script>'
            '</head><body><div data-x=\'a > b\'><img src="a.png" alt="x : y"/>texte</div></body></html>\n')
    assert french_typography(page) == page


def test_every_built_page_keeps_its_marks_on_their_line(real_site: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    policy = Policy.of(config, served=False)
    assert policy.typography
    findings = []
    for path in sorted(real_site.rglob("*.html")):
        url = path.relative_to(real_site).as_posix().removesuffix("index.html")
        found, _ = check_page(path.read_text(encoding="utf-8"), url, policy)
        findings += [finding for finding in found if "espace ordinaire" in finding]
    assert not findings, "\n".join(findings[:30])


def test_the_site_check_finds_an_ordinary_space_before_a_mark(project: Project) -> None:
    site = project.build()
    config = load_config(str(project.root / "mkdocs.yml"))
    policy = Policy.of(config, served=False)
    page = (site / "fiches" / "choisir-un-animateur" / "index.html").read_text(encoding="utf-8")

    def typography(html: str) -> list[str]:
        return [finding for finding in check_page(html, "fiches/x/", policy)[0] if "espace ordinaire" in finding]

    assert typography(page) == []
    for injected in ("<p>Rubrique : x</p>", "<p>Quoi ?</p>", "<p><em>mot</em> ; suite</p>", "<p>« x »</p>"):
        assert typography(page.replace("</article>", injected + "</article>")), injected
    for fine in ("<p><code>a : b</code></p>", "<pre>x ; y</pre>", "<p>10:30 ;)</p>"):
        assert typography(page.replace("</article>", fine + "</article>")) == [], fine


def test_typography_can_be_turned_off(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - maillage\n", "  - maillage:\n      french_typography: false\n"), encoding="utf-8")
    site = project.build()
    page = (site / "fiches" / "choisir-un-animateur" / "index.html").read_text(encoding="utf-8")
    assert NNBSP not in page and "Rubrique :" in page


PROSE = st.text(alphabet=st.sampled_from(list("ab é'’ :;!?«»<>&\"=/-.)(\n\t") + ["\u00a0", "\u202f"]),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(PROSE)
def test_typography_changes_only_spaces_and_apostrophes_of_text(text: str) -> None:
    """Whatever the text: the same elements and attributes, code untouched, no markup made."""
    page = (f'<p title="{escape(text)}">{escape(text, quote=False)}<em>{escape(text, quote=False)}</em></p>'
            f"<pre><code>{escape(text, quote=False)}</code></pre>")
    out = french_typography(page)
    assert re.sub(r">[^<]*<", "><", out) == re.sub(r">[^<]*<", "><", page)
    assert out.endswith(f"<pre><code>{escape(text, quote=False)}</code></pre>")

    def loose(html_text: str) -> str:
        plain = unescape(re.sub(r"<[^>]+>", "|", html_text))
        # the one addition allowed: a no-break space inside guillemets that had none
        return re.sub(r" ?([«»]) ?", r"\1", " ".join(plain.replace("\u2019", "'").split()))

    assert loose(out) == loose(page)
