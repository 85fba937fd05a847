"""The published export: every public object's stored partner document, one per line.

The lines are the bytes the API serves (core.Document), articles as ninjs 2.2, in kind then
id order: no internal column, no history, nothing a partner could not read through the API.
With `since`, objects whose document changed after that time, and a tombstone (id, URI,
`pubstatus: canceled`) for each that left the public set since.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime

from django.db.models import Q

from core import changes
from core.models import Document

CHUNK = 500


def _documents(*, kinds: Iterable[str] | None, since: datetime | None):
    rows = Document.objects.filter(kind__in=list(kinds or changes.document_kinds()))
    if since is None:
        return rows.filter(public=True)
    # A tombstone only for what was public once (version 0: never published).
    return rows.filter(Q(public=True) | Q(version__gt=0), updated_at__gt=since)


def count_documents(*, kinds: Iterable[str] | None = None, since: datetime | None = None) -> int:
    return _documents(kinds=kinds, since=since).count()


def document_lines(
    *, kinds: Iterable[str] | None = None, since: datetime | None = None
) -> Iterator[bytes]:
    """The stored documents as NDJSON lines, streamed in chunks."""
    order = {kind: n for n, kind in enumerate(sorted(changes.document_kinds()))}
    for kind in sorted(kinds or order, key=order.get):
        rows = _documents(kinds=[kind], since=since).order_by("object_id")
        for body in rows.values_list("body", flat=True).iterator(chunk_size=CHUNK):
            yield bytes(body) + b"\n"
