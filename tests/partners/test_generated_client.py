"""A client generated from /api/schema/ (openapi-python-client) reads a list and a detail.

What a partner's engineer does first: download the schema from the live server, generate a
typed client, and use it. If the schema and the answers disagree, the generated models fail
to parse them (or parse them into the wrong type).
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import requests
from django.core.management import call_command

from partners.models import Partner, api_key_create

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


def generate(base_url: str, folder: Path) -> None:
    schema = requests.get(f"{base_url}/api/schema/?format=json", timeout=60)
    assert schema.status_code == 200
    (folder / "openapi.json").write_bytes(schema.content)
    # Country codes come in both cases, so enums are generated as literals, not Enum classes.
    (folder / "config.yml").write_text("literal_enums: true\n")
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            "openapi.json",
            "--config",
            "config.yml",
            "--meta",
            "none",
            "--output-path",
            "archive_client",
        ],
        cwd=folder,
        env={**os.environ, "PATH": f"{GENERATOR.parent}:{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (folder / "archive_client" / "client.py").exists(), result.stdout + result.stderr


def test_generated_client_reads_a_list_and_a_detail(transactional_db, live_server, tmp_path):
    call_command("load_seeds", verbosity=0)
    partner = Partner.objects.create(name="Generated", requests_per_minute=10_000)
    raw_key = api_key_create(partner=partner, label="generated client")[1]
    generate(live_server.url, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("archive_client")
        topics_list = importlib.import_module("archive_client.api.topics.v1_topics_list")
        topic_detail = importlib.import_module("archive_client.api.topics.v1_topics_retrieve")
        articles_list = importlib.import_module("archive_client.api.articles.v1_articles_list")
        models = importlib.import_module("archive_client.models")
        client = package.AuthenticatedClient(base_url=live_server.url, token=raw_key)

        page = topics_list.sync(client=client, page_size=3)
        assert isinstance(page, models.TopicPage), page
        assert len(page.results) == 3 and page.next_cursor
        first = page.results[0]
        assert isinstance(first, models.Topic)
        detail = topic_detail.sync(str(first.id), client=client)
        assert isinstance(detail, models.Topic)
        assert (detail.id, detail.slug, detail.name) == (first.id, first.slug, first.name)
        by_slug = topic_detail.sync(first.slug, client=client)
        assert by_slug.id == first.id

        articles = articles_list.sync(client=client, country="az")
        assert isinstance(articles, models.ArticleNinjsPage), articles
        assert articles.results and articles.results[0].pubstatus == "usable"

        missing = topic_detail.sync_detailed("no-such-topic", client=client)
        assert missing.status_code == 404 and isinstance(missing.parsed, models.Error)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.startswith("archive_client")]:
            del sys.modules[name]
