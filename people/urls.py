from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("officials/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
