"""Folded text that remembers where each character came from.

Highlighting and tag suggestions match on folded text ('yasar guler') but must point back at
the words as written ('Yaşar Güler'); folding one character at a time keeps that map.
"""

from functools import lru_cache

from core.text import fold


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    return fold(ch)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """fold(text) plus, for each folded character, the index of the character it came from."""
    if text.isascii() and " ".join(text.split()) == text:
        # ASCII words with single spaces between them (a search snippet's text, mostly) fold
        # to their lower case, character for character; the loop below costs ~100 times more.
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    offsets: list[int] = []
    after_space = True  # drops leading whitespace and collapses runs, as fold() does
    for index, ch in enumerate(text):
        if ch.isspace():
            if not after_space:
                out.append(" ")
                offsets.append(index)
                after_space = True
            continue
        folded = _fold_char(ch)
        for piece in folded:
            out.append(piece)
            offsets.append(index)
        if folded:
            after_space = False
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of the original text that folded characters [start, end) came from."""
    return offsets[start], offsets[end - 1] + 1
