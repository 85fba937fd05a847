"""App processes keep no state of their own, so several can run behind a load balancer."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client


def test_sessions_are_kept_where_every_process_can_read_them():
    shared_cache = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    allowed = {"django.contrib.sessions.backends.db"}
    if shared_cache:
        allowed.add("django.contrib.sessions.backends.cached_db")
    assert settings.SESSION_ENGINE in allowed


def test_a_login_made_on_one_process_is_honoured_by_another(db, admin_user):
    first = Client()
    first.force_login(admin_user)
    assert Session.objects.count() == 1  # in the database, not in this process's memory
    second = Client()  # another process: same cookie, nothing else shared
    second.cookies = first.cookies
    assert second.get("/admin/").status_code == 200


def test_redis_is_the_cache_when_configured(monkeypatch):
    import importlib

    import config.settings as project_settings

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
        assert reloaded.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(project_settings)
