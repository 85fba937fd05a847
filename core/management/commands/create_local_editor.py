"""A staff account in the Editors group for trying the admin on a development machine."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from core.editors import EDITORS_GROUP, ensure_editors_group

USERNAME = "editor"


class Command(BaseCommand):
    help = (
        f"Create the staff user '{USERNAME}' in the {EDITORS_GROUP} group and print its "
        "random password once. Does nothing to an existing account."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "create_local_editor is for development machines. In production, create each "
                "editor's own account in the admin and add it to the Editors group."
            )
        ensure_editors_group()
        group = Group.objects.get(name=EDITORS_GROUP)
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is not None:
            # Only the group and staff flag are put right; the password is not ours to change.
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            user.groups.add(group)
            self.stdout.write(
                f"The user '{USERNAME}' already exists; its password is unchanged and not shown. "
                f"To set a new one: python manage.py changepassword {USERNAME}"
            )
            return
        password = secrets.token_urlsafe(16)
        user = User.objects.create_user(username=USERNAME, password=password, is_staff=True)
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"Created the staff user '{USERNAME}' in the {EDITORS_GROUP} group.")
        )
        self.stdout.write(f"Password (shown this once): {password}")
        self.stdout.write("Sign in at http://127.0.0.1:8000/admin/")
