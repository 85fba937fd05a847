"""Requests per second over HTTP: gunicorn with one worker per core, wrk in another process.

Pages are served as readers get them, through the page cache (the first request fills it);
the minimal view is the floor. The API list is requested with a partner key.
"""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def ensure_wrk() -> str | None:
    """wrk from Debian's packages, installed if missing and possible; None when unavailable."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            capture_output=True,
            check=False,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return shutil.which("wrk")


def _wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _warm(url: str, headers: dict, requests: int = 20) -> None:
    """One after another, so that every worker builds and caches the page before wrk starts:
    a page that takes seconds to build uncached would otherwise weigh on the cached figure."""
    for _ in range(requests):
        request = urllib.request.Request(url, headers=headers)
        urllib.request.urlopen(request, timeout=60).read()


def _wrk(wrk: str, url: str, seconds: int, connections: int, headers: dict) -> dict:
    command = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": float(rps.group(1)) if rps else None,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "latency_p50_ms": round(float(p50.group(1)) * scale[p50.group(2)], 2) if p50 else None,
    }


def measure(env: dict, targets: dict[str, tuple[str, dict]], seconds: int) -> dict:
    """targets: key -> (path, headers). Returns key -> wrk figures, or an "absent" reason."""
    wrk = ensure_wrk()
    if not wrk:
        return {"error": "wrk is not installed and could not be installed"}
    workers = os.cpu_count() or 1
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_LOGLEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": "0",
    }
    config = ROOT / "gunicorn.conf.py"
    command = [str(Path(env.get("BENCH_PYTHON", "python")).parent / "gunicorn")]
    if config.exists():
        command += ["-c", str(config)]
    command += ["--bind", f"127.0.0.1:{PORT}", "--workers", str(workers), "bench.wsgi:application"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    results: dict = {"workers": workers, "seconds": seconds}
    try:
        _wait_until_up(f"http://127.0.0.1:{PORT}/__bench__/minimal/")
        for key, (path, headers) in targets.items():
            if not path:
                results[key] = {"absent": "no URL"}
                continue
            url = f"http://127.0.0.1:{PORT}{path}"
            _warm(url, headers)
            _wrk(wrk, url, 1, 4, headers)  # connections open, every thread has answered
            results[key] = {"path": path, **_wrk(wrk, url, seconds, 16, headers)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return results
