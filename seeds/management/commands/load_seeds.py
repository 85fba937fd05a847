from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from seeds.loader import SeedError, load_seeds


class Command(BaseCommand):
    help = "Load the seed stories in seeds/data/ (safe to run again: nothing changes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", type=Path, help="Seed files to load (default: seeds/data/*.json)."
        )

    def handle(self, *args, files, **options):
        try:
            report = load_seeds(paths=files or None)
        except (SeedError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
