"""API list rows from the serializers' own fields, without DRF's per-field machinery.

A page of 50 meetings is some 1,500 field values. DRF spends most of a list's time around
them rather than on them (a bound field's get_attribute with its error handling, generators
over readable fields, ordered dicts), so a list page rebuilt that per request cost more than
its queries. `row_builder` reads the serializer once and returns a function that gives the
same dict for an object: the same fields in the same order, each value still converted by
the field's own to_representation. The serializer stays the one definition of the shape
(and of the schema); only the walk over it is ours.

Fields whose value depends on the request (hyperlinks, files) are not compiled: a serializer
with one is left to DRF. Any error while building a row also hands that row to DRF, so an
odd object gets exactly DRF's answer (or its exception).
"""

from collections.abc import Callable
from functools import cache

from django.db.models.manager import BaseManager
from rest_framework import fields, relations, serializers

_NOT_COMPILED = (
    relations.HyperlinkedRelatedField,
    fields.FileField,
    fields.HiddenField,
    serializers.HyperlinkedModelSerializer,
)


class _NotCompiled(Exception):
    pass


def _plain(field: fields.Field) -> Callable:
    source_attrs, represent = field.source_attrs, field.to_representation

    def value(obj):
        attribute = fields.get_attribute(obj, source_attrs)
        return None if attribute is None else represent(attribute)

    return value


def _primary_key(field: relations.PrimaryKeyRelatedField) -> Callable:
    # What DRF sends for a foreign key: the id column, no related row fetched.
    if (
        len(field.source_attrs) != 1
        or field.pk_field is not None
        or not field.use_pk_only_optimization()
    ):
        return _plain(field)
    name = field.source_attrs[0]
    return lambda obj: obj.serializable_value(name)


def _many_related(field: relations.ManyRelatedField) -> Callable:
    if len(field.source_attrs) != 1:
        raise _NotCompiled(field)
    name, represent = field.source_attrs[0], field.child_relation.to_representation
    return lambda obj: [represent(item) for item in _related(obj, name)]


def _nested(field: serializers.BaseSerializer) -> Callable:
    if len(field.source_attrs) != 1:
        raise _NotCompiled(field)
    name = field.source_attrs[0]
    if isinstance(field, serializers.ListSerializer):
        child = _compile(field.child)

        def value(obj):
            items = _related(obj, name)
            return None if items is None else [child(item) for item in items]

        return value
    child = _compile(field)

    def single(obj):
        item = getattr(obj, name)
        return None if item is None else child(item)

    return single


def _related(obj, name: str):
    """obj.<name>.all(), read from the prefetch cache when the page's query filled it."""
    # Reading the cache skips building a related manager and cloning a QuerySet per row,
    # which cost more than the row's own values. The cache is keyed by the accessor's name
    # for the forward many-to-many and reverse foreign keys the serializers follow.
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    if name in prefetched:
        return prefetched[name]
    items = getattr(obj, name)
    return items.all() if isinstance(items, BaseManager) else items


def _method(field: fields.SerializerMethodField) -> Callable:
    return getattr(field.parent, field.method_name)


def _getter(field: fields.Field) -> Callable:
    if isinstance(field, _NOT_COMPILED):
        raise _NotCompiled(field)
    if isinstance(field, fields.SerializerMethodField):
        return _method(field)
    if isinstance(field, serializers.BaseSerializer):
        return _nested(field)
    if isinstance(field, relations.ManyRelatedField):
        return _many_related(field)
    if isinstance(field, relations.PrimaryKeyRelatedField):
        return _primary_key(field)
    return _plain(field)


def _compile(serializer: serializers.Serializer) -> Callable:
    if type(serializer).to_representation is not serializers.Serializer.to_representation:
        raise _NotCompiled(serializer)  # a serializer of its own making: DRF runs it
    getters = [
        (name, _getter(field)) for name, field in serializer.fields.items() if not field.write_only
    ]

    def row(obj) -> dict:
        return {name: value(obj) for name, value in getters}

    return row


@cache
def _builder(serializer_class: type[serializers.Serializer]) -> Callable | None:
    # Built once per serializer class, without a request: the compiled fields never read it.
    try:
        return _compile(serializer_class())
    except _NotCompiled:
        return None


def rows(serializer: serializers.Serializer, objects) -> list:
    """What `serializer_class(objects, many=True).data` gives, as plain dicts."""
    build = _builder(type(serializer))
    if build is None:
        return type(serializer)(objects, many=True, context=serializer.context).data
    out = []
    for obj in objects:
        try:
            out.append(build(obj))
        except Exception:
            out.append(serializer.to_representation(obj))
    return out
