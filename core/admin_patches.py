"""A fix to Django's admin for every registered model, ours and third-party apps' alike.

`?_to_field=` (empty) passes the admin's to-field permission check, which skips a blank
value, and then reaches `get_object(..., from_field="")`, which looks up a field named ""
and raises FieldDoesNotExist: a 500 on the change and delete pages of every model. A blank
to-field means "none", as it does in the permission check.
"""

from django.contrib.admin import ModelAdmin

_get_object = ModelAdmin.get_object


def _get_object_blank_to_field_is_none(self, request, object_id, from_field=None):
    return _get_object(self, request, object_id, from_field or None)


def apply() -> None:
    if ModelAdmin.get_object is not _get_object_blank_to_field_is_none:
        ModelAdmin.get_object = _get_object_blank_to_field_is_none
