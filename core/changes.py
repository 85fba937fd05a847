"""The change log's writer: re-render the documents a write affects, append what changed.

Every editorial service ends its write inside `publishing(kind, ids)` (or calls `record`).
That finds every public document depending on the written rows (before the write, for what
leaves, and after it, for what arrives), renders each again, compares its hash with the
stored one, and for each that differs stores the new document with the next version and
appends one `core.Change` row, in the same transaction. Nothing else changes a document.

Which documents depend on which rows is declared where each document is rendered
(`articles/documents.py`, `events/documents.py`, `people/documents.py`) with `register` and
`depends_on`; core knows no domain model. A write reaching more than FANOUT_INLINE_LIMIT
dependent documents (renaming a topic used by 50,000 articles) renders the rows it wrote at
once and the rest in a background task queued when the transaction commits.

Tables derived from the public documents (the relation pages' per-pair figures) follow the
log with `follow`: after the documents of a write are stored, in the same transaction, each
follower is told which of its keys the changed documents touch and refreshes them once.
"""

import hashlib
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from core import audit
from core.lifecycle import audit_action
from core.models import AuditAction, Change, ChangeAction, Document

# Above this many dependent documents, a write leaves their re-rendering to a background task.
FANOUT_INLINE_LIMIT = 200
# Documents re-rendered per transaction by the background task.
FANOUT_BATCH = 500


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def api_uri(endpoint: str, pk: int) -> str:
    """The stable public URI of an object: its API address by id, which never changes."""
    return f"{settings.SITE_URL}/api/v1/{endpoint}/{pk}/"


@dataclass(frozen=True)
class DocumentKind:
    """How one kind of public object becomes its partner document."""

    kind: str  # "article", "meeting", "official", ...
    endpoint: str  # its path under /api/v1/
    # ids -> {id: document} for those of the ids that are public now; the document's version
    # slots (`version_key`, `time_key`) hold None and are filled in here.
    render: Callable[[list[int]], dict[int, dict]]
    public: Callable[[], object] | None = None  # the public rows' QuerySet, for publish_all
    version_key: str = "version"
    time_key: str = "updated_at"
    version_as_text: bool = False  # ninjs wants a string
    tombstone: Callable[[int], dict] | None = None

    def stamp(self, document: dict, version: int, at: datetime) -> dict:
        document[self.version_key] = str(version) if self.version_as_text else version
        document[self.time_key] = iso(at)
        return document

    def canceled(self, pk: int) -> dict:
        """What partners get for an object that left the public set: remove your copy."""
        if self.tombstone:
            return self.tombstone(pk)
        return {"id": pk, "uri": api_uri(self.endpoint, pk), "pubstatus": "canceled"}


@dataclass(frozen=True)
class Followed:
    """One document that changed: its public content before and after (None: not public).

    With `unchanged`, a public row written directly whose document stayed the same (before is
    after): only followers that show more of the row than its partner document get these
    (the article page shows the dateline's date).
    """

    kind: str
    object_id: int
    before: dict | None
    after: dict | None
    unchanged: bool = False


@dataclass(frozen=True)
class Follower:
    """A table derived from documents: which of its keys changed documents touch, and how to
    bring those keys up to date (called once per write, after every document is stored)."""

    name: str
    kinds: tuple[str, ...]
    affected: Callable[[list[Followed]], Iterable]
    refresh: Callable[[set], None]
    # Of these kinds, also rows written whose documents did not change (Followed.unchanged).
    rows: tuple[str, ...] = ()


_kinds: dict[str, DocumentKind] = {}
_followers: dict[str, Follower] = {}
# Keys to refresh per follower, gathered over one write (or one publish_all).
_following: ContextVar[dict[str, set] | None] = ContextVar("changes_following", default=None)
# Called once after the commit of each transaction that appended changes (e.g. to wake the
# webhook dispatcher); registered by the apps that read the log.
_after_commit: list[Callable[[], None]] = []
# source kind -> [(dependent document kind, source ids -> dependent ids)]
_dependents: dict[str, list[tuple[str, Callable[[list[int]], Iterable[int]]]]] = {}


def register(document_kind: DocumentKind) -> None:
    _kinds[document_kind.kind] = document_kind


def after_commit(callback: Callable[[], None]) -> None:
    """Run callback after each commit that appended to the log."""
    if callback not in _after_commit:
        _after_commit.append(callback)


def depends_on(kind: str, *, source: str, resolve: Callable[[list[int]], Iterable[int]]) -> None:
    """Documents of `kind` show rows of `source`: resolve(source ids) gives their ids."""
    entry = (kind, resolve)
    if entry not in _dependents.setdefault(source, []):
        _dependents[source].append(entry)


def follow(follower: Follower) -> None:
    """Keep a derived table up to date; followers refresh in the order they were registered."""
    _followers[follower.name] = follower


@contextmanager
def following():
    """Refresh the followers once, on leaving, for every document changed inside."""
    if _following.get() is not None:
        yield
        return
    token = _following.set({})
    try:
        yield
        pending = _following.get()
    finally:
        _following.reset(token)
    # In the order the followers were registered, whatever order the documents came in: a
    # follower may read what an earlier one stores (article pages show meeting cards).
    for name, follower in _followers.items():
        if keys := pending.get(name):
            with transaction.atomic():
                follower.refresh(keys)


def _note_followed(items: list[Followed]) -> None:
    pending = _following.get()
    for follower in _followers.values():
        mine = [
            item
            for item in items
            if item.kind in follower.kinds and (item.kind in follower.rows or not item.unchanged)
        ]
        if not mine:
            continue
        keys = set(follower.affected(mine))
        if pending is None:
            if keys:
                follower.refresh(keys)
        else:
            pending.setdefault(follower.name, set()).update(keys)


def _is_followed(kind: str) -> bool:
    return any(kind in follower.kinds for follower in _followers.values())


def document_kind(kind: str) -> DocumentKind:
    return _kinds[kind]


def document_kinds() -> dict[str, DocumentKind]:
    return dict(_kinds)


Targets = dict[str, set[int]]


def affected(kind: str, ids: Iterable[int]) -> Targets:
    """Every document the rows (kind, ids) appear in, themselves included, followed transitively."""
    found: Targets = {}
    todo = [(kind, set(ids))]
    while todo:
        source, source_ids = todo.pop()
        new = source_ids - found.get(source, set())
        if not new:
            continue
        found.setdefault(source, set()).update(new)
        for dependent, resolve in _dependents.get(source, ()):
            todo.append((dependent, set(resolve(sorted(new)))))
    return {k: v for k, v in found.items() if k in _kinds and v}


def _merge(into: Targets, more: Targets) -> Targets:
    for kind, ids in more.items():
        into.setdefault(kind, set()).update(ids)
    return into


class Publishing:
    """The rows a service is writing; more can be added once they have ids (a create)."""

    def __init__(self, kind: str, ids: Iterable[int]):
        self.kind = kind
        self.ids = {pk for pk in ids if pk is not None}
        self.before = affected(kind, self.ids)

    def add(self, *ids: int) -> None:
        self.ids.update(pk for pk in ids if pk is not None)


_batch: ContextVar[tuple[Targets, Targets] | None] = ContextVar("changes_batch", default=None)


@contextmanager
def batch():
    """Publish once, on leaving, what every `publishing` block inside collected.

    For a request that writes in several steps (the admin saves a row, then its links and
    inlines, then logs): each document is rendered once, in its final state. Enter it inside
    the transaction it belongs to.
    """
    if _batch.get() is not None:
        yield
        return
    token = _batch.set(({}, {}))
    try:
        yield
        targets, direct = _batch.get()
    finally:
        _batch.reset(token)
    if targets:
        publish_targets(targets, direct=direct)


@contextmanager
def publishing(kind: str, ids: Iterable[int] = ()):
    """Wrap a write to rows (kind, ids): on leaving, every document it affects is published.

    The documents depending on the rows are found before the write (what a delete or an
    unlink takes out) and after it (what a create or a new link brings in).
    """
    with transaction.atomic():
        state = Publishing(kind, ids)
        yield state
        targets = _merge(state.before, affected(kind, state.ids))
        direct = {kind: set(state.ids)}
        if (pending := _batch.get()) is not None:
            _merge(pending[0], targets)
            _merge(pending[1], direct)
        else:
            publish_targets(targets, direct=direct)


def _stored_status(obj) -> str | None:
    """The publication status obj has in the database now (None: a new row, or no status)."""
    if obj.pk is None or not any(f.name == "status" for f in obj._meta.concrete_fields):
        return None
    return type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True).first()


def save_row(kind: str, obj, *, related: Callable[[], None] | None = None):
    """Save obj (then its links and children, `related`) and publish what that changes.

    A status arriving at or leaving "published" is written to the audit trail here, whichever
    service or admin path changed it.
    """
    with publishing(kind, [obj.pk]) as state:
        before = _stored_status(obj)
        obj.save()
        if related is not None:
            related()
        state.add(obj.pk)
        if hasattr(obj, "status") and (action := audit_action(before, obj.status)):
            audit.audit_editorial(action=action, obj=obj)
    return obj


def delete_row(kind: str, obj) -> None:
    """Delete obj (and what cascades from it), audit it and publish what that changes."""
    with publishing(kind, [obj.pk]):
        pk = obj.pk
        obj.delete()  # clears obj.pk
        audit.audit_editorial(action=AuditAction.DELETED, obj=obj, pk=pk)


def record(kind: str, ids: Iterable[int]) -> list[Change]:
    """Publish the documents of rows (kind, ids) already written, and their dependents."""
    ids = set(ids)
    return publish_targets(affected(kind, ids), direct={kind: ids})


def publish_targets(targets: Targets, *, direct: Targets | None = None) -> list[Change]:
    """Publish the rows written at once; a large fan-out of dependents goes to a task."""
    direct = direct or {}
    now = {kind: ids & direct.get(kind, set()) for kind, ids in targets.items()}
    later = {kind: ids - now[kind] for kind, ids in targets.items()}
    if sum(map(len, later.values())) <= FANOUT_INLINE_LIMIT:
        now, later = targets, {}
    changes = []
    # Every document first, then the tables that follow them: locks are taken in that order.
    with following():
        for kind, ids in sorted(now.items()):
            changes += publish(kind, ids, written=direct.get(kind, ()))
    if later := {kind: sorted(ids) for kind, ids in later.items() if ids}:
        transaction.on_commit(lambda: _enqueue_fanout(later))
    return changes


def _enqueue_fanout(targets: dict[str, list[int]]) -> None:
    from core.tasks import publish_documents

    for kind, ids in targets.items():
        for start in range(0, len(ids), FANOUT_BATCH):
            publish_documents.enqueue(kind=kind, ids=ids[start : start + FANOUT_BATCH])


def _content_hash(document: dict) -> str:
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass
class _Stored:
    """What publishing compares and advances of a stored document; its body only when a
    follower needs the content before the change."""

    id: int
    version: int
    sha256: str
    public: bool
    body: bytes | None


def _lock_documents(kind: str, ids: list[int], *, bodies: bool) -> dict[int, _Stored]:
    """The document rows of (kind, ids), created empty where missing, locked in id order.

    Locking before rendering is what keeps two concurrent writes to one document from
    storing a render that misses the other's change: the second waits here, then renders
    with the first one committed (each statement reads the latest committed rows).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_document (kind, object_id, version, sha256, body, public, updated_at)"
            " SELECT %s, pk, 0, '', ''::bytea, false, now() FROM unnest(%s::bigint[]) AS pk"
            " ON CONFLICT (kind, object_id) DO NOTHING",
            [kind, ids],
        )
        cursor.execute(
            f"SELECT object_id, id, version, sha256, public, {'body' if bodies else 'NULL'}"
            " FROM core_document WHERE kind = %s AND object_id = ANY(%s::bigint[])"
            " ORDER BY object_id FOR UPDATE",
            [kind, ids],
        )
        return {row[0]: _Stored(*row[1:]) for row in cursor.fetchall()}


def _store(kind: str, rows: list[tuple], at: datetime) -> list[Change]:
    """Write the new (document id, object id, version, sha256, body, public, action) rows and
    append their changes: one statement each, whatever the number of rows."""
    ids, object_ids, versions, digests, bodies, public, actions = map(list, zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_document d SET version = v.version, sha256 = v.sha256, body = v.body,"
            " public = v.public, updated_at = %s FROM unnest(%s::bigint[], %s::integer[],"
            " %s::varchar[], %s::bytea[], %s::boolean[]) AS v(id, version, sha256, body, public)"
            " WHERE d.id = v.id",
            [at, ids, versions, digests, bodies, public],
        )
        cursor.execute(
            "INSERT INTO core_change (kind, object_id, version, action)"
            " SELECT %s, * FROM unnest(%s::bigint[], %s::integer[], %s::varchar[])"
            " RETURNING id",
            [kind, object_ids, versions, actions],
        )
        change_ids = [row[0] for row in cursor.fetchall()]
    return [
        Change(id=pk, kind=kind, object_id=object_id, version=version, action=action)
        for pk, object_id, version, action in zip(
            change_ids, object_ids, versions, actions, strict=True
        )
    ]


def publish(kind: str, ids: Iterable[int], *, written: Iterable[int] = ()) -> list[Change]:
    """Render the documents (kind, ids) now; store and log those whose content changed.

    `written`: those of the ids whose rows were written (not only their dependencies): even
    with their documents unchanged, the pages showing them are refreshed.
    """
    spec = _kinds[kind]
    ids = sorted(set(ids))
    if not ids:
        return []
    written = set(written)
    watched = _is_followed(kind)
    with transaction.atomic():
        documents = _lock_documents(kind, ids, bodies=watched)
        # Partner documents are in the site's language whatever the request's: an edit made
        # from a page under /az/ must not rename the countries in every copy.
        with translation.override(settings.LANGUAGE_CODE):
            rendered = spec.render(ids)
        at = timezone.now()
        rows, followed, rewritten = [], [], False
        for pk in ids:
            doc = documents[pk]
            content = rendered.get(pk)
            before = orjson.loads(doc.body) if watched and doc.public else None
            if content is None:
                if not doc.public:
                    continue  # never public, or already gone
                action, public, digest = ChangeAction.LEFT, False, ""
                body = orjson.dumps(spec.canceled(pk))
            else:
                digest = _content_hash(content)
                if doc.public and doc.sha256 == digest:  # rendered again, same document
                    if pk in written:
                        rewritten = True
                        if watched:
                            followed.append(Followed(kind, pk, before, before, unchanged=True))
                    continue
                action = ChangeAction.CHANGED if doc.public else ChangeAction.ENTERED
                public = True
                body = orjson.dumps(spec.stamp(content, doc.version + 1, at))
            if watched:
                followed.append(Followed(kind, pk, before, content))
            rows.append((doc.id, pk, doc.version + 1, digest, body, public, action))
        changes = _store(kind, rows, at) if rows else []
        if rows or rewritten:
            from core.cache import bump_on_commit

            bump_on_commit()
        if changes:
            for callback in _after_commit:
                transaction.on_commit(callback)
        if followed:
            _note_followed(followed)
    return changes


def publish_all(kinds: Iterable[str] | None = None) -> int:
    """Render every public object's document (and retire documents gone public-less).

    For a fresh database, a restore or a bulk load; a no-op where nothing changed.
    Returns the number of changes appended.
    """
    appended = 0
    with following():
        appended = _publish_every(kinds)
    return appended


def _publish_every(kinds: Iterable[str] | None) -> int:
    appended = 0
    for kind in sorted(kinds or _kinds):
        spec = _kinds[kind]
        ids = set(spec.public().values_list("pk", flat=True)) if spec.public else set()
        ids |= set(
            Document.objects.filter(kind=kind, public=True).values_list("object_id", flat=True)
        )
        ordered = sorted(ids)
        for start in range(0, len(ordered), FANOUT_BATCH):
            appended += len(publish(kind, ordered[start : start + FANOUT_BATCH]))
    return appended


def serialized(serializer_class, public: Callable[[], object]) -> Callable[[list[int]], dict]:
    """A render function from a DRF serializer over the public queryset `public()`.

    The serializer's `updated_at` becomes the time of the document's version, and a
    `version` is added: both are filled in when the document is stored.
    """

    def render(ids: list[int]) -> dict[int, dict]:
        rows = public().filter(pk__in=ids)
        documents = {}
        for obj in rows:
            data = dict(serializer_class(obj).data)
            data["version"] = None
            data["updated_at"] = None
            documents[obj.pk] = data
        return documents

    return render
