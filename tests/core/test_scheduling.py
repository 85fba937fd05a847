"""Scheduled publication is a job: queued with the schedule, run by the worker at its time.
A fan-out of re-rendering after a change is a job too; either one left waiting is overdue.

The worker is the real one (`manage.py db_worker --batch`); the clock is moved forward for
it, as if the time had come. It opens and closes database connections of its own, so its
tests commit (transactional_db) instead of running inside one rolled-back transaction.
"""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.services import article_publish, article_schedule, article_withdraw
from core import changes
from events.services import meeting_schedule
from tests.admin_pages import open_form, submit
from tests.articles.factories import ArticleFactory
from tests.events.factories import MeetingFactory, TopicFactory


def in_a_day():
    return (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)


def run_worker(at):
    """The job worker, once through the queue, with the clock at `at`."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_scheduling_in_the_admin_queues_one_job_for_that_time(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = in_a_day()
    form = open_form(desk, f"/admin/articles/article/{article.pk}/change/")
    form["schedule_at"] = at.strftime("%Y-%m-%dT%H:%M")
    submit(form, "_schedule")

    job = DBTaskResult.objects.get()
    assert job.task_path == "articles.tasks.article_publish_scheduled"
    assert (job.status, job.run_after) == (TaskResultStatus.READY, at)
    assert job.args_kwargs["kwargs"] == {"article_id": article.pk, "at": at.isoformat()}


def test_the_worker_publishes_a_scheduled_article_at_its_time(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = in_a_day()
    article_schedule(article=article, at=at)

    run_worker(at - timedelta(minutes=1))  # not yet
    article.refresh_from_db()
    assert article.status == "scheduled"
    assert Client().get(article.get_absolute_url()).status_code == 404

    run_worker(at + timedelta(seconds=30))
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", at)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_a_job_left_behind_by_a_reschedule_or_a_withdrawal_does_nothing(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    first = in_a_day()
    later = first + timedelta(days=1)
    article_schedule(article=article, at=first)
    article_schedule(article=article, at=later)

    run_worker(first + timedelta(minutes=1))
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("scheduled", later)

    article_withdraw(article=article)
    run_worker(later + timedelta(minutes=1))
    article.refresh_from_db()
    assert article.status == "withdrawn"
    returns = sorted(job.return_value for job in DBTaskResult.objects.all())
    assert returns == ["stale", "stale"]


def test_publishing_early_makes_the_queued_job_stale(transactional_db):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = in_a_day()
    article_schedule(article=article, at=at)
    article_publish(article=article)
    published_at = article.published_at
    run_worker(at + timedelta(minutes=1))
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", published_at)


def test_the_worker_publishes_a_scheduled_meeting(transactional_db):
    meeting = MeetingFactory(title="Talks in the capital")
    at = in_a_day()
    meeting_schedule(meeting=meeting, at=at)
    assert Client().get(meeting.get_absolute_url()).status_code == 404
    run_worker(at + timedelta(minutes=1))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.published_at) == ("published", at)
    assert Client().get(meeting.get_absolute_url()).status_code == 200


def test_an_overdue_job_shows_in_the_admin_and_in_healthz(desk):
    article = ArticleFactory(headline="Ministers discuss cooperation")
    at = in_a_day()
    article_schedule(article=article, at=at)
    assert Client().get("/healthz").json()["status"] == "ok"

    # An hour after its time, and no worker has run.
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(hours=1)):
        health = Client().get("/healthz")
        listing = desk.get("/admin/articles/article/")
        form_page = desk.get(f"/admin/articles/article/{article.pk}/change/")

    assert health.status_code == 200
    assert health.json() | {"overdue_tasks": 1} == {
        "status": "degraded",
        "database": "ok",
        "tasks": "overdue",
        "overdue_tasks": 1,
    }
    assert "1 background job(s), such as a scheduled publication, are overdue" in listing.text
    status = form_page.html.select_one("#publication-status").get_text()
    assert status.endswith("overdue, the publication job has not run")


def test_a_fan_out_no_worker_picks_up_shows_as_overdue(transactional_db, desk, monkeypatch):
    # Renaming a topic shown by more articles than a request re-renders queues their
    # re-rendering as a job; left waiting, it is overdue like a scheduled publication.
    monkeypatch.setattr(changes, "FANOUT_INLINE_LIMIT", 2)
    topic = TopicFactory(name="Energy")
    ArticleFactory.create_batch(3, published=True, topics=[topic])
    form = open_form(desk, f"/admin/events/topic/{topic.pk}/change/")
    form["name"] = "Energy security"
    submit(form)  # committed: the job is queued when the transaction commits

    job = DBTaskResult.objects.get()
    assert (job.task_path, job.status) == ("core.tasks.publish_documents", TaskResultStatus.READY)
    assert Client().get("/healthz").json()["status"] == "ok"

    later = timezone.now() + timedelta(seconds=settings.TASKS_OVERDUE_SECONDS + 60)
    with mock.patch("django.utils.timezone.now", return_value=later):
        health = Client().get("/healthz").json()
        listing = desk.get("/admin/articles/article/")
    assert (health["status"], health["overdue_tasks"]) == ("degraded", 1)
    assert "1 background job(s), such as a scheduled publication, are overdue" in listing.text

    run_worker(later)  # the worker catches up: nothing is overdue any more
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert Client().get("/healthz").json()["status"] == "ok"
