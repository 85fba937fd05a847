from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search and tag suggestions"

    def ready(self):
        from events.models import Exhibition, ExhibitionSeries
        from people.models import Organisation, OrganisationAlias, Person, PersonAlias
        from search.linking import names_changed

        # The tag-suggestion matcher is built once per process from every known name; any
        # change to a name (or alias) invalidates it everywhere through the shared cache.
        for model in (
            Person,
            PersonAlias,
            Organisation,
            OrganisationAlias,
            Exhibition,
            ExhibitionSeries,
        ):
            uid = f"search.names_changed.{model._meta.label_lower}"
            post_save.connect(names_changed, sender=model, dispatch_uid=uid + ".save")
            post_delete.connect(names_changed, sender=model, dispatch_uid=uid + ".delete")
