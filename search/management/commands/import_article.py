"""manage.py import_article FILE [--json] [--date YYYY-MM-DD]: a plain-text story as a draft."""

import argparse
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.importing import (
    StoryError,
    decode,
    import_story,
    meeting_date_offered,
    parse_story,
    story_date,
    suggestions_by_kind,
)


class Command(BaseCommand):
    help = (
        "Import a plain-text story (headline on the first line, paragraphs separated by blank "
        "lines, an optional dateline such as 'BAKU—') as a draft article. The people, "
        "organisations, exhibitions and countries its text names are attached as suggestions "
        "for an editor to accept in the admin; nothing is tagged by itself. The story's "
        "date comes from --date or its dateline; a weekday it names ('on Tuesday') is "
        "offered as the meeting date."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of a UTF-8 text file.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument(
            "--date",
            type=_iso_date,
            help="The story's date (YYYY-MM-DD), when its dateline gives none or no year; "
            "picks e.g. which ADEX 'ADEX' means.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        try:
            story = parse_story(decode(data))
        except StoryError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        try:
            on = options["date"] or story_date(story)
        except StoryError as error:
            raise CommandError(
                f"{path}: {error}. Give the story's date with --date YYYY-MM-DD. "
                "Nothing was imported."
            ) from None
        article, suggestions = import_story(story, dateline_date=on)
        found = suggestions_by_kind(suggestions)
        offered = meeting_date_offered(" ".join(story.paragraphs), on=on)
        if options["json"]:
            payload = {
                "article": {
                    "id": article.pk,
                    "headline": article.headline,
                    "slug": article.slug,
                    "status": article.status,
                    "dateline": article.dateline_place,
                    "dateline_date": article.dateline_date.isoformat()
                    if article.dateline_date
                    else None,
                    "paragraphs": len(story.paragraphs),
                },
                "suggestions": found,
                "meeting_date": {
                    "date": offered.on.isoformat(),
                    "precision": "inferred",
                    "from": offered.phrase,
                }
                if offered
                else None,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Draft article {article.pk}: {article.headline}")
        for kind, items in found.items():
            if items:
                names = ", ".join(item["name"] for item in items)
                self.stdout.write(f"  suggested {kind}: {names}")
        if offered:
            self.stdout.write(
                f"  meeting date offered: {offered.on:%A} {offered.on.isoformat()} "
                f"(inferred from “{offered.phrase}”)"
            )
        self.stdout.write("Accept or dismiss the suggestions on the article's admin page.")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-09-24") from None
