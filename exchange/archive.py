"""The archive as NDJSON.

The published export (`export_archive`) is the stored partner documents, one per line, as
the API serves them: articles as ninjs 2.2 (exchange/documents.py). The backup
(`export_archive --all`) is a row dump: one header line, one line per row, one end line.

    {"format": "bilateral-archive", "version": 1, "scope": "all", "since": null}
    {"model": "people.person", "pk": 1, "fields": {"name": "...", ...}}
    ...
    {"end": true, "objects": 1234}

Rows are written model by model in primary-key order with their stored values (derived
columns included), so `import_archive` can restore them with bulk inserts, without save()
side effects, new history rows or fresh timestamps — and a second export gives the same
bytes. The end line lets a reader tell a complete file from a truncated one.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import orjson
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from articles.models import Article
from core import changes, fragments
from events.models import Meeting
from events.pair_figures import pair_figures_rebuild
from exchange import documents

FORMAT, VERSION = "bilateral-archive", 1
CONTENT_APPS = ("people", "events", "articles")
# A backup also carries the partners and their hashed keys: a restore must not lock them out.
BACKUP_APPS = (*CONTENT_APPS, "partners")
CHUNK = 500  # rows per database fetch: the export holds at most this many at once
# Internal columns that never leave the building in a published export.
PRIVATE_FIELDS = {"people.person": {"notes"}}
# A backup names the editors in history rows; their passwords stay behind.
USER_EXCLUDED = {"password"}
# Tables computed from the others (the relation pages' figures): not backed up, rebuilt on
# import from the rows that are.
DERIVED = {"events.pairfigures"}


class ArchiveError(Exception):
    """A file import_archive refuses; the message names the line."""


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical") and hasattr(model, "history_type")


def archive_models(scope: str) -> list:
    """Models in export order: parents before children, as the apps declare them."""
    chosen = []
    if scope == "all":
        chosen.append(get_user_model())
    for label in BACKUP_APPS if scope == "all" else CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower in DERIVED:
                continue
            if scope == "all" or not _is_history(model):
                chosen.append(model)
    return chosen


def exported_fields(model, scope: str) -> list:
    label = model._meta.label_lower
    excluded = USER_EXCLUDED if model is get_user_model() else set()
    if scope != "all":
        excluded = excluded | PRIVATE_FIELDS.get(label, set())
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in excluded]


# Models whose rows are public only once published (their QuerySets offer published()).
WITH_STATUS = (Article, Meeting)


def rows(model, scope: str, since: datetime | None):
    queryset = model._base_manager.all()
    if scope != "all":
        if model in WITH_STATUS:
            queryset = model.objects.published()
        else:
            # Links and children of an article or a meeting go with it: published ones' only.
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in WITH_STATUS:
                    published = field.related_model.objects.published()
                    queryset = queryset.filter(**{f"{field.name}__in": published})
    if since is not None:
        queryset = queryset.filter(_changed_since(model, since))
    return queryset.order_by("pk")


def _changed_since(model, since: datetime) -> models.Q:
    names = {f.name for f in model._meta.concrete_fields}
    if "history_date" in names:
        return models.Q(history_date__gt=since)
    if "updated_at" in names:
        return models.Q(updated_at__gt=since)
    # A child or link row has no clock of its own: follow its parents'.
    condition = models.Q(pk__in=[])
    for field in model._meta.concrete_fields:
        if field.is_relation and "updated_at" in {
            f.name for f in field.related_model._meta.concrete_fields
        }:
            condition |= models.Q(**{f"{field.name}__updated_at__gt": since})
    return condition


_JSON_NATIVE = frozenset({str, int, bool, type(None), float, datetime, date})


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str | datetime | date):
        return value
    if isinstance(value, Decimal):
        return str(value)
    code = getattr(value, "code", None)  # django-countries' Country
    return code if code is not None else str(value)


def count_rows(scope: str, since: datetime | None) -> int:
    if scope != "all":
        return documents.count_documents(since=since)
    return sum(rows(m, scope, since).count() for m in archive_models(scope))


def export_lines(*, scope: str = "published", since: datetime | None = None) -> Iterator[bytes]:
    """The archive line by line, streamed from the database in chunks."""
    if scope != "all":
        yield from documents.document_lines(since=since)
        return
    yield _line(
        {"format": FORMAT, "version": VERSION, "scope": scope, "since": since and since.isoformat()}
    )
    total = 0
    for model in archive_models(scope):
        label = model._meta.label_lower
        names = [f.attname for f in exported_fields(model, scope)]
        # Tuples, not model instances: building an instance per row was most of the export's
        # time. The stored values are the same either way.
        for pk, *values in (
            rows(model, scope, since).values_list("pk", *names).iterator(chunk_size=CHUNK)
        ):
            fields = {
                name: value if type(value) in _JSON_NATIVE else _plain(value)
                for name, value in zip(names, values, strict=True)
            }
            yield _line({"model": label, "pk": pk, "fields": fields})
            total += 1
    yield _line({"end": True, "objects": total})


def _line(data: dict) -> bytes:
    return orjson.dumps(data) + b"\n"


@contextmanager
def _stored_timestamps(models_):
    """Keep created_at/updated_at as the file says: auto_now would stamp the import time."""
    switched = []
    for model in models_:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def import_lines(lines) -> int:
    """Load an export into an empty database in one transaction; returns the rows written."""
    lines = iter(lines)
    header = _parse(next(lines, b""), 1)
    if "uri" in header and "format" not in header:
        raise ArchiveError(
            "line 1: a published export (partner documents) cannot be imported; "
            "restore from a backup written by export_archive --all."
        )
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise ArchiveError(f"line 1: not a {FORMAT} version {VERSION} file (no valid header).")
    scope = header.get("scope")
    if scope != "all":
        raise ArchiveError("line 1: only a backup (export_archive --all) can be imported.")
    known = {m._meta.label_lower: m for m in archive_models(scope)}
    fields_of = {
        label: {f.attname: f for f in exported_fields(m, scope)} for label, m in known.items()
    }
    written, ended, number = 0, False, 1
    batch, batch_model, batch_start = [], None, 0

    with transaction.atomic(), _stored_timestamps(known.values()):
        occupied = [label for label, m in known.items() if m._base_manager.exists()]
        if occupied:
            raise ArchiveError(
                "import_archive loads into an empty database; these already hold rows: "
                + ", ".join(occupied)
            )

        def flush():
            nonlocal written
            if batch:
                try:
                    with transaction.atomic():
                        batch_model._base_manager.bulk_create(batch)
                except DatabaseError as exc:
                    raise ArchiveError(
                        f"lines {batch_start}-{number}: {batch_model._meta.label_lower} "
                        f"rows refused by the database: {exc}"
                    ) from None
                written += len(batch)
                batch.clear()

        for number, raw in enumerate(lines, start=2):
            if ended:
                raise ArchiveError(f"line {number}: data after the end line.")
            record = _parse(raw, number)
            if record.get("end") is True:
                ended = True
                if record.get("objects") != written + len(batch):
                    raise ArchiveError(
                        f"line {number}: the end line counts {record.get('objects')} rows, "
                        f"the file holds {written + len(batch)}."
                    )
                continue
            model = known.get(record.get("model"))
            if model is None:
                raise ArchiveError(f"line {number}: unknown model {record.get('model')!r}.")
            obj = _build(model, record, fields_of[model._meta.label_lower], number)
            if model is not batch_model or len(batch) >= CHUNK:
                flush()
                batch_model, batch_start = model, number
            batch.append(obj)
        flush()
        if not ended:
            raise ArchiveError(f"line {number}: the file ends without its end line (truncated).")
        try:
            # Deferred foreign keys are checked here: a row pointing at one not in the file.
            connection.check_constraints()
        except DatabaseError as exc:
            raise ArchiveError(f"the file references rows it does not contain: {exc}") from None
        _reset_sequences(known.values())
        # The rows went in without the services: their partner documents and the derived
        # tables are computed here, in the same transaction.
        # Inline: every card of what the rows made public is rendered in this transaction.
        with fragments.inline():
            changes.publish_all()
        pair_figures_rebuild()
    return written


def _parse(raw: bytes, number: int) -> dict:
    if not raw.endswith(b"\n"):
        raise ArchiveError(f"line {number}: incomplete line (the file is truncated).")
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ArchiveError(f"line {number}: not valid JSON ({exc}).") from None
    if not isinstance(record, dict):
        raise ArchiveError(f"line {number}: expected a JSON object.")
    return record


def _build(model, record: dict, fields: dict, number: int):
    values = record.get("fields")
    if not isinstance(values, dict) or not isinstance(record.get("pk"), int):
        raise ArchiveError(f"line {number}: a row needs an integer pk and a fields object.")
    if set(values) != set(fields):
        missing, extra = set(fields) - set(values), set(values) - set(fields)
        raise ArchiveError(
            f"line {number}: {model._meta.label_lower} fields differ from this version's "
            f"(missing: {sorted(missing)}, unknown: {sorted(extra)})."
        )
    try:
        converted = {name: fields[name].to_python(value) for name, value in values.items()}
    except ValidationError as exc:
        raise ArchiveError(f"line {number}: {'; '.join(exc.messages)}") from None
    obj = model(pk=record["pk"], **converted)
    if model is get_user_model():
        obj.set_unusable_password()
    return obj


def _reset_sequences(models_) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
