from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners and API keys"

    def ready(self):
        from core import changes
        from partners.webhooks import queue_dispatch

        # Each commit that appends to the change log wakes the webhook dispatcher.
        changes.after_commit(queue_dispatch)
