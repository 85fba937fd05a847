"""manage.py publish_documents: what a deploy runs, for every kind or for the kinds named."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import pages
from core.models import Fragment
from tests.core.fragments import assert_stored_parts_are_current

STALE = {"stamp": "rendered-by-an-older-release", "parts": {"article": "<p>stale</p>"}}


def writes(queries, table: str) -> list[str]:
    return [
        q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE")) and table in q["sql"]
    ]


def test_a_page_kind_renders_only_its_stored_parts(seeded, capsys):
    Fragment.objects.filter(kind=pages.KIND).update(**STALE)

    with CaptureQueriesContext(connection) as queries:
        call_command("publish_documents", pages.KIND)

    assert_stored_parts_are_current(pages.PAGES)
    assert not Fragment.objects.filter(stamp=STALE["stamp"]).exists()
    # No document was rendered, and no other kind's parts were touched.
    assert writes(queries, "core_document") == [] and writes(queries, "core_change") == []
    assert "documents changed" not in capsys.readouterr().out


def test_every_kind_without_arguments(seeded, capsys):
    Fragment.objects.filter(kind=pages.KIND).update(**STALE)

    call_command("publish_documents")

    assert_stored_parts_are_current(pages.PAGES)
    out = capsys.readouterr().out
    assert "0 documents changed." in out and f"kind {pages.KIND} brought up to date" in out


def test_an_unknown_kind_is_refused_by_name_and_nothing_is_rendered(seeded):
    Fragment.objects.filter(kind=pages.KIND).update(**STALE)

    with pytest.raises(CommandError, match=r"Unknown kinds: artcle_page\. Known: .*article_page"):
        call_command("publish_documents", pages.KIND, "artcle_page")

    assert Fragment.objects.filter(stamp=STALE["stamp"]).exists()
