"""The API reference renders in Chromium under the site's own content policy, enforced."""

import pytest
from django.conf import settings as django_settings

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def enforced_csp(settings):
    # What production sends (DEBUG off): the policy enforced, not report-only.
    settings.CONTENT_SECURITY_POLICY = django_settings.CSP_POLICY
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = None


def test_api_docs_render_under_the_production_csp(live_server, enforced_csp, db, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(VIOLATIONS)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock", timeout=30_000)
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/articles/" in operations and len(operations) >= 18
    assert page.locator("text=Keeping a copy in sync").count() == 1
    # Swagger UI's own stylesheet applied: its operation blocks are laid out, not plain text.
    assert page.locator(".opblock").first.evaluate("e => getComputedStyle(e).borderRadius") != "0px"
    assert page.evaluate("window.__cspViolations") == []
    assert not [m for m in messages if "Content Security Policy" in m], messages
