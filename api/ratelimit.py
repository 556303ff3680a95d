"""Requests per caller in fixed windows: per token, per signed-in person, per visitor's address.

The windows work as ``forum.limits.hit`` does (a cache key per window, named after the moment it
ends, staggered per caller), so a count never outlives its window. Every answer carries the IETF
``RateLimit-Policy`` and ``RateLimit`` headers (draft-ietf-httpapi-ratelimit-headers); past the limit
the answer is 429 with ``Retry-After``. Writes also meet the forum's own per-person limits (posts,
votes, threads), which answer 429 through the same problem details.
"""

import math
import time
import zlib
from dataclasses import dataclass

from django.core.cache import cache
from ninja.errors import HttpError

from api import conf


class RateLimitExceeded(HttpError):
    def __init__(self, wait: int):
        self.wait = wait
        super().__init__(429, f"Too many requests: try again in {wait} s.")


@dataclass(frozen=True)
class Window:
    policy: str
    limit: int
    period: int
    remaining: int
    reset: int  # seconds until the window ends

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.period}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset}',
        }


def _window_end(key: str, period: int, now: float) -> int:
    ts = int(now)
    end = ts - ts % period + zlib.crc32(key.encode()) % period
    return end + period if end <= ts else end


def client_address(request) -> str:
    from allauth.account.adapter import get_adapter

    from community.accounts.throttle import network_of

    try:
        return network_of(get_adapter(request).get_client_ip(request))
    except Exception:  # an unparsable proxy header: fall back to the socket's address
        return request.META.get("REMOTE_ADDR", "")


def identity(caller, request) -> str:
    if caller.kind == "token":
        return f"token:{caller.token.pk}"
    if caller.kind == "session":
        return f"user:{caller.user.pk}"
    return f"address:{client_address(request)}"


def count(request, caller) -> Window:
    """Count this request against the caller's window; raise RateLimitExceeded past the limit."""
    limit, period = conf.rate_limits()[caller.kind]
    base = f"api:rate:{identity(caller, request)}"
    now = time.time()
    ends_at = _window_end(base, period, now)
    key = f"{base}:{ends_at}"
    lifetime = ends_at - now + 1
    if cache.add(key, 1, timeout=lifetime):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=lifetime)
            used = 1
    reset = max(1, math.ceil(ends_at - now))
    window = Window(caller.kind, limit, period, max(0, limit - used), reset)
    request._api_window = window
    if used > limit:
        raise RateLimitExceeded(reset)
    return window
