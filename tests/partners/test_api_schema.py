import re

import pytest
from jsonschema import Draft202012Validator

from tests.partners.test_api_responses import ENDPOINTS


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_and_lists_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    for endpoint in ENDPOINTS:
        assert f"/api/v1/{endpoint}/" in schema["paths"]
        assert f"/api/v1/{endpoint}/{{ref}}/" in schema["paths"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_documents_its_parameters_and_errors(schema, endpoint):
    operation = schema["paths"][f"/api/v1/{endpoint}/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"updated_since", "cursor", "page_size"} <= names
    assert {"200", "304", "400", "401", "429"} <= set(operation["responses"])
    detail = schema["paths"][f"/api/v1/{endpoint}/{{ref}}/"]["get"]
    assert {"200", "304", "401", "404", "429"} <= set(detail["responses"])
    assert operation["security"]


def test_schema_declares_bearer_authentication(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def as_json_schema(node):
    """OpenAPI 3.0's `nullable: true` is not JSON Schema; spell it the JSON Schema way."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def test_page_schema_matches_a_real_page(schema, seeded, api):
    components = as_json_schema(schema["components"]["schemas"])
    page = api.get("/api/v1/meetings/").json()
    validator = Draft202012Validator(
        {"$ref": "#/components/schemas/MeetingPage", "components": {"schemas": components}}
    )
    assert not list(validator.iter_errors(page))


def test_docs_page_has_no_inline_script_or_style(client, db):
    # Swagger UI from our static files; its start-up script is a separate address.
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    init = client.get("/api/docs/?script=")
    assert init["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in init.content.decode()


def test_schema_description_gives_the_sync_recipe(schema):
    text = schema["info"]["description"]
    for words in ("updated_since=<until>", "If-None-Match", "?ids=", "410", "RateLimit-Limit"):
        assert words in text


def test_every_filter_of_every_list_is_in_the_schema(schema):
    from tests.partners.test_api_filters import list_views

    for endpoint, view in list_views().items():
        operation = schema["paths"][f"/api/v1/{endpoint}/"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert set(view.filterset_class.base_filters) <= names, endpoint


def test_schema_documents_conditional_requests_and_response_headers(schema):
    for endpoint in ENDPOINTS:
        for path in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{{ref}}/"):
            operation = schema["paths"][path]["get"]
            names = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
            assert {"If-None-Match", "If-Modified-Since"} <= names
            assert {"ETag", "Last-Modified"} <= set(operation["responses"]["200"]["headers"])
            assert "Retry-After" in operation["responses"]["429"]["headers"]
        listing = schema["paths"][f"/api/v1/{endpoint}/"]["get"]
        assert "Link" in listing["responses"]["200"]["headers"]
