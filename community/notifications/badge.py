"""The header's unread-notifications badge, cached per person and never stale.

The count depends on the person's notifications and on whether their targets are still visible
to them. Both are versions (``community.cache``): notifying someone or marking their notifications
read moves their own version on; anything that changes what people may see (moderation, board
access, group membership) moves ``VISIBILITY`` on, through ``forget_visibility``. A cached count is
per person (the key carries the person's id), so one person's badge never shows for another."""

from django.core.cache import cache

from community.cache import TIMEOUT, bump, versioned_key

VISIBILITY = "notifications.visibility"


def _name(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def unread_badge(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    key = versioned_key(_name(user.pk), depends_on=(VISIBILITY,))
    count = cache.get(key)
    if count is None:
        count = user.notifications.unread_count()
        cache.set(key, count, TIMEOUT)
    return count


def forget_people(*user_ids: int) -> None:
    bump(*(_name(user_id) for user_id in user_ids))


def forget_visibility() -> None:
    bump(VISIBILITY)
