import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from core.editors import EDITORS_GROUP


def run() -> str:
    out = StringIO()
    call_command("create_local_editor", stdout=out)
    return out.getvalue()


def test_creates_an_editor_and_prints_the_password_once(client, db):
    output = run()
    password = re.search(r"Password \(shown this once\): (\S+)", output).group(1)
    assert output.count(password) == 1

    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert client.login(username="editor", password=password)
    assert client.get("/admin/events/meeting/").status_code == 200


def test_second_run_prints_no_password_and_says_how_to_reset(client, db):
    first = run()
    password = re.search(r"Password \(shown this once\): (\S+)", first).group(1)

    second = run()

    assert "already exists" in second
    assert "changepassword editor" in second
    assert "Password" not in second and password not in second
    assert client.login(username="editor", password=password)
