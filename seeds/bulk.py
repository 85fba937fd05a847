"""Fast bulk loading of plain row tuples, for the synthetic archive.

bulk_create builds a model instance per row and sends one large INSERT per batch; at a
million rows that costs minutes. Here rows are tuples in the order of the columns named, the
other columns get their field's default once per model (generated columns are left to
PostgreSQL), and the rows go through COPY with the table's secondary indexes and foreign keys
set aside until the end (building an index once is much cheaper than updating it a million
times, and one validating join replaces a million per-row foreign-key checks). save() is
bypassed, so callers fill the derived columns that Python computes themselves.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class BulkLoader:
    """Insert rows into models' tables on one connection, inside the caller's transaction."""

    def __init__(self, connection: BaseDatabaseWrapper, *, now: datetime):
        self.connection = connection
        self.now = now
        self._set_aside: list[str] = []  # statements that restore indexes and foreign keys
        self._tables: list[str] = []

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        """Primary keys for `count` new rows, so rows can refer to each other before insertion."""
        if count == 0:
            return []
        table, pk = model._meta.db_table, model._meta.pk.column
        with self.connection.cursor() as cursor:
            # One round trip; the table lock taken in set_aside_indexes() keeps other
            # writers from drawing numbers in between.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), nextval("
                "pg_get_serial_sequence(%s, %s)) + %s - 1)",
                [table, pk, table, pk, count],
            )
            last = cursor.fetchone()[0]
        return list(range(last - count + 1, last + 1))

    def insert(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]
    ) -> int:
        """Insert rows (tuples in the order of `columns`, attnames); returns how many."""
        fields = {f.attname: f for f in model._meta.concrete_fields}
        rest = [
            f
            for f in model._meta.concrete_fields
            if f.attname not in columns and not f.primary_key and not f.generated
        ]
        defaults = tuple(self._default(f) for f in rest)
        names = [*columns, *(f.attname for f in rest)]
        quote = self.connection.ops.quote_name
        column_sql = ", ".join(quote(fields[name].column) for name in names)
        table = quote(model._meta.db_table)
        count = 0
        with self.connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + defaults)
                    count += 1
        return count

    def _default(self, field: models.Field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = self.now
        else:
            value = field.get_default()
        return field.get_db_prep_save(value, self.connection)

    def set_aside_indexes(self, models_: Sequence[type[models.Model]]) -> None:
        """Lock the tables, drop their secondary indexes and foreign keys for now."""
        tables = [m._meta.db_table for m in models_]
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            # Checks still pending from earlier in the transaction would block ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for table in tables:
                cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
                ORDER BY 1, 2
                """,
                [tables],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_constraint c
                    WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                  )
                ORDER BY 1
                """,
                [tables],
            )
            indexes = cursor.fetchall()
            for table, name, _ in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {name}")
        self._tables = tables
        self._set_aside = [definition for _, definition in indexes] + [
            f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"
            for table, name, definition in foreign_keys
        ]

    def restore_indexes(self) -> None:
        """Rebuild what set_aside_indexes() dropped (validating every foreign key), then ANALYZE."""
        with self.connection.cursor() as cursor:
            for statement in self._set_aside:
                cursor.execute(statement)
            self._set_aside = []
            # Fresh statistics, or the planner treats the new rows as absent.
            for table in self._tables:
                cursor.execute(f"ANALYZE {self.connection.ops.quote_name(table)}")


def vacuum(connection: BaseDatabaseWrapper, models_: Sequence[type[models.Model]]) -> None:
    """VACUUM ANALYZE freshly loaded tables (outside any transaction).

    Until a table is vacuumed its visibility map is empty, so the planner cannot use
    index-only scans (counts, DISTINCT on an indexed column) and reads the heap instead;
    autovacuum would get there eventually, a benchmark must not wait for it.
    """
    if connection.in_atomic_block:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM (ANALYZE) {quote(model._meta.db_table)}")
