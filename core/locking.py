"""Optimistic locking: two editors saving the same record never silently overwrite each other.

A versioned row carries a counter that every save raises. The admin form carries the counter
the editor loaded; on save it is compared with the row's current counter under a row lock,
and a mismatch is a form error that keeps the editor's text on the page to reconcile.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.utils.text import capfirst

CONFLICT_MESSAGE = (
    "Someone else saved this {kind} (now version {current}) after you opened it "
    "(version {seen}). Nothing has been saved, and your text is still below. Their changes are "
    "listed here: bring in what you want to keep, then save again to replace their version "
    "with this one."
)
VERSION_FIELD = "version"


class Versioned(models.Model):
    """A counter raised by every save, for optimistic locking in the admin."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every save; a form opened on an older version cannot overwrite it.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            # One above the stored counter, not the loaded one: a revert from history loads an
            # old counter, and reusing it would let a stale form through.
            stored = current_version(type(self), self.pk, using=kwargs.get("using"))
            self.version = (stored or 0) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


def current_version(model, pk, *, using=None, lock: bool = False) -> int | None:
    """The stored counter of row pk, None if gone; lock: hold the row until the transaction ends."""
    using = using or router.db_for_write(model)
    rows = model._base_manager.using(using).filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def changes_since(instance, seen: int | None) -> list[str]:
    """What changed between version seen (from history) and the stored row, field by field."""
    history = getattr(type(instance), "history", None)
    if history is None or seen is None:
        return []
    loaded = history.filter(**{instance._meta.pk.attname: instance.pk, VERSION_FIELD: seen})
    loaded = loaded.order_by("-history_date", "-history_id").first()
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    if loaded is None or stored is None:
        return []
    lines = []
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name == VERSION_FIELD:
            continue
        before, after = getattr(loaded, field.attname), getattr(stored, field.attname)
        if before != after:
            lines.append(
                f"{capfirst(field.verbose_name)}: you loaded “{_shown(loaded, field)}”, "
                f"it is now “{_shown(stored, field)}”."
            )
    return lines


def _shown(instance, field) -> str:
    try:
        value = getattr(instance, field.name)
    except ObjectDoesNotExist:
        return f"#{getattr(instance, field.attname)} (deleted)"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else f"{text[:200]}…"


class VersionedFormMixin:
    """A ModelForm mixin: a hidden 'version' field compared with the row's, locked, on clean.

    On a conflict the form error lists what the other editor changed, and the re-shown page
    carries the stored version, so saving that page again is a deliberate overwrite.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        if self.instance.pk is not None and not self.instance._state.adding:
            # The stored counter, not the instance's: a history revert form holds an old copy.
            self.fields[VERSION_FIELD].initial = current_version(
                type(self.instance), self.instance.pk
            )

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return cleaned
        seen = cleaned.get(VERSION_FIELD)
        model = type(instance)
        # Inside the admin's transaction: the lock holds until this save commits, so a second
        # editor's save waits here and then sees the raised counter.
        with transaction.atomic(using=router.db_for_write(model)):
            current = current_version(model, instance.pk, lock=True)
        if current is not None and seen != current:
            # The page is shown again with the stored counter: a second save is deliberate.
            self.data = self.data.copy()
            self.data[self.add_prefix(VERSION_FIELD)] = str(current)
            message = CONFLICT_MESSAGE.format(
                kind=model._meta.verbose_name, current=current, seen=seen or "unknown"
            )
            raise ValidationError(
                [ValidationError(message, code="edit_conflict")]
                + [
                    ValidationError(line, code="edit_conflict_change")
                    for line in changes_since(instance, seen)
                ]
            )
        return cleaned


class OptimisticLockAdminMixin:
    """Admin mixin for Versioned models: a second, stale save is refused with a form error.

    The hidden version field joins the first fieldset, so every page built from the fieldsets
    (add, change, history revert, a form re-shown after an error) writes it into the HTML.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or any(VERSION_FIELD in flatten_fieldsets([fs]) for fs in fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], VERSION_FIELD]})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The model field is not editable, so it cannot be asked of the form factory; the form
        # adds it itself (VersionedFormMixin). simple_history's revert view passes no fields.
        fields = kwargs["fields"] if "fields" in kwargs else None
        if "fields" not in kwargs:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name != VERSION_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, VersionedFormMixin):
            return form
        return type(form.__name__, (VersionedFormMixin, form), {})
