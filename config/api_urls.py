"""The partner API under /api/: /api/v1/<endpoint>/, the OpenAPI schema and its docs page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from articles import api as articles_api
from events import api as events_api
from partners.errors import not_found
from partners.schema import SchemaView
from people import api as people_api

app_name = "api"


def endpoint(prefix, list_view, detail_view, name):
    return [
        path(f"v1/{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"v1/{prefix}/<str:ref>/", detail_view.as_view(), name=f"{name}_detail"),
    ]


urlpatterns = [
    *endpoint("articles", articles_api.ArticleListApi, articles_api.ArticleDetailApi, "article"),
    *endpoint("officials", people_api.PersonListApi, people_api.PersonDetailApi, "person"),
    *endpoint(
        "organisations",
        people_api.OrganisationListApi,
        people_api.OrganisationDetailApi,
        "organisation",
    ),
    *endpoint("positions", people_api.PositionListApi, people_api.PositionDetailApi, "position"),
    *endpoint("meetings", events_api.MeetingListApi, events_api.MeetingDetailApi, "meeting"),
    *endpoint(
        "delegations", events_api.DelegationListApi, events_api.DelegationDetailApi, "delegation"
    ),
    *endpoint("outcomes", events_api.OutcomeListApi, events_api.OutcomeDetailApi, "outcome"),
    *endpoint(
        "exhibitions", events_api.ExhibitionListApi, events_api.ExhibitionDetailApi, "exhibition"
    ),
    *endpoint("topics", events_api.TopicListApi, events_api.TopicDetailApi, "topic"),
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
