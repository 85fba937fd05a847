from urllib.parse import urlencode

import nh3
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models import Exists, F, Func, OuterRef, Q
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.countries import canonical_pair
from core.links import slug_url
from core.locking import Versioned
from core.matching import article_rank, article_text_q, query_terms
from core.models import DatePrecision, TimeStamped
from core.text import fold, html_to_text
from events.models import Exhibition, Meeting, Topic
from people.models import Organisation, Person, titles_on

# Articles sharing only a topic with another are related to it only when among the newest
# this many sharing one of its topics (see ArticleQuerySet.related_ids).
RELATED_BY_TOPIC_LIMIT = 50

# What an article body may contain once sanitised; everything else is stripped.
BODY_TAGS = {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "h2", "h3"}
BODY_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_body(html: str) -> str:
    return nh3.clean(html, tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, link_rel="noopener")


class Source(TimeStamped):
    """Where a report comes from: a news agency or outlet we credit."""

    name = models.CharField(max_length=255, unique=True, help_text="Azeri-Press News Agency.")
    acronym = models.CharField(max_length=30, blank=True, help_text="APA.")
    slug = models.SlugField(max_length=255, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text="The news agency as an organisation, so its people can be linked.",
    )
    website = models.URLField(blank=True)
    country = CountryField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        # A source has no page of its own: its address is the list of its articles.
        return f"{reverse('articles:list')}?{urlencode({'source': self.slug})}"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    AZERBAIJANI = "az", "Azerbaijani"
    TURKISH = "tr", "Turkish"
    RUSSIAN = "ru", "Russian"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers and partners may see: published by an editor or by its scheduled job.

        No clock comparison: a scheduled article becomes public when its job publishes it.
        """
        return self.filter(status=ArticleStatus.PUBLISHED)

    def unpublished(self):
        return self.exclude(pk__in=self.published().values("pk"))

    def in_review(self):
        return self.filter(status=ArticleStatus.IN_REVIEW)

    def scheduled(self):
        return self.filter(status=ArticleStatus.SCHEDULED)

    def about_country(self, code: str):
        # A semi-join, not a join plus DISTINCT: DISTINCT compares whole rows (bodies included)
        # and made a country's list, and its count, cost a scan of every matching article.
        return self.filter(
            Exists(ArticleCountry.objects.filter(article=OuterRef("pk"), country=code.upper()))
        )

    def for_country_pair(self, a: str, b: str):
        first, second = canonical_pair(a, b)
        return self.about_country(first).filter(
            pk__in=ArticleCountry.objects.filter(country=second.upper()).values("article")
        )

    def matching(self, query: str):
        """Articles with every word of query in their headline, standfirst or body.

        Full text on the stored search_document (GIN index), which ignores case and
        diacritics and matches words by their start.
        """
        terms = query_terms(query)
        if not terms:
            return self.none()
        return self.filter(article_text_q(terms))

    def by_relevance(self, query: str):
        """Best matches first (headline over standfirst over body); newest without a query."""
        terms = query_terms(query)
        if terms:
            return self.annotate(rank=article_rank(terms)).order_by("-rank", "-published_at")
        return self.order_by("-published_at", "-id")

    def reporting_on(self, meeting: Meeting):
        return self.filter(meetings=meeting)

    def mentioning(self, person: Person):
        return self.filter(people=person)

    def tagged(self, topic: Topic):
        return self.filter(topics=topic)

    def mentioning_organisation(self, organisation: Organisation):
        return self.filter(organisations=organisation)

    def covering_exhibition(self, exhibition: Exhibition):
        return self.filter(exhibitions=exhibition)

    def from_source(self, source: "Source"):
        return self.filter(source=source)

    def related_ids(self, article: "Article", limit: int | None = None) -> list[int]:
        """The ids of other articles sharing its meetings, people or topics, the closest first.

        Those sharing more meetings come first, then those sharing more people, then more
        topics, then the newest. Candidates are every article sharing a meeting or a person
        (a few hundred at most) but only the newest RELATED_BY_TOPIC_LIMIT sharing a topic: a
        topic is shared by thousands of articles, and scoring them all made the article page
        cost most of a second at 100,000 articles. Reads the article's meetings, people and
        topics from its prefetched relations when it has them (the article page does).

        Ids, not rows: the pages show the articles' stored cards. One statement that counts
        the rows of the link tables themselves, written out because the ORM's version (a
        correlated count per candidate and kind) took twice as long to build and run: 12
        against 5 ms of each article page at 100,000 articles.
        """
        public = self.exclude(pk=article.pk).order_by().values("pk", "published_at")
        public_sql, public_params = public.query.sql_with_params()
        meetings_table = Article.meetings.through._meta.db_table
        people_table = Article.people.through._meta.db_table
        topics_table = Article.topics.through._meta.db_table
        sql = (
            # The rows sharing a meeting or a person, read once.
            "WITH direct (id, meetings, people) AS MATERIALIZED ("
            f"SELECT article_id, 1, 0 FROM {meetings_table} WHERE meeting_id = ANY(%s) "
            f"UNION ALL SELECT article_id, 0, 1 FROM {people_table} WHERE person_id = ANY(%s)), "
            "newest (id) AS ("
            f"SELECT p.id FROM ({public_sql}) p (id, published_at) WHERE EXISTS ("
            f"SELECT 1 FROM {topics_table} t WHERE t.article_id = p.id AND t.topic_id = ANY(%s)) "
            f"ORDER BY p.published_at DESC, p.id DESC LIMIT {int(RELATED_BY_TOPIC_LIMIT)}), "
            "candidate (id) AS MATERIALIZED (SELECT id FROM direct UNION SELECT id FROM newest), "
            "shared (id, meetings, people, topics) AS ("
            "SELECT id, meetings, people, 0 FROM direct "
            f"UNION ALL SELECT l.article_id, 0, 0, 1 FROM {topics_table} l "
            "JOIN candidate c ON c.id = l.article_id WHERE l.topic_id = ANY(%s)) "
            "SELECT a.id FROM (SELECT id, SUM(meetings) AS meetings, SUM(people) AS people, "
            "SUM(topics) AS topics FROM shared GROUP BY id) s "
            f"JOIN ({public_sql}) a (id, published_at) ON a.id = s.id "
            "ORDER BY s.meetings DESC, s.people DESC, s.topics DESC, a.published_at DESC, a.id DESC"
            " LIMIT %s"
        )
        meetings = [meeting.pk for meeting in article.meetings.all()]
        people = [person.pk for person in article.people.all()]
        topics = [topic.pk for topic in article.topics.all()]
        params = [meetings, people, *public_params, topics, topics, *public_params, limit]
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [pk for (pk,) in cursor.fetchall()]

    def latest(self):
        return self.order_by("-published_at", "-id")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # search_document is as long as the article and only search reads it (as a column in
        # SQL, never loaded): pages, the API and exports need not carry it.
        return super().get_queryset().defer("search_document")


class Article(Versioned, TimeStamped):
    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255, unique=True, help_text="Used in the address; unique across the archive."
    )
    dateline_place = models.CharField(
        "dateline", max_length=120, blank=True, help_text="The city the story is filed from: Baku."
    )
    dateline_date = models.DateField(
        null=True, blank=True, help_text="The date of the events reported, if it differs."
    )
    dateline_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    standfirst = models.TextField(blank=True, help_text="One or two sentences under the headline.")
    body = models.TextField(
        help_text="The story in paragraphs, with links, bold and italic, lists and quotes, "
        "as the editor's buttons offer. Anything else (pasted styles, scripts, images) is "
        "removed on save, and you are told what."
    )
    byline = models.CharField(max_length=255, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    source_url = models.URLField("original address", blank=True)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    status = models.CharField(
        max_length=20,
        choices=ArticleStatus.choices,
        default=ArticleStatus.DRAFT,
        db_index=True,
        help_text="Changed with the buttons under the form: Publish now, Schedule, Withdraw.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="Set by Publish now (the present) or Schedule (the time chosen).",
    )
    # Folded headline, standfirst and body text (the body's HTML read as text, which needs
    # Python: tags dropped, entities unescaped), the C part of search_document.
    search_text = models.TextField(editable=False, blank=True, default="")
    # The weighted full-text document (headline A, standfirst B, search_text C) that search
    # matches and ranks on, computed and stored by PostgreSQL on every write (SQL function in
    # articles/migrations/0002). Deferred by the default manager: only search reads it.
    search_document = models.GeneratedField(
        expression=Func(
            F("headline"),
            F("standfirst"),
            F("search_text"),
            function="public.archive_article_document",
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    people = models.ManyToManyField(Person, blank=True, related_name="articles")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="articles")
    meetings = models.ManyToManyField(
        Meeting, blank=True, related_name="articles", help_text="Meetings this article reports."
    )
    exhibitions = models.ManyToManyField(Exhibition, blank=True, related_name="articles")
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")

    objects = ArticleManager()
    history = HistoricalRecords(
        m2m_fields=[people, organisations, meetings, exhibitions, topics],
        excluded_fields=["search_document"],
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Can publish, schedule and withdraw articles")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED])
                | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published or scheduled article needs a publication "
                "time.",
            ),
        ]
        indexes = [
            # Published lists newest first: status, then publication time with id as tie-break,
            # so the page is read off the index in order without sorting.
            models.Index(fields=["status", "published_at", "id"], name="article_published_order"),
            # The admin's order, drafts (no publication time) first.
            models.Index(fields=["published_at", "id"], name="article_newest_order"),
            # The partner API's sync order.
            models.Index(fields=["updated_at", "id"], name="article_sync_order"),
            GinIndex(fields=["search_document"], name="article_search_document"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitise_body(self.body)
        self.search_text = fold(" ".join((self.headline, self.standfirst, html_to_text(self.body))))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def story_date(self):
        """The date the article speaks of: its dateline date, else its publication date."""
        if self.dateline_date:
            return self.dateline_date
        return self.published_at.date() if self.published_at else None

    @property
    def credit(self) -> str:
        return str(self.source) if self.source else ""

    def people_with_titles(self) -> list[tuple[Person, str]]:
        """The people it mentions, each with the title held on the article's date."""
        people = list(self.people.all())
        on = self.story_date
        titles = titles_on(people=people, on=on) if people and on else {}
        return [(person, titles.get(person.pk, "")) for person in people]


class ArticleCountry(models.Model):
    """A country an article covers; a row each so filters and pair pages can use an index."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="countries")
    country = CountryField()

    history = HistoricalRecords()

    class Meta:
        verbose_name = "country covered"
        verbose_name_plural = "countries covered"
        constraints = [
            models.UniqueConstraint(fields=["article", "country"], name="article_country_once"),
        ]
        indexes = [models.Index(fields=["country", "article"])]

    def __str__(self):
        return self.country.name
