"""Tag suggestions: which known people, organisations, exhibitions and countries a text names.

Every name and alias is folded (case and diacritics ignored) into one Aho-Corasick automaton,
so a story is scanned once whatever the number of names. A match counts only on word
boundaries, so an acronym inside a longer word ('APA' in 'capacity') is not a mention.
"""

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import ahocorasick
from django_countries import countries

from core.cache import content_version
from core.text import fold
from search.folding import fold_with_offsets, original_span

PERSON = "person"
ORGANISATION = "organisation"
EXHIBITION = "exhibition"
COUNTRY = "country"
# A series name ('ADEX') stands for one of its editions, chosen by the story's date.
SERIES = "series"

# Readers' and agencies' names for countries beside the official ones django-countries knows.
# Only unambiguous words: 'US' is left out because it would match the pronoun.
COUNTRY_ALTERNATIVES = {
    "AZ": ["Azerbaijani", "Azeri", "Azərbaycan", "Republic of Azerbaijan"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Turkish", "Republic of Turkey", "Republic of Türkiye"],
    "RU": ["Russia", "Russian", "Russian Federation"],
    "GE": ["Georgian"],
    "AM": ["Armenian"],
    "IR": ["Iran", "Iranian"],
    "PK": ["Pakistani"],
    "IL": ["Israeli"],
    "UA": ["Ukrainian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "UZ": ["Uzbek"],
    "TM": ["Turkmen"],
    "GB": ["United Kingdom", "Britain", "British"],
    "US": ["United States", "United States of America"],
}

# American and British spellings of the same word have the same length, so they can be made
# one before matching without moving any offsets: 'Defense Exhibition' finds 'Defence Exhibition'.
_SPELLINGS = {"defense": "defence", "organiz": "organis", "center": "centre"}
_SPELLING_RE = re.compile("|".join(_SPELLINGS))


def _normalise(folded: str) -> str:
    return _SPELLING_RE.sub(lambda m: _SPELLINGS[m.group(0)], folded)


@dataclass(frozen=True)
class Target:
    kind: str
    key: int | str  # a primary key, or a country code
    name: str


@dataclass(frozen=True)
class Found:
    target: Target
    matched: str  # the words as the text writes them


@dataclass(frozen=True)
class Edition:
    start_date: date
    target: Target


# How a pattern must be written in the text, beyond folding to the same letters.
ANY = ""
# An acronym counts only in its own capitals: 'APA' the agency, not 'apa' in a quotation.
SAME_CASE = "same-case"
# A surname alone counts only capitalised, as a name is written: 'Bay' the minister, not 'bay'.
CAPITALISED = "capitalised"


@dataclass(frozen=True)
class Pattern:
    target: Target
    rule: str = ANY
    written: str = ""  # the acronym as spelled, for SAME_CASE

    def accepts(self, words: str) -> bool:
        if self.rule == SAME_CASE:
            return words == self.written
        if self.rule == CAPITALISED:
            return words[:1].isupper()
        return True


class NameMatcher:
    """Finds known names in text; built once from (name, target[, rule]) entries, then reused."""

    def __init__(
        self,
        entries: Iterable[tuple],
        editions: dict[int, list[Edition]] | None = None,
    ):
        patterns: dict[str, dict[Pattern, None]] = {}
        for name, target, *rule in entries:
            name = (name or "").strip()
            # Keys fold as the text will (letter by letter); fold() is the quick equivalent
            # for plain ASCII, most of 10,000 names.
            key = _normalise(fold(name) if name.isascii() else fold_with_offsets(name)[0])
            # One letter or digit would match all over any text.
            if len(key) >= 2:
                pattern = Pattern(target, rule[0], name) if rule else Pattern(target)
                patterns.setdefault(key, {})[pattern] = None
        self._automaton = ahocorasick.Automaton()
        for key, found in patterns.items():
            self._automaton.add_word(key, (len(key), tuple(found)))
        if patterns:
            self._automaton.make_automaton()
        self._empty = not patterns
        self.names = list(patterns)
        self.editions = editions or {}

    def find(self, text: str, *, on: date | None = None) -> list[Found]:
        """Known names in text, in order of first mention, each target once."""
        if self._empty or not text:
            return []
        folded, offsets = fold_with_offsets(text)
        folded = _normalise(folded)
        hits = []
        for start, end, patterns in self._hits(folded):
            lo, hi = original_span(offsets, start, end)
            targets = tuple(dict.fromkeys(p.target for p in patterns if p.accepts(text[lo:hi])))
            if targets:
                hits.append((start, end, targets))
        found: dict[Target, Found] = {}
        for start, end, targets in _outermost(hits):
            lo, hi = original_span(offsets, start, end)
            for target in targets:
                resolved = self._resolve(target, on)
                if resolved is not None and resolved not in found:
                    found[resolved] = Found(resolved, text[lo:hi])
        return list(found.values())

    def _hits(self, folded: str) -> Iterator[tuple[int, int, tuple[Pattern, ...]]]:
        last = len(folded) - 1
        for end, (length, patterns) in self._automaton.iter(folded):
            start = end - length + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < last and folded[end + 1].isalnum():
                continue
            yield start, end + 1, patterns

    def _resolve(self, target: Target, on: date | None) -> Target | None:
        if target.kind != SERIES:
            return target
        editions = self.editions.get(target.key, [])
        if not editions:
            return None
        if on is not None:
            same_year = [e for e in editions if e.start_date.year == on.year]
            if same_year:
                return same_year[0].target
        return max(editions, key=lambda e: e.start_date).target


def _family(kind: str) -> str:
    return EXHIBITION if kind == SERIES else kind


def _outermost(hits: list[tuple[int, int, tuple[Target, ...]]]):
    """Drop a hit lying inside a longer one of the same kind, or inside a person's name.

    'Ministry of Defence' inside 'Ministry of Defence Industry' is part of the longer name, and
    'Chad' inside the name 'Chad Smith' is not the country. A country inside an organisation's
    name ('... of the Republic of Azerbaijan') is still a mention of that country.
    """
    kept = []
    for start, end, targets in hits:
        kinds = {_family(t.kind) for t in targets}
        covered = False
        for other_start, other_end, other_targets in hits:
            if (other_start, other_end) == (start, end):
                continue
            if not (other_start <= start and end <= other_end):
                continue
            other_kinds = {_family(t.kind) for t in other_targets}
            if PERSON in other_kinds or kinds & other_kinds:
                covered = True
                break
        if not covered:
            kept.append((start, end, targets))
    return kept


def known_names() -> tuple[list[tuple[str, Target]], dict[int, list[Edition]]]:
    """Every name and alias in the database, as (name, target) pairs, and exhibition editions."""
    from events.models import Exhibition, ExhibitionSeries
    from people.models import Organisation, OrganisationAlias, Person, PersonAlias

    entries: list[tuple] = []
    people = {pk: Target(PERSON, pk, name) for pk, name in Person.objects.values_list("pk", "name")}
    entries += [(t.name, t) for t in people.values()]
    for person_id, alias in PersonAlias.objects.values_list("person_id", "name"):
        if person_id in people:
            entries.append((alias, people[person_id]))
    # Stories name an official in full once, then by surname ('Colonel General Hasanov').
    entries += [
        (surname, target, CAPITALISED)
        for name, target in list(entries)
        if (surname := _surname(name))
    ]

    organisations = {}
    for pk, name, acronym in Organisation.objects.values_list("pk", "name", "acronym"):
        organisations[pk] = target = Target(ORGANISATION, pk, name)
        entries += [(name, target), *_acronym(acronym, target)]
    for organisation_id, alias in OrganisationAlias.objects.values_list("organisation_id", "name"):
        if organisation_id in organisations:
            entries.append((alias, organisations[organisation_id]))

    editions: dict[int, list[Edition]] = {}
    for pk, name, series_id, start in Exhibition.objects.values_list(
        "pk", "name", "series_id", "start_date"
    ):
        target = Target(EXHIBITION, pk, name)
        entries.append((name, target))
        editions.setdefault(series_id, []).append(Edition(start, target))
    for pk, name, acronym in ExhibitionSeries.objects.values_list("pk", "name", "acronym"):
        target = Target(SERIES, pk, name)
        entries += [(name, target), *_acronym(acronym, target)]

    entries += country_names()
    return entries, editions


def _surname(name: str) -> str:
    """The last word of a full name, if it is long enough to stand alone ('Güler', not 'Li')."""
    words = (name or "").split()
    return words[-1] if len(words) > 1 and len(words[-1]) >= 4 else ""


def _acronym(acronym: str, target: Target) -> list[tuple]:
    return [(acronym, target, SAME_CASE)] if acronym else []


def country_names() -> list[tuple[str, Target]]:
    entries = []
    for code, name in countries:
        target = Target(COUNTRY, code, str(name))
        entries.append((str(name), target))
        entries += [(alt, target) for alt in COUNTRY_ALTERNATIVES.get(code, [])]
    return entries


# The matcher is rebuilt when the archive's content version changes (core.cache: raised when
# any change is published, names included, in any process) and at least every MAX_AGE seconds.
MAX_AGE = 600
_built: dict = {"version": None, "at": 0.0, "matcher": None}


def name_matcher() -> NameMatcher:
    version = content_version()
    fresh = time.monotonic() - _built["at"] < MAX_AGE
    if _built["matcher"] is None or _built["version"] != version or not fresh:
        entries, editions = known_names()
        _built.update(version=version, at=time.monotonic(), matcher=NameMatcher(entries, editions))
    return _built["matcher"]


def suggest(text: str, *, on: date | None = None) -> list[Found]:
    """Known people, organisations, exhibitions and countries that text mentions."""
    return name_matcher().find(text, on=on)


# Unknown names: a rank or honorific followed by two or three capitalised words is a person's
# name as reporting writes it ('General Metin Gürak'); one the archive cannot match is offered
# to the editor to record.
_RANKS = (
    "Colonel General|Lieutenant General|Major General|Brigadier General|Lieutenant Colonel|"
    "Rear Admiral|Vice Admiral|General|Admiral|Colonel|Major|Captain|Ambassador|"
    "Mr\\.|Mrs\\.|Ms\\.|Dr\\."
)
_RANKED_NAME = re.compile(rf"\b(?P<rank>{_RANKS})\s+(?=(?P<rest>[^\n]{{1,80}}))")
# Capitalised words that name institutions or posts, never a person.
_NOT_NAMES = {
    "army",
    "armed",
    "assembly",
    "command",
    "defence",
    "defense",
    "directorate",
    "forces",
    "general",
    "ministry",
    "minister",
    "republic",
    "secretary",
    "staff",
    "the",
}


@dataclass(frozen=True)
class UnknownName:
    rank: str
    name: str


def unknown_names(text: str) -> list[UnknownName]:
    """Ranked names in text ('General Metin Gürak') that match no known person in full."""
    matcher = name_matcher()
    found: dict[str, UnknownName] = {}
    for match in _RANKED_NAME.finditer(text):
        words = []
        for word in match["rest"].split():
            bare = word.strip(",.;:()“”\"'’")
            if not bare[:1].isupper() or not bare.replace("-", "").isalpha():
                break
            if bare.lower() in _NOT_NAMES:
                words = []
                break
            words.append(bare)
            if len(words) == 3 or bare != word:  # punctuation ends the name
                break
        if len(words) < 2:
            continue
        name = " ".join(words)
        known = any(
            f.target.kind == PERSON and fold(f.matched) == fold(name) for f in matcher.find(name)
        )
        if not known and fold(name) not in found:
            found[fold(name)] = UnknownName(rank=match["rank"], name=name)
    return list(found.values())
