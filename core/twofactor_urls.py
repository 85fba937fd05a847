from django.urls import path

from core import twofactor_views

app_name = "twofactor"
urlpatterns = [
    path("setup/", twofactor_views.setup, name="setup"),
    path("verify/", twofactor_views.verify, name="verify"),
]
