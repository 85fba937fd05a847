"""Per-partner request counts in a store every worker and machine shares.

A fixed window of one minute per partner: the count of requests in the current minute,
raised atomically by each request. With REDIS_URL (required in production) the counts live
in Redis (INCR); without it, or while Redis is down, in PostgreSQL (an upsert on
partners_ratewindow), which every process shares too. A day's total is kept for the admin.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection

WINDOW_SECONDS = 60
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Usage:
    limit: int
    count: int  # requests in this window, this one included
    reset: int  # seconds until the window ends

    @property
    def allowed(self) -> bool:
        return self.count <= self.limit

    @property
    def remaining(self) -> int:
        return max(self.limit - self.count, 0)


def _window(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def record_request(*, partner_id: int, limit: int, now: datetime | None = None) -> Usage:
    """Count one request of the partner and say whether it is within its limit."""
    now = now or datetime.now(UTC)
    start = _window(now)
    count = _redis_hit(partner_id, start) if settings.REDIS_URL else None
    if count is None:  # no Redis configured, or it is down: PostgreSQL is shared too
        count = _db_hit(partner_id, start)
    reset = max(int((start + timedelta(seconds=WINDOW_SECONDS) - now).total_seconds()), 1)
    return Usage(limit=limit, count=count, reset=reset)


def requests_on(*, partner_id: int, day) -> int:
    """How many requests the partner made on `day` (UTC), refused ones included."""
    if settings.REDIS_URL:
        from redis.exceptions import RedisError

        try:
            return int(_redis().get(_day_key(partner_id, day)) or 0)
        except RedisError:
            return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(requests), 0) FROM partners_ratewindow"
            " WHERE partner_id = %s AND start >= %s AND start < %s",
            [partner_id, day, day + timedelta(days=1)],
        )
        return cursor.fetchone()[0]


def _db_hit(partner_id: int, start: datetime) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO partners_ratewindow (partner_id, start, requests) VALUES (%s, %s, 1)"
            " ON CONFLICT (partner_id, start)"
            " DO UPDATE SET requests = partners_ratewindow.requests + 1 RETURNING requests",
            [partner_id, start],
        )
        return cursor.fetchone()[0]


def _redis():
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _day_key(partner_id: int, day) -> str:
    return f"archive:ratelimit:{partner_id}:day:{day:%Y-%m-%d}"


def _redis_hit(partner_id: int, start: datetime) -> int | None:
    from redis.exceptions import RedisError

    try:
        return _redis_count(partner_id, start)
    except RedisError:
        logger.warning("Redis unreachable: partner %s counted in PostgreSQL", partner_id)
        return None


def _redis_count(partner_id: int, start: datetime) -> int:
    key = f"archive:ratelimit:{partner_id}:{start:%Y%m%d%H%M}"
    day = _day_key(partner_id, start.date())
    pipe = _redis().pipeline(transaction=False)  # one round trip; INCR is atomic alone
    pipe.incr(key)
    pipe.expire(key, WINDOW_SECONDS * 2)
    pipe.incr(day)
    pipe.expire(day, 2 * 24 * 3600)
    count, *_ = pipe.execute()
    return count
