"""Highlighted text for search results: everything escaped first, then matches marked.

Editors' text never reaches the page unescaped; only the <mark> and <span> wrappers built here
are trusted markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import html_to_text
from search.folding import fold_with_offsets, original_span


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the words in text that start with a term, ignoring case and diacritics."""
    if not text or not terms:
        return []
    folded, offsets = fold_with_offsets(text)
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*")
    return [original_span(offsets, m.start(), m.end()) for m in pattern.finditer(folded)]


def highlight(text: str, terms: list[str]) -> SafeString:
    """text escaped, with every word matching a term wrapped in <mark>."""
    text = text or ""
    pieces, position = [], 0
    for start, end in match_spans(text, terms):
        pieces += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(str(p) for p in pieces))


def snippet(markup: str, terms: list[str], length: int = 240) -> SafeString:
    """About `length` characters of the text around its first match, highlighted."""
    text = " ".join(html_to_text(markup).split())
    if len(text) <= length:
        return highlight(text, terms)
    spans = match_spans(text, terms)
    start = max(0, spans[0][0] - length // 3) if spans else 0
    if start:
        # Begin on a word, not in the middle of one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], terms) + suffix)
