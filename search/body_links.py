"""An article's body as readers get it: the first mention of each tagged official,
organisation and exhibition links to its page.

Only what editors tagged is linked (a name the text happens to contain is a suggestion for the
admin, not a link), and each once, at its first mention, as newspapers do. Mentions are found
with the tag suggester's matcher, so 'Zakir Hasanov' or 'ADEX' find their targets as search does.
"""

import re

from django.utils.html import escape

from search.linking import (
    EXHIBITION,
    ORGANISATION,
    PERSON,
    SAME_CASE,
    NameMatcher,
    Target,
)

# The body is stored HTML: its tags, and the text between them.
_TAG = re.compile(r"(<[^>]*>)")
_A_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)


def _entries(*, people, organisations, exhibitions) -> tuple[list[tuple], dict[Target, str]]:
    entries, urls = [], {}
    for person in people:
        target = Target(PERSON, person.pk, person.name)
        urls[target] = person.get_absolute_url()
        entries.append((person.name, target))
        entries += [(alias.name, target) for alias in person.aliases.all()]
    for organisation in organisations:
        target = Target(ORGANISATION, organisation.pk, organisation.name)
        urls[target] = organisation.get_absolute_url()
        entries.append((organisation.name, target))
        entries += [(alias.name, target) for alias in organisation.aliases.all()]
        if organisation.acronym:
            entries.append((organisation.acronym, target, SAME_CASE))
    for exhibition in exhibitions:
        target = Target(EXHIBITION, exhibition.pk, exhibition.name)
        urls[target] = exhibition.get_absolute_url()
        entries.append((exhibition.name, target))
        # The body names the exhibition by its series more often than by its edition.
        entries.append((exhibition.series.name, target))
        if exhibition.series.acronym:
            entries.append((exhibition.series.acronym, target, SAME_CASE))
    return entries, urls


def link_first_mentions(html: str, *, people, organisations, exhibitions) -> str:
    """The body with the first mention of each tagged person, organisation and exhibition
    linked to its page; text already inside a link is left alone."""
    entries, urls = _entries(people=people, organisations=organisations, exhibitions=exhibitions)
    if not entries or not html:
        return html
    matcher = NameMatcher(entries)
    linked: set[Target] = set()
    parts = _TAG.split(html)
    in_link = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if _A_OPEN.match(part):
                in_link += 1
            elif _A_CLOSE.match(part):
                in_link = max(0, in_link - 1)
            continue
        if in_link or not part.strip():
            continue
        parts[index] = _link_segment(part, matcher, urls, linked)
    return "".join(parts)


def _link_segment(text: str, matcher: NameMatcher, urls: dict, linked: set) -> str:
    """One run of text between tags, with the mentions not linked before now linked."""
    spans = []
    for found in matcher.find(text):
        if found.target in linked:
            continue
        start = _find_words(text, found.matched, spans)
        if start is None:
            continue
        linked.add(found.target)
        spans.append((start, start + len(found.matched), urls[found.target]))
    for start, end, url in sorted(spans, reverse=True):
        text = f'{text[:start]}<a href="{escape(url)}">{text[start:end]}</a>{text[end:]}'
    return text


def _find_words(text: str, words: str, taken: list[tuple[int, int, str]]) -> int | None:
    """Where words first stand on their own in text, outside the spans already linked."""
    for match in re.finditer(re.escape(words), text):
        start, end = match.span()
        if start and text[start - 1].isalnum() or end < len(text) and text[end].isalnum():
            continue
        if any(start < other_end and other_start < end for other_start, other_end, _ in taken):
            continue
        return start
    return None
