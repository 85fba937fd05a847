import pytest
from django.contrib.auth.models import Group
from django.test import Client

from core.editors import EDITORS_GROUP, ensure_editors_group


def _editor(django_user_model, username: str):
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def two_editors(db, django_user_model):
    """Two desk editors, each logged in on a client of their own."""
    clients = []
    for name in ("first-editor", "second-editor"):
        client = Client()
        client.force_login(_editor(django_user_model, name))
        clients.append(client)
    return clients
