"""Gunicorn settings for `make serve` (production); every value can be overridden by the env.

Run behind a TLS-terminating reverse proxy (nginx, a load balancer) that sets
X-Forwarded-Proto and X-Forwarded-For; Django redirects plain HTTP and trusts the
proxy's scheme header (config/settings.py, DJANGO_BEHIND_TLS_PROXY).
"""

import multiprocessing
import os

# Where to listen: the proxy connects here. GUNICORN_BIND=0.0.0.0:8000 inside a container.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threaded workers keep connections alive behind the proxy and let one slow request (an
# export, a big search) wait on the database without holding a whole process. The usual
# 2 x cores + 1 processes, each with a few threads; every thread holds at most one
# persistent database connection (CONN_MAX_AGE), so workers x threads must stay below
# PostgreSQL's max_connections with room for the admin and migrations.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request taking longer than this is killed and its worker restarted; exports stream and
# send data throughout, so only a truly stuck request reaches it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or deploy, requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then so that a slow leak cannot grow without bound; the jitter
# keeps them from all restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# Trust X-Forwarded-* only from the proxy in front (a comma-separated list of addresses).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# No control socket: several gunicorns on one machine (serve, load and fault tests) would share
# its default path; GUNICORN_CONTROL_SOCKET=1 turns it back on for gunicornc.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") != "1"

# Logs to stdout/stderr for the process manager (systemd, a container runtime) to collect.
# GUNICORN_ACCESSLOG= (empty) turns the access log off, as the load test does.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")


def on_starting(server):
    """Tell the app how many processes there are (its settings refuse several without Redis).

    Set here rather than from `workers` above so that a count given on the command line
    (`gunicorn -w 4`) counts too; the workers inherit it when they are forked.
    """
    os.environ["WEB_CONCURRENCY"] = str(server.cfg.workers)
