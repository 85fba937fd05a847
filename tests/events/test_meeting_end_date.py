"""Meetings over several days: an optional last day, never before the first, shown to readers."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from events.models import Meeting
from events.services import meeting_save


def _add_meeting_form(django_app, editor, **fields):
    form = django_app.get("/admin/events/meeting/add/", user=editor).forms["meeting_form"]
    form["title"] = "Defence talks in Baku"
    form["slug"] = "defence-talks-in-baku"
    form["kind"] = "talks"
    form["cameo_code"] = "046"
    form["host_country"] = "AZ"
    form["guest_country"] = "TR"
    for name, value in fields.items():
        form[name] = value
    return form


def test_last_day_before_the_first_is_a_form_error(django_app, editor):
    page = _add_meeting_form(django_app, editor, date="2024-09-24", end_date="2024-09-23").submit()

    assert page.status_code == 200
    assert "A meeting cannot end before its first day." in page.text
    assert not Meeting.objects.exists()


def test_a_meeting_over_three_days_is_saved_with_its_last_day(django_app, editor):
    page = _add_meeting_form(django_app, editor, date="2024-09-24", end_date="2024-09-26").submit()

    assert page.status_code == 302
    meeting = Meeting.objects.get(slug="defence-talks-in-baku")
    assert (meeting.date, meeting.end_date) == (date(2024, 9, 24), date(2024, 9, 26))


def test_the_last_day_is_optional(django_app, editor):
    page = _add_meeting_form(django_app, editor, date="2024-09-24").submit()

    assert page.status_code == 302
    assert Meeting.objects.get().end_date is None


def test_public_page_gives_both_days(seeded, client):
    meeting = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")
    meeting.end_date = date(2024, 9, 26)
    meeting_save(meeting=meeting)

    page = client.get(meeting.get_absolute_url())

    assert page.status_code == 200
    text = page.content.decode()
    assert '24 September 2024</time> to <time datetime="2024-09-26">26 September 2024' in text
    assert '"endDate": "2024-09-26"' in text


def test_database_refuses_a_meeting_ending_before_it_starts(seeded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(slug="hasanov-guler-talks-adex-2024").update(
            end_date=date(2024, 9, 1)
        )
