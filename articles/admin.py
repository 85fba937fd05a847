from django.contrib import admin, messages
from django.db import transaction
from django_countries.filters import CountryFilter

from articles.models import Article, ArticleCountry, Source
from articles.services import (
    article_delete,
    article_publish,
    article_save,
    article_withdraw,
    source_delete,
    source_save,
)
from core.admin import (
    CountryInvolvedFilter,
    EditorialAdmin,
    FoldedSearchMixin,
    LinkedOnlyFieldListFilter,
)
from core.locking import OptimisticLockAdminMixin


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


class ArticleCountryInline(admin.TabularInline):
    model = ArticleCountry
    extra = 2
    min_num = 0


class ArticleCountryFilter(CountryInvolvedFilter):
    title = "country covered"
    parameter_name = "countries__country"
    country_fields = ("countries__country",)
    queryset_method = "about_country"


@admin.register(Article)
class ArticleAdmin(OptimisticLockAdminMixin, FoldedSearchMixin, EditorialAdmin):
    """The article's admin; search/admin.py registers it again with tag suggestions added."""

    change_kind = "article"

    def save_row(self, obj):
        article_save(article=obj)

    def delete_row(self, obj):
        article_delete(article=obj)

    list_display = ["headline", "status", "published_at", "source", "language", "dateline_place"]
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
    restore_children = ("countries",)
    actions = ["publish", "unpublish"]
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
        ("Publication", {"fields": ["status", "published_at"]}),
    ]

    # Each action changes every selected article or, on any error, none of them (Django runs
    # actions outside a transaction).
    @admin.action(description="Publish the selected articles", permissions=["change"])
    @transaction.atomic
    def publish(self, request, queryset):
        for article in queryset:
            article_publish(article=article)
        self.message_user(request, f"Published: {_count(queryset)}.", messages.SUCCESS)

    @admin.action(
        description="Unpublish the selected articles (back to draft)", permissions=["change"]
    )
    @transaction.atomic
    def unpublish(self, request, queryset):
        for article in queryset:
            article_withdraw(article=article)
        self.message_user(request, f"Back to draft: {_count(queryset)}.", messages.SUCCESS)


def _count(articles) -> str:
    n = len(articles)
    return f"{n} article" if n == 1 else f"{n} articles"
