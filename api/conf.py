"""The API's settings, read through typed accessors (each has a default and a test)."""

from django.conf import settings

# (requests, seconds) per caller: a token, a signed-in session, or a visitor's address.
DEFAULT_RATE_LIMITS = {"token": (600, 60), "session": (600, 60), "anonymous": (120, 60)}


def rate_limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_RATE_LIMITS, **getattr(settings, "API_RATE_LIMITS", {})}


def page_size() -> int:
    """Items per page of the API's own lists (notifications, orders, bookmarks...)."""
    return int(getattr(settings, "API_PAGE_SIZE", 30))
