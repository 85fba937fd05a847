"""Every editorial admin page opens for an editor on the seed story, and links to the site."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from core.editors import EDITORIAL_APPS
from people.models import Person

EDITORIAL_ADMINS = [
    model_admin
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in EDITORIAL_APPS
]


@pytest.mark.parametrize("model_admin", EDITORIAL_ADMINS, ids=lambda a: a.opts.label)
def test_changelist_add_deleted_and_change_pages_open(editor_client, seeded, model_admin):
    opts = model_admin.opts
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    for url in (base, f"{base}add/", f"{base}deleted/", f"{base}?q=guler"):
        assert editor_client.get(url).status_code == 200, url
    obj = model_admin.model.objects.first()
    assert obj is not None, f"the seed story has no {opts.verbose_name}"
    for url in (f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/"):
        assert editor_client.get(url).status_code == 200, url


def test_seeded_people_are_found_without_diacritics(editor_client, seeded):
    for query, slug in (("Guler", "yasar-guler"), ("Hasanov", "zakir-hasanov")):
        response = editor_client.get("/admin/people/person/", {"q": query})
        assert [p.slug for p in response.context["cl"].result_list] == [slug]


def test_view_on_site_leads_to_the_public_page(editor_client, seeded):
    person = Person.objects.get(slug="yasar-guler")
    change = editor_client.get(f"/admin/people/person/{person.pk}/change/")
    content_type = ContentType.objects.get_for_model(Person)
    shortcut = f"/admin/r/{content_type.pk}/{person.pk}/"
    assert shortcut in change.content.decode()
    response = editor_client.get(shortcut)
    assert response.status_code == 302
    assert response.url.endswith("/officials/yasar-guler/")
