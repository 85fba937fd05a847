"""Render and store every public object's partner document; append what changed to the log."""

from django.core.management.base import BaseCommand, CommandError

from core import changes, fragments


class Command(BaseCommand):
    help = (
        "Render every public object's partner document and log what changed, then render the "
        "stored parts of the public pages (core.fragments) again: for a new database, after a "
        "restore, a bulk load or a deploy. Running it again changes nothing. Give kinds to do "
        "only those: a document kind (article, meeting, ...) renders its documents and the "
        "parts of the same name; a page kind (article_page, meeting_page) only its parts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", help="Only these kinds (article, meeting, article_page, ...)."
        )

    def handle(self, *args, kinds, **options):
        documents, parts = changes.document_kinds(), fragments.kinds()
        if unknown := set(kinds) - set(documents) - set(parts):
            known = ", ".join(sorted({*documents, *parts}))
            raise CommandError(f"Unknown kinds: {', '.join(sorted(unknown))}. Known: {known}.")
        if not kinds or (chosen := [kind for kind in kinds if kind in documents]):
            with fragments.inline():
                appended = changes.publish_all(chosen if kinds else None)
            self.stdout.write(f"{appended} documents changed.")
        for kind in parts:
            if not kinds or kind in kinds:
                fragments.refresh_all(kind)
                self.stdout.write(f"Stored page parts of kind {kind} brought up to date.")
