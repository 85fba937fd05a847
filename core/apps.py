from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Archive core"

    def ready(self):
        from core import admin_patches, audit
        from core.editors import ensure_editors_group

        admin_patches.apply()
        audit.connect()

        # After every migrate (including the test database's), so the group always
        # carries the permissions of the models that exist now.
        post_migrate.connect(ensure_editors_group, dispatch_uid="core.ensure_editors_group")
