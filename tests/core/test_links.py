import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import slug_url

DETAIL_VIEWS = [
    "articles:detail",
    "people:person_detail",
    "people:organisation_detail",
    "events:meeting_detail",
    "events:exhibition_detail",
    "events:delegation_detail",
    "events:topic_detail",
]


@pytest.mark.parametrize("viewname", DETAIL_VIEWS)
@pytest.mark.parametrize("slug", ["adex-2024", "a", "zakir_hasanov-2", "X9"])
def test_slug_url_is_what_reverse_gives(viewname, slug):
    assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_slug_url_follows_the_script_prefix():
    try:
        set_script_prefix("/archive/")
        assert slug_url("people:person_detail", "yasar-guler") == reverse(
            "people:person_detail", kwargs={"slug": "yasar-guler"}
        )
        assert slug_url("people:person_detail", "yasar-guler").startswith("/archive/")
    finally:
        set_script_prefix("/")


def test_a_value_the_slug_converter_refuses_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        slug_url("people:person_detail", "no/slashes")
    with pytest.raises(NoReverseMatch):
        slug_url("people:person_detail", "")


def test_slug_url_follows_an_overridden_urlconf(settings):
    slug_url("people:person_detail", "yasar-guler")  # cached for the project's URLconf
    settings.ROOT_URLCONF = "tests.core.urls_mounted"
    assert slug_url("people:person_detail", "yasar-guler") == reverse(
        "people:person_detail", kwargs={"slug": "yasar-guler"}
    )
    assert slug_url("people:person_detail", "yasar-guler").startswith("/mounted/")
