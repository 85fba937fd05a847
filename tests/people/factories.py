"""Officials, organisations and positions, created through people.services."""

import factory

from people.models import Organisation, Person, PersonAlias, Position
from people.services import organisation_save, person_save, position_save
from tests.core.factories import ServiceFactory, slug_of


class PersonFactory(ServiceFactory):
    """`aliases=["Yasar Guler"]` adds other spellings in the same save."""

    class Meta:
        model = Person

    _children = ("aliases",)

    name = factory.Sequence(lambda n: f"Official {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"official-{n}")
    country = "AZ"

    @classmethod
    def _save(cls, obj, related):
        person = person_save(person=obj, related=related)
        person.refresh_from_db()  # search_names, computed by the database
        return person

    @classmethod
    def _add_children(cls, obj, aliases=()):
        for alias in aliases:
            PersonAlias.objects.create(person=obj, name=alias)


class OrganisationFactory(ServiceFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Body {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: slug_of(o.name) or f"body-{n}")
    kind = "ministry"
    country = "AZ"

    @classmethod
    def _save(cls, obj, related):
        return organisation_save(organisation=obj, related=related)


class PositionFactory(ServiceFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Adviser"

    @classmethod
    def _save(cls, obj, related):
        return position_save(position=obj, related=related)
