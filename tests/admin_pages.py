"""Admin pages submitted as a browser submits them, through django-webtest.

`app` is a django-webtest app logged in as an editor (`app.set_user(editor)`; the `desk`
fixture). The form is parsed out of the rendered HTML; a test sets fields by name, as an
editor types, and submits. Only what the page holds is sent: a field the page does not
render cannot be set (webtest refuses the name), and a choice it does not offer is refused.

Two things the admin's own JavaScript does are done here the same way:
- an autocomplete chooser (select2) asks /admin/autocomplete/ for the typed name and adds the
  option the editor picks (`choose`);
- "Add another" on an inline copies the empty row the page carries (`__prefix__`) and raises
  the formset's TOTAL_FORMS (`add_inline_rows`).
"""

import copy

from django.db import models
from webtest.forms import Checkbox, Form, MultipleSelect, Select


def form_on(page, form_id: str | None = None) -> Form:
    """The admin form on a page: the model's change form, else the only data form."""
    if form_id is not None:
        return page.forms[form_id]
    named = [key for key in page.forms if isinstance(key, str) and key.endswith("_form")]
    if len(named) == 1:
        return page.forms[named[0]]
    data_forms = [
        page.forms[key]
        for key in page.forms
        if isinstance(key, int) and page.forms[key].id != "logout-form"
    ]
    assert len(data_forms) == 1, f"Which form? {list(page.forms)}"
    return data_forms[0]


def open_form(app, url: str, *, form_id: str | None = None) -> Form:
    page = app.get(url)
    assert page.status_code == 200, page.status
    return form_on(page, form_id)


def _is_autocomplete(field) -> bool:
    classes = field.attrs.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return "admin-autocomplete" in classes


def _autocomplete_ids(app, field, value) -> str:
    """The id the autocomplete offers for value (a model instance, or an id), as picked."""
    wanted = str(value.pk if isinstance(value, models.Model) else value)
    term = str(value)[:40] if isinstance(value, models.Model) else ""
    params = {
        "app_label": field.attrs["data-app-label"],
        "model_name": field.attrs["data-model-name"],
        "field_name": field.attrs["data-field-name"],
        "term": term,
    }
    page = 1
    while True:
        found = app.get("/admin/autocomplete/", {**params, "page": page}).json
        if any(str(result["id"]) == wanted for result in found["results"]):
            return wanted
        if not found["pagination"]["more"]:
            raise AssertionError(f"The {field.name} chooser does not offer {value!r} for {term!r}")
        page += 1


def choose(app, form: Form, name: str, value) -> None:
    """Pick value(s) in an autocomplete chooser, as an editor types and picks."""
    field = form[name]
    assert _is_autocomplete(field), f"{name} is not an autocomplete chooser"
    if isinstance(field, MultipleSelect):
        values = value if isinstance(value, list | tuple) else [value]
        field.force_value([_autocomplete_ids(app, field, v) for v in values])
    elif value in (None, ""):
        field.force_value("")
    else:
        field.force_value(_autocomplete_ids(app, field, value))


def fill(app, form: Form, **fields) -> Form:
    """Set fields by name: text typed, options chosen, boxes ticked, choosers picked."""
    for name, value in fields.items():
        field = form[name]
        if isinstance(field, Select | MultipleSelect) and _is_autocomplete(field):
            choose(app, form, name, value)
        elif isinstance(field, Checkbox):
            field.checked = bool(value)
        elif isinstance(field, MultipleSelect):
            field.value = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(field, Select):
            field.value = str(getattr(value, "pk", value))
        else:
            assert field.attrs.get("type") != "hidden", f"{name} is hidden: no editor types it"
            field.value = value
    return form


def inline_prefix(model, parent) -> str:
    """The formset prefix of an admin inline of model on parent's page (the accessor's name)."""
    fk = next(f for f in model._meta.concrete_fields if f.many_to_one and f.related_model is parent)
    return fk.remote_field.get_accessor_name(model=model).replace("+", "")


def add_inline_rows(form: Form, prefix: str, count: int) -> None:
    """'Add another' count times: copy the page's empty row and raise TOTAL_FORMS."""
    total = form[f"{prefix}-TOTAL_FORMS"]
    template = [
        (name, field)
        for name, field in form.field_order
        if name and f"{prefix}-__prefix__-" in name
    ]
    assert template, f"The page has no empty {prefix} row to copy"
    first = int(total.value)
    for index in range(first, first + count):
        for name, field in template:
            new = copy.copy(field)
            new.name = name.replace("__prefix__", str(index))
            if hasattr(field, "options"):
                new.options = list(field.options)
            form.fields.setdefault(new.name, []).append(new)
            form.field_order.append((new.name, new))
    total.force_value(str(first + count))


def fill_inline_rows(app, form: Form, prefix: str, rows: list[dict], *, start: int = 0):
    """Fill inline rows from index start on, adding rows as 'Add another' would if needed."""
    shown = int(form[f"{prefix}-TOTAL_FORMS"].value)
    if start + len(rows) > shown:
        add_inline_rows(form, prefix, start + len(rows) - shown)
    for offset, row in enumerate(rows):
        fill(app, form, **{f"{prefix}-{start + offset}-{k}": v for k, v in row.items()})
    return form


def submit(form: Form, button: str | None = "_save", *, expect: int | None = 302):
    """Press a submit button; expect a redirect (saved) unless told otherwise."""
    response = form.submit(button) if button else form.submit()
    if expect is not None:
        assert response.status_code == expect, _errors(response)
    return response


def _errors(response) -> str:
    html = response.html
    found = [item.get_text(" ", strip=True) for item in html.select(".errorlist li, .errornote")]
    return "; ".join(found) or response.text[:2000]


def edit(app, url: str, **fields):
    """Open a change page, set fields by name, save, and expect the save to go through."""
    form = open_form(app, url)
    fill(app, form, **fields)
    return submit(form)


def run_action(app, changelist: str, action: str, objects):
    """On a changelist: tick the rows of objects, choose the action, press Go."""
    form = app.get(changelist).forms["changelist-form"]
    form["action"] = action
    wanted = {str(obj.pk) for obj in objects}
    boxes = form.fields.get("_selected_action", [])
    assert wanted <= {box._value for box in boxes}, "A row to tick is not on the page"
    for box in boxes:
        box.checked = box._value in wanted
    return form.submit("index")
