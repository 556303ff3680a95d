"""A small hook registry, the way Wagtail's hooks work: a lower layer names a slot, a higher one fills it.

Every slot is declared once, in ``Hook``; apps register in ``AppConfig.ready()``::

    hooks.register(Hook.HOME_FEATURED_BOARDS, featured_boards)

and the lower layer asks ``hooks.get(Hook.HOME_FEATURED_BOARDS)`` without importing the app. A name
that is not a ``Hook`` (a misspelt string) raises ``LookupError`` instead of silently finding nothing.
"""

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum


class Hook(StrEnum):
    """Every slot, with what a provider receives and returns."""

    COMMUNITY_PRODUCT_CHOICES = "community.product_choices"  # () -> [(id, name)]
    COMMUNITY_PRODUCT_NAMES = "community.product_names"  # (ids) -> {id: name}
    EVENTS_HAPPENED = "events.happened"  # (event=, **ids) -> None, after the commit (community.events)
    FORUM_LISTING_BADGES = "forum.listing_badges"  # (board=) -> forum.queries.ListingBadges | None
    FORUM_NAV_LINKS = "forum.nav_links"  # (user=) -> [(label, url)] in the forum's header for that person
    FORUM_THREAD_BADGES = "forum.thread_badges"  # (thread=) -> [forum.queries.ThreadBadge] under its title
    FORUM_THREAD_DEPENDENTS = "forum.thread_dependents"  # (thread) -> queryset re-indexed with the thread
    HOME_FEATURED_BOARDS = "home.featured_boards"  # (slugs, limit) -> [FeaturedItem]
    HOME_FEATURED_PRODUCTS = "home.featured_products"  # (slugs, limit) -> [FeaturedItem]
    HOME_ANNOUNCEMENTS = "home.announcements"  # (slugs, limit) -> [FeaturedItem]
    HOME_LATEST = "home.latest"  # (request=) -> HTML: the latest threads the reader may see
    NOTIFICATIONS_VISIBLE_KEYS = "notifications.visible_keys"  # which subject keys a person may see
    PROFILES_ACCOUNT_DELETED = "profiles.account_deleted"  # (user=, remove_content=) -> None
    PROFILES_ACTIVITY_TABS = "profiles.activity_tabs"  # (user=, viewer=) -> [tab]
    PROFILES_EXPORT = "profiles.export"  # (user) -> {section: data} for the personal data export
    PROFILES_FEED_ITEMS = "profiles.feed_items"  # (user_ids=, viewer=, limit=) -> [item]
    PROFILES_NAME_CHANGED = "profiles.name_changed"  # (user=) -> None: their public name changed
    # (user=) -> None: what shows beside their name elsewhere changed (avatar, level, team mark)
    PROFILES_PERSON_CHANGED = "profiles.person_changed"
    PROFILES_OWNED_PRODUCTS = "profiles.owned_products"  # (user) -> [{"product_id": ...}]
    REPUTATION_BADGE_HOLDERS = "reputation.badge_holders"  # () -> {badge code: user ids}
    SEARCH_ENTITIES_CHANGED = "search.entities_changed"  # (kind=, ids=): products/releases re-indexed
    STORE_PRODUCT_PANELS = "store.product_panels"  # (product=, request=) -> HTML on a product page
    TEAM_PERMISSIONS = "team.permissions"  # () -> ["app_label.codename"] the product team holds


def _hook(name: str) -> Hook:
    try:
        return Hook(name)
    except ValueError:
        raise LookupError(f"Unknown hook {name!r}: declare it in community.hooks.Hook.") from None


_hooks: dict[Hook, list[tuple[int, Callable]]] = defaultdict(list)


def register(name: Hook, fn: Callable | None = None, *, order: int = 0):
    """Register ``fn`` under ``name``; usable as a decorator. Registering the same function twice is a no-op."""
    name = _hook(name)

    def decorator(func: Callable) -> Callable:
        if all(existing is not func for _, existing in _hooks[name]):
            _hooks[name].append((order, func))
            _hooks[name].sort(key=lambda item: item[0])
        return func

    return decorator(fn) if fn is not None else decorator


def get(name: Hook) -> list[Callable]:
    name = _hook(name)
    return [fn for _, fn in _hooks[name]]


def unregister(name: Hook, fn: Callable) -> None:
    name = _hook(name)
    _hooks[name] = [(order, func) for order, func in _hooks[name] if func is not fn]
