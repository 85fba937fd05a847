"""Peak memory of `export_archive` for archives of different sizes.

    .venv/bin/python bench/export_memory.py 1000 20000

For each size: a fresh SQLite database in a temporary folder (or the PostgreSQL database
that BENCH_DATABASE_URL names, dropped and created again), migrated and filled by
`generate_archive`; then a separate process exports it (published, then --all) to /dev/null
and reports the Python heap peak (tracemalloc) and the process's maximum resident set size.
Flat figures mean the export streams; growing ones mean something holds the whole archive.
"""

import json
import os
import subprocess
import sys
import tempfile
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


def run(args, env):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True)


def measure(articles: int, folder: Path) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings")
    base = os.environ.get("BENCH_DATABASE_URL")
    if base:
        # The one database named there, dropped and filled afresh for each size.
        server, name = base.rsplit("/", 1)
        env["DATABASE_URL"] = base
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / f'bench_{articles}.sqlite3'}"
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([PYTHON, "manage.py", "generate_archive", "--articles", str(articles)], env)
    result = {"articles": articles}
    for scope in ("published", "all"):
        out = run([PYTHON, "-c", MEASURE, scope], env).stdout.strip().splitlines()[-1]
        result[scope] = json.loads(out)
    return result


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for articles in sizes:
            print(json.dumps(measure(articles, Path(folder))), flush=True)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1_000, 20_000])
