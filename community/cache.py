"""Versioned cache keys: cached data is never invalidated by deleting it, only by moving on.

Every cached value is stored under a key that carries a version number::

    key = versioned_key("forum.access", "boards")      # "forum.access:<version>:boards"
    cache.set(key, rows)
    bump("forum.access")                               # every key of that name is now unreachable

The actions that change what a cache holds call ``bump``; the version moves at once and again when
their transaction commits, so a reader never caches the old rows under the version that lasts. A version that was evicted comes back as
a fresh number from the clock, never as an old one, so an evicted counter cannot resurrect stale
entries. Old entries expire on their own (TIMEOUT).

The cache must be shared by every process that serves pages (Redis in production; a file cache on
one machine) or a bump in one worker would not reach the others.
"""

import time

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60 * 60 * 24


def _version_key(name: str) -> str:
    return f"v:{name}"


def version(name: str) -> int:
    key = _version_key(name)
    current = cache.get(key)
    if current is None:
        current = time.time_ns()
        if not cache.add(key, current, None):
            current = cache.get(key, current)
    return current


def versions(*names: str) -> tuple[int, ...]:
    """Several versions in one round trip (one read of the cache)."""
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys)
    return tuple(found[key] if key in found else version(name) for key, name in zip(keys, names, strict=True))


def versioned_key(name: str, *parts, depends_on: tuple[str, ...] = ()) -> str:
    numbers = versions(name, *depends_on)
    return ":".join([name, *map(str, numbers), *map(str, parts)])


def bump(*names: str) -> None:
    """Move each name on to a new version now, and again once the current transaction commits
    (one cache write for all the names each time).

    Now: code later in the same transaction must not read what it just changed from the cache.
    At commit: a reader in another process that cached the old rows in between (under the first new
    version) is left behind too, so after the commit nobody reads a stale entry."""
    if not names:
        return
    _bump_now(names)
    transaction.on_commit(lambda: _bump_now(names))


def _bump_now(names: tuple[str, ...]) -> None:
    # A new number from the clock rather than incr(): two bumps racing each write a number never used
    # before, on any cache backend (incr is not atomic on the file cache).
    now = time.time_ns()
    cache.set_many({_version_key(name): now for name in names}, None)
