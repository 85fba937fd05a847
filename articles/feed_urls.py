from django.urls import path, re_path

from articles.feeds import LatestArticlesFeed, TopicArticlesFeed
from articles.relation_views import relation_feed

app_name = "feeds"
urlpatterns = [
    path("articles/", LatestArticlesFeed(), name="articles"),
    path("topics/<slug:slug>/", TopicArticlesFeed(), name="topic"),
    re_path(r"^relations/(?P<a>[A-Za-z]{2})-(?P<b>[A-Za-z]{2})/$", relation_feed, name="pair"),
]
