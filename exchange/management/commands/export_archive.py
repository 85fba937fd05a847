import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from exchange.archive import count_rows, export_lines
from partners.sync import parse_instant


class Command(BaseCommand):
    help = (
        "Write the archive as NDJSON: every published object, or with --all everything "
        "including drafts and history (a backup). Streams in constant memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only rows changed after this ISO 8601 time.")
        parser.add_argument(
            "--all", action="store_true", help="Drafts, history and editors too (backups)."
        )
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, since, all, output, **options):
        since_at = None
        if since:
            since_at = parse_instant(since)
            if since_at is None:
                raise CommandError("--since needs an ISO 8601 time, e.g. 2024-09-24T00:00:00Z.")
        scope = "all" if all else "published"
        # A progress bar only for a person watching a terminal, never inside a pipe or a log.
        show_progress = sys.stderr.isatty()
        total = count_rows(scope, since_at) + 2 if show_progress else None
        out = open(output, "wb") if output else sys.stdout.buffer
        try:
            with tqdm(total=total, disable=not show_progress, unit="rows", file=sys.stderr) as bar:
                for line in export_lines(scope=scope, since=since_at):
                    out.write(line)
                    bar.update()
        finally:
            if output:
                out.close()
            else:
                out.flush()
