from django import template

from core.lockouts import locked_out

register = template.Library()


@register.simple_tag(takes_context=True)
def locked_out_count(context) -> int:
    """How many username and address pairs are locked out now (for superusers, else 0)."""
    request = context.get("request")
    if request is None or not request.user.is_superuser:
        return 0
    return locked_out().count()
