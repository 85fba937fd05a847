"""Delegations found by words: their name, or the people and body that make them up."""

import pytest

from events.models import Delegation
from tests.events.factories import DelegationFactory
from tests.people.factories import PersonFactory

DELEGATION = "/delegations/turkiye-defence-industry-delegation-adex-2024/"


def found(client, query: str) -> set[str]:
    response = client.get("/delegations/", {"q": query})
    assert response.status_code == 200
    return {delegation.get_absolute_url() for delegation in response.context["object_list"]}


@pytest.mark.parametrize(
    "query",
    ["Gorgun", "Görgün", "haluk gorgun", "defence-industry", "ADEX", "Presidency of Defence"],
)
def test_the_delegation_page_finds_a_delegation_by_its_head_body_or_name(client, seeded, query):
    assert found(client, query) == {DELEGATION}


@pytest.mark.parametrize("query", ["Hasanov", "Guler", "nothing like it"])
def test_words_that_name_no_part_of_a_delegation_find_none(client, seeded, query):
    assert found(client, query) == set()


def test_the_delegation_admin_search_ignores_diacritics(admin_client, seeded):
    response = admin_client.get("/admin/events/delegation/", {"q": "Gorgun"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [
        Delegation.objects.get(slug="turkiye-defence-industry-delegation-adex-2024")
    ]


def test_an_officials_page_and_the_person_filter_list_the_delegations_led_and_joined(db, client):
    person, other = PersonFactory(), PersonFactory()
    led = DelegationFactory(name="Led by the official", head=person)
    joined = DelegationFactory(name="Joined by the official", head=other, members=[person])
    DelegationFactory(name="Without the official", head=other, members=[other])

    page = client.get(person.get_absolute_url()).content.decode()
    listed = client.get("/delegations/", {"person": person.slug}).context["object_list"]

    assert "Led by the official" in page and "Joined by the official" in page
    assert "Without the official" not in page
    assert [d.pk for d in listed] == [joined.pk, led.pk]  # in name order
