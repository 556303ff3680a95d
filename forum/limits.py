"""Per-person rate limits and new-account limits. Numbers live in forum/conf.py (overridable in settings)."""

import threading
from contextlib import contextmanager
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.reputation import api as reputation
from forum import conf
from forum.markdown import count_links_and_images

_state = threading.local()


class RateLimited(ValidationError):
    pass


@contextmanager
def limits_off():
    """For trusted bulk writers (the demo seeder, imports): skip rate and duplicate limits."""
    previous = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = previous


def limits_enabled() -> bool:
    return not getattr(_state, "off", False)


def hit(user, action: str) -> None:
    """Count one ``action`` by ``user``; raise RateLimited past the configured limit."""
    if not limits_enabled():
        return
    limit = conf.get("FORUM_RATE_LIMITS").get(action)
    if not limit:
        return
    count, window = limit
    key = f"forum:rate:{action}:{user.pk}"
    if cache.add(key, 1, timeout=window):
        return
    try:
        current = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return
    if current > count:
        raise RateLimited(
            f"You are doing that too often. Wait a little and try again (limit: {count} per {window} s)."
        )


def is_new_account(user) -> bool:
    days = conf.get("FORUM_NEW_ACCOUNT_DAYS")
    return bool(days) and user.date_joined > timezone.now() - timedelta(days=days)


def is_limited(user, ability: str) -> bool:
    """Whether the new-account limit behind ``ability`` applies to ``user``.

    The limits are what level 1 means: they bind a new account until its reputation unlocks the
    ability (``community.reputation``), and never an established account or the team.
    """
    return is_new_account(user) and not reputation.has_ability(user, ability)


def check_content(user, *, body: str, body_html: str) -> None:
    """New accounts get fewer links and images until their level unlocks them; the same text twice
    in a row is refused."""
    if limits_enabled() and is_new_account(user):
        links, images = count_links_and_images(body_html)
        if links > conf.get("FORUM_NEW_ACCOUNT_MAX_LINKS") and is_limited(user, "post_links"):
            raise ValidationError(
                f"New accounts can post at most {conf.get('FORUM_NEW_ACCOUNT_MAX_LINKS')} links for now."
            )
        if images > conf.get("FORUM_NEW_ACCOUNT_MAX_IMAGES") and is_limited(user, "post_images"):
            raise ValidationError(
                f"New accounts can post at most {conf.get('FORUM_NEW_ACCOUNT_MAX_IMAGES')} images for now."
            )
    if limits_enabled():
        from forum.models import Post

        since = timezone.now() - timedelta(seconds=conf.get("FORUM_DUPLICATE_POST_WINDOW"))
        if Post.objects.filter(author_id=user.pk, created_at__gte=since, body=body.strip()).exists():
            raise ValidationError(
                "You just posted exactly this. Say something new, or edit your earlier post."
            )


def check_start_poll(user) -> None:
    """A new account starts polls once its level unlocks them."""
    if limits_enabled() and is_limited(user, "start_polls"):
        raise ValidationError("New accounts cannot start polls yet: take part a little first.")
