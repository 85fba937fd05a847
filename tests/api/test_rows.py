"""API list rows (partners/rows.py) are exactly what the DRF serializers give."""

import orjson
import pytest
from rest_framework import serializers

from bench.probes import routes
from partners.rows import rows
from partners.sync import SyncListApi
from seeds.synthetic import generate_archive

LIST_VIEWS = [
    route.view
    for route in routes()
    if isinstance(route.view, type)
    and issubclass(route.view, SyncListApi)
    and route.view.endpoint != "articles"  # ninjs documents: articles/ninjs.py
]


def test_every_list_but_articles_is_checked():
    assert {view.endpoint for view in LIST_VIEWS} == {
        "officials",
        "organisations",
        "positions",
        "meetings",
        "delegations",
        "outcomes",
        "exhibitions",
        "topics",
    }


@pytest.mark.parametrize("view_class", LIST_VIEWS, ids=lambda view: view.endpoint)
def test_list_rows_are_the_serializers_output(seeded, view_class):
    generate_archive(articles=30, seed=5)
    view = view_class()
    objects = list(view.optimise(view.public_queryset().order_by("updated_at", "pk")))
    assert objects
    serializer_class = view_class.serializer_class
    expected = serializer_class(objects, many=True).data
    # Compared as JSON: the bytes partners receive.
    assert orjson.dumps(rows(serializer_class(), objects)) == orjson.dumps(expected)


class _Upper(serializers.Serializer):
    name = serializers.CharField()

    def to_representation(self, instance):
        return {"name": instance["name"].upper()}


class _Breaks(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.SerializerMethodField()

    def get_label(self, obj):
        if obj["name"] == "odd":
            raise ValueError("no label for this one")
        return obj["name"] + "!"


def test_a_serializer_with_its_own_to_representation_is_left_to_drf():
    assert rows(_Upper(), [{"name": "baku"}]) == [{"name": "BAKU"}]


def test_an_error_while_building_a_row_is_drfs_own():
    assert rows(_Breaks(), [{"name": "baku"}]) == [{"name": "baku", "label": "baku!"}]
    with pytest.raises(ValueError, match="no label"):
        rows(_Breaks(), [{"name": "odd"}])
