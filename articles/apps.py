from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import cards, pages
        from articles import ninjs as documents

        documents.register()
        cards.register()
        pages.register()
