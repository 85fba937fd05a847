from articles.models import ArticleCountry
from events.models import Delegation, DelegationMember, Meeting, Outcome, Participation
from tests.admin.factories import (
    make_article,
    make_exhibition,
    make_organisation,
    make_person,
    make_topic,
)
from tests.admin.forms import inline_prefix, page_form_data, set_inline_rows


def add_delegation(client, *, name, slug, country, head, members):
    page = client.get("/admin/events/delegation/add/")
    assert page.status_code == 200
    data = page_form_data(page)
    data.update(name=name, slug=slug, country=country, head=str(head.pk))
    prefix = inline_prefix(page, DelegationMember)
    set_inline_rows(data, prefix, [{"person": str(p.pk)} for p in members])
    response = client.post("/admin/events/delegation/add/", data)
    assert response.status_code == 302, response.context["errors"]
    return Delegation.objects.get(slug=slug)


def test_editor_enters_meeting_with_two_delegations_and_tags_article(editor_client):
    host = make_person("Zakir Həsənov", "AZ", aliases=["Zakir Hasanov"])
    host_aide = make_person("Kərim Vəliyev", "AZ", aliases=["Karim Valiyev"])
    guest = make_person("Yaşar Güler", "TR", aliases=["Yasar Guler"])
    industry = make_person("Haluk Görgün", "TR", aliases=["Haluk Gorgun"])
    cooperation = make_topic("Military-technical cooperation")
    production = make_topic("Joint production")
    fair = make_exhibition()
    agency = make_organisation("Defence Industry Agency", "TR", acronym="DIA")

    home = add_delegation(
        editor_client,
        name="Host ministry delegation",
        slug="host-ministry-delegation",
        country="AZ",
        head=host,
        members=[host, host_aide],
    )
    visitors = add_delegation(
        editor_client,
        name="Visiting industry delegation",
        slug="visiting-industry-delegation",
        country="TR",
        head=industry,
        members=[industry, guest],
    )
    assert set(visitors.members.all()) == {industry, guest}

    page = editor_client.get("/admin/events/meeting/add/")
    assert page.status_code == 200
    data = page_form_data(page)
    data.update(
        title="Defence ministers meet at the fair",
        slug="defence-ministers-meet-at-the-fair",
        kind="delegation_meeting",
        cameo_code="057",
        date="2030-05-02",
        date_precision="inferred",
        host_country="AZ",
        guest_country="TR",
        exhibition=str(fair.pk),
        topics=[str(cooperation.pk), str(production.pk)],
        verification="single_source",
    )
    set_inline_rows(
        data,
        inline_prefix(page, Delegation.meetings.through),
        [{"delegation": str(home.pk)}, {"delegation": str(visitors.pk)}],
    )
    set_inline_rows(
        data,
        inline_prefix(page, Participation),
        [
            {"person": str(host.pk), "role": "host", "delegation": str(home.pk)},
            {"person": str(guest.pk), "role": "guest", "delegation": str(visitors.pk)},
            {
                "person": str(industry.pk),
                "role": "head_of_delegation",
                "delegation": str(visitors.pk),
            },
        ],
    )
    set_inline_rows(
        data,
        inline_prefix(page, Outcome),
        [{"kind": "contract", "title": "Supply contracts", "parties": [str(agency.pk)]}],
    )
    response = editor_client.post("/admin/events/meeting/add/", data)
    assert response.status_code == 302, response.context["errors"]

    meeting = Meeting.objects.get(slug="defence-ministers-meet-at-the-fair")
    assert meeting.pair_key == "az-tr"
    assert meeting.exhibition == fair
    assert set(meeting.topics.all()) == {cooperation, production}
    assert set(meeting.delegations.all()) == {home, visitors}
    roles = {(p.person.slug, p.role, p.side.code) for p in meeting.participations.all()}
    assert roles == {
        ("zakir-hasanov", "host", "AZ"),
        ("yasar-guler", "guest", "TR"),
        ("haluk-gorgun", "head_of_delegation", "TR"),
    }
    outcome = meeting.outcomes.get()
    assert outcome.count is None  # 'several' stays unknown, not 1
    assert list(outcome.parties.all()) == [agency]
    # The link rows went in through the meeting page; each delegation's history saw them.
    assert list(visitors.history.first().meetings.values_list("meeting_id", flat=True)) == [
        meeting.pk
    ]

    change = editor_client.get(f"/admin/events/meeting/{meeting.pk}/change/")
    assert change.status_code == 200
    for text in ("Visiting industry delegation", "Host ministry delegation", "Haluk Görgün"):
        assert text in change.content.decode()

    article = make_article()
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert page.status_code == 200
    data = page_form_data(page)
    data.update(
        meetings=[str(meeting.pk)],
        people=[str(host.pk), str(guest.pk)],
        exhibitions=[str(fair.pk)],
        topics=[str(cooperation.pk)],
    )
    set_inline_rows(
        data, inline_prefix(page, ArticleCountry), [{"country": "AZ"}, {"country": "TR"}]
    )
    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]

    article.refresh_from_db()
    assert list(article.meetings.all()) == [meeting]
    assert set(article.people.all()) == {host, guest}
    assert sorted(article.countries.values_list("country", flat=True)) == ["AZ", "TR"]
    assert article.status == "draft"  # tagging publishes nothing
    changelist = editor_client.get("/admin/articles/article/?countries__country=TR")
    assert article.headline in changelist.content.decode()
