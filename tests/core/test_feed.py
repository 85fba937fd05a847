"""The log's reading barrier: an open write transaction holds back what readers see only when
it is in this database; one in another database on the same server cannot write this log."""

import psycopg
import pytest
from django.db import connection

from core.feed import log_head
from people.models import Person
from people.services import person_save


def _open_write_transaction(dbname: str) -> psycopg.Connection:
    """Another session on the same server, in `dbname`, with a transaction id and left open."""
    used = connection.settings_dict
    other = psycopg.connect(host=used["HOST"], port=used["PORT"], user=used["USER"], dbname=dbname)
    other.execute("SELECT pg_current_xact_id()")  # assigns the id, as a write does
    return other


def _save_an_official(name: str) -> None:
    person_save(person=Person(name=name, slug=name.lower().replace(" ", "-"), country="AZ"))


@pytest.mark.django_db(transaction=True)
def test_an_open_transaction_in_another_database_does_not_hold_the_log_back():
    other = _open_write_transaction("postgres")
    try:
        before = log_head("official")
        _save_an_official("Aysel Qurbanova")
        assert log_head("official") > before
    finally:
        other.rollback()
        other.close()


@pytest.mark.django_db(transaction=True)
def test_an_open_transaction_in_this_database_holds_the_log_back_until_it_ends():
    other = _open_write_transaction(connection.settings_dict["NAME"])
    try:
        before = log_head("official")
        _save_an_official("Aysel Qurbanova")
        assert log_head("official") == before  # it may still commit a change behind this one
    finally:
        other.rollback()
        other.close()
    assert log_head("official") > before
