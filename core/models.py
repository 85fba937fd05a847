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
