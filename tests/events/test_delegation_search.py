"""Delegations found by words: their name, or the people and body that make them up."""

import pytest

from events.models import Delegation

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
