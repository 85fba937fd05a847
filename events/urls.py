from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("exhibitions/", views.ExhibitionListView.as_view(), name="exhibition_list"),
    path(
        "exhibitions/<slug:slug>/",
        views.ExhibitionDetailView.as_view(),
        name="exhibition_detail",
    ),
    path("delegations/", views.DelegationListView.as_view(), name="delegation_list"),
    path(
        "delegations/<slug:slug>/",
        views.DelegationDetailView.as_view(),
        name="delegation_detail",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
]
