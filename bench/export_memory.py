"""Peak memory of `export_archive` for archives of different sizes.

    .venv/bin/python bench/export_memory.py 1000 20000

For each size: the PostgreSQL database that BENCH_DATABASE_URL names (default: archive_export_bench
on the embedded server of `make pg-start`), dropped and created again, migrated and filled by
`generate_archive`; then a separate process exports it (published, then --all) to /dev/null
and reports the Python heap peak (tracemalloc) and the process's maximum resident set size.
Flat figures mean the export streams; growing ones mean something holds the whole archive.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

MEASURE = """
import resource, sys, time, tracemalloc
import django
django.setup()
from exchange.archive import export_lines
tracemalloc.start()
start = time.perf_counter()
lines = 0
with open("/dev/null", "wb") as out:
    for line in export_lines(scope=sys.argv[1]):
        out.write(line)
        lines += 1
_, peak = tracemalloc.get_traced_memory()
import json
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"lines": lines, "heap_peak_mib": round(peak / 2**20, 2),
                  "max_rss_mib": round(rss, 1), "seconds": round(time.perf_counter() - start, 1)}))
"""


ADMIN = """
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute(sys.argv[2])
"""


def default_url() -> str:
    port_file = ROOT / ".pgdata" / "port"
    port = port_file.read_text().strip() if port_file.exists() else "54329"
    return f"postgres://postgres@127.0.0.1:{port}/archive_export_bench"


def run(args, env):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True)


def measure(articles: int) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    base = os.environ.get("BENCH_DATABASE_URL") or default_url()
    # The one database named there, dropped and filled afresh for each size.
    server, name = base.rsplit("/", 1)
    env["DATABASE_URL"] = base
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        run([PYTHON, "-c", ADMIN, f"{server}/postgres", sql], env)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([PYTHON, "manage.py", "generate_archive", "--articles", str(articles)], env)
    result = {"articles": articles}
    for scope in ("published", "all"):
        out = run([PYTHON, "-c", MEASURE, scope], env).stdout.strip().splitlines()[-1]
        result[scope] = json.loads(out)
    return result


def main(sizes: list[int]) -> None:
    for articles in sizes:
        print(json.dumps(measure(articles)), flush=True)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1_000, 20_000])
