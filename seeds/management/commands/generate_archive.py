import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from seeds.bulk import vacuum
from seeds.synthetic import LOADED_MODELS, generate_archive, synthetic_archive_exists


class Command(BaseCommand):
    help = "Insert a deterministic synthetic archive of N articles (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same archive.")

    def handle(self, *args, articles, seed, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if synthetic_archive_exists(f"g{seed}-"):
            raise CommandError(
                f"A synthetic archive with seed {seed} is already in this database; "
                "use another --seed or an empty database."
            )
        with tqdm(
            total=articles, unit="article", disable=not sys.stderr.isatty(), file=sys.stderr
        ) as bar:
            counts = generate_archive(articles=articles, seed=seed, progress=bar.update)
        vacuum(connection, LOADED_MODELS)
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()))
