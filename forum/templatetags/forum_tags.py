from django import template

from forum.permissions import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_is_moderator(context) -> bool:
    """True for people who moderate any board (board moderators, the moderator group, superusers)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    return access.is_global_moderator or bool(access.moderated)


@register.simple_tag(takes_context=True)
def forum_is_product_team(context) -> bool:
    """True for the product team (staff, or the "Product team" group): they see the triage link."""
    from forum.feedback.permissions import is_product_team

    return is_product_team(context.get("user"))


@register.filter
def has_public_feed(board_id: int) -> bool:
    """Feeds are read as a signed-out visitor (forum/feeds.py): only a board that visitors can read
    has one, so the page offers the link only then (a beta board's link would be a 404)."""
    from django.contrib.auth.models import AnonymousUser

    return access_for(AnonymousUser()).can_read(board_id)
