"""Text folding shared by search, admin look-ups and tag suggestions, and HTML read as text."""

import re
import unicodedata
from html import unescape

import nh3

# Letters that Unicode decomposition leaves alone but readers type in ASCII.
# Azerbaijani ə and Turkish dotless ı matter most here: "Həsənov" is searched as "Hasanov".
_SPECIAL = str.maketrans(
    {
        "ə": "a",
        "Ə": "a",
        "ı": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "’": "'",
        "‘": "'",
    }
)
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form of text: 'Yaşar Güler' -> 'yasar guler', 'Həsənov' -> 'hasanov'."""
    if not text:
        return ""
    if text.isascii():
        # Most article text is plain ASCII: skip decomposition, which dominates bulk imports.
        return _SPACES.sub(" ", text.lower()).strip()
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, a blank line per paragraph.

    '<p>A &amp; B</p><p>C</p>' -> 'A & B\n\nC'. The one way the project reads HTML as text
    (search, highlighting, tag suggestions, ninjs, page descriptions).
    """
    if not markup:
        return ""
    spaced = markup.replace("</p>", "</p>\n\n").replace("<br>", "\n")
    text = unescape(nh3.clean(spaced, tags=set()))
    return _BLANK_LINES.sub("\n\n", text).strip()
