"""One export run in its own process, for throughput and peak memory.

    .venv/bin/python -m bench.export_run export|floor

`export` streams `export_archive`'s lines (published scope: the stored partner documents) to
/dev/null; `floor` writes the same stored bodies as NDJSON from a plain psycopg server-side
cursor per kind, in the same order. Prints one JSON line: items, seconds, items per second, and
the process's resident memory before and at its peak.
"""

import json
import os
import resource
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402

from core import changes  # noqa: E402
from exchange.archive import export_lines  # noqa: E402


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_export(out) -> int:
    items = 0
    for line in export_lines(scope="published"):
        out.write(line)
        items += 1
    return items


def run_floor(out) -> int:
    dsn = settings.DATABASES["default"]
    items = 0
    with psycopg.connect(
        dbname=dsn["NAME"], host=dsn["HOST"] or None, port=dsn["PORT"] or None, user=dsn["USER"]
    ) as conn:
        for kind in sorted(changes.document_kinds()):
            with conn.cursor(name=f"floor_{kind}") as cursor:
                cursor.itersize = 2000
                cursor.execute(
                    "SELECT body FROM core_document WHERE kind = %s AND public ORDER BY object_id",
                    [kind],
                )
                for (body,) in cursor:
                    out.write(bytes(body) + b"\n")
                    items += 1
    return items


def main(mode: str) -> None:
    before = rss_mib()
    start = time.perf_counter()
    with open(os.devnull, "wb") as out:
        items = run_export(out) if mode == "export" else run_floor(out)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "items": items,
                "seconds": round(seconds, 2),
                "items_per_s": round(items / seconds) if seconds else None,
                "rss_start_mib": round(before, 1),
                "rss_peak_mib": round(rss_mib(), 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
