"""The partner API under /api/: /api/v1/<endpoint>/, the OpenAPI schema and its docs page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from partners import api
from partners.errors import not_found
from partners.schema import SchemaView

app_name = "api"


def endpoint(prefix, list_view, detail_view, name):
    return [
        path(f"v1/{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"v1/{prefix}/<str:ref>/", detail_view.as_view(), name=f"{name}_detail"),
    ]


urlpatterns = [
    *endpoint("articles", api.ArticleListApi, api.ArticleDetailApi, "article"),
    *endpoint("officials", api.PersonListApi, api.PersonDetailApi, "person"),
    *endpoint(
        "organisations",
        api.OrganisationListApi,
        api.OrganisationDetailApi,
        "organisation",
    ),
    *endpoint("positions", api.PositionListApi, api.PositionDetailApi, "position"),
    *endpoint("meetings", api.MeetingListApi, api.MeetingDetailApi, "meeting"),
    *endpoint("delegations", api.DelegationListApi, api.DelegationDetailApi, "delegation"),
    *endpoint("outcomes", api.OutcomeListApi, api.OutcomeDetailApi, "outcome"),
    *endpoint("exhibitions", api.ExhibitionListApi, api.ExhibitionDetailApi, "exhibition"),
    *endpoint("topics", api.TopicListApi, api.TopicDetailApi, "topic"),
    path(
        "schema/",
        SchemaView.as_view(),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema",
            template_name="partners/swagger_ui.html",
            authentication_classes=[],
            permission_classes=[],
        ),
        name="docs",
    ),
    # Ends with a slash, so a missing slash still gets the usual redirect first.
    re_path(r"^(?P<path>(?:.*/)?)$", not_found),
]
