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
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from articles.services import article_schedule
from core.lifecycle import publish_if_still_scheduled
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


def test_a_job_the_outage_interrupted_runs_again_once_the_database_answers(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    article_schedule(article=article, at=at)
    real = publish_if_still_scheduled
    calls = []

    def lost_in_the_middle_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise REFUSED  # the database went away while the job ran...
        return real(*args)

    with (
        mock.patch("articles.tasks.publish_if_still_scheduled", lost_in_the_middle_once),
        # ...and was still away when the worker tried to record the failure.
        mock.patch.object(DBTaskResult, "set_failed", side_effect=REFUSED),
        mock.patch("core.management.commands.worker.time.sleep") as slept,
        mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=30)),
    ):
        call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    assert slept.call_count == 1 and len(calls) == 2
    article.refresh_from_db()
    assert article.status == "published"
    job = DBTaskResult.objects.get()
    assert job.status == TaskResultStatus.SUCCESSFUL


def test_a_job_left_running_by_a_dead_worker_is_overdue(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    article_schedule(article=article, at=at)
    # A worker took it at its time and was killed before it could record anything.
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=at, worker_ids=["killed-worker"]
    )

    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=30)):
        assert Client().get("/healthz").json()["status"] == "ok"  # still running, as far as known
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(hours=1)):
        health = Client().get("/healthz").json()

    assert (health["status"], health["overdue_tasks"]) == ("degraded", 1)
