import json

from django import template
from django.utils.safestring import mark_safe

from website.seo import page_meta

register = template.Library()

# JSON inside <script> must not be able to close the element or open a comment:
# "</script>" in a headline becomes "\u003C/script\u003E", which JSON readers decode as is.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Canonical URL, Open Graph values, feeds and JSON-LD for the page being rendered."""
    request = context.get("request")
    if request is None:
        return None
    return page_meta(request, context)


@register.filter
def json_ld(data) -> str:
    """A schema.org JSON-LD block, safe to place in HTML whatever the strings contain."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
