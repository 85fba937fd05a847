"""Positions that cannot be held as entered are refused on the rendered admin page, with why."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from people.models import Position
from tests.people.factories import OrganisationFactory, PersonFactory, PositionFactory


@pytest.fixture
def ministry(db):
    return OrganisationFactory(name="Ministry of Defence", country="AZ")


def _position_form(django_app, editor, person):
    page = django_app.get(reverse("admin:people_person_change", args=[person.pk]), user=editor)
    return page.forms["person_form"]


def _fill_new_row(form, organisation, *, title, start="", end="", single_holder=False):
    index = int(form["positions-TOTAL_FORMS"].value) - 1
    assert not form[f"positions-{index}-title"].value, "the page should end with an empty row"
    form[f"positions-{index}-title"] = title
    # The autocomplete widget renders an empty select; the browser adds the chosen option.
    form[f"positions-{index}-organisation"].force_value(str(organisation.pk))
    form[f"positions-{index}-start_date"] = start
    form[f"positions-{index}-end_date"] = end
    form[f"positions-{index}-single_holder"] = single_holder
    return index


def test_same_post_twice_over_overlapping_dates_is_refused_with_the_reason(
    django_app, editor, ministry
):
    person = PersonFactory(name="Zakir Hasanov", country="AZ")
    PositionFactory(
        person=person,
        organisation=ministry,
        title="Minister of Defence",
        start_date=date(2013, 10, 22),
    )
    form = _position_form(django_app, editor, person)
    _fill_new_row(form, ministry, title="Minister of Defence", start="2020-01-01")

    page = form.submit()

    assert page.status_code == 200
    assert "already holds “Minister of Defence” from 2013-10-22 to today" in page.text
    assert Position.objects.filter(person=person).count() == 1


def test_a_second_holder_of_a_single_holder_post_is_refused(django_app, editor, ministry):
    minister = PersonFactory(name="Zakir Hasanov", country="AZ")
    PositionFactory(
        person=minister,
        organisation=ministry,
        title="Minister of Defence",
        start_date=date(2013, 10, 22),
        single_holder=True,
    )
    rival = PersonFactory(name="Kerim Valiyev", country="AZ")
    form = _position_form(django_app, editor, rival)
    _fill_new_row(form, ministry, title="Minister of Defence", start="2024-01-01")

    page = form.submit()

    assert page.status_code == 200
    assert "has one holder at a time, and Zakir Hasanov holds it" in page.text
    assert not rival.positions.exists()


def test_shared_posts_take_several_holders(django_app, editor, ministry):
    PositionFactory(
        person=PersonFactory(name="First Deputy", country="AZ"),
        organisation=ministry,
        title="Deputy Minister",
        start_date=date(2020, 1, 1),
    )
    second = PersonFactory(name="Second Deputy", country="AZ")
    form = _position_form(django_app, editor, second)
    _fill_new_row(form, ministry, title="Deputy Minister", start="2021-01-01")

    page = form.submit()

    assert page.status_code == 302
    assert second.positions.get().title == "Deputy Minister"


def test_ending_one_term_and_adding_the_next_in_one_save_is_accepted(django_app, editor, ministry):
    person = PersonFactory(name="Zakir Hasanov", country="AZ")
    PositionFactory(
        person=person,
        organisation=ministry,
        title="Minister of Defence",
        start_date=date(2013, 10, 22),
        single_holder=True,
    )
    form = _position_form(django_app, editor, person)
    form["positions-0-end_date"] = "2019-12-31"
    _fill_new_row(
        form, ministry, title="Minister of Defence", start="2020-01-01", single_holder=True
    )

    page = form.submit()

    assert page.status_code == 302
    assert list(person.positions.order_by("start_date").values_list("end_date", flat=True)) == [
        date(2019, 12, 31),
        None,
    ]


def test_a_new_holder_takes_over_when_the_last_term_ends(django_app, editor, ministry):
    PositionFactory(
        person=PersonFactory(name="Old Minister", country="AZ"),
        organisation=ministry,
        title="Minister of Defence",
        start_date=date(2010, 1, 1),
        end_date=date(2013, 10, 21),
        single_holder=True,
    )
    successor = PersonFactory(name="Zakir Hasanov", country="AZ")
    form = _position_form(django_app, editor, successor)
    _fill_new_row(
        form, ministry, title="Minister of Defence", start="2013-10-22", single_holder=True
    )

    assert form.submit().status_code == 302
    assert successor.positions.count() == 1


def test_position_page_refuses_a_second_holder_too(django_app, editor, ministry):
    PositionFactory(
        person=PersonFactory(name="Zakir Hasanov", country="AZ"),
        organisation=ministry,
        title="Minister of Defence",
        start_date=date(2013, 10, 22),
        single_holder=True,
    )
    rival = PersonFactory(name="Kerim Valiyev", country="AZ")
    page = django_app.get(reverse("admin:people_position_add"), user=editor)
    form = page.forms["position_form"]
    form["person"].force_value(str(rival.pk))
    form["organisation"].force_value(str(ministry.pk))
    form["title"] = "minister of defence"
    form["start_date"] = "2020-05-01"

    page = form.submit()

    assert page.status_code == 200
    assert "has one holder at a time" in page.text
    assert not rival.positions.exists()


def test_single_holder_is_explained_to_the_editor(django_app, editor):
    person = PersonFactory(name="Zakir Hasanov", country="AZ")
    page = django_app.get(reverse("admin:people_position_add"), user=editor)
    assert "only one person holds at a time, such as a minister" in page.text
    assert "One holder at a time" in _position_form(django_app, editor, person).text


def test_database_refuses_two_holders_of_a_single_holder_post(ministry):
    PositionFactory(
        person=PersonFactory(name="A", country="AZ"),
        organisation=ministry,
        title="Minister",
        single_holder=True,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(
            person=PersonFactory(name="B", country="AZ"),
            organisation=ministry,
            title="Minister",
            start_date=date(2024, 1, 1),
            single_holder=True,
        )


def test_database_refuses_one_person_holding_a_post_twice_at_once(ministry):
    person = PersonFactory(name="A", country="AZ")
    PositionFactory(
        person=person, organisation=ministry, title="Adviser", start_date=date(2020, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(
            person=person,
            organisation=ministry,
            title="Adviser",
            start_date=date(2021, 1, 1),
            end_date=date(2021, 6, 1),
        )
