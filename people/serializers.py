"""The partner API's shapes for people, organisations and positions: a contract, fields listed."""

from rest_framework import serializers

from core.changes import api_uri
from core.links import web_url
from core.serializers import CountryCodeField
from people.models import Organisation, Person, PersonAlias, Position


class PersonAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["name", "kind"]


class PersonSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField(help_text="Stable URI of this official (by id).")
    web_url = serializers.SerializerMethodField(help_text="The official's public page.")
    country = CountryCodeField(help_text="ISO 3166-1 alpha-2.")
    aliases = PersonAliasSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "uri",
            "slug",
            "name",
            "honorific",
            "country",
            "wikidata_id",
            "aliases",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("officials", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class OrganisationSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField(help_text="Stable URI of this organisation (by id).")
    web_url = serializers.SerializerMethodField()
    country = CountryCodeField(help_text="ISO 3166-1 alpha-2; empty for international bodies.")
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "uri",
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "parent",
            "website",
            "wikidata_id",
            "aliases",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("organisations", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class PositionSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField()

    class Meta:
        model = Position
        fields = [
            "id",
            "uri",
            "person",
            "organisation",
            "title",
            "start_date",
            "end_date",
            "is_primary",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("positions", obj.pk)
