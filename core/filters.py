"""Pieces shared by the FilterSets of every list, on the pages and in the partner API.

Each list's FilterSet lives in its app's filters.py and calls the model's QuerySet methods;
what is here is only how a query-string value becomes a clean Python value (or a form error).
"""

import html

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from core.countries import canonical_pair, is_country_code

# A reader's query is a few words; anything longer is a mistake or an attack, refused clearly.
MAX_QUERY_LENGTH = 200
BIGINT_MAX = 2**63 - 1


def slug_or_id(value: str, *, has_slug: bool = True) -> Q | None:
    """A numeric id (ASCII digits within a bigint) or a slug, as a condition; None if neither.

    ('¹'.isdigit() is true but int('¹') fails, hence ASCII digits only.) The one reading of a
    reference by filters and the partner API alike.
    """
    if value.isascii() and value.isdigit():
        return Q(pk=int(value)) if int(value) <= BIGINT_MAX else None
    return Q(slug=value) if has_slug else None


def _reject_nul(value: str) -> None:
    # PostgreSQL refuses NUL in a string literal; catch it here as a form error, not a 500.
    if "\x00" in value:
        raise ValidationError(
            gettext_lazy("Null characters are not allowed."), code="null_characters"
        )


class SlugOrIdField(forms.ModelChoiceField):
    """One object named by its slug or its numeric id: ?person=yasar-guler or ?person=2."""

    widget = forms.TextInput
    default_error_messages = {"invalid_choice": gettext_lazy("There is no such %(thing)s.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        _reject_nul(value)
        lookup = slug_or_id(value)
        obj = self.queryset.filter(lookup).first() if lookup is not None else None
        if obj is None:
            raise ValidationError(
                self.error_messages["invalid_choice"] % {"thing": self._thing()},
                code="invalid_choice",
            )
        return obj

    def prepare_value(self, value):
        return getattr(value, "slug", value)

    def _thing(self) -> str:
        return str(self.queryset.model._meta.verbose_name)


class SlugsOrIdsField(forms.ModelMultipleChoiceField):
    """Several objects by slug or id (?topic=a&topic=b); each must exist."""

    default_error_messages = {
        "invalid_choice": gettext_lazy("There is no such %(thing)s: %(value)s.")
    }

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(queryset, **kwargs)

    def _check_values(self, value):
        values = list(dict.fromkeys(str(v).strip() for v in value))
        for item in values:
            _reject_nul(item)
        lookups = {item: slug_or_id(item) for item in values}
        condition = Q()
        for lookup in lookups.values():
            if lookup is not None:
                condition |= lookup
        found = list(self.queryset.filter(condition)) if condition else []
        by_slug = {obj.slug: obj for obj in found}
        by_pk = {str(obj.pk): obj for obj in found}
        objects = []
        for item in values:
            obj = by_pk.get(item) if item.isascii() and item.isdigit() else by_slug.get(item)
            if obj is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"thing": self.queryset.model._meta.verbose_name, "value": item},
                )
            objects.append(obj)
        return objects


def _country_choices() -> list[tuple[str, str]]:
    return [("", gettext_lazy("Any country")), *countries]


class QuickSelect(forms.Select):
    """A <select> written out in Python, as Django's templates write it, less the white space.

    Through the template engine each <option> is an include of its own, and format_html
    per option is not much cheaper: the 250-country menu took ~8 ms of every list page
    that shows it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # Straight from the choices: Django's per-option dicts (optgroups) cost more than the
        # writing itself on a form with a dozen country menus. Selection as Django's: the
        # first option whose value is the field's.
        chosen = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                parts.append(f'<optgroup label="{escape(group_value)}">')
                options = group_label
            else:
                options = [("" if group_value is None else group_value, group_label)]
            for option_value, label in options:
                option_value = str(option_value)
                selected = ""
                if option_value in chosen:
                    selected = " selected"
                    chosen = set()
                parts.append(
                    f'<option value="{escape(option_value)}"{selected}>{escape(label)}</option>'
                )
            if isinstance(group_label, list | tuple):
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class PairSelects(forms.MultiWidget):
    """A country pair as two menus (`pair_0`, `pair_1`), read back as one value: 'az-tr'.

    One menu of every pair that has met runs to a thousand options at scale, most of them
    found only by scrolling; two menus of the countries find any pair in two choices. An
    address written by hand, or by the API's rules, still says `pair=az-tr`, and wins.
    """

    labels = (gettext_lazy("First country"), gettext_lazy("Second country"))

    def __init__(self, countries: list[tuple[str, str]], attrs=None):
        choices = [("", gettext_lazy("Any country")), *countries]
        super().__init__([QuickSelect(choices=choices), QuickSelect(choices=choices)], attrs)

    def decompress(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        first, _, second = (value or "").partition("-")
        return [first.lower(), second.lower()]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        first, second = (data.get(f"{name}_{index}", "") for index in (0, 1))
        # One country alone is not a pair: the field says so.
        return f"{first}-{second}" if first or second else None

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_  # an error's link leads to the first menu

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def render(self, name, value, attrs=None, renderer=None):
        # Each menu through QuickSelect (see there), not through the MultiWidget template.
        # The group's legend names the pair; each menu has its own label for screen readers.
        attrs = self.build_attrs(self.attrs, attrs)
        parts = ['<div class="pair">']
        for index, (widget, part, label) in enumerate(
            zip(self.widgets, self.decompress(value), self.labels, strict=True)
        ):
            menu_id = f"{attrs.get('id') or 'id_' + name}_{index}"
            parts.append(f'<label for="{menu_id}" class="visually-hidden">{escape(label)}</label>')
            parts.append(widget.render(f"{name}_{index}", part, {**attrs, "id": menu_id}))
        parts.append("</div>")
        return mark_safe("".join(parts))


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written out in Python, as Django's templates write them (see QuickSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        outer = {key: widget["attrs"][key] for key in ("id", "class") if widget["attrs"].get(key)}
        parts = [f"<div{flatatt(outer)}>"]
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(f"<div><label>{escape(group_name)}</label>")
            parts += [f"<div>{_checkbox(option)}</div>" for option in options]
            if group_name:
                parts.append("</div>")
        parts.append("</div>")
        return mark_safe("".join(parts))


def _checkbox(option: dict) -> str:
    value = "" if option["value"] is None else f' value="{escape(option["value"])}"'
    box = (
        f'<input type="{escape(option["type"])}" name="{escape(option["name"])}"'
        f"{value}{flatatt(option['attrs'])}>"
    )
    if not option["wrap_label"]:
        return box
    target = {"for": option["attrs"]["id"]} if option["attrs"].get("id") else {}
    return f"<label{flatatt(target)}>{box} {escape(option['label'])}</label>"


def escape(value) -> str:
    """Django's escape() for plain text, without its lazy-string wrapper (250 calls a menu)."""
    return html.escape(str(value), quote=True)


class CountryCodeField(forms.ChoiceField):
    """An ISO 3166-1 alpha-2 code in any case: 'az', 'AZ'. Cleans to upper case."""

    default_error_messages = {
        "invalid_choice": gettext_lazy(
            "Unknown country code %(value)s: use two letters, e.g. az or tr."
        )
    }

    def __init__(self, **kwargs):
        # A callable: the 250 names are listed (and translated, and sorted) only when a page
        # draws the menu, not each time a FilterSet is made (every list request, API too).
        kwargs.setdefault("choices", _country_choices)
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def prepare_value(self, value):
        # So the list shows ?country=az as Azerbaijan selected.
        return value.upper() if isinstance(value, str) else value

    def valid_value(self, value):
        return len(value) == 2 and is_country_code(value)


class CountryPairField(forms.CharField):
    """Two alpha-2 codes joined by a hyphen, either order, any case: 'tr-AZ' -> ('az', 'tr')."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "Name two different countries by their two-letter codes, e.g. az-tr."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        first, _, second = value.partition("-")
        valid = all(len(c) == 2 and is_country_code(c) for c in (first, second))
        if not valid or first.lower() == second.lower():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return canonical_pair(first, second)


# In the partner API's schema (partners/schema.py): a reference is an id or a slug; a
# well-formed one that names nothing matches nothing there.
REFERENCE_SCHEMA = {"type": "string", "pattern": r"^[-A-Za-z0-9_]+$"}
COUNTRY_CODES = sorted({code.lower() for code, _ in countries})


@extend_schema_field(REFERENCE_SCHEMA)
class ReferenceFilter(django_filters.ModelChoiceFilter):
    """Filter by one object given as slug or id; `method` names the QuerySet call."""

    field_class = SlugOrIdField


@extend_schema_field(REFERENCE_SCHEMA)  # listed: django-filter makes it an array
class ReferencesFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by several objects given as slugs or ids, all of which must match (AND)."""

    field_class = SlugsOrIdsField

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", QuickCheckboxes)
        super().__init__(**kwargs)


@extend_schema_field(
    {
        "type": "string",
        "enum": [*COUNTRY_CODES, *(code.upper() for code in COUNTRY_CODES)],
        "description": "An ISO 3166-1 alpha-2 code, lower or upper case.",
    }
)
class CountryFilter(django_filters.Filter):
    field_class = CountryCodeField


@extend_schema_field({"type": "string", "pattern": "^[A-Za-z]{2}-[A-Za-z]{2}$"})
class CountryPairFilter(django_filters.Filter):
    field_class = CountryPairField


@extend_schema_field(
    # No NUL: PostgreSQL cannot compare with it.
    {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": "^[^\\x00]+$"}
)
class QueryFilter(django_filters.CharFilter):
    """The reader's words: diacritic-blind, alias-aware, through the model's `matching()`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Words"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("method", "filter_matching")
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)


# A day as the site writes it (24-09-2024, also 24.09.2024 or 24/09/2024), or as ISO 8601
# (2024-09-24, what the API documents). The browser's own date box is not used: it shows the
# browser's locale (mm/dd/yyyy in American English), not the day-month-year the site writes.
DATE_INPUT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


class DateFilter(django_filters.DateFilter):
    """A day, day first on the pages (24-09-2024) or ISO 8601 (2024-09-24)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d-%m-%Y",
                attrs={
                    "placeholder": gettext_lazy("DD-MM-YYYY"),
                    "inputmode": "numeric",
                    "size": 10,
                },
            ),
        )
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", gettext_lazy("Day-month-year, e.g. 24-09-2024"))
        super().__init__(**kwargs)


class DateRangeForm(forms.Form):
    """A filter form whose date_from may not come after its date_to."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


class ArchiveFilterSet(django_filters.FilterSet):
    """Base of every list's FilterSet: `q` through matching(), and a stable order.

    `ordering` ends with the id, so rows that tie on the rest keep their places from one page
    to the next. The partner API orders by update time afterwards, for its cursors.
    """

    ordering: tuple[str, ...] = ("pk",)

    def filter_matching(self, queryset, name, value):
        return queryset.matching(value)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by(*self.ordering)
