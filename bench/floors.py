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


# What the API nests inside a row of these tables (its documented output), fetched here too:
# a floor that left it out would flatter itself. (name, scalar subquery over the row `m`)
NESTED = {
    "people_person": [
        (
            "aliases",
            "SELECT json_agg(json_build_object('name', c.name, 'kind', c.kind) ORDER BY c.name) "
            "FROM people_personalias c WHERE c.person_id = m.id",
        )
    ],
    "people_organisation": [
        (
            "aliases",
            "SELECT array_agg(c.name ORDER BY c.name) FROM people_organisationalias c "
            "WHERE c.organisation_id = m.id",
        )
    ],
    "events_meeting": [
        (
            "participants",
            "SELECT json_agg(json_build_object('person', c.person_id, 'role', c.role, "
            "'side', c.side, 'delegation', c.delegation_id) ORDER BY c.role, p.name) "
            "FROM events_participation c JOIN people_person p ON p.id = c.person_id "
            "WHERE c.meeting_id = m.id",
        )
    ],
    "events_delegation": [
        (
            "members",
            "SELECT json_agg(json_build_object('person', c.person_id, 'note', c.note) "
            "ORDER BY c.id) FROM events_delegationmember c WHERE c.delegation_id = m.id",
        )
    ],
    "events_exhibition": [
        (
            "series",
            "SELECT json_build_object('slug', s.slug, 'name', s.name, 'acronym', s.acronym, "
            "'website', s.website) FROM events_exhibitionseries s WHERE s.id = m.series_id",
        )
    ],
}


def _columns(model: type[models.Model]) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def article_page_sql(page_size: int) -> str:
    """A published-articles page with the names of everything it is tagged with.

    Also what the ninjs document adds from other rows: the source and its organisation, the
    places of the exhibitions, and the roles people held in the meetings reported.
    """
    arrays = [
        f"ARRAY(SELECT t.{col} || '|' || t.slug FROM {link} l JOIN {target} t ON t.id = l.{fk} "
        f"WHERE l.article_id = a.id ORDER BY t.id) AS {name}"
        for name, link, fk, target, col in RELATED_NAMES
    ]
    columns = ", ".join(f"a.{c}" for c in _columns(Article) if c != "search_text")
    return (
        f"SELECT {columns}, s.name AS source_name, s.acronym AS source_acronym, "
        "s.slug AS source_slug, s.website AS source_website, "
        "o.name AS source_organisation_name, o.slug AS source_organisation_slug, "
        "ARRAY(SELECT country FROM articles_articlecountry c WHERE c.article_id = a.id "
        "ORDER BY country) AS countries, "
        "ARRAY(SELECT concat_ws('|', t.venue, t.city, t.country) "
        "FROM articles_article_exhibitions l JOIN events_exhibition t ON t.id = l.exhibition_id "
        "WHERE l.article_id = a.id ORDER BY t.id) AS exhibition_places, "
        "ARRAY(SELECT p.person_id || '|' || p.role FROM articles_article_meetings l "
        "JOIN events_participation p ON p.meeting_id = l.meeting_id "
        "WHERE l.article_id = a.id ORDER BY l.meeting_id, p.role, p.person_id) AS roles, "
        + ", ".join(arrays)
        + " FROM articles_article a LEFT JOIN articles_source s ON s.id = a.source_id "
        "LEFT JOIN people_organisation o ON o.id = s.organisation_id "
        "WHERE a.status = 'published' AND a.published_at <= now() AND a.updated_at <= now() "
        f"ORDER BY a.updated_at, a.id LIMIT {int(page_size)}"
    )


def model_page_sql(model: type[models.Model], page_size: int) -> str:
    """A page of any other model in the API's order, with its many-to-many ids and the
    objects the API nests in each row (NESTED)."""
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
    nested = [f"({sql}) AS {name}" for name, sql in NESTED.get(table, ())]
    order = "m.updated_at, m.id" if "updated_at" in _columns(model) else "m.id"
    columns = ", ".join([*(f"m.{c}" for c in _columns(model)), *arrays, *nested])
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
