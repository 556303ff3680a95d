"""A person's groups, from the cache: board access (forum), search permissions and the team checks
all ask for them on nearly every page. Joining or leaving a group, or renaming or deleting one,
moves the version on (signals in community.apps), so no page sees an old membership."""

from django.core.cache import cache

from community.cache import TIMEOUT, bump, versioned_key

VERSION = "community.groups"


def group_rows(user) -> tuple[tuple[int, str], ...]:
    """(id, name) of every group the signed-in person belongs to; () for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ()
    key = versioned_key(VERSION, user.pk)
    rows = cache.get(key)
    if rows is None:
        rows = tuple(user.groups.order_by("id").values_list("id", "name"))
        cache.set(key, rows, TIMEOUT)
    return rows


def forget(**kwargs) -> None:
    bump(VERSION)
