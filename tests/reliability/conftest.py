import pytest
from django.contrib.auth.models import Group

from core.editors import EDITORS_GROUP, ensure_editors_group


def _editor(django_user_model, username: str):
    ensure_editors_group()
    user = django_user_model.objects.create_user(
        username=username, password="a-long-test-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def two_desks(db, django_user_model, browser_for):
    """Two desk editors, each at the admin in a browser of their own (django-webtest)."""
    return [
        browser_for(_editor(django_user_model, name)) for name in ("first-editor", "second-editor")
    ]
