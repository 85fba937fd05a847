from datetime import date

import pytest
from django.db import IntegrityError, transaction

from people.models import Organisation, Person, Position


def test_gulers_title_on_the_day_of_adex_2024(seeded):
    guler = Person.objects.get(slug="yasar-guler")
    assert guler.title_on(date(2024, 9, 24)) == "Minister of National Defence of Türkiye"


def test_title_follows_the_date_asked(seeded):
    guler = Person.objects.get(slug="yasar-guler")
    assert guler.title_on(date(2020, 1, 1)) == "Chief of the General Staff of Türkiye"
    assert guler.title_on(date(2010, 1, 1)) == ""


def test_primary_title_comes_first_when_two_are_held(seeded):
    valiyev = Person.objects.get(slug="kerim-valiyev")
    assert valiyev.title_on(date(2024, 9, 24)) == (
        "First Deputy Minister of Defence of Azerbaijan; "
        "Chief of the General Staff of the Azerbaijani Army"
    )


def test_database_refuses_a_position_ending_before_it_starts(db):
    person = Person.objects.create(name="Test Person", slug="test-person", country="AZ")
    org = Organisation.objects.create(name="Test Ministry", slug="test-ministry", kind="ministry")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            person=person,
            organisation=org,
            title="Minister",
            start_date=date(2024, 1, 1),
            end_date=date(2023, 1, 1),
        )
    assert not Position.objects.exists()
