"""Reading the change log (core.Change) in commit order, without gaps.

Every reader of the log (the API's sync feed, webhooks) reads through here: only rows no
running transaction can still precede, in (txid, id) order. A row becomes visible only once
every transaction that started writing before it has ended, so a reader that has passed a
position never finds a new row behind it, however long an editor's transaction stays open.
"""

from datetime import datetime

from django.db import connection

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


def log_head(kind: str) -> tuple[int, int]:
    """The newest change of `kind` no running transaction can still precede."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.txid::text::bigint, c.id FROM core_change c"
            f" WHERE c.kind = %s AND {_BELOW_RUNNING} ORDER BY c.txid DESC, c.id DESC LIMIT 1",
            [kind],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def read_log(kind: str, *, after: tuple[int, int] | None, since: datetime | None, limit: int):
    """Changes of `kind` after a position (or recorded after `since`), each with its document.

    Rows: (txid, change id, object id, change version, document version, public, body, action).
    """
    where, params = ["c.kind = %s", _BELOW_RUNNING], [kind]
    if after is not None:
        where.append("(c.txid, c.id) > (%s::text::xid8, %s)")
        params += [str(after[0]), after[1]]
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
