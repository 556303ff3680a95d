from django import template

from community.notifications.badge import unread_badge

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The signed-in person's unread notifications they can still see (cached, see badge.py)."""
    return unread_badge(context.get("user"))
