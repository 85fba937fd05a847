"""The partner API's floor over HTTP: a bare WSGI callable, no Django, that reads the same
stored rows as the API with psycopg and joins them with orjson (bench/api_http.py serves it
under the same gunicorn as the API)."""

import os

import orjson
import psycopg

LIST = (
    "SELECT body FROM core_document WHERE kind = 'article' AND public AND object_id > 0"
    " ORDER BY object_id LIMIT 51"
)
DETAIL = "SELECT body FROM core_document WHERE kind = 'article' AND object_id = %s AND public"
_connection = None


def _db():
    global _connection
    if _connection is None:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection


def application(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/list/":
        rows = _db().execute(LIST).fetchall()
        tail = orjson.dumps({"next_cursor": "x", "next": "x", "until": "x"})
        body = b'{"results":[' + b",".join(row[0] for row in rows[:50]) + b"]," + tail[1:]
    else:
        row = _db().execute(DETAIL, [int(path.strip("/").rsplit("/", 1)[-1])]).fetchone()
        body = bytes(row[0])
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    start_response("200 OK", headers)
    return [body]
