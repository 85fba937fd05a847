"""Login lockouts a superuser can see and lift: django-axes' attempts, with a "lift" action."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet


def locked_out() -> QuerySet:
    """The username and address pairs refused until their cool-off ends or a superuser lifts it."""
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)


@transaction.atomic
def lockout_lift(*, attempts: QuerySet) -> list[tuple[str, str]]:
    """Forget the failures of these attempts, so their username and address may sign in again."""
    lifted = list(attempts.values_list("username", "ip_address"))
    attempts.delete()
    return lifted


class LockoutAdmin(AccessAttemptAdmin):
    """Axes' attempts list, with the lockouts first and an action that lifts them."""

    actions = ["lift_lockout", *AccessAttemptAdmin.actions]
    ordering = ["-failures_since_start", "-attempt_time"]

    @admin.action(description="Lift the lockout of the selected username and address pairs")
    def lift_lockout(self, request, queryset):
        lifted = lockout_lift(attempts=queryset)
        names = ", ".join(f"{username} from {address}" for username, address in lifted)
        self.message_user(request, f"Lockout lifted: {names}.", messages.SUCCESS)


def register(site: admin.AdminSite) -> None:
    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
    site.register(AccessAttempt, LockoutAdmin)
