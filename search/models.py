from django.db import models
from django.db.models import Exists, OuterRef, Q
from django_countries.fields import CountryField

from articles.models import Article, ArticleCountry
from events.models import Exhibition
from people.models import Organisation, Person


class TagSuggestionQuerySet(models.QuerySet):
    def pending(self):
        """Suggestions an editor has neither accepted (the tag is on the article) nor dismissed."""
        article = OuterRef("article")
        return self.filter(dismissed=False).exclude(
            Exists(
                Article.people.through.objects.filter(article=article, person=OuterRef("person"))
            )
            | Exists(
                Article.organisations.through.objects.filter(
                    article=article, organisation=OuterRef("organisation")
                )
            )
            | Exists(
                Article.exhibitions.through.objects.filter(
                    article=article, exhibition=OuterRef("exhibition")
                )
            )
            | Exists(ArticleCountry.objects.filter(article=article, country=OuterRef("country")))
        )


class TagSuggestion(models.Model):
    """A person, organisation, exhibition or country the article's text names.

    Found by search.linking when an article is imported or saved in the admin; an editor
    accepts it (the tag is added) or dismisses it (it is not suggested again).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tag_suggestions")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    country = CountryField(blank=True)
    matched_text = models.CharField(
        max_length=255, help_text="The words in the article that named it, as written."
    )
    dismissed = models.BooleanField(
        default=False, help_text="Turned down by an editor; not suggested again for this article."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organisation=None, exhibition=None, country="")
                    | Q(person=None, organisation__isnull=False, exhibition=None, country="")
                    | Q(person=None, organisation=None, exhibition__isnull=False, country="")
                    | (Q(person=None, organisation=None, exhibition=None) & ~Q(country=""))
                ),
                name="tag_suggestion_one_target",
                violation_error_message="A suggestion names exactly one thing.",
            ),
            models.UniqueConstraint(
                fields=["article", "person"],
                condition=Q(person__isnull=False),
                name="tag_suggestion_person_once",
            ),
            models.UniqueConstraint(
                fields=["article", "organisation"],
                condition=Q(organisation__isnull=False),
                name="tag_suggestion_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["article", "exhibition"],
                condition=Q(exhibition__isnull=False),
                name="tag_suggestion_exhibition_once",
            ),
            models.UniqueConstraint(
                fields=["article", "country"],
                condition=~Q(country=""),
                name="tag_suggestion_country_once",
            ),
        ]

    def __str__(self):
        return f"{self.kind.capitalize()}: {self.target_name} (found as {self.matched_text!r})"

    @property
    def kind(self) -> str:
        if self.person_id:
            return "person"
        if self.organisation_id:
            return "organisation"
        if self.exhibition_id:
            return "exhibition"
        return "country"

    @property
    def target_name(self) -> str:
        if self.person_id:
            return self.person.name
        if self.organisation_id:
            return self.organisation.name
        if self.exhibition_id:
            return self.exhibition.name
        return self.country.name
