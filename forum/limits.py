"""Per-person rate limits and new-account limits. Numbers live in forum/conf.py (overridable in settings).

Rate limits count in fixed windows, the way django-ratelimit does: every window has its own cache
key, named after the moment the window ends, so a count can never outlive its window whatever the
cache backend does with timeouts (Django's file and database caches re-save an ``incr``-ed value
with the default timeout, which used to push a refused person's window out on every try). Each
person's windows are staggered by a hash of their key, so counters do not all roll over at once.
A refused try is counted too, but only inside the window that is already running.

Every limit here can be switched off for trusted bulk writers (the demo seeder, imports, test
factories) with the ``FORUM_LIMITS_ENABLED`` setting; ``limits_off()`` is a shorthand for
``override_settings(FORUM_LIMITS_ENABLED=False)``.
"""

import math
import time
import zlib
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from django.utils import timezone

from community.reputation import api as reputation
from forum import conf
from forum.markdown import count_links_and_images


class RateLimited(ValidationError):
    pass


def limits_off() -> override_settings:
    """For trusted bulk writers (the demo seeder, imports, test factories): skip the rate,
    duplicate and new-account limits inside a ``with`` block (or as a decorator)."""
    return override_settings(FORUM_LIMITS_ENABLED=False)


def limits_enabled() -> bool:
    return bool(conf.limits_enabled())


def _window_end(key: str, period: int, now: float) -> int:
    """The end (a Unix time) of the ``period``-second window ``now`` falls in, for this key."""
    ts = int(now)
    end = ts - ts % period + zlib.crc32(key.encode()) % period
    return end + period if end <= ts else end


def _per(period: int) -> str:
    if period % 3600 == 0:
        return "hour" if period == 3600 else f"{period // 3600} hours"
    if period % 60 == 0:
        return "minute" if period == 60 else f"{period // 60} minutes"
    return f"{period} seconds"


def hit(user, action: str) -> None:
    """Count one ``action`` by ``user``; raise RateLimited past the configured limit."""
    if not limits_enabled():
        return
    limit = conf.rate_limits().get(action)
    if not limit:
        return
    count, period = limit
    base = f"forum:rate:{action}:{user.pk}"
    now = time.time()
    ends_at = _window_end(base, period, now)
    key = f"{base}:{ends_at}"
    lifetime = ends_at - now + 1
    if cache.add(key, 1, timeout=lifetime):
        return
    try:
        current = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=lifetime)
        return
    if current > count:
        wait = max(1, math.ceil(ends_at - now))
        raise RateLimited(
            f"You are doing that too often (at most {count} per {_per(period)}). "
            f"Try again in {wait} s."
        )


def is_new_account(user) -> bool:
    days = conf.new_account_days()
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
        if links > conf.new_account_max_links() and is_limited(user, "post_links"):
            raise ValidationError(
                f"New accounts can post at most {conf.new_account_max_links()} links for now."
            )
        if images > conf.new_account_max_images() and is_limited(user, "post_images"):
            raise ValidationError(
                f"New accounts can post at most {conf.new_account_max_images()} images for now."
            )
    if limits_enabled():
        from forum.models import Post

        since = timezone.now() - timedelta(seconds=conf.duplicate_post_window())
        if Post.objects.filter(author_id=user.pk, created_at__gte=since, body=body.strip()).exists():
            raise ValidationError(
                "You just posted exactly this. Say something new, or edit your earlier post."
            )


def check_start_poll(user) -> None:
    """A new account starts polls once its level unlocks them."""
    if limits_enabled() and is_limited(user, "start_polls"):
        raise ValidationError("New accounts cannot start polls yet: take part a little first.")
