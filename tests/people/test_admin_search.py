import pytest

from tests.events.factories import MeetingFactory
from tests.people.factories import OrganisationFactory, PersonFactory


@pytest.fixture
def people(db):
    return {
        "guler": PersonFactory(name="Yaşar Güler", country="TR", aliases=["Yasar Guler"]),
        "hasanov": PersonFactory(name="Zakir Həsənov", country="AZ", aliases=["Zakir Hasanov"]),
        "valiyev": PersonFactory(name="Kərim Vəliyev", country="AZ", aliases=["Karim Valiyev"]),
    }


def changelist_names(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Guler", "Yaşar Güler"),
        ("güler", "Yaşar Güler"),
        ("Hasanov", "Zakir Həsənov"),
        ("Həsənov", "Zakir Həsənov"),
        ("Karim", "Kərim Vəliyev"),
    ],
)
def test_person_changelist_search_ignores_diacritics(editor_client, people, query, found):
    assert changelist_names(editor_client, "/admin/people/person/", query) == {found}


def test_person_changelist_search_matches_an_alias_only_spelling(editor_client, db):
    PersonFactory(name="Cahit Bağcı", country="TR", aliases=["Jahit Bagdzhi"])
    names = changelist_names(editor_client, "/admin/people/person/", "Bagdzhi")
    assert names == {"Cahit Bağcı"}


def test_person_search_keeps_the_list_filter(editor_client, people):
    response = editor_client.get("/admin/people/person/", {"q": "Guler", "country": "AZ"})
    assert list(response.context["cl"].result_list) == []


def autocomplete(client, term, *, app_label="articles", model_name="article", field_name):
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field_name,
        },
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_autocomplete_finds_people_without_diacritics(editor_client, people):
    assert autocomplete(editor_client, "Guler", field_name="people") == ["Yaşar Güler"]
    assert autocomplete(editor_client, "Hasanov", field_name="people") == ["Zakir Həsənov"]
    # The same look-up serves the meeting page's participant rows.
    assert autocomplete(
        editor_client,
        "hasanov",
        app_label="events",
        model_name="participation",
        field_name="person",
    ) == ["Zakir Həsənov"]


def test_autocomplete_finds_organisations_by_acronym_and_meetings_by_folded_title(
    editor_client, db
):
    OrganisationFactory(name="Presidency of Defence Industries", country="TR", acronym="SSB")
    MeetingFactory(title="Həsənov–Güler talks")
    assert autocomplete(editor_client, "ssb", field_name="organisations") == [
        "Presidency of Defence Industries (SSB)"
    ]
    assert autocomplete(editor_client, "hasanov", field_name="meetings") == ["Həsənov–Güler talks"]
    assert autocomplete(editor_client, "guler talks", field_name="meetings") == [
        "Həsənov–Güler talks"
    ]
