"""Plain-text stories into draft articles: headline, dateline, paragraphs, page furniture dropped.

The shape is a wire or web copy pasted into a file: the headline on the first line, then
paragraphs separated by blank lines, the first opening with a dateline ('BAKU—'), and
sometimes the site's navigation left at the end ('Back To Top').
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from articles.models import Article, ArticleStatus
from articles.services import article_save
from search.dating import InferredDate, MissingDate, dateline_date, weekday_date
from search.models import TagSuggestion
from search.services import tag_suggestions_refresh


class StoryError(ValueError):
    """The file is not a story this importer can read; the message says why."""


# An upper-case place, perhaps a date after a comma ('BAKU, Sept. 24, 2024'), then an em or
# en dash, two hyphens, or a hyphen between spaces.
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+)*)"
    r"(?:,\s*(?P<when>[^—–\n]{1,40}?))?\s*(?:—|–|--| - )\s*"
)
# The story's first words carry the date when the dateline does not: 'BAKU—On September 24,'.
_OPENING_DATE = re.compile(r"^(?:on\s+)?(?:\d|[a-z]{3,9}\.?\s+\d)", re.IGNORECASE)
# Page furniture that trails pasted web copy: navigation, sharing, ads.
FURNITURE = {
    "back to top",
    "top",
    "share",
    "share this",
    "share this article",
    "print",
    "print this article",
    "email",
    "advertisement",
    "related",
    "related articles",
    "read more",
    "comments",
    "tags",
    "follow us",
    "subscribe",
}
MAX_BYTES = 1_000_000


@dataclass
class Story:
    headline: str
    paragraphs: list[str]
    dateline_place: str = ""
    # The dateline's words about the date, and the story's opening words when they give one.
    dateline_text: str = ""
    dropped: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 text of a file, or StoryError for an empty, binary or differently encoded one."""
    if not data.strip():
        raise StoryError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise StoryError(f"The file is larger than {MAX_BYTES:,} bytes; a story is not.")
    if b"\x00" in data:
        raise StoryError("The file is binary, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryError(
            f"The file is not UTF-8 text (byte {error.start} cannot be read); "
            "save it as UTF-8 and try again."
        ) from None
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        raise StoryError("The file holds control characters: it is binary, not text.")
    return text


def _is_furniture(paragraph: str) -> bool:
    return paragraph.strip(" .:|>»›↑").lower() in FURNITURE


def parse_story(text: str) -> Story:
    """Headline, dateline and paragraphs of a plain-text story."""
    if not text.strip():
        raise StoryError("The file holds no text.")
    first_lines = text.strip().splitlines()
    headline = first_lines[0].strip()
    # The headline is the first line even when no blank line follows it.
    rest = text.strip()[len(first_lines[0]) :]
    paragraphs = [
        " ".join(line.strip() for line in block.splitlines() if line.strip())
        for block in re.split(r"\n\s*\n", rest.replace("\r\n", "\n").replace("\r", "\n"))
    ]
    paragraphs = [p for p in paragraphs if p]
    dropped = []
    while paragraphs and _is_furniture(paragraphs[-1]):
        dropped.insert(0, paragraphs.pop())
    if not paragraphs:
        raise StoryError("The file has a headline but no story under it.")
    if len(headline) > 255:
        raise StoryError("The first line is over 255 characters: it is not a headline.")
    story = Story(headline=headline, paragraphs=paragraphs, dropped=dropped)
    match = _DATELINE.match(paragraphs[0])
    if match and match.group("place").isupper() and len(match.group("place")) <= 60:
        story.dateline_place = match.group("place").title()
        paragraphs[0] = paragraphs[0][match.end() :]
        opening = paragraphs[0][:40] if _OPENING_DATE.match(paragraphs[0]) else ""
        story.dateline_text = " ".join(filter(None, [match.group("when") or "", opening]))
    return story


def story_date(story: Story) -> date:
    """The date the dateline gives, or StoryError naming what is missing."""
    if not story.dateline_place:
        raise StoryError("The story has no dateline (such as 'BAKU, 24 September 2024—')")
    try:
        return dateline_date(story.dateline_text)
    except MissingDate as missing:
        raise StoryError(str(missing)) from None


def meeting_date_offered(story_text: str, *, on: date | None) -> InferredDate | None:
    """A weekday the story names ('on Tuesday') as a date in the week up to the story's date."""
    return weekday_date(story_text, story_date=on) if on else None


def _unique_slug(headline: str) -> str:
    base = slugify(headline)[:200].strip("-") or "story"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def import_story(story: Story, *, dateline_date: date | None = None) -> tuple[Article, list]:
    """A draft article from the story, with its tag suggestions stored but not applied."""
    article = article_save(
        article=Article(
            headline=story.headline,
            slug=_unique_slug(story.headline),
            dateline_place=story.dateline_place,
            dateline_date=dateline_date,
            body="".join(f"<p>{escape(p)}</p>" for p in story.paragraphs),
            status=ArticleStatus.DRAFT,
        )
    )
    return article, tag_suggestions_refresh(article=article)


def suggestions_by_kind(suggestions: list[TagSuggestion]) -> dict[str, list[dict]]:
    """{'people': [{'id', 'name', 'matched'}], 'organisations': [...], ...} for --json."""
    out: dict[str, list[dict]] = {
        "people": [],
        "organisations": [],
        "exhibitions": [],
        "countries": [],
    }
    plural = {
        "person": "people",
        "organisation": "organisations",
        "exhibition": "exhibitions",
        "country": "countries",
    }
    for s in suggestions:
        key = s.country.code if s.kind == "country" else getattr(s, f"{s.kind}_id")
        out[plural[s.kind]].append({"id": key, "name": s.target_name, "matched": s.matched_text})
    return out
