"""The Editors group: every permission the desk's job needs, and nothing over it.

The Senior editors group holds the same, plus the right to publish (publish_article,
publish_meeting), which only counts when EDITORIAL_REVIEW_REQUIRED is on; otherwise anyone who
may edit a record may publish it.
"""

from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Editors"
SENIOR_EDITORS_GROUP = "Senior editors"
# Codenames of the permissions that let a user publish, schedule and withdraw.
PUBLISH_PREFIX = "publish_"
# Apps whose content editors record. Users, groups and partner keys are deliberately absent:
# an app not named here (a future `partners` app included) gives editors nothing.
EDITORIAL_APPS = ("people", "events", "articles")


def _is_history_model(model) -> bool:
    from simple_history.models import HistoricalChanges

    return issubclass(model, HistoricalChanges)


def editor_permissions(using: str = DEFAULT_DB_ALIAS, *, publish: bool = False) -> list:
    """Add, change, delete and view on the editorial models; view only on their history.

    History rows are written by the models themselves; an editor who could change or delete
    them could rewrite the record of who changed what. The admin's history and revert pages
    go by the model's own permissions, so 'view' on history is all the desk ever needs.
    """
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.using(using).filter(content_type__app_label__in=EDITORIAL_APPS)
    granted = []
    for permission in permissions.select_related("content_type"):
        model = permission.content_type.model_class()
        if model is None:
            continue  # a content type left behind by a removed model
        if _is_history_model(model) and not permission.codename.startswith("view_"):
            continue
        if permission.codename.startswith(PUBLISH_PREFIX) and not publish:
            continue
        granted.append(permission)
    return granted


def ensure_editors_group(sender=None, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the Editors group or bring its permissions up to date (runs after migrate)."""
    from django.contrib.auth.models import Group

    if sender is not None and sender.name != "core":
        return
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions(using))
    seniors, _ = Group.objects.using(using).get_or_create(name=SENIOR_EDITORS_GROUP)
    seniors.permissions.set(editor_permissions(using, publish=True))
