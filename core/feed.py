"""Reading the change log (core.Change) in commit order, without gaps, and the stored documents.

Every reader of the log (the API's sync feed, webhooks) reads through here: only rows no
running transaction can still precede, in (txid, id) order. A row becomes visible only once
every transaction that started writing before it has ended, so a reader that has passed a
position never finds a new row behind it, however long an editor's transaction stays open.

The API's reads of stored documents are here too, as one statement each with its SQL written
out: they run on every partner request, and a full read's first page takes its log position
in the same statement (one snapshot) as its documents.
"""

from datetime import datetime

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

# Rows no running transaction can still precede: below the oldest transaction of this
# statement's snapshot. Transaction ids are cluster-wide, so that oldest one may be in another
# database on the same server (another app, a test worker), which can never write this
# database's log: those, confirmed running elsewhere, are left out of the minimum. Any other
# id of the snapshot counts, even one that has ended since the snapshot was taken, whose rows
# this statement cannot see yet. A reader that wrote changes itself, in its own still-open
# transaction (a test, or a job that publishes then reads), sees its own rows too; an API
# request writes none.
_OLDEST_RUNNING_HERE = """(
    SELECT COALESCE(min(x), pg_snapshot_xmax(pg_current_snapshot()))
    FROM pg_snapshot_xip(pg_current_snapshot()) AS x
    WHERE x::text::numeric %% 4294967296 NOT IN (
        SELECT backend_xid::text::numeric FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
        UNION ALL
        SELECT transaction::text::numeric FROM pg_prepared_xacts
        WHERE database <> current_database()
    )
)"""
_BELOW_RUNNING = f"(c.txid < {_OLDEST_RUNNING_HERE} OR c.txid = pg_current_xact_id_if_assigned())"


_HEAD = (
    "SELECT c.txid::text::bigint AS txid, c.id FROM core_change c"
    f" WHERE c.kind = %s AND {_BELOW_RUNNING} ORDER BY c.txid DESC, c.id DESC LIMIT 1"
)


def log_head(kind: str) -> tuple[int, int]:
    """The newest change of `kind` no running transaction can still precede."""
    with connection.cursor() as cursor:
        cursor.execute(_HEAD, [kind])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def read_document(kind: str, pk: int) -> tuple | None:
    """(body, updated_at, public, version) of the stored document (kind, pk), or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body, updated_at, public, version FROM core_document"
            " WHERE kind = %s AND object_id = %s",
            [kind, pk],
        )
        return cursor.fetchone()


def read_documents(
    kind: str, *, after: int, limit: int, among: QuerySet | None = None, head: bool = False
) -> tuple[list[tuple], tuple[int, int] | None]:
    """Public documents of `kind` in id order after `after`, and the log position `head`.

    Rows: (id, body, updated_at as seconds since the epoch, version).

    `among`: a values_list("pk") QuerySet (filtered, ordered, sliced) the ids must be in. With
    `head`, the log position (log_head) comes from the same snapshot as the documents and the
    filter, so every change up to it is in what is read, and every later one after it.
    """
    where, params = "d.kind = %s AND d.public AND d.object_id > %s", [kind, after]
    if among is not None:
        try:
            sql, among_params = among.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:  # a filter that can match nothing (QuerySet.none())
            sql, among_params = "SELECT NULL::bigint WHERE false", []
        where += f" AND d.object_id IN ({sql})"
        params += among_params
    page = (
        "SELECT d.object_id, d.body, extract(epoch FROM d.updated_at)::float8 AS updated_at,"
        " d.version FROM core_document d"
        f" WHERE {where} ORDER BY d.object_id LIMIT %s"
    )
    params.append(limit)
    with connection.cursor() as cursor:
        if not head:
            cursor.execute(page, params)
            return cursor.fetchall(), None
        cursor.execute(
            "SELECT h.txid, h.id, p.* FROM (SELECT 1) one"
            f" LEFT JOIN LATERAL ({_HEAD}) h ON true LEFT JOIN LATERAL ({page}) p ON true"
            " ORDER BY p.object_id",
            [kind, *params],
        )
        rows = cursor.fetchall()
    position = (rows[0][0], rows[0][1]) if rows[0][0] is not None else (0, 0)
    return [row[2:] for row in rows if row[2] is not None], position


def read_log(
    kind: str,
    *,
    after: tuple[int, int] | None,
    since: datetime | None,
    limit: int,
    upto: tuple[int, int] | None = None,
):
    """Changes of `kind` after a position (or recorded after `since`), and up to `upto` if
    given, each with its document.

    Rows: (txid, change id, object id, change version, document version, public, body, action).
    """
    where, params = ["c.kind = %s", _BELOW_RUNNING], [kind]
    if after is not None:
        where.append("(c.txid, c.id) > (%s::text::xid8, %s)")
        params += [str(after[0]), after[1]]
    if upto is not None:
        where.append("(c.txid, c.id) <= (%s::text::xid8, %s)")
        params += [str(upto[0]), upto[1]]
    if since is not None:
        where.append("c.at > %s")
        params.append(since)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.txid::text::bigint, c.id, c.object_id, c.version, d.version, d.public,"
            " d.body, c.action FROM core_change c JOIN core_document d"
            " ON d.kind = c.kind AND d.object_id = c.object_id"
            f" WHERE {' AND '.join(where)} ORDER BY c.txid, c.id LIMIT %s",
            [*params, limit],
        )
        return cursor.fetchall()
