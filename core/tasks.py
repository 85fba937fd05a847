"""Background jobs of the change log."""

from django.db import transaction
from django_tasks import task

from core import changes, fragments


@task()
def publish_documents(*, kind: str, ids: list[int]) -> int:
    """Re-render documents a change reached beyond what its request published (a fan-out),
    and the cards that follow them (no editor is waiting here)."""
    with fragments.inline():
        return len(changes.publish(kind, ids))


@task()
def render_fragments(*, kind: str, ids: list[int]) -> int:
    """Render the stored page parts a change reached beyond what its request rendered."""
    with transaction.atomic():
        fragments.render_now(kind, ids)
    return len(ids)
