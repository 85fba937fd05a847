"""Text folding shared by search, admin look-ups and tag suggestions."""

import re
import unicodedata

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
