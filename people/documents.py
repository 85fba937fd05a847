"""The partner documents of officials, organisations and positions, and what they show.

Stored by core.changes whenever they change; `depends_on` below is the one answer to "which
of these documents does a change to that row affect?".
"""

from core import changes
from people.models import Organisation, Person, Position
from people.serializers import OrganisationSerializer, PersonSerializer, PositionSerializer


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True).distinct())


def register() -> None:
    changes.register(
        changes.DocumentKind(
            kind="official",
            endpoint="officials",
            public=Person.objects.all,
            render=changes.serialized(
                PersonSerializer, lambda: Person.objects.prefetch_related("aliases")
            ),
        )
    )
    changes.register(
        changes.DocumentKind(
            kind="organisation",
            endpoint="organisations",
            public=Organisation.objects.all,
            render=changes.serialized(
                OrganisationSerializer, lambda: Organisation.objects.prefetch_related("aliases")
            ),
        )
    )
    changes.register(
        changes.DocumentKind(
            kind="position",
            endpoint="positions",
            public=Position.objects.all,
            render=changes.serialized(PositionSerializer, lambda: Position.objects.all()),
        )
    )
    # An organisation names its parent by id; a position its person and organisation.
    changes.depends_on(
        "organisation",
        source="organisation",
        resolve=lambda ids: _ids(Organisation.objects.filter(parent__in=ids)),
    )
    changes.depends_on(
        "position",
        source="official",
        resolve=lambda ids: _ids(Position.objects.filter(person__in=ids)),
    )
    changes.depends_on(
        "position",
        source="organisation",
        resolve=lambda ids: _ids(Position.objects.filter(organisation__in=ids)),
    )
