"""The article body's editor in the admin, and what the sanitiser removed, told to the editor.

django-prose-editor's ProseMirror editor, limited to what the site renders: paragraphs, links,
emphasis, lists and quotes. Its script is a module from our static files (static/js/
body_editor.js), with no import map or inline code, so the admin keeps the site's CSP. Whatever
arrives (typed, pasted, or posted without the editor) passes the same nh3 sanitiser on save
(articles.models.sanitise_body), and the editor is told what it removed.
"""

import json
from html.parser import HTMLParser

from django import forms
from django.contrib import messages
from django_prose_editor.config import expand_extensions
from js_asset import Script

from articles.models import BODY_ATTRIBUTES, BODY_TAGS

# What the editor offers; each produces only tags the sanitiser keeps.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Typographic": False,
}
_URL_SCHEMES = ("http:", "https:", "mailto:", "/", "#")


class BodyEditorWidget(forms.Textarea):
    """A textarea the body_editor.js module turns into the rich-text editor."""

    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "css/body_editor.css",
            ]
        }
        js = [Script("js/body_editor.js", type="module")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        config = {"extensions": expand_extensions(BODY_EXTENSIONS)}
        context["widget"]["attrs"]["data-body-editor"] = json.dumps(config, separators=(",", ":"))
        return context

    def use_required_attribute(self, initial):
        # The editor hides the textarea; a required hidden field would block the browser's submit.
        return False


class _Inventory(HTMLParser):
    """The elements, attributes and link schemes in an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: dict[str, None] = {}

    def handle_starttag(self, tag, attrs):
        if tag not in BODY_TAGS:
            self.removed[f"<{tag}> elements"] = None
            return
        allowed = BODY_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name == "rel" and tag == "a":
                continue  # the sanitiser writes its own rel
            if name not in allowed:
                self.removed[f"the {name} attribute of <{tag}>"] = None
            elif name == "href" and value and not value.strip().lower().startswith(_URL_SCHEMES):
                scheme = value.strip().split(":", 1)[0].lower()
                self.removed[f"a link to “{scheme}:”"] = None

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.removed["HTML comments"] = None


def removed_by_sanitiser(html: str) -> list[str]:
    """What sanitise_body() drops from html, in words: ['<script> elements', ...]."""
    inventory = _Inventory()
    inventory.feed(html or "")
    inventory.close()
    return list(inventory.removed)


class BodyEditorAdminMixin:
    """For ArticleAdmin: the body edited in the rich-text editor; removals reported on save."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = BodyEditorWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        removed = removed_by_sanitiser(form.cleaned_data.get("body", ""))
        super().save_model(request, obj, form, change)
        if removed:
            self.message_user(
                request,
                "The body was cleaned on save, as the site shows only paragraphs, links, "
                "emphasis, lists and quotes. Removed: " + "; ".join(removed) + ".",
                messages.WARNING,
            )
