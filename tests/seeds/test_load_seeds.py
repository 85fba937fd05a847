from datetime import date

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from articles.models import Article
from events.models import Delegation, Exhibition, Meeting, Outcome
from people.models import Organisation, Person

OFFICIALS = {
    "zakir-hasanov": ("Zakir Həsənov", "Zakir Hasanov"),
    "yasar-guler": ("Yaşar Güler", "Yasar Guler"),
    "kerim-valiyev": ("Kərim Vəliyev", "Karim Valiyev"),
    "cahit-bagci": ("Cahit Bağcı", "Cahit Bagci"),
    "haluk-gorgun": ("Haluk Görgün", "Haluk Gorgun"),
}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (history included), to compare two loads."""
    return {
        model._meta.label: sorted(model._default_manager.values_list(), key=repr)
        for model in apps.get_models()
        if model._meta.app_label in {"people", "events", "articles"}
    }


def test_seed_holds_the_five_officials_with_native_names_and_aliases(seeded):
    for slug, (native, ascii_alias) in OFFICIALS.items():
        person = Person.objects.get(slug=slug)
        assert person.name == native
        assert ascii_alias in person.aliases.values_list("name", flat=True)
        assert person.positions.held_on(date(2024, 9, 24)).exists(), slug


def test_seed_holds_adex_and_both_meetings(seeded):
    adex = Exhibition.objects.get(slug="adex-2024")
    assert (adex.edition, adex.venue, adex.city, str(adex.country)) == (
        5,
        "Baku Expo Center",
        "Baku",
        "AZ",
    )
    talks = Meeting.objects.get(slug="hasanov-guler-talks-adex-2024")
    assert talks.date == date(2024, 9, 24) and talks.date_precision == "inferred"
    assert talks.exhibition == adex and talks.pair_key == "az-tr"
    present = {p.person.slug: p.role for p in talks.participations.select_related("person")}
    assert present == {
        "zakir-hasanov": "host",
        "yasar-guler": "guest",
        "kerim-valiyev": "attendee",
        "cahit-bagci": "attendee",
    }
    signing = Meeting.objects.get(slug="hasanov-ssb-delegation-adex-2024")
    delegation = Delegation.objects.get(meetings=signing)
    assert delegation.head.slug == "haluk-gorgun"
    outcome = Outcome.objects.get(meeting=signing)
    # "Several contracts": the count is unknown, not 1.
    assert outcome.kind == "contract" and outcome.count is None
    assert set(talks.topics.values_list("slug", flat=True)) >= {
        "military-technical-cooperation",
        "regional-security",
        "joint-production",
    }


def test_seed_article_is_published_with_dateline_credit_and_tags(seeded):
    article = Article.objects.published().get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    assert article.dateline_place == "Baku"
    assert article.source.name == "Azeri-Press News Agency"
    assert set(article.people.values_list("slug", flat=True)) == set(OFFICIALS)
    assert article.meetings.count() == 2
    assert set(article.countries.values_list("country", flat=True)) == {"AZ", "TR"}
    ssb = Organisation.objects.get(slug="turkiye-presidency-of-defence-industries")
    assert ssb.parent.slug == "turkiye-presidency"


def test_loading_seeds_twice_changes_no_row(seeded):
    before = snapshot()
    call_command("load_seeds", verbosity=0)
    assert snapshot() == before


def test_second_run_reports_nothing_changed(seeded, capsys):
    call_command("load_seeds")
    assert "nothing changed" in capsys.readouterr().out


def test_seed_file_with_dangling_reference_is_refused_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"topics": [{"slug": "t", "name": "T"}],'
        ' "people": [{"slug": "x", "name": "X", "country": "AZ",'
        ' "positions": [{"organisation": "nowhere", "title": "Nobody"}]}]}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="bad.json: organisation 'nowhere'"):
        call_command("load_seeds", str(bad))
    assert not Person.objects.exists()
