"""The product team: one Django group (``settings.CANOPY_TEAM_GROUP``, "Product team" by default) that
holds the permissions the team needs in /cms/ (ship releases, triage feedback, run the store, moderate
the boards), whatever install it is: ``ensure_team_group`` runs after every ``migrate`` (see
``community.apps``) and may be called again at any time (demo seeding does).

Each app names what its team needs through the ``team.permissions`` hook: a callable returning
``"app_label.codename"`` strings. community imports no higher app; an unknown permission is an error,
not a silent gap."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from community import conf, hooks

# What every team member needs whatever apps are installed: entering the Wagtail admin.
BASE_PERMISSIONS = ("wagtailadmin.access_admin",)


def team_group_name() -> str:
    """The name of the product team's group (``CANOPY_TEAM_GROUP``)."""
    return conf.team_group()


def team_permission_names() -> list[str]:
    """Every ``"app_label.codename"`` the team holds: the base ones plus each app's contribution."""
    names = list(BASE_PERMISSIONS)
    for contribute in hooks.get(hooks.Hook.TEAM_PERMISSIONS):
        names += [name for name in contribute() if name not in names]
    return names


def _permission_ids(names: Iterable[str], using: str) -> list[int]:
    pairs = []
    for name in names:
        app_label, _, codename = name.partition(".")
        if not app_label or not codename:
            raise ImproperlyConfigured(f"Team permission {name!r} is not 'app_label.codename'.")
        pairs.append((app_label, codename))
    condition = Q(pk__in=[])
    for app_label, codename in pairs:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using)
        .filter(condition)
        .values_list("pk", "content_type__app_label", "codename")
    }
    missing = [
        f"{app_label}.{codename}" for app_label, codename in pairs if (app_label, codename) not in found
    ]
    if missing:
        raise ImproperlyConfigured(
            f"Team permissions that do not exist (misspelt, or their app is not migrated): {', '.join(missing)}"
        )
    return [found[pair] for pair in pairs]


def ensure_team_group(*, using: str = DEFAULT_DB_ALIAS) -> Group:
    """Create the team group if needed and grant it every team permission (adds, never removes: a
    permission an administrator granted by hand stays)."""
    group, _ = Group.objects.using(using).get_or_create(name=team_group_name())
    group.permissions.add(*_permission_ids(team_permission_names(), using))
    return group


def ensure_team_group_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """``post_migrate`` receiver: acts once per ``migrate``, on the last app's signal, when every app's
    permissions (Django's and Wagtail's publish permissions) have been created."""
    from community.apps import is_last_post_migrate

    if is_last_post_migrate(sender):
        ensure_team_group(using=using)


def is_team_member(user) -> bool:
    """Whether ``user`` is on the product team: staff, a superuser or in the team's group (one query
    for the group, only for signed-in people who are neither)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name=team_group_name()).exists()
