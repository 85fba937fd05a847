from datetime import date

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, F, Func, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.links import slug_url
from core.matching import query_terms, words_q
from core.models import TimeStamped
from core.text import fold

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is a Q followed by digits, e.g. Q123456."
)


class PersonQuerySet(models.QuerySet):
    def matching(self, query: str):
        """People with every word of query starting a word of their name or an alias."""
        terms = query_terms(query)
        return self.filter(words_q("search_names", terms)) if terms else self.none()

    def about_country(self, code: str):
        return self.filter(country=code.upper())

    def serving_in(self, organisation):
        """People who held a position in the organisation at any time."""
        return self.filter(
            pk__in=Position.objects.filter(organisation=organisation).values("person")
        )

    def attending(self, meeting):
        return self.filter(participations__meeting=meeting)

    def met_most_by(self, person: "Person"):
        """The people who attended meetings with this one, most meetings together first;
        on a tie, the other side before this one's own, and within a side those who met as
        host or guest (the counterparts) before the rest.

        Each carries `meetings_together`, `same_side` (0: the other side) and `as_principal`.
        """
        return (
            self.exclude(pk=person.pk)
            # Published meetings only ("published" is events.MeetingStatus.PUBLISHED; people
            # comes before events in the import graph).
            .filter(
                participations__meeting__participations__person=person,
                participations__meeting__status="published",
            )
            .annotate(
                meetings_together=Count("participations__meeting", distinct=True),
                # The same join as the filter: the other person's role in those meetings.
                as_principal=Count(
                    "participations__meeting",
                    distinct=True,
                    filter=Q(participations__role__in=("host", "guest")),
                ),
                same_side=Case(
                    When(country=person.country, then=Value(1)),
                    default=Value(0),
                    output_field=models.IntegerField(),
                ),
            )
            .order_by("-meetings_together", "same_side", "-as_principal", "name", "pk")
        )


class Person(TimeStamped):
    name = models.CharField(
        max_length=200,
        help_text="Native spelling, as the person writes it: Yaşar Güler, Zakir Həsənov.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the page address.")
    honorific = models.CharField(
        "rank or honorific",
        max_length=100,
        blank=True,
        help_text="As used before the name in reporting: Colonel General, Ambassador, Mr.",
    )
    country = CountryField(help_text="The country the person serves or represents.")
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text="Optional, e.g. Q123456. Leave empty rather than guess.",
    )
    notes = models.TextField(blank=True, help_text="Internal notes; not shown to readers.")
    # Folded name and aliases, one per line, so 'guler' finds 'Güler' on any database.
    search_names = models.TextField(editable=False, blank=True, default="")

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["name", "id"], name="person_name_order"),
            # Serves the word-start regular expressions of matching() and "did you mean".
            GinIndex(fields=["search_names"], opclasses=["gin_trgm_ops"], name="person_names_trgm"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_unique_wikidata_id",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_names = self.folded_names()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("people:person_detail", self.slug)

    def folded_names(self) -> str:
        names = [self.name]
        if self.pk:
            names += list(self.aliases.values_list("name", flat=True))
        return "\n".join(dict.fromkeys(fold(n) for n in names if n))

    def refresh_search_names(self) -> None:
        """Recompute search_names after aliases change, without writing a history row."""
        Person.objects.filter(pk=self.pk).update(search_names=self.folded_names())

    def positions_on(self, on: date):
        return self.positions.held_on(on).select_related("organisation")

    def title_on(self, on: date) -> str:
        """The title this person held on a date, e.g. 'Minister of National Defence of Türkiye'."""
        return person_title_on(person=self, on=on)


def titles_on(*, people, on: date) -> dict[int, str]:
    """Everyone's titles on a date in one query, as person_title_on words them, by person id."""
    titles: dict[int, list[str]] = {}
    positions = (
        Position.objects.filter(person__in=people)
        .held_on(on)
        .order_by("person", "-is_primary", "start_date")
    )
    for position in positions:
        titles.setdefault(position.person_id, []).append(position.title)
    return {pk: "; ".join(names) for pk, names in titles.items()}


def person_title_on(*, person: Person, on: date) -> str:
    """Titles held on a date, joined with '; ', the primary title first."""
    positions = list(person.positions.held_on(on).order_by("-is_primary", "start_date"))
    return "; ".join(p.title for p in positions)


class AliasKind(models.TextChoices):
    TRANSLITERATION = "transliteration", "Transliteration (ASCII)"
    ENGLISH = "english", "English form"
    NATIVE = "native", "Other native spelling"
    FORMER = "former", "Former name"
    OTHER = "other", "Other"


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="Another spelling: Yasar Guler.")
    kind = models.CharField(
        max_length=20, choices=AliasKind.choices, default=AliasKind.TRANSLITERATION
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.person.refresh_search_names()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.person.refresh_search_names()
        return result


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    GENERAL_STAFF = "general_staff", _("General staff / armed forces command")
    ARMED_FORCES = "armed_forces", _("Armed forces branch or unit")
    EMBASSY = "embassy", _("Embassy or mission")
    DEFENCE_INDUSTRY_AGENCY = "defence_industry_agency", _("Defence-industry agency")
    COMPANY = "company", _("Company")
    NEWS_AGENCY = "news_agency", _("News agency or outlet")
    GOVERNMENT = "government", _("Head of state or government office")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class OrganisationQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Organisations with every word of query in their name, acronym or an alias."""
        terms = query_terms(query)
        return self.filter(words_q("search_names", terms)) if terms else self.none()

    def about_country(self, code: str):
        return self.filter(country=code.upper())


class Organisation(TimeStamped):
    name = models.CharField(
        max_length=255, help_text="Official English name: Ministry of National Defence."
    )
    slug = models.SlugField(max_length=255, unique=True)
    acronym = models.CharField(max_length=30, blank=True, help_text="e.g. SSB, APA, MoD.")
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    country = CountryField(blank=True, help_text="Leave empty for international organisations.")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body it belongs to, e.g. the Presidency for the SSB.",
    )
    website = models.URLField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_id_validator]
    )
    search_names = models.TextField(editable=False, blank=True, default="")

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name", "id"], name="organisation_name_order"),
            GinIndex(
                fields=["search_names"], opclasses=["gin_trgm_ops"], name="organisation_names_trgm"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.search_names = self.folded_names()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("people:organisation_detail", self.slug)

    def folded_names(self) -> str:
        names = [self.name, self.acronym]
        if self.pk:
            names += list(self.aliases.values_list("name", flat=True))
        return "\n".join(dict.fromkeys(fold(n) for n in names if n))

    def refresh_search_names(self) -> None:
        Organisation.objects.filter(pk=self.pk).update(search_names=self.folded_names())


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=255, help_text="Another name: Savunma Sanayii Başkanlığı, SAHA."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="organisation_alias_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.organisation.refresh_search_names()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.organisation.refresh_search_names()
        return result


class DateRange(Func):
    """daterange(start, end, '[]'): an empty start or end is open, as held_on() reads them."""

    function = "DATERANGE"
    output_field = DateRangeField()


def _held_dates():
    return DateRange("start_date", "end_date", RangeBoundary(inclusive_upper=True))


class PositionQuerySet(models.QuerySet):
    def held_on(self, on: date):
        """Positions held on a date; an empty start or end date means 'not known to differ'."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )

    def current(self):
        return self.filter(end_date__isnull=True)

    def same_post(self, *, organisation_id: int, title: str):
        """Positions with this title (in any letter case) in this organisation."""
        return self.filter(organisation_id=organisation_id, title__iexact=title.strip())

    def overlapping(self, start: date | None, end: date | None):
        """Positions held at some time between start and end (empty: open-ended)."""
        positions = self
        if end is not None:
            positions = positions.filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        if start is not None:
            positions = positions.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return positions


class Position(TimeStamped):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(
        max_length=255,
        help_text="The full title as a reader should see it: "
        "Minister of National Defence of Türkiye.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="Leave empty when the start is not known."
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="Leave empty while the person still holds it."
    )
    is_primary = models.BooleanField(
        default=True,
        help_text="Untick for a secondary title held at the same time; "
        "the primary one is named first.",
    )
    single_holder = models.BooleanField(
        "one holder at a time",
        default=False,
        help_text="Tick for a post only one person holds at a time, such as a minister or "
        "an ambassador to a country. The archive then refuses a second holder of the same "
        "title in the same organisation on overlapping dates.",
    )
    source_note = models.CharField(
        max_length=255, blank=True, help_text="Where the dates come from."
    )

    objects = PositionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_end_not_before_start",
                violation_error_message="A position cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "organisation", "title", "start_date"],
                name="position_unique_per_start",
                violation_error_message="This person already holds this title from that date.",
            ),
            # Backstops for validate_constraints() below, which words the reason.
            ExclusionConstraint(
                name="position_not_held_twice_at_once",
                expressions=[
                    (F("person"), RangeOperators.EQUAL),
                    (F("organisation"), RangeOperators.EQUAL),
                    (F("title"), RangeOperators.EQUAL),
                    (_held_dates(), RangeOperators.OVERLAPS),
                ],
                violation_error_message="This person already holds this post on some of "
                "these dates.",
            ),
            ExclusionConstraint(
                name="position_single_holder_at_once",
                expressions=[
                    (F("organisation"), RangeOperators.EQUAL),
                    (F("title"), RangeOperators.EQUAL),
                    (_held_dates(), RangeOperators.OVERLAPS),
                ],
                condition=Q(single_holder=True),
                violation_error_message="Someone else holds this one-holder post on some of "
                "these dates.",
            ),
        ]
        indexes = [models.Index(fields=["person", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.person}: {self.title}"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    def validate_constraints(self, exclude=None):
        # The exclusion constraints are checked by clashes() instead, which names the other
        # holder; inside the person's inline formset the formset checks them with its rows.
        exclude = set(exclude or ())
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                if isinstance(constraint, ExclusionConstraint):
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
        checked_by_formset = getattr(self, "clashes_checked_by_formset", False)
        if not checked_by_formset and not exclude & {"organisation", "title"}:
            clashes = self.clashes()
            if clashes:
                errors.setdefault(NON_FIELD_ERRORS, []).extend(clashes)
        if errors:
            raise ValidationError(errors)

    def clashes(self, *, others=(), removed=()) -> list[str]:
        """Why this position cannot be held as entered.

        others are the rows entered beside it (they replace their stored versions), removed
        the ids of stored rows being deleted in the same save.
        """
        return position_clashes(position=self, others=others, removed=removed)

    def dates_text(self) -> str:
        start = self.start_date.isoformat() if self.start_date else "an unknown date"
        end = self.end_date.isoformat() if self.end_date else "today"
        return f"from {start} to {end}"


def _overlap(a: "Position", b: "Position") -> bool:
    return (a.start_date is None or b.end_date is None or a.start_date <= b.end_date) and (
        b.start_date is None or a.end_date is None or b.start_date <= a.end_date
    )


def position_clashes(*, position: Position, others=(), removed=()) -> list[str]:
    """The reasons a position clashes with stored ones or with the unsaved others."""
    if not (position.organisation_id and position.title):
        return []
    if position.start_date and position.end_date and position.end_date < position.start_date:
        return []  # the end-before-start check speaks for this row
    stored = (
        Position.objects.same_post(organisation_id=position.organisation_id, title=position.title)
        .overlapping(position.start_date, position.end_date)
        .exclude(pk=position.pk)
        .select_related("person")
    )
    replaced = {o.pk for o in others if o.pk} | set(removed)
    others = [
        o
        for o in others
        if o is not position
        and o.organisation_id == position.organisation_id
        and o.title.strip().lower() == position.title.strip().lower()
        and _overlap(o, position)
    ]
    reasons = []
    for other in [*(p for p in stored if p.pk not in replaced), *others]:
        # Rows entered together for a person not yet saved have no person id yet: same person.
        same_person = other.person_id == position.person_id
        if same_person:
            reasons.append(
                f"{position.person} already holds “{other.title}” {other.dates_text()}; "
                "the same post cannot be held twice at once. Change the dates, or edit "
                "the existing row instead of adding one."
            )
        elif position.single_holder or other.single_holder:
            reasons.append(
                f"“{position.title}” has one holder at a time, and {other.person} holds it "
                f"{other.dates_text()}. End that holder's term before this one starts, or "
                "untick “one holder at a time” on both rows if the post is shared."
            )
    return reasons
