"""What the person component (themes/base/templates/components/person.html) shows beside a name,
read with the rows a page already reads: the avatar (``profile``), the level (``reputation``) and
whether the person is on the product team, by ``select_related`` and one annotation, never a query
per person.

A query function that lists people through a foreign key ``author`` does::

    rows = with_people(Post.objects.filter(...), "author")   # select_related + team annotation
    ...
    attach_people(rows, "author")                            # sets author.on_team from the annotation

and the template includes ``components/person.html`` with ``user=row.author``. ``prefix=""`` is
for a queryset of users themselves.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q

from community import hooks
from community.profiles.snapshots import PersonSnapshot
from community.reputation import levels
from community.teams import team_group_name


def team_member_condition(prefix: str = "") -> Q | Exists:
    """True for rows whose person (``prefix`` names the foreign key; empty for users) is staff, a
    superuser or in the product team's group: one subquery in the same statement."""
    user_ref = f"{prefix}_id" if prefix else "pk"
    memberships = get_user_model().groups.through.objects.filter(
        user_id=OuterRef(user_ref), group__name=team_group_name()
    )
    return Exists(memberships)


def person_related(prefix: str = "") -> list[str]:
    """The ``select_related`` paths that bring a person's avatar and points with their row."""
    return [f"{prefix}__profile", f"{prefix}__reputation"] if prefix else ["profile", "reputation"]


def team_flag_name(prefix: str = "") -> str:
    return f"{prefix}_in_team_group" if prefix else "in_team_group"


def with_people(queryset, *prefixes: str):
    """``queryset`` with each named person's avatar, points and team membership on its rows."""
    for prefix in prefixes or ("",):
        queryset = queryset.select_related(*person_related(prefix)).annotate(
            **{team_flag_name(prefix): team_member_condition(prefix)}
        )
    return queryset


def is_on_team(user) -> bool:
    """Whether the person component marks ``user`` as the product team: the flag ``attach_people``
    set, else what the row itself says (staff or superuser). Never a query."""
    if user is None:
        return False
    flag = getattr(user, "on_team", None)
    if flag is None:
        flag = getattr(user, "in_team_group", False)
    return bool(flag or user.is_staff or user.is_superuser)


def attach_people(rows, *prefixes: str) -> None:
    """After ``with_people``: put the team flag on each person object (``row.author.on_team``)."""
    for row in rows:
        for prefix in prefixes or ("",):
            person = getattr(row, prefix) if prefix else row
            if person is not None:
                person.on_team = bool(getattr(row, team_flag_name(prefix), False))


def person_summary(user, table: list[tuple[str, int]] | None = None) -> dict:
    """What the person component shows beside the avatar: ``name``, ``username``, ``level`` (a
    Level when the row brought the person's points: ``reputation`` selected, or a ``points``
    attribute; else None) and ``team``. Runs no query (the level table is cached; a caller that
    sums up many people reads it once and passes it as ``table``)."""
    if user is None:
        return {"name": "", "username": "", "level": None, "team": False}
    points = getattr(user, "points", None)
    if points is None:
        fields_cache = getattr(getattr(user, "_state", None), "fields_cache", {})
        if "reputation" in fields_cache:  # selected; None when the person has no points yet
            total = fields_cache["reputation"]
            points = total.points if total is not None else 0
    if points is None:
        level = None
    else:
        level = levels.level_for_points(points, table if table is not None else levels.cached_level_table())
    return {"name": user.public_name, "username": user.username, "level": level, "team": is_on_team(user)}


def person_key(user, table: list[tuple[str, int]] | None = None) -> tuple:
    """Everything the person component shows, for the keys of cached fragments that include it
    (``table``: the level table, read once by a caller that keys many fragments)."""
    if user is None:
        return ()
    summary = person_summary(user, table)
    level = summary["level"]
    profile = getattr(getattr(user, "_state", None), "fields_cache", {}).get("profile")
    avatar = profile.avatar.name if profile is not None and profile.avatar else ""
    return (
        user.username,
        summary["name"],
        getattr(user, "avatar_name", "") or avatar,  # (a PersonSnapshot names its upload)
        (level.number, level.title) if level else None,
        summary["team"],
    )


def snapshot_of(user, *, on_team: bool | None = None) -> PersonSnapshot | None:
    """What the person component shows of ``user`` (a User), as a copy to store (search documents).
    The profile and points come from the row when it brought them (``select_related``, as
    ``with_people`` does), else from a query each; so does the team flag (``on_team``: the row's
    annotation, ``team_member_condition``)."""
    if user is None:
        return None
    cache = getattr(getattr(user, "_state", None), "fields_cache", {})
    profile = cache["profile"] if "profile" in cache else _related_or_none(user, "profile")
    total = cache["reputation"] if "reputation" in cache else _related_or_none(user, "reputation")
    if on_team is None:
        on_team = user.groups.filter(name=team_group_name()).exists()
    return PersonSnapshot(
        username=user.username,
        public_name=user.public_name,
        avatar_name=profile.avatar.name if profile is not None and profile.avatar else "",
        points=total.points if total is not None else 0,
        on_team=bool(on_team or user.is_staff or user.is_superuser),
    )


def _related_or_none(user, name: str):
    try:
        return getattr(user, name)
    except ObjectDoesNotExist:
        return None


# ---- Copies kept elsewhere ----------------------------------------------------------------------
# Search documents store what the person component shows of their author (community.profiles.
# snapshots), so a results page reads no people. When that changes, the apps that keep a copy
# rebuild it through Hook.PROFILES_PERSON_CHANGED (forum: the person's threads and replies are
# indexed again through the index task, as after a change of name).


def person_changed(*, user_id: int) -> None:
    """The avatar, level or team mark of the person ``user_id`` changed: tell the apps that keep a
    copy. Call inside the action's transaction; the handlers act after the commit."""
    for handler in hooks.get(hooks.Hook.PROFILES_PERSON_CHANGED):
        handler(user_id=user_id)


def level_changes(before: dict[int, int], after: dict[int, int]) -> list[int]:
    """The people (ids) whose level differs between two point totals (``{user_id: points}``)."""
    table = levels.cached_level_table()
    return [
        user_id
        for user_id, points in after.items()
        if levels.level_for_points(points, table).number
        != levels.level_for_points(before.get(user_id, 0), table).number
    ]


def team_membership_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """``m2m_changed`` receiver for the users' groups: joining or leaving the product team moves the
    team mark. Memberships change in the admin (Django's and Wagtail's user forms), a write path
    that is not ours, hence a signal; the handlers run after the commit."""
    from django.contrib.auth.models import Group

    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    team = team_group_name()
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the people
        if instance.name != team:
            return
        user_ids = (
            sorted(pk_set or ())
            if action != "pre_clear"
            else list(instance.user_set.values_list("pk", flat=True))
        )
    else:  # user.groups.add(...): instance is the person, pk_set the groups
        if action != "pre_clear" and not Group.objects.filter(pk__in=pk_set or (), name=team).exists():
            return
        if action == "pre_clear" and not instance.groups.filter(name=team).exists():
            return
        user_ids = [instance.pk]
    for user_id in user_ids:
        person_changed(user_id=user_id)
