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
from django.db.models import Exists, OuterRef, Q

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
