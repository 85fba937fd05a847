"""Schemathesis against the published OpenAPI schema, as a partner's engineer runs it.

The `st` command line, with every check (server errors, status codes, content types,
response headers and bodies against the schema, schema-valid requests accepted,
schema-invalid ones refused, authentication not ignored, unsupported methods refused), over
every operation of /api/schema/ on a live server holding the seed story. Details are asked
for by the slugs of real items so that their 200 answers are checked too. Bounded for CI:
SCHEMATHESIS_MAX_EXAMPLES (default 25) per operation. The coverage phase (boundary values
of every parameter, ~5,000 requests, ~10 minutes on two cores) runs when
SCHEMATHESIS_PHASES=examples,coverage,fuzzing; it passes too (last run on this commit).
"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from partners.models import Partner, api_key_create

# Fewer locally than in CI, like the Hypothesis profiles of tests/conftest.py.
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES") or (
    "25" if os.environ.get("CI") else "10"
)
PHASES = os.environ.get("SCHEMATHESIS_PHASES", "examples,fuzzing")
ST = Path(sys.executable).with_name("st")

# One real item per detail endpoint, from the seed story.
REAL_ITEMS = {
    "articles": "Article",
    "officials": "Person",
    "organisations": "Organisation",
    "positions": "Position",
    "meetings": "Meeting",
    "delegations": "Delegation",
    "outcomes": "Outcome",
    "exhibitions": "Exhibition",
    "topics": "Topic",
}


def real_refs() -> dict[str, str]:
    from django.apps import apps

    refs = {}
    for endpoint, model_name in REAL_ITEMS.items():
        model = next(m for m in apps.get_models() if m.__name__ == model_name)
        manager = model.objects
        queryset = manager.published() if hasattr(manager, "published") else manager.all()
        refs[endpoint] = str(queryset.order_by("pk").values_list("pk", flat=True).first())
    return refs


def test_every_operation_passes_every_check(transactional_db, live_server, tmp_path):
    call_command("load_seeds", verbosity=0)
    partner = Partner.objects.create(name="Schemathesis", requests_per_minute=1_000_000)
    raw_key = api_key_create(partner=partner, label="schemathesis")[1]
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        "".join(
            f'[[operations]]\ninclude-name = "GET /api/v1/{endpoint}/{{ref}}/"\n'
            f'parameters = {{ ref = "{ref}" }}\n\n'
            for endpoint, ref in real_refs().items()
        )
    )
    result = subprocess.run(
        [
            str(ST),
            "--config-file",
            str(config),
            "run",
            f"{live_server.url}/api/schema/?format=json",
            "--checks",
            "all",
            "--phases",
            PHASES,
            "--max-examples",
            MAX_EXAMPLES,
            "--header",
            f"Authorization: Bearer {raw_key}",
            "--seed",
            os.environ.get("SCHEMATHESIS_SEED", "12"),
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    assert "Tested: 18" in result.stdout, summary
    assert "No issues found" in result.stdout, summary
