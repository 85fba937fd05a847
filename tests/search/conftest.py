import pytest
from django.contrib.auth.models import Group

from core.editors import EDITORS_GROUP, ensure_editors_group


@pytest.fixture
def editor_client(client, db, django_user_model):
    """Logged in as a desk editor: staff, in the Editors group, not a superuser."""
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username="desk", password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client
