"""The job worker (`manage.py worker`) waits out a database outage instead of exiting.

django-tasks' own db_worker stops on the first connection error; ours logs it, waits and
carries on, so a database restart does not leave scheduled publications waiting for someone
to restart the worker. The outage is simulated by the worker's first look at the queue
failing as a refused connection does.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResultQuerySet

from articles.services import article_schedule
from tests.articles.factories import ArticleFactory

REFUSED = OperationalError("connection failed: Connection refused")


def failing_first(times: int):
    """get_locked that fails `times` times as an unreachable database does, then works."""
    real = DBTaskResultQuerySet.get_locked
    calls = {"n": 0}

    def get_locked(self):
        calls["n"] += 1
        if calls["n"] <= times:
            raise REFUSED
        return real(self)

    return mock.patch.object(DBTaskResultQuerySet, "get_locked", get_locked)


def test_django_tasks_own_worker_exits_on_a_lost_database(transactional_db):
    # Why the project has its own command: the upstream one gives up.
    with failing_first(1), pytest.raises(OperationalError):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_worker_waits_out_the_outage_and_publishes(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    article_schedule(article=article, at=at)

    with (
        failing_first(3),
        mock.patch("core.management.commands.worker.time.sleep") as slept,
        mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=30)),
    ):
        call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    assert slept.call_count == 3  # one wait per failed look at the queue
    article.refresh_from_db()
    assert article.status == "published"
