from django.contrib import admin
from django_countries.filters import CountryFilter

from articles import services
from articles.editor import BodyEditorAdminMixin
from articles.models import Article, ArticleCountry, Source
from articles.services import source_delete, source_save
from articles.views import ArticlePreviewView
from core.admin import (
    CountryInvolvedFilter,
    EditorialAdmin,
    FoldedSearchMixin,
    LinkedOnlyFieldListFilter,
    QuickCountryMenus,
)
from core.locking import OptimisticLockAdminMixin
from core.publication import PublicationAdminMixin


@admin.register(Source)
class SourceAdmin(EditorialAdmin):
    change_kind = "source"

    def save_row(self, obj):
        source_save(source=obj)

    def delete_row(self, obj):
        source_delete(source=obj)

    list_display = ["name", "acronym", "country", "website"]
    list_filter = [("country", CountryFilter)]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]


class ArticleCountryInline(QuickCountryMenus, admin.TabularInline):
    model = ArticleCountry
    extra = 2
    min_num = 0


class ArticleCountryFilter(CountryInvolvedFilter):
    title = "country covered"
    parameter_name = "countries__country"
    country_fields = ("countries__country",)
    queryset_method = "about_country"


@admin.register(Article)
class ArticleAdmin(
    BodyEditorAdminMixin,
    PublicationAdminMixin,
    OptimisticLockAdminMixin,
    FoldedSearchMixin,
    EditorialAdmin,
):
    """The article's admin; search/admin.py registers it again with tag suggestions added."""

    change_kind = "article"
    list_display = [
        "headline",
        "publication_status",
        "published_at",
        "source",
        "language",
        "dateline_place",
    ]
    list_filter = [
        "status",
        ArticleCountryFilter,
        ("topics", LinkedOnlyFieldListFilter),
        ("source", LinkedOnlyFieldListFilter),
        "language",
        "published_at",
    ]
    list_select_related = ["source"]
    # No exhibition filter: hundreds of editions make a sidebar nobody can scan (search finds
    # them). No date_hierarchy: its year links need DISTINCT over every article's date (a full scan
    # on a large archive); the published_at filter above offers the recent periods instead.
    search_fields = ["headline", "slug", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["source", "people", "organisations", "meetings", "exhibitions", "topics"]
    inlines = [ArticleCountryInline]
    restore_children = services.RESTORED_WITH_ARTICLE
    actions = ["publish", "withdraw", "submit_for_review"]
    publication_object = "article"
    preview_view_class = ArticlePreviewView
    publication_services = {
        "save": services.article_save,
        "publish": services.article_publish,
        "schedule": services.article_schedule,
        "withdraw": services.article_withdraw,
        "review": services.article_submit_for_review,
        "delete": services.article_delete,
        "restore": services.article_restore,
    }
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (
            "Dateline and credit",
            {
                "fields": [
                    ("dateline_place", "dateline_date", "dateline_precision"),
                    "byline",
                    ("source", "source_url"),
                    "language",
                ]
            },
        ),
        ("Tags", {"fields": ["meetings", "exhibitions", "people", "organisations", "topics"]}),
    ]

    @admin.action(description="Submit the selected for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk(request, queryset, "review", "Submitted for review")
