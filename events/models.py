from urllib.parse import urlencode

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.countries import canonical_pair, country_name, pair_key
from core.links import slug_url
from core.locking import Versioned
from core.matching import query_terms, words_q
from core.models import ChoiceLabels, DatePrecision, TimeStamped
from core.text import fold
from people.models import Organisation, Person, titles_on


class Topic(TimeStamped):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, help_text="What editors should tag with it.")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("events:topic_detail", self.slug)


class ExhibitionSeries(TimeStamped):
    """A recurring exhibition (ADEX, IDEF); each edition is an Exhibition."""

    name = models.CharField(max_length=255, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    website = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "exhibition series"

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        # The series' address is the list of its editions.
        return f"{reverse('events:exhibition_list')}?{urlencode({'series': self.slug})}"


class ExhibitionQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Exhibitions with every word of query in their name, series, venue or city."""
        terms = query_terms(query)
        return self.filter(words_q("search_text", terms)) if terms else self.none()

    def about_country(self, code: str):
        return self.filter(country=code.upper())


class Exhibition(TimeStamped):
    series = models.ForeignKey(ExhibitionSeries, on_delete=models.PROTECT, related_name="editions")
    edition = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Ordinal of this edition: 5 for the 5th ADEX."
    )
    name = models.CharField(max_length=255, help_text="As reported: ADEX 2024.")
    slug = models.SlugField(max_length=255, unique=True)
    start_date = models.DateField()
    end_date = models.DateField()
    venue = models.CharField(max_length=255, blank=True, help_text="Baku Expo Center.")
    city = models.CharField(max_length=120)
    country = CountryField()
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_exhibitions",
    )
    website = models.URLField(blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ExhibitionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="exhibition_end_not_before_start",
                violation_error_message="An exhibition cannot end before it starts.",
            ),
            models.UniqueConstraint(fields=["series", "edition"], name="exhibition_unique_edition"),
        ]
        indexes = [
            GinIndex(
                fields=["search_text"], opclasses=["gin_trgm_ops"], name="exhibition_text_trgm"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join((self.name, str(self.series), self.venue, self.city)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("events:exhibition_detail", self.slug)

    def other_editions(self):
        return Exhibition.objects.filter(series_id=self.series_id).exclude(pk=self.pk)


class MeetingKind(models.TextChoices):
    TALKS = "talks", _("Talks")
    DELEGATION_MEETING = "delegation_meeting", _("Delegation meeting")
    SIGNING_CEREMONY = "signing_ceremony", _("Signing ceremony")
    VISIT = "visit", _("Visit")
    PHONE_CALL = "phone_call", _("Phone or video call")
    OTHER = "other", _("Other")


class CameoCode(models.TextChoices):
    """CAMEO event codes for the meeting kinds this desk reports (Gerner et al., CAMEO 1.1b3)."""

    MAKE_STATEMENT = "010", "010 Make statement"
    EXPRESS_INTENT_TO_COOPERATE = "030", "030 Express intent to cooperate"
    CONSULT = "040", "040 Consult"
    DISCUSS_BY_TELEPHONE = "041", "041 Discuss by telephone"
    MAKE_VISIT = "042", "042 Make a visit"
    HOST_VISIT = "043", "043 Host a visit"
    MEET_AT_THIRD_LOCATION = "044", "044 Meet at a third location"
    MEDIATE = "045", "045 Mediate"
    NEGOTIATE = "046", "046 Engage in negotiation"
    DIPLOMATIC_COOPERATION = "050", "050 Engage in diplomatic cooperation"
    SIGN_AGREEMENT = "057", "057 Sign formal agreement"
    MATERIAL_COOPERATION = "060", "060 Engage in material cooperation"
    MILITARY_COOPERATION = "062", "062 Cooperate militarily"


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    SINGLE_SOURCE = "single_source", _("Reported by one source")
    CORROBORATED = "corroborated", _("Corroborated by several sources")
    OFFICIAL = "official", _("Confirmed by an official statement")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MeetingQuerySet(models.QuerySet):
    def published(self):
        """Meetings readers and partners may see: published by an editor (or its job)."""
        return self.filter(status=MeetingStatus.PUBLISHED)

    def scheduled(self):
        return self.filter(status=MeetingStatus.SCHEDULED)

    def matching(self, query: str):
        """Meetings with every word of query in their title, summary or place."""
        terms = query_terms(query)
        return self.filter(words_q("search_text", terms)) if terms else self.none()

    def for_country_pair(self, a: str, b: str):
        return self.filter(pair_key=pair_key(a, b))

    def about_country(self, code: str):
        """Meetings with the country on either side (every model's country filter has this name)."""
        code = code.upper()
        return self.filter(Q(host_country=code) | Q(guest_country=code))

    def at_exhibition(self, exhibition):
        return self.filter(exhibition=exhibition)

    def attended_by(self, person):
        return self.filter(participations__person=person).distinct()

    def tagged(self, topic):
        return self.filter(topics=topic)

    def with_participants(self):
        """Prefetch participations (with their people) in the host_first() order."""
        return self.prefetch_related(
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person").host_first(),
            )
        )

    def involving_organisation(self, organisation):
        """Meetings it sent a delegation to, or at which it became party to an outcome."""
        return self.filter(
            Q(
                pk__in=Delegation.meetings.through.objects.filter(
                    delegation__organisation=organisation
                ).values("meeting")
            )
            | Q(pk__in=Outcome.objects.filter(parties=organisation).values("meeting"))
        )


class Meeting(Versioned, TimeStamped):
    title = models.CharField(
        max_length=255, help_text="Short and factual: Hasanov–Güler talks at ADEX 2024."
    )
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=30, choices=MeetingKind.choices)
    cameo_code = models.CharField(
        "CAMEO code",
        max_length=3,
        choices=CameoCode.choices,
        help_text="The machine-coded event type: 043 if one side hosted the other's visit, "
        "046 for negotiations, 057 if an agreement was signed.",
    )
    date = models.DateField(
        help_text="For a month or a year only, enter its first day and set the precision."
    )
    end_date = models.DateField(
        "last day",
        null=True,
        blank=True,
        help_text="For talks or a visit over several days, the last day; "
        "leave empty when it lasted one day.",
    )
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
        help_text="'Inferred' when the report omits part of the date and you supplied it.",
    )
    host_country = CountryField(help_text="The side that hosted; either side at a third location.")
    guest_country = CountryField(help_text="The visiting side.")
    third_location = models.BooleanField(
        default=False, help_text="Tick when neither side hosted (met on neutral ground)."
    )
    # Canonical 'az-tr' form of the two sides, kept for the relation pages' look-ups.
    pair_key = models.CharField(max_length=5, editable=False, db_index=True)
    venue = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=120, blank=True)
    place_country = CountryField("country of the place", blank=True)
    exhibition = models.ForeignKey(
        Exhibition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The exhibition it took place at, if any.",
    )
    summary = models.TextField(blank=True, help_text="In the desk's own words.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    verification = models.CharField(
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    status = models.CharField(
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.DRAFT,
        db_index=True,
        help_text="A new meeting is a draft, public nowhere until published with the buttons "
        "under the form.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="Set by Publish now (the present) or Schedule (the time chosen).",
    )
    # Folded title, summary, venue and city for matching, computed and stored by PostgreSQL
    # (archive_fold, core/migrations/0002: the SQL twin of core.text.fold).
    search_text = models.GeneratedField(
        expression=models.Func(
            "title",
            "summary",
            "venue",
            "city",
            function="public.archive_fold",
            template="%(function)s(%(expressions)s)",
            arg_joiner=" || ' ' || ",
            output_field=models.TextField(),
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=["search_text"])

    class Meta:
        ordering = ["-date", "-id"]
        permissions = [("publish_meeting", "Can publish, schedule and withdraw meetings")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="meeting_end_not_before_start",
                violation_error_message="A meeting cannot end before its first day.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[MeetingStatus.PUBLISHED, MeetingStatus.SCHEDULED])
                | Q(published_at__isnull=False),
                name="meeting_published_has_time",
                violation_error_message="A published or scheduled meeting needs a publication "
                "time.",
            ),
            models.CheckConstraint(
                condition=~Q(host_country="") & ~Q(guest_country=""),
                name="meeting_has_two_sides",
                violation_error_message="A meeting needs a country on each side.",
            ),
            models.CheckConstraint(
                condition=~Q(host_country=models.F("guest_country")),
                name="meeting_two_countries",
                violation_error_message="A meeting involves at least two countries: "
                "the host and the guest must differ.",
            ),
        ]
        indexes = [
            models.Index(fields=["pair_key", "date"]),
            # Lists newest first, and a country's meetings on either side (about_country()).
            models.Index(fields=["date", "id"], name="meeting_date_order"),
            models.Index(fields=["host_country", "date"], name="meeting_host_date"),
            models.Index(fields=["guest_country", "date"], name="meeting_guest_date"),
            models.Index(fields=["updated_at", "id"], name="meeting_sync_order"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="meeting_text_trgm"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.host_country and self.guest_country:
            self.pair_key = pair_key(str(self.host_country), str(self.guest_country))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("events:meeting_detail", self.slug)

    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED

    @property
    def countries(self) -> tuple[str, str]:
        return canonical_pair(str(self.host_country), str(self.guest_country))

    @property
    def pair_phrase(self) -> str:
        """Who met whom, host first: 'Azerbaijan hosting Türkiye'."""
        names = {
            "host": country_name(str(self.host_country)),
            "guest": country_name(str(self.guest_country)),
        }
        if self.third_location:
            return gettext("%(host)s and %(guest)s, on neutral ground") % names
        return gettext("%(host)s hosting %(guest)s") % names

    @property
    def is_visit(self) -> bool:
        """A visit by one side to the other: not a call, not on neutral ground."""
        return not self.third_location and (
            self.kind == MeetingKind.VISIT
            or self.cameo_code in (CameoCode.MAKE_VISIT, CameoCode.HOST_VISIT)
        )

    def principals(self) -> list["Participation"]:
        """The host and the guest, in that order, from the (prefetched) participations."""
        return [
            p
            for p in participations_host_first(self.participations.all(), meeting=self)
            if p.role in (ParticipantRole.HOST, ParticipantRole.GUEST)
        ]

    def others(self) -> list["Participation"]:
        """Everyone but the host and the guest, in the host_first() order."""
        return [
            p
            for p in participations_host_first(self.participations.all(), meeting=self)
            if p.role not in (ParticipantRole.HOST, ParticipantRole.GUEST)
        ]

    def participants_with_titles(self) -> list[tuple["Participation", str]]:
        """Its participations, each with the title the person held that day.

        No title when only the month or year is known: it could have changed within it.
        """
        participations = participations_host_first(self.participations.all(), meeting=self)
        titles = {}
        if participations and self.date_precision in (DatePrecision.EXACT, DatePrecision.INFERRED):
            titles = titles_on(people=[p.person_id for p in participations], on=self.date)
        return [(p, titles.get(p.person_id, "")) for p in participations]


class ParticipantRole(models.TextChoices):
    HOST = "host", _("Host")
    GUEST = "guest", _("Guest")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    MEMBER = "member", _("Delegation member")
    ATTENDEE = "attendee", _("Also present")


class MeetingPartQuerySet(models.QuerySet):
    """For rows that belong to a meeting (participations, outcomes)."""

    def published(self):
        """Those of published meetings: a draft meeting's parts are public nowhere either."""
        return self.filter(meeting__status=MeetingStatus.PUBLISHED)


# Who met whom reads host, guest, then the others: this is the one order everywhere.
ROLE_RANK = {role: rank for rank, role in enumerate(ParticipantRole.values)}


class ParticipationQuerySet(MeetingPartQuerySet):
    def host_first(self):
        """Host, guest, heads of delegation, members, others; the host's side first within
        a role, then by name."""
        role_rank = Case(
            *[When(role=role, then=Value(rank)) for role, rank in ROLE_RANK.items()],
            default=Value(len(ROLE_RANK)),
            output_field=IntegerField(),
        )
        host_side = Case(
            When(side=models.F("meeting__host_country"), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return self.order_by(role_rank, host_side, "person__name", "pk")

    def principals(self):
        """The host and the guest: the two people a meeting is between."""
        return self.filter(role__in=(ParticipantRole.HOST, ParticipantRole.GUEST))


def participations_host_first(participations, *, meeting=None) -> list:
    """Already-fetched participations in the host_first() order (for prefetched lists)."""
    host = str(meeting.host_country) if meeting is not None else None
    return sorted(
        participations,
        key=lambda p: (
            ROLE_RANK.get(p.role, len(ROLE_RANK)),
            0 if host and str(p.side) == host else 1,
            p.person.name,
            p.pk,
        ),
    )


class Participation(ChoiceLabels, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=30, choices=ParticipantRole.choices)
    side = CountryField(blank=True, help_text="The side they attended for; defaults to theirs.")
    delegation = models.ForeignKey(
        "Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="participation_once_per_meeting"
            ),
        ]

    def __str__(self):
        # On the meeting's own form the meeting goes without saying (ParticipationInline).
        if getattr(self, "on_meeting_form", False):
            return f"{self.person} ({self.get_role_display()})"
        return f"{self.person} ({self.get_role_display()}) at {self.meeting}"

    def save(self, *args, **kwargs):
        if not self.side and self.person_id:
            self.side = self.person.country
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class DelegationQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Delegations with every word of query in their name, or led by, including or sent
        by someone the words find (so 'Gorgun' finds the delegation Görgün led)."""
        terms = query_terms(query)
        if not terms:
            return self.none()
        by_name = Q()
        for term in terms:
            by_name &= Q(name__icontains=term)
        people = Person.objects.matching(query)
        members = DelegationMember.objects.filter(person__in=people).values("delegation")
        return self.filter(
            by_name
            | Q(head__in=people)
            | Q(pk__in=members)
            | Q(organisation__in=Organisation.objects.matching(query))
        )

    def about_country(self, code: str):
        return self.filter(country=code.upper())

    def including(self, person):
        """Delegations the person led or belonged to.

        A union of the two indexed lookups: an OR of them made PostgreSQL walk every
        delegation in list order (5 ms of each official's page at 100,000 articles)."""
        led = Delegation.objects.filter(head=person).order_by().values("pk")
        members = DelegationMember.objects.filter(person=person).values("delegation")
        return self.filter(pk__in=led.union(members))

    def sent_by(self, organisation):
        return self.filter(organisation=organisation)


class Delegation(TimeStamped):
    name = models.CharField(
        max_length=255, help_text="e.g. Turkish defence-industry delegation, September 2024."
    )
    slug = models.SlugField(max_length=255, unique=True)
    country = CountryField()
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        help_text="The body that sent it.",
    )
    head = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_led",
    )
    members = models.ManyToManyField(
        Person, through="DelegationMember", blank=True, related_name="delegations"
    )
    meetings = models.ManyToManyField(Meeting, blank=True, related_name="delegations")

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[meetings])

    class Meta:
        ordering = ["name"]
        # The list's order (DelegationFilter): read in order, not sorted from every row.
        indexes = [models.Index(fields=["name", "id"], name="delegation_list_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("events:delegation_detail", self.slug)


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    note = models.CharField(
        max_length=255, blank=True, help_text="e.g. 'heads of Turkish defence companies'."
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="delegation_member_once"),
        ]

    def __str__(self):
        return f"{self.person} in {self.delegation}"


class OutcomeKind(models.TextChoices):
    CONTRACT = "contract", _("Contract")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    PROTOCOL = "protocol", _("Protocol")
    AGREEMENT = "agreement", _("Agreement")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    OTHER = "other", _("Other")


class Outcome(TimeStamped):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=30, choices=OutcomeKind.choices)
    title = models.CharField(max_length=255, help_text="What was signed or agreed.")
    description = models.TextField(blank=True)
    count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many documents, if the report says. Leave empty for 'several'; "
        "an unknown count is not 1.",
    )
    signed_on = models.DateField(null=True, blank=True)
    parties = models.ManyToManyField(Organisation, blank=True, related_name="outcomes")

    objects = MeetingPartQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        ordering = ["meeting", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=1),
                name="outcome_count_positive",
                violation_error_message="A count, when known, is at least 1.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @property
    def quantity(self) -> str:
        """'Several contracts' when the count is unknown, '1 contract', '3 protocols', in the
        active language."""
        if self.count is None:
            return str(OUTCOMES_UNCOUNTED[self.kind])
        return OUTCOMES_COUNTED[self.kind](self.count) % {"count": self.count}


# How outcomes are counted in prose, by kind; each phrase written out for makemessages.
OUTCOMES_UNCOUNTED = {
    OutcomeKind.CONTRACT: _("Several contracts"),
    OutcomeKind.MEMORANDUM: _("Several memoranda of understanding"),
    OutcomeKind.PROTOCOL: _("Several protocols"),
    OutcomeKind.AGREEMENT: _("Several agreements"),
    OutcomeKind.JOINT_STATEMENT: _("Several joint statements"),
    OutcomeKind.OTHER: _("Several documents"),
}
OUTCOMES_COUNTED = {
    OutcomeKind.CONTRACT: lambda n: ngettext("%(count)d contract", "%(count)d contracts", n),
    OutcomeKind.MEMORANDUM: lambda n: ngettext(
        "%(count)d memorandum of understanding", "%(count)d memoranda of understanding", n
    ),
    OutcomeKind.PROTOCOL: lambda n: ngettext("%(count)d protocol", "%(count)d protocols", n),
    OutcomeKind.AGREEMENT: lambda n: ngettext("%(count)d agreement", "%(count)d agreements", n),
    OutcomeKind.JOINT_STATEMENT: lambda n: ngettext(
        "%(count)d joint statement", "%(count)d joint statements", n
    ),
    OutcomeKind.OTHER: lambda n: ngettext("%(count)d document", "%(count)d documents", n),
}


class PairFiguresQuerySet(models.QuerySet):
    def recorded(self):
        """Pairs with at least one published meeting."""
        return self.filter(meetings__gt=0)

    def most_active(self):
        return self.recorded().order_by("-meetings", "pair_key")


class PairFigures(models.Model):
    """A country pair's relation-page figures (counts per year, who met whom, where, topics),
    kept up to date from the change log by events/pair_figures.py, never edited."""

    pair_key = models.CharField(max_length=5, primary_key=True)
    meetings = models.PositiveIntegerField(default=0, help_text="Published meetings.")
    figures = models.JSONField(default=dict)

    objects = PairFiguresQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "pair figures"
        indexes = [models.Index(fields=["-meetings", "pair_key"], name="pair_figures_activity")]

    def __str__(self):
        return self.pair_key
