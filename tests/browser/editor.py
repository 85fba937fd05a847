"""Shared steps for the editors' journeys: the `editor` account, logged in through the page."""

from django.contrib.auth.models import Group

from core.editors import EDITORS_GROUP, ensure_editors_group

PASSWORD = "a-long-editor-password-1"


def make_editor(username: str = "editor"):
    """A desk editor as create_local_editor makes one: staff, in Editors, not a superuser."""
    from django.contrib.auth import get_user_model

    ensure_editors_group()
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert not user.is_superuser
    return user


def log_in(page, server_url: str, username: str = "editor") -> None:
    page.goto(server_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server_url + "/admin/")


def watch_console(page) -> list[str]:
    """Console errors and CSP refusals of the page, collected as they happen."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" or "Refused" in message.text:
            where = message.location.get("url", "")
            if not where.endswith("/favicon.ico"):  # browsers ask for it by themselves
                problems.append(f"{message.text} ({where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    return problems
