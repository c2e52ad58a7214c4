"""What to tell an editor about a YAML mistake: the line where it was made and its likely cause.

libyaml notices most mistakes a line or more after they were made, and names them in its own
terms: these helpers read the text around its mark to find the line and the usual slip behind it
(a Word bullet, a missing « - », a quote left open…), each with its French message.
"""

from __future__ import annotations

import re

import yaml
from yaml.error import Mark


try:  # libyaml is what makes a 10,000-card handbook load in seconds.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Where YAML ends a line: its line numbers count a lone CR too."""


def _forbidden_character(character: str) -> str:
    if "\ue000" <= character <= "\uf8ff" or character >= "\U000f0000":
        return (f"caractère à usage privé interdit (U+{ord(character):04X}) : il ne s'affiche pas "
                "pareil sur tous les appareils et le guide s'en sert en interne. Supprimez-le.")
    return (f"caractère invisible ou de contrôle interdit (U+{ord(character):04X}). Supprimez-le : il vient "
            "souvent d'un copier-coller depuis un traitement de texte ou un PDF.")


def _char_at(text: str, line: int, column: int) -> str:
    lines = YAML_LINE_BREAK.split(text)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _after_closing_quote(text: str, line: int, column: int) -> bool:
    """``title: 'L'animateur'``: the apostrophe closed the text and YAML stumbles on what follows."""
    lines = YAML_LINE_BREAK.split(text)
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
    lines = YAML_LINE_BREAK.split(text)
    current = lines[number] if number < len(lines) else ""
    stripped = current.lstrip(" ")
    column = len(current) - len(stripped) + 1
    above = next((index for index in range(number - 1, -1, -1)
                  if lines[index].strip() and not lines[index].lstrip().startswith("#")), None)
    previous = lines[above] if above is not None else ""
    previous_stripped = previous.lstrip(" ")
    previous_indent = len(previous) - len(previous_stripped)
    if stripped and stripped[0] in _WORD_BULLETS:
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
    lines = YAML_LINE_BREAK.split(text)
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
