"""Tag suggestions from article text: names in ASCII spellings, surnames, false friends."""

from datetime import date

import pytest

from events.models import Exhibition
from people.models import Organisation, Person
from people.services import person_save
from search import linking
from search.linking import COUNTRY, EXHIBITION, ORGANISATION, PERSON, NameMatcher, Target

STORY = """\
Ankara and Baku sign training pact as ADEX doors open

BAKU—Defence minister Zakir Hasanov welcomed his counterpart Yasar Guler on the first \
morning of the exhibition, the ministry said.

Later Hasanov and Guler toured the stands with Karim Valiyev. Haluk Gorgun of the SSB \
spoke to reporters from APA about drones.

The Turkish ambassador, Cahit Bagci, did not attend.

Back To Top
"""


def suggested(text, on=date(2024, 9, 25)):
    found = linking.suggest(text, on=on)
    by_kind: dict[str, set] = {}
    for item in found:
        by_kind.setdefault(item.target.kind, set()).add(item.target.name)
    return by_kind


def test_story_in_ascii_names_every_official(seeded):
    found = suggested(STORY)
    assert found[PERSON] == {
        "Zakir Həsənov",
        "Yaşar Güler",
        "Kərim Vəliyev",
        "Haluk Görgün",
        "Cahit Bağcı",
    }
    assert found[ORGANISATION] == {"Presidency of Defence Industries", "Azeri-Press News Agency"}
    assert found[EXHIBITION] == {"ADEX 2024"}
    assert {"Türkiye"} <= found[COUNTRY] or {"Turkey"} <= found[COUNTRY]


def test_surname_alone_links_the_official(seeded):
    found = linking.suggest("Talks ended late, Guler told the press.")
    assert [(f.target.name, f.matched) for f in found] == [("Yaşar Güler", "Guler")]


def test_matched_text_is_kept_as_written(seeded):
    found = linking.suggest("Hosted by Zakir HƏSƏNOV in Baku.")
    assert found[0].matched == "Zakir HƏSƏNOV"


def test_baku_expo_is_not_a_person(seeded):
    found = suggested("Crowds filled the Baku Expo Center on the second day.")
    assert PERSON not in found


@pytest.mark.parametrize(
    "text",
    [
        "Engineers added capacity at the Apache hangar.",  # 'APA' inside words
        "The apa said nothing.",  # an acronym not in its capitals
        "A mod for the radar was shown.",  # 'MoD'
        "Talks in the guler-valley cafe ran late.",  # a surname not capitalised
        "Zakirov and Gulerson shook hands.",  # a name inside a longer word
    ],
)
def test_false_friends_do_not_match(seeded, text):
    found = suggested(text)
    assert PERSON not in found
    assert ORGANISATION not in found


def test_false_friend_surname_needs_its_capital(db):
    hill = Person.objects.create(name="Elnur Hill", slug="elnur-hill", country="AZ")
    assert suggested("Guns were shown on the hill above Baku.").get(PERSON) is None
    assert [f.target.key for f in linking.suggest("Minister Hill arrived.")] == [hill.pk]


def test_new_names_are_seen_at_once(db):
    assert PERSON not in suggested("Aysel Qurbanova opened the forum.")
    person_save(person=Person(name="Aysel Qurbanova", slug="aysel-qurbanova", country="AZ"))
    assert suggested("Aysel Qurbanova opened the forum.")[PERSON] == {"Aysel Qurbanova"}


def test_series_acronym_picks_the_edition_of_the_story_year(seeded):
    adex = Exhibition.objects.get()
    assert [f.target.key for f in linking.suggest("ADEX opened.", on=date(2024, 9, 24))] == [
        adex.pk
    ]


def test_longer_organisation_name_wins_over_the_shorter_inside_it(db):
    short = Organisation.objects.create(name="Ministry of Defence", slug="mod", kind="ministry")
    long = Organisation.objects.create(
        name="Ministry of Defence Industry", slug="mdi", kind="ministry"
    )
    keys = [f.target.key for f in linking.suggest("The Ministry of Defence Industry said.")]
    assert long.pk in keys and short.pk not in keys


def test_ten_thousand_names_in_one_automaton():
    entries = [(f"Person{i} Surname{i}", Target(PERSON, i, f"P{i}")) for i in range(10_000)]
    matcher = NameMatcher(entries)
    text = "Person42 Surname42 met Person9999 Surname9999. " * 200
    assert {f.target.key for f in matcher.find(text)} == {42, 9999}
