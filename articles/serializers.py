"""The article's API shape is its stored ninjs document (articles/ninjs.py); this serializer
only describes it for the OpenAPI schema."""

from rest_framework import serializers


class NinjsItemSerializer(serializers.Serializer):
    name = serializers.CharField()
    rel = serializers.CharField(required=False)
    uri = serializers.URLField(required=False, help_text="Our API address of the item, by id.")
    literal = serializers.CharField(required=False, help_text="Our slug of the item.")


class NinjsTextSerializer(serializers.Serializer):
    role = serializers.CharField(required=False)
    contenttype = serializers.CharField(required=False)
    value = serializers.CharField()


class NinjsAltIdSerializer(serializers.Serializer):
    role = serializers.CharField()
    value = serializers.CharField()


class ArticleNinjsSerializer(serializers.Serializer):
    """An IPTC ninjs 2.2 document. Tombstones carry only uri, versioncreated, altids and
    pubstatus 'canceled'."""

    uri = serializers.URLField(help_text="Stable URI of the article: its API address by id.")
    standard = serializers.DictField(help_text="ninjs 2.2 and its schema address.")
    type = serializers.CharField(help_text="Always 'text'.")
    representationtype = serializers.CharField(required=False)
    profile = serializers.CharField(required=False)
    version = serializers.CharField(
        required=False, help_text="Grows by one exactly when the document changes."
    )
    firstcreated = serializers.DateTimeField(required=False)
    versioncreated = serializers.DateTimeField()
    pubstatus = serializers.ChoiceField(choices=["usable", "canceled"])
    language = serializers.CharField(required=False, help_text="BCP 47, e.g. 'en'.")
    slugline = serializers.CharField(required=False)
    headlines = NinjsTextSerializer(many=True, required=False)
    descriptions = NinjsTextSerializer(many=True, required=False)
    bodies = NinjsTextSerializer(many=True, required=False, help_text="HTML and plain text.")
    by = serializers.CharField(required=False)
    located = serializers.CharField(required=False, help_text="The dateline place.")
    infosources = serializers.ListField(child=serializers.DictField(), required=False)
    subjects = NinjsItemSerializer(many=True, required=False, help_text="Topics and countries.")
    people = NinjsItemSerializer(many=True, required=False)
    organisations = NinjsItemSerializer(many=True, required=False)
    places = NinjsItemSerializer(many=True, required=False)
    events = NinjsItemSerializer(many=True, required=False, help_text="Meetings, exhibitions.")
    altids = NinjsAltIdSerializer(many=True)
    renditions = serializers.ListField(child=serializers.DictField(), required=False)
