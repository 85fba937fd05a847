"""Tag suggestions on the article's admin page: listed there, accepted or dismissed in one post.

TagSuggestion has no admin of its own: an editor who may change the article may act on its
suggestions, so the Editors group needs no extra permissions. The article's admin is the
articles app's, registered again here with the suggestions added (articles knows nothing of
search: the apps depend one way).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.admin import ArticleAdmin as BaseArticleAdmin
from articles.models import Article
from search.services import (
    tag_suggestions_accept,
    tag_suggestions_dismiss,
    tag_suggestions_refresh,
)

SUGGESTIONS_FIELD = "suggested_tags"


class TagSuggestionsAdminMixin:
    """For ArticleAdmin: a 'Suggested tags' section on the change page and an action."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_suggestions"
        view = self.admin_site.admin_view(self.suggestions_view)
        # Before the model's own URLs, whose '<object_id>/' catch-all would take this one.
        return [path("<path:object_id>/suggestions/", view, name=name), *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.pk:
            fieldsets.append(("Suggested tags", {"fields": [SUGGESTIONS_FIELD]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, SUGGESTIONS_FIELD] if obj is not None and obj.pk else fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None and self.has_change_permission(request, obj):
                # Names added since the last save are offered too.
                tag_suggestions_refresh(article=obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        tag_suggestions_refresh(article=form.instance)

    @admin.display(description="Named in the text, not yet tagged")
    def suggested_tags(self, obj):
        pending = list(
            obj.tag_suggestions.pending().select_related("person", "organisation", "exhibition")
        )
        if not pending:
            return "Nothing: every person, organisation, exhibition and country named is tagged."
        url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_suggestions",
            args=[obj.pk],
        )
        items = format_html_join(
            "",
            '<li><label><input type="checkbox" name="suggestion" value="{}" checked> '
            "{}: <strong>{}</strong> (written “{}”)</label></li>",
            ((s.pk, s.kind.capitalize(), s.target_name, s.matched_text) for s in pending),
        )
        return format_html(
            '<ul class="tag-suggestions">{}</ul>'
            '<p><button type="submit" formaction="{}" formmethod="post" name="accept" value="1">'
            "Tag the ticked ones</button> "
            '<button type="submit" formaction="{}" formmethod="post" name="dismiss" value="1">'
            "Dismiss the ticked ones</button></p>"
            '<p class="help">Either button leaves the page: save your other changes first.</p>',
            items,
            url,
            url,
        )

    def suggestions_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        ids = [value for value in request.POST.getlist("suggestion") if value.isdigit()]
        chosen = list(obj.tag_suggestions.pending().filter(pk__in=ids))
        if "dismiss" in request.POST:
            count = tag_suggestions_dismiss(article=obj, suggestions=chosen)
            self.message_user(request, f"Dismissed {count} suggestion(s).", messages.SUCCESS)
        else:
            count = tag_suggestions_accept(article=obj, suggestions=chosen)
            self.message_user(request, f"Tagged {count} suggestion(s).", messages.SUCCESS)
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[obj.pk],
        )
        return HttpResponseRedirect(change_url)

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
