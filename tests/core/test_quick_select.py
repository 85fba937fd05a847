"""The country menu written in Python reads as Django's own template-rendered <select>."""

import pytest
from django import forms
from django.test.html import parse_html

from core.filters import QuickSelect


class Form(forms.Form):
    place = forms.ChoiceField(
        choices=[
            ("", "Any"),
            ("AZ", "Azerbaijan"),
            ("Far", [("X1", "Tom & Jerry's <b>"), ("X2", 'Say "hi"')]),
        ],
        widget=QuickSelect,
    )


@pytest.mark.parametrize("data", [{}, {"place": "AZ"}, {"place": "X1"}, {"place": "nowhere"}])
def test_quick_select_renders_what_django_select_renders(data):
    form = Form(data or None)
    form.is_valid()
    quick = str(form["place"])
    form.fields["place"].widget = forms.Select(choices=form.fields["place"].choices)
    django_select = str(form["place"])

    assert parse_html(quick) == parse_html(django_select)


def test_quick_select_escapes_labels_and_marks_the_chosen_option():
    html = str(Form({"place": "X1"})["place"])

    assert '<option value="X1" selected>Tom &amp; Jerry&#x27;s &lt;b&gt;</option>' in html
    assert '<optgroup label="Far">' in html
    assert "Say &quot;hi&quot;" in html
