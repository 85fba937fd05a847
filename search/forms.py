from django import forms
from django.utils.translation import gettext_lazy as _

from core.countries import is_country_code
from events.models import Topic
from search.archive import KINDS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the archive"), required=False)
    type = forms.ChoiceField(
        label=_("Show"), choices=[("", _("Everything")), *KINDS.items()], required=False
    )
    country = forms.CharField(required=False)
    topic = forms.SlugField(required=False)
    sort = forms.ChoiceField(
        choices=[("", _("Best match")), ("newest", _("Newest first"))], required=False
    )

    def clean_country(self):
        code = self.cleaned_data["country"].strip()
        if code and not is_country_code(code):
            raise forms.ValidationError(_("Choose a country from the list."))
        return code.upper()

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        if not slug:
            return None
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise forms.ValidationError(_("There is no such topic."))
        return topic
