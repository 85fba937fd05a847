"""The partner API refuses exactly the query values its published schema refuses.

Each list's parameters are read from the OpenAPI document served at /api/schema/ (built once
per process), and every query value is checked against its parameter's schema: unknown
names, empty values, values that break a pattern, an enum, a bound or a format all answer
400 with the offending names in error.fields. What passes is well-formed; a well-formed value
that names nothing (an unknown slug) is not an error but matches nothing.
"""

import re
from functools import cache

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from rest_framework.exceptions import ValidationError

WHOLE_NUMBER = re.compile(r"[0-9]+")


def _is_instant(value: object) -> bool:
    from partners.sync import parse_instant

    return not isinstance(value, str) or parse_instant(value) is not None


FORMATS = FormatChecker(formats=["date"])
FORMATS.checks("date-time")(_is_instant)


@cache
def _document(*settings_key) -> dict:
    # The settings that shape the parameters are part of the key (tests change them).
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@cache
def _validators(endpoint: str, *settings_key) -> dict:
    document = _document(*settings_key)
    operation = document["paths"][f"/api/v1/{endpoint}/"]["get"]
    return {
        parameter["name"]: Draft202012Validator(parameter["schema"], format_checker=FORMATS)
        for parameter in operation["parameters"]
        if parameter["in"] == "query"
    }


def query_validators(endpoint: str) -> dict:
    """{parameter name: its JSON Schema validator} for the list at /api/v1/<endpoint>/."""
    return _validators(
        endpoint, settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE, settings.API_MAX_BATCH_IDS
    )


def check_query(endpoint: str, query) -> None:
    """Raise ValidationError naming every query parameter the schema refuses."""
    validators = query_validators(endpoint)
    errors = {}
    for name in query:
        validator = validators.get(name)
        if validator is None:
            errors[name] = ["Unknown parameter."]
            continue
        values = query.getlist(name)
        kind = validator.schema.get("type")
        if kind == "array":
            instance = values
        elif len(values) > 1:
            errors[name] = ["Give this parameter once."]
            continue
        else:
            instance = values[0]
        if kind == "integer":
            if not WHOLE_NUMBER.fullmatch(instance):
                errors[name] = [_bounds(validator.schema)]
                continue
            instance = int(instance)
        problems = [_message(error) for error in validator.iter_errors(instance)]
        if name == "ids" and problems and instance.count(",") >= settings.API_MAX_BATCH_IDS:
            problems = [f"At most {settings.API_MAX_BATCH_IDS} ids in one request."]
        if problems:
            errors[name] = sorted(set(problems))
    if errors:
        raise ValidationError(errors)


def _bounds(schema: dict) -> str:
    return f"A whole number from {schema.get('minimum', 0)} to {schema.get('maximum', '∞')}."


def _message(error) -> str:
    # Our own words: jsonschema's messages repeat the value, which may be long or hostile.
    schema, keyword = error.schema, error.validator
    if keyword in ("minimum", "maximum"):
        return _bounds(schema)
    if keyword == "minLength" and schema[keyword] == 1:
        return "Empty: give a value or leave the parameter out."
    if keyword == "minLength":
        return f"At least {schema[keyword]} characters."
    if keyword == "maxLength":
        return f"At most {schema[keyword]} characters."
    if keyword == "enum":
        return "Not one of the values the schema lists."
    if keyword == "pattern":
        return f"Malformed: it must match {schema[keyword]}."
    if keyword == "format" and schema[keyword] == "date":
        return "Not a date: use YYYY-MM-DD."
    if keyword in ("format", "anyOf"):
        return (
            "Use the `until` of an earlier pass, a date (YYYY-MM-DD) or an RFC 3339 time "
            "(2024-09-24T10:00:00Z)."
        )
    return "Invalid value."
