"""The meetings and delegations sections of the pages of the `people` app (an official's and
an organisation's pages).

The people app's views cannot import the events models (the import graph points one way), so
their templates ask for the section here: `{% load meeting_lists %}`.
"""

from django import template

from events.models import Delegation, Participation

register = template.Library()


@register.simple_tag
def participations_of(person, limit: int):
    """The person's part in published meetings, the latest meeting first."""
    return (
        Participation.objects.published()
        .filter(person=person)
        .select_related("meeting", "meeting__exhibition")
        .order_by("-meeting__date", "-meeting_id")[:limit]
    )


@register.simple_tag
def delegations_including(person, limit: int):
    return (
        Delegation.objects.including(person)
        .select_related("organisation")
        .order_by("name", "pk")[:limit]
    )


@register.simple_tag
def delegations_sent_by(organisation, limit: int):
    return Delegation.objects.sent_by(organisation).order_by("name", "pk")[:limit]
