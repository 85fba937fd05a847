"""Floors: the same rows as the API and the export, fetched with plain psycopg, encoded by orjson.

A floor is what the work costs without Django: no ORM, no serializers, no middleware. The
API and the export are judged by how close they come to it.
"""

import time
from collections.abc import Callable

import orjson
import psycopg
from django.db import models

from articles.models import Article

RELATED_NAMES = (
    # (array name, link table, link column, target table, target column)
    ("people", "articles_article_people", "person_id", "people_person", "name"),
    (
        "organisations",
        "articles_article_organisations",
        "organisation_id",
        "people_organisation",
        "name",
    ),
    ("topics", "articles_article_topics", "topic_id", "events_topic", "name"),
    ("meetings", "articles_article_meetings", "meeting_id", "events_meeting", "title"),
    ("exhibitions", "articles_article_exhibitions", "exhibition_id", "events_exhibition", "name"),
)


def _columns(model: type[models.Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def article_page_sql(page_size: int) -> str:
    """A published-articles page with the names of everything it is tagged with."""
    arrays = [
        f"ARRAY(SELECT t.{col} || '|' || t.slug FROM {link} l JOIN {target} t ON t.id = l.{fk} "
        f"WHERE l.article_id = a.id ORDER BY t.id) AS {name}"
        for name, link, fk, target, col in RELATED_NAMES
    ]
    columns = ", ".join(f"a.{c}" for c in _columns(Article) if c != "search_text")
    return (
        f"SELECT {columns}, s.name AS source_name, "
        "ARRAY(SELECT country FROM articles_articlecountry c WHERE c.article_id = a.id "
        "ORDER BY country) AS countries, "
        + ", ".join(arrays)
        + " FROM articles_article a LEFT JOIN articles_source s ON s.id = a.source_id "
        "WHERE a.status = 'published' AND a.published_at <= now() AND a.updated_at <= now() "
        f"ORDER BY a.updated_at, a.id LIMIT {int(page_size)}"
    )


def model_page_sql(model: type[models.Model], page_size: int) -> str:
    """A page of any other model in the API's order, with its many-to-many ids."""
    table = model._meta.db_table
    arrays = []
    for field in model._meta.many_to_many:
        through = field.remote_field.through._meta
        source = field.m2m_column_name()
        target = field.m2m_reverse_name()
        arrays.append(
            f"ARRAY(SELECT l.{target} FROM {through.db_table} l WHERE l.{source} = m.id "
            f"ORDER BY 1) AS {field.name}"
        )
    order = "m.updated_at, m.id" if "updated_at" in _columns(model) else "m.id"
    columns = ", ".join([*(f"m.{c}" for c in _columns(model)), *arrays])
    return f"SELECT {columns} FROM {table} m ORDER BY {order} LIMIT {int(page_size)}"


def api_page(conn: psycopg.Connection, sql: str) -> bytes:
    with conn.cursor() as cursor:
        cursor.execute(sql)
        names = [d.name for d in cursor.description]
        results = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return orjson.dumps({"results": results, "next_cursor": None})


def timed(call: Callable[[], object], iterations: int) -> list[float]:
    call()  # warm: plans cached, pages in shared buffers, as for the Django side
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times
