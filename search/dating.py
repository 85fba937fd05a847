"""Dates in story text: the dateline's date, and a weekday ('on Tuesday') resolved against it.

A dateline gives its date in the forms wire copy uses: 'BAKU, Sept. 24, 2024 —',
'BAKU, 24 September 2024 —', or in the opening words after the dash, 'BAKU—On September 24, 2024,'.
A date without a year cannot be placed, so it is reported as missing, never guessed.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d){_YEAR}", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}{_YEAR}", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_ON_WEEKDAY = re.compile(r"\bon\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


class MissingDate(ValueError):
    """The dateline does not give a whole date; the message names what is missing."""


@dataclass(frozen=True)
class InferredDate:
    on: date
    phrase: str  # as written: 'on Tuesday'


def dateline_date(dateline: str) -> date:
    """The date a dateline (and the words opening the story) gives, or MissingDate saying why."""
    head = dateline[:120]
    iso = _ISO.search(head)
    if iso:
        return _make_date(int(iso["year"]), int(iso["month"]), int(iso["day"]), iso[0])
    match = _MONTH_DAY.search(head) or _DAY_MONTH.search(head)
    if match is None:
        raise MissingDate("The dateline gives no date")
    if not match["year"]:
        raise MissingDate(f"The dateline gives “{match[0].strip()}” but no year")
    return _make_date(
        int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]), match[0]
    )


def _make_date(year: int, month: int, day: int, written: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise MissingDate(f"The dateline's “{written.strip()}” is not a real date") from None


def weekday_date(text: str, *, story_date: date) -> InferredDate | None:
    """The first 'on <weekday>' of text as a date: that weekday in the week up to story_date.

    News copy names the weekday of something that happened in the days before it was filed,
    so 'on Tuesday' in a story dated Thursday 26 September is Tuesday 24 September, and on a
    Tuesday it is that same day.
    """
    match = _ON_WEEKDAY.search(text)
    if match is None:
        return None
    weekday = WEEKDAYS.index(match["weekday"].lower())
    back = (story_date.weekday() - weekday) % 7
    return InferredDate(on=story_date - timedelta(days=back), phrase=match[0])
