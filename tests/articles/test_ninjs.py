import json
from pathlib import Path

import orjson
import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from articles.models import Article
from articles.ninjs import article_tombstone
from core.models import Document
from seeds.synthetic import generate_archive

STANDARDS = Path(settings.BASE_DIR) / "standards"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((STANDARDS / "ninjs-schema_2.2.json").read_text())
    geojson = json.loads((STANDARDS / "GeoJSON-schema.json").read_text())
    registry = Registry().with_resource(
        "https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson)
    )
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def assert_valid(validator, doc):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert not errors, errors


def stored(article) -> dict:
    return orjson.loads(Document.objects.get(kind="article", object_id=article.pk).body)


def test_every_seeded_article_is_valid_ninjs(seeded, validator):
    articles = list(Article.objects.all())
    assert articles
    for article in articles:
        doc = stored(article)
        assert_valid(validator, doc)
        assert doc["pubstatus"] == "usable"


def test_seeded_article_carries_our_ids_and_roles(seeded):
    article = Article.objects.get(slug="azerbaijan-turkiye-defence-talks-adex-2024")
    doc = stored(article)
    people = {p["literal"]: p for p in doc["people"]}
    assert people["zakir-hasanov"]["rel"] == "host"
    assert people["yasar-guler"]["rel"] == "guest"
    assert people["haluk-gorgun"]["rel"] == "head-of-delegation"
    assert people["zakir-hasanov"]["uri"].endswith(
        f"/api/v1/officials/{article.people.get(slug='zakir-hasanov').pk}/"
    )
    assert {"name": "Azerbaijan – Türkiye", "rel": "country-pair", "literal": "az-tr"} in doc[
        "subjects"
    ]
    assert {e["literal"] for e in doc["events"]} == {
        "hasanov-guler-talks-adex-2024",
        "hasanov-ssb-delegation-adex-2024",
        "adex-2024",
    }
    assert doc["located"] == "Baku"
    assert doc["infosources"][0]["literal"] == "apa"
    assert {"role": "id", "value": str(article.pk)} in doc["altids"]


def test_every_generated_article_is_valid_ninjs(db, validator):
    generate_archive(articles=60, seed=7)
    articles = list(Article.objects.published())
    assert len(articles) >= 30
    for article in articles:
        assert_valid(validator, stored(article))


def test_tombstone_is_valid_ninjs(validator):
    doc = article_tombstone(12)
    assert_valid(validator, doc)
    assert doc["pubstatus"] == "canceled"


def test_a_document_with_a_key_of_our_own_is_invalid(seeded, validator):
    doc = stored(Article.objects.first())
    doc["archive_id"] = 1
    assert not validator.is_valid(doc)


def test_a_document_with_a_wrong_pubstatus_is_invalid(validator):
    assert not validator.is_valid({"uri": "http://example.org/a/1", "pubstatus": "deleted"})
