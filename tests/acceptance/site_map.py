"""Every URL the project serves, read from its URLconf at test time, with sample arguments.

The security tests walk this list instead of a hand-written one, so a page, feed or API
endpoint added later is covered the day it lands. A route whose arguments cannot be worked
out here makes the tests fail with its name: add a hint below rather than skip it.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import Article
from events.models import Topic

# Routes whose view does not name its model: URL name -> the model its slug or id is of.
MODEL_HINTS = {
    "feeds:topic": Topic,
}
# The country pair every sample uses (the seed story's).
PAIR = {"a": "az", "b": "tr"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]
    view: object
    defaults: tuple = ()  # the pattern's extra keyword arguments, as (name, value) pairs

    @property
    def area(self) -> str:
        if self.pattern.startswith("api/"):
            return "api"
        return "public"

    @property
    def is_api_data(self) -> bool:
        """An API endpoint that serves archive data (not the schema or its docs page)."""
        return self.pattern.startswith("api/v")

    def __str__(self):
        return f"{self.name} ({self.pattern})"


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or str(entry.pattern).startswith("admin/"):
                continue  # the admin has a matrix of its own, built from its registry
            inner = f"{namespace}:{entry.namespace}" if namespace else (entry.namespace or "")
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner or namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            params = tuple(entry.pattern.regex.groupindex)
            view = getattr(entry.callback, "view_class", None) or getattr(
                entry.callback, "cls", entry.callback
            )
            pattern = (prefix + str(entry.pattern)).replace("^", "").replace("$", "")
            defaults = tuple((entry.default_args or {}).items())
            yield Route(name=name, pattern=pattern, params=params, view=view, defaults=defaults)


def routes() -> list[Route]:
    """Every non-admin route, in URLconf order."""
    return [r for r in _walk(get_resolver().url_patterns) if r.name]


def public_routes() -> list[Route]:
    return [r for r in routes() if r.area == "public"]


def api_routes() -> list[Route]:
    return [r for r in routes() if r.area == "api"]


def parameterless(route_list) -> list[Route]:
    return [r for r in route_list if not r.params]


def model_of(route: Route):
    if route.name in MODEL_HINTS:
        return MODEL_HINTS[route.name]
    view = route.view
    model = getattr(view, "model", None)
    if model is None and getattr(view, "queryset", None) is not None:
        model = view.queryset.model
    if model is None and isinstance(view, type) and hasattr(view, "get_queryset"):
        # A generic view that builds its queryset in code: ask it.
        try:
            instance = view()
            instance.request, instance.args, instance.kwargs = RequestFactory().get("/"), (), {}
            model = instance.get_queryset().model
        except Exception:  # noqa: BLE001 - any failure just means "no model known"
            model = None
    return model


def url_for(route: Route, obj=None) -> str | None:
    """The route's address for obj (or for the sample pair); None if it cannot be built."""
    if not route.params:
        return reverse(route.name)
    kwargs = {}
    for param in route.params:
        if param in PAIR:
            kwargs[param] = PAIR[param]
        elif param == "section" and "sitemaps" in dict(route.defaults):
            kwargs[param] = next(iter(dict(route.defaults)["sitemaps"]))
        elif obj is None:
            return None
        elif param == "slug":
            kwargs[param] = obj.slug
        elif param in ("ref", "pk", "id"):
            kwargs[param] = obj.pk
        else:
            return None
    return reverse(route.name, kwargs=kwargs)


def url_for_kwargs(route: Route, **kwargs) -> str:
    return reverse(route.name, kwargs=kwargs)


def sample_urls(route_list, samples: dict) -> tuple[list[tuple[Route, str]], list[Route]]:
    """([(route, url)], [routes that could not be filled]) using samples {model: object}."""
    filled, unfilled = [], []
    for route in route_list:
        needs_object = any(p not in PAIR and p != "section" for p in route.params)
        obj = samples.get(model_of(route)) if needs_object else None
        url = url_for(route, obj)
        if url is None:
            unfilled.append(route)
        else:
            filled.append((route, url))
    return filled, unfilled


def published_samples() -> dict:
    """One visible object per model that pages show, from the seed story."""
    from django.apps import apps

    samples = {}
    for model in apps.get_models():
        if model._meta.app_label not in ("people", "events", "articles"):
            continue
        queryset = model._default_manager.all()
        if model is Article:
            queryset = Article.objects.published()
        obj = queryset.order_by("pk").first()
        if obj is not None:
            samples[model] = obj
    return samples


# The admin ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminPage:
    model: type
    view: str  # changelist, add, change, history, delete, deleted
    url: str

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    def __str__(self):
        return f"{self.model._meta.label} {self.view} ({self.url})"


def admin_pages(objects: dict) -> list[AdminPage]:
    """Each registered model's changelist and add page, and change/history/delete for an object.

    objects: {model: an instance} for the object pages; models without one get list pages only.
    """
    pages = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(AdminPage(model, "changelist", reverse(f"{prefix}_changelist")))
        pages.append(AdminPage(model, "add", reverse(f"{prefix}_add")))
        if hasattr(model_admin, "deleted_view"):
            pages.append(AdminPage(model, "deleted", reverse(f"{prefix}_deleted")))
        obj = objects.get(model)
        if obj is not None:
            for view in ("change", "history", "delete"):
                url = reverse(f"{prefix}_{view}", args=[obj.pk])
                pages.append(AdminPage(model, view, url))
    return pages
