"""A partner's usage (last use, requests today) on its admin page, counted by the API."""

import re

from partners.models import Partner, api_key_create


def readonly(page, field: str) -> str:
    found = re.search(rf'field-{field}.*?<div class="readonly">(.*?)</div>', page.text, flags=re.S)
    assert found, field
    return found.group(1).strip()


def cell(page, name: str, field: str) -> str:
    row = next(row for row in page.text.split("<tr") if name in row)
    return re.search(rf'class="field-{field}">(.*?)</td>', row).group(1).strip()


def test_partner_page_shows_last_use_and_requests_today(db, api, partner, django_app, admin_user):
    for _ in range(3):
        assert api.get("/api/v1/topics/").status_code == 200
    page = django_app.get(f"/admin/partners/partner/{partner.pk}/change/", user=admin_user)
    today = readonly(page, "requests_today")
    assert today == "3"
    assert readonly(page, "last_used") != "never"
    listing = django_app.get("/admin/partners/partner/", user=admin_user)
    assert cell(listing, partner.name, "requests_today") == "3"


def test_unused_partner_shows_never(db, django_app, admin_user):
    idle = Partner.objects.create(name="Idle Wire")
    api_key_create(partner=idle)
    page = django_app.get(f"/admin/partners/partner/{idle.pk}/change/", user=admin_user)
    assert readonly(page, "requests_today") == "0"
    assert readonly(page, "last_used") == "never"
