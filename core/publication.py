"""Publishing from the admin: a visible status, and buttons instead of hand-typed timestamps.

The change form gets a "Publication" panel under the save buttons: the status as readers are
affected by it (Draft, In review, Scheduled for …, Published …, Withdrawn), a time picker,
and the buttons "Publish now", "Schedule", "Submit for review" (where there is a review
step) and "Withdraw". Each button saves the form's edits and changes the state through the
model's services in the same transaction; "Save" alone never changes the state.

Who may publish: anyone who may change the record, unless EDITORIAL_REVIEW_REQUIRED is on;
then only holders of the model's publish permission (the Senior editors group).
"""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from core.health import overdue_tasks

PUBLISH, SCHEDULE, REVIEW, WITHDRAW, SAVE = "publish", "schedule", "review", "withdraw", "save"
# The submit button's name for each state change.
BUTTONS = {PUBLISH: "_publish", SCHEDULE: "_schedule", REVIEW: "_submit_for_review"}
BUTTONS[WITHDRAW] = "_withdraw"
SCHEDULE_FIELD = "schedule_at"
DONE = {
    PUBLISH: "Published: readers and partners see it now.",
    SCHEDULE: "Scheduled: it will be published at {at}.",
    REVIEW: "Submitted for review: a senior editor will publish it.",
    WITHDRAW: "Withdrawn: readers and partners no longer see it.",
}


def review_required() -> bool:
    return getattr(settings, "EDITORIAL_REVIEW_REQUIRED", False)


def status_text(obj) -> str:
    """The status as the desk says it: 'Scheduled for 3 Dec 2026, 10:00 UTC'."""
    if obj is None or obj.pk is None:
        return "Draft (not saved yet)"
    label = obj.get_status_display()
    when = obj.published_at
    if obj.status == "scheduled" and when:
        late = timezone.now() - timedelta(seconds=settings.TASKS_OVERDUE_SECONDS)
        if when < late:
            return f"{label} for {_when(when)}: overdue, the publication job has not run"
        return f"{label} for {_when(when)}"
    if obj.status == "published" and when:
        return f"{label} {_when(when)}"
    if obj.status == "withdrawn" and when:
        return f"{label} (first published {_when(when)})"
    return label


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j M Y, H:i')} {local.tzname()}"


def requested_action(data) -> str:
    return next((action for action, button in BUTTONS.items() if button in data), SAVE)


class PublicationFormMixin:
    """The admin form's part: the time picker, and the checks a button's state change needs."""

    publication_action = SAVE
    may_publish = True
    review_step = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.DateTimeField(
            label="Publish at",
            required=False,
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            help_text=f"For Schedule: the time it goes public ({settings.TIME_ZONE}).",
        )
        if getattr(self.instance, "status", None) == "scheduled" and self.instance.published_at:
            field.initial = timezone.localtime(self.instance.published_at).replace(tzinfo=None)
        self.fields[SCHEDULE_FIELD] = field

    def clean(self):
        cleaned = super().clean()
        action = self.publication_action
        if action in (PUBLISH, SCHEDULE, WITHDRAW) and not self.may_publish:
            raise ValidationError(
                "Publishing needs a senior editor: use Submit for review.",
                code="needs_review",
            )
        if action == REVIEW and not self.review_step:
            raise ValidationError("This record has no review step.", code="no_review")
        if action == SCHEDULE:
            at = cleaned.get(SCHEDULE_FIELD)
            if at is None:
                self.add_error(SCHEDULE_FIELD, "Choose the time to publish it at.")
            elif at <= timezone.now():
                self.add_error(SCHEDULE_FIELD, "Choose a time still to come, or Publish now.")
        return cleaned


class PublicationAdminMixin:
    """For a ModelAdmin of a model with status and published_at, written through services.

    The subclass names its services: {"save": f, "publish": f, "schedule": f, "withdraw": f,
    "review": f (optional), "delete": f, "restore": f}, each taking the record by the
    keyword publication_object ("article", "meeting").
    """

    change_form_template = "admin/core/publication_change_form.html"
    publication_services: dict = {}
    publication_object = ""

    # Permissions -----------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None) -> bool:
        if not self.has_change_permission(request, obj):
            return False
        if not review_required():
            return True
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def has_review_step(self) -> bool:
        return REVIEW in self.publication_services

    # The form ----------------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs = {
            "publication_action": requested_action(request.POST)
            if request.method == "POST"
            else SAVE,
            "may_publish": self.has_publish_permission(request, obj),
            "review_step": self.has_review_step(),
        }
        return type(form.__name__, (PublicationFormMixin, form), attrs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(
            {
                "publication_status": status_text(obj),
                "publication_status_value": getattr(obj, "status", "draft") if obj else "draft",
                "may_publish": self.has_publish_permission(request, obj),
                "review_step": self.has_review_step(),
                "schedule_field": form[SCHEDULE_FIELD] if SCHEDULE_FIELD in form.fields else None,
                "preview_url": self.preview_url(obj) if obj is not None and obj.pk else "",
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Preview ---------------------------------------------------------------------------------

    # The public page's view, showing any status (ArticlePreviewView); None: no preview.
    preview_view_class = None

    def get_urls(self):
        urls = super().get_urls()
        if self.preview_view_class is None:
            return urls
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        view = self.admin_site.admin_view(self.preview_view)
        # Before the model's own URLs, whose '<object_id>/' catch-all would take this one.
        return [path("<path:object_id>/preview/", view, name=name), *urls]

    def preview_url(self, obj) -> str:
        if self.preview_view_class is None:
            return ""
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_preview"
        return reverse(name, args=[obj.pk], current_app=self.admin_site.name)

    def preview_view(self, request, object_id):
        """The public page of a record in any status, for logged-in editors only."""
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        response = self.preview_view_class.as_view()(request, pk=obj.pk)
        response.render()
        # Never stored by a browser or a proxy, never indexed (the page says so too).
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    # Writes through the services -------------------------------------------------------------

    def _call(self, name: str, obj, **kwargs):
        return self.publication_services[name](**{self.publication_object: obj}, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            # The state changes only through the buttons: a revert from history, or a form
            # opened before someone published, leaves it as it is now.
            stored = (
                type(obj)._base_manager.filter(pk=obj.pk).values("status", "published_at").first()
            )
            if stored:
                obj.status, obj.published_at = stored["status"], stored["published_at"]
        obj._history_user = request.user
        action = getattr(form, "publication_action", SAVE)
        if action == SCHEDULE:
            self._call(SCHEDULE, obj, at=form.cleaned_data[SCHEDULE_FIELD])
        else:
            self._call(action, obj)

    # EditorialAdmin's hooks (deletes; saves outside save_model).
    def save_row(self, obj) -> None:
        self._call(SAVE, obj)

    def delete_row(self, obj) -> None:
        self._call("delete", obj)

    def restore_object(self, *, record, user):
        return self.publication_services["restore"](record=record, user=user)

    def _after_button(self, request, obj):
        action = requested_action(request.POST)
        if action == SAVE:
            return False
        at = _when(obj.published_at) if obj.published_at else ""
        self.message_user(request, DONE[action].format(at=at), messages.SUCCESS)
        return True

    def response_change(self, request, obj):
        if self._after_button(request, obj):
            # Back to the form, which now shows the new state.
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if self._after_button(request, obj):
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_add(request, obj, post_url_continue)

    # The list -------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            overdue = overdue_tasks().count()
            if overdue:
                self.message_user(
                    request,
                    f"{overdue} background job(s), such as a scheduled publication, are overdue: "
                    "the job worker (manage.py worker) is not running, or stopped in the middle of "
                    "one. Publish now by hand "
                    "what must go out, and tell whoever runs the server.",
                    messages.WARNING,
                )
            self._tell_reviewers(request)
        return super().changelist_view(request, extra_context)

    def _tell_reviewers(self, request) -> None:
        """Senior editors, when review is required, are told what waits for them (one link)."""
        if not (self.has_review_step() and review_required()):
            return
        if not self.has_publish_permission(request) or "status__exact" in request.GET:
            return
        waiting = self.model._default_manager.filter(status="review").count()
        if waiting:
            self.message_user(
                request,
                format_html(
                    '{} {} in review: <a href="?status__exact=review">list them</a>.',
                    waiting,
                    self.opts.verbose_name if waiting == 1 else self.opts.verbose_name_plural,
                ),
                messages.INFO,
            )

    @admin.display(description="status", ordering="status")
    def publication_status(self, obj):
        return format_html(
            '<span class="publication-status status-{}">{}</span>', obj.status, status_text(obj)
        )

    def _bulk(self, request, queryset, action: str, done: str):
        # All the selected or, on any refusal or error, none (actions run outside a transaction).
        try:
            with transaction.atomic():
                for obj in queryset:
                    self._call(action, obj)
        except ValidationError as error:
            self.message_user(
                request, f"Nothing changed: “{obj}”: {' '.join(error.messages)}", messages.ERROR
            )
            return
        count = len(queryset)
        noun = self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural
        self.message_user(request, f"{done}: {count} {noun}.", messages.SUCCESS)

    @admin.action(description="Publish the selected now", permissions=["publish"])
    def publish(self, request, queryset):
        self._bulk(request, queryset, PUBLISH, "Published")

    @admin.action(description="Withdraw the selected", permissions=["publish"])
    def withdraw(self, request, queryset):
        self._bulk(request, queryset, WITHDRAW, "Withdrawn")
