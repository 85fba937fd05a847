"""`make bench`: build archives of several sizes on PostgreSQL and measure each one.

    BENCH_SIZES=1000,10000,100000 .venv/bin/python bench/run.py

For each size a database archive_bench_<size> is created on the PostgreSQL server of
BENCH_DATABASE_URL (default: the server of DATABASE_URL, else postgres@127.0.0.1:5432),
migrated, given the seed story and a synthetic archive, measured, and dropped
(BENCH_KEEP=1 keeps it). Results go to bench/results.md and bench/results.json
(BENCH_OUTPUT=<folder> writes them elsewhere, as CI does).

BENCH_REUSE=1 measures an archive already built instead of generating one (at 100,000
articles generation takes minutes): a database named <prefix>_<size> or, for whole thousands,
<prefix>_<size/1000>k (site_perf_100k) that holds at least `size` articles and not many more
is migrated and measured as it is, and never dropped. Without such a database the size is
generated as usual.

Other knobs: BENCH_ITERATIONS (timed requests per page, default 30), BENCH_SAMPLES (different
objects per detail page, 10), BENCH_WRK_SECONDS (per HTTP target, 10; 0 skips the HTTP part),
BENCH_DB_PREFIX (database names, default archive_bench), BENCH_STRICT=1 (exit 1 when a page
answers with a server error, as CI wants).
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, report  # noqa: E402

PYTHON = sys.executable


def server_url() -> str:
    """The PostgreSQL server (scheme and host, no database name) to create databases on."""
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgres"):
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}"
    return "postgres://postgres@127.0.0.1:5432"


def admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _run(env: dict, command: list[str]) -> str:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-5000:])
        raise SystemExit(f"bench: {' '.join(command[1:])} failed (exit {done.returncode})")
    return done.stdout


def manage(env: dict, *args: str) -> str:
    return _run(env, [PYTHON, "manage.py", *args])


def module(env: dict, name: str, *args: str) -> str:
    return _run(env, [PYTHON, "-m", name, *args])


def _articles_in(base: str, name: str) -> int | None:
    """How many articles the database holds; None when it does not exist or has no archive."""
    import psycopg

    try:
        with psycopg.connect(f"{base}/{name}") as conn:
            return conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    except psycopg.Error:
        return None


def reusable_database(base: str, prefix: str, size: int) -> str | None:
    """With BENCH_REUSE=1, an existing archive of this size (the seed story adds a few
    articles, a generated archive exactly `size`), else None."""
    if not os.environ.get("BENCH_REUSE"):
        return None
    names = [f"{prefix}_{size}"]
    if size % 1000 == 0:
        names.append(f"{prefix}_{size // 1000}k")
    for name in names:
        count = _articles_in(base, name)
        if count is not None and size <= count <= size + max(100, size // 100):
            return name
    return None


def bench_size(base: str, size: int, wrk_seconds: int) -> dict:
    prefix = os.environ.get("BENCH_DB_PREFIX", "archive_bench")
    reused = reusable_database(base, prefix, size)
    name = reused or f"{prefix}_{size}"
    if not reused:
        admin(base, f"DROP DATABASE IF EXISTS {name}")
        admin(base, f"CREATE DATABASE {name}")
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{name}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        "BENCH_PYTHON": PYTHON,
    }
    result: dict = {"articles": size}
    try:
        if reused:
            print(f"[{size}] migrate the existing archive {name}", flush=True)
            manage(env, "migrate", "--no-input", "-v", "0")
            articles = _articles_in(base, name)
            result["generate_output"] = f"existing database {name} ({articles} articles) reused"
            result["generate_seconds"] = 0
        else:
            print(f"[{size}] migrate, seed story, synthetic archive", flush=True)
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "load_seeds")
            start = time.perf_counter()
            output = manage(env, "generate_archive", "--articles", str(size)).strip()
            result["generate_output"] = output
            result["generate_seconds"] = round(time.perf_counter() - start, 1)

        # Other work on the machine slows every figure; keep the load beside them.
        result["load_average"] = [round(x, 1) for x in os.getloadavg()]
        print(f"[{size}] pages and API in-process", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            module(env, "bench.measure", out.name)
            result |= json.loads(Path(out.name).read_text())

        print(f"[{size}] export and its floor", flush=True)
        result["export"] = {
            mode: json.loads(module(env, "bench.export_run", mode).strip().splitlines()[-1])
            for mode in ("export", "floor")
        }

        if wrk_seconds > 0:
            print(f"[{size}] HTTP on gunicorn with wrk", flush=True)
            raw_key = manage(env, "create_partner", "Load test", "--rate", "1000000000")
            key = raw_key.strip().splitlines()[-1].strip()
            timings = result["timings"]
            targets = {
                "minimal": (timings["minimal"].get("url"), {}),
                "home": (timings["home"].get("url"), {}),
                "article_list": (timings["article_list"].get("url"), {}),
                "article": (timings["article"].get("url"), {}),
                "api_article": (
                    timings.get("api_article", {}).get("url"),
                    {"Authorization": f"Bearer {key}"},
                ),
            }
            result["http"] = load.measure(env, targets, wrk_seconds)
    finally:
        if not reused and not os.environ.get("BENCH_KEEP"):
            admin(base, f"DROP DATABASE IF EXISTS {name}")
    return result


def environment(base: str) -> dict:
    import django
    import gunicorn
    import psycopg

    with psycopg.connect(f"{base}/postgres") as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    wrk = load.ensure_wrk()
    wrk_version = (
        subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0]
        if wrk
        else "absent"
    )
    return {
        "machine": {
            "cpu": cpu,
            "cores": os.cpu_count(),
            "memory_gib": round(memory_kib / 2**20, 1),
            "os": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "postgresql": postgres,
            "psycopg": psycopg.__version__,
            "gunicorn": gunicorn.__version__,
            "wrk": wrk_version.strip(),
        },
    }


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",") if s]
    wrk_seconds = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
    output = Path(os.environ.get("BENCH_OUTPUT", ROOT / "bench"))
    base = server_url()
    data = {
        "command": "make bench  # BENCH_SIZES=" + ",".join(map(str, sizes)),
        "settings": {
            "iterations": int(os.environ.get("BENCH_ITERATIONS", "30")),
            "samples": int(os.environ.get("BENCH_SAMPLES", "10")),
            "wrk_seconds": wrk_seconds,
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **environment(base),
        "sizes": {},
    }
    for size in sizes:
        data["sizes"][str(size)] = bench_size(base, size, wrk_seconds)
    data["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    data["targets"] = report.targets(data)
    output.mkdir(parents=True, exist_ok=True)
    (output / "results.json").write_text(json.dumps(data, indent=1) + "\n")
    (output / "results.md").write_text(report.markdown(data))
    print(f"Wrote {output / 'results.md'} and {output / 'results.json'}")
    failed = report.broken(data)
    if failed:
        print("Pages that answered with an error:", ", ".join(failed), file=sys.stderr)
        if os.environ.get("BENCH_STRICT"):
            sys.exit(1)


if __name__ == "__main__":
    main()
