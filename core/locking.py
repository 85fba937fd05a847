"""Optimistic locking: two editors saving the same record never silently overwrite each other.

A versioned row carries a counter that every save raises. The admin form carries the counter
the editor loaded; on save it is compared with the row's current counter under a row lock,
and a mismatch is a form error that keeps the editor's text on the page to reconcile.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, router, transaction

CONFLICT_MESSAGE = (
    "Someone else saved this {kind} (now version {current}) after you opened it "
    "(version {seen}). Your text is still below and nothing has been saved: open the "
    "current version in another tab, bring your changes over, and save again."
)


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


class VersionedFormMixin:
    """A ModelForm mixin: a hidden 'version' field compared with the row's, locked, on clean."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        if self.instance.pk is not None and not self.instance._state.adding:
            # The stored counter, not the instance's: a history revert form holds an old copy.
            self.fields["version"].initial = current_version(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return cleaned
        seen = cleaned.get("version")
        model = type(instance)
        # Inside the admin's transaction: the lock holds until this save commits, so a second
        # editor's save waits here and then sees the raised counter.
        with transaction.atomic(using=router.db_for_write(model)):
            current = current_version(model, instance.pk, lock=True)
        if current is not None and seen != current:
            raise ValidationError(
                CONFLICT_MESSAGE.format(
                    kind=model._meta.verbose_name, current=current, seen=seen or "unknown"
                ),
                code="edit_conflict",
            )
        return cleaned


class OptimisticLockAdminMixin:
    """Admin mixin for Versioned models: a second, stale save is refused with a form error."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, VersionedFormMixin):
            return form
        return type(form.__name__, (VersionedFormMixin, form), {})
