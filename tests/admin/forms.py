"""Submit admin pages the way a browser does: every field as rendered, then the test's edits."""

from datetime import date, datetime


def _value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _form_fields(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        widget_name = bound.html_name
        if isinstance(value, bool):
            if value:
                data[widget_name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[widget_name] = [str(v) for v in value]
            continue
        # Split widgets (date + time) post as _0 and _1.
        if hasattr(bound.field.widget, "widgets"):
            parts = bound.field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{widget_name}_{index}"] = _value(part) if part is not None else ""
            continue
        data[widget_name] = _value(value)
    return data


def page_form_data(response) -> dict:
    """The POST body the rendered add/change (or history revert) page would send unchanged."""
    context = response.context
    data = _form_fields(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []) or []:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            data.update(_form_fields(form))
    return data


def inline_prefix(response, model) -> str:
    """The formset prefix the page uses for an inline of model."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(f"No inline for {model.__name__} on this page")


def set_inline_rows(data: dict, prefix: str, rows: list[dict], *, start: int = 0) -> dict:
    """Fill inline rows from index start on, growing TOTAL_FORMS if the page had fewer."""
    for offset, row in enumerate(rows):
        for field, value in row.items():
            data[f"{prefix}-{start + offset}-{field}"] = value
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(max(total, start + len(rows)))
    return data
