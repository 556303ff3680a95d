"""Template helpers of the avatar and person components (themes/base/templates/components/).
None of them runs a query: they read what the page's query function brought with its rows
(community/profiles/people.py)."""

from django import template

from community.profiles import avatars
from community.profiles.people import person_summary

register = template.Library()


@register.simple_tag
def avatar_data(user, size: str = avatars.DEFAULT_SIZE, name: str = "") -> dict:
    """``{% avatar_data user "md" as a %}``: px, size, initials, colour, name and for uploads src,
    srcset, sizes (community.profiles.avatars.avatar_for); ``name`` when there is no user."""
    return avatars.avatar_for(user, size or avatars.DEFAULT_SIZE, name=name or "")


@register.simple_tag
def person_data(user) -> dict:
    """``{% person_data user as p %}``: ``name``, ``username``, ``level`` (a Level when the row
    brought the person's points) and ``team`` (community.profiles.people.person_summary)."""
    return person_summary(user)


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
