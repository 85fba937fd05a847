"""Tag suggestions on the article's admin page, above its tag fields, saved with the article.

Each name the text mentions but the article is not tagged with has a 'Tag' and a 'Dismiss'
box inside the article's own form, so ticking them and editing the text are one save and no
unsaved edit is lost. Names written with a rank ('General Metin Gürak') that the archive does
not know are listed with a link to record the official, and a weekday the text names is offered
as the meeting date. TagSuggestion has no admin of its own: an editor who may change the
article may act on its suggestions, so the Editors group needs no extra permissions. The
article's admin is the articles app's, registered again here with the suggestions added
(articles knows nothing of search: the apps depend one way).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from articles.admin import ArticleAdmin as BaseArticleAdmin
from articles.models import Article
from core.text import fold
from search.dating import weekday_date
from search.linking import unknown_names
from search.services import (
    article_plain_text,
    tag_suggestions_accept,
    tag_suggestions_dismiss,
    tag_suggestions_refresh,
)

SUGGESTIONS_FIELD = "suggested_tags"
TAGS_FIELDSET = "Tags"


class SuggestionsWidget(forms.Widget):
    """One row per suggestion with 'Tag' and 'Dismiss' boxes; then unknown names and dates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows: list = []
        self.unknown: list = []  # (UnknownName, add URL or "")
        self.offered = None  # (InferredDate, add URL or "")

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False

    def render(self, name, value, attrs=None, renderer=None):
        ticked = set(value or ())
        rows = format_html_join(
            "",
            '<li><span class="suggestion-name">{}: <strong>{}</strong> (written “{}”)</span> '
            '<label><input type="checkbox" name="{}" value="tag-{}"{} aria-label="Tag {}"> '
            "Tag</label> "
            '<label><input type="checkbox" name="{}" value="dismiss-{}"{} '
            'aria-label="Dismiss {}"> Dismiss</label></li>',
            (
                (
                    s.kind.capitalize(),
                    s.target_name,
                    s.matched_text,
                    name,
                    s.pk,
                    " checked" if f"tag-{s.pk}" in ticked else "",
                    s.target_name,
                    name,
                    s.pk,
                    " checked" if f"dismiss-{s.pk}" in ticked else "",
                    s.target_name,
                )
                for s in self.rows
            ),
        )
        parts = [
            format_html('<ul class="tag-suggestions">{}</ul>', rows)
            if self.rows
            else format_html(
                "<p>Nothing to tag: every person, organisation, exhibition and country "
                "named is tagged.</p>"
            )
        ]
        if self.unknown:
            parts.append(
                format_html(
                    '<ul class="unknown-names">{}</ul>',
                    format_html_join(
                        "",
                        "<li>Unknown name: <strong>{} {}</strong>{}</li>",
                        (
                            (
                                u.rank,
                                u.name,
                                format_html(
                                    ' <a href="{}" target="_blank" rel="noopener">'
                                    "Create official</a>",
                                    url,
                                )
                                if url
                                else "",
                            )
                            for u, url in self.unknown
                        ),
                    ),
                )
            )
        if self.offered:
            inferred, url = self.offered
            link = (
                format_html(
                    ' <a href="{}" target="_blank" rel="noopener">Record the meeting</a>', url
                )
                if url
                else ""
            )
            parts.append(
                format_html(
                    '<p class="meeting-date-offered">Meeting date: the text says “{}”, '
                    "that is {} (inferred from the dateline's date).{}</p>",
                    inferred.phrase,
                    f"{inferred.on:%A} {inferred.on.day} {inferred.on:%B %Y}",
                    link,
                )
            )
        return format_html("<div>{}</div>", format_html_join("", "{}", ((p,) for p in parts)))


class SuggestionsField(forms.Field):
    """The ticked boxes as 'tag-<id>' and 'dismiss-<id>'; a suggestion gone meanwhile is skipped."""

    widget = SuggestionsWidget

    def to_python(self, value):
        return [str(v) for v in value or () if str(v)[:4] in ("tag-", "dism")]


class SuggestionsFormMixin:
    """For the article's ModelForm: the 'suggested_tags' field, its choices from the article."""

    can_add_person = False
    can_add_meeting = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[SUGGESTIONS_FIELD]
        article = self.instance
        pending = []
        if article.pk and not article._state.adding:
            pending = list(
                article.tag_suggestions.pending().select_related(
                    "person", "organisation", "exhibition"
                )
            )
        self.pending = {s.pk: s for s in pending}
        widget = field.widget
        widget.rows = pending
        text = article_plain_text(article) if article.pk else ""
        widget.unknown = [
            (name, self._person_add_url(name) if self.can_add_person else "")
            for name in unknown_names(text)
        ]
        inferred = (
            weekday_date(text, story_date=article.dateline_date) if article.dateline_date else None
        )
        if inferred:
            url = ""
            if self.can_add_meeting:
                query = urlencode({"date": inferred.on.isoformat(), "date_precision": "inferred"})
                url = f"{reverse('admin:events_meeting_add')}?{query}"
            widget.offered = (inferred, url)

    @staticmethod
    def _person_add_url(unknown) -> str:
        query = urlencode(
            {"name": unknown.name, "honorific": unknown.rank, "slug": slugify(fold(unknown.name))}
        )
        return f"{reverse('admin:people_person_add')}?{query}"

    def chosen_suggestions(self, action: str) -> list:
        """The pending suggestions ticked for action ('tag' or 'dismiss')."""
        values = self.cleaned_data.get(SUGGESTIONS_FIELD) or []
        pks = {_pk(v) for v in values if v.startswith(f"{action}-")}
        if action == "dismiss":  # both ticked: tagging wins
            pks -= {_pk(v) for v in values if v.startswith("tag-")}
        return [self.pending[pk] for pk in sorted(pks) if pk in self.pending]


def _pk(value: str) -> int | None:
    tail = value.split("-", 1)[1]
    return int(tail) if tail.isdigit() else None


class TagSuggestionsAdminMixin:
    """For ArticleAdmin: 'Suggested tags' above the tag fields, applied by the article's save."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not obj.pk:
            return fieldsets
        section = (
            "Suggested tags",
            {
                "fields": [SUGGESTIONS_FIELD],
                "description": "Names in the text the article is not tagged with. Tick "
                "“Tag” or “Dismiss” and save: they are applied together with your other "
                "changes.",
            },
        )
        titles = [title for title, _ in fieldsets]
        at = titles.index(TAGS_FIELDSET) if TAGS_FIELDSET in titles else len(fieldsets)
        return [*fieldsets[:at], section, *fieldsets[at:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.pk:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(
                base.__name__,
                (SuggestionsFormMixin, base),
                {
                    SUGGESTIONS_FIELD: SuggestionsField(
                        label="Named in the text, not yet tagged", required=False
                    ),
                    "can_add_person": request.user.has_perm("people.add_person"),
                    "can_add_meeting": request.user.has_perm("events.add_meeting"),
                },
            )
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description="Named in the text, not yet tagged")
    def suggested_tags(self, obj):
        """What a reader of the page without the right to change it sees instead of the boxes."""
        pending = obj.tag_suggestions.pending().select_related(
            "person", "organisation", "exhibition"
        )
        return format_html_join(", ", "{}", ((s.target_name,) for s in pending)) or "Nothing."

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None and self.has_change_permission(request, obj):
                # Names added since the last save are offered too.
                tag_suggestions_refresh(article=obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if isinstance(form, SuggestionsFormMixin):
            to_tag, to_dismiss = form.chosen_suggestions("tag"), form.chosen_suggestions("dismiss")
            # Only when ticked: accepting saves the article again (a new version).
            tagged = tag_suggestions_accept(article=article, suggestions=to_tag) if to_tag else 0
            dismissed = (
                tag_suggestions_dismiss(article=article, suggestions=to_dismiss)
                if to_dismiss
                else 0
            )
            if tagged or dismissed:
                self.message_user(
                    request,
                    f"Suggested tags: {tagged} tagged, {dismissed} dismissed.",
                    messages.SUCCESS,
                )
        tag_suggestions_refresh(article=article)

    @admin.action(
        description="Tag every suggestion of the selected articles", permissions=["change"]
    )
    @transaction.atomic
    def accept_suggestions(self, request, queryset):
        total = 0
        for article in queryset:
            tag_suggestions_refresh(article=article)
            total += tag_suggestions_accept(
                article=article, suggestions=article.tag_suggestions.pending()
            )
        self.message_user(request, f"Added {total} suggested tag(s).", messages.SUCCESS)


admin.site.unregister(Article)


@admin.register(Article)
class ArticleAdmin(TagSuggestionsAdminMixin, BaseArticleAdmin):
    actions = [*BaseArticleAdmin.actions, "accept_suggestions"]
