"""The relation page's figures are stored per pair and kept by the change log: each editorial
write through a service shows on the page at once, a draft never counts, and the page does not
compute them from the meetings."""

import re
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Meeting, Outcome, PairFigures, Participation
from events.services import meeting_delete, meeting_publish, meeting_save, outcome_save
from people.services import person_save
from tests.people.factories import PersonFactory

PAGE = "/relations/am-ge/"


def _draft(on: date, **fields) -> Meeting:
    """A draft meeting between Georgia (host) and Armenia saved through the service, with one
    official of each side."""
    meeting = Meeting(
        title=fields.pop("title", f"Talks of {on.isoformat()}"),
        slug=f"talks-{on.isoformat()}",
        kind=fields.pop("kind", "talks"),
        cameo_code=fields.pop("cameo_code", "046"),
        date=on,
        host_country="GE",
        guest_country="AM",
        city="Tbilisi",
        **fields,
    )

    def participants():
        for side in ("GE", "AM"):
            Participation.objects.create(
                meeting=meeting,
                person=PersonFactory(country=side, name=f"Official of {side} {on.isoformat()}"),
                role="host" if side == "GE" else "guest",
                side=side,
            )

    return meeting_save(meeting=meeting, related=participants)


def _year_row(html: str, year: int) -> str:
    table = html.split('<table class="years stack">')[1].split("</table>")[0]
    return table.split(f'href="#year-{year}"')[1].split("</tr>")[0]


def test_publishing_and_deleting_meetings_shows_on_the_relation_page(db, client):
    first = _draft(date(2023, 4, 1), kind="visit", cameo_code="043")
    second = _draft(date(2023, 9, 1))

    html = client.get(PAGE).content.decode()
    assert "No meetings between Armenia and Georgia are recorded yet." in html
    assert "Official of GE 2023" not in html  # a draft's people are in no figure
    assert not PairFigures.objects.recorded().filter(pair_key="am-ge").exists()

    meeting_publish(meeting=first)
    html = client.get(PAGE).content.decode()
    assert "1 meeting between officials of the two countries recorded, 2023." in html
    row = _year_row(html, 2023)
    assert '<td class="num" data-label="Meetings">1</td>' in row
    assert '<td class="num" data-label="Visits">1</td>' in row
    assert '<td class="num" data-label="Hosted by Georgia">1</td>' in row
    network = html.split('class="network"')[1].split("</svg>")[0]
    assert "Official of GE 2023" in network and "Official of AM 2023" in network
    assert "Georgia (1)" in html.split('class="map"')[1].split("</svg>")[0]

    meeting_publish(meeting=second)
    outcome_save(
        outcome=Outcome(meeting=second, kind="agreement", title="Transit agreement", count=None)
    )
    row = _year_row(client.get(PAGE).content.decode(), 2023)
    assert '<td class="num" data-label="Meetings">2</td>' in row
    assert '<td class="num" data-label="Visits">1</td>' in row
    assert "1 with the number of documents not reported" in row

    meeting_delete(meeting=Meeting.objects.get(pk=first.pk))
    html = client.get(PAGE).content.decode()
    assert "1 meeting between officials of the two countries recorded, 2023." in html
    row = _year_row(html, 2023)
    assert '<td class="num" data-label="Visits">0</td>' in row
    assert "Official of GE 2023-09-01" in html  # at the second meeting
    assert "Official of GE 2023-04-01" not in html  # only at the deleted one


def test_a_withdrawn_meeting_and_a_renamed_official_show_on_the_relation_page(db, client):
    from events.services import meeting_withdraw

    meeting = _draft(date(2021, 2, 3))
    meeting_publish(meeting=meeting, at=timezone.now() - timedelta(hours=1))
    person = meeting.participations.get(side="GE").person

    person.name = "Renamed Georgian Minister"
    person_save(person=person)
    html = client.get(PAGE).content.decode()
    assert "Renamed Georgian Minister" in html.split('id="officials"')[1]
    assert "Renamed Georgian Minister" in html.split('class="network"')[1].split("</svg>")[0]

    meeting_withdraw(meeting=meeting)
    html = client.get(PAGE).content.decode()
    assert "No meetings between Armenia and Georgia are recorded yet." in html
    assert "Renamed Georgian Minister" not in html
    assert 'href="/relations/am-ge/"' not in client.get("/relations/").content.decode()


def test_the_relation_page_reads_its_figures_without_aggregating_meetings(db, client):
    meeting_publish(meeting=_draft(date(2022, 5, 6)))

    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200

    aggregates = [q["sql"] for q in queries if "GROUP BY" in q["sql"] or "COUNT(" in q["sql"]]
    assert aggregates == [], aggregates


def pair_options(client, path="/meetings/", menu="pair_0") -> list[str]:
    html = client.get(path).content.decode()
    options = html.split(f'name="{menu}"')[1].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", options)


def test_the_meetings_pair_menus_are_built_once_until_a_meeting_changes(db, client):
    assert pair_options(client) == ["Any country"]
    # Another filtered list (the page cache has no copy): the menus are not looked up again.
    with CaptureQueriesContext(connection) as counted:
        assert client.get("/meetings/?q=talks").status_code == 200
    assert counted.captured_queries
    assert not [q for q in counted.captured_queries if "events_pairfigures" in q["sql"]]

    meeting_publish(meeting=_draft(date(2023, 4, 1)))

    for menu in ("pair_0", "pair_1"):
        assert pair_options(client, "/meetings/?q=meeting", menu) == [
            "Any country",
            "Armenia",
            "Georgia",
        ]


def test_the_two_pair_menus_filter_the_meetings_as_the_address_does(db, client):
    meeting_publish(meeting=_draft(date(2023, 4, 1), title="Armenia–Georgia talks"))

    chosen = client.get("/meetings/?pair_0=ge&pair_1=am").content.decode()
    written = client.get("/meetings/?pair=am-ge").content.decode()
    other = client.get("/meetings/?pair_0=az&pair_1=tr").content.decode()

    title = "Armenia–Georgia talks"
    assert title in chosen and title in written and title not in other
    # The menus show what was chosen, either way it was asked.
    for html in (chosen, written):
        assert '<option value="am" selected>Armenia</option>' in html
        assert '<option value="ge" selected>Georgia</option>' in html


def test_one_pair_menu_alone_is_a_form_error_naming_the_field(db, client):
    response = client.get("/meetings/?pair_0=az")
    html = response.content.decode()

    assert response.status_code == 400
    assert '<a href="#id_pair_0">Country pair</a>' in html
    assert "Choose two different countries." in html
