"""`manage.py worker`: django-tasks' db_worker, riding out a database outage.

The upstream worker exits on the first connection error, so a database restart would leave
scheduled publications waiting until something restarts the worker. This one logs the outage,
waits and carries on once the database answers; every option of db_worker applies.

A job the outage interrupted stays "running" in the queue (neither its result nor its
failure could be written), and nothing would ever run it again: once the database answers,
the worker puts its own interrupted jobs back in the queue. Every job here may run twice
(publishing checks that the row is still scheduled for that time; re-rendering a document
that has not changed appends nothing).
"""

import logging
import time

from django.db import connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from core.health import OUTAGE_ERRORS

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2.0


class OutageTolerantWorker(db_worker.Worker):
    def run(self) -> None:
        while self.running:
            try:
                self.requeue_interrupted()
                super().run()
                return  # --batch or --max-tasks finished
            except OUTAGE_ERRORS as error:
                logger.warning("Database unavailable, retrying in %.0f s: %s", RETRY_SECONDS, error)
                for connection in connections.all():
                    connection.close_if_unusable_or_obsolete()
                time.sleep(RETRY_SECONDS)

    def requeue_interrupted(self) -> None:
        """This worker's jobs left "running" by an outage: ready to run again."""
        # A worker runs one job at a time, and none is running while it is here.
        requeued = DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING, worker_ids__contains=[self.worker_id]
        ).update(status=TaskResultStatus.READY, started_at=None)
        if requeued:
            logger.warning("Requeued %d job(s) the database outage interrupted", requeued)


class Command(db_worker.Command):
    help = "Run the background worker (scheduled publication); waits out database outages."

    def handle(self, *args, **options):
        # db_worker builds its Worker by the module's name for it; ours takes its place for
        # this run only.
        upstream = db_worker.Worker
        db_worker.Worker = OutageTolerantWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = upstream
