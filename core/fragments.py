"""Parts of public pages rendered on write: stored per object and interface language.

A list item that many pages show (a meeting's card: who met whom, the principals, date and
place) costs far more to render from its rows on every request than to read once rendered.
A kind registers how to load its public rows and render one row's parts in the active
language; the app calls `refresh` from a change-log follower (core.changes.follow), in the
transaction of the change, whenever a document the parts show changes. `refresh` renders the
rows in every language of settings.LANGUAGES, or removes the parts of rows no longer public.

`parts` reads them for a page. Each row carries the stamp of the templates and catalogues it
was rendered with; a row with another stamp (a deploy changed them) or none at all is
rendered on the spot instead, so a page never shows stale parts, and `manage.py
publish_documents` stores them all again.

A kind may also name the view of the object's page (`view`, a StoredPartsMixin): then the
whole page is stored too, rendered by that view in each language with its live sections
(what depends on other objects' status) left as slots, and the view answers a plain GET
from that row, filling the slots, in one query for the page and one per slot.
"""

import hashlib
import importlib.util
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django
import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from core import changes
from core.models import Fragment


@dataclass(frozen=True)
class FragmentKind:
    kind: str  # "meeting"
    public: Callable[[], QuerySet]  # the rows the public may see now
    # a QuerySet of those rows -> the same with what the templates read fetched along
    prefetch: Callable[[QuerySet], QuerySet]
    parts: dict[str, str]  # part name -> the template rendering it, with the row as `name`
    name: str  # what the templates call the row ("meeting")
    included: tuple[str, ...] = ()  # templates the parts' templates include
    # Called with the loaded rows, in each language before they render: attaches what the
    # templates read that is not a relation (e.g. the parts of another kind).
    prepare: Callable[[list], None] | None = None
    code: tuple[str, ...] = ()  # modules (beyond Django's) whose output the parts show
    # The dotted path of the page's view (a StoredPartsMixin) when the whole page is stored
    # too, and the templates that page is rendered from beyond the parts'.
    view: str = ""
    page_templates: tuple[str, ...] = ()

    def render(self, row) -> dict[str, str]:
        """The row's parts in the active language (a prepared row: see `render_rows`)."""
        return {
            part: get_template(template).render({self.name: row}).strip()
            for part, template in self.parts.items()
        }


_kinds: dict[str, FragmentKind] = {}


def register(fragment_kind: FragmentKind) -> None:
    _kinds[fragment_kind.kind] = fragment_kind


def kinds() -> list[str]:
    return sorted(_kinds)


def _language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


# What every kind's parts are rendered with: the addresses of the pages they link to.
COMMON_CODE = ("core.links",)


def stamp(kind: str, language: str) -> str:
    """What the parts of `kind` in `language` are rendered from: the templates' sources, the
    code they call, the language's catalogues and Django's version (its own catalogues:
    month names); for a page stored whole, the site's address too."""
    return _stamp(kind, language, settings.SITE_URL)


@cache
def _stamp(kind: str, language: str, site_url: str) -> str:
    digest = hashlib.sha256(django.get_version().encode())
    spec = _kinds[kind]
    for name in (*spec.parts.values(), *spec.included, *spec.page_templates):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    page_code = (spec.view.rpartition(".")[0], *settings.STORED_PAGE_CODE) if spec.view else ()
    for module in (*COMMON_CODE, *spec.code, *page_code):
        digest.update(Path(importlib.util.find_spec(module).origin).read_bytes())
    if spec.view:
        # A stored page names the site's address and its static files' (hashed) names.
        digest.update(site_url.encode())
        if isinstance(staticfiles_storage, ManifestFilesMixin):
            digest.update((staticfiles_storage.read_manifest() or "").encode())
    for base in settings.LOCALE_PATHS:
        catalogue = Path(base) / translation.to_locale(language) / "LC_MESSAGES" / "django.mo"
        if catalogue.exists():
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()


def _load(spec: FragmentKind, ids: list[int]) -> list:
    return list(spec.prefetch(spec.public().filter(pk__in=ids)))


def _rendered(spec: FragmentKind, rows: list) -> dict[int, dict[str, str]]:
    if spec.prepare and rows:
        spec.prepare(rows)
    return {row.pk: spec.render(row) for row in rows}


def _stored(spec: FragmentKind, rows: list) -> dict[int, dict[str, str]]:
    """What is stored of the rows in the active language: their parts, and their whole
    pages where the kind names its view."""
    rendered = _rendered(spec, rows)
    if spec.view:
        view = import_string(spec.view)
        for row in rows:
            row.page = _safe(rendered[row.pk])
            rendered[row.pk] |= view.stored_parts(row)
    return rendered


def render_stored(kind: str, rows) -> dict[int, dict[str, str]]:
    """What `refresh` would store of these rows (loaded with the kind's prefetch) in the
    active language, rendered now: to check what is stored."""
    return _stored(_kinds[kind], list(rows))


def render_rows(kind: str, rows) -> dict[int, dict[str, SafeString]]:
    """The parts of these rows (loaded with the kind's prefetch) rendered now in the active
    language, public or not: for an editor's preview, never stored."""
    rendered = _rendered(_kinds[kind], list(rows))
    return {pk: _safe(value) for pk, value in rendered.items()}


def _safe(parts: dict[str, str]) -> dict[str, SafeString]:
    # Safe: rendered by our templates, which escape every value.
    return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308


BATCH = 500  # rows rendered and stored per statement
# Above this many rows, a change's request only removes their stored parts (pages render
# those rows on the spot meanwhile) and a background task renders them again.
INLINE_LIMIT = 200


# Set by `inline()`: a bulk load renders every part itself, however many.
_inline: ContextVar[bool] = ContextVar("fragments_inline", default=False)


@contextmanager
def inline():
    """Render every part refreshed inside now, however many: for bulk loads and commands,
    which have no editor waiting and may have no worker running yet."""
    token = _inline.set(True)
    try:
        yield
    finally:
        _inline.reset(token)


def refresh(kind: str, ids: Iterable[int]) -> None:
    """Render the parts of (kind, ids) in every language and store them; remove the parts of
    those of the ids that are not public now."""
    ids = sorted(set(ids))
    if len(ids) > INLINE_LIMIT and not _inline.get():
        Fragment.objects.filter(kind=kind, object_id__in=ids).delete()
        transaction.on_commit(lambda: _enqueue(kind, ids))
        return
    render_now(kind, ids)


def render_now(kind: str, ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        _refresh(_kinds[kind], ids[start : start + BATCH])


def _enqueue(kind: str, ids: list[int]) -> None:
    from core.tasks import render_fragments  # the tasks module imports this one

    for start in range(0, len(ids), BATCH):
        render_fragments.enqueue(kind=kind, ids=ids[start : start + BATCH])


def _lock(kind: str, ids: list[int]) -> None:
    """Lock the rows' parts (placeholders where missing, which no reader takes for current).

    Taken before reading the rows, so that of two refreshes of one object (an editor's
    change and a background task) the second renders with the first one committed.
    """
    table = Fragment._meta.db_table
    languages = _language_codes()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, object_id, language, stamp, parts)"
            " SELECT %s, pk, language, '', '{}'::jsonb"
            " FROM unnest(%s::bigint[]) AS pk, unnest(%s::varchar[]) AS language"
            " ON CONFLICT (kind, language, object_id) DO NOTHING",
            [kind, ids, languages],
        )
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE kind = %s AND object_id = ANY(%s::bigint[])"
            " ORDER BY object_id, language FOR UPDATE",
            [kind, ids],
        )


def _refresh(spec: FragmentKind, ids: list[int]) -> None:
    _lock(spec.kind, ids)
    rows = _load(spec, ids)
    public = [row.pk for row in rows]
    values = []
    for language in _language_codes():
        with translation.override(language):
            rendered = _stored(spec, rows)
        values += [
            (pk, language, stamp(spec.kind, language), orjson.dumps(parts).decode())
            for pk, parts in rendered.items()
        ]
    table = Fragment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE kind = %s AND object_id = ANY(%s::bigint[])"
            " AND NOT object_id = ANY(%s::bigint[])",
            [spec.kind, ids, public],
        )
        if values:
            object_ids, languages, stamps, parts = map(list, zip(*values, strict=True))
            cursor.execute(
                f"INSERT INTO {table} (kind, object_id, language, stamp, parts)"
                " SELECT %s, * FROM unnest(%s::bigint[], %s::varchar[], %s::varchar[],"
                " %s::jsonb[]) ON CONFLICT (kind, language, object_id)"
                " DO UPDATE SET stamp = EXCLUDED.stamp, parts = EXCLUDED.parts",
                [spec.kind, object_ids, languages, stamps, parts],
            )


def refresh_all(kind: str) -> None:
    """The parts of every public row that has none, or has some from other templates or
    catalogues, in any language (a deploy, a new table); none for the other rows.

    Rows whose parts are current are left alone: the change log keeps those up to date, so a
    second run, or one right after publish_all rendered them, renders nothing.
    """
    public = sorted(_kinds[kind].public().values_list("pk", flat=True))
    current: dict[int, int] = {}
    stamps = {language: stamp(kind, language) for language in _language_codes()}
    for object_id, language, row_stamp in Fragment.objects.filter(kind=kind).values_list(
        "object_id", "language", "stamp"
    ):
        if stamps.get(language) == row_stamp:
            current[object_id] = current.get(object_id, 0) + 1
    render_now(kind, [pk for pk in public if current.get(pk) != len(stamps)])
    Fragment.objects.filter(kind=kind).exclude(object_id__in=public).delete()


def current_language() -> str:
    """The active language as one of settings.LANGUAGES (LANGUAGE_CODE when none matches)."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    codes = _language_codes()
    if active in codes:
        return active
    prefix = active.split("-")[0]
    return next((code for code in codes if code.split("-")[0] == prefix), settings.LANGUAGE_CODE)


def parts(kind: str, ids: Iterable[int]) -> dict[int, dict[str, SafeString]]:
    """The stored parts of the public ones of (kind, ids) in the active language; those not
    stored, or stored from other templates or catalogues, rendered now."""
    spec = _kinds[kind]
    ids = sorted(set(ids))
    if not ids:
        return {}
    language = current_language()
    found = {
        object_id: value
        for object_id, value in Fragment.objects.filter(
            kind=kind, language=language, stamp=stamp(kind, language), object_id__in=ids
        ).values_list("object_id", "parts")
    }
    if missing := [pk for pk in ids if pk not in found]:
        with translation.override(language):
            found.update(_rendered(spec, _load(spec, missing)))
    return {pk: _safe(value) for pk, value in found.items()}


def stored_page(kind: str, **lookup) -> tuple[int, dict] | None:
    """The id and stored parts of the public row of `kind` matching `lookup` (slug=...) in the
    active language, when they hold its whole page (`document`) rendered from the present
    templates and catalogues; None otherwise."""
    language = current_language()
    found = (
        Fragment.objects.filter(
            kind=kind,
            language=language,
            stamp=stamp(kind, language),
            object_id__in=_kinds[kind].public().filter(**lookup).values("pk"),
        )
        .values_list("object_id", "parts")
        .first()
    )
    return found if found and "document" in found[1] else None


def slot(name: str) -> SafeString:
    """Where a stored page's live section `name` goes (filled by StoredPartsMixin.get)."""
    return mark_safe(f"<!--slot:{name}-->")  # noqa: S308


class StoredPartsMixin:
    """For a DetailView of an object whose page parts are stored: the object comes with
    `page`, its parts of `parts_kind` in the active language (rendered now where not stored).
    With `render_parts_now` (an editor's preview), they are rendered now, public or not, from
    the object fetched with the kind's prefetch.

    Where the kind names this view, the whole page is stored as well (`stored_parts`, called
    in the refresh of the parts) and a GET without a query string is answered from it. The
    view's `live` lists its live sections: `section(name, object_id, parts)` renders one, for
    the stored page as for the rendered one, where `stored` tells the template to leave a
    slot instead."""

    parts_kind: str
    render_parts_now = False
    live: tuple[str, ...] = ()
    # The row's fields its live sections show (a name, a slug): stored with its page.
    stand_in_fields: tuple[str, ...] = ()
    stored = False  # rendering the page to store: live sections become slots

    def get(self, request, *args, **kwargs):
        if not self.render_parts_now and not request.GET:
            found = stored_page(self.parts_kind, slug=kwargs[self.slug_url_kwarg])
            if found:
                object_id, stored_parts = found
                document = stored_parts["document"]
                for name in self.live:
                    section = self.section(name, object_id, stored_parts)
                    document = document.replace(slot(name), section, 1)
                return HttpResponse(document)
        return super().get(request, *args, **kwargs)

    def section(self, name: str, object_id: int, stored_parts: dict) -> str:
        raise NotImplementedError(f"{type(self).__name__} must render its section {name}")

    def stand_in(self, object_id: int, stored_parts: dict):
        """The row as its live sections read it: built from what its stored page holds of it
        (`stand_in_fields`), or the row itself when the page is rendered from it."""
        if not stored_parts:
            return self.object
        fields = {field: stored_parts[field] for field in self.stand_in_fields}
        return self.get_queryset().model(pk=object_id, **fields)

    def get_context_data(self, **kwargs):
        """With the live sections by name: slots when storing, else rendered now."""
        if self.stored:
            sections = {name: slot(name) for name in self.live}
        else:
            sections = {name: self.section(name, self.object.pk, {}) for name in self.live}
        return super().get_context_data(**kwargs) | sections

    @classmethod
    def stored_parts(cls, row) -> dict[str, str]:
        """What is stored of the row's page in the active language beside its parts: the
        whole page, rendered as a reader's plain GET of its address would be."""
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = row.get_absolute_url()
        request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
        request.user = AnonymousUser()
        request.LANGUAGE_CODE = translation.get_language()
        view = cls(stored=True)
        view.setup(request, **{cls.slug_url_kwarg: row.slug})
        view.object = row
        response = view.render_to_response(view.get_context_data(object=row))
        fields = {field: getattr(row, field) for field in cls.stand_in_fields}
        return {"document": response.render().content.decode(), **fields}

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.render_parts_now:
            obj.page = render_rows(self.parts_kind, [obj])[obj.pk]
        else:
            obj.page = parts(self.parts_kind, [obj.pk]).get(obj.pk, {})
        return obj


def follow(name: str, kind: str, affected: dict[str, Callable[[list], Iterable[int]]]) -> None:
    """Render the parts of `kind` again, in the transaction of each change, for the ids
    touched by the changed documents: `affected` maps a document kind to a function of the
    changed documents of that kind (core.changes.Followed) giving the ids they touch."""

    def touched(items) -> set[int]:
        found = set()
        for document_kind, resolve in affected.items():
            if mine := [item for item in items if item.kind == document_kind]:
                found.update(resolve(mine))
        return found

    changes.follow(
        changes.Follower(
            name=name,
            kinds=tuple(affected),
            affected=touched,
            refresh=lambda ids: refresh(kind, ids),
        )
    )


def changed(items, *, not_shown: set[str]) -> set[int]:
    """The ids of the followed documents (core.changes.Followed) that changed in a field
    other than `not_shown`, or entered or left the public set: those whose parts to render."""

    def shown(document):
        if document is None:
            return None
        return {field: value for field, value in document.items() if field not in not_shown}

    return {item.object_id for item in items if shown(item.before) != shown(item.after)}


def attach(kind: str, rows) -> list:
    """The rows as a list, each with `card`: its parts in the active language (the public
    ones; any other gets none)."""
    rows = list(rows)
    found = parts(kind, [row.pk for row in rows])
    for row in rows:
        row.card = found.get(row.pk, {})
    return rows
