import pytest
from django.contrib.auth.models import Group

from core.editors import EDITORS_GROUP, ensure_editors_group


@pytest.fixture
def editor(db, django_user_model):
    """A desk editor: staff, in the Editors group, and not a superuser."""
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username="desk", password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def desk(django_app, editor):
    """The editor at the admin through django-webtest: pages parsed, forms submitted as shown."""
    django_app.set_user(editor)
    return django_app
