from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Meetings and exhibitions"

    def ready(self):
        from events import cards, documents, pages, pair_figures, people_pages, record_pages

        documents.register()
        pair_figures.register()
        cards.register()
        pages.register()
        people_pages.register()
        record_pages.register()
