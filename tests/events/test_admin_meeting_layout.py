"""The meeting form's participant rows: labelled by person and role, host and guest first."""

from events.models import Participation
from tests.events.factories import MeetingFactory
from tests.people.factories import PersonFactory


def test_participants_are_listed_host_guest_then_others_by_person_and_role(desk):
    meeting = MeetingFactory(
        participants=[
            (PersonFactory(name=name, country="AZ"), role)
            for name, role in [
                ("Aydın Aliyev", "attendee"),
                ("Bora Bey", "guest"),
                ("Zakir Həsənov", "host"),
                ("Cem Can", "member"),
            ]
        ]
    )

    page = desk.get(f"/admin/events/meeting/{meeting.pk}/change/")

    labels = [
        cell.p.get_text(" ", strip=True).removesuffix(" View on site")
        for cell in page.html.select("#participations-group td.original")
        if cell.p
    ]
    assert labels == [
        "Zakir Həsənov (Host)",
        "Bora Bey (Guest)",
        "Aydın Aliyev (Also present)",
        "Cem Can (Delegation member)",
    ]
    # Elsewhere a participation still names its meeting.
    assert str(Participation.objects.get(role="host")).endswith(f" at {meeting}")
