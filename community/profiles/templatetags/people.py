"""Template helpers of the avatar and person components (themes/base/templates/components/).
None of them runs a query: they read what the page's query function brought with its rows
(community/profiles/people.py)."""

from django import template

from community.profiles import avatars
from community.profiles.people import is_on_team
from community.reputation import levels

register = template.Library()


@register.simple_tag
def avatar_data(user, size: str = avatars.DEFAULT_SIZE) -> dict:
    """``{% avatar_data user "md" as a %}``: px, size, initials, colour, name and for uploads src,
    srcset, sizes (community.profiles.avatars.avatar_for)."""
    return avatars.avatar_for(user, size or avatars.DEFAULT_SIZE)


@register.simple_tag
def person_data(user) -> dict:
    """``{% person_data user as p %}``: ``name``, ``username``, ``level`` (a Level when the row
    brought the person's points: ``reputation`` selected, or a ``points`` attribute) and ``team``."""
    if user is None:
        return {"name": "", "username": "", "level": None, "team": False}
    points = getattr(user, "points", None)
    if points is None:
        total = avatars._loaded(user, "reputation")
        if total is not None:
            points = total.points
        elif "reputation" in getattr(user._state, "fields_cache", {}):
            points = 0  # selected, and the person has no points yet
    level = levels.level_for_points(points, levels.cached_level_table()) if points is not None else None
    return {"name": user.public_name, "username": user.username, "level": level, "team": is_on_team(user)}


# Lucide icons for the built-in badges (community/reputation/badges.py codes); a badge the team adds
# gets the generic award. The emoji in Badge.icon is not shown: fonts without it drew empty boxes.
BADGE_ICONS = {
    "first-post": "pen-line",
    "first-accepted-feedback": "target",
    "bug-hunter": "bug",
    "release-contributor": "rocket",
    "verified-owner": "badge-check",
    "beta-tester": "flask-conical",
    "streak-7": "flame",
    "streak-30": "star",
}


@register.simple_tag
def badge_icon(badge) -> str:
    """``{% badge_icon badge as name %}``: the Lucide icon of a reputation badge."""
    return BADGE_ICONS.get(getattr(badge, "code", ""), "award")
