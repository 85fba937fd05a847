"""Two versions of the site on the same pages, interleaved: figures for a change, not a test.

    git worktree add /tmp/before <commit>
    .venv/bin/python -m bench.compare \\
        --before /tmp/before postgres://postgres@127.0.0.1:5432/site_perf_100k \\
        --after . postgres://postgres@127.0.0.1:5432/cards_100k --rounds 3 / /meetings/

Each round times every page once per version, before then after, each in a fresh process
(bench.settings, DEBUG off, the cache emptied before every request, as `make bench` does);
a shared, noisy machine drifts between runs, so only versions timed side by side compare.
The databases may differ where a version needs its own migrations; their rows should be
the same archive.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

PYTHON = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"

# Run inside each process: one page, `count` times after a warm-up, median in ms on stdout.
TIMER = """
import os, statistics, sys, time
sys.path.insert(0, os.getcwd())
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
import django
django.setup()
from django.core.cache import cache
from django.test import Client
client, path, count = Client(), sys.argv[1], int(sys.argv[2])
def get():
    cache.clear()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
for _ in range(3):
    get()
times = []
for _ in range(count):
    start = time.perf_counter()
    get()
    times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000)
"""


def median_ms(root: str, database: str, path: str, count: int) -> float:
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_DEBUG": "0"}
    result = subprocess.run(
        [str(PYTHON), "-c", TIMER, path, str(count)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", nargs=2, metavar=("ROOT", "DATABASE_URL"), required=True)
    parser.add_argument("--after", nargs=2, metavar=("ROOT", "DATABASE_URL"), required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    times = {path: ([], []) for path in args.paths}
    for _ in range(args.rounds):
        for path in args.paths:
            for side, (root, database) in enumerate((args.before, args.after)):
                times[path][side].append(median_ms(root, database, path, args.requests))
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| page | before, ms | after, ms | rounds (before/after) |")
    print("| --- | --- | --- | --- |")
    for path, (before, after) in times.items():
        rounds = " ".join(f"{b:.1f}/{a:.1f}" for b, a in zip(before, after, strict=True))
        print(
            f"| `{path}` | {statistics.median(before):.1f} | {statistics.median(after):.1f}"
            f" | {rounds} |"
        )


if __name__ == "__main__":
    sys.exit(main())
