"""The partner API's shapes for meetings, delegations, outcomes, exhibitions and topics."""

from rest_framework import serializers

from core.changes import api_uri
from core.links import web_url
from core.serializers import CountryCodeField
from events.models import (
    Delegation,
    DelegationMember,
    Exhibition,
    ExhibitionSeries,
    Meeting,
    Outcome,
    Participation,
    Topic,
)


class TopicSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Topic
        fields = [
            "id",
            "uri",
            "slug",
            "name",
            "description",
            "parent",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("topics", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class ExhibitionSeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExhibitionSeries
        fields = ["slug", "name", "acronym", "website"]


class ExhibitionSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField(help_text="Stable URI of this exhibition (by id).")
    web_url = serializers.SerializerMethodField()
    series = ExhibitionSeriesSerializer(read_only=True)
    country = CountryCodeField()

    class Meta:
        model = Exhibition
        fields = [
            "id",
            "uri",
            "slug",
            "name",
            "series",
            "edition",
            "start_date",
            "end_date",
            "venue",
            "city",
            "country",
            "organiser",
            "website",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("exhibitions", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class ParticipantSerializer(serializers.ModelSerializer):
    side = CountryCodeField()

    class Meta:
        model = Participation
        fields = ["person", "role", "side", "delegation"]


class MeetingSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField(help_text="Stable URI of this meeting (by id).")
    web_url = serializers.SerializerMethodField()
    host_country = CountryCodeField()
    guest_country = CountryCodeField()
    place_country = CountryCodeField()
    participants = ParticipantSerializer(source="participations", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uri",
            "slug",
            "title",
            "kind",
            "cameo_code",
            "date",
            "end_date",
            "date_precision",
            "host_country",
            "guest_country",
            "pair_key",
            "third_location",
            "venue",
            "city",
            "place_country",
            "exhibition",
            "summary",
            "topics",
            "participants",
            "verification",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("meetings", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class DelegationMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = DelegationMember
        fields = ["person", "note"]


class DelegationSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    country = CountryCodeField()
    members = DelegationMemberSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "uri",
            "slug",
            "name",
            "country",
            "organisation",
            "head",
            "members",
            "meetings",
            "web_url",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("delegations", obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(obj)


class OutcomeSerializer(serializers.ModelSerializer):
    uri = serializers.SerializerMethodField()
    count = serializers.IntegerField(
        allow_null=True, help_text="How many documents; null when the report does not say."
    )

    class Meta:
        model = Outcome
        fields = [
            "id",
            "uri",
            "meeting",
            "kind",
            "title",
            "description",
            "count",
            "signed_on",
            "parties",
            "created_at",
            "updated_at",
        ]

    def get_uri(self, obj) -> str:
        return api_uri("outcomes", obj.pk)
