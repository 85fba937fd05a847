from django.core.management.base import BaseCommand, CommandError

from exchange.archive import ArchiveError, import_lines


class Command(BaseCommand):
    help = (
        "Load a file written by export_archive into an empty database. All or nothing: a "
        "malformed or truncated file is refused, naming the line, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as stream:
                written = import_lines(stream)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        except ArchiveError as exc:
            raise CommandError(f"{file}: {exc} Nothing was imported.") from None
        self.stdout.write(f"Imported {written} rows from {file}.")
