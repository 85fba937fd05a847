from django.urls import path, re_path

from articles import relation_views

app_name = "relations"
# Two ISO 3166 alpha-2 codes; any case or order resolves, then redirects to the canonical form.
PAIR = r"(?P<a>[A-Za-z]{2})-(?P<b>[A-Za-z]{2})"
urlpatterns = [
    path("", relation_views.relation_list, name="list"),
    re_path(rf"^{PAIR}/$", relation_views.relation_detail, name="detail"),
    re_path(rf"^{PAIR}/meetings\.csv$", relation_views.relation_csv, name="csv"),
]
