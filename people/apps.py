from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Officials and organisations"

    def ready(self):
        from people import documents

        documents.register()
