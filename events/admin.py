from django.contrib import admin
from django.db.models import Case, When
from django.forms.models import BaseInlineFormSet
from django_countries.filters import CountryFilter

from core.admin import (
    CountryInvolvedFilter,
    EditorialAdmin,
    FoldedSearchMixin,
    LinkedOnlyFieldListFilter,
    QuickCountryMenus,
)
from core.locking import OptimisticLockAdminMixin
from core.publication import PublicationAdminMixin
from events import services
from events.models import (
    Delegation,
    DelegationMember,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    ParticipantRole,
    Participation,
    Topic,
)
from events.services import (
    delegation_delete,
    delegation_save,
    exhibition_delete,
    exhibition_save,
    exhibition_series_delete,
    exhibition_series_save,
    topic_delete,
    topic_save,
)
from events.views import MeetingPreviewView


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    change_kind = "topic"

    def save_row(self, obj):
        topic_save(topic=obj)

    def delete_row(self, obj):
        topic_delete(topic=obj)

    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(ExhibitionSeries)
class ExhibitionSeriesAdmin(EditorialAdmin):
    change_kind = "exhibition_series"

    def save_row(self, obj):
        exhibition_series_save(series=obj)

    def delete_row(self, obj):
        exhibition_series_delete(series=obj)

    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Exhibition)
class ExhibitionAdmin(FoldedSearchMixin, EditorialAdmin):
    change_kind = "exhibition"

    def save_row(self, obj):
        exhibition_save(exhibition=obj)

    def delete_row(self, obj):
        exhibition_delete(exhibition=obj)

    list_display = ["name", "series", "edition", "start_date", "end_date", "city", "country"]
    list_filter = ["series", ("country", CountryFilter), "start_date"]
    list_select_related = ["series"]
    date_hierarchy = "start_date"
    search_fields = ["name", "slug", "series__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["series", "organiser"]


class MeetingCountryFilter(CountryInvolvedFilter):
    title = "country (either side)"
    country_fields = ("host_country", "guest_country")
    queryset_method = "about_country"


class MeetingDelegationInline(admin.TabularInline):
    """The delegations present, so a meeting with two delegations is entered on one page."""

    model = Delegation.meetings.through
    extra = 1
    autocomplete_fields = ["delegation"]
    verbose_name = "delegation present"
    verbose_name_plural = "delegations present"


class ParticipationFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.on_meeting_form = True  # rows labelled "person (role)" only
        return form


class ParticipationInline(QuickCountryMenus, admin.TabularInline):
    """Participants: host first, then guest, then the others, each by name."""

    model = Participation
    formset = ParticipationFormSet
    extra = 2
    autocomplete_fields = ["person", "delegation"]
    fields = ["person", "role", "side", "delegation"]

    def get_queryset(self, request):
        rank = Case(
            When(role=ParticipantRole.HOST, then=0),
            When(role=ParticipantRole.GUEST, then=1),
            default=2,
        )
        return (
            super()
            .get_queryset(request)
            .select_related("person")
            .order_by(rank, "person__name", "pk")
        )


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    autocomplete_fields = ["parties"]
    fields = [("kind", "count", "signed_on"), "title", "description", "parties"]


@admin.register(Meeting)
class MeetingAdmin(
    PublicationAdminMixin, OptimisticLockAdminMixin, FoldedSearchMixin, EditorialAdmin
):
    change_kind = "meeting"
    list_display = [
        "title",
        "publication_status",
        "date",
        "host_country",
        "guest_country",
        "kind",
        "exhibition",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        MeetingCountryFilter,
        "kind",
        "verification",
        ("topics", LinkedOnlyFieldListFilter),
        "date_precision",
        "date",
    ]
    list_select_related = ["exhibition"]
    # No date_hierarchy (DISTINCT over every meeting's date) and no exhibition filter (hundreds
    # of editions): the date filter and search serve editors better on a large archive.
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["exhibition", "topics"]
    inlines = [MeetingDelegationInline, ParticipationInline, OutcomeInline]
    restore_children = services.RESTORED_WITH_MEETING
    actions = ["publish", "withdraw"]
    publication_object = "meeting"
    preview_view_class = MeetingPreviewView
    publication_services = {
        "save": services.meeting_save,
        "publish": services.meeting_publish,
        "schedule": services.meeting_schedule,
        "withdraw": services.meeting_withdraw,
        "delete": services.meeting_delete,
        "restore": services.meeting_restore,
    }
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "cameo_code"]}),
        ("When", {"fields": [("date", "end_date", "date_precision")]}),
        ("Sides", {"fields": [("host_country", "guest_country"), "third_location"]}),
        ("Where", {"fields": ["exhibition", ("venue", "city", "place_country")]}),
        ("Reporting", {"fields": ["summary", "topics", "verification"]}),
    ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not Delegation.meetings.through:
            return
        # Rows saved through the link table bypass the m2m signal that history listens to;
        # a save records each delegation's new set of meetings in its own history.
        touched = {row.delegation_id for row in formset.new_objects}
        touched |= {row.delegation_id for row in formset.deleted_objects}
        touched |= {row.delegation_id for row, _ in formset.changed_objects}
        for delegation in Delegation.objects.filter(pk__in=touched):
            delegation._change_reason = f"Meetings changed on “{form.instance}”"
            delegation.save(update_fields=["updated_at"])


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 2
    autocomplete_fields = ["person"]


@admin.register(Delegation)
class DelegationAdmin(FoldedSearchMixin, EditorialAdmin):
    change_kind = "delegation"

    def save_row(self, obj):
        delegation_save(delegation=obj)

    def delete_row(self, obj):
        delegation_delete(delegation=obj)

    list_display = ["name", "country", "organisation", "head"]
    list_filter = [("country", CountryFilter)]
    list_select_related = ["organisation", "head"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "head", "meetings"]
    inlines = [DelegationMemberInline]
    restore_children = ("memberships",)
