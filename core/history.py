"""History as the desk worked: one entry per save, and any two versions side by side.

simple_history writes a record when a row is saved and another each time one of its
many-to-many fields changes, so one admin save of an article with five tag fields left up to
six entries. HistoryFoldingMixin folds the records one admin view wrote for a row into its
last one (which holds the final fields and links), keeping the first one's kind (added or
changed) and every change reason. The compare view shows two chosen versions field by field.
"""

from django.contrib.admin.utils import display_for_field
from django.core.exceptions import PermissionDenied
from django.db.models import ManyToManyField, Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

REASON_LENGTH = 100  # simple_history's history_change_reason column
# Bookkeeping columns an editor never sets.
HIDDEN_FIELDS = {"id", "version", "search_text", "search_names", "search_document", "pair_key"}


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def history_fold(*, model, since_id: int) -> int:
    """Fold each row's records written after since_id into one; returns how many were removed."""
    history = history_model(model)
    pk_name = model._meta.pk.attname
    records = list(
        history.objects.filter(history_id__gt=since_id)
        .order_by("history_id")
        .only("history_id", "history_type", "history_change_reason", pk_name)
    )
    by_row: dict = {}
    for record in records:
        by_row.setdefault(getattr(record, pk_name), []).append(record)
    removed = 0
    for group in by_row.values():
        if len(group) < 2 or any(r.history_type == "-" for r in group):
            continue
        first, last = group[0], group[-1]
        reasons = list(
            dict.fromkeys(r.history_change_reason for r in group if r.history_change_reason)
        )
        reason = "; ".join(reasons)
        if len(reason) > REASON_LENGTH:
            reason = reason[: REASON_LENGTH - 1] + "…"
        history.objects.filter(history_id=last.history_id).update(
            history_type=first.history_type, history_change_reason=reason or None
        )
        # The links recorded with the earlier records go with them (CASCADE).
        removed += (
            history.objects.filter(history_id__in=[r.history_id for r in group[:-1]])
            .delete()[1]
            .get(history._meta.label, 0)
        )
    return removed


def latest_history_id(model) -> int:
    return history_model(model).objects.aggregate(top=Max("history_id"))["top"] or 0


def _links(record, field) -> list[str]:
    """The names of the rows a version's many-to-many field held, as recorded with it."""
    through = getattr(type(record), field.name).model
    target_id = f"{field.m2m_reverse_field_name()}_id"
    ids = list(through.objects.filter(history=record).values_list(target_id, flat=True))
    targets = field.related_model._base_manager.in_bulk(ids)
    return sorted(str(targets[pk]) if pk in targets else f"(deleted #{pk})" for pk in ids)


def compare_rows(model, older, newer) -> list[dict]:
    """Each field an editor sets, with its value in both versions and whether it changed."""
    rows = []
    m2m_names = {f.name for f in getattr(older, "_history_m2m_fields", [])}
    for field in model._meta.get_fields():
        if field.name in HIDDEN_FIELDS or getattr(field, "auto_created", False):
            continue
        if isinstance(field, ManyToManyField):
            if field.name not in m2m_names:
                continue
            old, new = _links(older, field), _links(newer, field)
            rows.append(
                {
                    "label": field.verbose_name,
                    "old": ", ".join(old) or "—",
                    "new": ", ".join(new) or "—",
                    "changed": old != new,
                }
            )
            continue
        if not getattr(field, "concrete", False) or not field.editable:
            continue
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        rows.append(
            {
                "label": field.verbose_name,
                "old": _display(field, older),
                "new": _display(field, newer),
                "changed": old != new,
                "long": field.get_internal_type() == "TextField",
            }
        )
    return rows


def _display(field, record) -> str:
    if field.is_relation:
        related_id = getattr(record, field.attname)
        if related_id is None:
            return "—"
        target = field.related_model._base_manager.filter(pk=related_id).first()
        return str(target) if target else f"(deleted #{related_id})"
    value = getattr(record, field.attname)
    shown = display_for_field(value, field, "—")
    return str(shown) if shown != "" else "—"


class HistoryFoldingMixin:
    """For a SimpleHistoryAdmin: one history entry per save, and a compare view."""

    # Our list: no "Change reason: None", and two versions picked for the compare view.
    object_history_list_template = "admin/core/history_list.html"

    def _folding(self, view, *args, **kwargs):
        since = latest_history_id(self.model)
        response = view(*args, **kwargs)
        history_fold(model=self.model, since_id=since)
        return response

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_history_compare"
        view = self.admin_site.admin_view(self.history_compare_view)
        return [
            path("<path:object_id>/history/compare/", view, name=name),
            *super().get_urls(),
        ]

    def history_compare_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("No such row.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        history = history_model(self.model)
        records = history.objects.filter(**{self.opts.pk.attname: obj.pk})
        chosen = [v for v in (request.GET.get("a"), request.GET.get("b")) if v and v.isdigit()]
        if len(chosen) != 2 or chosen[0] == chosen[1]:
            return TemplateResponse(
                request,
                "admin/core/history_compare.html",
                {**self._compare_context(request, obj), "error": "Choose two different versions."},
                status=400,
            )
        older, newer = sorted(
            (get_object_or_404(records, history_id=int(v)) for v in chosen),
            key=lambda r: (r.history_date, r.history_id),
        )
        context = {
            **self._compare_context(request, obj),
            "older": older,
            "newer": newer,
            "rows": compare_rows(self.model, older, newer),
        }
        return TemplateResponse(request, "admin/core/history_compare.html", context)

    def _compare_context(self, request, obj) -> dict:
        info = (self.opts.app_label, self.opts.model_name)
        return {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{obj}”",
            "opts": self.opts,
            "object": obj,
            "history_url": reverse(
                f"{self.admin_site.name}:{info[0]}_{info[1]}_history", args=[obj.pk]
            ),
        }
