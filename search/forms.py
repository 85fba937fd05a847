from django import forms

from core.countries import is_country_code
from events.models import Topic
from search.archive import KINDS


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the archive", required=False)
    type = forms.ChoiceField(
        label="Show", choices=[("", "Everything"), *KINDS.items()], required=False
    )
    country = forms.CharField(required=False)
    topic = forms.SlugField(required=False)
    sort = forms.ChoiceField(
        choices=[("", "Best match"), ("newest", "Newest first")], required=False
    )

    def clean_country(self):
        code = self.cleaned_data["country"].strip()
        if code and not is_country_code(code):
            raise forms.ValidationError("Choose a country from the list.")
        return code.upper()

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        if not slug:
            return None
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise forms.ValidationError("There is no such topic.")
        return topic
