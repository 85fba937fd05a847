from functools import lru_cache

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import get_language


class ChoiceLabels:
    """`get_<field>_display()` from a table of the labels per language.

    Django's own builds a dict of the field's choices on every call, hashing each lazy label
    (a translation lookup each): ~50 us a call, and a list of 50 organisations names its kind
    50 times. Listed before models.Model in a model's bases.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _choice_labels(field, get_language()).get(value, value)
        except TypeError:  # an unhashable value: Django's own way
            return super()._get_FIELD_display(field)


@lru_cache(maxsize=512)
def _choice_labels(field, language: str | None) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


class TimeStamped(ChoiceLabels, models.Model):
    """Creation and last-change times; the API's incremental sync orders by updated_at."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date"
    INFERRED = "inferred", "Inferred (the source gives no year or day)"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


class TransactionIdField(models.BigIntegerField):
    """A PostgreSQL xid8: the id of the transaction that wrote the row, set by the database."""

    def db_type(self, connection):
        return "xid8"

    def from_db_value(self, value, expression, connection):
        return None if value is None else int(value)


class ChangeAction(models.TextChoices):
    ENTERED = "entered", "Entered the public set"
    CHANGED = "changed", "Changed"
    LEFT = "left", "Left the public set"


class Change(models.Model):
    """One change of one public object's partner document: the log partners sync from.

    Written by core.changes in the same transaction as the change itself (a transactional
    outbox). Readers take only rows whose `txid` is below the oldest transaction still running
    (`pg_snapshot_xmin(pg_current_snapshot())`), in (txid, id) order: a row that becomes
    visible later always sorts after every row already read, so no open transaction leaves a gap.
    """

    id = models.BigAutoField(primary_key=True)
    txid = TransactionIdField(db_default=models.Func(function="pg_current_xact_id"), editable=False)
    kind = models.CharField(max_length=30, help_text="article, meeting, official, topic, …")
    object_id = models.BigIntegerField()
    version = models.PositiveIntegerField(help_text="The document's version after this change.")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    at = models.DateTimeField(db_default=Now(), editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "txid", "id"], name="change_feed_order"),
            models.Index(fields=["at"], name="change_at"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} v{self.version} {self.action}"


class Document(models.Model):
    """The stored partner document of one object, as served: rendered once, on write.

    `body` is the exact JSON the API, the sync feed and the export send (ninjs 2.2 for
    articles). `version` grows by one exactly when the body's bytes change; `sha256` is the
    hash of the content without its version stamps, to tell a real change from a re-render.
    An object that left the public set keeps its row with `public` off and a tombstone body.
    """

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    version = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    body = models.BinaryField()
    public = models.BooleanField(default=False)
    updated_at = models.DateTimeField(db_default=Now())

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="document_once_per_object"),
        ]
        indexes = [
            models.Index(fields=["kind", "public", "object_id"], name="document_public_order"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} v{self.version}"


class AuditAction(models.TextChoices):
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DELETED = "deleted", "Deleted"
    RESTORED = "restored", "Restored"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    KEY_CREATED = "key_created", "Partner key created"
    KEY_CHANGED = "key_changed", "Partner key changed"
    KEY_REVOKED = "key_revoked", "Partner key revoked"


class AuditOrigin(models.TextChoices):
    REQUEST = "request", "Web request"
    COMMAND = "command", "Command line"
    JOB = "job", "Background job"


class AuditEvent(models.Model):
    """Who did what to the archive's public face or its doors, when, and from which address.

    What an editorial change contained stays in the object's history (history_id points
    there); this row adds what the history lacks: the address, and the sign-ins and key
    changes it does not record. Rows are only ever added.
    """

    at = models.DateTimeField(db_default=Now(), db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    user = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="As typed, for a failed sign-in."
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    origin = models.CharField(
        max_length=10,
        choices=AuditOrigin.choices,
        default=AuditOrigin.REQUEST,
        help_text="Where the change came from: a web request (with its address), a command "
        "run on the server, or the background worker.",
    )
    object_kind = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    history_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        who = self.username or "system"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.get_action_display()} {self.object_repr}"


class Fragment(models.Model):
    """Parts of the public pages showing one object, in one interface language, as served.

    Rendered when what they show changes and never edited (core/fragments.py); `stamp` names
    the templates and catalogues they were rendered with, so a deploy that changes either is
    never served stale.
    """

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=10)
    stamp = models.CharField(max_length=64)
    parts = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "object_id"], name="fragment_once_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"
