"""Background jobs of the change log."""

from django_tasks import task

from core import changes


@task()
def publish_documents(*, kind: str, ids: list[int]) -> int:
    """Re-render documents a change reached beyond what its request published (a fan-out)."""
    return len(changes.publish(kind, ids))
