"""Fault test: PostgreSQL, Redis and the job worker, each stopped and started under load.

Runs everything on a throwaway PostgreSQL cluster and a throwaway Redis of its own (initdb
into a temporary folder, port 5499 by default; redis-server on a free port), never on the
shared ones:

1. initdb + start the cluster, migrate, load the seed story, create an editor;
2. start gunicorn (gunicorn.conf.py, production settings) and the job worker
   (`manage.py worker`) against it;
3. readers (cached pages, uncached pages, the API, /healthz) and writers (an editor adding
   topics through the real admin form) hammer it; after a warm-up the cluster is stopped,
   kept down, started again, and the load continues; then the same with Redis (the cache);
   then the worker is stopped, an article is scheduled for a few seconds later, and the
   worker is started again once /healthz has had time to report the job overdue;
4. counts every status per phase, and the writes accepted and lost per phase; checks that the
   app recovered without a restart (same gunicorn master, /healthz 200 again), that nothing
   answered 500, that cached pages kept answering (stale) while the database was down, that
   nothing failed while Redis was down, that /healthz said "degraded" with the overdue jobs
   while the worker was down and the article stayed unpublished, that the worker published it
   once back, and that every write the app accepted (302 from the admin) is stored;
5. stops everything and removes the cluster.

    sudo .venv/bin/python scripts/fault.py      # or `make fault`; root: initdb runs as 'postgres'

Exit status 0 when all checks hold. Knobs: --port, --warmup, --outage, --recovery (seconds).
"""

import argparse
import collections
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path("/usr/lib/postgresql") / sorted(os.listdir("/usr/lib/postgresql"))[-1] / "bin"
EDITOR = ("fault-editor", "fault-" + secrets.token_urlsafe(12))


def sh(*args, env=None, user=None, check=True, quiet=True):
    if user and os.geteuid() == 0:
        args = ("runuser", "-u", user, "--", *args)
    return subprocess.run(
        args,
        env=env,
        check=check,
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
    )


class Cluster:
    """A private PostgreSQL data directory and server, trust auth on 127.0.0.1 only."""

    def __init__(self, port: int):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="fault-pg-"))
        self.data = self.dir / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user)

    def init(self):
        sh(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
           user=self.user)  # fmt: skip

    def start(self):
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
        sh(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
           str(self.dir / "server.log"), "-w", "start", user=self.user)  # fmt: skip

    def stop(self, mode="fast"):
        sh(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
           user=self.user, check=False)  # fmt: skip

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A private redis-server on a free port, nothing saved to disk."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Http:
    """One keep-alive connection that reconnects after errors, with a cookie jar by hand.

    The production settings mark cookies Secure and we speak plain HTTP to gunicorn (as the
    TLS proxy would), so cookies are kept here instead of by a library that would drop them.
    """

    def __init__(self, port):
        self.port = port
        self.conn = None
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",  # what the TLS proxy in front adds
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 2:
                    return "socket-error", b"", {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, content, dict(response.getheaders())


def csrf_token(content: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    return match.group(1).decode() if match else ""


class Phase:
    def __init__(self):
        self.name = "warm-up"
        self.lock = threading.Lock()
        self.counts = collections.defaultdict(collections.Counter)
        # /healthz's own verdict per phase ("ok", "degraded"), and the most overdue jobs seen.
        self.health = collections.defaultdict(collections.Counter)
        self.overdue = collections.Counter()
        self.last_health = {}

    def count(self, kind, status):
        with self.lock:
            self.counts[(self.name, kind)][status] += 1

    def note_health(self, body: bytes):
        try:
            report = json.loads(body)
        except ValueError:
            return
        with self.lock:
            self.health[self.name][report.get("status")] += 1
            self.last_health[self.name] = report.get("status")
            self.overdue[self.name] = max(
                self.overdue[self.name], int(report.get("overdue_tasks", 0))
            )


def reader(port, paths, kind, phase, stop):
    client = Http(port)
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)].format(n=n, m=n % 50 + 1)
        n += 1
        status, content, headers = client.request("GET", path, headers=paths_headers(kind))
        phase.count(kind, status)
        if status == 200 and phase.name == "warm-up":
            WARMED.add(paths[0])
        if kind == "healthz" and status == 200:
            phase.note_health(content)
        if kind == "cached page" and status == 503 and len(SAMPLES) < 3:
            SAMPLES.append((phase.name, path, headers.get("X-Cache"), content[:120]))
        time.sleep(0.005)


API_KEY = {"value": ""}
SAMPLES = []  # a few unexpected answers, printed at the end
WARMED = set()  # the reader paths answered 200 before the first outage
PHASES = (
    "warm-up",
    "db-outage",
    "db-back",
    "redis-down",
    "redis-back",
    "worker-down",
    "worker-back",
)


def paths_headers(kind):
    return {"Authorization": f"Bearer {API_KEY['value']}"} if kind == "api" else {}


def writer(port, number, phase, stop, accepted, refused):
    client = Http(port)
    while not stop.is_set():
        # Signing in needs the database: during an outage it is tried again, as an editor would.
        status, content, _ = client.request("GET", "/admin/login/")
        status, _, _ = client.request(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "username": EDITOR[0],
                "password": EDITOR[1],
                "csrfmiddlewaretoken": csrf_token(content),
            },
        )
        phase.count("sign-in", status)
        if status == 302:
            break
        time.sleep(0.2)
    n = 0
    while not stop.is_set():
        n += 1
        name = f"Fault topic {number}-{n}"
        status, content, _ = client.request("GET", "/admin/events/topic/add/")
        token = csrf_token(content)
        if status != 200 or not token:
            phase.count("write (form)", status)
            time.sleep(0.05)
            continue
        status, _, headers = client.request(
            "POST",
            "/admin/events/topic/add/",
            {
                "name": name,
                "slug": f"fault-topic-{number}-{n}",
                "description": "Written during the fault test.",
                "csrfmiddlewaretoken": token,
            },
        )
        phase.count("write", status)
        (accepted if status == 302 else refused).append((phase.name, name))
        time.sleep(0.02)


def wait_healthy(port, timeout=30):
    client = Http(port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.request("GET", "/healthz")[0] == 200:
            return True
        time.sleep(0.2)
    return False


class Worker:
    """The job worker (`manage.py worker`), as systemd would run it beside gunicorn."""

    def __init__(self, env, log_path):
        self.env = env
        self.log = open(log_path, "a")  # noqa: SIM115
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [PY, "manage.py", "worker", "--no-reload", "--no-startup-delay",
             "--interval", "0.5"], cwd=ROOT, env=self.env, stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.running():
            self.process.terminate()
            self.process.wait(timeout=30)


SCHEDULE_ARTICLE = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article
from articles.services import article_save, article_schedule
article = article_save(article=Article(
    headline="Scheduled during the fault test", slug="fault-scheduled",
    body="<p>Published by the worker once it is back.</p>"))
article_schedule(article=article, at=timezone.now() + timedelta(seconds={delay}))
print(article.pk, article.get_absolute_url())
"""
ARTICLE_STATUS = "from articles.models import Article; print(Article.objects.get(pk={pk}).status)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=5499, help="the throwaway cluster's port")
    parser.add_argument("--http-port", type=int, default=8799)
    parser.add_argument("--warmup", type=float, default=6)
    parser.add_argument("--outage", type=float, default=8)
    parser.add_argument("--recovery", type=float, default=10)
    args = parser.parse_args()
    if args.port == 5432:
        sys.exit("Refusing to use port 5432: that is the shared cluster.")

    cluster = Cluster(args.port)
    redis = RedisServer()
    gunicorn = None
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "fault-test-" + secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{args.port}/fault",
        "DJANGO_LOG_LEVEL": "ERROR",
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_WORKERS": "3",
        # Several workers need a shared cache (production refuses to start without one).
        "REDIS_URL": redis.url,
        # The writers (editors) sign in with a password only: this measures outages, not sign-in.
        "DJANGO_REQUIRE_2FA": "0",
        # A job still waiting 2 s after its time is overdue (120 s by default), so that the
        # worker's outage shows on /healthz within the phase.
        "DJANGO_TASKS_OVERDUE_SECONDS": "2",
    }
    worker = Worker(env, cluster.dir / "worker.log")
    try:
        print(f"== Throwaway PostgreSQL cluster in {cluster.dir} on port {args.port}")
        cluster.init()
        cluster.start()
        print(f"== Throwaway Redis on port {redis.port}")
        redis.start()
        sh(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(args.port), "-U", "postgres",
           "fault")  # fmt: skip
        sh(PY, "manage.py", "migrate", "--no-input", "-v0", env=env)
        sh(PY, "manage.py", "load_seeds", "-v0", env=env)
        sh(PY, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
        # An editor (Editors group), not a superuser: in production a superuser must give a
        # second factor, and the writers sign in with a password.
        sh(PY, "manage.py", "shell", "-v0", "-c",
           "from django.contrib.auth.models import Group, User; "
           "from core.editors import EDITORS_GROUP, ensure_editors_group; "
           "ensure_editors_group(); "
           f"u = User.objects.create_user({EDITOR[0]!r}, '', {EDITOR[1]!r}, is_staff=True); "
           "u.groups.add(Group.objects.get(name=EDITORS_GROUP))", env=env)  # fmt: skip
        key = sh(PY, "manage.py", "create_partner", "Fault test", "--rate", "1000000", env=env)
        API_KEY["value"] = key.stdout.strip().splitlines()[-1]

        print(f"== gunicorn (gunicorn.conf.py) on 127.0.0.1:{args.http_port}")
        log = open(cluster.dir / "gunicorn.log", "w")  # noqa: SIM115
        gunicorn = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{args.http_port}",
             "config.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        if not wait_healthy(args.http_port):
            sys.exit(
                "gunicorn did not become healthy:\n" + (cluster.dir / "gunicorn.log").read_text()
            )
        print("== job worker (manage.py worker)")
        worker.start()

        phase, stop = Phase(), threading.Event()
        accepted, refused = [], []
        threads = [
            threading.Thread(target=reader, args=(args.http_port, paths, kind, phase, stop))
            for kind, paths in [
                ("cached page", ["/articles/"]),
                ("cached page", ["/meetings/"]),
                ("uncached page", ["/articles/?page=1&nocache={n}"]),
                ("uncached page", ["/officials/?nocache={n}"]),
                ("api", ["/api/v1/articles/?page_size={m}"]),
                ("healthz", ["/healthz"]),
            ]
        ] + [
            threading.Thread(
                target=writer, args=(args.http_port, n, phase, stop, accepted, refused)
            )
            for n in (1, 2)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.warmup)
        # On a busy machine the warm-up may not have served every page yet; an outage before
        # a page was ever cached would leave nothing stale to serve, so wait for that (and
        # for both writers to be signed in).
        wanted = {"/articles/", "/meetings/", "/api/v1/articles/?page_size={m}"}
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not (
            wanted <= WARMED and phase.counts[("warm-up", "sign-in")].get(302, 0) >= 2
        ):
            time.sleep(0.5)

        print(f"== Stopping PostgreSQL for {args.outage:.0f} s (pg_ctl stop -m fast)")
        phase.name = "db-outage"
        cluster.stop("fast")
        time.sleep(args.outage)
        print("== Starting PostgreSQL again; the app is not touched")
        cluster.start()
        started = time.monotonic()
        phase.name = "db-back"
        recovered = wait_healthy(args.http_port, timeout=args.recovery + 20)
        recovery_seconds = time.monotonic() - started
        time.sleep(args.recovery)

        print(f"== Stopping Redis for {args.outage:.0f} s")
        phase.name = "redis-down"
        redis.stop()
        time.sleep(args.outage)
        print("== Starting Redis again (empty); the app is not touched")
        redis.start()
        phase.name = "redis-back"
        time.sleep(args.recovery)

        # The worker went through both outages above; a worker that died of them is a finding
        # (systemd would restart it, but it should not need to).
        worker_survived = worker.running()
        print(f"== Stopping the job worker for {args.outage + 4:.0f} s; an article is scheduled")
        phase.name = "worker-down"
        worker.stop()
        scheduled = sh(PY, "manage.py", "shell", "-v0", "-c", SCHEDULE_ARTICLE.format(delay=2),
                       env=env).stdout.strip().splitlines()[-1].split()  # fmt: skip
        article_pk, article_url = int(scheduled[0]), scheduled[1]
        # Its time (2 s) plus the overdue threshold (2 s), then the outage's length.
        time.sleep(args.outage + 4)
        status_while_down = article_status(env, article_pk)
        print("== Starting the job worker again")
        phase.name = "worker-back"
        started = time.monotonic()
        worker.start()
        published_after = None
        deadline = started + args.recovery + 30
        page = Http(args.http_port)
        while time.monotonic() < deadline:
            # A reader's view: the article's page answers once the worker has published it.
            if page.request("GET", article_url)[0] == 200:
                published_after = time.monotonic() - started
                break
            time.sleep(0.2)
        status_after = article_status(env, article_pk)
        time.sleep(args.recovery)
        stop.set()
        for thread in threads:
            thread.join()

        # Every accepted write must be in the database.
        names = sh(PY, "manage.py", "shell", "-v0", "-c",
                   "import json; from events.models import Topic; print(json.dumps(list("
                   "Topic.objects.filter(name__startswith='Fault topic')"
                   ".values_list('name', flat=True))))", env=env).stdout  # fmt: skip
        stored = set(json.loads(names.strip().splitlines()[-1]))
        lost = [(when, name) for when, name in accepted if name not in stored]
        # A refused write may still have committed if the connection broke after COMMIT; the
        # editor saw an error and would check. Report them; they are not lost, not duplicated.
        refused_but_stored = [(when, name) for when, name in refused if name in stored]

        print("\n== Status counts (status: count)")
        kinds = sorted({kind for _, kind in phase.counts})
        for name in PHASES:
            for kind in kinds:
                counts = phase.counts.get((name, kind))
                if counts:
                    shown = ", ".join(f"{s}: {c}" for s, c in sorted(counts.items(), key=str))
                    print(f"  {name:9} {kind:14} {shown}")
        all_statuses = collections.Counter()
        for counts in phase.counts.values():
            all_statuses.update(counts)
        outage_statuses = collections.Counter()
        for (name, _kind), counts in phase.counts.items():
            if name == "db-outage":
                outage_statuses.update(counts)
        cached_in_outage = phase.counts.get(("db-outage", "cached page"), collections.Counter())
        redis_down = collections.Counter()
        for (name, _kind), counts in phase.counts.items():
            if name == "redis-down":
                redis_down.update(counts)

        same_master = gunicorn.poll() is None
        health = {name: dict(phase.health[name]) for name in PHASES if phase.health[name]}
        checks = {
            "no 500 responses at all": all_statuses.get(500, 0) == 0,
            "no socket errors (gunicorn kept answering)": all_statuses.get("socket-error", 0) == 0,
            "the database outage was seen as 503s": outage_statuses.get(503, 0) > 0,
            "cached pages answered 200 (stale) while the database was down": (
                cached_in_outage.get(200, 0) > 0 and cached_in_outage.get(503, 0) == 0
            ),
            "with Redis down everything answered 2xx/3xx": bool(redis_down)
            and all(isinstance(s, int) and s < 400 for s in redis_down),
            "recovered by itself (healthz 200 again)": recovered,
            "same gunicorn master throughout (no restart)": same_master,
            "every accepted write is stored": not lost,
            "the job worker survived the database and Redis outages": worker_survived,
            "with the worker down, /healthz said degraded with the overdue jobs": (
                phase.health["worker-down"].get("degraded", 0) > 0
                and phase.overdue["worker-down"] >= 1
            ),
            "the scheduled article stayed unpublished while the worker was down": (
                status_while_down == "scheduled"
            ),
            "the worker, back, published it": (
                published_after is not None and status_after == "published"
            ),
            "/healthz said ok again after the worker came back": (
                phase.last_health.get("worker-back") == "ok"
            ),
        }
        print("\n== Writes per phase (accepted = 302 from the admin; lost = accepted, not stored)")
        for name in PHASES:
            took = sum(1 for when, _ in accepted if when == name)
            print(
                f"  {name:11} accepted: {took:4}  lost: "
                f"{sum(1 for when, _ in lost if when == name)}  refused: "
                f"{sum(1 for when, _ in refused if when == name):4}  refused but stored: "
                f"{sum(1 for when, _ in refused_but_stored if when == name)}"
            )
        print(f"  total       accepted: {len(accepted)}  lost: {len(lost)}")
        print("\n== /healthz verdicts (200 answers) and the most overdue jobs it reported")
        for name, verdicts in health.items():
            print(f"  {name:11} {verdicts}  overdue_tasks max: {phase.overdue[name]}")
        print(f"\n== Recovery: /healthz answered 200 {recovery_seconds:.1f} s after the restart")
        print(f"   scheduled article while the worker was down: {status_while_down}")
        if published_after is not None:
            print(
                f"   its page answered 200 {published_after:.1f} s after the worker was started "
                "again (the worker's own start-up included)"
            )
        for sample in SAMPLES:
            print("  sample 503 on a cached page:", sample)
        print("\n== Checks")
        for label, ok in checks.items():
            print(f"  [{'ok' if ok else 'FAIL'}] {label}")
        if not all(checks.values()):
            print((cluster.dir / "gunicorn.log").read_text()[-3000:])
            print((cluster.dir / "worker.log").read_text()[-3000:])
            return 1
        return 0
    finally:
        worker.stop()
        if gunicorn is not None and gunicorn.poll() is None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        cluster.remove()
        redis.stop()


def article_status(env, pk: int) -> str:
    result = sh(PY, "manage.py", "shell", "-v0", "-c", ARTICLE_STATUS.format(pk=pk), env=env)
    return result.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    sys.exit(main())
