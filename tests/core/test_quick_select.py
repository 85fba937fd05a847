"""Menus and checkboxes written in Python read as Django's own template-rendered widgets."""

from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict
from django.test.html import parse_html

from core.filters import QuickCheckboxes, QuickSelect


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


class TopicsForm(forms.Form):
    subjects = forms.MultipleChoiceField(
        choices=[
            ("a", "Arms & <trade>"),
            ("b", "Border"),
            ("More", [("c1", "Cyber"), ("c2", 'Say "hi"')]),
        ],
        widget=QuickCheckboxes,
    )


@pytest.mark.parametrize(
    "data", [{}, {"subjects": ["a"]}, {"subjects": ["b", "c2"]}, {"subjects": ["zz"]}]
)
def test_quick_checkboxes_render_what_django_checkboxes_render(data):
    form = TopicsForm(QueryDict(urlencode(data, doseq=True)) if data else None)
    form.is_valid()
    quick = str(form["subjects"])
    django_boxes = forms.CheckboxSelectMultiple(choices=form.fields["subjects"].choices)
    form.fields["subjects"].widget = django_boxes
    expected = str(form["subjects"])

    assert parse_html(quick) == parse_html(expected)
    assert quick.count('type="checkbox"') == 4
