"""Admin pieces the editorial apps share: folded search, history with restore of deleted rows."""

import functools
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import (
    FieldDoesNotExist,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.admin import SimpleHistoryAdmin

from core import audit, changes, lockouts
from core.editors import EDITORS_GROUP
from core.filters import QuickSelect
from core.history import HistoryFoldingMixin, history_fold, latest_history_id
from core.models import AuditAction, AuditEvent

# A cascade deletes the children a moment before their parent; rows deleted this close to the
# parent are taken to have gone with it.
CASCADE_WINDOW = timedelta(seconds=30)
RESTORE_REASON = "Restored from deletion"


class FoldedSearchMixin:
    """Search that also matches the model's folded names: 'Guler' finds 'Güler', aliases too.

    The model's QuerySet must offer matching(q). The admin's own search_fields still apply
    (slugs, acronyms), so a row is found by either; the autocomplete endpoint uses this too.
    """

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return results, may_have_duplicates
        folded = queryset.matching(search_term)
        # Sub-selects keep the filters already applied and cannot duplicate rows.
        combined = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=folded.values("pk")))
        return combined, False


def distinct_values(model, field_name: str) -> list:
    """The distinct values of an indexed column, hopping through its index from one to the next.

    A "loose index scan": one index probe per distinct value, so sixty countries cost sixty
    probes however many rows use them, where SELECT DISTINCT reads every row. The column
    needs an index that starts with it.
    """
    connection = connections[router.db_for_read(model)]
    quote = connection.ops.quote_name
    column, table = quote(model._meta.get_field(field_name).column), quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE v(x) AS (SELECT MIN({column}) FROM {table} "
            f"UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > v.x) "
            "FROM v WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL"
        )
        return [row[0] for row in cursor.fetchall()]


class LinkedOnlyFieldListFilter(admin.RelatedFieldListFilter):
    """The related objects linked to at least one row, found with an indexed EXISTS each.

    Django's RelatedOnlyFieldListFilter asks for DISTINCT over every row of the changelist
    joined to the link table, which reads the whole table on a large archive.
    """

    def field_choices(self, field, request, model_admin):
        if field.many_to_many:
            links = field.remote_field.through._default_manager.filter(
                **{field.m2m_reverse_field_name(): OuterRef("pk")}
            )
        else:
            links = field.model._default_manager.filter(**{field.name: OuterRef("pk")})
        related = field.related_model._default_manager.filter(Exists(links))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in related]


def _is_country_field(model, name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), CountryField)
    except FieldDoesNotExist:
        return False


class CountryInvolvedFilter(admin.SimpleListFilter):
    """Countries that occur in the rows, filtered through a named QuerySet method."""

    title = "country"
    parameter_name = "country"
    # (field paths to read the countries in use from, QuerySet method taking a code)
    country_fields: tuple[str, ...] = ("country",)
    queryset_method = "about_country"

    def lookups(self, request, model_admin):
        codes = set()
        for field_path in self.country_fields:
            model, name = model_admin.model, field_path
            if "__" in name:  # one relation away: "countries__country" -> ArticleCountry.country
                relation, name = name.split("__", 1)
                model = model._meta.get_field(relation).related_model
            codes.update(distinct_values(model, name))
        codes.discard("")
        codes.discard(None)
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return getattr(queryset, self.queryset_method)(self.value())


# Restoring deleted rows from their history ----------------------------------------------------


def _history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def deleted_records(model):
    """The latest deletion record of each row of model that is gone and not yet restored."""
    history = _history_model(model)
    pk_name = model._meta.pk.attname
    records = (
        history.objects.filter(history_type="-")
        .exclude(**{f"{pk_name}__in": model._default_manager.values("pk")})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    latest, seen = [], set()
    for record in records:
        key = getattr(record, pk_name)
        if key not in seen:
            seen.add(key)
            latest.append(record)
    return latest


def _last_state_before(record):
    """The record's previous save, which still carries the many-to-many links it had."""
    history = _history_model(record.instance_type)
    pk_name = record.instance_type._meta.pk.attname
    return (
        history.objects.filter(
            **{pk_name: getattr(record, pk_name)}, history_date__lte=record.history_date
        )
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )


def _historical_links(record) -> dict[str, list]:
    """{m2m field name: ids of the rows still existing} as of the save before record."""
    before = _last_state_before(record)
    return {} if before is None else record_links(before)


def record_links(record) -> dict[str, list]:
    """{m2m field name: ids of the rows still existing} as a historical record lists them."""
    links = {}
    for field in record._history_m2m_fields:
        m2m_history = getattr(type(record), field.name).model
        target_attname = f"{field.m2m_reverse_field_name()}_id"
        ids = m2m_history.objects.filter(history=record).values_list(target_attname, flat=True)
        existing = field.related_model._default_manager.filter(pk__in=list(ids))
        links[field.name] = list(existing.values_list("pk", flat=True))
    return links


def _restore_links_to(obj) -> None:
    """Re-add links other rows held to obj, where their latest history still lists them.

    Deleting a row silently drops the link-table rows pointing at it (an article's tag of a
    meeting) without a history record on the other side, so that side's last record is still
    the state to return to.
    """
    for relation in obj._meta.related_objects:
        field = relation.field
        owner = field.model
        if not relation.many_to_many or not hasattr(
            owner._meta, "simple_history_manager_attribute"
        ):
            continue
        owner_history = _history_model(owner)
        if field.name not in {f.name for f in owner_history._history_m2m_fields}:
            continue
        m2m_history = getattr(owner_history, field.name).model
        listing = set(
            m2m_history.objects.filter(
                **{f"{field.m2m_reverse_field_name()}_id": obj.pk}
            ).values_list("history_id", flat=True)
        )
        owner_ids = owner_history.objects.filter(history_id__in=listing).values_list(
            owner._meta.pk.attname, flat=True
        )
        for owner_obj in owner._default_manager.filter(pk__in=set(owner_ids)):
            history = getattr(owner_obj, owner._meta.simple_history_manager_attribute)
            latest = history.order_by("-history_date", "-history_id").first()
            if latest is not None and latest.history_id in listing:
                owner_obj._change_reason = f"{RESTORE_REASON}: {obj}"
                getattr(owner_obj, field.name).add(obj)


def _cascaded_children(record, relations: tuple[str, ...]):
    """Deletion records of child rows that went with record's row (same parent, same moment)."""
    model = record.instance_type
    parent_pk = getattr(record, model._meta.pk.attname)
    for name in relations:
        relation = model._meta.get_field(name)
        child_model = relation.related_model
        child_history = _history_model(child_model)
        candidates = child_history.objects.filter(
            history_type="-",
            **{relation.field.attname: parent_pk},
            history_date__gte=record.history_date - CASCADE_WINDOW,
            history_date__lte=record.history_date + CASCADE_WINDOW,
        ).order_by("-history_date", "-history_id")
        candidates = list(candidates)
        pk_name = child_model._meta.pk.attname
        seen = set(
            child_model._default_manager.filter(
                pk__in={getattr(c, pk_name) for c in candidates}
            ).values_list("pk", flat=True)
        )  # rows back already count as seen
        for child in candidates:
            if getattr(child, pk_name) not in seen:
                seen.add(getattr(child, pk_name))
                yield child


def _recreate(record, user) -> models.Model:
    obj = record.instance
    obj._state.adding = True
    obj._history_user = user
    obj._change_reason = RESTORE_REASON
    obj.full_clean()
    obj.save(force_insert=True)
    # auto_now_add stamps the insert with the present; the row keeps its first creation time.
    kept = {
        f.attname: getattr(record, f.attname)
        for f in obj._meta.concrete_fields
        if getattr(f, "auto_now_add", False)
    }
    if kept:
        type(obj)._default_manager.filter(pk=obj.pk).update(**kept)
    for name, ids in _historical_links(record).items():
        getattr(obj, name).set(ids)
    _restore_links_to(obj)
    return obj


def deleted_object_restore(*, record, user=None, children: tuple[str, ...] = ()) -> dict:
    """Recreate a deleted row with its old id, fields and links, and the children deleted with it.

    Returns {"object": the row, "children": rows restored, "skipped": [(record, reason)]}.
    Raises ValidationError if the row itself cannot come back (e.g. its slug is taken now).
    """
    restored, skipped = [], []
    with transaction.atomic():
        try:
            obj = _recreate(record, user)
        except IntegrityError as error:
            raise ValidationError(f"The database refused the row: {error}") from error
        for child in list(_cascaded_children(record, children)):
            try:
                with transaction.atomic():
                    restored.append(_recreate(child, user))
            except (ValidationError, IntegrityError) as error:
                skipped.append((child, _error_text(error)))
        audit.audit_editorial(action=AuditAction.RESTORED, obj=obj)
    return {"object": obj, "children": restored, "skipped": skipped}


def record_label(record, *, parent=None) -> str:
    """A deleted row's name, or its kind and id when the name needs a row that is gone too.

    parent: the deleted row a child went with, lent to the child so its name can use it.
    """
    instance = record.instance
    if parent is not None:
        for field in instance._meta.concrete_fields:
            if field.many_to_one and isinstance(parent, field.related_model):
                if getattr(instance, field.attname) == parent.pk:
                    setattr(instance, field.name, parent)
    try:
        return str(instance)
    except ObjectDoesNotExist:
        meta = record.instance_type._meta
        return f"{meta.verbose_name} #{getattr(record, meta.pk.attname)}"


def _display_value(instance, field) -> str:
    try:
        value = getattr(instance, field.name)
    except ObjectDoesNotExist:
        return f"#{getattr(instance, field.attname)} (deleted)"
    return display_for_field(value, field, "—")


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    return {code: str(name) for code, name in countries}


@functools.cache
def _country_column(model, name: str):
    """A changelist column showing a country's name without building the list of all countries.

    Django's display_for_field looks a value up in the field's flattened choices, which
    django-countries rebuilds (some 250 entries) for every cell: a 100-row list with two
    country columns spent most of its time there.
    """
    field = model._meta.get_field(name)

    @admin.display(description=field.verbose_name, ordering=name)
    def column(obj):
        code = getattr(obj, name).code
        return _country_names(get_language()).get(code, code) or "-"

    column.__name__ = name
    return column


class QuickCountryMenus:
    """Country menus written out in Python (QuickSelect), not through a template per option.

    A country is a menu of 250 options and a meeting's form has one per participant row.
    (Fields with choices skip formfield_overrides in the admin, hence this hook.)
    """

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField):
            kwargs.setdefault("widget", QuickSelect)
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class EditorialAdmin(QuickCountryMenus, HistoryFoldingMixin, SimpleHistoryAdmin):
    """History with revert (simple_history), plus a 'Deleted' list to bring rows back.

    Every write goes through the model's service (`save_row`, `delete_row`, which subclasses
    point at their app's services.py), and each view that writes publishes what it changed
    once, in its own transaction (core.changes.batch): the row, its links and inlines,
    then every document that shows them.
    """

    change_kind: str = ""  # the rows' kind in the change log (core.changes)

    def save_row(self, obj) -> None:
        raise NotImplementedError(f"{type(self).__name__} names no save service")

    def delete_row(self, obj) -> None:
        raise NotImplementedError(f"{type(self).__name__} names no delete service")

    def _publishing_view(self, view, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.model)), changes.batch():
            since = latest_history_id(self.model)
            response = view(*args, **kwargs)
            # One history entry per save, its many-to-many changes folded in.
            history_fold(model=self.model, since_id=since)
            return response

    def changeform_view(self, *args, **kwargs):
        return self._publishing_view(super().changeform_view, *args, **kwargs)

    def delete_view(self, *args, **kwargs):
        return self._publishing_view(super().delete_view, *args, **kwargs)

    def history_form_view(self, *args, **kwargs):
        return self._publishing_view(self._history_form_view, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        self.save_row(obj)

    def save_related(self, request, form, formsets, change):
        with changes.publishing(self.change_kind, [form.instance.pk]):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        obj._history_user = request.user
        self.delete_row(obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def action_checkbox(self, obj):
        # The same markup as Django's, without rendering a form widget template for every row
        # (a fifth of a changelist's time).
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def get_list_display(self, request):
        return [
            _country_column(self.model, name)
            if isinstance(name, str) and _is_country_field(self.model, name)
            else name
            for name in super().get_list_display(request)
        ]

    change_list_template = "admin/core/change_list.html"
    # Fifty rows a page: rendering a row costs more than fetching it, and editors page or search.
    list_per_page = 50
    # One count a list, not two: Django counts the filtered rows for the paginator and, for
    # "(N total)", every row again; on 100,000 articles each is a scan of an index. A filtered
    # list offers "Show all" instead of the total.
    show_full_result_count = False
    # A pasted bare address ('example.org') means https, as it will from Django 6.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Reverse one-to-many relations whose rows a deletion takes with it (CASCADE), to restore
    # together with the row: ("aliases", "positions").
    restore_children: tuple[str, ...] = ()

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        # Before the model's own URLs: its catch-all '<object_id>/' would take 'deleted/'.
        return [
            path("deleted/", view(self.deleted_view), name=f"{prefix}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                view(self.restore_view),
                name=f"{prefix}_restore",
            ),
        ] + super().get_urls()

    def _admin_url(self, name: str, *args) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    def _is_valid_pk(self, object_id: str) -> bool:
        """Whether an address's object id could be a primary key at all ('abc' for an int: no)."""
        try:
            self.opts.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError):
            return False
        return True

    def history_view(self, request, object_id, extra_context=None):
        # simple_history filters the history by the raw id, which for "abc" raises a ValueError
        # (a 500); Django's own views answer such an id with "doesn't exist" and the index.
        if not self._is_valid_pk(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def _history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._is_valid_pk(object_id) or not (
            str(version_id).isascii() and str(version_id).isdigit()
        ):
            raise Http404("No such version.")
        # simple_history fills an old version's form from the row as it was, but its tags
        # (many-to-many fields) from the row as it is now, so a revert would keep today's
        # tags. The links recorded with that version are handed to get_form instead.
        record = _history_model(self.model).objects.filter(
            **{self.opts.pk.attname: object_id, "history_id": version_id}
        )
        record = record.first()
        if record is not None:
            request.history_links = record_links(record)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        links = getattr(request, "history_links", None)
        if not links:
            return form

        class VersionForm(form):
            def __init__(self, *args, **kw):
                kw["initial"] = {**links, **(kw.get("initial") or {})}
                super().__init__(*args, **kw)

        return VersionForm

    def restore_object(self, *, record, user) -> dict:
        """Recreate the deleted row of record (a model's admin may name its service instead)."""
        return deleted_object_restore(record=record, user=user, children=self.restore_children)

    def has_restore_permission(self, request) -> bool:
        return self.has_add_permission(request) and self.has_view_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_restore_permission": self.has_restore_permission(request),
            **(extra_context or {}),
        }
        # Actions and list_editable write here.
        return self._publishing_view(super().changelist_view, request, extra_context)

    def deleted_view(self, request):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        records = deleted_records(self.model)
        rows = [
            {
                "record": record,
                "label": record_label(record),
                "restore_url": self._admin_url("restore", record.history_id),
            }
            for record in records
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "rows": rows,
            "changelist_url": self._admin_url("changelist"),
        }
        return TemplateResponse(request, "admin/core/deleted_list.html", context)

    def restore_view(self, request, history_id):
        return self._publishing_view(self._restore_view, request, history_id)

    def _restore_view(self, request, history_id):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        history = _history_model(self.model)
        record = get_object_or_404(history, history_id=history_id, history_type="-")
        pk = getattr(record, self.opts.pk.attname)
        if self.model._default_manager.filter(pk=pk).exists():
            raise Http404("This row exists again; there is nothing to restore.")
        deleted_url = self._admin_url("deleted")
        if request.method == "POST":
            try:
                with changes.publishing(self.change_kind, [pk]):
                    result = self.restore_object(record=record, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"“{record_label(record)}” could not be restored: {_error_text(error)}",
                    messages.ERROR,
                )
                return HttpResponseRedirect(deleted_url)
            obj = result["object"]
            self.log_addition(request, obj, [{"added": {}}])
            note = f" with {len(result['children'])} related rows" if result["children"] else ""
            self.message_user(request, f"“{obj}” was restored{note}.", messages.SUCCESS)
            for child, reason in result["skipped"]:
                self.message_user(
                    request,
                    f"“{record_label(child)}” ({child.instance_type._meta.verbose_name}) "
                    f"was not restored: {reason}",
                    messages.WARNING,
                )
            return HttpResponseRedirect(self._admin_url("change", obj.pk))
        instance = record.instance
        fields = [
            (f.verbose_name, _display_value(instance, f))
            for f in self.opts.concrete_fields
            if f.editable and not f.primary_key
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore {self.opts.verbose_name} “{record_label(record)}”",
            "opts": self.opts,
            "record": record,
            "fields": fields,
            "children": [
                (child.instance_type._meta.verbose_name, record_label(child, parent=instance))
                for child in _cascaded_children(record, self.restore_children)
            ],
            "deleted_url": deleted_url,
            "changelist_url": self._admin_url("changelist"),
        }
        return TemplateResponse(request, "admin/core/restore_confirm.html", context)


lockouts.register(admin.site)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: superusers and editors read it, nobody edits it."""

    list_display = ["at", "action", "username", "where", "object_link"]
    list_filter = ["action", "origin", "at"]
    search_fields = ["username", "ip_address", "object_repr"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description="from", ordering="ip_address")
    def where(self, event):
        return event.ip_address or event.get_origin_display()

    @admin.display(description="object")
    def object_link(self, event):
        if not event.object_kind:
            return "-"
        app_label, _, model_name = event.object_kind.partition(".")
        name = "history" if event.action != "deleted" else "deleted"
        try:
            if name == "history":
                url = reverse(f"admin:{app_label}_{model_name}_history", args=[event.object_id])
            else:
                url = reverse(f"admin:{app_label}_{model_name}_deleted")
        except NoReverseMatch:
            return event.object_repr
        return format_html('<a href="{}">{}</a>', url, event.object_repr)

    def _can_read(self, request) -> bool:
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and (user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists())
        )

    def has_module_permission(self, request):
        return self._can_read(request)

    def has_view_permission(self, request, obj=None):
        return self._can_read(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
