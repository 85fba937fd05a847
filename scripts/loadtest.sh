#!/usr/bin/env bash
# Load test: gunicorn with the production settings, wrk from another process, 64 connections
# for 30 s on each of the home page, the article list, an article page and an API list.
# Prints requests/s, p50/p99 latency, non-2xx responses and socket errors (both must be 0;
# the script exits 1 otherwise).
#
#   make loadtest                                   # a throwaway database on the embedded PostgreSQL
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loadtest make loadtest
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/copy_of_an_archive make loadtest   # as it is
#
# Knobs: LOADTEST_CONNECTIONS (64), LOADTEST_DURATION (30s), LOADTEST_THREADS (2, wrk's),
# LOADTEST_TIMEOUT (10s: a response slower than this is a socket error),
# LOADTEST_ARTICLES (2000 synthetic articles, added to a database holding only the seed story), LOADTEST_PORT (8765), and
# gunicorn's GUNICORN_WORKERS / GUNICORN_THREADS.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${LOADTEST_CONNECTIONS:-64}
DURATION=${LOADTEST_DURATION:-30s}
WRK_THREADS=${LOADTEST_THREADS:-2}
ARTICLES=${LOADTEST_ARTICLES:-2000}
PORT=${LOADTEST_PORT:-8765}
# wrk gives up on a response after 2 s by default and counts a socket error; a reader's
# browser waits far longer. A response slower than this still counts as an error.
TIMEOUT=${LOADTEST_TIMEOUT:-10s}
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

WORK=$(mktemp -d)
GUNICORN_PID=""
cleanup() {
    if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_ENV=production
export DJANGO_SECRET_KEY="loadtest-$($PY -c 'import secrets; print(secrets.token_urlsafe(48))')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=${DATABASE_URL:-$($PY scripts/embedded_pg.py fresh archive_loadtest)}
export DJANGO_LOG_LEVEL=ERROR
# Several gunicorn workers need a shared cache (production refuses to start without one).
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/14}
export GUNICORN_ACCESSLOG=""
# No worker recycling during the run: a recycled worker drops its idle keep-alive connections,
# which wrk counts as socket errors (the proxy in front retries those in production).
export GUNICORN_MAX_REQUESTS=${GUNICORN_MAX_REQUESTS:-0}

echo "== Preparing the archive (${DATABASE_URL%%@*}@…)"
$PY manage.py migrate --no-input -v0
have=$($PY manage.py shell -v0 -c "from articles.models import Article; print(Article.objects.count())")
# A database that already holds more than the seed story (an archive of 100,000 articles made
# with generate_archive) is used as it is: loading the seeds into it again costs minutes.
if [ "$have" -le 1 ]; then
    $PY manage.py load_seeds -v0
    $PY manage.py generate_archive --articles "$ARTICLES" -v0
fi
echo "   $($PY manage.py shell -v0 -c "from articles.models import Article; print(Article.objects.published().count())") published articles"
$PY manage.py collectstatic --no-input -v0
KEY=$($PY manage.py create_partner "Load test" --rate 100000000 | tail -n1)
SLUG=$($PY manage.py shell -v0 -c "from articles.models import Article; print(Article.objects.published().latest().values_list('slug', flat=True).first())")

echo "== Starting gunicorn (gunicorn.conf.py) on 127.0.0.1:$PORT"
.venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$PORT" config.wsgi >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }

BASE="http://127.0.0.1:$PORT"
# The proxy in front terminates TLS and says so; without this header the app redirects to https.
PROXY=(-H "X-Forwarded-Proto: https")
failed=0
run() {
    local name=$1 url=$2; shift 2
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "${PROXY[@]}" "$@" "$url")
    local line
    line=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s scripts/loadtest.lua \
        "${PROXY[@]}" "$@" "$url" | grep '^RESULT' || true)
    printf '%-14s %-40s first=%s %s\n' "$name" "${url#"$BASE"}" "$status" "${line#RESULT }"
    if [ -z "$line" ] || ! grep -q 'non2xx=0 socket_errors=0 ' <<<"$line"; then failed=1; fi
}

echo "== wrk: $CONNECTIONS connections, $DURATION per URL, timeout $TIMEOUT, $(nproc) CPU cores on this machine"
run "home" "$BASE/"
run "article list" "$BASE/articles/"
run "article page" "$BASE/articles/$SLUG/"
run "API list" "$BASE/api/v1/articles/" -H "Authorization: Bearer $KEY"

if [ "$failed" -ne 0 ]; then
    echo "FAILED: non-2xx responses or socket errors above (gunicorn log follows)" >&2
    tail -n 40 "$WORK/gunicorn.log" >&2
    exit 1
fi
echo "OK: no non-2xx responses, no socket errors"
