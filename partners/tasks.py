"""Background jobs of the partner API: the webhook dispatcher (run by db_worker)."""

from django_tasks import task

from partners import webhooks


@task()
def dispatch_webhooks() -> dict:
    """Deliver new changes and due retries; queue the next run for the earliest retry left."""
    result = webhooks.dispatch()
    if result["next_at"] is not None:
        webhooks.queue_dispatch(run_after=result["next_at"])
    return {
        "collected": result["collected"],
        "sent": result["sent"],
        "failed": result["failed"],
        "next_at": result["next_at"].isoformat() if result["next_at"] else None,
    }
