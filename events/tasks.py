"""Background jobs for meetings: scheduled publication (django-tasks, run by db_worker)."""

from django_tasks import task

from core.lifecycle import publish_if_still_scheduled
from events.models import Meeting
from events.services import meeting_publish


@task()
def meeting_publish_scheduled(*, meeting_id: int, at: str) -> str:
    """Publish the meeting queued by meeting_schedule, if it is still scheduled for that time."""
    return publish_if_still_scheduled(
        Meeting, meeting_id, at, lambda meeting, when: meeting_publish(meeting=meeting, at=when)
    )
