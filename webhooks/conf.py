"""Webhook settings: one typed accessor per setting (``settings.WEBHOOKS_*``), read at call time, the
pattern of every app's ``conf.py``."""

from datetime import timedelta

from django.conf import settings

# When each attempt of a delivery is made, counted from the first one: exponential backoff (1, 2, 4 ...
# 512 minutes between attempts), then a last attempt a day after the first. Documented in the README.
RETRY_SCHEDULE = (
    timedelta(0),
    *(timedelta(minutes=2**n - 1) for n in range(1, 11)),  # 1, 3, 7, 15 ... 1023 minutes after
    timedelta(days=1),
)


def retry_schedule() -> tuple[timedelta, ...]:
    return tuple(getattr(settings, "WEBHOOKS_RETRY_SCHEDULE", RETRY_SCHEDULE))


def pause_after() -> timedelta:
    """A subscription whose deliveries have failed for this long, without one success, is paused."""
    return getattr(settings, "WEBHOOKS_PAUSE_AFTER", timedelta(days=1))


def allow_private_addresses() -> bool:
    """Whether a subscription may point at loopback or private addresses (tests, a laptop). Off in
    production: a URL that resolves there is refused, so webhooks cannot probe the internal network."""
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))


def timeout_seconds() -> float:
    """How long one attempt may take to connect, and to receive each part of the answer."""
    return float(getattr(settings, "WEBHOOKS_TIMEOUT_SECONDS", 10))


def stale_attempt() -> timedelta:
    """An attempt still marked as sending after this long was lost (its worker stopped): it counts
    as failed and the delivery goes on along its schedule."""
    return getattr(settings, "WEBHOOKS_STALE_ATTEMPT", timedelta(minutes=5))


def secret_overlap() -> timedelta:
    """After a rotation, deliveries carry a signature with the old secret too for this long, so a
    receiver can switch secrets without refusing a delivery."""
    return getattr(settings, "WEBHOOKS_SECRET_OVERLAP", timedelta(hours=24))


def log_page_size() -> int:
    return int(getattr(settings, "WEBHOOKS_LOG_PAGE_SIZE", 50))
