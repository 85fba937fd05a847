from articles.models import Article, ArticleCountry
from events.models import Delegation, DelegationMember, Meeting, Outcome, Participation
from tests.admin_pages import fill, fill_inline_rows, inline_prefix, open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import ExhibitionFactory, TopicFactory
from tests.people.factories import OrganisationFactory, PersonFactory


def add_delegation(app, *, name, slug, country, head, members):
    form = open_form(app, "/admin/events/delegation/add/")
    fill(app, form, name=name, slug=slug, country=country, head=head)
    fill_inline_rows(
        app,
        form,
        inline_prefix(DelegationMember, Delegation),
        [{"person": person} for person in members],
    )
    submit(form)
    return Delegation.objects.get(slug=slug)


def test_editor_enters_meeting_with_two_delegations_and_tags_article(desk):
    host = PersonFactory(name="Zakir Həsənov", country="AZ", aliases=["Zakir Hasanov"])
    host_aide = PersonFactory(name="Kərim Vəliyev", country="AZ", aliases=["Karim Valiyev"])
    guest = PersonFactory(name="Yaşar Güler", country="TR", aliases=["Yasar Guler"])
    industry = PersonFactory(name="Haluk Görgün", country="TR", aliases=["Haluk Gorgun"])
    cooperation = TopicFactory(name="Military-technical cooperation")
    production = TopicFactory(name="Joint production")
    fair = ExhibitionFactory()
    agency = OrganisationFactory(name="Defence Industry Agency", country="TR", acronym="DIA")

    home = add_delegation(
        desk,
        name="Host ministry delegation",
        slug="host-ministry-delegation",
        country="AZ",
        head=host,
        members=[host, host_aide],
    )
    visitors = add_delegation(
        desk,
        name="Visiting industry delegation",
        slug="visiting-industry-delegation",
        country="TR",
        head=industry,
        members=[industry, guest],
    )
    assert set(visitors.members.all()) == {industry, guest}

    form = open_form(desk, "/admin/events/meeting/add/")
    fill(
        desk,
        form,
        title="Defence ministers meet at the fair",
        slug="defence-ministers-meet-at-the-fair",
        kind="delegation_meeting",
        cameo_code="057",
        date="2030-05-02",
        date_precision="inferred",
        host_country="AZ",
        guest_country="TR",
        exhibition=fair,
        topics=[cooperation, production],
        verification="single_source",
    )
    fill_inline_rows(
        desk,
        form,
        inline_prefix(Delegation.meetings.through, Meeting),
        [{"delegation": home}, {"delegation": visitors}],
    )
    fill_inline_rows(
        desk,
        form,
        inline_prefix(Participation, Meeting),
        [
            {"person": host, "role": "host", "delegation": home},
            {"person": guest, "role": "guest", "delegation": visitors},
            {"person": industry, "role": "head_of_delegation", "delegation": visitors},
        ],
    )
    fill_inline_rows(
        desk,
        form,
        inline_prefix(Outcome, Meeting),
        [{"kind": "contract", "title": "Supply contracts", "parties": [agency]}],
    )
    submit(form)

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

    change = desk.get(f"/admin/events/meeting/{meeting.pk}/change/")
    for text in ("Visiting industry delegation", "Host ministry delegation", "Haluk Görgün"):
        assert text in change.text

    article = ArticleFactory(headline="Ministers discuss cooperation")
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    fill(
        desk,
        form,
        meetings=[meeting],
        people=[host, guest],
        exhibitions=[fair],
        topics=[cooperation],
    )
    fill_inline_rows(
        desk, form, inline_prefix(ArticleCountry, Article), [{"country": "AZ"}, {"country": "TR"}]
    )
    submit(form)

    article.refresh_from_db()
    assert list(article.meetings.all()) == [meeting]
    assert set(article.people.all()) == {host, guest}
    assert sorted(article.countries.values_list("country", flat=True)) == ["AZ", "TR"]
    assert article.status == "draft"  # tagging publishes nothing
    changelist = desk.get("/admin/articles/article/?countries__country=TR")
    assert article.headline in changelist.text
