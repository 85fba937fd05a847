import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core import changes
from exchange.archive import count_rows, export_lines
from exchange.documents import count_documents, document_lines
from partners.sync import parse_instant


class Command(BaseCommand):
    help = (
        "Write the archive as NDJSON: every published object's partner document (articles as "
        "ninjs 2.2), or with --all every row including drafts, history and partners (a "
        "backup). Streams in constant memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only what changed after this ISO 8601 time.")
        parser.add_argument(
            "--kind",
            action="append",
            choices=sorted(changes.document_kinds()),
            help="Published export: only documents of this kind (repeatable).",
        )
        parser.add_argument(
            "--all", action="store_true", help="Every row: drafts, history, partners (backups)."
        )
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, since, all, output, kind, **options):
        if kind and all:
            raise CommandError("--kind selects documents of the published export, not --all.")
        since_at = None
        if since:
            since_at = parse_instant(since)
            if since_at is None:
                raise CommandError("--since needs an ISO 8601 time, e.g. 2024-09-24T00:00:00Z.")
        scope = "all" if all else "published"
        # A progress bar only for a person watching a terminal, never inside a pipe or a log.
        show_progress = sys.stderr.isatty()
        if kind:
            lines, total = document_lines(kinds=kind, since=since_at), None
            if show_progress:
                total = count_documents(kinds=kind, since=since_at)
        else:
            lines = export_lines(scope=scope, since=since_at)
            total = None
            if show_progress:
                total = count_rows(scope, since_at) + (2 if all else 0)
        out = open(output, "wb") if output else sys.stdout.buffer
        try:
            with tqdm(total=total, disable=not show_progress, unit="rows", file=sys.stderr) as bar:
                for line in lines:
                    out.write(line)
                    bar.update()
        finally:
            if output:
                out.close()
            else:
                out.flush()
