from django.db import models


class TimeStamped(models.Model):
    """Creation and last-change times; the API's incremental sync orders by updated_at."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date"
    INFERRED = "inferred", "Inferred (the source gives no year or day)"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


class ContentVersion(models.Model):
    """A single row counting editorial changes; cached public pages are stored under its value.

    It lives in the database, not in the cache, so that every app process (each with its own
    local-memory cache, or sharing Redis) sees a change as soon as the editor's transaction
    commits, and never before: a page rebuilt from uncommitted data cannot be cached under
    the new value. Written by core.cache.bump_content_version.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    value = models.BigIntegerField(default=1)

    def __str__(self):
        return f"content version {self.value}"
