"""Render and store every public object's partner document; append what changed to the log."""

from django.core.management.base import BaseCommand

from core import changes, fragments


class Command(BaseCommand):
    help = (
        "Render every public object's partner document and log what changed, then render the "
        "stored parts of the public pages (core.fragments) again: for a new database, after a "
        "restore, a bulk load or a deploy. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Only these kinds (article, meeting, ...).")

    def handle(self, *args, kinds, **options):
        known = changes.document_kinds()
        if unknown := set(kinds) - set(known):
            self.stderr.write(f"Unknown kinds: {', '.join(sorted(unknown))}")
            raise SystemExit(2)
        with fragments.inline():
            appended = changes.publish_all(kinds or None)
        self.stdout.write(f"{appended} documents changed.")
        for kind in fragments.kinds():
            if not kinds or kind in kinds:
                fragments.refresh_all(kind)
                self.stdout.write(f"Page parts of every public {kind} rendered again.")
