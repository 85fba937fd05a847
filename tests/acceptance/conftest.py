import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from core.editors import EDITORS_GROUP, ensure_editors_group
from partners.models import ApiKey, Partner, api_key_create
from tests.acceptance import site_map


@pytest.fixture
def editor_user(db, django_user_model):
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username="desk", password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", "", "a-long-test-password-2")


@pytest.fixture
def partner_key(db):
    partner = Partner.objects.create(name="Security Desk", requests_per_minute=100_000)
    key, raw = api_key_create(partner=partner, label="matrix")
    return key, raw


@pytest.fixture
def actors(editor_user, superuser, partner_key):
    """A client per kind of visitor: anonymous reader, editor, superuser, partner key."""
    # Server errors come back as responses, so that a matrix lists every failing cell.
    editor = Client(raise_request_exception=False)
    editor.force_login(editor_user)
    chief = Client(raise_request_exception=False)
    chief.force_login(superuser)
    return {
        "anonymous": Client(raise_request_exception=False),
        "editor": editor,
        "superuser": chief,
        "partner": Client(
            headers={"Authorization": f"Bearer {partner_key[1]}"}, raise_request_exception=False
        ),
    }


@pytest.fixture
def matrix_objects(seeded, editor_user, superuser, partner_key):
    """An object of every registered model the admin can show, for its object pages."""
    objects = site_map.published_samples()
    objects.update(
        {
            User: editor_user,
            Group: Group.objects.get(name="Editors"),
            Partner: partner_key[0].partner,
            ApiKey: partner_key[0],
        }
    )
    return objects
