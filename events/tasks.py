"""Background jobs for meetings: scheduled publication (django-tasks, run by db_worker)."""

from datetime import datetime

from django.db import transaction
from django_tasks import task

from events.models import Meeting, MeetingStatus
from events.services import meeting_publish


@task()
def meeting_publish_scheduled(*, meeting_id: int, at: str) -> str:
    """Publish the meeting queued by meeting_schedule, if it is still scheduled for that time.

    A job left behind by a reschedule, a withdrawal or an early publication does nothing.
    """
    scheduled_for = datetime.fromisoformat(at)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None:
            return "gone"
        if meeting.status != MeetingStatus.SCHEDULED or meeting.published_at != scheduled_for:
            return "stale"
        meeting._change_reason = "Published at its scheduled time"
        meeting_publish(meeting=meeting, at=scheduled_for)
    return "published"
