from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django_countries.filters import CountryFilter

from core.admin import EditorialAdmin, FoldedSearchMixin
from people.models import Organisation, OrganisationAlias, Person, PersonAlias, Position
from people.services import (
    organisation_delete,
    organisation_save,
    person_delete,
    person_save,
    position_delete,
    position_save,
)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class PositionFormSet(BaseInlineFormSet):
    """A person's positions, checked against each other and the archive in one go.

    Each row's own check would compare it with the stored rows only, so ending one term and
    starting the next in the same save would be refused; here the rows on the page count.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.clashes_checked_by_formset = True
        return form

    def clean(self):
        super().clean()
        kept, removed = [], []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk:
                    removed.append(form.instance.pk)
                continue
            kept.append(form)
        rows = [form.instance for form in kept]
        for form in kept:
            if form.errors:
                continue
            for reason in form.instance.clashes(others=rows, removed=removed):
                form.add_error(None, reason)
        if any(form.errors for form in kept):
            raise ValidationError("Some positions clash; the reasons are given on their rows.")


class PositionInline(admin.TabularInline):
    model = Position
    formset = PositionFormSet
    fk_name = "person"
    extra = 1
    autocomplete_fields = ["organisation"]
    fields = [
        "title",
        "organisation",
        "start_date",
        "end_date",
        "is_primary",
        "single_holder",
        "source_note",
    ]


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, EditorialAdmin):
    change_kind = "official"

    def save_row(self, obj):
        person_save(person=obj)

    def delete_row(self, obj):
        person_delete(person=obj)

    list_display = ["name", "honorific", "country", "wikidata_id", "updated_at"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["name", "slug", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline, PositionInline]
    restore_children = ("aliases", "positions")
    fieldsets = [
        (None, {"fields": ["name", "slug", "honorific", "country"]}),
        ("Reference", {"fields": ["wikidata_id", "notes"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Aliases removed in the inline leave the folded names stale until recomputed.
        form.instance.refresh_search_names()


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(FoldedSearchMixin, EditorialAdmin):
    change_kind = "organisation"

    def save_row(self, obj):
        organisation_save(organisation=obj)

    def delete_row(self, obj):
        organisation_delete(organisation=obj)

    list_display = ["name", "acronym", "kind", "country", "parent"]
    list_filter = [("country", CountryFilter), "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline]
    restore_children = ("aliases",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_names()


@admin.register(Position)
class PositionAdmin(EditorialAdmin):
    change_kind = "position"

    def save_row(self, obj):
        position_save(position=obj)

    def delete_row(self, obj):
        position_delete(position=obj)

    list_display = [
        "person",
        "title",
        "organisation",
        "start_date",
        "end_date",
        "is_primary",
        "single_holder",
    ]
    list_filter = [("person__country", CountryFilter), "is_primary", "single_holder", "start_date"]
    list_select_related = ["person", "organisation"]
    search_fields = ["title"]
    autocomplete_fields = ["person", "organisation"]
    date_hierarchy = "start_date"

    def get_search_results(self, request, queryset, search_term):
        # Positions are found by their holder or body, named in any spelling.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = queryset.filter(
                Q(pk__in=results.values("pk"))
                | Q(person__in=Person.objects.matching(search_term))
                | Q(organisation__in=Organisation.objects.matching(search_term))
            )
        return results, may_have_duplicates
