"""Levels from point thresholds (a Wagtail site setting) and the abilities they unlock.

The forum's permission checks call ``has_ability(user, "post_links")`` and friends. A person's
standing is computed once per user object (two or three queries) and kept on it; points that drop
(a reversal) drop the level and lock the abilities again.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Site

from community.cache import TIMEOUT, bump, versioned_key
from community.reputation.models import LevelSettings, ReputationTotal

DEFAULT_LEVELS: list[tuple[str, int]] = [
    ("Newcomer", 0),
    ("Member", 20),
    ("Regular", 100),
    ("Contributor", 300),
    ("Expert", 1000),
    ("Veteran", 3000),
    ("Legend", 10000),
]
ABILITIES = {
    "post_links": ("post_links_level", "Post links"),
    "post_images": ("post_images_level", "Post images"),
    "start_polls": ("start_polls_level", "Start polls"),
    "skip_approval": ("skip_approval_level", "Posts skip the approval queue"),
    "report_weight": ("report_weight_level", "Reports weigh double"),
}
_CACHE_ATTR = "_reputation_standing"


@dataclass(frozen=True)
class Level:
    number: int
    title: str
    min_points: int
    next_points: int | None


@dataclass(frozen=True)
class Standing:
    points: int
    level: Level
    abilities: frozenset[str] = field(default_factory=frozenset)


def level_settings() -> LevelSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return LevelSettings.for_site(site) if site else LevelSettings()


def level_table(settings: LevelSettings | None = None) -> list[tuple[str, int]]:
    settings = settings or level_settings()
    table = [(block.value["title"], int(block.value["min_points"])) for block in settings.levels or []]
    table = sorted(table or DEFAULT_LEVELS, key=lambda row: row[1])
    if table[0][1] > 0:
        table.insert(0, ("Newcomer", 0))
    return table


LEVELS_CACHE = "reputation.levels"  # bumped when the level settings are saved (ReputationConfig.ready)


def cached_level_table() -> list[tuple[str, int]]:
    """``level_table()`` from the cache: the person component shows a title beside every name, and
    the pages that show names must not pay the settings' queries each time."""
    key = versioned_key(LEVELS_CACHE, "table")
    table = cache.get(key)
    if table is None:
        table = level_table()
        cache.set(key, table, TIMEOUT)
    return table


def forget_level_table(*, instance=None, created: bool = False, **kwargs) -> None:
    """``post_save`` receiver for LevelSettings (saved in the Wagtail admin, not by our actions).
    The empty row Wagtail creates on the first read of the settings changes no level: the first
    page of a site does not throw away the table it is caching."""
    if created and instance is not None and not instance.levels:
        return
    bump(LEVELS_CACHE)


def level_for_points(points: int, table: list[tuple[str, int]]) -> Level:
    number = 1
    for index, (_, min_points) in enumerate(table, start=1):
        if points >= min_points:
            number = index
    title, min_points = table[number - 1]
    next_points = table[number][1] if number < len(table) else None
    return Level(number=number, title=title, min_points=min_points, next_points=next_points)


def ability_levels(settings: LevelSettings) -> dict[str, int]:
    return {name: getattr(settings, attr) for name, (attr, _) in ABILITIES.items()}


def standing_for_points(points: int, settings: LevelSettings, *, is_team: bool = False) -> Standing:
    level = level_for_points(points, level_table(settings))
    unlocked = {
        name for name, needed in ability_levels(settings).items() if is_team or level.number >= needed
    }
    return Standing(points=points, level=level, abilities=frozenset(unlocked))


def standing(user, *, settings: LevelSettings | None = None) -> Standing | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    points = ReputationTotal.objects.filter(user_id=user.pk).values_list("points", flat=True).first() or 0
    result = standing_for_points(
        points, settings or level_settings(), is_team=user.is_superuser or user.is_staff
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_standing(user) -> None:
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_ability(user, ability: str) -> bool:
    """Whether ``user``'s level unlocks ``ability`` (one of ABILITIES). The team has them all;
    anonymous and inactive people none."""
    if ability not in ABILITIES:
        raise ValueError(f"Unknown ability {ability!r}; known: {', '.join(ABILITIES)}")
    result = standing(user)
    return result is not None and ability in result.abilities


def report_weight(user) -> int:
    """How much a report by ``user`` counts towards hiding a post: 2 with the ability, else 1."""
    return 2 if has_ability(user, "report_weight") else 1
